"""Support chains: from the grounds up to a claim, or from a claim up to what it serves.

Chains are simple paths along support relations, enumerated by an explicit-stack DFS (a
100,000-step chain is fine) that never revisits a claim on the current path. How many chains
exist is counted separately, in linear time, by dynamic programming over the (acyclic)
support graph, so ``--limit`` can say exactly how many were left out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, Literal

from argmap.model.index import Index

Direction = Literal["down", "up"]


@dataclass(frozen=True)
class Chain:
    """Claims in reading order (``A → B → C``, each supporting the next).

    ``end`` says why the chain stops at its far end: ``ground`` (nothing supports the first
    claim), ``thesis`` or ``top`` (the last claim supports nothing further), or ``cycle``
    (the next supporter is already in the chain). An upward chain that ends in a rebuttal
    serves the claims it defends: ``defends`` lists (attacked claim, defended claim) pairs,
    where the last claim attacks an attacker of the defended one.
    """

    claims: list[str]
    end: str
    attacked_by: dict[str, list[str]] = field(default_factory=dict)
    undercut_by: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    defends: list[tuple[str, str]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "claims": self.claims,
            "end": self.end,
            "attacked_by": self.attacked_by,
            "undercut_by": [{"from": a, "to": b, "by": by} for (a, b), by in self.undercut_by.items()],
            "defends": [{"attacks": attacked, "defends": defended} for attacked, defended in self.defends],
        }


@dataclass(frozen=True)
class Trace:
    claim: str
    direction: Direction
    chains: list[Chain]
    #: How many chains exist in all; None when a support cycle makes that count unbounded.
    total: int | None

    @property
    def left_out(self) -> int | None:
        return None if self.total is None else self.total - len(self.chains)

    def to_json(self) -> dict[str, Any]:
        return {
            "claim": self.claim,
            "direction": self.direction,
            "total": self.total,
            "shown": len(self.chains),
            "chains": [chain.to_json() for chain in self.chains],
        }


def trace(index: Index, claim_id: str, *, direction: Direction = "down", limit: int | None = None) -> Trace:
    """The support chains ending at ``claim_id`` (down) or starting from it (up)."""
    if direction == "down":

        def neighbours(node: str) -> list[str]:
            return list(dict.fromkeys(e.source for e in index.incoming[node] if e.kind == "supports"))

    else:

        def neighbours(node: str) -> list[str]:
            return list(dict.fromkeys(e.target for e in index.outgoing[node] if e.kind == "supports"))

    chains: list[Chain] = []
    for path, end in _simple_paths(claim_id, neighbours):
        if limit is not None and len(chains) >= limit:
            break
        if end == "top" and index.claims[path[-1]].kind == "thesis":
            end = "thesis"
        claims = path[::-1] if direction == "down" else path
        if direction == "down" and end == "top":
            end = "ground"
        chain = _annotate(index, claims, end)
        if direction == "up" and end == "top":
            chain.defends.extend(_defended(index, claims[-1]))
        chains.append(chain)
    return Trace(claim_id, direction, chains, _count_paths(claim_id, neighbours))


def _simple_paths(start: str, neighbours: Callable[[str], list[str]]) -> Iterator[tuple[list[str], str]]:
    """Maximal simple paths from ``start``; a path with no step at all is not a chain."""
    first = neighbours(start)
    if not first:
        return
    path = [start]
    on_path = {start}
    # One frame per claim on the path: its remaining neighbours, and whether the path has
    # already been reported as running into a cycle there (report that once, not per edge).
    pending: list[tuple[Iterator[str], list[bool]]] = [(iter(first), [False])]
    while pending:
        onward_iter, cycle_reported = pending[-1]
        following = next(onward_iter, None)
        if following is None:
            pending.pop()
            on_path.discard(path.pop())
            continue
        if following in on_path:
            if not cycle_reported[0]:
                cycle_reported[0] = True
                yield list(path), "cycle"
            continue
        path.append(following)
        on_path.add(following)
        onward = neighbours(following)
        if not onward:
            yield list(path), "top"
            on_path.discard(path.pop())
            continue
        pending.append((iter(onward), [False]))


def _count_paths(start: str, neighbours: Callable[[str], list[str]]) -> int | None:
    """Number of maximal paths from ``start``, or None if a cycle is reachable."""
    order: list[str] = []
    reach = {start: neighbours(start)}
    frontier = [start]
    while frontier:
        node = frontier.pop()
        order.append(node)
        for following in reach[node]:
            if following not in reach:
                reach[following] = neighbours(following)
                frontier.append(following)
    if not reach[start]:
        return 0
    indegree = dict.fromkeys(reach, 0)
    for targets in reach.values():
        for following in targets:
            indegree[following] += 1
    ready = [node for node, degree in indegree.items() if degree == 0]
    topological = []
    while ready:
        node = ready.pop()
        topological.append(node)
        for following in reach[node]:
            indegree[following] -= 1
            if indegree[following] == 0:
                ready.append(following)
    if len(topological) < len(reach):
        return None
    count: dict[str, int] = {}
    for node in reversed(topological):
        targets = reach[node]
        count[node] = sum(count[t] for t in targets) if targets else 1
    return count[start]


def _defended(index: Index, claim_id: str) -> list[tuple[str, str]]:
    """(x, y) for each x the claim attacks and each y that x attacks."""
    return [
        (attack.target, counter.target)
        for attack in index.outgoing[claim_id]
        if attack.kind == "attacks"
        for counter in index.outgoing[attack.target]
        if counter.kind == "attacks"
    ]


def _annotate(index: Index, claims: list[str], end: str) -> Chain:
    """Note what contests each claim (attackers) and each step (undercutters)."""
    attacked_by = {}
    for claim_id in claims:
        attackers = [e.source for e in index.incoming[claim_id] if e.kind == "attacks"]
        if attackers:
            attacked_by[claim_id] = attackers
    undercut_by = {}
    for premise, conclusion in pairwise(claims):
        for edge in index.outgoing[premise]:
            if edge.kind == "supports" and edge.target == conclusion and edge.undercut_by:
                undercut_by[(premise, conclusion)] = list(edge.undercut_by)
                break
    return Chain(claims, end, attacked_by, undercut_by)
