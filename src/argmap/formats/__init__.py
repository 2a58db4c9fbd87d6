"""The format registry: pick a reader or writer by name, file extension or content.

Every format module keeps one contract, in the spirit of networkx's ``readwrite``:

- ``read(text, *, path=None) -> ArgumentMap`` where the format is readable;
- ``write(amap, options=None, **fields) -> str`` and ``OPTIONS``, the writer's frozen
  options dataclass (None for a writer without options), where it is writable; an option the
  writer does not have is a `MapError` naming the ones it has (`argmap.formats.options`);
- ``generate(amap, options=None, **fields) -> Iterator[str]`` where it streams;
- ``read_framework(text, *, path=None)`` for attack frameworks, ``read_lenient`` for the
  format ``argmap check`` reads without the whole-map checks.

What each module offers is declared here, in its `Format`; modules are imported only when
used, so the registry costs nothing at startup.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from argmap.errors import MapError, warn
from argmap.files import bundled_map_path, read_text, write_atomic
from argmap.memory import gc_paused
from argmap.progress import progress_step

if TYPE_CHECKING:
    from collections.abc import Iterator

    from argmap.argumentation.framework import Framework
    from argmap.errors import Locator
    from argmap.model import ArgumentMap


class Format(NamedTuple):
    """One format and what it can do; the only way the rest of argmap reaches a format module.

    ``streaming``: `generate` yields the document in pieces as it is made. ``lenient``: the
    module can read a map without the whole-map checks (for ``check``). ``framework_only``:
    the format holds a bare attack framework (`read_framework`), which a map can only
    partly express.
    """

    name: str
    module: str
    extensions: tuple[str, ...]
    readable: bool
    writable: bool
    description: str
    streaming: bool = False
    lenient: bool = False
    framework_only: bool = False
    #: The format's text may hold comments, which a map does not keep: its module counts
    #: the lines that hold one (``comment_lines``), for ``convert`` to say so.
    comments: bool = False
    #: A binary format's first bytes: `load` recognises it by them before decoding any text,
    #: and its module reads it from the path (``read_path``) instead of from text.
    magic: bytes = b""

    def load(self) -> ModuleType:
        """The format's module: ``argmap.formats.<module>``, or a full dotted name (a format
        that lives in its own package, as the store does, registered by name only)."""
        return importlib.import_module(self.module if "." in self.module else f"argmap.formats.{self.module}")

    def read(self, text: str, *, path: str | None = None) -> ArgumentMap:
        return self.load().read(text, path=path)  # type: ignore[no-any-return]

    def options(self, **fields: Any) -> Any:
        """The writer's options object for ``fields`` (None for a writer without options);
        `MapError` naming the valid options for any other."""
        from argmap.formats.options import no_options, writer_options

        kind = self.load().OPTIONS
        if kind is None:
            return no_options(self.name, None, fields)
        return writer_options(self.name, kind, None, fields)

    def option_names(self) -> list[str]:
        """The keyword options `write` and `generate` take (none for most formats)."""
        from argmap.formats.options import option_names

        return option_names(self.load().OPTIONS) if self.writable else []

    def write(self, amap: ArgumentMap, **options: Any) -> str:
        return self.load().write(amap, self.options(**options))  # type: ignore[no-any-return]

    def generate(self, amap: ArgumentMap, **options: Any) -> Iterator[str]:
        """The document in pieces (one piece where the format does not stream)."""
        if self.streaming:
            return self.load().generate(amap, self.options(**options))  # type: ignore[no-any-return]
        return iter((self.write(amap, **options),))

    def comment_lines(self, text: str) -> int:
        """How many lines of ``text`` hold a comment (0 for a format without comments)."""
        return self.load().comment_lines(text) if self.comments else 0

    def read_framework(self, text: str, *, path: str | None = None) -> Framework:
        return self.load().read_framework(text, path=path)  # type: ignore[no-any-return]

    def read_lenient(self, text: str, *, path: str | None = None) -> tuple[ArgumentMap, str | None, Locator]:
        """For a ``lenient`` format: the map checked for shape only, its source text, and a
        locator from a pydantic-style path to (line, column)."""
        return self.load().read_lenient(text, path=path)  # type: ignore[no-any-return]


FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> None:
    """Add a format (the ones argmap ships with, below, and plugins alike)."""
    FORMATS[fmt.name] = fmt


for _builtin in (
    Format(
        "yaml", "yaml", (".yaml", ".yml"), True, True, "argmap's native YAML", lenient=True, comments=True
    ),
    Format("json", "json", (".json",), True, True, "argmap JSON (node-link, versioned)", lenient=True),
    Format("dot", "dot", (".dot", ".gv"), False, True, "Graphviz DOT", streaming=True),
    Format("graphml", "graphml", (".graphml",), False, True, "GraphML (networkx, yEd, Gephi)"),
    Format("mermaid", "mermaid", (".mmd", ".mermaid"), False, True, "Mermaid flowchart", streaming=True),
    Format("argdown", "argdown", (".argdown", ".ad"), True, True, "Argdown", comments=True),
    Format("aif", "aif", (".aif",), True, True, "AIF JSON (AIFdb, OVA, xAIF)"),
    Format("kialo", "kialo", (".kialo",), True, False, "Kialo discussion export (text)"),
    Format(
        "iccma",
        "iccma",
        (".af", ".tgf"),
        True,
        True,
        "ICCMA abstract framework (p af N)",
        framework_only=True,
    ),
    Format(
        "apx",
        "apx",
        (".apx",),
        True,
        True,
        "ASPARTIX abstract framework (arg/att facts)",
        framework_only=True,
    ),
    Format(
        "store",
        "argmap.store.reader",
        (".db", ".sqlite", ".sqlite3"),
        True,
        False,
        "argmap SQLite store (made by 'argmap index')",
        magic=b"SQLite format 3\x00",
    ),
):
    register(_builtin)
del _builtin


def names(*, readable: bool = False, writable: bool = False) -> list[str]:
    return [f.name for f in FORMATS.values() if (not readable or f.readable) and (not writable or f.writable)]


def get(name: str, *, for_reading: bool = False, for_writing: bool = False) -> Format:
    """The format called ``name``; a located-free `MapError` that lists the choices otherwise."""
    fmt = FORMATS.get(name.lower())
    if fmt is None or (for_reading and not fmt.readable) or (for_writing and not fmt.writable):
        choices = names(readable=for_reading, writable=for_writing)
        action = "read" if for_reading else "write" if for_writing else "use"
        raise MapError(
            f"argmap cannot {action} the format {name!r}",
            hint="choose one of: " + ", ".join(choices),
        )
    return fmt


def by_extension(path: str | Path, *, for_reading: bool = False, for_writing: bool = False) -> Format | None:
    suffix = Path(path).suffix.lower()
    for fmt in FORMATS.values():
        if (
            suffix in fmt.extensions
            and (not for_reading or fmt.readable)
            and (not for_writing or fmt.writable)
        ):
            return fmt
    return None


def sniff(text: str) -> Format | None:
    """Guess a readable format from the first characters of a document."""
    head = text.lstrip("\ufeff \t\r\n")[:4096]
    # '#' opens an Argdown heading or a YAML comment: what follows such lines decides
    if re.match(_ARGDOWN_OPENING, re.sub(r"^(?:#[^\n]*\n|[ \t]*\n)+", "", head)):
        return FORMATS.get("argdown")
    if head.startswith(("{", "[")):
        if _looks_like_aif(head):
            return FORMATS.get("aif")
        return FORMATS["json"]
    if head.startswith(("Discussion Title:", "Discussion Name:")) and "kialo" in FORMATS:
        return FORMATS["kialo"]
    if head.startswith("p af ") and "iccma" in FORMATS:
        return FORMATS["iccma"]
    if head.startswith("arg(") and "apx" in FORMATS:
        return FORMATS["apx"]
    return None


# The patterns are compiled when first sniffed (``re`` keeps them), not by every command.
#: How an Argdown document opens, and neither YAML nor JSON can: a statement or argument
#: title (``[Title]:``, ``<Title>:``, or a bare ``[Title]`` line, which a JSON array is not:
#: its items are quoted, numbers or literals), front matter (``===``) or a ``//`` or ``/*``
#: comment.
_ARGDOWN_OPENING = r"(?:\[[^\]\n\"]+\]:|<[^>\n]+>:|\[(?!(?:true|false|null)\])[^\W\d_][^\]\n\",]*\][ \t]*(?:\n|$)|===[ \t]*\n|//|/\*)"
#: Lines only Argdown has: a title with its text, a relation to one (``+ [Title]``), a
#: heading-free front-matter fence. One of them in a file that failed as YAML or JSON is worth
#: a hint.
_ARGDOWN_LINE = r"(?m)^[ \t]*(?:[+\-<>]+[ \t]+)?(?:\[[^\]\n\"]+\]|<[^>\n]+>):[ \t]"
_AIF_NODE_TYPE = r'"type"\s*:\s*"(?:I|RA|CA|MA|PA|L|YA|TA)"'
#: Keys only AIF documents have. A key is followed by ':', which a string value never is
#: (and inside a text the quotes are escaped), so a claim whose text, tag or section is
#: one of these words cannot match.
_AIF_KEY = r'"(?:nodeID|locutions|AIF)"\s*:'
#: argmap JSON opens with one of its own top-level keys (``format`` as it writes it).
_ARGMAP_JSON_START = r'\{\s*"(?:format|version|directed|multigraph|meta|claims)"\s*:'


def looks_like_argdown(text: str) -> bool:
    """Whether a document that failed to read as YAML or JSON is probably Argdown (for the hint)."""
    return sniff(text) is FORMATS.get("argdown") or re.search(_ARGDOWN_LINE, text[:65536]) is not None


#: The hint for a document that failed as YAML or JSON but reads like Argdown.
ARGDOWN_HINT = "this looks like Argdown: add --from argdown (or name the file .argdown)"


def _looks_like_aif(head: str) -> bool:
    """AIF by its structure (its own keys, or nodes typed I/RA/CA...), never by a word in a
    text: argmap's own top-level keys win."""
    if re.match(_ARGMAP_JSON_START, head):
        return False
    return bool(re.search(_AIF_KEY, head) or ('"nodes"' in head and re.search(_AIF_NODE_TYPE, head)))


