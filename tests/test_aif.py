"""AIF JSON: the real corpus counts, every variant, messy data, located errors, lossless round trips."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from argmap.errors import MapError, MapWarning
from argmap.formats import aif
from argmap.model import ArgumentMap
from strategies import argument_maps

FIXTURES = Path(__file__).parent / "fixtures" / "aif"


def read_recording(text: str, path: str | None = None) -> tuple[ArgumentMap, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        amap = aif.read(text, path=path)
    assert all(issubclass(w.category, MapWarning) for w in caught), [str(w.message) for w in caught]
    return amap, [str(w.message) for w in caught]


def counts(amap: ArgumentMap) -> dict[str, int]:
    return {
        "claims": len(amap),
        "supports": sum(len(c.supports) + sum(1 + len(link.with_) for link in c.linked) for c in amap.claims),
        "attacks": sum(len(c.attacks) for c in amap.claims),
        "undercuts": sum(len(c.undercuts) for c in amap.claims),
        "rephrases": sum(tag.startswith(aif.REPHRASE_TAG) for c in amap.claims for tag in c.tags),
    }


def dropped(messages: list[str], what: str) -> int:
    """The count a summary warning gives, e.g. 'dropped 1 undercut(s) ...' → 1."""
    for message in messages:
        if match := re.search(rf"(\d+) {what}", message):
            return int(match[1])
    return 0


# README of shared/corpus/aif: I-nodes, support / attack / undercut / rephrase, and L / YA / TA.
CORPUS = {
    "dialam2024_test_map10.json": (11, 7, 0, 0, 3, (22, 27, 11)),
    "nodeset21145.json": (14, 4, 1, 0, 0, (34, 19, 14)),
    "nodeset27814.json": (6, 1, 1, 1, 2, (16, 21, 5)),
    "nodeset23878.json": (8, 2, 0, 0, 1, (17, 11, 7)),
    "twitter-3915-in-xAIF.json": (2, 0, 1, 0, 0, (2, 3, 1)),
    "ova3_28106.json": (31, 21, 20, 0, 22, (54, 118, 21)),
}


def corpus_text(corpus: Path, name: str) -> str:
    return (corpus / "aif" / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_corpus_counts_match_the_readme(corpus: Path, name: str) -> None:
    claims, supports, attacks, undercuts, rephrases, (l, ya, ta) = CORPUS[name]
    amap, messages = read_recording(corpus_text(corpus, name), path=name)
    got = counts(amap)
    # An undercut whose inference has no I-node premise cannot be an argmap undercut; it is
    # dropped with a warning, so the README's count is what is kept plus what is reported.
    lost = dropped(messages, r"undercut\(s\)")
    assert (got["claims"], got["supports"], got["attacks"], got["undercuts"] + lost, got["rephrases"]) == (
        claims,
        supports,
        attacks,
        undercuts,
        rephrases,
    )
    assert any(f"{l} L, {ya} YA, {ta} TA node(s)" in m for m in messages), messages


def test_undercut_of_an_inference_without_premise_is_reported(corpus: Path) -> None:
    amap, messages = read_recording(corpus_text(corpus, "nodeset27814.json"), path="x.json")
    assert counts(amap)["undercuts"] == 0
    assert any("RA 1208414 has no I-node premise" in m for m in messages)
    assert any("CA 1208406 → RA 1208414" in m and m.startswith("x.json:1:") for m in messages)
    # the same CA still attacks the I-node it points at
    assert amap["n1208392"].attacks == ["n1208397"]


def test_self_loop_is_dropped_with_a_located_warning(corpus: Path) -> None:
    _, messages = read_recording(corpus_text(corpus, "nodeset23878.json"), path="nodeset23878.json")
    pattern = r"nodeset23878\.json:1:\d+: dropped 1 self-loop edge\(s\) \(e\.g\. L 831523 → itself\)"
    assert any(re.match(pattern, m) for m in messages), messages


def test_string_node_ids_become_predictable_slugs(corpus: Path) -> None:
    amap, _ = read_recording(corpus_text(corpus, "dialam2024_test_map10.json"))
    assert "n2_168141153402989746" in amap
    linked = [link for c in amap.claims for link in c.linked]
    assert len(linked) == 1 and len(linked[0].with_) == 5  # one RA with six I premises


def test_named_schemes_are_reported(corpus: Path) -> None:
    amap, messages = read_recording(corpus_text(corpus, "twitter-3915-in-xAIF.json"))
    assert any(re.search(r"named scheme.*CA 59039 'Calling Out'", m) for m in messages), messages
    assert amap["n59040"].attacks == ["n58779"]


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_corpus_maps_survive_writing(corpus: Path, name: str) -> None:
    amap, _ = read_recording(corpus_text(corpus, name))
    again, _ = read_recording(aif.write(amap))
    assert again.model_dump() == amap.model_dump()


# --------------------------------------------------------------------------- hand-written fixtures


def test_ova2_legacy_format() -> None:
    amap, messages = read_recording((FIXTURES / "ova2.json").read_text(encoding="utf-8"))
    assert [c.id for c in amap.claims] == ["n1", "n2", "n3", "n5"]
    assert amap["n2"].linked[0].model_dump(by_alias=True) == {"to": "n1", "with": ["n3"]}
    assert amap["n5"].attacks == ["n1"]
    assert any("1 L node(s); 1 participants" in m for m in messages)


def test_linked_support_undercut_and_rephrase() -> None:
    amap, messages = read_recording((FIXTURES / "undercut.json").read_text(encoding="utf-8"))
    assert amap["n11"].linked[0].model_dump(by_alias=True) == {"to": "n10", "with": ["n12"]}
    assert [u.model_dump(by_alias=True) for u in amap["n14"].undercuts] == [{"from": "n11", "to": "n10"}]
    assert amap["n16"].attacks == ["n10"]
    assert amap["n18"].tags == ["rephrases:n10"] and not amap["n18"].supports
    assert any("kept 1 rephrase(s) (MA)" in m for m in messages)
    assert any("'Argument From Expert Opinion'" in m for m in messages)


def test_messy_data_gives_warnings_not_crashes() -> None:
    amap, messages = read_recording((FIXTURES / "messy.json").read_text(encoding="utf-8"), path="messy.json")
    assert [c.id for c in amap.claims] == ["n1", "nq-1", "nq-1-2", "n3"]
    assert amap["n1"].supports == ["nq-1"]
    assert amap["n3"].text == "(no text)"
    text = "\n".join(messages)
    for expected in (
        "skipped 1 node(s) that are not objects",
        "skipped 1 edge(s) that are not objects",
        "skipped 1 node(s) whose nodeID was already used",
        "skipped 1 EN (annotator note) node(s)",
        "skipped 1 PA (preference) node(s)",
        "skipped 1 node(s) of a type AIF does not define",
        "dropped 1 self-loop edge(s)",
        "dropped 1 edge(s) to a node that does not exist",
        "dropped 1 duplicate edge(s)",
        "CA 6 → TA 7",
        "L 11 → RA 12",
        "EN 8 → RA 4",
        "skipped 3 S-node(s) without an I-node premise or conclusion",
        "1 I-node(s) have no text",
        "nodeID q-1 → nq-1",
        "skipped the dialogue layer (1 L, 1 TA node(s))",
    ):
        assert expected in text, expected
    # every per-node warning points into the file
    assert all(re.match(r"messy\.json:\d+:\d+: ", m) for m in messages if "dialogue layer" not in m)


def test_empty_map_is_valid() -> None:
    amap, messages = read_recording((FIXTURES / "empty.json").read_text(encoding="utf-8"))
    assert len(amap) == 0 and messages == []


@pytest.mark.parametrize(
    ("name", "line", "column", "message"),
    [
        ("broken.json", 4, 3, "not valid JSON"),
        ("columns.json", 2, 2, "object of columns"),
        ("not_object.json", 1, 1, "expected a JSON object"),
        ("nodes_not_list.json", 3, 5, "'nodes' must be a list"),
    ],
)
def test_malformed_files_give_located_errors(name: str, line: int, column: int, message: str) -> None:
    with pytest.raises(MapError) as info:
        aif.read((FIXTURES / name).read_text(encoding="utf-8"), path=name)
    error = info.value
    assert (error.path, error.line, error.column) == (name, line, column)
    assert message in error.message and error.hint


# --------------------------------------------------------------------------- writing and round trips


def test_written_json_is_plain_aifdb() -> None:
    amap = ArgumentMap.model_validate(
        {
            "meta": {"title": "Pets"},
            "claims": [
                {"id": "pets", "kind": "thesis", "text": "Cats are good pets"},
                {"id": "quiet", "text": "Cats are quiet", "linked": [{"to": "pets", "with": ["clean"]}]},
                {"id": "clean", "text": "Cats are clean", "supports": ["pets"]},
                {
                    "id": "scratch",
                    "kind": "objection",
                    "text": "Cats scratch",
                    "attacks": ["pets"],
                    "undercuts": [{"from": "clean", "to": "pets"}],
                    "tags": ["rephrases:quiet"],
                },
            ],
        }
    )
    document = json.loads(aif.write(amap))
    assert set(document) == {"nodes", "edges", "locutions", "argmap"} and document["locutions"] == []
    types = [n["type"] for n in document["nodes"]]
    assert (
        types.count("I") == 4 and types.count("RA") == 2 and types.count("CA") == 2 and types.count("MA") == 1
    )
    assert all(isinstance(e["edgeID"], str) and e["formEdgeID"] is None for e in document["edges"])
    by_id = {n["nodeID"]: n for n in document["nodes"]}
    into: dict[str, list[str]] = {}
    for edge in document["edges"]:
        into.setdefault(edge["toID"], []).append(by_id[edge["fromID"]]["type"])
    # one RA per support: the linked one has two I premises, the undercut's CA points at the other
    assert sorted(into[n["nodeID"]] for n in document["nodes"] if n["type"] == "RA") == [
        ["I", "CA"],
        ["I", "I"],
    ]
    assert any(
        by_id[e["fromID"]]["type"] == "CA" and by_id[e["toID"]]["type"] == "RA" for e in document["edges"]
    )
    assert {n["schemeID"] for n in document["nodes"] if n["type"] != "I"} == {"71", "72", "144"}


def test_structure_survives_in_other_tools() -> None:
    """Without argmap's own key, relations still come back (under AIF-derived ids)."""
    import argmap

    amap = argmap.load()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MapWarning)
        document = json.loads(aif.write(amap))
    for node in document["nodes"]:
        node.pop("argmap", None)
    del document["argmap"]
    bare, _ = read_recording(json.dumps(document))
    rename = {claim.id: f"n{index}" for index, claim in enumerate(amap.claims, start=1)}
    for claim in amap.claims:
        other = bare[rename[claim.id]]
        assert other.text == claim.text
        assert other.supports == [rename[t] for t in claim.supports]
        assert other.attacks == [rename[t] for t in claim.attacks]
        assert [(link.to, link.with_) for link in other.linked] == [
            (rename[link.to], [rename[w] for w in link.with_]) for link in claim.linked
        ]
        assert [u.to for u in other.undercuts] == [rename[u.to] for u in claim.undercuts]


def test_essay_map_round_trip_is_lossless() -> None:
    import argmap

    amap = argmap.load()
    with pytest.warns(MapWarning, match="AIF has no contrast relation"):
        text = aif.write(amap)
    again, _ = read_recording(text)
    assert again.model_dump() == amap.model_dump()


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]
)
@given(argument_maps())
def test_generated_maps_round_trip_losslessly(amap: ArgumentMap) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MapWarning)
        again = aif.read(aif.write(amap))
    assert again.model_dump() == amap.model_dump()


@pytest.mark.slow
def test_long_chain_reads_and_writes() -> None:
    """No recursion anywhere: a 20,000-link support chain goes through both ways."""
    size = 20_000
    claims = [
        {"id": f"c{i}", "text": f"claim {i}", "supports": [f"c{i + 1}"] if i + 1 < size else []}
        for i in range(size)
    ]
    amap = ArgumentMap.model_validate({"claims": claims})
    again = aif.read(aif.write(amap, indent=None))
    assert again.model_dump() == amap.model_dump()
