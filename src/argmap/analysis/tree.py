"""The support/attack tree under (or above) a claim, as a flat pre-order list.

A flat list of rows (with depth and parent) instead of nested objects keeps everything
iterative: a 100,000-deep chain neither overflows the stack here nor in ``json.dumps``.
A claim reached a second time is emitted once more as a reference, never expanded again;
an edge back to a claim on the current path is marked as a cycle and not followed.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from functools import partial
from typing import Any, Literal, NamedTuple

from argmap.model.index import Edge, Index

Direction = Literal["down", "up"]


class Row(NamedTuple):
    """One line of the tree.

    ``relation`` is how this claim relates to its parent row: ``supports``/``attacks`` (down:
    it supports/attacks the parent; up: the parent supports/attacks it), ``undercuts``
    (it attacks the inference from the parent to the grandparent), ``contrasts`` (the other
    side of a comparison, shown beside its partner), or None for a root.
    ``repeat`` marks a claim already shown above; ``cycle`` one already on this path.
    A named tuple, because the tree of a million claims has a million rows.
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
        data = self._asdict()
        data["linked"] = list(self.linked)
        return data


def _children(
    index: Index, claim_id: str, direction: Direction, via: Edge | None, contrasts: bool
) -> list[tuple[str, str, Edge | None]]:
    """(child id, relation, edge): supporters and attackers in the map's order, then
    undercutters, then contrasts.

    The map's order is the author's: a map that follows its text (an objection raised before
    it is answered) reads in the text's order.
    """
    if direction == "down":
        edges = index.incoming[claim_id]
        children: list[tuple[str, str, Edge | None]] = []
        if edges:
            children = [(e.source, e.kind, e) for e in edges if e.kind != "contrasts"]
        if via is not None and via.undercut_by:
            children += [(undercutter, "undercuts", None) for undercutter in via.undercut_by]
        if contrasts:
            children += [(partner, "contrasts", None) for partner in index.contrasts(claim_id)]
        return children
    edges = index.outgoing[claim_id]
    if not edges:
        return []
    children = [(e.target, "supports", e) for e in edges if e.kind == "supports"]
    children += [(e.target, "attacks", e) for e in edges if e.kind == "attacks"]
    return children


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
    # An index that fetches what it is asked for (a store's) fetches the walk's claims a level at a time.
    prefetch = getattr(index, "prefetch", None)
    if prefetch is not None:
        prefetch(roots, depth, direction)
    if direction == "up":
        return _traverse(index, roots, depth, direction, contrasted=set(), spine=set())
    contrasted = index.contrasted()
    # A partner the support/attack structure reaches is expanded there, not beside its partner.
    spine = _expanded(index, roots, depth) if contrasted else set()
    return _traverse(index, roots, depth, direction, contrasted=contrasted, spine=spine)


def _expanded(index: Index, roots: list[str], depth: int | None) -> set[str]:
    """The ids a walk down from ``roots`` without contrasts expands, in the same order as
    `_traverse` (the first edge into a claim decides which undercutters it shows), but
    without rows or paths: a claim on the current path is already in ``shown``.
    """
    shown: set[str] = set()
    for root in roots:
        stack: list[tuple[str, int, Edge | None]] = [(root, 0, None)]
        while stack:
            claim_id, level, via = stack.pop()
            if claim_id in shown:
                continue
            shown.add(claim_id)
            if depth is not None and level >= depth:
                continue
            children = _children(index, claim_id, "down", via, False)
            level += 1
            stack += [(child, level, edge) for child, _relation, edge in reversed(children)]
    return shown


def _traverse(
    index: Index,
    roots: list[str],
    depth: int | None,
    direction: Direction,
    *,
    contrasted: AbstractSet[str],
    spine: set[str],
) -> list[Row]:
    """The rows of the trees under ``roots``; ``contrasted`` claims get their partners beside them."""
    rows: list[Row] = []
    shown: set[str] = set()
    make_row = _new_row
    append_row = rows.append
    for root in roots:
        # Stack of (claim id, depth, parent row, relation, edge, linked); the path set holds
        # the ids on the way from the root, for cycle detection.
        stack: list[tuple[Any, ...]] = [(root, 0, None, None, None, ())]
        push, pop = stack.append, stack.pop
        path: list[str] = []
        on_path: set[str] = set()
        while stack:
            item = pop()
            claim_id = item[0]
            if claim_id is _LEAVE:
                on_path.discard(path.pop())
                continue
            _, level, parent, relation, edge, linked = item
            if claim_id in on_path:
                if relation == "contrasts":
                    continue  # the partner we came from: symmetric, not a cycle
                append_row(make_row((claim_id, level, parent, relation, linked, False, True, False)))
                continue
            if claim_id in shown or (relation == "contrasts" and claim_id in spine):
                append_row(make_row((claim_id, level, parent, relation, linked, True, False, False)))
                continue
            shown.add(claim_id)
            children = _children(index, claim_id, direction, edge, claim_id in contrasted)
            cut = depth is not None and level >= depth and bool(children)
            append_row(make_row((claim_id, level, parent, relation, linked, False, False, cut)))
            if cut or not children:
                continue
            me = len(rows) - 1
            path.append(claim_id)
            on_path.add(claim_id)
            push((_LEAVE,))
            child_level = level + 1
            for child, child_relation, child_edge in reversed(children):
                push(
                    (
                        child,
                        child_level,
                        me,
                        child_relation,
                        child_edge,
                        child_edge.linked if child_edge is not None else (),
                    )
                )
    return rows


_LEAVE = object()
#: ``Row(*fields)`` without the Python-level ``__new__`` of a named tuple.
_new_row = partial(tuple.__new__, Row)
