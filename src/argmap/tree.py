"""The support/attack tree under (or above) a claim, as a flat pre-order list.

A flat list of rows (with depth and parent) instead of nested objects keeps everything
iterative: a 100,000-deep chain neither overflows the stack here nor in ``json.dumps``.
A claim reached a second time is emitted once more as a reference, never expanded again;
an edge back to a claim on the current path is marked as a cycle and not followed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any, Literal

from argmap.graph import Edge, Index

Direction = Literal["down", "up"]


@dataclass(frozen=True, slots=True)
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
) -> list[tuple[str, str, Edge | None]]:
    """(child id, relation, edge) in map order: supports, attacks, undercuts, then contrasts."""
    if direction == "down":
        edges = index.incoming[claim_id]
        children: list[tuple[str, str, Edge | None]] = []
        if edges:
            children = [(e.source, "supports", e) for e in edges if e.kind == "supports"]
            children += [(e.source, "attacks", e) for e in edges if e.kind == "attacks"]
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
    if direction == "down":
        # Every row of a walk is a claim it expanded or one already expanded (a repeat or a
        # cycle), so the ids of the spine's rows are exactly the ids it expanded.
        spine = _traverse(index, roots, depth, direction, contrasts=False, spine=set(), ids_only=True)[1]
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
    return _traverse(index, roots, depth, direction, contrasts=contrasts, spine=spine, ids_only=False)[0]


def _traverse(
    index: Index,
    roots: list[str],
    depth: int | None,
    direction: Direction,
    *,
    contrasts: bool,
    spine: set[str],
    ids_only: bool,
) -> tuple[list[Row], set[str]]:
    """The rows of the trees under ``roots`` and the ids expanded in them.

    With ``ids_only`` the walk is the same but makes no rows: the spine pass of
    `build_tree` only needs to know which claims the support/attack structure reaches.
    """
    rows: list[Row] = []
    shown: set[str] = set()
    if contrasts:
        # Only claims with a contrast partner need `Index.contrasts` (it builds lists).
        contrasted = {e.source for edges in index.outgoing.values() for e in edges if e.kind == "contrasts"}
        contrasted |= {e.target for edges in index.outgoing.values() for e in edges if e.kind == "contrasts"}
    else:
        contrasted = set()
    make_row = _row
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
                if not ids_only:
                    append_row(make_row(claim_id, level, parent, relation, linked, False, True, False))
                continue
            if claim_id in shown or (relation == "contrasts" and claim_id in spine):
                if not ids_only:
                    append_row(make_row(claim_id, level, parent, relation, linked, True, False, False))
                continue
            shown.add(claim_id)
            children = _children(index, claim_id, direction, edge, contrasts and claim_id in contrasted)
            cut = depth is not None and level >= depth and bool(children)
            if not ids_only:
                append_row(make_row(claim_id, level, parent, relation, linked, False, False, cut))
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
    return rows, shown


_LEAVE = object()
_new_object = object.__new__
_ROW_SLOTS = tuple(
    getattr(Row, name).__set__
    for name in ("id", "depth", "parent", "relation", "linked", "repeat", "cycle", "truncated")
)


def _row(
    claim_id: str,
    depth: int,
    parent: int | None,
    relation: str | None,
    linked: tuple[str, ...],
    repeat: bool,
    cycle: bool,
    truncated: bool,
) -> Row:
    """``Row(...)``, faster: the slots are filled directly, not through the frozen
    dataclass's eight ``object.__setattr__`` calls. The result is an ordinary `Row`."""
    row = _new_object(Row)
    set_id, set_depth, set_parent, set_relation, set_linked, set_repeat, set_cycle, set_truncated = _ROW_SLOTS
    set_id(row, claim_id)
    set_depth(row, depth)
    set_parent(row, parent)
    set_relation(row, relation)
    set_linked(row, linked)
    set_repeat(row, repeat)
    set_cycle(row, cycle)
    set_truncated(row, truncated)
    return row
