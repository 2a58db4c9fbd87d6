"""Tree and trace on hand-made shapes: deep chains, cycles, linked supports, undercuts."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.analysis.trace import trace
from argmap.analysis.tree import build_tree
from argmap.model import ArgumentMap
from argmap.model.index import Index
from strategies import argument_maps


def make(claims: list[dict[str, Any]]) -> ArgumentMap:
    for claim in claims:
        claim.setdefault("text", claim["id"])
    return ArgumentMap.model_validate({"claims": claims})


def chain_map(n: int) -> ArgumentMap:
    claims = [{"id": "c0", "kind": "thesis"}] + [
        {"id": f"c{i}", "supports": [f"c{i - 1}"]} for i in range(1, n)
    ]
    return make(claims)


def test_a_deep_tree_draws_in_linear_time_with_a_depth_marker() -> None:
    from argmap.views.terminal.plain import tree_guides

    rows = build_tree(Index.of(chain_map(30_000)), ["c0"])
    guides = list(tree_guides(rows))
    assert guides[1] == "└── "
    assert guides[-1].startswith("⋮29999 ") and len(guides[-1]) < 120


def test_the_guides_of_a_deep_chain_take_linear_memory() -> None:
    """Only the first levels' prefixes are kept: one per depth of a 20,000-deep chain held
    800 MB of spaces (20 GB at 100,000), which a CI run on a shared machine did not survive."""
    import tracemalloc

    from argmap.views.terminal.plain import tree_guides

    rows = build_tree(Index.of(chain_map(20_000)), ["c0"])
    tracemalloc.start()
    try:
        for _ in tree_guides(rows):
            pass
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20_000_000, f"{peak:,} bytes"


def test_support_cycles_are_marked_not_followed() -> None:
    amap = make(
        [{"id": "a", "supports": ["b"]}, {"id": "b", "supports": ["c"]}, {"id": "c", "supports": ["a"]}]
    )
    index = Index.of(amap)
    rows = build_tree(index, ["a"])
    assert [(r.id, r.cycle) for r in rows] == [("a", False), ("c", False), ("b", False), ("a", True)]
    result = trace(index, "a")
    assert result.total is None
    assert [(c.claims, c.end) for c in result.chains] == [(["b", "c", "a"], "cycle")]


def test_repeats_are_referenced_once_expanded() -> None:
    amap = make(
        [
            {"id": "t", "kind": "thesis"},
            {"id": "x", "supports": ["t"]},
            {"id": "y", "supports": ["t"]},
            {"id": "shared", "supports": ["x", "y"]},
        ]
    )
    rows = build_tree(Index.of(amap), ["t"])
    assert [(r.id, r.depth, r.repeat) for r in rows] == [
        ("t", 0, False),
        ("x", 1, False),
        ("shared", 2, False),
        ("y", 1, False),
        ("shared", 2, True),
    ]


def test_linked_supports_and_undercuts_in_tree_and_trace() -> None:
    amap = make(
        [
            {"id": "c", "kind": "thesis"},
            {"id": "p1", "linked": [{"to": "c", "with": ["p2"]}]},
            {"id": "p2"},
            {"id": "u", "undercuts": [{"from": "p2", "to": "c"}]},
            {"id": "att", "attacks": ["p1"]},
        ]
    )
    index = Index.of(amap)
    rows = build_tree(index, ["c"])
    assert [(r.id, r.relation, r.linked) for r in rows] == [
        ("c", None, ()),
        ("p1", "supports", ("p2",)),
        ("att", "attacks", ()),
        ("u", "undercuts", ()),
        ("p2", "supports", ("p1",)),
        ("u", "undercuts", ()),
    ]
    assert rows[-1].repeat
    result = trace(index, "c")
    assert [c.claims for c in result.chains] == [["p1", "c"], ["p2", "c"]]
    assert result.chains[0].attacked_by == {"p1": ["att"]}
    assert result.chains[1].undercut_by == {("p2", "c"): ["u"]}


def test_contrast_partners_hang_beside_their_partner() -> None:
    amap = make(
        [
            {"id": "t", "kind": "thesis"},
            {"id": "ind", "supports": ["t"], "contrasts": ["con"]},
            {"id": "con"},
            {"id": "why-con", "supports": ["con"]},
        ]
    )
    rows = build_tree(Index.of(amap), ["t"])
    assert [(r.id, r.relation) for r in rows] == [
        ("t", None),
        ("ind", "supports"),
        ("con", "contrasts"),
        ("why-con", "supports"),
    ]


def support_maps() -> st.SearchStrategy[ArgumentMap]:
    """Supports only (cycles allowed): the chains trace follows."""
    return argument_maps(min_claims=1, max_claims=9, relations=("supports",), unique=True, fields=False)


@settings(max_examples=200, deadline=None)
@given(support_maps(), st.data())
def test_every_traced_chain_is_a_real_path_ending_at_the_claim(
    amap: ArgumentMap, data: st.DataObject
) -> None:
    index = Index.of(amap)
    target = data.draw(st.sampled_from([c.id for c in amap.claims]))
    for direction in ("down", "up"):
        result = trace(index, target, direction=direction)
        for chain in result.chains:
            assert (chain.claims[-1] if direction == "down" else chain.claims[0]) == target
            assert len(set(chain.claims)) == len(chain.claims)
            for premise, conclusion in zip(chain.claims, chain.claims[1:], strict=False):
                assert conclusion in index.claims[premise].supports
            if chain.end == "ground":
                assert not index.supporters(chain.claims[0])
        if result.total is not None:
            assert result.total == len(result.chains)
        distinct = {tuple(c.claims) for c in result.chains}
        assert len(distinct) == len(result.chains)


def test_a_copied_map_indexes_its_own_claims() -> None:
    amap = make([{"id": "a"}, {"id": "b"}])
    assert "b" in amap
    part = amap.model_copy(update={"claims": amap.claims[:1]})
    assert "b" not in part and "a" in part and len(part.by_id) == 1


def contested_maps() -> st.SearchStrategy[ArgumentMap]:
    """Every relation but contrasts between a few claims, cycles allowed."""
    return argument_maps(
        min_claims=1,
        max_claims=9,
        relations=("supports", "attacks", "linked", "undercuts"),
        unique=True,
        fields=False,
    )


@settings(max_examples=300, deadline=None)
@given(contested_maps(), st.sampled_from([None, 0, 1, 2, 3]))
def test_the_spine_pass_expands_exactly_what_the_walk_without_contrasts_expands(
    amap: ArgumentMap, depth: int | None
) -> None:
    from argmap.analysis.tree import _expanded, _traverse

    index = Index.of(amap)
    roots = index.roots() or [amap.claims[0].id]
    rows = _traverse(index, roots, depth, "down", contrasted=set(), spine=set())
    assert _expanded(index, roots, depth) == {row.id for row in rows if not row.repeat and not row.cycle}
