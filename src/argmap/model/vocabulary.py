"""The words a map is written in: claim kinds, relation kinds, the shape of an id.

A module of its own, with no imports, so the schema and the reference checks share it
without importing each other.
"""

from __future__ import annotations

from typing import Literal

KINDS: tuple[str, ...] = ("thesis", "claim", "evidence", "objection", "rebuttal")
Kind = Literal["thesis", "claim", "evidence", "objection", "rebuttal"]
#: The plain relation fields of a claim, also the edge keys of `ArgumentMap.graph`.
RELATIONS: tuple[str, ...] = ("supports", "attacks", "contrasts")
SLUG_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"

__all__ = ["KINDS", "RELATIONS", "SLUG_PATTERN", "Kind"]
