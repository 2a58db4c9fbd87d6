"""Files in and out: the bundled map, safe reading, atomic writing.

Reading turns every way a file can be unusable (missing, a directory, unreadable, too big,
binary, not UTF-8) into one located `MapError`. Writing goes through a temporary file and a
rename, so an export that fails never leaves half a file or clobbers the previous one.
"""

from __future__ import annotations

import gc
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.errors import MapError

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

#: Larger inputs are refused unless the caller lifts the cap (``--max-bytes``).
DEFAULT_MAX_BYTES = 32 * 1024 * 1024
BUNDLED_MAP = "essay_claims.yaml"


def data_dir() -> Path:
    """Where the bundled map lives: inside the wheel, or ``data/`` of a source checkout."""
    packaged = Path(__file__).resolve().parent / "data"
    if (packaged / BUNDLED_MAP).is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "data"


def bundled_map_path() -> Path:
    return data_dir() / BUNDLED_MAP


def max_bytes_default() -> int:
    value = os.environ.get("ARGMAP_MAX_BYTES")
    if value is None:
        return DEFAULT_MAX_BYTES
    try:
        return int(value)
    except ValueError:
        raise MapError(
            f"ARGMAP_MAX_BYTES must be a whole number of bytes, not {value!r}",
            hint="unset it or give e.g. 100000000 (0 lifts the cap)",
        ) from None


def read_bytes(path: str | Path, *, max_bytes: int | None = None) -> bytes:
    """The file's bytes, or a `MapError` saying why it can't be read."""
    limit = max_bytes_default() if max_bytes is None else max_bytes
    name = str(path)
    if name == "-":
        data = sys.stdin.buffer.read(limit + 1 if limit else -1)
        _check_size(len(data), limit, name)
        return data
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            _check_size(size, limit, name)
            data = handle.read(limit + 1 if limit else -1)
    except FileNotFoundError:
        raise MapError(
            "no such file", path=name, hint="check the path (it is relative to the current folder)"
        ) from None
    except IsADirectoryError:
        raise MapError(
            "this is a directory, not a map file", path=name, hint="give the path of a .yaml map"
        ) from None
    except PermissionError:
        raise MapError(
            "permission denied", path=name, hint="make the file readable (chmod +r) or copy it"
        ) from None
    except OSError as exc:
        raise MapError(f"cannot read the file: {exc.strerror or exc}", path=name) from None
    _check_size(len(data), limit, name)
    return data


def _check_size(size: int, limit: int, name: str) -> None:
    if limit and size > limit:
        raise MapError(
            f"the file is {size:,} bytes, over the {limit:,}-byte limit",
            path=name,
            hint="lift the cap with --max-bytes 0 (or ARGMAP_MAX_BYTES=0) if you trust this file",
        )


def decode(data: bytes, path: str | None = None) -> str:
    """UTF-8 text (a BOM is dropped); binary or mis-encoded bytes give a located error."""
    if b"\x00" in data[:8192]:
        raise MapError(
            "this looks like a binary file, not a text map",
            path=path,
            hint="give a YAML, JSON, Argdown, AIF or Kialo text file",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = exc.start
        line = data.count(b"\n", 0, start) + 1
        column = start - (data.rfind(b"\n", 0, start) + 1) + 1
        raise MapError(
            f"not valid UTF-8 (byte 0x{data[start]:02x})",
            path=path,
            line=line,
            column=column,
            hint="save the file as UTF-8",
        ) from None


def read_text(path: str | Path, *, max_bytes: int | None = None) -> str:
    return decode(read_bytes(path, max_bytes=max_bytes), str(path))


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small objects.

    A map is a tree of fresh containers with no reference cycles; letting the collector scan
    them again and again made validating 100,000 claims three times slower.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load(
    path: str | Path | None = None, *, fmt: str | None = None, max_bytes: int | None = None
) -> ArgumentMap:
    """Read a map in any readable format; ``None`` is the bundled essay map.

    Raises `MapError` (with file, line and column) for anything wrong with the input.
    """
    from argmap.formats import read_text as parse_text

    target = bundled_map_path() if path is None else path
    text = read_text(target, max_bytes=max_bytes)
    name = str(target)
    try:
        with gc_paused():
            return parse_text(text, path=name, fmt=fmt)
    except MapError as exc:
        raise exc.with_path(name) from None


def loads(text: str, *, fmt: str = "yaml", path: str | None = None) -> ArgumentMap:
    """Parse a map held in a string."""
    from argmap.formats import read_text as parse_text

    with gc_paused():
        return parse_text(text, path=path, fmt=fmt)


def write_atomic(path: str | Path, data: str | bytes) -> None:
    """Write via a temporary file in the same folder and a rename."""
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except FileNotFoundError:
        raise MapError("the output folder does not exist", path=str(folder), hint="create it first") from None
    except PermissionError:
        raise MapError(
            "cannot write in the output folder", path=str(folder), hint="check its permissions"
        ) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(temp, target.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, target)
    except BaseException as exc:
        try:
            os.unlink(temp)
        except OSError:
            pass
        if isinstance(exc, IsADirectoryError):
            raise MapError(
                "the output path is a directory", path=str(target), hint="give a file name"
            ) from None
        if isinstance(exc, OSError):
            raise MapError(f"cannot write the file: {exc.strerror or exc}", path=str(target)) from None
        raise


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
    path = source_file(amap, map_path)
    if path is None or not quote:
        return None
    source = str(amap.meta.source)
    try:
        text = read_text(path).replace("\r\n", "\n")
    except MapError:
        return None
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
