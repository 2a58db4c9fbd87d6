"""``evaluate``: which claims stand under an argumentation semantics, and how strongly."""

from __future__ import annotations

from typing import Annotated

import typer

from argmap.cli.options import JsonOption, settings


def evaluate_claims(
    ctx: typer.Context,
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
    from argmap.analysis.reports import evaluate_input
    from argmap.views.output import show_evaluation

    options = settings(ctx)
    report = evaluate_input(
        options.map,
        fmt=options.from_format,
        max_bytes=options.max_bytes,
        semantics=semantics,
        gradual=gradual,
        bipolar=bipolar,
        tree=as_tree,
    )
    show_evaluation(report, as_json=as_json, bipolar=bipolar, scored=gradual is not None)
