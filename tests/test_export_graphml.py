"""GraphML: what networkx reads back is exactly the flattened graph argmap wrote."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings

import argmap
from argmap.errors import MapWarning
from argmap.formats import graphml
from argmap.model import ArgumentMap
from strategies import argument_maps

GOLDEN = Path(__file__).parent / "golden"


def read_back(text: str) -> nx.MultiDiGraph[str]:
    graph = nx.read_graphml(io.BytesIO(text.encode("utf-8")), force_multigraph=True)
    assert isinstance(graph, nx.MultiDiGraph)
    graph.graph.pop("node_default", None)
    graph.graph.pop("edge_default", None)
    return graph


def assert_same_graph(read: nx.MultiDiGraph[str], written: nx.MultiDiGraph[str]) -> None:
    assert read.graph == written.graph
    assert list(read.nodes(data=True)) == list(written.nodes(data=True))
    assert sorted(read.edges(keys=True, data=True)) == sorted(written.edges(keys=True, data=True))


@pytest.mark.parametrize("source", ["awkward.yaml", None])
def test_networkx_reads_back_the_same_nodes_edges_and_attributes(source: str | None) -> None:
    amap = argmap.load(GOLDEN / source if source else None)
    text = graphml.write(amap)
    assert text.startswith("<?xml version='1.0' encoding='utf-8'?>")
    assert_same_graph(read_back(text), graphml.to_graph(amap))


def test_every_claim_and_relation_is_there() -> None:
    amap = argmap.load(GOLDEN / "awkward.yaml")
    graph = read_back(graphml.write(amap))
    assert list(graph.nodes) == [claim.id for claim in amap.claims]
    thesis = graph.nodes["thesis"]
    assert thesis["kind"] == "thesis" and thesis["label"] == thesis["text"] == amap["thesis"].text
    assert thesis["tags"] == "core, with, comma" and graph.nodes["html"]["base_score"] == 0.25
    assert graph.nodes["lines"]["text"] == "line one\nline two\nline three"  # XML keeps \n only
    relations = {
        (u, v, d["relation"], d.get("group"), d.get("premise")) for u, v, d in graph.edges(data=True)
    }
    assert ("cjk", "thesis", "supports", "g0", None) in relations  # a linked group, premise by premise
    assert ("esc", "thesis", "supports", "g0", None) in relations
    assert ("lines", "thesis", "undercuts", None, "html") in relations
    assert ("inject", "thesis", "attacks", None, None) in relations
    assert ("graph", "lines", "contrasts", None, None) in relations
    keys = [k for _, _, k in graph.edges(keys=True)]
    assert len(keys) == len(set(keys))  # GraphML ids are unique
    for _, data in graph.nodes(data=True):
        assert all(isinstance(value, (str, float)) for value in data.values())


def test_control_characters_xml_cannot_hold_are_replaced_with_a_warning() -> None:
    amap = ArgumentMap.model_validate({"claims": [{"id": "a", "text": "bell\x07 and nul\x00 and tab\t"}]})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        text = graphml.write(amap)
    assert any(isinstance(w.message, MapWarning) for w in caught)
    assert read_back(text).nodes["a"]["text"] == "bell\ufffd and nul\ufffd and tab\t"


def test_same_map_same_bytes() -> None:
    amap = argmap.load()
    assert graphml.write(amap) == graphml.write(argmap.load())


@settings(max_examples=100, deadline=None)
@given(argument_maps())
def test_networkx_reads_back_any_map(amap: ArgumentMap) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MapWarning)  # characters XML cannot hold, replaced in both
        text = graphml.write(amap)
    assert_same_graph(read_back(text), graphml.to_graph(amap))
