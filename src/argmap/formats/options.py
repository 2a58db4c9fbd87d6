"""Writer options: a frozen dataclass per writer that takes any, checked alike for all.

A writer is called with its options object, or with the same options as keywords; an
option it does not have is a `MapError` that names the ones it has, whichever writer it is.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any, TypeVar

from argmap.errors import MapError

T = TypeVar("T")


def option_names(kind: type[Any] | None) -> list[str]:
    """The options a writer declares (none when it has no options class)."""
    return sorted(field.name for field in dataclasses.fields(kind)) if kind is not None else []


def writer_options(writer: str, kind: type[T], options: T | None, fields: Mapping[str, Any]) -> T:
    """``options`` (the defaults where None) with ``fields`` laid over it; `MapError` for an
    option the ``writer`` does not have."""
    _refuse_unknown(writer, kind, fields)
    if options is None:
        return kind(**fields)
    if not isinstance(options, kind):
        raise MapError(
            f"the {writer} writer takes {kind.__name__}, not {type(options).__name__}",
            hint=_hint(kind),
        )
    return dataclasses.replace(options, **fields) if fields else options  # type: ignore[type-var]


def no_options(writer: str, options: object, fields: Mapping[str, Any]) -> None:
    """`writer_options` for a writer that has none: any option is a `MapError`."""
    _refuse_unknown(writer, None, fields)
    if options is not None:
        raise MapError(f"the {writer} writer takes no options", hint=_hint(None))


def _refuse_unknown(writer: str, kind: type[Any] | None, fields: Mapping[str, Any]) -> None:
    names = option_names(kind)
    for name in fields:
        if name not in names:
            raise MapError(f"the {writer} writer has no option {name!r}", hint=_hint(kind))


def _hint(kind: type[Any] | None) -> str:
    return "its options: " + (", ".join(option_names(kind)) or "none")