def choose_reader(path: str | Path | None, text: str, name: str | None = None) -> Format:
    if name:
        return get(name, for_reading=True)
    fmt = by_extension(path, for_reading=True) if path is not None else None
    if fmt is not None and fmt.name != "json":
        return fmt
    # '.json' is shared by argmap JSON and AIF: there the content decides.
    return sniff(text) or fmt or FORMATS["yaml"]


def choose_writer(path: str | Path | None, name: str | None = None, default: str = "dot") -> Format:
    if name:
        return get(name, for_writing=True)
    if path is not None:
        fmt = by_extension(path, for_writing=True)
        if fmt is None:
            hint = "give --to " + "|".join(names(writable=True))
            if Path(path).suffix.lower() in (".svg", ".png", ".pdf"):
                hint = f"to draw the map, use 'argmap render -o {path}'; or {hint}"
            raise MapError(f"cannot tell the export format from the file name {str(path)!r}", hint=hint)
        return fmt
    return get(default, for_writing=True)


def parse(text: str, *, path: str | None = None, fmt: str | None = None) -> ArgumentMap:
    """Parse ``text`` in the named (or detected) format."""
    return choose_reader(path, text, fmt).read(text, path=path)


def serialize(amap: ArgumentMap, fmt: str, **options: Any) -> str:
    """`dumps` with the format named first."""
    return dumps(amap, fmt=fmt, **options)


