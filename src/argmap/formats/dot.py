"""Graphviz DOT, written by hand.

pydot and the graphviz package mangle backslashes, ``\\l``/``\\N`` and ``<...>`` labels
(``shared/research/ecosystem.md`` section 3), so this module writes DOT itself: every id is a
quoted slug, every label an escString in which ``\\`` and ``"`` are escaped and line breaks
are ``\\n``. A claim's text therefore renders exactly as written and cannot inject DOT.

The drawing itself (which claims, which helper points, which edges) is worked out once by
`diagram()`, so the Mermaid writer draws the same picture.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from argmap.errors import MapError

if TYPE_CHECKING:
    from argmap.model import ArgumentMap, Claim

RANKDIRS = ("BT", "TB", "LR", "RL")
CLUSTER_BY = ("section", "none")
STATUSES = ("in", "out", "undec")

#: Families tried in order; the first has CJK glyphs and is Debian's ``fonts-wqy-microhei``.
#: Graphviz (pango) and SVG viewers both accept the comma-separated list.
DEFAULT_FONT = (
    "WenQuanYi Micro Hei,Noto Sans CJK SC,Source Han Sans SC,PingFang SC,Microsoft YaHei,sans-serif"
)

SUPPORT_COLOUR = "#2f855a"
ATTACK_COLOUR = "#c53030"
CONTRAST_COLOUR = "#718096"

#: kind -> node attributes (besides label); chosen so kinds differ in shape or colour even in print.
KIND_STYLE: dict[str, dict[str, str]] = {
    "thesis": {"shape": "box", "style": "rounded,filled,bold", "fillcolor": "#fde68a", "color": "#b45309"},
    "claim": {"shape": "box", "style": "rounded,filled", "fillcolor": "#dbeafe", "color": "#1d4ed8"},
    "evidence": {"shape": "note", "style": "filled", "fillcolor": "#dcfce7", "color": "#15803d"},
    "objection": {"shape": "box", "style": "rounded,filled", "fillcolor": "#fee2e2", "color": "#b91c1c"},
    "rebuttal": {"shape": "box", "style": "rounded,filled", "fillcolor": "#ede9fe", "color": "#6d28d9"},
}

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


# --- the drawing, shared with the Mermaid writer -------------------------------------------


@dataclass(frozen=True)
class Point:
    """A helper node: the junction of a linked group, or the inference an undercut attacks.

    Its id starts with ``_``, which no claim id (a slug) can.
    """

    id: str
    role: str  # "linked" | "inference"
    section: str | None


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    role: str  # a key of EDGE_STYLE


@dataclass
class Diagram:
    claims: list[Claim]
    points: list[Point] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)


def diagram(amap: ArgumentMap) -> Diagram:
    """Claims, helper points and edges in map order.

    A linked group becomes one junction point: every premise flows into it, one arrow leaves
    it. An undercut support is routed through an inference point, which the undercutter
    attacks; an undercut of a linked premise attacks the group's junction. Contrasts are
    symmetric, so each pair is drawn once; repeated relations are drawn once.
    """
    section = {claim.id: claim.section for claim in amap.claims}
    undercut = {(cut.from_, cut.to) for claim in amap.claims for cut in claim.undercuts}
    result = Diagram(claims=list(amap.claims))
    inference_points: dict[tuple[str, str], list[str]] = {}
    contrasted: set[frozenset[str]] = set()

    def new_point(prefix: str, role: str, members: Iterable[str]) -> str:
        sections = {section.get(member) for member in members}
        point = Point(f"_{prefix}{len(result.points)}", role, sections.pop() if len(sections) == 1 else None)
        result.points.append(point)
        return point.id

    for claim in amap.claims:
        for target in dict.fromkeys(claim.supports):
            if (claim.id, target) in undercut:
                via = new_point("via", "inference", (claim.id, target))
                inference_points.setdefault((claim.id, target), []).append(via)
                result.edges += [Edge(claim.id, via, "premise"), Edge(via, target, "supports")]
            else:
                result.edges.append(Edge(claim.id, target, "supports"))
        for link in claim.linked:
            premises = list(dict.fromkeys((claim.id, *link.with_)))
            junction = new_point("link", "linked", (*premises, link.to))
            for premise in premises:
                result.edges.append(Edge(premise, junction, "premise"))
                inference_points.setdefault((premise, link.to), []).append(junction)
            result.edges.append(Edge(junction, link.to, "supports"))
        for target in dict.fromkeys(claim.attacks):
            result.edges.append(Edge(claim.id, target, "attacks"))
        for target in claim.contrasts:
            pair = frozenset((claim.id, target))
            if pair not in contrasted:
                contrasted.add(pair)
                result.edges.append(Edge(claim.id, target, "contrasts"))
    for claim in amap.claims:
        for cut in claim.undercuts:
            for point in dict.fromkeys(inference_points.get((cut.from_, cut.to), [])):
                result.edges.append(Edge(claim.id, point, "undercuts"))
    return result


# --- label wrapping ------------------------------------------------------------------------

_WORDS = re.compile(r"\s+|\S+")
#: Punctuation that must not start a line, and that must not end one (CJK and ASCII).
_NO_LINE_START = frozenset("、。，．：；？！）」』】〕〉》”’〗〙〛ー…‥・,.;:!?)]}%")
_NO_LINE_END = frozenset("（「『【〔〈《“‘〖〘〚([{")
_ZWJ = "\u200d"


@lru_cache(maxsize=4096)
def _column_width(char: str) -> int:
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def display_width(text: str) -> int:
    """Columns the text takes in a monospaced sense: CJK and other wide characters count 2."""
    if text.isascii():
        return len(text)
    return sum(map(_column_width, text))


def _split_word(word: str) -> Iterator[str]:
    """A word without spaces, cut where CJK allows a break: around wide characters.

    Closing punctuation stays with what precedes it, opening punctuation with what follows;
    combining marks, joiners and variation selectors never start a piece.
    """
    unit = ""
    for char in word:
        if unit:
            width = _column_width(char)
            breakable = width == 2 or _column_width(unit[-1]) == 2
            glued = width == 0 or unit[-1] == _ZWJ or char in _NO_LINE_START or unit[-1] in _NO_LINE_END
            if breakable and not glued:
                yield unit
                unit = ""
        unit += char
    if unit:
        yield unit


def _units(paragraph: str) -> Iterator[str]:
    """Unbreakable pieces: whitespace runs, words, and the pieces of words that hold CJK."""
    for token in _WORDS.findall(paragraph):
        if token.isascii() or token[0].isspace():
            yield token
        else:
            yield from _split_word(token)


def wrap_text(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` columns, broken at spaces (or between CJK characters).

    Explicit line breaks are kept, ``\\r\\n`` and ``\\r`` count as ``\\n``, and only the whitespace
    at a break is dropped, so the text reads exactly as written. ``width <= 0`` keeps the
    text's own lines. A word longer than the width is cut.
    """
    lines: list[str] = []
    for paragraph in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if width <= 0 or display_width(paragraph) <= width:
            lines.append(paragraph)
        elif _single_spaced_ascii(paragraph):
            lines += _wrap_words(paragraph, width)
        else:
            lines += _wrap_units(paragraph, width)
    return lines


