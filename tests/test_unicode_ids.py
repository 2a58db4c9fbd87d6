"""Claim ids in any script: valid in every format, found from the command line in any Unicode
normal form, drawn where a format needs ASCII ids, and look-alike ids reported by ``check``."""

from __future__ import annotations

import json
import shutil
import sqlite3
import unicodedata
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap.errors import MapError
from argmap.formats import get
from argmap.model import ArgumentMap, is_claim_id, normalize_id, validate
from browser_support import browser_or_skip, open_page
from conftest import Run

MAP = """\
meta:
  title: 步行街
claims:
  - id: 论点
    kind: thesis
    text: 步行街应该保留。
  - id: 理由一
    text: 步行街带来客流。
    supports: [论点]
  - id: Lärm
    kind: objection
    text: 晚上太吵。
    attacks: [论点]
  - id: हिन्दी
    kind: rebuttal
    text: 可以限时。
    attacks: [Lärm]
"""
IDS = ["论点", "理由一", "Lärm", "हिन्दी"]
RULE = "ids use letters and digits of any script, '-', '_' and '.', and start with a letter or digit"


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.fixture
def path(tmp_path: Path) -> str:
    target = tmp_path / "m.yaml"
    target.write_text(MAP, encoding="utf-8")
    return str(target)


@pytest.fixture
def amap(path: str) -> ArgumentMap:
    return argmap.load(path)


# --- the model ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "claim_id",
    ["论点", "Lärm", "हिन्दी", "ไทย", "العربية", "Ωμέγα", "ａｂｃ", "٣", "a.b_c-d", "Thesis", "x" * 200],
)
def test_letters_and_digits_of_any_script_are_ids(claim_id: str) -> None:
    assert is_claim_id(claim_id)
    assert validate({"claims": [{"id": claim_id, "text": "t"}]}).claims[0].id == claim_id


@pytest.mark.parametrize(
    "claim_id", ["两 个", "-论点", "_x", ".x", "论点!", "a/b", "²", "\u0301a", "", "x" * 201]
)
def test_other_characters_are_not(claim_id: str) -> None:
    assert not is_claim_id(claim_id)
    with pytest.raises(MapError):
        argmap.loads(json.dumps({"claims": [{"id": claim_id, "text": "t"}]}), fmt="yaml")


@settings(max_examples=500)
@given(
    st.text(
        st.characters(exclude_categories=("Cs", "Cn")) | st.sampled_from("aZ09._-论ि्"),
        min_size=1,
        max_size=12,
    )
)
def test_python_and_the_model_agree_on_what_an_id_is(text: str) -> None:
    """`is_claim_id`, which Python code asks (with a fast path for ASCII), says what the model's
    pattern says."""
    from pydantic import TypeAdapter

    from argmap.model.schema import ClaimId

    text = normalize_id(text)
    try:
        TypeAdapter(ClaimId).validate_python(text)
        valid = True
    except ValueError:
        valid = False
    assert is_claim_id(text) == valid


def test_ids_are_kept_in_nfc() -> None:
    """An id typed with a combining accent is the precomposed one, in relations too."""
    amap = validate(
        {"claims": [{"id": nfd("café"), "text": "t"}, {"id": "b", "text": "u", "supports": [nfd("café")]}]}
    )
    assert [c.id for c in amap.claims] == ["café", "b"] and amap["b"].supports == ["café"]
    assert len(amap.claims[0].id) == 4


def test_an_invalid_id_is_told_which_characters_ids_use(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("claims:\n  - id: 两 个\n    text: t\n", encoding="utf-8")
    with pytest.raises(MapError) as caught:
        argmap.load(bad)
    assert str(caught.value) == f"{bad}:2:9: id '两 个' in claim 1 is not a valid claim id; {RULE}"


# --- the command line --------------------------------------------------------------------------


def test_show(run: Run, path: str) -> None:
    result = run("--map", path, "show", "论点")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "论点 [thesis]\n"
        "text:         步行街应该保留。\n"
        "section:      -\n"
        "tags:         -\n"
        "supports:     -\n"
        "supported by: 理由一\n"
        "attacks:      -\n"
        "attacked by:  Lärm\n"
        "contrasts:    -\n"
    )


