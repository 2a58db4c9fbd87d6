"""Rich renderables for the terminal: the only module that imports rich."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from rich.style import Style
from rich.table import Table
from rich.text import Text

from argmap.views.terminal import KIND_STYLE

if TYPE_CHECKING:
    from argmap.analysis.queries import Spans
    from argmap.model import Claim


DIM = Style(dim=True)


def highlighted(text: str, spans: Spans, style: str = "bold reverse") -> Text:
    rich_text = Text(text)
    for start, end in spans:
        rich_text.stylize(style, start, end)
    return rich_text


def kind_badge(kind: str) -> Text:
    """The kind in its colour; ``[kind]`` brackets are kept and coloured too."""
    return Text(kind, style=KIND_STYLE.get(kind.strip("[]"), "default"))


#: Fewest columns the main column of a table (a claim's text) keeps on a narrow terminal;
#: a terminal that cannot give it that much beside the id gets the rows as `records`.
MIN_TEXT_WIDTH = 16
#: Fewest columns a folded id keeps.
MIN_ID_WIDTH = 6


def column_width(header: str, cells: Iterable[Any]) -> int:
    """Terminal cells a one-line column takes: its header or its widest cell, whichever is
    wider (an empty column still shows its header; a CJK character takes two cells)."""
    from rich.cells import cell_len

    return max([cell_len(header), *(cell_len(str(cell)) for cell in cells)])


def fitting_columns(
    needed: dict[str, int], droppable: Sequence[str], width: int
) -> tuple[set[str], int] | None:
    """The columns a table keeps at ``width`` and its id column's width: ``droppable`` ones go
    first, in that order, then the id folds, until the others (each as wide as ``needed``, plus
    borders) leave the text its minimum. None when even that leaves the text less."""
    kept = dict(needed)
    room = 0
    for name in ("", *droppable):
        kept.pop(name, None)
        room = width - sum(cells + 3 for cells in kept.values()) - 4
        if room >= MIN_TEXT_WIDTH:
            return set(kept), kept["id"]
    id_width = kept["id"] + room - MIN_TEXT_WIDTH
    return (set(kept), id_width) if id_width >= min(kept["id"], MIN_ID_WIDTH) else None


def id_column(table: Table, needed: dict[str, int], id_width: int) -> None:
    """The id column: whole ids while they fit, folded onto more lines when the others and
    the text's minimum leave less."""
    if id_width >= needed["id"]:
        table.add_column("id", style="bold", no_wrap=True)
    else:
        table.add_column("id", style="bold", overflow="fold", width=id_width)


def text_column(table: Table) -> None:
    """The main column: it takes what the others leave and folds a word (or a run of CJK
    text, which has no spaces) wider than itself, so no text is cut short."""
    table.add_column("text", ratio=1, min_width=MIN_TEXT_WIDTH, overflow="fold")


def records(title: str | None, heads: Sequence[Text], texts: Sequence[Text]) -> Any:
    """Rows for a terminal too narrow for a table: each claim's head (id, then kind or status)
    followed by its text, wrapped lines indented under it."""
    from rich.console import Group

    parts: list[Any] = [] if title is None else [Text(title, style="table.title")]
    for head, text in zip(heads, texts, strict=True):
        parts.append(Hanging(Text.assemble(head, text)))
    return Group(*parts)


def claims_table(
    claims: Sequence[Claim], *, title: str | None = None, words: Sequence[str] = (), width: int = 10_000
) -> Any:
    """``list`` as a table; on a narrow terminal section, then kind, give way to the text;
    on one too narrow for any table the claims come as `records`."""
    from argmap.analysis.queries import find_spans

    texts = [highlighted(c.text, find_spans(c.text, words)) if words else Text(c.text) for c in claims]
    needed = {
        "id": column_width("id", (c.id for c in claims)),
        "kind": column_width("kind", (c.kind for c in claims)),
        "section": column_width("section", (c.section or "" for c in claims)),
    }
    fitted = fitting_columns(needed, ("section", "kind"), width)
    if fitted is None:
        heads = [Text.assemble((c.id, "bold"), " ", kind_badge(f"[{c.kind}]"), ": ") for c in claims]
        return records(title, heads, texts)
    kept, id_width = fitted
    table = Table(title=title, show_lines=False, expand=False, title_justify="left")
    id_column(table, needed, id_width)
    if "kind" in kept:
        table.add_column("kind", no_wrap=True)
    if "section" in kept:
        table.add_column("section", no_wrap=True)
    text_column(table)
    for claim, text in zip(claims, texts, strict=True):
        cells: list[Any] = [Text(claim.id)]
        if "kind" in kept:
            cells.append(kind_badge(claim.kind))
        if "section" in kept:
            cells.append(Text(claim.section or ""))
        table.add_row(*cells, text)
    return table