def load(
    path: str | Path | None = None,
    *,
    fmt: str | None = None,
    max_bytes: int | None = None,
    refresh: bool = True,
    comments: bool = False,
) -> ArgumentMap:
    """Read a map in any readable format; ``None`` is the bundled essay map.

    A binary format (an argmap store) is recognised by its first bytes and read from its
    path; ``refresh`` says whether a store whose sources changed is rebuilt (else refused).
    With ``comments``, one warning says how many comment lines the map does not keep (for a
    conversion). Raises `MapError` (with file, line and column) for anything wrong with the input.
    """
    # frameworks=False reads every format as a map
    return cast("ArgumentMap", _load(path, fmt, max_bytes, refresh, frameworks=False, comments=comments))


def load_map_or_framework(
    path: str | Path | None = None,
    *,
    fmt: str | None = None,
    max_bytes: int | None = None,
    refresh: bool = True,
) -> ArgumentMap | Framework:
    """`load`, except that a framework-only format (ICCMA, ASPARTIX) gives the bare framework
    it holds, self-attacks included, whether its format was named, told by the extension or
    recognised from the content."""
    return _load(path, fmt, max_bytes, refresh, frameworks=True)


def _load(
    path: str | Path | None,
    fmt: str | None,
    max_bytes: int | None,
    refresh: bool,
    *,
    frameworks: bool,
    comments: bool = False,
) -> ArgumentMap | Framework:
    target = bundled_map_path() if path is None else path
    binary = binary_format(target, fmt)
    if binary is not None:

        def read_source(source: str) -> ArgumentMap:
            return load(source, max_bytes=max_bytes)

        return binary.load().read_path(target, read=read_source, refresh=refresh)  # type: ignore[no-any-return]
    name = str(target)
    with progress_step("read", name):
        text = read_text(target, max_bytes=max_bytes)
        try:
            reader = choose_reader(name, text, fmt)
            if frameworks and reader.framework_only:
                return reader.read_framework(text, path=name)
            with gc_paused():
                amap = reader.read(text, path=name)
        except MapError as exc:
            raise exc.with_path(name) from None
    if comments and (lines := reader.comment_lines(text)):
        warn(
            f"{lines} comment line{'s are' if lines != 1 else ' is'} not kept: a map holds no comments",
            path=name,
        )
    return amap


