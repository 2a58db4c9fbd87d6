"""The legend: what every shape, colour and arrow of a drawing means, in one place.

`render` appends it to the DOT it draws as a cluster (`with_legend`), and the HTML page shows
it as a list (`legend_html`); both read the styles from `argmap.formats.diagram` and `argmap.formats.dot`, so a change of
style changes the drawing and its legend together. The DOT that `export` writes never holds
it: DOT goldens stay as they are.

Every relation differs by more than colour: supports are solid with a filled arrow head,
attacks end in a bar (tee), undercuts are dashed with a bar, contrasts are dashed without a
head; statuses differ by line style too (solid, dashed, dotted), so greyscale prints and
colour-blind readers lose nothing.
"""

from __future__ import annotations

from html import escape as html_escape

from argmap.formats.diagram import KIND_STYLE, SUPPORT_COLOUR
from argmap.formats.dot import EDGE_STYLE, STATUS_STYLE, quote

KINDS: dict[str, str] = {
    "thesis": "thesis: the main claim (bold rounded box)",
    "claim": "claim: an intermediate step (rounded box)",
    "evidence": "evidence: a fact or source (note shape)",
    "objection": "objection: speaks against a claim (rounded box)",
    "rebuttal": "rebuttal: answers an objection (rounded box)",
}

RELATIONS: dict[str, str] = {
    "supports": "supports: solid line, filled arrow head",
    "attacks": "attacks: solid line ending in a bar",
    "undercuts": "undercuts: dashed line ending in a bar, at the step it attacks",
    "linked": "linked premises: lines meet in a dot, one arrow leaves it",
    "contrasts": "contrasts: dashed line, no head (two sides of a comparison)",
}

STATUSES: dict[str, str] = {
    "in": "in: stands (thick solid border)",
    "out": "out: defeated (thick dashed border, grey text)",
    "undec": "undec: undecided (thick dotted border)",
}


def _dash(style: str) -> str:
    return "4 3" if "dashed" in style else "1.5 2.5" if "dotted" in style else ""


def _box(fill: str, stroke: str, *, width: str = "1.5", dash: str = "", rounded: bool = True) -> str:
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    radius = ' rx="4"' if rounded else ""
    return (
        f'<rect x="2" y="3" width="36" height="16"{radius} fill="{fill}" stroke="{stroke}" '
        f'stroke-width="{width}"{dash_attr}/>'
    )


def _kind_swatch(kind: str) -> str:
    style = KIND_STYLE[kind]
    width = "2.5" if "bold" in style["style"] else "1.5"
    if style["shape"] == "note":
        return (
            f'<path d="M2 3h29l7 7v9H2z" fill="{style["fillcolor"]}" stroke="{style["color"]}" '
            f'stroke-width="{width}"/><path d="M31 3v7h7" fill="none" stroke="{style["color"]}"/>'
        )
    return _box(style["fillcolor"], style["color"], width=width)


def _status_swatch(status: str) -> str:
    style = STATUS_STYLE[status]
    return _box("#ffffff", style["color"], width="3", dash=_dash(" ".join(style)))


def _relation_swatch(relation: str) -> str:
    if relation == "linked":
        line = f'stroke="{SUPPORT_COLOUR}" stroke-width="1.5"'
        return (
            f'<path d="M2 4L16 11M2 18L16 11" fill="none" {line}/><circle cx="17" cy="11" r="2.5" '
            f'fill="{SUPPORT_COLOUR}"/><path d="M17 11H33" fill="none" {line}/>'
            f'<path d="M31 7l7 4-7 4z" fill="{SUPPORT_COLOUR}"/>'
        )
    style = EDGE_STYLE[relation]
    colour = style["color"]
    dash = _dash(style.get("style", ""))
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    head = {
        "normal": f'<path d="M31 7l7 4-7 4z" fill="{colour}"/>',
        "tee": f'<path d="M37 5v12" stroke="{colour}" stroke-width="3"/>',
        "none": "",
    }[style.get("arrowhead", "none" if style.get("dir") == "none" else "normal")]
    end = "31" if head and "tee" not in head else "36"
    return f'<path d="M2 11H{end}" fill="none" stroke="{colour}" stroke-width="1.5"{dash_attr}/>{head}'


