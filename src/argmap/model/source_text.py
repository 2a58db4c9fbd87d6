"""The text a map's quotes come from: where it is, and where a quote sits in it."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.errors import DraftWarning, MapError, warn
from argmap.files import bundled_map_path, read_text

if TYPE_CHECKING:
    from argmap.model.schema import ArgumentMap


def source_file(amap: ArgumentMap, map_path: str | Path | None) -> Path | None:
    """The file ``meta.source`` names, relative to the map (None: the bundled map; '-': stdin)."""
    source = amap.meta.source
    if not source:
        return None
    if map_path is None:
        base = bundled_map_path().parent
    elif str(map_path) == "-":
        base = Path.cwd()
    else:
        base = Path(map_path).parent
    return base / source


def quote_position(amap: ArgumentMap, map_path: str | Path | None, quote: str) -> tuple[str, int, int] | None:
    """(source as named in the map, line, column) where ``quote`` first occurs in the source text."""
    own = getattr(amap, "quote_at", None)
    if own is not None:
        return own(quote)  # type: ignore[no-any-return]  # a store keeps the text itself
    path = source_file(amap, map_path)
    if path is None or not quote:
        return None
    try:
        text = read_text(path)
    except MapError:
        return None
    return position_in(str(amap.meta.source), text, quote)


def position_in(source: str, text: str, quote: str) -> tuple[str, int, int] | None:
    """(``source``, line, column) of the first ``quote`` in ``text``, line ends normalised."""
    text = text.replace("\r\n", "\n")
    start = text.find(quote)
    if start < 0:
        return None
    line = text.count("\n", 0, start) + 1
    return source, line, start - (text.rfind("\n", 0, start) + 1) + 1


def rebase_source(amap: ArgumentMap, map_path: str | Path | None, output: str | Path) -> ArgumentMap:
    """The map with ``meta.source`` pointing at the same file from ``output``'s folder.

    ``source`` is relative to the map file, so a map written elsewhere must say where the
    text is from there; otherwise its quotes could no longer be checked.
    """
    path = source_file(amap, map_path)
    if path is None or Path(str(amap.meta.source)).is_absolute():
        return amap
    text_path = path.resolve()
    if not text_path.is_file():
        return amap
    new_source = os.path.relpath(text_path, Path(output).resolve().parent)
    meta = amap.meta.model_copy(update={"source": Path(new_source).as_posix()})
    return amap.model_copy(update={"meta": meta})


def read_source_text(
    source: object, map_path: str | None, where: Callable[[], tuple[int, int] | None] = lambda: None
) -> str | None:
    """The text a map's quotes are checked against: ``meta.source``, relative to the map file
    (to the working folder for a map read from stdin or a string).

    One policy for every reader: a source that cannot be read is one located `DraftWarning`
    and the quotes go unchecked, since maps often travel without their source texts.
    """
    if not isinstance(source, str) or not source:
        return None
    try:
        return read_text(_base(map_path) / source).replace("\r\n", "\n")
    except MapError as exc:
        line, column = where() or (None, None)
        warn(
            f"quotes not checked: cannot read the source text {source!r}: {exc.message} ({source_hint(map_path)})",
            path=map_path,
            line=line,
            column=column,
            category=DraftWarning,
        )
        return None


def _base(map_path: str | Path | None) -> Path:
    """The folder ``meta.source`` is relative to: the map's, or the working folder for stdin."""
    return Path(map_path).parent if map_path and str(map_path) != "-" else Path.cwd()


def source_hint(map_path: str | Path | None) -> str:
    """How to fix a ``meta.source`` that cannot be read, for a map at ``map_path``."""
    if map_path is None or str(map_path) == "-":
        return "for a map read from stdin or a string, meta.source is relative to the working folder"
    return "meta.source is relative to the map file; fix the path or remove the key"
