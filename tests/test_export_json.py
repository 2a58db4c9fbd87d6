"""argmap JSON: schema, lossless round trips, networkx compatibility, located errors."""

from __future__ import annotations

import json
import re
import shutil
import warnings
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings

import argmap
from argmap.errors import DraftWarning, MapError, MapWarning
from argmap.formats import json as argmap_json
from argmap.formats import parse as read_text
from argmap.formats import yaml as argmap_yaml
from argmap.model import KINDS, ArgumentMap, is_claim_id
from strategies import argument_maps

GOLDEN = Path(__file__).parent / "golden"
DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(argmap_json.SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(document)
    return document


@pytest.fixture(scope="module")
def awkward() -> ArgumentMap:
    return argmap.load(GOLDEN / "awkward.yaml")


def validate(document: Any, schema: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator(schema).validate(document)


# --- schema ------------------------------------------------------------------------------------


def test_schema_agrees_with_the_model(schema: dict[str, Any]) -> None:
    assert schema["$defs"]["node"]["properties"]["kind"]["enum"] == list(KINDS)
    # The schema's id pattern keeps to the regex syntax every validator shares (Python's re has no
    # \p{L}): exact on ASCII, any other character let through (argmap checks those itself).
    pattern = re.compile(schema["$defs"]["claimId"]["pattern"])
    ascii_ids = list(map(chr, range(1, 128))) + [f"a{chr(c)}b" for c in range(1, 128)]
    assert [i for i in ascii_ids if bool(pattern.fullmatch(i)) != is_claim_id(i)] == []
    assert all(pattern.fullmatch(i) for i in ("论点", "ärger", "हिन्दी", "ａ１"))
    assert set(schema["$defs"]["node"]["properties"]) == set(argmap_json.NODE_FIELDS)
    assert schema["$defs"]["link"]["properties"]["relation"]["enum"] == list(argmap_json.LINK_RELATIONS)
    assert set(schema["properties"]["meta"]["properties"]) == set(argmap.Meta.model_fields)


@pytest.mark.parametrize("name", ["awkward", "essay", "empty"])
def test_output_validates_against_the_schema(name: str, schema: dict[str, Any], awkward: ArgumentMap) -> None:
    amap = {"awkward": awkward, "essay": argmap.load(), "empty": ArgumentMap()}[name]
    validate(json.loads(argmap_json.write(amap)), schema)


@pytest.mark.parametrize(
    "link",
    [
        {"source": "a", "target": "b", "relation": "linked"},  # no "with"
        {"source": "a", "target": "b", "relation": "undercuts"},  # no "from"
        {"source": "a", "target": "b", "relation": "supports", "with": ["c"]},
        {"source": "a", "target": "b", "relation": "rebuts"},
        {"source": "A b", "target": "b", "relation": "supports"},
    ],
)
def test_schema_rejects_malformed_links(link: dict[str, Any], schema: dict[str, Any]) -> None:
    document = {"format": "argmap", "version": 1, "nodes": [], "links": [link]}
    with pytest.raises(jsonschema.ValidationError):
        validate(document, schema)


# --- round trips -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["awkward", "essay"])
def test_yaml_to_json_to_yaml_is_lossless(name: str, awkward: ArgumentMap) -> None:
    amap = awkward if name == "awkward" else argmap.load()
    back = argmap_json.read(argmap_json.write(amap))
    assert back == amap
    assert argmap_yaml.write(back) == argmap_yaml.write(amap)


def test_registry_recognises_the_document(awkward: ArgumentMap) -> None:
    assert read_text(argmap_json.write(awkward)) == awkward  # sniffed, no name or extension


def test_same_map_same_bytes(awkward: ArgumentMap) -> None:
    assert argmap_json.write(awkward) == argmap_json.write(argmap.load(GOLDEN / "awkward.yaml"))


@settings(max_examples=100, deadline=None)
@given(amap=argument_maps())
def test_any_map_survives_json(amap: ArgumentMap) -> None:
    text = argmap_json.write(amap)
    assert argmap_json.read(text) == amap
    json.loads(text)  # plain JSON, nothing exotic


def test_networkx_reads_the_document_as_it_is(awkward: ArgumentMap) -> None:
    import networkx as nx

    graph = nx.node_link_graph(json.loads(argmap_json.write(awkward)), edges="links")
    assert isinstance(graph, nx.MultiDiGraph)
    assert list(graph.nodes) == [claim.id for claim in awkward.claims]
    assert graph.nodes["esc"]["quote"] == 'a verbatim quote with "quotes"'
    relations = sorted(data["relation"] for _, _, data in graph.edges(data=True))
    assert relations.count("linked") == 1 and relations.count("undercuts") == 2


def test_linked_groups_and_undercuts_are_explicit_links(awkward: ArgumentMap) -> None:
    links = json.loads(argmap_json.write(awkward))["links"]
    assert {"source": "cjk", "target": "thesis", "relation": "linked", "with": ["esc"]} in links
    assert {"source": "lines", "target": "thesis", "relation": "undercuts", "from": "html"} in links


# --- quotes and the source text ----------------------------------------------------------------


def test_quotes_are_checked_against_the_source_beside_the_document(tmp_path: Path) -> None:
    essay = argmap.load()
    shutil.copy(DATA / "essay.txt", tmp_path / "essay.txt")
    target = tmp_path / "essay.json"
    target.write_text(argmap_json.write(essay), encoding="utf-8")
    assert argmap.load(target) == essay

    document = json.loads(target.read_text(encoding="utf-8"))
    document["nodes"][0]["quote"] = "words the essay never wrote"
    text = json.dumps(document, indent=1)
    target.write_text(text, encoding="utf-8")
    with pytest.warns(DraftWarning) as caught:  # a draft: loaded, with a located warning
        assert argmap.load(target).claims[0].quote == "words the essay never wrote"
    lines = text.split("\n")
    line = next(n for n, content in enumerate(lines, 1) if "words the essay never wrote" in content)
    [warning] = [w.message for w in caught]
    assert isinstance(warning, DraftWarning)
    assert warning.message.startswith("the quote of 'thesis' does not occur verbatim in the source text")
    assert (warning.location.line, warning.location.column) == (line, lines[line - 1].index('"words') + 1)


def test_a_missing_source_only_warns(tmp_path: Path) -> None:
    target = tmp_path / "essay.json"
    target.write_text(argmap_json.write(argmap.load()), encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        argmap.load(target)
    assert any(isinstance(w.message, MapWarning) and "not checked" in str(w.message) for w in caught)


# --- errors --------------------------------------------------------------------------------------

GOOD = """{
  "format": "argmap",
  "version": 1,
  "nodes": [
    {"id": "a", "text": "A"},
    {"id": "b", "kind": "claim", "text": "B"}
  ],
  "links": [
    {"source": "a", "target": "b", "relation": "supports"}
  ]
}
"""


def error_for(text: str) -> MapError:
    with pytest.raises(MapError) as caught:
        argmap_json.read(text, path="map.json")
    return caught.value


def test_the_good_example_reads() -> None:
    amap = argmap_json.read(GOOD)
    assert amap["a"].supports == ["b"]


@pytest.mark.parametrize(
    ("broken", "expected", "line", "column"),
    [
        (GOOD.replace('"B"}', '"B"},'), "not valid JSON", 7, 3),
        (
            GOOD.replace('"argmap"', '"aif"'),
            "not an argmap JSON document (format is 'aif') (at format)",
            2,
            13,
        ),
        (
            GOOD.replace('"version": 1', '"version": 2'),
            "version 2, newer than this argmap reads (1) (at version)",
            3,
            14,
        ),
        (GOOD.replace('"version": 1', '"version": "1"'), "version must be a whole number", 3, 14),
        (GOOD.replace('"version"', '"versoin"'), "unknown key 'versoin' (at versoin)", 3, 3),
        (
            GOOD.replace('"kind": "claim"', '"kind": "claims"'),
            "unknown kind 'claims' in claim 'b' (at nodes[1].kind)",
            6,
            25,
        ),
        (
            GOOD.replace('"target": "b"', '"target": "c"'),
            "no claim has the id 'c' (at links[0].target)",
            9,
            31,
        ),
        (
            GOOD.replace('"source": "a"', '"source": "x"'),
            "no claim has the id 'x' (at links[0].source)",
            9,
            16,
        ),
        (
            GOOD.replace('"supports"}', '"support"}'),
            "unknown relation 'support' (at links[0].relation)",
            9,
            48,
        ),
        (
            GOOD.replace('"supports"}', '"supports", "with": ["a"]}'),
            "unknown key 'with' in a supports link",
            9,
            60,
        ),
        (GOOD.replace('"supports"}', '"linked"}'), "the linked link has no 'with' (at links[0])", 9, 5),
        (
            GOOD.replace('{"id": "a", "text": "A"}', '{"id": "a", "text": "A", "supports": ["b"]}'),
            "'supports' belongs in links, not on a node (at nodes[0].supports)",
            5,
            30,
        ),
        (GOOD.replace('"id": "b"', '"id": "a"'), "duplicate claim id 'a'", 6, 12),
        (GOOD.replace('"id": "b"', '"id": "B b"'), "is not a valid claim id (at nodes[1].id)", 6, 12),
        (
            GOOD.replace('"text": "A"', '"text": "A", "colour": 1'),
            "unknown key 'colour' in claim 'a' (at nodes[0].colour)",
            5,
            30,
        ),
        (GOOD.replace('"target": "b"', '"target": "a"'), "supports itself (at links[0].target)", 9, 31),
        (
            GOOD.replace('"supports"}', '["supports"]}'),
            "unknown relation ['supports'] (at links[0].relation)",
            9,
            48,
        ),
        (GOOD.replace('"nodes": [', '"nodes": [3,'), "a node must be an object (at nodes[0])", 4, 13),
        ("[]", "an argmap JSON document is an object (at $)", 1, 1),
        ("", "not valid JSON", 1, 1),
    ],
)
def test_errors_name_the_json_path_line_and_column(
    broken: str, expected: str, line: int, column: int
) -> None:
    error = error_for(broken)
    assert expected in error.message
    assert (error.path, error.line, error.column) == ("map.json", line, column)


def test_an_undercut_of_a_missing_support_points_at_the_link() -> None:
    text = GOOD.replace(
        '"relation": "supports"}',
        '"relation": "supports"},\n    {"source": "b", "target": "a", "relation": "undercuts", "from": "b"}',
    )
    error = error_for(text)
    assert "does not support" in error.message and "links[1]" in error.message
    assert error.line == 10


def test_errors_deep_in_a_large_document_are_located() -> None:
    amap = ArgumentMap.model_validate({"claims": [{"id": f"c{i}", "text": f"T{i}"} for i in range(5000)]})
    document = json.loads(argmap_json.write(amap))
    document["nodes"][4321]["kind"] = "belief"
    text = argmap_json.write(ArgumentMap()).replace(
        '"nodes": []', '"nodes": ' + json.dumps(document["nodes"])
    )
    error = error_for(text)
    assert "nodes[4321].kind" in error.message and error.line == 7
