"""The bundled essay map: the product's showcase, checked against the essay itself."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import argmap
from argmap.files import bundled_map_path, data_dir
from argmap.model.index import Index

AXES = ("driving-force", "business-model", "technology", "form")


@pytest.fixture(scope="module")
def essay() -> argmap.ArgumentMap:
    return argmap.load()


@pytest.fixture(scope="module")
def text() -> str:
    return (data_dir() / "essay.txt").read_text(encoding="utf-8")


def test_the_essay_text_keeps_title_author_and_copyright_but_not_the_web_page(text: str) -> None:
    lines = text.splitlines()
    assert lines[0] == "The Undercurrent of the Industrial Internet"
    assert "Text / Meng Yonghui" in lines[:5]
    assert lines[-1].startswith("Author: Meng Yonghui") and "copyright information" in lines[-1]
    assert "Discover the latest" not in text and "Related Posts" not in text
    assert text.endswith("\n") and "\r" not in text


def test_the_essay_text_is_the_seed_verbatim(text: str) -> None:
    seed = (
        Path(__file__).resolve().parents[2]
        / "shared"
        / "seed"
        / "undercurrent-of-the-industrial-internet.txt"
    )
    if not seed.is_file():
        pytest.skip(f"seed text not found at {seed}")
    original = seed.read_text(encoding="utf-8")
    assert original.startswith(text.rstrip("\n"))


def test_size_and_kinds(essay: argmap.ArgumentMap) -> None:
    assert 30 <= len(essay) <= 50
    kinds = {c.kind for c in essay.claims}
    assert kinds == {"thesis", "claim", "evidence", "objection", "rebuttal"}
    assert essay.meta.source == "essay.txt" and essay.meta.author == "Meng Yonghui"


def test_every_quote_is_verbatim_and_every_claim_has_one(essay: argmap.ArgumentMap, text: str) -> None:
    for claim in essay.claims:
        assert claim.quote, claim.id
        assert claim.quote in text, claim.id
        assert claim.text != claim.quote, f"{claim.id}: text should be in our words"


def test_sections_follow_the_essay_structure(essay: argmap.ArgumentMap) -> None:
    order = ["opening", "business-model", "technology", "form", "closing"]
    sections = [c.section for c in essay.claims]
    assert set(sections) == set(order)
    # Each claim's quote appears within its section of the essay.
    headings = {
        "business-model": "On the business model of the Industrial Internet",
        "technology": "Industrial Internet technology",
        "form": "In the form of industrial Internet",
        "closing": "Every undercurrent contains enormous energy. This is reflected",
    }
    text = (data_dir() / "essay.txt").read_text(encoding="utf-8")
    starts = [0] + [text.index(headings[name]) for name in order[1:]] + [len(text)]
    for claim in essay.claims:
        assert claim.quote is not None and claim.section is not None, claim.id
        where = text.index(claim.quote)
        position = order.index(claim.section)
        assert starts[position] <= where < starts[position + 1], claim.id


def test_every_claim_hangs_under_the_thesis(essay: argmap.ArgumentMap) -> None:
    from argmap.analysis.tree import build_tree

    rows = build_tree(Index.of(essay), ["thesis"])
    expanded = {row.id for row in rows if not row.repeat and not row.cycle}
    assert expanded == {c.id for c in essay.claims}


def test_each_axis_has_both_sides_joined_by_contrasts(essay: argmap.ArgumentMap) -> None:
    index = Index.of(essay)
    for axis in AXES:
        pairs = [
            (claim.id, partner)
            for claim in essay.claims
            if axis in claim.tags and "industrial" in claim.tags
            for partner in index.contrasts(claim.id)
            if axis in essay[partner].tags and "consumer" in essay[partner].tags
        ]
        assert pairs, f"no industrial/consumer contrast on the {axis} axis"


def test_side_tags(essay: argmap.ArgumentMap) -> None:
    for claim in essay.claims:
        if re.match(r"(consumer|industrial)-", claim.id):
            assert claim.id.split("-")[0] in claim.tags, claim.id


def test_objections_are_rebutted_and_the_thesis_is_supported(essay: argmap.ArgumentMap) -> None:
    index = Index.of(essay)
    for claim in essay.claims:
        if claim.kind == "objection":
            assert index.attackers(claim.id), claim.id
    assert index.supporters("thesis")


def test_the_map_is_shipped_and_passes_check() -> None:
    from argmap.analysis.check import check_file

    assert bundled_map_path().is_file()
    assert check_file(None) == []


def test_graph_view(essay: argmap.ArgumentMap) -> None:
    graph = essay.graph()
    assert graph.number_of_nodes() == len(essay)
    assert graph.nodes["thesis"]["claim"] is essay["thesis"]
    assert graph.has_edge("stagnation-illusion", "stagnation-view", key="attacks")
    assert graph.has_edge("industrial-drive-inward", "consumer-drive-outward", key="contrasts")
    assert graph.has_edge("undercurrent-energy", "thesis", key="supports")
