"""The whole map drawn by Graphviz as SVG, ready to sit inline in the page.

The DOT comes from the DOT writer through the format registry (the same drawing `render`
makes), Graphviz runs through `argmap.views.drawing.run_graphviz`. Graphviz names each node
group by a ``<title>`` holding its id; this module turns that into ``data-claim-id`` (claims),
``data-point`` (linked junctions and inference points) and ``data-from``/``data-to`` (edges),
the hooks the page's script and users' own CSS select on. Nothing from the map is added as
markup here: Graphviz has already escaped every label, and the ids put in attributes are
escaped again.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from html import escape, unescape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

_GROUP = re.compile(r'<g id="(?:node|edge)\d+" class="(node|edge)([^"]*)">\s*<title>([^<]*)</title>')
_PROLOGUE = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)
_SIZE = re.compile(r'<svg width="[^"]*" height="[^"]*"')
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def _decorate(match: re.Match[str], claims: set[str], status: Mapping[str, str]) -> str:
    group, classes, title = match.group(1), match.group(2), unescape(match.group(3))
    if group == "node" and title in claims:
        hook = f'data-claim-id="{escape(title)}"'
        if title in status:
            hook += f' data-status="{escape(status[title])}"'
    elif group == "node":
        hook = f'data-point="{escape(title)}"'
    else:
        source, _, target = title.partition("->")
        hook = f'data-from="{escape(source)}" data-to="{escape(target)}"'
    return f'<g class="{group}{classes}" {hook}>'


def svg_of(
    amap: ArgumentMap, *, status: Mapping[str, str] | None = None, timeout: float | None = None
) -> str:
    """The map's inline ``<svg>`` element, each claim's group marked with ``data-claim-id``.

    Raises `MapError` where Graphviz is missing, fails or takes longer than ``timeout``.
    """
    from argmap.formats import get
    from argmap.views.drawing import run_graphviz

    dot_text = get("dot").write(amap, status=status)
    svg = run_graphviz(dot_text, fmt="svg", timeout=timeout).decode("utf-8")
    svg = _COMMENT.sub("", _PROLOGUE.sub("", svg, count=1))
    svg = _SIZE.sub('<svg class="graph" role="img" aria-label="The argument map"', svg, count=1)
    claims = {claim.id for claim in amap.claims}
    return _GROUP.sub(lambda match: _decorate(match, claims, status or {}), svg)