def legend_html(*, statuses: bool) -> str:
    """The legend as an ``<aside data-legend>`` of three lists with small drawn samples.

    Only constants go in: no text from a map ever reaches this markup.
    """

    def items(entries: dict[str, str], swatch: object) -> str:
        rows = []
        for key, text in entries.items():
            drawing = swatch(key)  # type: ignore[operator]
            rows.append(
                f'<li data-legend-item="{key}"><svg class="swatch" viewBox="0 0 40 22" width="40" '
                f'height="22" aria-hidden="true">{drawing}</svg><span>{html_escape(text)}</span></li>'
            )
        return "".join(rows)

    status_part = (
        f"<h3>Status</h3><ul>{items(STATUSES, _status_swatch)}</ul>"
        if statuses
        else '<p class="hint">Claims get a status (in, out, undecided) with --status SEMANTICS.</p>'
    )
    return (
        '<aside class="legend" data-legend aria-label="Legend"><h2>Legend</h2>'
        f"<h3>Kinds</h3><ul>{items(KINDS, _kind_swatch)}</ul>"
        f"<h3>Relations</h3><ul>{items(RELATIONS, _relation_swatch)}</ul>"
        f"{status_part}</aside>"
    )


# --- DOT, for render ----------------------------------------------------------------------


def _attrs(**attrs: str) -> str:
    return ", ".join(f"{key}={quote(value)}" for key, value in attrs.items())


def legend_dot(*, statuses: bool) -> list[str]:
    """DOT statements of a ``cluster_legend`` subgraph: one sample node per kind (and status),
    one sample edge per relation. Ids start with ``_legend``, which no claim id can."""
    lines = [
        '  subgraph "cluster_legend" {',
        f"    graph [{_attrs(label='Legend', fontsize='12', style='rounded', color='#a0aec0')}];",
        f"    node [{_attrs(fontsize='10', margin='0.08,0.04')}];",
    ]
    lines += [f'    "_legend_{kind}" [{_attrs(label=kind, **KIND_STYLE[kind])}];' for kind in KINDS]
    if statuses:
        for status, text in STATUSES.items():
            style = dict(STATUS_STYLE[status])
            styles = ["rounded"] + [name for name in ("dashed", "dotted") if style.pop(name, None)]
            label = text.split(" (")[0]
            lines.append(
                f'    "_legend_{status}" [{_attrs(label=label, shape="box", style=",".join(styles), **style)}];'
            )
    point = _attrs(shape="point", width="0.05", color="#a0aec0")
    for relation in ("supports", "attacks", "undercuts", "contrasts"):
        lines.append(f'    "_legend_{relation}_a" [{point}]; "_legend_{relation}_b" [{point}];')
        style = {key: value for key, value in EDGE_STYLE[relation].items() if key != "constraint"}
        lines.append(
            f'    "_legend_{relation}_a" -> "_legend_{relation}_b" [{_attrs(label=relation, fontsize="10", **style)}];'
        )
    junction = _attrs(shape="point", width="0.1", color=SUPPORT_COLOUR)
    lines += [
        f'    "_legend_linked_a" [{point}]; "_legend_linked_b" [{point}]; "_legend_linked_j" [{junction}];',
        f'    "_legend_linked_c" [{point}];',
        f'    "_legend_linked_a" -> "_legend_linked_j" [{_attrs(**EDGE_STYLE["premise"])}];',
        f'    "_legend_linked_b" -> "_legend_linked_j" [{_attrs(**EDGE_STYLE["premise"])}];',
        '    "_legend_linked_j" -> "_legend_linked_c" ['
        + _attrs(label="linked premises", fontsize="10", **EDGE_STYLE["supports"])
        + "];",
        "  }",
    ]
    return lines


def with_legend(dot_text: str, *, statuses: bool) -> str:
    """``dot_text`` (one ``digraph { ... }``) with the legend cluster added before its end."""
    body = dot_text.rstrip()
    if not body.endswith("}"):
        return dot_text
    return body[:-1] + "\n".join(legend_dot(statuses=statuses)) + "\n}\n"
