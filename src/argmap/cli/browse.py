"""Browsing commands: ``list``, ``show`` and ``search``."""

from __future__ import annotations

from typing import Annotated

import typer

from argmap.cli.options import JsonOption, KindOption, settings
from argmap.cli.store import across, one_query_map, query_map


def list_claims(
    ctx: typer.Context,
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
    from argmap.analysis.queries import iter_select, select
    from argmap.views.output import show_claims

    amap = query_map(settings(ctx))
    words = search.split() if search else []
    if across(amap):
        from argmap.store import select_across
        from argmap.views.store_output import show_claims_across

        found = select_across(amap, kinds=kind or (), sections=section or (), tags=tag or (), words=words)
        show_claims_across(found, as_json=as_json)
        return
    # JSON is written as the claims come; a table needs them all first.
    pick = iter_select if as_json else select
    claims = pick(amap, kinds=kind or (), sections=section or (), tags=tag or (), words=words)
    show_claims(amap, claims, words, as_json=as_json)


def show(
    ctx: typer.Context,
    claim_id: Annotated[str, typer.Argument(metavar="ID", help="The claim to show.")],
    as_json: JsonOption = False,
) -> None:
    """Everything about one claim: text, quote and where it sits in the source, and all its relations."""
    from argmap.analysis.reports import claim_report
    from argmap.views.output import show_claim

    options = settings(ctx)
    show_claim(claim_report(one_query_map(options), claim_id, options.map), as_json=as_json)


def search(
    ctx: typer.Context,
    words: Annotated[
        list[str],
        typer.Argument(metavar="WORDS...", help="Words that must all occur (any case, any script)."),
    ],
    as_json: JsonOption = False,
) -> None:
    """Find claims whose text or quote contains all the words; matches are highlighted."""
    from argmap.analysis.queries import select
    from argmap.views.output import show_search

    amap = query_map(settings(ctx))
    if across(amap):
        from argmap.store import select_across
        from argmap.views.store_output import show_search_across

        show_search_across(select_across(amap, words=words), words, as_json=as_json)
        return
    show_search(select(amap, words=words), words, as_json=as_json)