def _single_spaced_ascii(paragraph: str) -> bool:
    return (
        paragraph.isascii()
        and paragraph.isprintable()
        and "  " not in paragraph
        and not paragraph.startswith(" ")
        and not paragraph.endswith(" ")
    )


def _wrap_words(paragraph: str, width: int) -> list[str]:
    """`_wrap_units` for the common case, words of ASCII between single spaces, 5x faster:
    each line ends at the last space that fits (found by ``rfind``), a longer word is cut."""
    lines: list[str] = []
    start, end = 0, len(paragraph)
    while end - start > width:
        cut = paragraph.rfind(" ", start, start + width + 1)
        if cut == -1:
            lines.append(paragraph[start : start + width])
            start += width
        else:
            lines.append(paragraph[start:cut])
            start = cut + 1
    lines.append(paragraph[start:])
    return lines


def _wrap_units(paragraph: str, width: int) -> list[str]:
    lines: list[str] = []
    line, line_width, space, has_text = "", 0, "", False
    for unit in _units(paragraph):
        if unit[0].isspace():
            if has_text:
                space = unit
            else:  # leading whitespace of the paragraph is content, not a break
                line, line_width = line + unit, line_width + display_width(unit)
            continue
        unit_width = len(unit) if unit.isascii() else display_width(unit)
        space_width = len(space) if space.isascii() else display_width(space)
        if has_text and line_width + space_width + unit_width > width:
            lines.append(line)
            line, line_width, space, space_width = "", 0, "", 0
        if space:
            line, line_width, space = line + space, line_width + space_width, ""
        while unit_width > width:  # only on a fresh line, see the break above
            head, head_width = _cut(unit, width)
            if len(head) == len(unit):
                break
            lines.append(line + head)
            line, line_width = "", 0
            unit, unit_width = unit[len(head) :], unit_width - head_width
        line, line_width, has_text = line + unit, line_width + unit_width, True
    lines.append(line + space)
    return lines


