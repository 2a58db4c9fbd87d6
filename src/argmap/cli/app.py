"""The ``argmap`` command line: a thin shell over the library.

Each command parses its options, calls the library and hands the result to a renderer.
Only typer is imported at the top, so ``argmap --help`` stays fast; everything else is
imported inside the commands that need it.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from argmap.version import __version__
from argmap.errors import MapError

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

app = typer.Typer(
    name="argmap",
    help="Make the reasoning of an argued text inspectable: list, trace, evaluate and export its claims.\n\n"
    "Without --map, every command works on the bundled map of Meng Yonghui's essay "
    "'The Undercurrent of the Industrial Internet'.",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)

#: Exit codes: 0 fine, 1 ``check`` found problems, 2 bad usage or input, 70 a bug in argmap.
EXIT_USAGE = 2
EXIT_INTERNAL = 70

_options: dict[str, Any] = {"map": None, "from": None, "max_bytes": None, "in": None, "refresh": True}
F = TypeVar("F", bound=Callable[..., Any])


def _version(value: bool) -> None:
    if value:
        typer.echo(f"argmap {__version__}")
        raise typer.Exit()


@app.callback()
def _global(
    map_path: Annotated[
        Path | None,
        typer.Option(
            "--map",
            "-m",
            help="Map file to read (YAML, JSON, Argdown, AIF, Kialo, .af/.apx; '-' for stdin). "
            "Default: the bundled essay map.",
            envvar="ARGMAP_MAP",
        ),
    ] = None,
    from_format: Annotated[
        str | None, typer.Option("--from", help="Format of --map when the extension does not tell.")
    ] = None,
    max_bytes: Annotated[
        int | None,
        typer.Option("--max-bytes", help="Refuse larger input files (default 32 MiB; 0 lifts the cap)."),
    ] = None,
    in_map: Annotated[
        str | None,
        typer.Option("--in", help="With a store of several maps: the map to use (or STORE.db#NAME)."),
    ] = None,
    no_refresh: Annotated[
        bool,
        typer.Option(
            "--no-refresh", help="Refuse a store whose sources changed (exit 2) instead of refreshing it."
        ),
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    _options.update(
        {
            "map": map_path,
            "from": from_format,
            "max_bytes": max_bytes,
            "in": in_map,
            "refresh": not no_refresh,
        }
    )


def command(*args: Any, **kwargs: Any) -> Callable[[F], F]:
    """Register a command whose user errors become one message and exit code 2."""

    def decorate(function: F) -> F:
        @functools.wraps(function)
        def run(*a: Any, **kw: Any) -> Any:
            with user_errors(), warnings_to_stderr():
                return function(*a, **kw)

        app.command(*args, **kwargs)(run)
        return function

    return decorate


class user_errors:
    """Turn `MapError` into one stderr line and exit 2; hide internal tracebacks in a file."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: Any, error: Any, trace: Any) -> bool:
        if error is None or isinstance(error, (typer.Exit, typer.Abort, SystemExit, KeyboardInterrupt)):
            return False
        if isinstance(error, BrokenPipeError):
            return False
        if isinstance(error, MapError):
            _say_error(str(error))
            raise typer.Exit(EXIT_USAGE)
        if os.environ.get("ARGMAP_DEBUG") or not isinstance(error, Exception):
            return False
        report = _save_traceback(error)
        _say_error(
            f"internal error ({type(error).__name__}): this is a bug in argmap, not in your input. "
            f"Please report it with the traceback saved in {report} (ARGMAP_DEBUG=1 shows it here)."
        )
        raise typer.Exit(EXIT_INTERNAL)


class warnings_to_stderr:
    """Print each `MapWarning` a reader or writer raised as one ``argmap: warning:`` line."""

    def __enter__(self) -> None:
        import warnings

        from argmap.errors import MapWarning

        self._catcher = warnings.catch_warnings(record=True)
        self._caught = self._catcher.__enter__()
        warnings.simplefilter("always", MapWarning)

    def __exit__(self, *exc: object) -> bool:
        import warnings

        from argmap.errors import MapWarning

        self._catcher.__exit__(*exc)
        for warning in self._caught or []:
            if issubclass(warning.category, MapWarning):
                sys.stderr.write(f"argmap: warning: {warning.message}\n")
            else:
                warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
        return False


