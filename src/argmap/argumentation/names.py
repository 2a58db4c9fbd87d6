"""The semantics and gradual methods argmap knows, by the names and aliases users type.

Unknown names raise a `MapError` listing the choices, so the CLI can pass its options through.
"""

from __future__ import annotations

__all__ = ["GRADUAL", "SEMANTICS", "gradual_name", "semantics_name"]

SEMANTICS: tuple[str, ...] = ("grounded", "complete", "preferred", "stable", "semi-stable", "stage", "ideal")
_SEMANTICS_ALIASES = {
    "gr": "grounded",
    "co": "complete",
    "pr": "preferred",
    "st": "stable",
    "sst": "semi-stable",
    "semistable": "semi-stable",
    "semi_stable": "semi-stable",
    "stg": "stage",
    "id": "ideal",
}
GRADUAL: tuple[str, ...] = ("dfquad", "hcat")
_GRADUAL_ALIASES = {"df-quad": "dfquad", "h-categoriser": "hcat", "hcategoriser": "hcat", "h-cat": "hcat"}


def semantics_name(name: str) -> str:
    """The canonical semantics name; a `MapError` listing the choices for anything else."""
    return _canonical(name, SEMANTICS, _SEMANTICS_ALIASES, "semantics")


def gradual_name(name: str) -> str:
    """The canonical gradual method; a `MapError` listing the choices for anything else."""
    return _canonical(name, GRADUAL, _GRADUAL_ALIASES, "gradual semantics")


def _canonical(name: str, choices: tuple[str, ...], aliases: dict[str, str], what: str) -> str:
    key = name.strip().lower()
    key = aliases.get(key, key)
    if key not in choices:
        from argmap.errors import MapError

        raise MapError(f"unknown {what} {name!r}", hint="choose one of: " + ", ".join(choices))
    return key
