"""The canonical document: claims and the relations they make.

Every reader returns an `ArgumentMap` and every writer takes one, so this module is the
contract between formats. Relations live on the claim that makes them (``supports``,
``attacks``, ``contrasts``, ``linked``, ``undercuts``), exactly as in the YAML file.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from functools import cached_property, partial
from inspect import Parameter, Signature
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError, ValidationError

from argmap.model.references import reference_problems
from argmap.model.vocabulary import MAX_ID, SLUG_PATTERN, Kind

if TYPE_CHECKING:
    import networkx as nx


class _Nfc(partial[str]):
    """``unicodedata.normalize("NFC", value)``: ids are kept in NFC, so an id typed with a
    combining accent names the precomposed one.

    A C call, not a Python function: it runs for every id and reference of a big map. The
    signature is given, as for `_Factory`, so that pydantic need not parse the builtin's.
    """

    __signature__ = Signature([Parameter("value", Parameter.POSITIONAL_ONLY)])


ClaimId = Annotated[
    str,
    Field(pattern=SLUG_PATTERN, max_length=MAX_ID),
    AfterValidator(_Nfc(unicodedata.normalize, "NFC")),
]


class _Factory(partial[Any]):
    """A default factory that pydantic can inspect cheaply and that calls at C speed.

    pydantic reads each factory's signature when it builds a model; for a builtin such as
    ``list`` that means tokenizing its text signature, the largest single cost of building the
    models at start-up. A plain function would avoid it but costs a Python frame per default,
    per claim, on every load.
    """

    __signature__ = Signature()


_EMPTY_LIST = _Factory(list)

_CONFIG = ConfigDict(extra="forbid", hide_input_in_errors=True, populate_by_name=True)


class Meta(BaseModel):
    """Where the map comes from; ``source`` is the text the quotes are checked against."""

    model_config = _CONFIG

    title: str | None = None
    author: str | None = None
    source: str | None = None
    licence: str | None = None
    url: str | None = None


class Linked(BaseModel):
    """A linked support: the declaring claim *together with* ``with_`` supports ``to``.

    None of the premises supports the conclusion alone; an undercut of any of them
    (``undercuts: [{from: premise, to: conclusion}]``) hits the whole group.
    """

    model_config = _CONFIG

    to: ClaimId
    with_: list[ClaimId] = Field(alias="with", min_length=1)


class Undercut(BaseModel):
    """An attack on the inference ``from_`` → ``to``, not on either claim."""

    model_config = _CONFIG

    from_: ClaimId = Field(alias="from")
    to: ClaimId


class Claim(BaseModel):
    """One statement of the argument, with the relations it makes to other claims."""

    model_config = _CONFIG

    id: ClaimId
    kind: Kind = "claim"
    text: str = Field(min_length=1)
    quote: str | None = None
    section: str | None = None
    tags: list[str] = Field(default_factory=_EMPTY_LIST)
    supports: list[ClaimId] = Field(default_factory=_EMPTY_LIST)
    attacks: list[ClaimId] = Field(default_factory=_EMPTY_LIST)
    contrasts: list[ClaimId] = Field(default_factory=_EMPTY_LIST)
    linked: list[Linked] = Field(default_factory=_EMPTY_LIST)
    undercuts: list[Undercut] = Field(default_factory=_EMPTY_LIST)
    base_score: float | None = Field(default=None, ge=0.0, le=1.0)


class ArgumentMap(BaseModel):
    """A whole map. Validation checks ids and references (quotes only warn, see `validate`)."""

    model_config = _CONFIG

    meta: Meta = Field(default_factory=_Factory(Meta))
    claims: list[Claim] = Field(default_factory=_EMPTY_LIST)

    @cached_property
    def by_id(self) -> dict[str, Claim]:
        """Claims by id (a map is not edited in place; `model_copy` starts a fresh index)."""
        return {claim.id: claim for claim in self.claims}

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> ArgumentMap:
        """A copy whose ``by_id`` describes its own claims, not the original's."""
        copy = super().model_copy(update=update, deep=deep)
        copy.__dict__.pop("by_id", None)
        return copy

    def __getitem__(self, claim_id: str) -> Claim:
        return self.by_id[claim_id]

    def __contains__(self, claim_id: object) -> bool:
        return claim_id in self.by_id

    def __len__(self) -> int:
        return len(self.claims)

    def graph(self) -> nx.MultiDiGraph[str]:
        """The derived networkx index: node = claim id, data ``claim``, edge key = relation."""
        from argmap.model.index import build

        return build(self)

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> ArgumentMap:
        context = info.context or {}
        if context.get("lenient"):
            return self  # `argmap check` collects these problems itself, all of them
        # Quotes are not checked here: a quote not (yet) in the source leaves a sound map, a
        # draft that validation warns about (`argmap.model.validation`).
        problems = list(reference_problems(self, by_id=self.by_id))
        if problems:
            raise ValidationError.from_exception_data(
                "ArgumentMap",
                [
                    InitErrorDetails(
                        type=PydanticCustomError(p.code, p.message + (f"; {p.hint}" if p.hint else "")),
                        loc=p.loc,
                        input=None,
                    )
                    for p in problems[:50]
                ],
            )
        return self
