"""Big maps are validated a chunk at a time, their plain data dropped as they go
(`argmap.model.validate(consume=True)`): the result and every error must be exactly what
validating all at once gives. A chunk of one claim makes every test map "big".

The 100,000-claim maps (a support chain and a hub) live here too, written once per module and
shared by the library and the CLI tests: no recursion, no quadratic step, anywhere."""

from __future__ import annotations

import json
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import pytest

import argmap
import argmap.model
import argmap.model.validation
from argmap.analysis.subgraph import within
from argmap.analysis.trace import trace
from argmap.analysis.tree import build_tree
from argmap.errors import MapError, MapWarning
from argmap.formats import json as argmap_json
from argmap.formats import yaml as argmap_yaml
from argmap.model import ArgumentMap
from argmap.model.index import Index
from conftest import Run

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


class Reader(Protocol):
    def __call__(self, text: str, *, path: str) -> ArgumentMap: ...


Outcome = tuple[str, object]


def _outcome(reader: Reader, text: str, path: str) -> Outcome:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", MapWarning)
        try:
            result: object = reader(text, path=path).model_dump()
        except MapError as error:
            result = str(error)
    return repr([str(w.message) for w in caught]), result


@pytest.fixture
def tiny_chunks(monkeypatch: pytest.MonkeyPatch) -> Callable[[Reader, str, str], Outcome]:
    def consumed(reader: Reader, text: str, path: str) -> Outcome:
        monkeypatch.setattr(argmap.model.validation, "CHUNK", 1)
        try:
            return _outcome(reader, text, path)
        finally:
            monkeypatch.undo()

    return consumed


@pytest.mark.parametrize("text", [GOOD_YAML, *BAD_YAML])
def test_yaml_read_in_chunks_gives_the_same_map_or_error(
    tiny_chunks: Callable[[Reader, str, str], Outcome], text: str
) -> None:
    assert tiny_chunks(argmap_yaml.read, text, "map.yaml") == _outcome(argmap_yaml.read, text, "map.yaml")


@pytest.mark.parametrize("text", [GOOD_YAML, *BAD_YAML[:1]])
def test_json_read_in_chunks_gives_the_same_map_or_error(
    tiny_chunks: Callable[[Reader, str, str], Outcome], text: str
) -> None:
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


def test_json_cross_reference_errors_keep_their_link_location(
    tiny_chunks: Callable[[Reader, str, str], Outcome],
) -> None:
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


# -- 100,000 claims: each map is written and read once per module, then shared -------------------


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(["claims:", *lines]) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def chain_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """c99999 supports c99998 ... supports c0, the thesis."""
    lines = ["  - {id: c0, kind: thesis, text: root}"]
    lines += [f"  - {{id: c{i}, text: step {i}, supports: [c{i - 1}]}}" for i in range(1, 100_000)]
    return _write(tmp_path_factory.mktemp("chain") / "chain.yaml", lines)


@pytest.fixture(scope="module")
def chain(chain_file: Path) -> ArgumentMap:
    return argmap.load(chain_file)


@pytest.fixture(scope="module")
def hub_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One thesis with 100,000 direct supporters."""
    lines = ["  - {id: hub, kind: thesis, text: hub}"]
    lines += [f"  - {{id: s{i}, text: s, supports: [hub]}}" for i in range(100_000)]
    return _write(tmp_path_factory.mktemp("hub") / "hub.yaml", lines)


@pytest.mark.slow
def test_a_100000_step_chain_is_traced_and_drawn_without_recursion(chain: ArgumentMap) -> None:
    """Down the chain, the CLI test below checks what `trace` returns (it prints it whole)."""
    index = Index.of(chain)
    up = trace(index, "c99999", direction="up")
    assert up.chains[0].end == "thesis" and len(up.chains[0].claims) == 100_000
    rows = build_tree(index, ["c0"])
    assert len(rows) == 100_000 and rows[-1].depth == 99_999


@pytest.mark.slow
def test_a_100000_step_chain_is_cut_out_without_recursion(chain: ArgumentMap) -> None:
    assert len(within(chain, "c0")) == 100_000
    assert len(within(chain, "c0", 10)) == 11


@pytest.mark.slow
def test_a_100000_claim_support_chain_through_the_cli(run: Run, chain_file: Path) -> None:
    result = run("--map", str(chain_file), "trace", "c0", "--json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["total"] == 1
    [steps] = document["chains"]
    assert steps["claims"][0] == "c99999" and steps["claims"][-1] == "c0" and len(steps["claims"]) == 100_000
    tree = run("--map", str(chain_file), "tree")
    assert tree.exit_code == 0 and tree.stdout.count("\n") == 100_000


@pytest.mark.slow
def test_a_claim_with_100000_supporters(hub_file: Path) -> None:
    index = Index.of(argmap.load(hub_file))
    result = trace(index, "hub", limit=5)
    assert result.total == 100_000 and len(result.chains) == 5 and result.left_out == 99_995
    assert len(build_tree(index, ["hub"])) == 100_001


@pytest.mark.slow
def test_a_claim_with_100000_supporters_through_the_cli(run: Run, hub_file: Path) -> None:
    result = run("--map", str(hub_file), "trace", "hub", "--limit", "3")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "… 99997 more chains not shown (raise --limit)"
    assert run("--map", str(hub_file), "check").exit_code == 0