def _cut(unit: str, width: int) -> tuple[str, int]:
    """The longest head of ``unit`` within ``width`` columns that ends between two characters
    a reader would see as separate (not inside an emoji sequence or before a combining mark);
    at least one such piece even if it is wider."""
    best, best_width, used = 0, 0, 0
    for index, char in enumerate(unit):
        if index and _column_width(char) and unit[index - 1] != _ZWJ:
            if best and used > width:
                break
            best, best_width = index, used
        used += _column_width(char)
    else:
        if used <= width or not best:
            best, best_width = len(unit), used
    return unit[:best], best_width


# --- DOT -----------------------------------------------------------------------------------


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


def node_label(claim: Claim, wrap: int, show_ids: bool) -> list[str]:
    lines = wrap_text(claim.text, wrap)
    return [f"[{claim.id}]", *lines] if show_ids else lines


def _check_options(cluster_by: str, rankdir: str, wrap: int, status: Mapping[str, str] | None) -> str:
    if cluster_by not in CLUSTER_BY:
        raise MapError(f"cannot cluster by {cluster_by!r}", hint="choose one of: " + ", ".join(CLUSTER_BY))
    if rankdir.upper() not in RANKDIRS:
        raise MapError(f"unknown rank direction {rankdir!r}", hint="choose one of: " + ", ".join(RANKDIRS))
    if wrap < 0:
        raise MapError(f"wrap width must be 0 (no wrapping) or more, not {wrap}")
    for claim_id, value in (status or {}).items():
        if value not in STATUSES:
            raise MapError(
                f"unknown status {value!r} for claim {claim_id!r}", hint="use one of: " + ", ".join(STATUSES)
            )
    return rankdir.upper()


def _style_attributes(kind: str, status: str | None) -> str:
    """Everything on a claim's node but its label; depends on kind and status only."""
    attrs = {"class": kind, **KIND_STYLE[kind]}
    if status is not None:
        extra = dict(STATUS_STYLE[status])
        styles = attrs["style"].split(",") + [line for line in ("dashed", "dotted") if extra.pop(line, None)]
        attrs.update(extra, style=",".join(styles))
        attrs["class"] += f" status-{status}"
    return _attributes(attrs)


def generate(
    amap: ArgumentMap,
    *,
    cluster_by: str = "section",
    wrap: int = 30,
    rankdir: str = "BT",
    status: Mapping[str, str] | None = None,
    show_ids: bool = True,
    fontname: str = DEFAULT_FONT,
) -> Iterator[str]:
    """The DOT document line by line (each without its newline)."""
    rankdir = _check_options(cluster_by, rankdir, wrap, status)
    status = status or {}
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


def write(
    amap: ArgumentMap,
    *,
    cluster_by: str = "section",
    wrap: int = 30,
    rankdir: str = "BT",
    status: Mapping[str, str] | None = None,
    show_ids: bool = True,
    fontname: str = DEFAULT_FONT,
) -> str:
    """The map as one DOT document (ends with a newline); same map and options, same bytes."""
    lines = generate(
        amap,
        cluster_by=cluster_by,
        wrap=wrap,
        rankdir=rankdir,
        status=status,
        show_ids=show_ids,
        fontname=fontname,
    )
    return "\n".join(lines) + "\n"
