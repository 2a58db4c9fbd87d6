"""Rich renderables for the terminal: the only module that imports rich."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from argmap.render import KIND_STYLE

if TYPE_CHECKING:
    from argmap.model import Claim
    from argmap.queries import Spans


def highlighted(text: str, spans: Spans, style: str = "bold reverse") -> Text:
    rich_text = Text(text)
    for start, end in spans:
        rich_text.stylize(style, start, end)
    return rich_text


def kind_badge(kind: str) -> Text:
    return Text(kind, style=KIND_STYLE.get(kind, "default"))


def claims_table(claims: Sequence[Claim], *, title: str | None = None, words: Sequence[str] = ()) -> Table:
    from argmap.queries import find_spans

    table = Table(title=title, show_lines=False, expand=False, title_justify="left")
    table.add_column("id", style="bold", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("section", no_wrap=True)
    table.add_column("text", ratio=1)
    for claim in claims:
        text = highlighted(claim.text, find_spans(claim.text, words)) if words else Text(claim.text)
        table.add_row(claim.id, kind_badge(claim.kind), claim.section or "", text)
    return table
