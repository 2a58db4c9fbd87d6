"""The part of a map around one claim, for ``argmap export ID --depth N`` and ``render``.

Distance counts relations in either direction, and a relation that joins more than two
claims is one step between all of them: a linked support (its premises and conclusion) and
an undercut (the undercutter and both ends of the inference it attacks, with all the
premises of a linked group, since undercutting one premise of a group undercuts the group). So starting from
an undercutter reaches the inference it undercuts, and starting from one premise of a
linked group reaches the others. The walk is breadth-first and iterative (a 100,000-deep
chain must work).

The result is a valid map in its own right: a relation is kept only if everything it
names is kept, and an undercut only if the support it attacks is.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from argmap.errors import MapError, no_such_id

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

PLAIN_RELATIONS = ("supports", "attacks", "contrasts")


def within(amap: ArgumentMap, claim_id: str, depth: int | None = None) -> dict[str, int]:
    """Claim id -> distance from ``claim_id``, for every claim at most ``depth`` away (in BFS order)."""
    from argmap.model import normalize_id
    from argmap.model.references import unknown_id_hint

    claim_id = normalize_id(claim_id)
    ids = [claim.id for claim in amap.claims]
    if claim_id not in set(ids):
        raise MapError(no_such_id(claim_id), hint=unknown_id_hint(claim_id, ids))
    if depth is not None and depth < 0:
        raise MapError(f"depth must be 0 or more, not {depth}")

    groups: list[tuple[str, ...]] = []
    touching: dict[str, list[int]] = {}

    def relate(*members: str) -> None:
        for member in dict.fromkeys(members):
            touching.setdefault(member, []).append(len(groups))
        groups.append(members)

    co_premises: dict[tuple[str, str], list[str]] = {}
    for claim in amap.claims:
        for relation in PLAIN_RELATIONS:
            for target in getattr(claim, relation):
                relate(claim.id, target)
        for link in claim.linked:
            premises = (claim.id, *link.with_)
            relate(*premises, link.to)
            for premise in premises:
                co_premises.setdefault((premise, link.to), []).extend(premises)
    for claim in amap.claims:
        for cut in claim.undercuts:  # an undercut of a linked premise hits the whole group
            relate(claim.id, cut.from_, cut.to, *co_premises.get((cut.from_, cut.to), ()))

    distance = {claim_id: 0}
    frontier = [claim_id]
    steps = 0
    while frontier and (depth is None or steps < depth):
        steps += 1
        reached: list[str] = []
        for current in frontier:
            for group in touching.get(current, ()):
                for member in groups[group]:
                    if member not in distance:
                        distance[member] = steps
                        reached.append(member)
        frontier = reached
    return distance


def restrict(amap: ArgumentMap, keep: Iterable[str]) -> ArgumentMap:
    """A new, validated map of the claims in ``keep`` (in map order) and the relations among them."""
    from argmap.model import ArgumentMap

    kept = set(keep)
    updates: list[tuple[Any, dict[str, Any]]] = []
    inferences: set[tuple[str, str]] = set()
    for claim in amap.claims:
        if claim.id not in kept:
            continue
        update: dict[str, Any] = {
            relation: [target for target in getattr(claim, relation) if target in kept]
            for relation in PLAIN_RELATIONS
        }
        update["linked"] = [
            link
            for link in claim.linked
            if link.to in kept and all(premise in kept for premise in link.with_)
        ]
        inferences.update((claim.id, target) for target in update["supports"])
        for link in update["linked"]:
            inferences.update((premise, link.to) for premise in (claim.id, *link.with_))
        updates.append((claim, update))
    claims = []
    for claim, update in updates:
        update["undercuts"] = [cut for cut in claim.undercuts if (cut.from_, cut.to) in inferences]
        claims.append(claim.model_copy(update=update))
    return ArgumentMap(meta=amap.meta, claims=claims)


def part_around(amap: ArgumentMap, claim_id: str, depth: int | None = None) -> ArgumentMap:
    """What an export of ``claim_id`` holds: the claims within ``depth`` relations of it or,
    without a depth, the ones ``tree ID`` shows (what supports and attacks it, all the way down)."""
    if depth is not None:
        return neighbourhood(amap, claim_id, depth)
    from argmap.analysis.tree import build_tree
    from argmap.model.index import Index

    start = next(iter(within(amap, claim_id, 0)))  # the same error for an unknown id; the id in NFC
    return restrict(amap, (row.id for row in build_tree(Index.of(amap), [start])))


def neighbourhood(amap: ArgumentMap, claim_id: str, depth: int | None = None) -> ArgumentMap:
    """The map of the claims at most ``depth`` relations from ``claim_id`` (all connected ones if None)."""
    return restrict(amap, within(amap, claim_id, depth))
