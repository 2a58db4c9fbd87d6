"""Big maps are validated a chunk at a time, their plain data dropped as they go
(`argmap.model.validate(consume=True)`): the result and every error must be exactly what
validating all at once gives. A chunk of one claim makes every test map "big"."""

from __future__ import annotations

import warnings

import pytest

import argmap.model
import argmap.model.validation
from argmap.errors import MapError, MapWarning
from argmap.formats import json as argmap_json
from argmap.formats import yaml as argmap_yaml

GOOD_YAML = """\
meta: {title: small}
claims:
  - {id: t, kind: thesis, text: The thesis.}
  - {id: a, text: A reason., supports: [t], tags: [x]}
  - {id: b, text: Another reason., linked: [{to: t, with: [a]}]}
  - {id: o, kind: objection, text: An objection., attacks: [t], undercuts: [{from: a, to: t}]}
"""

BAD_YAML = [
    # a shape error in a later claim, with more after it
    GOOD_YAML + "  - {id: c, kind: thesys, text: x}\n  - {id: D, text: ''}\n",
    # a cross-reference error, found only after every claim is validated
    GOOD_YAML + "  - {id: c, text: x, supports: [nowhere]}\n",
    # a duplicate id
    GOOD_YAML + "  - {id: a, text: x}\n",
    # an unknown top-level key
    GOOD_YAML + "extra: 1\n",
]


def _json_of(yaml_text: str) -> str:
    return argmap_json.write(argmap_yaml.read(yaml_text, path="map.yaml"))


def _outcome(reader, text: str, path: str) -> tuple[str, object]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", MapWarning)
        try:
            result: object = reader(text, path=path).model_dump()
        except MapError as error:
            result = str(error)
    return repr([str(w.message) for w in caught]), result


@pytest.fixture
def tiny_chunks(monkeypatch: pytest.MonkeyPatch):
    def consumed(reader, text: str, path: str) -> tuple[str, object]:
        monkeypatch.setattr(argmap.model.validation, "CHUNK", 1)
        try:
            return _outcome(reader, text, path)
        finally:
            monkeypatch.undo()

    return consumed


@pytest.mark.parametrize("text", [GOOD_YAML, *BAD_YAML])
def test_yaml_read_in_chunks_gives_the_same_map_or_error(tiny_chunks, text: str) -> None:
    assert tiny_chunks(argmap_yaml.read, text, "map.yaml") == _outcome(argmap_yaml.read, text, "map.yaml")


@pytest.mark.parametrize("text", [GOOD_YAML, *BAD_YAML[:1]])
def test_json_read_in_chunks_gives_the_same_map_or_error(tiny_chunks, text: str) -> None:
    if text is GOOD_YAML:
        document = _json_of(text)
    else:  # the same bad claims, as JSON nodes
        document = _json_of(GOOD_YAML).replace(
            '"nodes": [\n',
            '"nodes": [\n    {"id": "c", "kind": "thesys", "text": "x"},\n    {"id": "D", "text": ""},\n',
        )
    assert tiny_chunks(argmap_json.read, document, "map.json") == _outcome(
        argmap_json.read, document, "map.json"
    )


def test_json_cross_reference_errors_keep_their_link_location(tiny_chunks) -> None:
    document = _json_of(GOOD_YAML).replace('"target": "t"', '"target": "nowhere"', 1)
    warnings_said, error = tiny_chunks(argmap_json.read, document, "map.json")
    assert (warnings_said, error) == _outcome(argmap_json.read, document, "map.json")
    assert isinstance(error, str) and "links[" in error and "nowhere" in error


def test_consuming_validation_empties_only_the_callers_claim_list() -> None:
    data = {"claims": [{"id": f"c{i}", "text": "x"} for i in range(5)]}
    original = argmap.model.validation.CHUNK
    try:
        argmap.model.validation.CHUNK = 2
        amap = argmap.model.validate(data, consume=True)
    finally:
        argmap.model.validation.CHUNK = original
    assert [c.id for c in amap.claims] == [f"c{i}" for i in range(5)]
    assert data["claims"] == [None] * 5