GLYPH_STYLE = {
    "supports": "bold green",
    "attacks": "bold red",
    "undercuts": "bold dark_orange",
    "contrasts": "bold blue",
    None: "bold magenta",
}
#: Fewest columns a claim's label keeps beside its guides; a tree that would leave less
#: is drawn line by line with a depth marker (rich's guides would squeeze the text to
#: nothing and drop the deepest claims).
MIN_LABEL_WIDTH = 20


STATUS_STYLE = {
    "in": "bold black on green",
    "out": "bold white on red",
    "undec": "bold black on yellow",
    "credulous": "bold black on cyan",
}


def status_badge(status: str) -> Text:
    from argmap.views.terminal.plain import STATUS_MARK

    return Text(f" {STATUS_MARK[status]} ", style=STATUS_STYLE[status])


def tree_label(row: Any, claim: Any, status: str | None = None, score: float | None = None) -> Text:
    """The plain tree line, styled: glyph and kind in their colours, the status as a badge."""
    from argmap.views.terminal.plain import tree_label_parts

    styles = {
        "glyph": GLYPH_STYLE[row.relation],
        "kind": KIND_STYLE.get(claim.kind, "default"),
        "id": "bold",
        "cycle": "yellow",
        "note": "dim",
        "score": "bold",
    }
    label = Text()
    for text, role in tree_label_parts(row, claim, status, score):
        if role == "status" and status is not None:
            label.append_text(status_badge(status))
        else:
            label.append(text, style=styles.get(role or "", ""))
    return label


def trees(rows: Sequence[Any], labels: Sequence[Text], width: int) -> list[Any]:
    """Rich renderables for the rows: one `Tree` per root when it fits ``width``, else
    styled lines whose wrapped text stays under its claim."""
    from rich.tree import Tree

    deepest = max((row.depth for row in rows), default=0)
    if 4 * deepest + MIN_LABEL_WIDTH > width:
        return [HangingLines(rows, labels)]
    nodes: list[Any] = []
    roots: list[Any] = []
    for row, label in zip(rows, labels, strict=True):
        if row.parent is None:
            # a root has no guide to hang its wrapped lines under: they go under its text
            node = Tree(Hanging(label, indent=2), guide_style="dim")
            roots.append(node)
        else:
            node = nodes[row.parent].add(label)
        nodes.append(node)
    return roots


