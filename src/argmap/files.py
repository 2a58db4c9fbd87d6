"""Files in and out: the bundled map, safe reading, atomic writing.

Reading turns every way a file can be unusable (missing, a directory, unreadable, too big,
binary, not UTF-8) into one located `MapError`. Writing goes through a temporary file and a
rename, so an export that fails never leaves half a file or clobbers the previous one.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

from argmap.errors import MapError

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
            "no such file", path=name, hint="check the path; it is relative to the current folder"
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


def temp_beside(target: Path) -> tuple[int, str]:
    """A new temporary file in ``target``'s folder (a rename from there is atomic)."""
    folder = target.parent if str(target.parent) else Path(".")
    try:
        return tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except FileNotFoundError:
        raise MapError("the output folder does not exist", path=str(folder), hint="create it first") from None
    except PermissionError:
        raise MapError(
            "cannot write in the output folder", path=str(folder), hint="check its permissions"
        ) from None


def give_mode(temp: str, target: Path) -> None:
    """The permissions ``target`` has, or a new file's (``mkstemp`` makes it private)."""
    if target.exists():
        os.chmod(temp, target.stat().st_mode & 0o777)
    else:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)


def write_atomic(path: str | Path, data: str | bytes) -> None:
    """Write via a temporary file in the same folder and a rename."""
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, temp = temp_beside(target)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        give_mode(temp, target)
        os.replace(temp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, IsADirectoryError):
            raise MapError(
                "the output path is a directory", path=str(target), hint="give a file name"
            ) from None
        if isinstance(exc, OSError):
            raise MapError(f"cannot write the file: {exc.strerror or exc}", path=str(target)) from None
        raise
