"""Graphviz DOT, written by hand.

pydot and the graphviz package mangle backslashes, ``\\l``/``\\N`` and ``<...>`` labels, so
this module writes DOT itself: every id is a quoted slug, every label an escString in which
``\\`` and ``"`` are escaped and line breaks are ``\\n``. A claim's text therefore renders exactly as
written and cannot inject DOT.

The drawing itself (which claims, which helper points, which edges) is worked out once by
`argmap.formats.diagram`, so the Mermaid writer draws the same picture.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from argmap.errors import MapError
from argmap.formats.diagram import (
    ATTACK_COLOUR,
    CONTRAST_COLOUR,
    KIND_STYLE,
    STATUSES,
    SUPPORT_COLOUR,
    DiagramOptions,
    diagram,
    node_label,
)
from argmap.formats.options import writer_options

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

#: Families tried in order; the first has CJK glyphs and is Debian's ``fonts-wqy-microhei``.
#: Graphviz (pango) and SVG viewers both accept the comma-separated list.
DEFAULT_FONT = (
    "WenQuanYi Micro Hei,Noto Sans CJK SC,Source Han Sans SC,PingFang SC,Microsoft YaHei,sans-serif"
)

#: status -> attributes laid over the kind style (for ``--status`` from the semantics module).
STATUS_STYLE: dict[str, dict[str, str]] = {
    "in": {"color": "#15803d", "penwidth": "3"},
    "out": {"color": "#b91c1c", "penwidth": "3", "fontcolor": "#6b7280", "dashed": "1"},
    "undec": {"color": "#b7791f", "penwidth": "3", "dotted": "1"},
}

EDGE_STYLE: dict[str, dict[str, str]] = {
    "supports": {"color": SUPPORT_COLOUR},
    # from a premise into a junction or inference point: the arrow is drawn after the point
    "premise": {"color": SUPPORT_COLOUR, "arrowhead": "none"},
    "attacks": {"color": ATTACK_COLOUR, "arrowhead": "tee"},
    "undercuts": {"color": ATTACK_COLOUR, "arrowhead": "tee", "style": "dashed"},
    "contrasts": {"color": CONTRAST_COLOUR, "style": "dashed", "dir": "none", "constraint": "false"},
}

POINT_STYLE: dict[str, dict[str, str]] = {
    "linked": {"shape": "point", "width": "0.1", "color": SUPPORT_COLOUR},
    "inference": {"shape": "point", "width": "0.06", "color": SUPPORT_COLOUR},
}


def escape(text: str) -> str:
    """A DOT escString body that Graphviz shows as ``text``, line breaks as centred lines.

    Backslashes first, so ``\\l``, ``\\N`` and a trailing backslash stay literal; then quotes;
    then ``&``, because Graphviz decodes HTML entities even in plain labels (``&amp;`` would
    show as ``&``); then every line break becomes ``\\n``, so no raw newline (and no line
    continuation) is left. NUL, which DOT cannot hold, becomes U+FFFD.
    """
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;").replace("\0", "\ufffd")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def quote(text: str) -> str:
    return '"' + escape(text) + '"'


def quote_id(node_id: str) -> str:
    """A quoted DOT ID. In IDs only ``\\"`` is an escape, so a backslash cannot round-trip."""
    if "\\" in node_id or "\n" in node_id or "\r" in node_id:
        raise MapError(f"claim id {node_id!r} cannot be written as a DOT id", hint="use a slug id")
    return '"' + node_id.replace('"', '\\"') + '"'


def _attributes(attrs: Mapping[str, str | int | float]) -> str:
    return ", ".join(f"{key}={quote(str(value))}" for key, value in attrs.items())


