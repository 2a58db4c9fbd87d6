"""Plain data to `ArgumentMap`: chunked validation of big maps, and located errors."""

from __future__ import annotations

from collections.abc import Callable
from itertools import islice
from typing import Any, TypeVar

from pydantic_core import InitErrorDetails, ValidationError

from argmap.errors import Locator, MapError
from argmap.model.messages import describe_error
from argmap.model.references import reference_problems, unconnected, unquoted
from argmap.model.schema import ArgumentMap, Claim, Linked, Undercut
from argmap.progress import progress_advance, progress_step

T = TypeVar("T")


def validate(
    data: Any,
    source_text: str | None = None,
    *,
    lenient: bool = False,
    consume: bool = False,
    path: str | None = None,
) -> ArgumentMap:
    """Validate plain data (from any reader) into an `ArgumentMap`.

    A map whose structure is sound but that is a draft (quotes not in ``source_text``,
    claims not connected to any thesis) is returned, with a `DraftWarning` for each problem.
    ``lenient`` checks the shape only and leaves cross-references and drafts to the caller.
    ``consume`` lets a big map's claims be validated a chunk at a time, each chunk's plain data
    dropped once its models exist: the models then reuse that memory, which lowers the peak
    for big maps. The caller's ``data["claims"]`` is left full of None.
    """
    amap = _validate(data, lenient=lenient, consume=consume)
    if not lenient:
        warn_drafts(amap, source_text, path=path)  # ``path``: the file the warnings name
    return amap


def _validate(data: Any, *, lenient: bool, consume: bool) -> ArgumentMap:
    context = {"lenient": lenient}
    claims = data.get("claims") if type(data) is dict else None
    with progress_step("validate", total=len(claims) if type(claims) is list else None):
        if consume and _big(data):
            data = {**data, "claims": _validate_claims_consuming(data["claims"])}
        return ArgumentMap.model_validate(data, context=context)


#: Quotes not found that get a warning each; the rest are counted in one more.
QUOTE_WARNINGS = 5
#: Claims named in the one warning about claims not connected to any thesis.
LOOSE_NAMED = 3


def warn_drafts(
    amap: ArgumentMap,
    source_text: str | None,
    *,
    path: str | None = None,
    locate: Locator | None = None,
) -> None:
    """A `DraftWarning` for each quote not in ``source_text`` (a few, then a count), and one
    for all the claims not connected to any thesis, each located where ``locate`` can tell."""
    from argmap.errors import DraftWarning, warn

    def where(loc: tuple[Any, ...]) -> tuple[int | None, int | None]:
        found = locate(loc, False) if locate is not None else None
        return found or (None, None)

    if source_text is not None:
        missing = list(unquoted(amap, source_text))
        for problem in missing[:QUOTE_WARNINGS]:
            line, column = where(problem.loc)
            message = f"{problem.message}; {problem.hint} (argmap check shows the closest passage)"
            warn(message, path=path, line=line, column=column, category=DraftWarning)
        if len(missing) > QUOTE_WARNINGS:
            line, column = where(missing[QUOTE_WARNINGS].loc)
            more = len(missing) - QUOTE_WARNINGS
            message = (
                f"{more} more quotes do not occur verbatim in the source text; argmap check lists them all"
            )
            warn(message, path=path, line=line, column=column, category=DraftWarning)
    loose = unconnected(amap)
    if loose:
        line, column = where(("claims", loose[0]))
        warn(_loose_message(amap, loose), path=path, line=line, column=column, category=DraftWarning)


def _loose_message(amap: ArgumentMap, loose: list[int]) -> str:
    """One sentence for all the claims not connected to any thesis, naming the first few."""
    named = ", ".join(repr(amap.claims[index].id) for index in loose[:LOOSE_NAMED])
    if len(loose) == 1:
        return f"claim {named} is not connected to any thesis; relate it to the argument or remove it"
    if len(loose) > LOOSE_NAMED:
        named += f" and {len(loose) - LOOSE_NAMED} more"
    return (
        f"{len(loose)} claims are not connected to any thesis: {named}; "
        "relate them to the argument or remove them (argmap check lists each)"
    )


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
        progress_advance(start + len(chunk))
        del chunk
    return models


