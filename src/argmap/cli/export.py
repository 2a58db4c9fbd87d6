"""Output commands: ``convert`` (between formats), ``export`` (any writable format) and
``render`` (a Graphviz drawing)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Annotated

import typer

from argmap.cli.options import (
    ClusterOption,
    DepthOption,
    IdArgument,
    RankdirOption,
    StatusOption,
    WrapOption,
    load_map,
    settings,
)
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
    writer = choose_writer(output, to_format)
    options = settings(ctx)
    options = dataclasses.replace(options, map=Path(source), from_format=from_format or options.from_format)
    write_document(export_document(load_map(options), writer, source=source, target=output), output)


def export(
    ctx: typer.Context,
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
    from argmap.analysis.export import Drawing, export_document
    from argmap.formats import choose_writer
    from argmap.views.output import write_document

    fmt = choose_writer(output, to)
    options = settings(ctx)
    document = export_document(
        load_map(options),
        fmt,
        claim_id=claim_id,
        depth=depth,
        drawing=Drawing(cluster_by, wrap, rankdir, status),
        source=options.map,
        target=output,
    )
    write_document(document, output)


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
) -> None:
    """Draw the map with Graphviz (SVG, PNG or PDF); needs Graphviz's `dot` installed."""
    from argmap.analysis.export import Drawing, export_document
    from argmap.formats import get
    from argmap.views.drawing import render as draw

    drawing = Drawing(cluster_by, wrap, rankdir, status)
    dot_text = export_document(
        load_map(settings(ctx)), get("dot"), claim_id=claim_id, depth=depth, drawing=drawing, target=output
    )
    assert isinstance(dot_text, str)  # a document for a file comes whole
    draw(dot_text, output, engine=engine)