def _style_attributes(kind: str, status: str | None) -> str:
    """Everything on a claim's node but its label; depends on kind and status only."""
    attrs = {"class": kind, **KIND_STYLE[kind]}
    if status is not None:
        extra = dict(STATUS_STYLE[status])
        styles = attrs["style"].split(",") + [line for line in ("dashed", "dotted") if extra.pop(line, None)]
        attrs.update(extra, style=",".join(styles))
        attrs["class"] += f" status-{status}"
    return _attributes(attrs)


@dataclass(frozen=True)
class DotOptions(DiagramOptions):
    """`DiagramOptions` and ``fontname``, the font families Graphviz tries in order."""

    fontname: str = DEFAULT_FONT


OPTIONS = DotOptions


def generate(amap: ArgumentMap, options: DotOptions | None = None, **fields: Any) -> Iterator[str]:
    """The DOT document line by line (each without its newline)."""
    chosen = writer_options("dot", DotOptions, options, fields)
    return _lines(amap, chosen, chosen.checked())


def _lines(amap: ArgumentMap, options: DotOptions, rankdir: str) -> Iterator[str]:
    cluster_by, wrap, show_ids, fontname = (
        options.cluster_by,
        options.wrap,
        options.show_ids,
        options.fontname,
    )
    status = options.status or {}
    drawing = diagram(amap)
    title = amap.meta.title

    yield 'digraph "argmap" {'
    graph_attrs: dict[str, str] = {}
    if title:
        graph_attrs.update(label=title, labelloc="t", fontsize="18")
    graph_attrs.update(
        rankdir=rankdir,
        newrank="true",
        nodesep="0.3",
        ranksep="0.45",
        fontname=fontname,
        tooltip=title or "argmap",
    )
    yield f"  graph [{_attributes(graph_attrs)}];"
    yield f"  node [{_attributes({'fontname': fontname, 'fontsize': '11', 'margin': '0.12,0.06'})}];"
    yield f"  edge [{_attributes({'fontname': fontname, 'penwidth': '1.4', 'arrowsize': '0.8'})}];"

    groups: dict[str | None, list[str]] = {None: []}
    if cluster_by == "section":
        for claim in drawing.claims:
            groups.setdefault(claim.section, [])
    clustered = cluster_by == "section"
    styles = {
        (kind, state): _style_attributes(kind, state) for kind in KIND_STYLE for state in (None, *STATUSES)
    }
    for claim in drawing.claims:
        label = quote("\n".join(node_label(claim, wrap, show_ids)))
        style = styles[claim.kind, status.get(claim.id)]
        groups[claim.section if clustered else None].append(f"{quote_id(claim.id)} [label={label}, {style}];")
    point_styles = {role: _attributes({"class": role, **attrs}) for role, attrs in POINT_STYLE.items()}
    for point in drawing.points:
        groups[point.section if clustered else None].append(
            f"{quote_id(point.id)} [{point_styles[point.role]}];"
        )

    for statement in groups.pop(None):
        yield "  " + statement
    for number, (section, statements) in enumerate(groups.items()):
        yield f'  subgraph "cluster_{number}" {{'
        cluster = {
            "label": section or "",
            # with rankdir=BT Graphviz flips cluster labels: "b" is what shows on top
            "labelloc": "b" if rankdir == "BT" else "t",
            "fontsize": "12",
            "style": "rounded,dashed",
            "color": "#a0aec0",
            "fontcolor": "#4a5568",
        }
        yield f"    graph [{_attributes(cluster)}];"
        for statement in statements:
            yield "    " + statement
        yield "  }"

    edge_styles = {role: _attributes({"class": role, **attrs}) for role, attrs in EDGE_STYLE.items()}
    for edge in drawing.edges:
        yield f"  {quote_id(edge.source)} -> {quote_id(edge.target)} [{edge_styles[edge.role]}];"
    yield "}"


def write(amap: ArgumentMap, options: DotOptions | None = None, **fields: Any) -> str:
    """The map as one DOT document (ends with a newline); same map and options, same bytes."""
    return "\n".join(generate(amap, options, **fields)) + "\n"
