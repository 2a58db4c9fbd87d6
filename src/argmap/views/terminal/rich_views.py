"""Rich renderables for the terminal: the only module that imports rich."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.table import Table
from rich.text import Text

from argmap.views.terminal import KIND_STYLE

if TYPE_CHECKING:
    from argmap.analysis.queries import Spans
    from argmap.model import Claim


def highlighted(text: str, spans: Spans, style: str = "bold reverse") -> Text:
    rich_text = Text(text)
    for start, end in spans:
        rich_text.stylize(style, start, end)
    return rich_text


def kind_badge(kind: str) -> Text:
    """The kind in its colour; ``[kind]`` brackets are kept and coloured too."""
    return Text(kind, style=KIND_STYLE.get(kind.strip("[]"), "default"))


def claims_table(claims: Sequence[Claim], *, title: str | None = None, words: Sequence[str] = ()) -> Table:
    from argmap.analysis.queries import find_spans

    table = Table(title=title, show_lines=False, expand=False, title_justify="left")
    table.add_column("id", style="bold", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("section", no_wrap=True)
    table.add_column("text", ratio=1)
    for claim in claims:
        text = highlighted(claim.text, find_spans(claim.text, words)) if words else Text(claim.text)
        table.add_row(claim.id, kind_badge(claim.kind), claim.section or "", text)
    return table


GLYPH_STYLE = {
    "supports": "bold green",
    "attacks": "bold red",
    "undercuts": "bold dark_orange",
    "contrasts": "bold blue",
    None: "bold magenta",
}
#: Deeper trees are drawn line by line: rich's guides would outgrow any terminal.
MAX_RICH_DEPTH = 30


STATUS_STYLE = {
    "in": "bold black on green",
    "out": "bold white on red",
    "undec": "bold black on yellow",
    "credulous": "bold black on cyan",
}


def status_badge(status: str) -> Text:
    from argmap.views.terminal.plain import STATUS_MARK

    return Text(f" {STATUS_MARK[status]} ", style=STATUS_STYLE[status])


def tree_label(row: Any, claim: Any, status: str | None = None) -> Text:
    """The plain tree line, styled: glyph and kind in their colours, the status as a badge."""
    from argmap.views.terminal.plain import tree_label_parts

    styles = {
        "glyph": GLYPH_STYLE[row.relation],
        "kind": KIND_STYLE.get(claim.kind, "default"),
        "id": "bold",
        "cycle": "yellow",
        "note": "dim",
    }
    label = Text()
    for text, role in tree_label_parts(row, claim, status):
        if role == "status" and status is not None:
            label.append_text(status_badge(status))
        else:
            label.append(text, style=styles.get(role or "", ""))
    return label


def trees(rows: Sequence[Any], labels: Sequence[Text]) -> list[Any]:
    """Rich renderables for the rows: one `Tree` per root, or plain styled lines when deep."""
    from rich.tree import Tree

    if any(row.depth > MAX_RICH_DEPTH for row in rows):
        from argmap.views.terminal.plain import tree_guides

        return [
            Text(guide).append_text(label) for guide, label in zip(tree_guides(rows), labels, strict=True)
        ]
    nodes: list[Any] = []
    roots: list[Any] = []
    for row, label in zip(rows, labels, strict=True):
        if row.parent is None:
            node = Tree(label, guide_style="dim")
            roots.append(node)
        else:
            node = nodes[row.parent].add(label)
        nodes.append(node)
    return roots


def chain_text(claims: Sequence[str], attacked: dict[str, list[str]]) -> Text:
    text = Text()
    for position, claim_id in enumerate(claims):
        if position:
            text.append(" → ", style="green")
        text.append(claim_id, style="bold red" if claim_id in attacked else "bold")
    return text


def describe_panel(info: dict[str, Any], lines: Sequence[str]) -> Any:
    from rich.panel import Panel

    body = Text()
    for position, line in enumerate(lines[1:]):
        name, _, value = line.partition(":")
        if position:
            body.append("\n")
        body.append(f"{name}:", style="bold")
        body.append(value)
    title = Text.assemble((info["id"], "bold"), " ", kind_badge(info["kind"]))
    return Panel(body, title=title, title_align="left")


def trace_view(result: Any) -> Any:
    from rich.console import Group

    from argmap.views.terminal.plain import trace_lines

    lines = list(trace_lines(result))
    parts: list[Any] = [Text(lines[0], style="bold")]
    if not result.chains:
        return Group(*parts)
    width = len(str(len(result.chains)))
    for number, chain in enumerate(result.chains, 1):
        line = Text(f"{number:>{width}}. ")
        line.append_text(chain_text(chain.claims, chain.attacked_by))
        for attacked, defended in chain.defends:
            line.append(" ⊣ ", style="red")
            line.append(attacked, style="bold")
            line.append(" ⊣ ", style="red")
            line.append(defended, style="bold")
        if chain.defends:
            line.append("  (defends by attacking an attacker)", style="dim")
        elif chain.end == "cycle":
            line.append("  (stops at a support cycle)", style="yellow")
        elif chain.end == "top":
            line.append("  (ends below any thesis)", style="dim")
        parts.append(line)
        pad = " " * (width + 2)
        for claim_id, attackers in chain.attacked_by.items():
            parts.append(Text(f"{pad}− {claim_id} is attacked by {', '.join(attackers)}", style="red"))
        for (premise, conclusion), by in chain.undercut_by.items():
            parts.append(
                Text(f"{pad}⊘ {premise} → {conclusion} is undercut by {', '.join(by)}", style="dark_orange")
            )
    if lines[-1].startswith("…"):
        parts.append(Text(lines[-1], style="dim"))
    return Group(*parts)


def search_results(claims: Sequence[Any], words: Sequence[str]) -> Any:
    from rich.console import Group

    from argmap.analysis.queries import find_spans

    parts: list[Any] = []
    for claim in claims:
        line = Text.assemble((claim.id, "bold"), " ", kind_badge(f"[{claim.kind}]"), ": ")
        line.append_text(highlighted(claim.text, find_spans(claim.text, words)))
        parts.append(line)
        spans = find_spans(claim.quote or "", words)
        if spans:
            quote = Text("    \u201c", style="dim")
            quote.append_text(highlighted(claim.quote, spans))
            quote.append("\u201d", style="dim")
            parts.append(quote)
    parts.append(Text(f"{len(claims)} claim{'s' if len(claims) != 1 else ''} found", style="dim"))
    return Group(*parts)


def evaluation_table(statuses: Sequence[tuple[Any, Any]], *, title: str, scored: bool) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("id", style="bold", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("status", no_wrap=True)
    if scored:
        table.add_column("score", justify="right", no_wrap=True)
    table.add_column("text", ratio=1)
    for claim, status in statuses:
        cells: list[Any] = [claim.id, kind_badge(claim.kind), status_badge(status.label)]
        if scored:
            cells.append("-" if status.score is None else f"{status.score:.3f}")
        cells.append(claim.text)
        table.add_row(*cells)
    return table
