"""argmap: make the reasoning of an argued text inspectable.

The public API is imported lazily (PEP 562) so that ``argmap --help`` does not pay for
pydantic, networkx or PyYAML.
"""

from __future__ import annotations

#: typing.TYPE_CHECKING without importing typing (a cost on every ``argmap --help``); type
#: checkers treat any ``TYPE_CHECKING`` this way.
TYPE_CHECKING = False

from argmap.version import __version__

__all__ = [
    "ArgumentMap",
    "Claim",
    "Linked",
    "MapError",
    "Meta",
    "Undercut",
    "__version__",
    "dump",
    "dumps",
    "load",
    "loads",
]

_LAZY = {
    "ArgumentMap": "argmap.model",
    "Claim": "argmap.model",
    "Linked": "argmap.model",
    "Meta": "argmap.model",
    "Undercut": "argmap.model",
    "MapError": "argmap.errors",
    "dump": "argmap.formats",
    "dumps": "argmap.formats",
    "load": "argmap.formats",
    "loads": "argmap.formats",
}

if TYPE_CHECKING:
    from typing import Any

    from argmap.errors import MapError
    from argmap.formats import dump, dumps, load, loads
    from argmap.model import ArgumentMap, Claim, Linked, Meta, Undercut


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'argmap' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
