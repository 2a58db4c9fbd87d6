"""The support/attack tree under (or above) a claim, as a flat pre-order list.

A flat list of rows (with depth and parent) instead of nested objects keeps everything
iterative: a 100,000-deep chain neither overflows the stack here nor in ``json.dumps``.
A claim reached a second time is emitted once more as a reference, never expanded again;
an edge back to a claim on the current path is marked as a cycle and not followed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from typing import Any, Literal

from argmap.graph import Edge, Index

Direction = Literal["down", "up"]


@dataclass(frozen=True)
class Row:
    """One line of the tree.

    ``relation`` is how this claim relates to its parent row: ``supports``/``attacks`` (down:
    it supports/attacks the parent; up: the parent supports/attacks it), ``undercuts``
    (it attacks the inference from the parent to the grandparent), ``contrasts`` (the other
    side of a comparison, shown beside its partner), or None for a root.
    ``repeat`` marks a claim already shown above; ``cycle`` one already on this path.
    """

    id: str
    depth: int
    parent: int | None
    relation: str | None
    linked: tuple[str, ...] = ()
    repeat: bool = False
    cycle: bool = False
    truncated: bool = False

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["linked"] = list(self.linked)
        return data


def _children(
    index: Index, claim_id: str, direction: Direction, via: Edge | None, contrasts: bool
) -> Iterator[tuple[str, str, Edge | None]]:
    """(child id, relation, edge) in map order: supports, attacks, undercuts, then contrasts."""
    if direction == "down":
        edges = index.incoming[claim_id]
        for kind in ("supports", "attacks"):
            for edge in edges:
                if edge.kind == kind:
                    yield edge.source, kind, edge
        if via is not None:
            for undercutter in via.undercut_by:
                yield undercutter, "undercuts", None
        if contrasts:
            for partner in index.contrasts(claim_id):
                yield partner, "contrasts", None
    else:
        edges = index.outgoing[claim_id]
        for kind in ("supports", "attacks"):
            for edge in edges:
                if edge.kind == kind:
                    yield edge.target, kind, edge


def build_tree(
    index: Index,
    roots: Iterable[str],
    *,
    depth: int | None = None,
    direction: Direction = "down",
) -> list[Row]:
    """Pre-order rows of the trees under ``roots`` (``up``: the claims they lead to).

    Contrast partners hang under their partner, but a partner that the support/attack
    structure reaches anyway is expanded there and only referenced beside its partner.
    """
    roots = list(roots)
    if direction == "down":
        spine = {row.id for row in _walk(index, roots, depth, direction, contrasts=False, spine=set())}
        return _walk(index, roots, depth, direction, contrasts=True, spine=spine)
    return _walk(index, roots, depth, direction, contrasts=False, spine=set())


def _walk(
    index: Index,
    roots: list[str],
    depth: int | None,
    direction: Direction,
    *,
    contrasts: bool,
    spine: set[str],
) -> list[Row]:
    rows: list[Row] = []
    shown: set[str] = set()
    for root in roots:
        # Stack of (claim id, depth, parent row, relation, edge, linked); the path set holds
        # the ids on the way from the root, for cycle detection.
        stack: list[tuple[Any, ...]] = [(root, 0, None, None, None, ())]
        path: list[str] = []
        on_path: set[str] = set()
        while stack:
            item = stack.pop()
            if item[0] is _LEAVE:
                on_path.discard(path.pop())
                continue
            claim_id, level, parent, relation, edge, linked = item
            if claim_id in on_path:
                if relation == "contrasts":
                    continue  # the partner we came from: symmetric, not a cycle
                rows.append(Row(claim_id, level, parent, relation, linked, cycle=True))
                continue
            if claim_id in shown or (relation == "contrasts" and claim_id in spine):
                rows.append(Row(claim_id, level, parent, relation, linked, repeat=True))
                continue
            shown.add(claim_id)
            children = list(_children(index, claim_id, direction, edge, contrasts))
            cut = depth is not None and level >= depth and bool(children)
            rows.append(Row(claim_id, level, parent, relation, linked, truncated=cut))
            if cut or not children:
                continue
            me = len(rows) - 1
            path.append(claim_id)
            on_path.add(claim_id)
            stack.append((_LEAVE,))
            for child, child_relation, child_edge in reversed(children):
                child_linked = child_edge.linked if child_edge is not None else ()
                stack.append((child, level + 1, me, child_relation, child_edge, child_linked))
    return rows


_LEAVE = object()
