"""Structure commands: ``tree`` (what supports and attacks a claim) and ``trace`` (its chains)."""

from __future__ import annotations

from typing import Annotated

import typer

from argmap.cli.options import SEMANTICS_HELP, JsonOption, settings
from argmap.cli.store import one_query_map
from argmap.errors import MapError


def tree(
    ctx: typer.Context,
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
            help=f"Mark each claim IN/OUT/UNDEC under these semantics: {SEMANTICS_HELP}.",
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """The support/attack tree under a claim (+ supports, − attacks, ⊘ undercuts, ⇄ contrasts with)."""
    from argmap.analysis.reports import claim_tree
    from argmap.views.output import show_tree

    if direction not in ("down", "up"):
        raise MapError(f"--direction must be 'down' or 'up', not {direction!r}")
    amap = one_query_map(settings(ctx), whole=claim_id is None or status is not None)
    report = claim_tree(amap, claim_id, depth=depth, direction=direction, status=status)  # type: ignore[arg-type]
    show_tree(report, as_json=as_json)


def trace_chains(
    ctx: typer.Context,
    claim_id: Annotated[str, typer.Argument(metavar="ID", help="The claim whose support chains to trace.")],
    up: Annotated[bool, typer.Option("--up", help="Chains from ID up to the theses it serves.")] = False,
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", min=1, help="Show at most this many chains (default 100).")
    ] = 100,
    as_json: JsonOption = False,
) -> None:
    """The support chains that lead to a claim, each from a ground (a claim nothing supports) up to it."""
    from argmap.analysis.reports import claim_chains
    from argmap.views.output import show_trace

    amap = one_query_map(settings(ctx))
    show_trace(claim_chains(amap, claim_id, up=up, limit=limit), as_json=as_json)
