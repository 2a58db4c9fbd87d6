"""Mermaid flowchart, the picture GitHub and GitLab draw from a fenced ```` ```mermaid ```` block.

It draws what the DOT writer draws (`argmap.formats.diagram`), using only syntax that
Mermaid 9 and later understand: ``flowchart``, quoted labels, ``:::class``, ``classDef``,
``linkStyle``, ``-->``/``--x``/``-.-``. Node ids are generated (``n0``, ``n1``, ...), never
taken from the map, and every label is quoted with Mermaid's entity codes (``#35;``), so no
claim text can end a label, start a directive (``%%{init}``) or be read as markup.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from argmap.formats.diagram import (
    ATTACK_COLOUR,
    CONTRAST_COLOUR,
    KIND_STYLE,
    SUPPORT_COLOUR,
    DiagramOptions,
    diagram,
    node_label,
)
from argmap.formats.options import writer_options

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

#: Characters written as ``#<code>;``. ``#`` first (it starts every entity); ``"`` would end the
#: label; ``& < >`` would be HTML; `````` ` ````` starts a markdown string; ``%`` a directive; ``:``
#: with ``#`` and ``;`` trips Mermaid's colour-code pre-pass; ``ﬂ`` and ``¶`` are the
#: placeholders Mermaid itself swaps entities through.
_ENTITIES = {
    "#": "#35;",
    '"': "#quot;",
    "&": "#amp;",
    "<": "#lt;",
    ">": "#gt;",
    "`": "#96;",
    "%": "#37;",
    ":": "#58;",
    "\ufb02": "#64258;",
    "\u00b6": "#182;",
    "\0": "\ufffd",
}
_TRANSLATION = str.maketrans(_ENTITIES)

#: kind -> (opening, closing) of the Mermaid node shape.
SHAPES: dict[str, tuple[str, str]] = {
    "thesis": ('("', '")'),
    "claim": ('("', '")'),
    "evidence": ('["', '"]'),
    "objection": ('("', '")'),
    "rebuttal": ('("', '")'),
}

STATUS_CLASS = {"in": "statusIn", "out": "statusOut", "undec": "statusUndec"}
_STATUS_DEFS = {
    "statusIn": "stroke:#15803d,stroke-width:3px",
    "statusOut": "stroke:#b91c1c,stroke-width:3px,stroke-dasharray:6 3,color:#6b7280",
    "statusUndec": "stroke:#b7791f,stroke-width:3px,stroke-dasharray:2 2",
}

_ARROWS = {"supports": "-->", "premise": "---", "attacks": "--x", "undercuts": "-.-x", "contrasts": "-.-"}
_LINK_STYLE = {
    "supports": f"stroke:{SUPPORT_COLOUR},stroke-width:1.5px",
    "premise": f"stroke:{SUPPORT_COLOUR},stroke-width:1.5px",
    "attacks": f"stroke:{ATTACK_COLOUR},stroke-width:1.5px",
    "undercuts": f"stroke:{ATTACK_COLOUR},stroke-width:1.5px",
    "contrasts": f"stroke:{CONTRAST_COLOUR}",
}


def escape(text: str) -> str:
    """The inside of a quoted Mermaid label that shows ``text``; line breaks become ``<br>``."""
    text = text.translate(_TRANSLATION)
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def _class_def(kind: str) -> str:
    style = KIND_STYLE[kind]
    width = "2px" if "bold" in style["style"] else "1px"
    return f"fill:{style['fillcolor']},stroke:{style['color']},stroke-width:{width},color:#1a202c"


@dataclass(frozen=True)
class MermaidOptions(DiagramOptions):
    """`DiagramOptions`; Mermaid chooses its own fonts."""


OPTIONS = MermaidOptions


def generate(amap: ArgumentMap, options: MermaidOptions | None = None, **fields: Any) -> Iterator[str]:
    """The flowchart line by line (each without its newline)."""
    chosen = writer_options("mermaid", MermaidOptions, options, fields)
    return _lines(amap, chosen, chosen.checked())


def _lines(amap: ArgumentMap, options: MermaidOptions, rankdir: str) -> Iterator[str]:
    drawing = diagram(amap)
    status = options.status or {}
    cluster_by, wrap, show_ids = options.cluster_by, options.wrap, options.show_ids
    if amap.meta.title:
        # a comment, on one line and without "%": Mermaid looks for %%{directives}%% anywhere
        yield "%% " + " ".join(amap.meta.title.split()).replace("%", "#37;")
    yield f"flowchart {rankdir}"
    for kind in KIND_STYLE:
        yield f"  classDef {kind} {_class_def(kind)}"
    yield f"  classDef point fill:{SUPPORT_COLOUR},stroke:{SUPPORT_COLOUR}"
    if status:
        for name, style in _STATUS_DEFS.items():
            yield f"  classDef {name} {style}"

    ids = {claim.id: f"n{number}" for number, claim in enumerate(drawing.claims)}
    ids.update((point.id, f"p{number}") for number, point in enumerate(drawing.points))

    groups: dict[str | None, list[str]] = {None: []}
    clustered = cluster_by == "section"
    if clustered:
        for claim in drawing.claims:
            groups.setdefault(claim.section, [])
    for claim in drawing.claims:
        opening, closing = SHAPES[claim.kind]
        label = escape("\n".join(node_label(claim, wrap, show_ids)))
        groups[claim.section if clustered else None].append(
            f"{ids[claim.id]}{opening}{label}{closing}:::{claim.kind}"
        )
    for point in drawing.points:
        groups[point.section if clustered else None].append(f'{ids[point.id]}((" ")):::point')

    yield from ("  " + statement for statement in groups.pop(None))
    for number, (section, statements) in enumerate(groups.items()):
        yield f'  subgraph s{number}["{escape(section or "")}"]'
        yield from ("    " + statement for statement in statements)
        yield "  end"

    by_role: dict[str, list[str]] = {}
    for number, edge in enumerate(drawing.edges):
        yield f"  {ids[edge.source]} {_ARROWS[edge.role]} {ids[edge.target]}"
        by_role.setdefault(edge.role, []).append(str(number))
    for role, numbers in by_role.items():
        yield f"  linkStyle {','.join(numbers)} {_LINK_STYLE[role]}"
    for claim in drawing.claims:
        if claim.id in status:
            yield f"  class {ids[claim.id]} {STATUS_CLASS[status[claim.id]]}"


def write(amap: ArgumentMap, options: MermaidOptions | None = None, **fields: Any) -> str:
    """The map as a Mermaid flowchart (ends with a newline); same map, same bytes."""
    return "\n".join(generate(amap, options, **fields)) + "\n"
