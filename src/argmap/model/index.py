"""The map's structure: who supports, attacks and contrasts whom, and the walks over it.

`Index` is a plain dict-of-lists view built in one pass, so queries such as ``tree`` and
``trace`` need neither networkx (a costly import) nor recursion (a 100,000-deep chain
must work). `build` gives the networkx graph for users and algorithms that want one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any, NamedTuple, cast

if TYPE_CHECKING:
    from collections.abc import Set as AbstractSet

    import networkx as nx

    from argmap.model import ArgumentMap, Claim


class Edge(NamedTuple):
    """One relation ``source --kind--> target``.

    ``linked`` names the other premises of a linked support (empty for a plain one);
    ``undercut_by`` the claims that attack this inference rather than either claim.
    A named tuple, because an index of a million claims makes a million of them.
    """

    source: str
    target: str
    kind: str
    linked: tuple[str, ...] = ()
    undercut_by: tuple[str, ...] = ()


@dataclass
class Index:
    """Incoming and outgoing relations per claim, in map order."""

    claims: dict[str, Claim]
    outgoing: dict[str, list[Edge]] = field(default_factory=dict)
    incoming: dict[str, list[Edge]] = field(default_factory=dict)

    @classmethod
    def of(cls, amap: ArgumentMap) -> Index:
        """The index of ``amap``, built with the cyclic GC paused: every relation makes a tuple.

        A stand-in map that keeps its own index (a store's, which fetches what is asked
        for) hands that one out instead.
        """
        own = getattr(amap, "index", None)
        if own is not None:
            return own()  # type: ignore[no-any-return]
        from argmap.memory import gc_paused

        with gc_paused():
            return cls._build(amap)

    @classmethod
    def _build(cls, amap: ArgumentMap) -> Index:
        all_claims = amap.claims
        claims = amap.by_id
        cuts: dict[tuple[str, str], list[str]] = {}
        for claim in all_claims:
            if claim.undercuts:
                for cut in claim.undercuts:
                    cuts.setdefault((cut.from_, cut.to), []).append(claim.id)
        outgoing: dict[str, list[Edge]] = {claim_id: [] for claim_id in claims}
        incoming: dict[str, list[Edge]] = {claim_id: [] for claim_id in claims}
        edge = _edge
        # One pass, no Python calls per relation: a million claims go through here.
        for claim in all_claims:
            source = claim.id
            out = outgoing[source]
            for target in claim.supports:
                made = edge(
                    (source, target, "supports", (), tuple(cuts.get((source, target), ())) if cuts else ())
                )
                out.append(made)
                incoming[target].append(made)
            if claim.linked:
                for link in claim.linked:
                    group = (source, *link.with_)
                    undercutters = tuple(u for premise in group for u in cuts.get((premise, link.to), ()))
                    for premise in group:
                        others = tuple(p for p in group if p != premise)
                        made = edge((premise, link.to, "supports", others, undercutters))
                        outgoing[premise].append(made)
                        incoming[link.to].append(made)
            for target in claim.attacks:
                made = edge((source, target, "attacks", (), ()))
                out.append(made)
                incoming[target].append(made)
            for target in claim.contrasts:
                made = edge((source, target, "contrasts", (), ()))
                out.append(made)
                incoming[target].append(made)
        return cls(claims, outgoing, incoming)

    def supporters(self, claim_id: str) -> list[Edge]:
        return [e for e in self.incoming[claim_id] if e.kind == "supports"]

    def attackers(self, claim_id: str) -> list[Edge]:
        return [e for e in self.incoming[claim_id] if e.kind == "attacks"]

    def contrasts(self, claim_id: str) -> list[str]:
        """Contrast partners, whichever side declared the contrast."""
        partners = [e.target for e in self.outgoing[claim_id] if e.kind == "contrasts"]
        partners += [e.source for e in self.incoming[claim_id] if e.kind == "contrasts"]
        return list(dict.fromkeys(partners))

    def contrasted(self) -> AbstractSet[str]:
        """Every claim on either side of a contrast."""
        return {
            claim_id
            for edges in self.outgoing.values()
            for edge in edges
            if edge.kind == "contrasts"
            for claim_id in (edge.source, edge.target)
        }

    def theses(self) -> list[str]:
        return [claim_id for claim_id, claim in self.claims.items() if claim.kind == "thesis"]

    def roots(self) -> list[str]:
        """Theses, or where a map has none, the claims that support and attack nothing."""
        theses = self.theses()
        if theses:
            return theses
        return [
            claim_id
            for claim_id in self.claims
            if not any(e.kind in ("supports", "attacks") for e in self.outgoing[claim_id])
        ]


#: ``Edge(*fields)`` without the Python-level ``__new__`` of a named tuple.
_edge = partial(tuple.__new__, Edge)


def build(amap: ArgumentMap) -> nx.MultiDiGraph[str]:
    """The networkx view: node = claim id with data ``claim``; edge key = relation kind.

    Support edges carry ``linked`` (the other premises of a linked support) and
    ``undercut_by`` (claims attacking that inference).
    """
    import networkx as nx

    index = Index.of(amap)
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(title=amap.meta.title)
    graph.add_nodes_from((claim_id, {"claim": claim}) for claim_id, claim in index.claims.items())
    # cast: networkx's stubs type add_edges_from without the key of a multigraph edge
    cast("Any", graph).add_edges_from(
        (edge.source, edge.target, edge.kind, {"linked": edge.linked, "undercut_by": edge.undercut_by})
        for edges in index.outgoing.values()
        for edge in edges
    )
    return graph
