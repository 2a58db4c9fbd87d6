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
    return (bundled_map_path().parent if map_path is None else _base(map_path)) / source


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


def rebase_source(amap: ArgumentMap, map_path: str | Path | None, output: str | Path | None) -> ArgumentMap:
    """The map with ``meta.source`` right for its new place, ``output`` (None: stdout, read
    back from the working folder).

    ``source`` is relative to the map file, so a map written elsewhere must say where the text
    is from there. A text inside argmap's own data or a Python installation keeps the name
    as written: an exported map never points into a virtualenv. A text that is not there is
    left out, with a warning: it would only send readers of the export looking for it.
    """
    source = amap.meta.source
    path = source_file(amap, map_path)
    if path is None or source is None:
        return amap
    text_path = path.resolve()
    if _installed(text_path):
        return amap
    if not text_path.is_file():
        warn(
            f"meta.source {source!r} is left out of the export: the source text {str(path)!r} is not there",
            path=None if map_path is None else str(map_path),
        )
        return amap.model_copy(update={"meta": amap.meta.model_copy(update={"source": None})})
    if Path(source).is_absolute():
        return amap
    folder = Path.cwd() if output is None else Path(output).resolve().parent
    new_source = Path(os.path.relpath(text_path, folder)).as_posix()
    return amap.model_copy(update={"meta": amap.meta.model_copy(update={"source": new_source})})


def _installed(path: Path) -> bool:
    """Whether ``path`` is inside argmap's data folder or a Python installation (a virtualenv,
    site-packages): places an exported map must not name, as they differ per machine."""
    import site
    import sys
    import sysconfig

    from argmap.files import data_dir

    folders = [data_dir(), Path(sys.prefix), Path(sys.base_prefix), Path(sys.exec_prefix)]
    folders += [Path(p) for p in (*site.getsitepackages(), site.getusersitepackages())]
    folders += [
        Path(p) for key, p in sysconfig.get_paths().items() if key in ("purelib", "platlib", "stdlib")
    ]
    return any(path.is_relative_to(folder.resolve()) for folder in folders)


def shown_path(path: Path, written: str) -> str:
    """``path`` as one reaches it from the working folder: relative when it is below it or at
    most two folders up, absolute otherwise (a long climb of '..' helps no one). A text inside
    argmap's data or a Python installation is named as ``written`` in the map, as exports do."""
    absolute = path.resolve()
    if _installed(absolute):
        return written
    try:
        relative = Path(os.path.relpath(absolute))
    except ValueError:  # another drive
        return str(absolute)
    climbs = len([part for part in relative.parts if part == ".."])
    return relative.as_posix() if climbs <= 2 else str(absolute)


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
        return load_source_text(_base(map_path) / source)
    except MapError as exc:
        line, column = where() or (None, None)
        warn(
            f"quotes not checked: {cannot_read(source, exc)} ({source_hint(map_path)})",
            path=map_path,
            line=line,
            column=column,
            category=DraftWarning,
        )
        return None


def load_source_text(path: Path) -> str:
    """The source text at ``path``, line ends as the quotes have them; `MapError` if unreadable."""
    return read_text(path).replace("\r\n", "\n")


def cannot_read(source: str, error: MapError) -> str:
    """Why ``meta.source`` could not be read, in the one wording the warning and `check` share."""
    return f"cannot read the source text {source!r}: {error.message}"


def _base(map_path: str | Path | None) -> Path:
    """The folder ``meta.source`` is relative to: the map's, or the working folder for stdin."""
    return Path(map_path).parent if map_path and str(map_path) != "-" else Path.cwd()


def source_hint(map_path: str | Path | None) -> str:
    """How to fix a ``meta.source`` that cannot be read, for a map at ``map_path``."""
    if map_path is None or str(map_path) == "-":
        return "for a map read from stdin or a string, meta.source is relative to the working folder"
    return "meta.source is relative to the map file; fix the path or remove the key"