def _say_error(message: str) -> None:
    sys.stderr.write(f"argmap: error: {message}\n")


def _save_traceback(error: BaseException) -> str:
    import tempfile
    import traceback

    fd, name = tempfile.mkstemp(prefix="argmap-crash-", suffix=".txt")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(f"argmap {__version__}, Python {sys.version.split()[0]}, argv {sys.argv!r}\n")
        handle.write("".join(traceback.format_exception(type(error), error, error.__traceback__)))
    return name


def load_map() -> ArgumentMap:
    """The map named by --map (or the bundled one); warnings reach stderr via `command`."""
    from argmap.formats import load

    path = _options["map"]
    if path is not None and _options["in"]:
        path = f"{path}#{_options['in']}"
    return load(path, fmt=_options["from"], max_bytes=_options["max_bytes"], refresh=_options["refresh"])


def query_map(*, whole: bool = False) -> Any:
    """What a query command reads: a store's `StoreMap` (the claims it prints, by SQL; all
    maps of a store of several when no --in), else the whole map, as `load_map`."""
    path = _options["map"]
    if whole or path is None or _options["from"] not in (None, "store"):
        return load_map()
    from argmap.store import is_store, open_map, split_member

    if not is_store(split_member(path)[0]):
        return load_map()
    return open_map(
        path,
        _options["in"],
        refresh=_options["refresh"],
        progress=progress_line(),
        max_bytes=_options["max_bytes"],
    )


def one_map(amap: Any) -> Any:
    """``amap``, unless it is all the maps of a store, which this command cannot take."""
    if getattr(amap, "entry", True) is None:
        names = ", ".join(amap.maps().values())
        raise MapError(
            "the store holds several maps; say which one",
            path=amap.path,
            hint=f"add --in NAME or write {amap.path}#NAME (maps: {names})",
        )
    return amap


def progress_line() -> Any:
    """A progress callback that redraws one line on stderr, or None when stderr is not a terminal."""
    if not sys.stderr.isatty():
        return None

    def show(stage: str, done: int, total: int) -> None:
        sys.stderr.write(f"\r\x1b[Kargmap: indexing {stage} {done:,}/{total:,}")
        if stage == "indexes" and done == total:
            sys.stderr.write("\r\x1b[K")
        sys.stderr.flush()

    return show


def print_json(data: Any, *, fast: bool = False) -> None:
    """Indented UTF-8 JSON on stdout.

    ``fast`` uses pydantic-core's encoder (5x the stdlib's on big maps, same bytes), for data
    with no float below 1e-4, which the two would spell differently; it also takes pydantic
    models as they are (by alias, as `claim_json` dumps them).
    """
    if fast:
        from pydantic_core import to_json

        sys.stdout.flush()
        sys.stdout.buffer.write(to_json(data, indent=2))
        sys.stdout.buffer.write(b"\n")
        return
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
    sys.stdout.write("\n")


#: Claims serialised per slice by `_print_claims_json`.
JSON_SLICE = 10_000


def _print_claims_json(claims: list[Any]) -> None:
    """``{"claims": [...], "count": N}`` as `print_json` writes it, a slice of claims at a time.

    pydantic-core serialises the models themselves (no dict per claim in between), and a
    million claims never exist as one JSON document in memory (it would be 400 MB more).
    """
    from pydantic_core import to_json

    if not claims:
        print_json({"claims": [], "count": 0}, fast=True)
        return
    sys.stdout.flush()
    out = sys.stdout.buffer
    out.write(b'{\n  "claims": [\n')
    for start in range(0, len(claims), JSON_SLICE):
        part = to_json({"claims": claims[start : start + JSON_SLICE]}, indent=2)
        out.write((b",\n" if start else b"") + part[part.index(b"[\n") + 2 : part.rindex(b"\n  ]")])
    out.write(b'\n  ],\n  "count": %d\n}\n' % len(claims))


