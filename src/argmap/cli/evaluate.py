"""``evaluate``: which claims stand under an argumentation semantics, and how strongly; or one
ICCMA task (the first N extensions, their count, one of them, acceptance of a claim)."""

from __future__ import annotations

from typing import Annotated

import typer

from argmap.cli.options import JsonOption, settings

#: More extensions than this are not labelled and printed: --count and --limit say why.
MAX_SHOWN = 1000

LimitOption = Annotated[
    int | None, typer.Option("--limit", min=0, help="List the first N extensions (no labels).")
]
AcceptsOption = Annotated[
    str | None, typer.Option("--accepts", metavar="ID", help="Is ID accepted? yes/no with a witness.")
]
ScepticalOption = Annotated[
    bool,
    typer.Option("--sceptical/--credulous", help="With --accepts: in every extension, or in some (default)."),
]
TimeoutOption = Annotated[
    float | None, typer.Option("--timeout", min=0, help="Stop the solver after N seconds; say what it found.")
]


def evaluate_claims(
    ctx: typer.Context,
    semantics: Annotated[
        str,
        typer.Option(
            "--semantics",
            "-s",
            help="grounded (default), complete, preferred, stable, semi-stable, stage or ideal.",
        ),
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
    limit: LimitOption = None,
    count: Annotated[bool, typer.Option("--count", help="Count the extensions.")] = False,
    one: Annotated[bool, typer.Option("--one", help="Show one extension, or say there is none.")] = False,
    accepts: AcceptsOption = None,
    sceptical: ScepticalOption = False,
    timeout: TimeoutOption = None,
) -> None:
    """Which claims stand once the rebuttals are weighed: acceptability labels and gradual strength.

    IN: accepted; OUT: defeated by an accepted attacker; UNDEC: undecided. With several
    extensions (preferred, stable) IN means in all of them and IN? (credulous) in some.
    --limit, --count, --one and --accepts run one ICCMA task instead of labelling every claim.
    """
    from argmap.cli.solve import Task

    options = settings(ctx)
    task = Task(limit, count, one, accepts, sceptical, timeout)
    if task.asked:
        from argmap.argumentation import Framework, framework_from_map
        from argmap.cli.solve import run
        from argmap.formats import load_map_or_framework

        source = load_map_or_framework(
            options.source, fmt=options.from_format, max_bytes=options.max_bytes, refresh=options.refresh
        )
        framework = source if isinstance(source, Framework) else framework_from_map(source, bipolar=bipolar)
        raise typer.Exit(run(framework, semantics, bipolar, task, as_json=as_json))
    from argmap.analysis.reports import evaluate_input
    from argmap.views.output import show_evaluation

    report = evaluate_input(
        options.source,
        fmt=options.from_format,
        max_bytes=options.max_bytes,
        refresh=options.refresh,
        semantics=semantics,
        gradual=gradual,
        bipolar=bipolar,
        tree=as_tree,
        max_extensions=MAX_SHOWN,
        timeout=timeout,
    )
    show_evaluation(report, as_json=as_json, bipolar=bipolar, scored=gradual is not None)
