"""Pydantic's validation errors in plain words, with a hint to fix each."""

from __future__ import annotations

from typing import Any

from argmap.model.schema import Claim, Meta
from argmap.model.vocabulary import ID_RULE, KINDS

__all__ = ["describe_error"]

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
        # an entry of a list of ids (``supports: [a, Bad Id]``) is named by its list
        name = f"{parent} entry" if loc and isinstance(loc[-1], int) else field
        return (
            f"{name} {_value_at(data, loc)!r}{where} is not a valid claim id",
            ID_RULE,
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
    try:
        for part in loc:
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
