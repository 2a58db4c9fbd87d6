"""``check``: lint maps and say so in the exit code."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from argmap.cli.options import settings
from argmap.errors import MapError


def check_maps(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None, typer.Argument(metavar="[MAP]...", help="Map files to check (as with --map).")
    ] = None,
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
    from argmap.analysis.reports import check_files
    from argmap.views.output import show_check

    if output not in ("text", "json", "github"):
        raise MapError(f"--format must be text, json or github, not {output!r}")
    options = settings(ctx)
    targets: list[Any] = [*(paths or ()), *(maps or ())] or [options.map]
    report = check_files(
        targets,
        fmt=options.from_format,
        max_bytes=options.max_bytes,
        member=options.in_map,
        refresh=options.refresh,
    )
    show_check(report, output)
    if code := report.exit_code(strict=strict):
        raise typer.Exit(code)