def test_tree_trace_search_and_list(run: Run, path: str) -> None:
    outputs = {
        ("tree", "论点"): (
            "■ [thesis] 论点: 步行街应该保留。\n"
            "├── + [claim] 理由一: 步行街带来客流。\n"
            "└── − [objection] Lärm: 晚上太吵。\n"
            "    └── − [rebuttal] हिन्दी: 可以限时。\n"
        ),
        ("trace", "论点"): (
            "Support chains leading to 论点: 1 of 1\n1. 理由一 → 论点\n   contested: 论点 is attacked by Lärm\n"
        ),
        ("search", "客流"): "理由一 [claim]: 步行街带来客流。\n1 claim found\n",
        ("search", "理由"): "理由一 [claim]: 步行街带来客流。\n1 claim found\n",  # found by its id
        # columns line up by terminal width: a CJK character takes two
        ("list",): (
            "ID      KIND       SECTION  TEXT\n"
            "论点    thesis     -        步行街应该保留。\n"
            "理由一  claim      -        步行街带来客流。\n"
            "Lärm    objection  -        晚上太吵。\n"
            "हिन्दी   rebuttal   -        可以限时。\n"
        ),
    }
    for args, expected in outputs.items():
        result = run("--map", path, *args)
        assert (result.exit_code, result.stdout) == (0, expected), (args, result.stderr)


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("list", ("list",)),
        ("show", ("show", "论点")),
        ("tree", ("tree", "论点")),
        ("trace", ("trace", "论点")),
        ("search", ("search", "客流")),
    ],
)
def test_json_output_follows_its_schema(run: Run, path: str, name: str, args: tuple[str, ...]) -> None:
    import jsonschema

    from conftest import ROOT

    schema = json.loads((ROOT / "tests" / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    result = run("--map", path, *args, "--json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    jsonschema.validate(document, schema)
    assert "论点" in result.stdout or "理由一" in result.stdout  # written as characters, not \u escapes


def test_ids_from_the_command_line_are_nfc(run: Run, path: str) -> None:
    """``Lärm`` typed with a combining diaeresis (as some keyboards and file names give it)."""
    typed = nfd("Lärm")
    assert typed != "Lärm"
    assert run("--map", path, "show", typed).stdout.splitlines()[0] == "Lärm [objection]"
    assert run("--map", path, "tree", typed).stdout.splitlines()[0] == "■ [objection] Lärm: 晚上太吵。"
    assert run("--map", path, "trace", typed, "--up").exit_code == 0
    exported = run("--map", path, "export", typed, "--to", "yaml")
    assert [c.id for c in argmap.loads(exported.stdout, fmt="yaml").claims] == ["Lärm", "हिन्दी"]
    assert run("--map", path, "evaluate", "--accepts", typed).stdout.startswith("no: Lärm is not")


def test_export_id_gives_the_part_tree_id_shows(run: Run, path: str) -> None:
    result = run("--map", path, "export", "论点", "--to", "yaml")
    assert result.exit_code == 0, result.stderr
    assert [c.id for c in argmap.loads(result.stdout, fmt="yaml").claims] == IDS


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ("论", "did you mean '论点'?"),
        ("论据", "did you mean '论点'?"),  # one character of two: still close
        ("LÄRM", "did you mean 'Lärm'?"),
        ("ＬÄＲＭ", "did you mean 'Lärm'?"),
        ("两 个", f"'两 个' cannot be an id: {RULE}"),
        ("论点 ", f"did you mean '论点'? ('论点 ' cannot be an id: {RULE})"),
    ],
)
def test_unknown_ids_get_a_hint(run: Run, path: str, typed: str, hint: str) -> None:
    for command in ("show", "tree", "trace"):
        result = run("--map", path, command, typed)
        assert (result.exit_code, result.stderr) == (
            2,
            f"argmap: error: no claim has the id {typed!r}; {hint}\n",
        )
    assert run("--map", path, "export", typed, "--to", "dot").stderr.endswith(f"; {hint}\n")


def test_a_look_alike_reference_names_the_id_it_resembles(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("claims:\n  - id: Thesis\n    text: t\n  - id: b\n    text: u\n    supports: [thesis]\n")
    with pytest.raises(MapError) as caught:
        argmap.load(bad)
    assert str(caught.value) == f"{bad}:6:16: no claim has the id 'thesis'; did you mean 'Thesis'?"


# --- check: ids that differ only by case or width ----------------------------------------------

LOOK_ALIKE = """\
claims:
  - id: thesis
    kind: thesis
    text: t
  - id: Thesis
    text: the same, capitalised
    supports: [thesis]
  - id: ａｂｃ
    text: full width
    supports: [thesis]
  - id: abc
    text: half width
    supports: [thesis]
  - id: straße
    text: sharp s
    supports: [thesis]
  - id: STRASSE
    text: capitals
    supports: [thesis]
"""


def test_check_warns_about_ids_that_differ_only_by_case_or_width(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "alike.yaml"
    target.write_text(LOOK_ALIKE, encoding="utf-8")
    hint = "a likely mistake: use one spelling for one claim, or ids that differ clearly"
    result = run("check", "--map", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        f"{target}:5:9: AM207 warning: the id 'Thesis' differs from 'thesis' only by case or width ({hint})\n"
        f"{target}:11:9: AM207 warning: the id 'abc' differs from 'ａｂｃ' only by case or width ({hint})\n"
        f"{target}:17:9: AM207 warning: the id 'STRASSE' differs from 'straße' only by case or width ({hint})\n"
        "0 errors, 3 warnings in 1 file\n"
    )
    assert run("check", "--strict", "--map", str(target)).exit_code == 1
    github = run("check", "--format", "github", "--map", str(target)).stdout.splitlines()[0]
    assert github.startswith(f"::warning file={target},line=5,col=9,title=AM207 ids that differ only by case")


def test_check_is_quiet_about_ids_that_differ_otherwise(run: Run, path: str) -> None:
    assert run("check", "--strict", "--map", path).stdout == "0 errors, 0 warnings in 1 file\n"


# --- formats -----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["yaml", "json", "argdown", "aif"])
def test_round_trips_keep_the_ids(amap: ArgumentMap, fmt: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        again = argmap.loads(argmap.dumps(amap, fmt=fmt), fmt=fmt)
    assert [c.id for c in again.claims] == IDS
    assert again.model_dump(exclude={"meta"}) == amap.model_dump(exclude={"meta"})


def test_graphml_node_ids_are_the_claim_ids(amap: ArgumentMap) -> None:
    import io

    import networkx as nx

    graph = nx.read_graphml(
        io.BytesIO(argmap.dumps(amap, fmt="graphml").encode("utf-8")), force_multigraph=True
    )
    assert list(graph.nodes) == IDS
    assert [(s, t, data["relation"]) for s, t, data in graph.edges(data=True)] == [
        ("理由一", "论点", "supports"),
        ("Lärm", "论点", "attacks"),
        ("हिन्दी", "Lärm", "attacks"),
    ]


def test_yaml_writes_ids_as_they_are(amap: ArgumentMap) -> None:
    written = argmap.dumps(amap, fmt="yaml")
    assert "- id: 论点\n" in written and "supports: [论点]\n" in written and "attacks: [Lärm]\n" in written


def test_dot_quotes_ids_and_keeps_their_characters(amap: ArgumentMap) -> None:
    lines = get("dot").write(amap).splitlines()
    nodes = [
        line.split(" [label=")[0].strip() for line in lines if line.startswith('  "') and " [label=" in line
    ]
    assert nodes == ['"论点"', '"理由一"', '"Lärm"', '"हिन्दी"']
    assert '  "理由一" -> "论点" [class="supports", color="#2f855a"];' in lines
    assert '  "हिन्दी" -> "Lärm" [class="attacks", color="#c53030", arrowhead="tee"];' in lines


def test_mermaid_draws_generated_ascii_ids_labelled_with_the_claim_ids(amap: ArgumentMap) -> None:
    lines = get("mermaid").write(amap).splitlines()
    assert lines[8:15] == [
        '  n0("[论点]<br>步行街应该保留。"):::thesis',
        '  n1("[理由一]<br>步行街带来客流。"):::claim',
        '  n2("[Lärm]<br>晚上太吵。"):::objection',
        '  n3("[हिन्दी]<br>可以限时。"):::rebuttal',
        "  n1 --> n0",
        "  n2 --x n0",
        "  n3 --x n2",
    ]


def test_argdown_titles_keep_their_characters() -> None:
    text = "[步行街]: 应该保留。\n  +> [Ärger]\n\n[Ärger]: Lärm.\n\n工业互联网正在快速发展。\n"
    amap = argmap.loads(text, fmt="argdown")
    assert [(c.id, c.tags) for c in amap.claims] == [
        ("步行街", []),
        ("ärger", ["title:Ärger"]),  # lower-cased, as ASCII titles are (Statement 1 → statement-1)
        ("工业互联网正在快速发展", []),  # an untitled statement: its first words
    ]
    assert amap["步行街"].supports == ["ärger"]


def test_argdown_gives_an_id_its_title_cannot_spell_as_data() -> None:
    amap = validate({"claims": [{"id": "Thesis", "kind": "thesis", "text": "t"}, {"id": "b", "text": "u"}]})
    written = argmap.dumps(amap, fmt="argdown")
    assert written.splitlines()[0] == '[Thesis]: t {id: "Thesis", kind: "thesis"}'
    assert argmap.loads(written, fmt="argdown") == amap


def test_argdown_data_id_that_is_not_an_id_is_dropped_with_a_warning() -> None:
    with pytest.warns(Warning, match=r"<input>:1:\d+: data id 'a b' is not a valid claim id"):
        amap = argmap.loads('[T]: text {id: "a b"}\n', fmt="argdown")
    assert [c.id for c in amap.claims] == ["t"]


def test_aif_node_ids_keep_their_letters() -> None:
    document = {
        "nodes": [
            {"nodeID": "步行 街", "text": "a", "type": "I"},
            {"nodeID": "Ärger!", "text": "b", "type": "I"},
            {"nodeID": "r", "text": "Default Inference", "type": "RA"},
        ],
        "edges": [
            {"edgeID": "1", "fromID": "Ärger!", "toID": "r"},
            {"edgeID": "2", "fromID": "r", "toID": "步行 街"},
        ],
        "locutions": [],
    }
    amap = argmap.loads(json.dumps(document), fmt="aif")
    assert [c.id for c in amap.claims] == ["n步行-街", "närger-"]
    assert amap["närger-"].supports == ["n步行-街"]


def test_kialo_ids_are_the_numbered_paths_whatever_the_script() -> None:
    text = "Discussion Title: 步行街\n\n1. 步行街应该保留。\n1.1. Pro: 带来客流。\n1.2. Con: 晚上太吵。\n"
    amap = argmap.loads(text, fmt="kialo")
    assert [(c.id, c.text) for c in amap.claims] == [
        ("k1", "步行街应该保留。"),
        ("k1.1", "带来客流。"),
        ("k1.2", "晚上太吵。"),
    ]


def test_apx_quotes_names_that_are_not_asp_constants(amap: ArgumentMap) -> None:
    written = argmap.dumps(amap, fmt="apx")
    assert written == (
        'arg("论点").\narg("理由一").\narg("Lärm").\narg("हिन्दी").\natt("Lärm","论点").\natt("हिन्दी","Lärm").\n'
    )
    assert [c.id for c in argmap.loads(written, fmt="apx").claims] == IDS


# --- the store ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fts", [True, False], ids=["fts5", "scan"])
def test_the_store_finds_cjk_ids_and_text(run: Run, path: str, tmp_path: Path, fts: bool) -> None:
    from argmap.store import fts5_available, index

    if fts and not fts5_available():
        pytest.skip("this SQLite has no FTS5")
    store = tmp_path / "s.db"
    index([path], store, fts=fts)
    with sqlite3.connect(store) as connection:
        mode = connection.execute("SELECT value FROM settings WHERE key = 'search'").fetchone()[0]
    assert mode == ("fts5-words" if fts else "scan")
    for word, found in (
        ("客流", "理由一"),
        ("步行街带", "理由一"),
        ("步行街", "论点\n理由一"),
        ("हिन्दी", "हिन्दी"),
    ):
        result = run("--map", str(store), "search", word)
        assert [line.split(" ")[0] for line in result.stdout.splitlines()[:-1]] == found.split("\n"), word
    assert run("--map", str(store), "show", nfd("Lärm")).stdout.splitlines()[0] == "Lärm [objection]"
    assert run("--map", str(store), "tree", "论点").stdout == run("--map", path, "tree", "论点").stdout
    result = run("--map", str(store), "show", "LÄRM")
    assert result.stderr == "argmap: error: no claim has the id 'LÄRM'; did you mean 'Lärm'?\n"


# --- the HTML page -----------------------------------------------------------------------------

needs_graphviz = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz (dot) is not installed")


@needs_graphviz
def test_the_page_marks_each_claim_by_its_id(amap: ArgumentMap) -> None:
    from argmap.views.html import build_page

    page = build_page(amap)
    for claim_id in IDS:
        assert f'data-claim-id="{claim_id}"' in page
    assert 'data-from="हिन्दी" data-to="Lärm"' in page


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from browser_or_skip()


@needs_graphviz
def test_the_page_selects_and_links_unicode_ids(browser: Any, amap: ArgumentMap, tmp_path: Path) -> None:
    from argmap.views.html import build_page

    target = tmp_path / "map.html"
    target.write_text(build_page(amap), encoding="utf-8")
    watched = open_page(browser, target.as_uri() + "#claim=" + "%E7%90%86%E7%94%B1%E4%B8%80")  # 理由一
    page = watched.page
    assert page.locator("[data-panel] code").inner_text() == "理由一"
    page.click("#outline li[data-claim-id='हिन्दी'] .text")
    assert page.locator("[data-panel] code").inner_text() == "हिन्दी"
    page.click("svg.graph [data-claim-id='Lärm']")
    assert page.locator("[data-panel] code").inner_text() == "Lärm"
    page.fill("input[type=search]", "论点")
    from playwright.sync_api import expect

    expect(page.locator("#outline li.match")).to_have_count(1)
    assert page.locator("#outline li.match").get_attribute("data-claim-id") == "论点"
    assert watched.errors == [] and watched.requests == []


def test_normalize_id_leaves_ascii_alone() -> None:
    assert normalize_id("thesis") == "thesis" and normalize_id(nfd("é")) == "é"
