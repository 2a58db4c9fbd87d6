"""Plain data to `ArgumentMap`: chunked validation of big maps and located error wording."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from pydantic_core import InitErrorDetails, ValidationError

from argmap.errors import MapError
from argmap.model.schema import ArgumentMap, Claim, Meta
from argmap.model.vocabulary import KINDS

T = TypeVar("T")


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
