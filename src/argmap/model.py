"""The canonical document: claims, their relations, and whole-map validation.

Every reader returns an `ArgumentMap` and every writer takes one, so this module is the
contract between formats. Relations live on the claim that makes them (``supports``,
``attacks``, ``contrasts``, ``linked``, ``undercuts``), exactly as in the YAML file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError, ValidationError

from argmap.errors import MapError

if TYPE_CHECKING:
    import networkx as nx

KINDS: tuple[str, ...] = ("thesis", "claim", "evidence", "objection", "rebuttal")
Kind = Literal["thesis", "claim", "evidence", "objection", "rebuttal"]
#: The relation kinds, also the edge keys of `ArgumentMap.graph`.
RELATIONS: tuple[str, ...] = ("supports", "attacks", "contrasts")

T = TypeVar("T")

SLUG_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"
ClaimId = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=200)]

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
    tags: list[str] = Field(default_factory=list)
    supports: list[ClaimId] = Field(default_factory=list)
    attacks: list[ClaimId] = Field(default_factory=list)
    contrasts: list[ClaimId] = Field(default_factory=list)
    linked: list[Linked] = Field(default_factory=list)
    undercuts: list[Undercut] = Field(default_factory=list)
    base_score: float | None = Field(default=None, ge=0.0, le=1.0)

    def relations(self) -> Iterator[tuple[str, str]]:
        """(kind, target) for each plain relation this claim makes, linked ones included."""
        for target in self.supports:
            yield "supports", target
        for link in self.linked:
            yield "supports", link.to
        for target in self.attacks:
            yield "attacks", target
        for target in self.contrasts:
            yield "contrasts", target


@dataclass(frozen=True)
class Problem:
    """A whole-map inconsistency found at a pydantic-style location."""

    loc: tuple[str | int, ...]
    code: str
    message: str
    hint: str | None = None


class ArgumentMap(BaseModel):
    """A whole map. Validation checks ids, references and (given the source) quotes."""

    model_config = _CONFIG

    meta: Meta = Field(default_factory=Meta)
    claims: list[Claim] = Field(default_factory=list)

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

    def graph(self) -> nx.MultiDiGraph:
        """The derived networkx index: node = claim id, data ``claim``, edge key = relation."""
        from argmap.graph import build

        return build(self)

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> ArgumentMap:
        context = info.context or {}
        if context.get("lenient"):
            return self  # `argmap check` collects these problems itself, all of them
        source_text = context.get("source_text")
        problems = list(reference_problems(self, source_text, by_id=self.by_id))
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


def reference_problems(
    amap: ArgumentMap, source_text: str | None = None, *, by_id: Mapping[str, Claim] | None = None
) -> Iterator[Problem]:
    """Duplicate ids, unknown or self references, missing supports, quotes not in the source.

    ``by_id`` is the map's id index when the caller has just built it (validation does, and
    keeps it as `ArgumentMap.by_id`: a million-entry dict costs about a second to build).
    """
    from argmap.errors import did_you_mean

    claims = amap.claims
    known: Mapping[str, object] = {c.id: c for c in claims} if by_id is None else by_id
    if len(known) != len(claims):
        seen: dict[str, int] = {}
        for index, claim in enumerate(claims):
            claim_id = claim.id
            if claim_id in seen:
                yield Problem(
                    ("claims", index, "id"),
                    "duplicate_id",
                    f"duplicate claim id {claim_id!r} (first used by claim {seen[claim_id] + 1})",
                    "give each claim its own id",
                )
            else:
                seen[claim_id] = index
        known = seen

    def unknown(target: str, loc: tuple[str | int, ...]) -> Problem:
        hint = did_you_mean(target, known) if len(known) <= 20_000 else None
        return Problem(loc, "unknown_id", f"no claim has the id {target!r}", hint or "check the spelling")

    pairs: set[tuple[str, str]] | None = None
    check_quotes = source_text is not None
    for index, claim in enumerate(claims):
        claim_id = claim.id
        # The common case (every target known, none the claim itself) is one quick pass;
        # only a claim with a problem builds locations, in the same order as always.
        clean = True
        for target in claim.supports:
            if target == claim_id or target not in known:
                clean = False
        for target in claim.attacks:
            if target == claim_id or target not in known:
                clean = False
        for target in claim.contrasts:
            if target == claim_id or target not in known:
                clean = False
        if not clean:
            for field in RELATIONS:
                for position, target in enumerate(getattr(claim, field)):
                    loc: tuple[str | int, ...] = ("claims", index, field, position)
                    if target not in known:
                        yield unknown(target, loc)
                    elif target == claim_id:
                        yield Problem(loc, "self_relation", f"claim {claim_id!r} {field} itself", "remove it")
        if claim.linked:
            for position, link in enumerate(claim.linked):
                for key, target in [("to", link.to)] + [("with", t) for t in link.with_]:
                    loc = ("claims", index, "linked", position, key)
                    if target not in known:
                        yield unknown(target, loc)
                    elif target == claim_id:
                        yield Problem(
                            loc, "self_relation", f"claim {claim_id!r} is linked to itself", "remove it"
                        )
        if claim.undercuts:
            for position, cut in enumerate(claim.undercuts):
                loc = ("claims", index, "undercuts", position)
                missing = [t for t in (cut.from_, cut.to) if t not in known]
                if missing:
                    yield unknown(missing[0], (*loc, "from" if missing[0] == cut.from_ else "to"))
                    continue
                if pairs is None:
                    pairs = support_pairs(amap)
                if (cut.from_, cut.to) not in pairs:
                    yield Problem(
                        loc,
                        "no_such_support",
                        f"{cut.from_!r} does not support {cut.to!r}, so there is no inference to undercut",
                        f"add {cut.to!r} to the supports of {cut.from_!r}, or attack the claim instead",
                    )
        if check_quotes and claim.quote is not None and claim.quote not in source_text:  # type: ignore[operator]
            yield Problem(
                ("claims", index, "quote"),
                "quote_not_found",
                f"the quote of {claim_id!r} does not occur verbatim in the source text",
                "copy the span exactly from the source",
            )


def support_pairs(amap: ArgumentMap) -> set[tuple[str, str]]:
    """Every (premise, conclusion) inference, each premise of a linked group included."""
    pairs = set()
    for claim in amap.claims:
        pairs.update((claim.id, target) for target in claim.supports)
        for link in claim.linked:
            pairs.update((premise, link.to) for premise in (claim.id, *link.with_))
    return pairs


def validate(
    data: Any, source_text: str | None = None, *, lenient: bool = False, consume: bool = False
) -> ArgumentMap:
    """Validate plain data (from any reader) into an `ArgumentMap`.

    ``lenient`` checks the shape only and leaves cross-references to the caller. ``consume``
    lets a big map's claims be validated a chunk at a time, each chunk's plain data dropped
    once its models exist: the models then reuse that memory (a million claims peak about a
    gigabyte lower). The caller's ``data["claims"]`` is left full of None.
    """
    context = {"source_text": source_text, "lenient": lenient}
    if consume and _big(data):
        data = {**data, "claims": _validate_claims_consuming(data["claims"])}
    return ArgumentMap.model_validate(data, context=context)


def _big(data: Any) -> bool:
    """Whether `validate` would consume ``data`` (a claim list longer than one chunk)."""
    claims = data.get("claims") if type(data) is dict else None
    return type(claims) is list and len(claims) > CHUNK


#: Claims validated per step when `validate` may consume its input.
CHUNK = 20_000


class InputConsumed(Exception):
    """A big map failed validation after its plain data was dropped; read it again whole."""


def read_consuming(read: Callable[[bool], T]) -> T:
    """``read(consume=True)``; should that fail after dropping the data its error needs,
    ``read(consume=False)`` for the exact message (its warnings were already given)."""
    from argmap.errors import warnings_silenced

    try:
        return read(True)
    except InputConsumed:
        with warnings_silenced():
            return read(False)


def _validate_claims_consuming(claims: list[Any]) -> list[Claim]:
    from pydantic import TypeAdapter

    adapter = TypeAdapter(list[Claim])
    models: list[Claim] = []
    for start in range(0, len(claims), CHUNK):
        chunk = claims[start : start + CHUNK]
        try:
            models += adapter.validate_python(chunk)
        except ValidationError as exc:
            raise ValidationError.from_exception_data(
                "ArgumentMap",
                [
                    InitErrorDetails(
                        type=error["type"],
                        loc=("claims", start + error["loc"][0], *error["loc"][1:]),  # type: ignore[operator]
                        input=error["input"],
                        ctx=error.get("ctx", {}),
                    )
                    for error in exc.errors(include_url=False)
                ],
                hide_input=True,
            ) from None
        claims[start : start + CHUNK] = [None] * len(chunk)
        del chunk
    return models


_FIELD_NAMES = {
    "claims": set(Claim.model_fields) | {"linked", "undercuts"},
    "meta": set(Meta.model_fields),
    "linked": {"to", "with"},
    "undercuts": {"from", "to"},
    "": {"meta", "claims"},
}
_FRIENDLY = {
    "list_type": "expected a list",
    "dict_type": "expected a mapping of keys to values",
    "model_type": "expected a mapping of keys to values",
    "model_attributes_type": "expected a mapping of keys to values",
    "string_type": "expected text",
    "float_parsing": "expected a number",
    "float_type": "expected a number",
}


def validate_located(
    data: Any,
    *,
    path: str | None,
    source_text: str | None,
    locate: Callable[[tuple[Any, ...], bool], tuple[int, int] | None],
    lenient: bool = False,
    consume: bool = False,
) -> ArgumentMap:
    """`validate`, turning the first pydantic error into a located `MapError`.

    With ``consume``, a big map that fails raises `InputConsumed` instead: its error needs the
    plain data that validation dropped, so the reader reads the input again without consuming.
    """
    consume = consume and _big(data)
    try:
        return validate(data, source_text, lenient=lenient, consume=consume)
    except ValidationError as exc:
        if consume:
            raise InputConsumed from None
        errors = exc.errors(include_url=False, include_input=False, include_context=True)
        first = errors[0]
        loc = tuple(first["loc"])
        message, hint = describe_error(first, data)
        where = locate(loc, first["type"] == "extra_forbidden")
        more = len(errors) - 1
        if more:
            hint = (
                hint + "; " if hint else ""
            ) + f"{more} more problem{'s' if more > 1 else ''} after this one"
        raise MapError(
            message,
            path=path,
            line=where[0] if where else None,
            column=where[1] if where else None,
            hint=hint,
        ) from None


def describe_error(error: Any, data: Any) -> tuple[str, str | None]:
    """A plain-words message and hint for one pydantic error dict."""
    from argmap.errors import did_you_mean

    loc = tuple(error["loc"])
    kind = error["type"]
    field = str(loc[-1]) if loc else ""
    parent = next((str(x) for x in reversed(loc[:-1]) if isinstance(x, str)), "")
    where = _describe_loc(loc, data)
    if kind == "extra_forbidden":
        hint = did_you_mean(field, _FIELD_NAMES.get(parent, ()))
        allowed = ", ".join(sorted(_FIELD_NAMES.get(parent, ())))
        return f"unknown key {field!r}{where}", hint or f"allowed keys: {allowed}"
    if kind == "missing":
        return f"the required key {field!r} is missing{where}", f"add '{field}: ...'"
    if kind == "string_pattern_mismatch":
        return (
            f"{field} {_value_at(data, loc)!r}{where} is not a valid claim id",
            "ids use lowercase letters, digits, '-', '_' and '.', and start with a letter or digit",
        )
    if kind == "literal_error":
        value = _value_at(data, loc)
        hint = did_you_mean(str(value), KINDS) or "choose one of: " + ", ".join(KINDS)
        return f"unknown kind {value!r}{where}", hint
    if kind in ("too_short", "string_too_short"):
        return f"{field}{where} must not be empty", None
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"{field}{where} must be between 0 and 1", None
    if kind in _FRIENDLY:
        hint = (
            "write it as one piece of text, in quotes if it contains ': '" if kind == "string_type" else None
        )
        if kind == "list_type":
            hint = "write a list, e.g. [a, b]"
        return f"{field or 'the document'}{where}: {_FRIENDLY[kind]}", hint
    # Our own cross-reference errors carry their hint after '; '.
    message, _, hint = error["msg"].partition("; ")
    return message, hint or None


def _value_at(data: Any, loc: tuple[Any, ...]) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _describe_loc(loc: tuple[Any, ...], data: Any) -> str:
    if len(loc) >= 2 and loc[0] == "claims" and isinstance(loc[1], int):
        claim_id = _value_at(data, ("claims", loc[1], "id"))
        if isinstance(claim_id, str) and loc[2:] != ("id",):
            return f" in claim {claim_id!r}"
        return f" in claim {loc[1] + 1}"
    if loc and loc[0] == "meta":
        return " in meta"
    return ""