class HangingLines:
    """Tree rows as guide + label lines, each label wrapped to what its guide leaves of the
    width and its further lines drawn under it; guides are capped so a label keeps at least
    `MIN_LABEL_WIDTH` columns."""

    def __init__(self, rows: Sequence[Any], labels: Sequence[Text]) -> None:
        self.rows, self.labels = rows, labels

    def __rich_console__(self, console: Any, options: Any) -> Any:
        from rich.segment import Segment

        from argmap.views.terminal.plain import MAX_GUIDES, continuation_guide, tree_guides

        width = options.max_width
        max_guides = min(MAX_GUIDES, max(1, (width // 2 - 6) // 4))
        newline = Segment.line()
        for guide, label in zip(tree_guides(self.rows, max_guides), self.labels, strict=True):
            lines = label.wrap(console, max(MIN_LABEL_WIDTH, width - len(guide)))
            prefix = guide
            for line in lines:
                yield Segment(prefix, DIM)
                yield from line.render(console)
                yield newline
                prefix = continuation_guide(guide)


class Hanging:
    """A text whose wrapped lines are indented under its first (a search match, a value)."""

    def __init__(self, text: Text, indent: int = 4) -> None:
        self.text, self.indent = text, indent

    def __rich_console__(self, console: Any, options: Any) -> Any:
        from rich.segment import Segment

        pad = " " * self.indent
        for number, line in enumerate(self.text.wrap(console, max(8, options.max_width - self.indent))):
            if number:
                yield Segment(pad)
            yield from line.render(console)
            yield Segment.line()


def chain_text(claims: Sequence[str], attacked: dict[str, list[str]]) -> Text:
    text = Text()
    for position, claim_id in enumerate(claims):
        if position:
            text.append(" → ", style="green")
        text.append(claim_id, style="bold red" if claim_id in attacked else "bold")
    return text


def describe_panel(info: dict[str, Any], lines: Sequence[str]) -> Any:
    """``show`` in a panel: field names in a column, so a long value wraps under itself."""
    from rich.panel import Panel

    body = Table.grid()
    body.add_column(no_wrap=True, min_width=14, style="bold")
    body.add_column()
    for line in lines[1:]:
        name, _, value = line.partition(":")
        body.add_row(f"{name}:", value.lstrip(" "))
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
        pad = " " * (width + 2)
        parts.append(Hanging(line, indent=len(pad)))
        # the same words as in a pipe (`trace_lines`): only the colours are the terminal's own
        for claim_id, attackers in chain.attacked_by.items():
            contested = Text(f"{pad}contested: {claim_id} is attacked by {', '.join(attackers)}", style="red")
            parts.append(Hanging(contested, indent=len(pad) + 2))
        for (premise, conclusion), by in chain.undercut_by.items():
            contested = Text(
                f"{pad}contested: {premise} → {conclusion} is undercut by {', '.join(by)}",
                style="dark_orange",
            )
            parts.append(Hanging(contested, indent=len(pad) + 2))
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
        parts.append(Hanging(line))
        spans = find_spans(claim.quote or "", words)
        if spans:
            quote = Text("    \u201c", style="dim")
            quote.append_text(highlighted(claim.quote, spans))
            quote.append("\u201d", style="dim")
            parts.append(Hanging(quote, 5))
    parts.append(Text(f"{len(claims)} claim{'s' if len(claims) != 1 else ''} found", style="dim"))
    return Group(*parts)


def evaluation_table(
    statuses: Sequence[tuple[Any, Any]], *, title: str, scored: bool, width: int = 10_000
) -> Any:
    """``evaluate`` as a table; the status always shows, kind gives way first on a narrow
    terminal, then the score; on one too narrow for any table the claims come as `records`."""
    badges = [status_badge(status.label) for _, status in statuses]
    scores = ["-" if status.score is None else f"{status.score:.3f}" for _, status in statuses]
    needed = {
        "id": column_width("id", (claim.id for claim, _ in statuses)),
        "kind": column_width("kind", (claim.kind for claim, _ in statuses)),
        "status": column_width("status", badges),
    }
    if scored:
        needed["score"] = column_width("score", scores)
    fitted = fitting_columns(needed, ("kind", "score"), width)
    if fitted is None:
        heads = [
            Text.assemble((claim.id, "bold"), " ", badge, *((" ", score) if scored else ()), " ")
            for (claim, _), badge, score in zip(statuses, badges, scores, strict=True)
        ]
        return records(title, heads, [Text(claim.text) for claim, _ in statuses])
    kept, id_width = fitted
    table = Table(title=title, title_justify="left")
    id_column(table, needed, id_width)
    if "kind" in kept:
        table.add_column("kind", no_wrap=True)
    table.add_column("status", no_wrap=True, min_width=6)
    if "score" in kept:
        table.add_column("score", justify="right", no_wrap=True)
    text_column(table)
    for (claim, _), badge, score in zip(statuses, badges, scores, strict=True):
        cells: list[Any] = [Text(claim.id)]
        if "kind" in kept:
            cells.append(kind_badge(claim.kind))
        cells.append(badge)
        if "score" in kept:
            cells.append(score)
        cells.append(Text(claim.text))
        table.add_row(*cells)
    return table
