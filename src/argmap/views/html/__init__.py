"""One self-contained HTML page to explore a map: graph, outline, search, details, legend.

The page is `template.html` with the project's own `page.css` and `page.js` inlined, the map as
JSON in a ``<script type="application/json">``, and (where it is readable) the whole map drawn
by Graphviz as inline SVG. It makes no network request: the Content-Security-Policy allows
only the inlined style and script, by their sha256 hashes (and, for the live preview, the
server's own event stream).

Big maps: above `MAX_DRAWN` claims (or without Graphviz) the whole graph is not drawn; the
page opens on the outline and the script lays out the neighbourhood of the claim in focus
itself (a small layered layout), so every claim stays findable and viewable with its
neighbours while the file stays small and opens fast.

Safety: map text reaches the page only as JSON data (with ``<``, ``>``, ``&``, U+2028 and
U+2029 escaped, so it cannot close the script element) or inside Graphviz's escaped SVG; the
script only ever sets it as ``textContent``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Mapping
from importlib import resources
from typing import TYPE_CHECKING, Any

from argmap.errors import MapError

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

#: The most claims drawn as one Graphviz picture; above it the page draws neighbourhoods.
MAX_DRAWN = 400
#: Seconds Graphviz may take on the whole map before the page falls back to neighbourhoods.
GRAPHVIZ_TIMEOUT = 30.0

_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
_JSON_ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def script_json(data: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``: no ``</script>``, no
    ``<!--``, and no line separators that old parsers choke on."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)


def _asset(name: str) -> str:
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def content_security_policy(style: str, script: str, *, live: bool = False) -> str:
    """Nothing but the page's own inlined style and script; the live page may also reach its
    server's event stream."""
    connect = "'self'" if live else "'none'"
    return (
        f"default-src 'none'; style-src {_sha256(style)}; script-src {_sha256(script)}; "
        f"img-src data:; connect-src {connect}; base-uri 'none'; form-action 'none'"
    )


def statuses(
    amap: ArgumentMap, semantics: str | None, gradual: str | None = None
) -> tuple[dict[str, str], dict[str, float]]:
    """Claim id -> in/out/undec (credulous counts as undec, as in drawings) and id -> score."""
    if semantics is None and gradual is None:
        return {}, {}
    from argmap.argumentation import evaluate

    result = evaluate(amap, semantics=semantics or "grounded", gradual=gradual)
    labels: dict[str, str] = {
        cid: "undec" if s.label == "credulous" else str(s.label) for cid, s in result.claims.items()
    }
    scores = {cid: s.score for cid, s in result.claims.items() if s.score is not None}
    return (labels if semantics is not None else {}), scores


def _outline(amap: ArgumentMap, number: Mapping[str, int]) -> list[list[Any]]:
    """The ``tree`` view's rows as [claim number, depth, relation, flags]; claims the trees do
    not reach follow at depth 0, so every claim is in the outline."""
    from argmap.analysis.tree import build_tree
    from argmap.model.index import Index

    index = Index.of(amap)
    rows: list[list[Any]] = []
    seen: set[str] = set()
    for row in build_tree(index, index.roots()):
        flags = "r" * row.repeat + "c" * row.cycle + "t" * row.truncated
        rows.append([number[row.id], row.depth, row.relation or "", flags, list(row.linked)])
        seen.add(row.id)
    rows += [[number[c.id], 0, "", "o", []] for c in amap.claims if c.id not in seen]
    return rows


def page_data(
    amap: ArgumentMap,
    *,
    labels: Mapping[str, str],
    scores: Mapping[str, float],
    semantics: str | None = None,
    gradual: str | None = None,
) -> dict[str, Any]:
    """Everything the script needs, as plain JSON-able data."""
    from argmap.formats.diagram import KIND_STYLE
    from argmap.formats.dot import EDGE_STYLE, STATUS_STYLE

    number = {claim.id: position for position, claim in enumerate(amap.claims)}
    claims = [
        {
            "id": claim.id,
            "kind": claim.kind,
            "text": claim.text,
            "quote": claim.quote,
            "section": claim.section,
            "tags": claim.tags,
            "supports": claim.supports,
            "attacks": claim.attacks,
            "contrasts": claim.contrasts,
            "linked": [{"to": link.to, "with": link.with_} for link in claim.linked],
            "undercuts": [{"from": cut.from_, "to": cut.to} for cut in claim.undercuts],
            "status": labels.get(claim.id),
            "score": scores.get(claim.id),
        }
        for claim in amap.claims
    ]
    return {
        "title": amap.meta.title,
        "author": amap.meta.author,
        "claims": claims,
        "outline": _outline(amap, number),
        "semantics": semantics,
        "gradual": gradual,
        "styles": {"kinds": KIND_STYLE, "edges": EDGE_STYLE, "statuses": STATUS_STYLE},
    }


def _drawing(amap: ArgumentMap, labels: Mapping[str, str], draw: bool | None) -> tuple[str, str]:
    """(inline SVG or "", one-line note or "")."""
    if draw is False or not amap.claims:
        return "", ""
    if draw is None and len(amap.claims) > MAX_DRAWN:
        return "", (
            f"{len(amap.claims):,} claims are too many to draw at once: pick a claim in the outline "
            "or search to see its neighbourhood."
        )
    from argmap.views.html.graph import svg_of

    try:
        return svg_of(amap, status=labels or None, timeout=GRAPHVIZ_TIMEOUT), ""
    except MapError as error:
        return "", f"The whole map is not drawn ({error.message}); pick a claim to see its neighbourhood."


def build_page(
    amap: ArgumentMap,
    *,
    semantics: str | None = None,
    gradual: str | None = None,
    draw: bool | None = None,
    live: dict[str, Any] | None = None,
) -> str:
    """The page as one HTML document.

    ``draw``: None draws the whole map with Graphviz up to `MAX_DRAWN` claims, True always,
    False never. ``live``: settings for the live preview's script (its event stream and the
    version of the map shown), None for a static page.
    """
    from argmap.views.legend import legend_html

    labels, scores = statuses(amap, semantics, gradual)
    data = page_data(amap, labels=labels, scores=scores, semantics=semantics, gradual=gradual)
    svg, note = _drawing(amap, labels, draw)
    data["drawn"] = bool(svg)
    data["live"] = live
    style, script = _asset("page.css"), _asset("page.js")
    title = amap.meta.title or "Argument map"
    parts = {
        "csp": content_security_policy(style, script, live=live is not None),
        "title": _text(title),
        "style": style,
        "script": script,
        "data": script_json(data),
        "svg": svg,
        "note": _text(note),
        "note_hidden": "" if note else " hidden",
        "legend": legend_html(statuses=bool(labels)),
    }
    # One pass over the template: text put in is never searched for placeholders again.
    return _PLACEHOLDER.sub(lambda match: parts[match.group(1)], _asset("template.html"))


def export_page(
    amap: ArgumentMap,
    *,
    claim_id: str | None = None,
    depth: int | None = None,
    status: str | None = None,
    gradual: str | None = None,
) -> str:
    """The page of the map, or of the part within ``depth`` relations of ``claim_id``."""
    if claim_id is not None:
        from argmap.analysis.subgraph import neighbourhood

        amap = neighbourhood(amap, claim_id, depth)
    elif depth is not None:
        raise MapError(
            "--depth needs an ID to count from", hint="e.g. argmap export thesis --depth 2 --to html"
        )
    return build_page(amap, semantics=status, gradual=gradual)


def _text(value: str) -> str:
    from html import escape

    return escape(value, quote=True)