def claim_json(claim: Any) -> dict[str, Any]:
    return claim.model_dump(mode="json", by_alias=True)  # type: ignore[no-any-return]


# -- commands ------------------------------------------------------------------------------

KindOption = Annotated[
    list[str] | None,
    typer.Option(
        "--kind",
        "-k",
        help="Only claims of this kind (thesis, claim, evidence, objection, rebuttal); repeatable.",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Machine-readable JSON (schema in the README).")]


@command("list")
def list_claims(
    kind: KindOption = None,
    section: Annotated[
        list[str] | None, typer.Option("--section", "-s", help="Only claims in this section; repeatable.")
    ] = None,
    tag: Annotated[
        list[str] | None,
        typer.Option("--tag", "-t", help="Only claims with this tag; repeat to require several."),
    ] = None,
    search: Annotated[
        str | None,
        typer.Option("--search", "-q", help="Only claims whose id, text or quote contain all these words."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """List the claims of the map as a table (id, kind, section, text)."""
    from argmap.analysis.queries import select

    amap = query_map()
    words = search.split() if search else []
    if getattr(amap, "entry", True) is None:
        _list_across(amap, kind or [], section or [], tag or [], words, as_json)
        return
    claims = select(amap, kinds=kind or (), sections=section or (), tags=tag or (), words=words)
    if as_json:
        if any(c.base_score is not None and 0 < c.base_score < 1e-4 for c in claims):
            print_json({"claims": [claim_json(c) for c in claims], "count": len(claims)})
        else:
            _print_claims_json(claims)
        return
    from argmap.views.terminal import stdout_is_terminal

    if stdout_is_terminal():
        from argmap.views.terminal.rich_views import claims_table

        title = f"{amap.meta.title or 'argument map'}: {len(claims)} of {len(amap)} claims"
        from argmap.views.terminal import console

        console().print(claims_table(claims, title=title, words=words))
        return
    from argmap.views.terminal import plain, write_lines

    rows = [(c.id, c.kind, c.section or "-", c.text) for c in claims]
    write_lines(plain.table(("ID", "KIND", "SECTION", "TEXT"), rows))


@command("show")
def show(
    claim_id: Annotated[str, typer.Argument(metavar="ID", help="The claim to show.")],
    as_json: JsonOption = False,
) -> None:
    """Everything about one claim: text, quote and where it sits in the source, and all its relations."""
    from argmap.model.index import Index
    from argmap.model.source_text import quote_position
    from argmap.analysis.queries import describe, require

    amap = one_map(query_map())
    claim = require(amap, claim_id)
    info = describe(Index.of(amap), claim.id)
    position = quote_position(amap, _options["map"], claim.quote) if claim.quote else None
    info["quote_at"] = {"file": position[0], "line": position[1], "column": position[2]} if position else None
    if as_json:
        print_json(info)
        return
    from argmap.views.terminal import plain, stdout_is_terminal

    lines = list(plain.describe_lines(info))
    if stdout_is_terminal():
        from argmap.views.terminal import console
        from argmap.views.terminal.rich_views import describe_panel

        console().print(describe_panel(info, lines))
        return
    from argmap.views.terminal import write_lines

    write_lines(lines)


@command("tree")
def tree(
    claim_id: Annotated[
        str | None, typer.Argument(metavar="[ID]", help="Root claim (default: every thesis).")
    ] = None,
    depth: Annotated[
        int | None, typer.Option("--depth", "-d", min=0, help="Show at most this many levels.")
    ] = None,
    direction: Annotated[
        str,
        typer.Option(
            "--direction",
            help="down: what supports and attacks ID; up: what ID supports and attacks, up to the theses.",
        ),
    ] = "down",
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            help="Mark each claim IN/OUT/UNDEC under grounded, complete, preferred or stable semantics.",
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """The support/attack tree under a claim (+ supports, − attacks, ⊘ undercuts, ⇄ contrasts with)."""
    from argmap.model.index import Index
    from argmap.analysis.queries import require
    from argmap.analysis.tree import build_tree

    if direction not in ("down", "up"):
        raise MapError(f"--direction must be 'down' or 'up', not {direction!r}")
    amap = one_map(query_map(whole=claim_id is None or status is not None))
    index = Index.of(amap)
    roots = [require(amap, claim_id).id] if claim_id else index.roots()
    rows = build_tree(index, roots, depth=depth, direction=direction)  # type: ignore[arg-type]
    labels = _labels(amap, status)
    print_tree(index, rows, labels, as_json=as_json, header={"roots": roots, "direction": direction})


def _labels(amap: ArgumentMap, semantics: str | None) -> dict[str, str] | None:
    """Claim id -> in/out/undec/credulous under ``semantics``, or None for no labels."""
    if semantics is None:
        return None
    from argmap.argumentation import evaluate

    return dict(evaluate(amap, semantics=semantics).labels)


def print_tree(
    index: Any, rows: list[Any], labels: dict[str, str] | None, *, as_json: bool, header: dict[str, Any]
) -> None:
    """Tree rows as JSON, rich trees on a terminal, or plain guides when piped."""
    if as_json:
        out_rows = [row.to_json() for row in rows]
        if labels is not None:
            for item in out_rows:
                item["status"] = labels.get(item["id"])
        print_json({**header, "rows": out_rows})
        return
    from argmap.views.terminal import stdout_is_terminal

    def status_of(row: Any) -> str | None:
        return None if labels is None else labels.get(row.id)

    if stdout_is_terminal():
        from argmap.views.terminal import console
        from argmap.views.terminal.rich_views import tree_label, trees

        rich_labels = [tree_label(row, index.claims[row.id], status_of(row)) for row in rows]
        out = console()
        for renderable in trees(rows, rich_labels):
            out.print(renderable)
        return
    from argmap.views.terminal import plain, write_lines

    write_lines(
        guide + plain.tree_label(row, index.claims[row.id], status_of(row))
        for guide, row in zip(plain.tree_guides(rows), rows)
    )


@command("trace")
def trace_chains(
    claim_id: Annotated[str, typer.Argument(metavar="ID", help="The claim whose support chains to trace.")],
    up: Annotated[bool, typer.Option("--up", help="Chains from ID up to the theses it serves.")] = False,
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", min=1, help="Show at most this many chains (default 100).")
    ] = 100,
    as_json: JsonOption = False,
) -> None:
    """The support chains that lead to a claim, each from a ground (a claim nothing supports) up to it."""
    from argmap.model.index import Index
    from argmap.analysis.queries import require
    from argmap.analysis.trace import trace

    amap = one_map(query_map())
    require(amap, claim_id)
    result = trace(Index.of(amap), claim_id, direction="up" if up else "down", limit=limit)
    if as_json:
        print_json(result.to_json())
        return
    from argmap.views.terminal import plain, stdout_is_terminal

    if stdout_is_terminal():
        from argmap.views.terminal import console
        from argmap.views.terminal.rich_views import trace_view

        console().print(trace_view(result))
        return
    from argmap.views.terminal import write_lines

    write_lines(plain.trace_lines(result))


@command("search")
def search(
    words: Annotated[
        list[str],
        typer.Argument(metavar="WORDS...", help="Words that must all occur (any case, any script)."),
    ],
    as_json: JsonOption = False,
) -> None:
    """Find claims whose text or quote contains all the words; matches are highlighted."""
    from argmap.analysis.queries import find_spans, select

    amap = query_map()
    if getattr(amap, "entry", True) is None:
        _search_across(amap, words, as_json)
        return
    found = select(amap, words=words)
    if as_json:
        print_json(
            {
                "words": words,
                "count": len(found),
                "claims": [
                    {
                        "id": c.id,
                        "kind": c.kind,
                        "text": c.text,
                        "quote": c.quote,
                        "text_matches": find_spans(c.text, words),
                        "quote_matches": find_spans(c.quote or "", words),
                    }
                    for c in found
                ],
            }
        )
        return
    from argmap.views.terminal import plain, stdout_is_terminal

    if stdout_is_terminal():
        from argmap.views.terminal import console
        from argmap.views.terminal.rich_views import search_results

        console().print(search_results(found, words))
        return
    from argmap.views.terminal import write_lines

    write_lines(plain.search_lines(found, words))


def _list_across(
    amap: Any, kinds: list[str], sections: list[str], tags: list[str], words: list[str], as_json: bool
) -> None:
    """`list` over every map of a store: each claim says which map it is from."""
    from argmap.analysis.queries import select

    select(amap, kinds=kinds, sections=sections, tags=tags)  # the same checks of the asked values
    names = amap.maps()
    found = [(names[number], claim) for number, claim in amap.select_claims(kinds, sections, tags, words)]
    if as_json:
        print_json({"claims": [{"map": name, **claim_json(c)} for name, c in found], "count": len(found)})
        return
    from argmap.views.terminal import plain, write_lines

    rows = [(name, c.id, c.kind, c.section or "-", c.text) for name, c in found]
    write_lines(plain.table(("MAP", "ID", "KIND", "SECTION", "TEXT"), rows))


def _search_across(amap: Any, words: list[str], as_json: bool) -> None:
    """`search` over every map of a store: each match says which map it is from."""
    from argmap.analysis.queries import find_spans

    names = amap.maps()
    found = [
        (names[number], c) for number, c in amap.select_claims([], [], [], [w for w in words if w.strip()])
    ]
    if as_json:
        claims = [
            {
                "map": name,
                "id": c.id,
                "kind": c.kind,
                "text": c.text,
                "quote": c.quote,
                "text_matches": find_spans(c.text, words),
                "quote_matches": find_spans(c.quote or "", words),
            }
            for name, c in found
        ]
        print_json({"words": words, "count": len(found), "claims": claims})
        return
    from argmap.views.terminal import plain, write_lines

    lines = [f"{name}: {line}" for name, c in found for line in list(plain.search_lines([c], words))[:-1]]
    write_lines([*lines, f"{len(found)} claim{'s' if len(found) != 1 else ''} found"])


@command("index")
def index_maps(
    maps: Annotated[
        list[Path], typer.Argument(metavar="MAP...", help="Maps to index (any readable format).")
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="The store to write (replaced atomically).")],
) -> None:
    """Index maps into an SQLite store that answers list, show, search, trace and tree in milliseconds."""
    from argmap.store import index

    index(maps, output, progress=progress_line(), max_bytes=_options["max_bytes"])


@command("check")
def check_maps(
    maps: Annotated[
        list[Path] | None,
        typer.Option(
            "--map",
            "-m",
            help="Map file to check; repeat for several (default: the global --map or the bundled map).",
        ),
    ] = None,
    output: Annotated[
        str, typer.Option("--format", "-f", help="text, json, or github (GitHub Actions annotations).")
    ] = "text",
    strict: Annotated[bool, typer.Option("--strict", help="Fail (exit 1) on warnings too.")] = False,
) -> None:
    """Lint maps: broken references, duplicate ids, quotes not in the source, support cycles, loose ends.

    Exit code 0 when clean, 1 when there are findings (errors; warnings too with --strict),
    2 when a file cannot be used at all.
    """
    from argmap.analysis.check import check_file

    if output not in ("text", "json", "github"):
        raise MapError(f"--format must be text, json or github, not {output!r}")
    targets: list[Any] = [t for target in (maps or [_options["map"]]) for t in _checked_files(target)]
    findings = []
    unusable = []
    for target in targets:
        try:
            findings.extend(check_file(target, fmt=_options["from"], max_bytes=_options["max_bytes"]))
        except MapError as error:
            unusable.append(error)
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    if output == "json":
        print_json(
            {
                "findings": [f.to_json() for f in findings],
                "unusable": [
                    {"path": e.path, "line": e.line, "column": e.column, "message": str(e)} for e in unusable
                ],
                "errors": errors,
                "warnings": warnings,
            }
        )
    else:
        for finding in findings:
            sys.stdout.write((finding.github() if output == "github" else finding.text()) + "\n")
        for error in unusable:
            _say_error(str(error))
        if output == "text":
            files = f"{len(targets)} file{'s' if len(targets) != 1 else ''}"
            sys.stdout.write(
                f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''} in {files}\n"
            )
    if unusable:
        raise typer.Exit(EXIT_USAGE)
    if errors or (strict and warnings):
        raise typer.Exit(1)


def _checked_files(target: Any) -> list[Any]:
    """A store is checked through the map files it was indexed from (findings point into them)."""
    from argmap.store import is_store, open_map, split_member

    if target is None or not is_store(split_member(target)[0]):
        return [target]
    store = open_map(target, _options["in"], refresh=_options["refresh"], max_bytes=_options["max_bytes"])
    return store.source_paths()


@command("convert")
def convert(
    source: Annotated[str, typer.Argument(metavar="IN", help="Map to read ('-' for stdin).")],
    target: Annotated[str, typer.Argument(metavar="OUT", help="File to write ('-' for stdout).")],
    from_format: Annotated[
        str | None, typer.Option("--from", help="Format of IN (default: by extension or content).")
    ] = None,
    to_format: Annotated[
        str | None, typer.Option("--to", help="Format of OUT (default: by extension).")
    ] = None,
) -> None:
    """Convert a map between formats (yaml, json, argdown, aif; kialo, .af and .apx read only)."""
    from argmap.formats import choose_writer, names
    from argmap.files import write_atomic

    if target == "-" and not to_format:
        raise MapError(
            "writing to stdout needs --to", hint="choose one of: " + ", ".join(names(writable=True))
        )
    from argmap.model.source_text import rebase_source

    writer = choose_writer(None if target == "-" else target, to_format)
    _options.update({"map": Path(source), "from": from_format or _options["from"]})
    amap = load_map()
    if target == "-":
        sys.stdout.write(writer.load().write(amap))
    else:
        write_atomic(target, writer.load().write(rebase_source(amap, source, target)))


StatusOption = Annotated[
    str | None,
    typer.Option(
        "--status",
        help="Colour claims by their label under these semantics: grounded, complete, preferred or stable.",
    ),
]


def _statuses(amap: ArgumentMap, semantics: str | None) -> dict[str, str] | None:
    """Claim id -> in/out/undec under ``semantics`` (None: no colouring).

    Under preferred or stable semantics a claim in some extensions but not all is
    ``credulous``; drawings show it like ``undec``: neither settled in nor out.
    """
    labels = _labels(amap, semantics)
    if labels is None:
        return None
    return {claim_id: "undec" if label == "credulous" else label for claim_id, label in labels.items()}


def _export_text(
    amap: ArgumentMap,
    fmt: str,
    claim_id: str | None,
    depth: int | None,
    cluster_by: str,
    wrap: int,
    rankdir: str,
    status: str | None,
    *,
    stream: bool = False,
) -> str | Iterator[str]:
    """The exported document; with ``stream``, DOT and Mermaid come as lines (a million
    claims' drawing is written as it is made instead of being held whole, joined and encoded)."""
    from argmap.formats import get

    if claim_id is not None:
        from argmap.analysis.subgraph import neighbourhood

        amap = neighbourhood(amap, claim_id, depth)
    elif depth is not None:
        raise MapError("--depth needs an ID to count from", hint="e.g. argmap export thesis --depth 2")
    writer = get(fmt, for_writing=True).load()
    if fmt in ("dot", "mermaid"):
        options = {
            "cluster_by": cluster_by,
            "wrap": wrap,
            "rankdir": rankdir,
            "status": _statuses(amap, status),
        }
        if stream:
            return writer.generate(amap, **options)  # type: ignore[no-any-return]
        return writer.write(amap, **options)  # type: ignore[no-any-return]
    if status is not None:
        raise MapError(
            f"--status colours drawings; the {fmt} format has no colours", hint="use --to dot or --to mermaid"
        )
    return writer.write(amap)  # type: ignore[no-any-return]


IdArgument = Annotated[
    str | None, typer.Argument(metavar="[ID]", help="Export only the claims around this one (see --depth).")
]
DepthOption = Annotated[
    int | None,
    typer.Option("--depth", "-d", min=0, help="With ID: how many relations away from ID to include."),
]
ClusterOption = Annotated[str, typer.Option("--cluster-by", help="section (a box per section) or none.")]
WrapOption = Annotated[int, typer.Option("--wrap", min=8, help="Wrap labels at this many columns.")]
RankdirOption = Annotated[
    str, typer.Option("--rankdir", help="Layout direction: BT (support flows up), TB, LR or RL.")
]


@command("export")
def export(
    claim_id: IdArgument = None,
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            "-t",
            help="dot, graphml, json, mermaid, yaml, argdown or aif (default: by -o's extension, else dot).",
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here (atomically) instead of stdout.")
    ] = None,
    depth: DepthOption = None,
    cluster_by: ClusterOption = "section",
    wrap: WrapOption = 30,
    rankdir: RankdirOption = "BT",
    status: StatusOption = None,
) -> None:
    """Export the map (or the part around one claim) as DOT, GraphML, JSON, Mermaid, YAML, Argdown or AIF."""
    from argmap.formats import choose_writer
    from argmap.model.source_text import rebase_source
    from argmap.files import write_atomic

    fmt = choose_writer(output, to).name
    amap = load_map()
    if output is not None:
        amap = rebase_source(amap, _options["map"], output)
    text = _export_text(amap, fmt, claim_id, depth, cluster_by, wrap, rankdir, status, stream=output is None)
    if isinstance(text, str):
        if output is None:
            sys.stdout.write(text)
        else:
            write_atomic(output, text)
        return
    from argmap.views.terminal import write_lines

    write_lines(text)


@command("render")
def render(
    output: Annotated[Path, typer.Option("--output", "-o", help="The drawing to write: .svg, .png or .pdf.")],
    claim_id: IdArgument = None,
    engine: Annotated[
        str, typer.Option("--engine", "-e", help="Graphviz layout engine: dot, neato or sfdp.")
    ] = "dot",
    depth: DepthOption = None,
    cluster_by: ClusterOption = "section",
    wrap: WrapOption = 30,
    rankdir: RankdirOption = "BT",
    status: StatusOption = None,
) -> None:
    """Draw the map with Graphviz (SVG, PNG or PDF); needs Graphviz's `dot` installed."""
    from argmap.views.drawing import render as draw

    dot_text = _export_text(load_map(), "dot", claim_id, depth, cluster_by, wrap, rankdir, status)
    assert isinstance(dot_text, str)  # not streamed
    draw(dot_text, output, engine=engine)


@command("evaluate")
def evaluate_claims(
    semantics: Annotated[
        str, typer.Option("--semantics", "-s", help="grounded (default), complete, preferred or stable.")
    ] = "grounded",
    gradual: Annotated[
        str | None,
        typer.Option("--gradual", "-g", help="Also score each claim: dfquad or hcat (h-categoriser)."),
    ] = None,
    bipolar: Annotated[
        bool,
        typer.Option(
            "--bipolar", help="Let supports count: add supported and mediated attacks (deductive support)."
        ),
    ] = False,
    as_tree: Annotated[
        bool, typer.Option("--tree", help="Show the verdicts on the support/attack tree.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Which claims stand once the rebuttals are weighed: acceptability labels and gradual strength.

    IN: accepted; OUT: defeated by an accepted attacker; UNDEC: undecided. With several
    extensions (preferred, stable) IN means in all of them and IN? (credulous) in some.
    """
    from argmap.argumentation import evaluate

    framework_result = _evaluate_framework_file(semantics, gradual)
    if framework_result is not None:
        # A bare framework (.af/.apx) may hold self-attacks, which maps forbid: no claims, no tree.
        if as_json:
            print_json(framework_result.to_json())
        else:
            from argmap.views.terminal import write_lines
            from argmap.views.terminal.plain import STATUS_MARK

            write_lines(f"{s.id}  {STATUS_MARK[s.label]}" for s in framework_result.claims.values())
        return
    amap = load_map()
    result = evaluate(amap, semantics=semantics, gradual=gradual, bipolar=bipolar)
    if as_tree:
        from argmap.model.index import Index
        from argmap.analysis.tree import build_tree

        index = Index.of(amap)
        rows = build_tree(index, index.roots())
        print_tree(index, rows, dict(result.labels), as_json=as_json, header={"semantics": result.semantics})
        return
    if as_json:
        print_json(result.to_json())
        return
    from argmap.views.terminal import stdout_is_terminal
    from argmap.views.terminal.plain import STATUS_MARK

    summary = ", ".join(f"{count} {STATUS_MARK[label]}" for label, count in result.summary().items() if count)
    title = f"{result.semantics} semantics{' (bipolar)' if bipolar else ''}: {summary}"
    if result.gradual is not None and not result.gradual.converged:
        title += f"; {result.gradual.method} did not converge in {result.gradual.iterations} iterations"
    statuses = [(amap[claim_id], status) for claim_id, status in result.claims.items()]
    if stdout_is_terminal():
        from argmap.views.terminal import console
        from argmap.views.terminal.rich_views import evaluation_table

        console().print(evaluation_table(statuses, title=title, scored=gradual is not None))
        return
    from argmap.views.terminal import plain, write_lines

    headers = ("ID", "KIND", "STATUS") + (("SCORE",) if gradual else ()) + ("TEXT",)
    table_rows = [
        (claim.id, claim.kind, STATUS_MARK[status.label])
        + ((f"{status.score:.3f}",) if gradual and status.score is not None else ("-",) if gradual else ())
        + (claim.text,)
        for claim, status in statuses
    ]
    write_lines([title, *plain.table(headers, table_rows)])


def _evaluate_framework_file(semantics: str, gradual: str | None) -> Any:
    """The evaluation of --map when it is an ICCMA or ASPARTIX framework, else None."""
    path = _options["map"]
    if path is None:
        return None
    from argmap.formats import by_extension, get

    fmt = get(_options["from"]) if _options["from"] else by_extension(path, for_reading=True)
    if fmt is None or fmt.name not in ("iccma", "apx"):
        return None
    from argmap.files import read_text

    text = read_text(path, max_bytes=_options["max_bytes"])
    from argmap.argumentation import evaluate_framework

    framework = fmt.read_framework(text, path=str(path))
    return evaluate_framework(framework, semantics=semantics, gradual=gradual)


def main() -> None:
    """Console-script entry point: also ends quietly on a closed pipe or Ctrl-C."""
    import gc

    # A run is short and builds large acyclic structures: the cyclic collector only costs time.
    gc.disable()
    _register_only_the_command_asked_for(sys.argv)
    try:
        app()
    except SystemExit as done:
        # Freeing a big map object by object at exit is pure waste (seconds at 1M claims).
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        if done.code is not None and not isinstance(done.code, int):
            sys.stderr.write(f"{done.code}\n")
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            _silence_stdout()
        sys.stderr.flush()
        os._exit(code)
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(0)
    except KeyboardInterrupt:
        sys.stderr.write("argmap: interrupted\n")
        sys.exit(130)


def _register_only_the_command_asked_for(argv: list[str]) -> None:
    """When the first argument names a command, drop the others from ``app``.

    typer builds every command's options (signatures, annotations, converters) on each run,
    a third of what a command on the essay map takes beyond its imports; only the one that
    runs needs them. The first argument can only be a command's name (no option precedes it
    to take it as a value), so nothing else changes: anything else keeps every command, and
    typer's own help, errors and suggestions.
    """
    if len(argv) < 2:
        return
    wanted = [info for info in app.registered_commands if info.name == argv[1]]
    if wanted:
        app.registered_commands = wanted


def _silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so the final flush cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