def validate_located(
    data: Any,
    *,
    path: str | None,
    source_text: str | None,
    locate: Locator,
    lenient: bool = False,
    consume: bool = False,
) -> ArgumentMap:
    """`validate`, turning every pydantic error into one located `MapError` that reports them all,
    in the order of the file, and locating every draft warning.

    With ``consume``, a big map that fails raises `InputConsumed` instead: its error needs the
    plain data that validation dropped, so the reader reads the input again without consuming.
    """
    consume = consume and _big(data)
    try:
        amap = _validate(data, lenient=lenient, consume=consume)
    except ValidationError as exc:
        if consume:
            raise InputConsumed from None
        raise _located_error(exc, data, path, locate) from None
    if not lenient:
        warn_drafts(amap, source_text, path=path, locate=locate)
    return amap


def _located_error(exc: ValidationError, data: Any, path: str | None, locate: Locator) -> MapError:
    """Every problem of a map that failed validation, field errors and broken references alike.

    Pydantic stops before the whole-map checks when a field is wrong; they are run here on
    what the data holds, so that one run shows every problem.
    """
    errors = exc.errors(include_url=False, include_input=False, include_context=True)
    # (where, message, hint, at the key, kind: pydantic's error type or the whole-map check's code)
    found: list[tuple[tuple[Any, ...], str, str | None, bool, str]] = []
    for error in errors:
        message, hint = describe_error(error, data)
        found.append((tuple(error["loc"]), message, hint, error["type"] == "extra_forbidden", error["type"]))
    if any(error["type"] not in STRUCTURE_CODES for error in errors):
        wrong = {loc for loc, *_ in found}
        found.extend(
            (problem.loc, problem.message, problem.hint, False, problem.code)
            for problem in islice(reference_problems(salvage(data)), MOST_REFERENCE_PROBLEMS)
            if not any(problem.loc[: len(loc)] == loc for loc in wrong)
        )
    problems = []
    for loc, message, hint, key, kind in found:
        where = locate(loc, key)
        problems.append(
            MapError(
                message,
                path=path,
                line=where[0] if where else None,
                column=where[1] if where else None,
                hint=hint,
                kind=kind,
            )
        )
    problems.sort(key=lambda p: (p.line is None, p.line or 0, p.column or 0))
    return MapError.of(problems)


#: Most broken references reported beside field errors (as `ArgumentMap` validation reports).
MOST_REFERENCE_PROBLEMS = 50
#: The codes of the whole-map problems `ArgumentMap` validation raises (`reference_problems`).
STRUCTURE_CODES = frozenset({"unknown_id", "duplicate_id", "self_relation", "no_such_support"})


def salvage(data: Any) -> ArgumentMap:
    """The ids and relations of plain data that failed validation, unchecked, for the
    whole-map checks: whatever is not a claim id is left out, a claim without a usable id
    gets one that no reference can name."""
    items = data.get("claims") if isinstance(data, dict) else None
    claims = []
    for position, item in enumerate(items if isinstance(items, list) else []):
        fields = item if isinstance(item, dict) else {}
        claim_id = fields.get("id")
        claims.append(
            Claim.model_construct(
                id=claim_id if isinstance(claim_id, str) else f"\x00{position}",
                supports=_ids(fields.get("supports")),
                attacks=_ids(fields.get("attacks")),
                contrasts=_ids(fields.get("contrasts")),
                linked=[
                    Linked.model_construct(to=link["to"], with_=_ids(link.get("with")))
                    for link in _mappings(fields.get("linked"))
                    if isinstance(link.get("to"), str)
                ],
                undercuts=[
                    Undercut.model_construct(from_=cut["from"], to=cut["to"])
                    for cut in _mappings(fields.get("undercuts"))
                    if isinstance(cut.get("from"), str) and isinstance(cut.get("to"), str)
                ],
            )
        )
    return ArgumentMap.model_construct(claims=claims)


def _ids(value: Any) -> list[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def _mappings(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []
