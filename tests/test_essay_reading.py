"""The essay map read closely: every connective's direction, the objections, the tree's order.

Claims are found by the passage of the essay they quote, never by id, so these tests pin
the reading of the text and survive a renamed claim.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest

import argmap
from argmap.analysis.tree import build_tree
from argmap.model.index import Index

#: (premise passage, consequence passage, the essay's words that join them).
CONNECTIVES = [
    ("slow or even stagnant", "obviously a bit overestimated", "Because whether from the perspective"),
    ("you will get a completely different answer", "it is not an exaggeration", "In fact, if you put"),
    ('indeed "a thousand miles in a day"', "it is not an exaggeration", "we will find that"),
    ("from these perspectives", "from a larger perspective", "If we examine ... from these perspectives"),
    ("two completely different perceptions", "a completely different answer", "two completely different"),
    ("The driving force of the consumer Internet is outward", "requires players to obtain", "requires"),
    ("requires players to obtain", "This is why we see", "This is why we see"),
    ("requires players to obtain", "only by continuous outward development", "It can be said that"),
    ("the driving force of the industrial Internet is inward", "What it shows more", "What it shows more is"),
    ("What it shows more", "pay more attention to the inside", "Therefore, what we see is"),
    ("pay more attention to the inside", "volume of the Industrial Internet", "When players ... pay less"),
    ("volume of the Industrial Internet", "This gives people the illusion", "This gives people"),
    ("This gives people the illusion", "we need to recognize the existence", "It is in such a situation"),
    ("built on the basis of scale", "players who win with scale", "Therefore, all the players"),
    ("The center is the fundamental player", "so many large platforms", "This is the fundamental reason"),
    ("No matter what kind of information", "it is necessary to continuously", "To improve the efficiency"),
    ("it is necessary to continuously", "matching and intermediary-led", "Therefore, the matching"),
    ("dominated by Internet technology", "matching and intermediary-led", "determined by the underlying"),
    (
        "Internet-style business model can really run",
        "built on the basis of scale",
        "only by ... can ... run",
    ),
    ("almost always deep", "focuses more on the deep, upstream", "Whether it is big data"),
    ("focuses more on the deep, upstream", "is surging, not superficial", "It is precisely because of this"),
    ("the platform and the center are undoubtedly", "become larger and larger", "eventually leads to"),
    ("become larger and larger", "opposition between the virtual economy", "Under such circumstances"),
    ('"infrastructure" and "underlying context"', "Visible is invisible", "eventually leads to"),
    ('"infrastructure" and "underlying context"', "achieve bridging", "eventually leads to"),
    ("begin to exist more implicitly", "may be the correct way", "From such a perspective"),
    ("the same script is still being played out", "It is from the huge energy", "Every undercurrent"),
    ("the same script is still being played out", "it is not an exaggeration", "Yes, it is not"),
]

#: What the essay itself raises against the thesis (paragraph two) and then rebuts.
OBJECTIONS = ("obviously a bit overestimated", "slow or even stagnant")
#: What the essay reports people believe, inside the illusion sentence: no objection.
REPORTED_BELIEF = "some people even think that the development of the industrial Internet is not as good"


@pytest.fixture(scope="module")
def essay() -> argmap.ArgumentMap:
    return argmap.load()


@pytest.fixture(scope="module")
def index(essay: argmap.ArgumentMap) -> Index:
    return Index.of(essay)


def quoting(essay: argmap.ArgumentMap, passage: str) -> str:
    """The id of the one claim whose quote holds ``passage``."""
    found = [claim.id for claim in essay.claims if claim.quote and passage in claim.quote]
    assert len(found) == 1, f"{passage!r} is quoted by {found or 'no claim'}"
    return found[0]


def supports_from(index: Index, claim_id: str) -> list[str]:
    """What ``claim_id`` supports, alone or as one premise of a linked group."""
    return [edge.target for edge in index.outgoing[claim_id] if edge.kind == "supports"]


def leads_to(index: Index, start: str, goal: str) -> bool:
    """Whether a chain of supports runs from ``start`` up to ``goal``."""
    seen, todo = {start}, [start]
    while todo:
        for target in supports_from(index, todo.pop()):
            if target == goal:
                return True
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return False


@pytest.mark.parametrize(("premise", "consequence", "words"), CONNECTIVES, ids=[c[2] for c in CONNECTIVES])
def test_the_premise_supports_the_consequence(
    essay: argmap.ArgumentMap, index: Index, premise: str, consequence: str, words: str
) -> None:
    source, target = quoting(essay, premise), quoting(essay, consequence)
    assert target in set(supports_from(index, source)), f"{words}: {source} -> {target}"
    assert not leads_to(index, target, source), f"{words}: {target} leads back to {source}"


def test_only_what_the_essay_raises_and_rebuts_is_an_objection(
    essay: argmap.ArgumentMap, index: Index
) -> None:
    raised = {quoting(essay, passage) for passage in OBJECTIONS}
    assert {claim.id for claim in essay.claims if claim.kind == "objection"} == raised
    assert {edge.source for edge in index.attackers("thesis")} == {quoting(essay, OBJECTIONS[0])}
    for objection in raised:
        assert index.attackers(objection), f"{objection} is raised but not rebutted"
    attacked = {edge.target for edges in index.outgoing.values() for edge in edges if edge.kind == "attacks"}
    assert attacked <= raised | {"thesis"}


def test_a_reported_belief_is_no_objection(essay: argmap.ArgumentMap, index: Index) -> None:
    reporter = quoting(essay, REPORTED_BELIEF)
    assert essay[reporter].kind != "objection"
    attacked = [edge.target for edge in index.outgoing[reporter] if edge.kind == "attacks"]
    assert attacked == [quoting(essay, "slow or even stagnant")]


def test_hedges_survive_the_paraphrase(essay: argmap.ArgumentMap) -> None:
    hedges = {
        "almost always deep": "almost always",
        "In a sense": "In a sense",
        "obviously not as good as": "obviously not as good as",
        "perhaps we can see": "perhaps",
        "obviously a bit overestimated": "obviously a bit",
        "may be the correct way": "may be",
    }
    for passage, hedge in hedges.items():
        claim = essay[quoting(essay, passage)]
        assert hedge.lower() in claim.text.lower(), f"{claim.id} drops {hedge!r}"
    thesis = essay["thesis"]
    assert "undercurrent" not in thesis.text and "undercurrent" not in (thesis.quote or "")


def test_the_image_is_tagged_as_one(essay: argmap.ArgumentMap) -> None:
    assert "image" in essay[quoting(essay, "spring breeze")].tags


def test_not_dominant_contrasts_with_larger_and_larger(essay: argmap.ArgumentMap, index: Index) -> None:
    implicit = quoting(essay, "they are not dominant")
    assert quoting(essay, "become larger and larger") in index.contrasts(implicit)


def test_the_tree_follows_the_essay(essay: argmap.ArgumentMap, index: Index, run: Any, golden: Any) -> None:
    """The objection, the answer to it, the four axes in the essay's order, then the closing.

    The tree lists a claim's supporters and attackers in the map's order, so the objection,
    raised in the essay's second paragraph, comes before the answer that unfolds under it.
    """
    rows = build_tree(index, ["thesis"])
    first: dict[str, int] = {}
    for position, row in enumerate(rows):
        if not row.repeat:
            first.setdefault(row.id, position)

    def at(passage: str) -> int:
        return first[quoting(essay, passage)]

    answer = [
        at("obviously a bit overestimated"),
        at("from a larger perspective"),
        at("from these perspectives"),
        at("two completely different perceptions"),
    ]
    assert answer == sorted(answer)
    axes = ["driving-force", "business-model", "technology", "form"]
    spans = [
        [first[c.id] for c in essay.claims if axis in c.tags and "industrial" in c.tags and c.id in first]
        for axis in axes
    ]
    assert answer[-1] < min(spans[0])
    for earlier, later in pairwise(spans):
        assert max(earlier) < min(later), "the axes are out of the essay's order"
    closing = at("It is from the huge energy")
    assert max(spans[-1]) < at("slow or even stagnant") < closing
    result = run("tree")
    assert result.exit_code == 0, result.stderr
    golden("cli/tree.txt", result.stdout)