def binary_format(path: str | Path, name: str | None) -> Format | None:
    """The binary format ``path`` is in, by ``name`` or by its first bytes; None for text.

    A binary format's path may name one member, ``FILE#MEMBER``; the header is FILE's.
    """
    if name:
        fmt = get(name, for_reading=True)
        return fmt if fmt.magic else None
    file = str(path)
    if file == "-":
        return None
    if "#" in file and not Path(file).exists():
        file = file.rpartition("#")[0]
    try:
        with open(file, "rb") as handle:
            head = handle.read(64)
    except OSError:
        return None  # read_text says what is wrong with the file
    for fmt in FORMATS.values():
        if fmt.magic and fmt.readable and head.startswith(fmt.magic):
            return fmt
    return None


def loads(text: str, *, fmt: str = "yaml", path: str | None = None) -> ArgumentMap:
    """Parse a map held in a string."""
    with gc_paused():
        return parse(text, path=path, fmt=fmt)


def dump(amap: ArgumentMap, path: str | Path, *, fmt: str | None = None, **options: Any) -> None:
    """Write ``amap`` to ``path`` atomically, in ``fmt`` or the format its extension names.

    ``options`` are the writer's (see its ``OPTIONS``); `MapError` for one it does not have.
    """
    text = choose_writer(path, fmt).write(amap, **options)
    write_atomic(path, text)


def dumps(amap: ArgumentMap, *, fmt: str = "yaml", **options: Any) -> str:
    """The map as text in ``fmt``."""
    return get(fmt, for_writing=True).write(amap, **options)
