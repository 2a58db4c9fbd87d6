"""GraphML for graph tools (networkx, yEd, Gephi, Cytoscape).

GraphML holds only plain typed values, so the map is flattened: a node per claim with
``kind``, ``text`` (also as ``label``, which Gephi shows), ``quote``, ``section``, ``tags``
(joined with ", ") and ``base_score``; an edge per relation with ``relation`` set to
``supports``, ``attacks``, ``contrasts`` or ``undercuts``. Each premise of a linked support
is its own ``supports`` edge, the group named by ``group``; an undercut is an edge to the
conclusion whose ``premise`` names the other end of the inference it attacks. Edge keys
(``e0``, ``e1``, ...) are unique, as GraphML ids must be.

Text is written as XML 1.0 allows: line breaks as ``\\n``, and the control characters XML
cannot hold as U+FFFD (with a warning), so every tool can read the file back.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any, cast

from argmap.errors import warn
from argmap.formats.options import no_options

if TYPE_CHECKING:
    import networkx as nx

    from argmap.model import ArgumentMap

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


class _Cleaner:
    """Makes text XML-safe, remembering whether anything had to go."""

    def __init__(self) -> None:
        self.replaced = False

    def __call__(self, text: str) -> str:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        cleaned = _NOT_XML.sub("\ufffd", text)
        if cleaned != text:
            self.replaced = True
        return cleaned


def to_graph(amap: ArgumentMap, *, clean: Any = None) -> nx.MultiDiGraph[str]:
    """The flattened graph that `write` serialises; only str, float and bool attributes."""
    import networkx as nx

    clean = clean or _Cleaner()
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    graph.graph.update((key, clean(value)) for key, value in amap.meta.model_dump(exclude_none=True).items())
    for claim in amap.claims:
        data: dict[str, Any] = {"kind": claim.kind, "text": clean(claim.text), "label": clean(claim.text)}
        if claim.quote is not None:
            data["quote"] = clean(claim.quote)
        if claim.section is not None:
            data["section"] = clean(claim.section)
        if claim.tags:
            data["tags"] = clean(", ".join(claim.tags))
        if claim.base_score is not None:
            data["base_score"] = float(claim.base_score)
        graph.add_node(claim.id, **data)

    edges: list[tuple[str, str, str, dict[str, str]]] = []

    def add(source: str, target: str, relation: str, **extra: str) -> None:
        edges.append((source, target, f"e{len(edges)}", {"relation": relation, **extra}))

    groups = 0
    for claim in amap.claims:
        for target in claim.supports:
            add(claim.id, target, "supports")
        for link in claim.linked:
            for premise in (claim.id, *link.with_):
                add(premise, link.to, "supports", group=f"g{groups}")
            groups += 1
        for target in claim.attacks:
            add(claim.id, target, "attacks")
        for target in claim.contrasts:
            add(claim.id, target, "contrasts")
        for cut in claim.undercuts:
            add(claim.id, cut.to, "undercuts", premise=cut.from_)
    # cast: networkx's stubs type add_edges_from without the key of a multigraph edge
    cast("Any", graph).add_edges_from(edges)
    return graph


OPTIONS = None


def write(amap: ArgumentMap, options: None = None, **fields: Any) -> str:
    """GraphML text with its UTF-8 declaration; `networkx.read_graphml` gives `to_graph` back."""
    no_options("graphml", options, fields)
    import networkx as nx

    clean = _Cleaner()
    graph = to_graph(amap, clean=clean)
    if clean.replaced:
        warn("GraphML cannot hold some control characters in the map's text; they were written as U+FFFD")
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8", prettyprint=True, named_key_ids=True)
    return buffer.getvalue().decode("utf-8")
