"""Output commands: ``convert`` (between formats), ``export`` (any writable format, or the
HTML page), ``render`` (a Graphviz drawing) and ``serve`` (the live HTML preview)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from argmap.cli.options import (
    ClusterOption,
    DepthOption,
    GradualOption,
    IdArgument,
    RankdirOption,
    StatusOption,
    WrapOption,
    load_map,
    settings,
)
from argmap.cli.store import map_file
from argmap.errors import MapError


def convert(
    ctx: typer.Context,
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
    from argmap.analysis.export import export_document
    from argmap.formats import choose_writer, names
    from argmap.views.output import write_document

    if target == "-" and not to_format:
        raise MapError(
            "writing to stdout needs --to", hint="choose one of: " + ", ".join(names(writable=True))
        )
    output = None if target == "-" else target
    if output is not None and source != "-" and _same_file(source, output):
        raise MapError(
            f"convert would write over its input {source!r}", hint="write to another file, then rename it"
        )
    writer = choose_writer(output, to_format)
    options = settings(ctx)
    options = options._replace(map=Path(source), from_format=from_format or options.from_format)
    amap = load_map(options, comments=True)
    write_document(export_document(amap, writer, source=map_file(options), target=output), output)


def export(
    ctx: typer.Context,
    claim_id: IdArgument = None,
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            "-t",
            help="dot, graphml, json, mermaid, yaml, argdown, aif, iccma (.af), apx or html "
            "(default: by -o's extension, else dot).",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write here (atomically) instead of stdout; '-': stdout."
        ),
    ] = None,
    depth: DepthOption = None,
    cluster_by: ClusterOption = "section",
    wrap: WrapOption = 30,
    rankdir: RankdirOption = "BT",
    status: StatusOption = None,
    gradual: GradualOption = None,
    bipolar: Annotated[
        bool, typer.Option("--bipolar", help="With --to iccma|apx: add the attacks supports imply.")
    ] = False,
) -> None:
    """Export the map (or the part around one claim) as DOT, GraphML, JSON, Mermaid, YAML, Argdown, AIF, .af, .apx or an HTML page."""
    from argmap.analysis.export import Drawing, export_document
    from argmap.formats import choose_writer, names
    from argmap.views.output import write_document

    options = settings(ctx)
    if output is not None and str(output) == "-":
        output = None  # `-o -`: stdout, as without -o
    if _is_html(to, output):
        from argmap.views.html import export_page

        write_document(
            export_page(load_map(options), claim_id=claim_id, depth=depth, status=status, gradual=gradual),
            output,
        )
        return
    if gradual is not None:
        raise MapError("--gradual scores claims in the HTML page only", hint="add --to html")
    if to is not None and to.lower() not in names(writable=True):
        # html is a view of the map, not a registry format: the choices name it too
        choices = ", ".join([*names(writable=True), "html"])
        raise MapError(f"argmap cannot write the format {to!r}", hint=f"choose one of: {choices}")
    fmt = choose_writer(output, to)
    document = export_document(
        load_map(options),
        fmt,
        claim_id=claim_id,
        depth=depth,
        drawing=Drawing(cluster_by, wrap, rankdir, status),
        source=map_file(options),
        target=output,
        bipolar=bipolar,
    )
    write_document(document, output)


def _same_file(first: str, second: str) -> bool:
    """Whether two paths name one file (the same path, or links to one file)."""
    a, b = Path(first), Path(second)
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def _is_html(to: str | None, output: Path | None) -> bool:
    """html is a view, not a map format: it is chosen here, never through the format registry."""
    if to is not None:
        return to.lower() == "html"
    return output is not None and output.suffix.lower() in (".html", ".htm")


def render(
    ctx: typer.Context,
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
    legend: Annotated[
        bool, typer.Option("--legend/--no-legend", help="Add a legend of shapes, colours and arrows.")
    ] = True,
    force: Annotated[
        bool, typer.Option("--force", help="Draw even a map so big that Graphviz takes minutes.")
    ] = False,
) -> None:
    """Draw the map with Graphviz (SVG, PNG or PDF); needs Graphviz's `dot` installed."""
    from argmap.analysis.export import Drawing, export_document
    from argmap.formats import get
    from argmap.views.drawing import SLOW_DRAWING_CLAIMS, refuse_slow_drawing
    from argmap.views.drawing import render as draw

    amap = load_map(settings(ctx))
    if not force and len(amap) > SLOW_DRAWING_CLAIMS:
        from argmap.analysis.subgraph import part_around

        refuse_slow_drawing(len(part_around(amap, claim_id, depth)) if claim_id else len(amap))
    drawing = Drawing(cluster_by, wrap, rankdir, status)
    dot_text = export_document(
        amap, get("dot"), claim_id=claim_id, depth=depth, drawing=drawing, target=output
    )
    assert isinstance(dot_text, str)  # a document for a file comes whole
    if legend:
        from argmap.views.legend import with_legend

        dot_text = with_legend(dot_text, statuses=status is not None)
    draw(dot_text, output, engine=engine)


def serve(
    ctx: typer.Context,
    port: Annotated[
        int, typer.Option("--port", "-p", min=0, max=65535, help="Port (0: any free one).")
    ] = 8000,
    host: Annotated[
        str,
        typer.Option("--host", help="Address to listen on; anything but 127.0.0.1 is reachable by others."),
    ] = "127.0.0.1",
    open_browser: Annotated[bool, typer.Option("--open", help="Open the page in the web browser.")] = False,
    status: StatusOption = None,
    gradual: GradualOption = None,
) -> None:
    """Serve the map's HTML page on this machine and update it whenever the file changes."""
    from argmap.views.serve import serve as run_preview

    options = settings(ctx)
    if options.map is not None and str(options.map) == "-":
        raise MapError("serve follows a file; it cannot read the map from stdin", hint="give --map FILE")
    run_preview(
        None if options.map is None else Path(options.map),
        host=host,
        port=port,
        open_browser=open_browser,
        semantics=status,
        gradual=gradual,
        fmt=options.from_format,
    )
