"""The part of a map around one claim (``argmap export ID --depth N``)."""

from __future__ import annotations

from pathlib import Path

import pytest

import argmap
from argmap.analysis.subgraph import neighbourhood, within
from argmap.errors import MapError
from argmap.formats import dot
from argmap.model import ArgumentMap, reference_problems

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def awkward() -> ArgumentMap:
    return argmap.load(GOLDEN / "awkward.yaml")


def ids(amap: ArgumentMap) -> list[str]:
    return [claim.id for claim in amap.claims]


def test_depth_zero_is_the_claim_alone(awkward: ArgumentMap) -> None:
    part = neighbourhood(awkward, "thesis", 0)
    assert ids(part) == ["thesis"] and part.meta == awkward.meta


def test_depth_counts_relations_in_either_direction(awkward: ArgumentMap) -> None:
    assert within(awkward, "esc", 1) == {"esc": 0, "html": 1, "cjk": 1, "thesis": 1, "other": 1}
    assert ids(neighbourhood(awkward, "graph", 1)) == ["lines", "graph", "other"]


def test_an_undercutter_reaches_the_inference_it_undercuts(awkward: ArgumentMap) -> None:
    part = neighbourhood(awkward, "other", 1)
    assert ids(part) == ["thesis", "esc", "cjk", "graph", "other"]
    assert part["other"].undercuts == awkward["other"].undercuts
    assert part["cjk"].linked == awkward["cjk"].linked


def test_a_linked_premise_brings_its_whole_group(awkward: ArgumentMap) -> None:
    part = neighbourhood(awkward, "cjk", 1)
    assert {"cjk", "esc", "thesis"} <= set(ids(part))
    assert part["cjk"].linked == awkward["cjk"].linked


def test_the_result_is_always_a_valid_map(awkward: ArgumentMap) -> None:
    for claim in awkward.claims:
        for depth in (0, 1, 2, None):
            part = neighbourhood(awkward, claim.id, depth)
            assert list(reference_problems(part)) == []
            assert claim.id in part  # a fresh map: its id index is its own
            assert all(other.id in part for other in part.claims)
            dot.write(part)


def test_relations_leaving_the_part_are_dropped_with_it(awkward: ArgumentMap) -> None:
    part = neighbourhood(awkward, "lines", 1)
    assert set(ids(part)) == {"thesis", "html", "inject", "lines", "graph"}
    assert part["lines"].undercuts == awkward["lines"].undercuts  # html -> thesis is inside
    assert part["html"].supports == ["thesis"]
    assert part["inject"].attacks == ["thesis"]


def test_none_means_the_whole_connected_part() -> None:
    amap = ArgumentMap.model_validate(
        {
            "claims": [
                {"id": "a", "text": "A", "supports": ["b"]},
                {"id": "b", "text": "B"},
                {"id": "c", "text": "C"},
            ]
        }
    )
    assert ids(neighbourhood(amap, "a")) == ["a", "b"]


def test_unknown_ids_and_negative_depths_are_map_errors(awkward: ArgumentMap) -> None:
    with pytest.raises(MapError) as caught:
        neighbourhood(awkward, "thesys", 1)
    assert "did you mean 'thesis'" in (caught.value.hint or "")
    with pytest.raises(MapError):
        neighbourhood(awkward, "thesis", -1)
