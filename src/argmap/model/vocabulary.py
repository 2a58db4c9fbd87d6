"""The words a map is written in: claim kinds, relation kinds, the shape of an id.

A module of its own, importing nothing of argmap, so the schema and the reference checks
share it without importing each other.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any, Literal

KINDS: tuple[str, ...] = ("thesis", "claim", "evidence", "objection", "rebuttal")
Kind = Literal["thesis", "claim", "evidence", "objection", "rebuttal"]
#: The plain relation fields of a claim, also the edge keys of `ArgumentMap.graph`.
RELATIONS: tuple[str, ...] = ("supports", "attacks", "contrasts")
#: A claim id: a letter or decimal digit of any script, then letters, combining marks (the
#: vowel signs of Devanagari or Thai are marks), digits, '.', '_' and '-'. Written in the
#: syntax pydantic's regex engine and ECMA-262 (with the ``u`` flag) share; Python's ``re``
#: has no ``\p{..}``, so Python code asks `is_claim_id`.
SLUG_PATTERN = r"^[\p{L}\p{Nd}][\p{L}\p{M}\p{Nd}._-]*$"
#: What an invalid id is told, wherever ids are checked.
ID_RULE = "ids use letters and digits of any script, '-', '_' and '.', and start with a letter or digit"
#: Longest claim id.
MAX_ID = 200

_ASCII_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def is_claim_id(text: str) -> bool:
    """Whether ``text`` is a valid claim id as it stands (`SLUG_PATTERN`, at most `MAX_ID`).

    Beyond ASCII the model's own regex engine decides, not Python's ``unicodedata``: the two
    know different Unicode versions, and a letter the model accepts must be an id here too.
    """
    if not 0 < len(text) <= MAX_ID:
        return False
    if text.isascii():
        return _ASCII_ID.fullmatch(text) is not None
    from pydantic_core import ValidationError

    try:
        _unicode_ids().validate_python(text)
    except ValidationError:
        return False
    return True


@functools.cache
def _unicode_ids() -> Any:
    from pydantic_core import SchemaValidator, core_schema

    return SchemaValidator(core_schema.str_schema(pattern=SLUG_PATTERN))


def is_id_letter(char: str) -> bool:
    """Whether ``char`` is a letter, combining mark or decimal digit as ids read them (the
    model's pattern decides, as in `is_claim_id`): what a slug keeps of a title."""
    return char not in "._-" and is_claim_id("a" + char)


def normalize_id(text: str) -> str:
    """``text`` in Unicode NFC, the one spelling ids are kept and looked up in.

    ``é`` typed as ``e`` plus a combining accent is then the same id as the precomposed ``é``.
    """
    return text if text.isascii() else unicodedata.normalize("NFC", text)


__all__ = [
    "ID_RULE",
    "KINDS",
    "MAX_ID",
    "RELATIONS",
    "SLUG_PATTERN",
    "Kind",
    "is_claim_id",
    "is_id_letter",
    "normalize_id",
]
