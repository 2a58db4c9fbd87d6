"""The DOT writer: goldens, escaping checked by Graphviz itself, structure, options, determinism.

Goldens live in ``tests/golden/``; after a deliberate change to the drawing, rewrite them with
``pytest tests/test_export_dot.py --update-goldens`` and review the diff.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap.errors import MapError
from argmap.formats import diagram, dot, wrapping
from argmap.model import ArgumentMap
from conftest import Golden

GOLDEN = Path(__file__).parent / "golden"
ROOT = Path(__file__).resolve().parents[1]
needs_graphviz = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz (dot) is not installed")


@pytest.fixture(scope="module")
def awkward() -> ArgumentMap:
    return argmap.load(GOLDEN / "awkward.yaml")


def graphviz_json(text: str) -> dict[str, Any]:
    """Graphviz's own reading of a DOT document, laid out (``_ldraw_`` holds the shown text)."""
    result = subprocess.run(["dot", "-Tjson"], input=text.encode("utf-8"), capture_output=True, check=False)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    # Graphviz writes control characters raw; strict=False accepts them.
    document: dict[str, Any] = json.loads(result.stdout.decode("utf-8"), strict=False)
    return document


def shown_lines(obj: dict[str, Any]) -> list[tuple[str, float]]:
    return [(op["text"], op["pt"][1]) for op in obj.get("_ldraw_", []) if op["op"] == "T"]


def expected_lines(text: str) -> list[tuple[int, str]]:
    """(line number, line) as Graphviz shows a label: a final line break ends the last line,
    and blank lines take their place without drawing anything."""
    lines = text.replace("\0", "\ufffd").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return [(number, line) for number, line in enumerate(lines) if line]


def assert_shows(obj: dict[str, Any], text: str) -> None:
    shown = shown_lines(obj)
    expected = expected_lines(text)
    assert [line for line, _ in shown] == [line for _, line in expected]
    if len(shown) >= 2:  # blank lines keep their height: y falls evenly with the line number
        (first_y, last_y), (first_n, last_n) = (shown[0][1], shown[-1][1]), (expected[0][0], expected[-1][0])
        step = (first_y - last_y) / (last_n - first_n)
        for (_, y), (number, _) in zip(shown, expected, strict=True):
            assert abs(first_y - (number - first_n) * step - y) < step / 4


# --- goldens ---------------------------------------------------------------------------------


def test_awkward_map_golden(awkward: ArgumentMap, golden: Golden) -> None:
    golden("awkward.dot", dot.write(awkward))


def test_essay_map_golden(golden: Golden) -> None:
    """The bundled map; after editing data/essay_claims.yaml, rewrite with --update-goldens."""
    golden("essay.dot", dot.write(argmap.load()))


@needs_graphviz
@pytest.mark.parametrize("name", ["awkward.dot", "essay.dot"])
def test_goldens_are_valid_dot_without_warnings(name: str) -> None:
    result = subprocess.run(
        ["dot", "-Tcanon"], input=(GOLDEN / name).read_bytes(), capture_output=True, check=False
    )
    assert result.returncode == 0
    assert result.stderr == b""


# --- escaping, checked by Graphviz -----------------------------------------------------------

AWKWARD_PIECES = [
    "\\",
    '"',
    "&",
    "&amp;",
    "&#35;",
    "<",
    ">",
    "{",
    "}",
    "[",
    "]",
    ";",
    "->",
    "\n",
    "\r\n",
    "\r",
    "\\l",
    "\\N",
    "\\G",
    "\\n",
    "\t",
    " ",
    "  ",
    "工业",
    "，",
    "😀",
    "\u200d",
    "\0",
    "#",
    "%",
    "`",
]
label_texts = (
    st.lists(
        st.one_of(st.sampled_from(AWKWARD_PIECES), st.text(st.characters(codec="utf-8"), max_size=8)),
        min_size=1,
        max_size=8,
    )
    .map("".join)
    .filter(bool)
)


def one_claim_per_text(texts: list[str], title: str, section: str) -> ArgumentMap:
    claims = [{"id": f"c{i}", "text": text, "section": section} for i, text in enumerate(texts)]
    return ArgumentMap.model_validate({"meta": {"title": title}, "claims": claims})


@needs_graphviz
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(label_texts, min_size=1, max_size=6), title=label_texts, section=label_texts)
def test_any_text_is_shown_exactly_as_written(texts: list[str], title: str, section: str) -> None:
    amap = one_claim_per_text(texts, title, section)
    layout = graphviz_json(dot.write(amap, wrap=0, show_ids=False))
    objects = {obj["name"]: obj for obj in layout["objects"]}
    assert set(objects) == {f"c{i}" for i in range(len(texts))} | {"cluster_0"}  # nothing injected
    for i, text in enumerate(texts):
        assert_shows(objects[f"c{i}"], text)
    assert_shows(objects["cluster_0"], section)
    assert_shows(layout, title)


@needs_graphviz
@settings(max_examples=25, deadline=None)
@given(texts=st.lists(label_texts, min_size=1, max_size=4), width=st.integers(min_value=1, max_value=40))
def test_wrapped_labels_show_the_wrapped_lines(texts: list[str], width: int) -> None:
    amap = one_claim_per_text(texts, "t", "s")
    layout = graphviz_json(dot.write(amap, wrap=width))
    objects = {obj["name"]: obj for obj in layout["objects"]}
    for i, claim in enumerate(amap.claims):
        assert_shows(objects[f"c{i}"], "\n".join(diagram.node_label(claim, width, True)))


@needs_graphviz
def test_awkward_fixture_renders_every_label_exactly(awkward: ArgumentMap) -> None:
    layout = graphviz_json(dot.write(awkward, wrap=0, show_ids=False))
    objects = {obj["name"]: obj for obj in layout["objects"]}
    for claim in awkward.claims:
        assert_shows(objects[claim.id], claim.text)
    assert_shows(layout, awkward.meta.title or "")
    assert shown_lines(objects["thesis"])[0][0].endswith("backslash \\")
    assert "evil" not in objects


def test_nul_cannot_reach_dot() -> None:
    assert dot.escape("a\0b") == "a\ufffdb"


def test_ids_that_are_not_slugs_are_refused_not_mangled() -> None:
    with pytest.raises(MapError):
        dot.quote_id("a\\")


# --- wrapping --------------------------------------------------------------------------------


@given(text=st.text(st.characters(codec="utf-8")), width=st.integers(min_value=0, max_value=50))
def test_wrapping_loses_and_reorders_nothing_but_whitespace(text: str, width: int) -> None:
    def squeeze(value: str) -> str:
        return re.sub(r"\s", "", value)

    assert squeeze("".join(wrapping.wrap_text(text, width))) == squeeze(text)


@given(
    words=st.lists(st.text("abcdefghij", min_size=1, max_size=12), min_size=1, max_size=20),
    width=st.integers(min_value=1, max_value=40),
)
def test_wrapped_lines_fit_the_width(words: list[str], width: int) -> None:
    lines = wrapping.wrap_text(" ".join(words), width)
    assert all(len(line) <= width for line in lines)
    if width >= max(map(len, words)):  # no word needed cutting: breaks fall between words only
        assert " ".join(lines).split() == words
        assert all(line == line.strip() and line for line in lines)


@given(
    words=st.lists(
        st.text(st.characters(min_codepoint=33, max_codepoint=126), min_size=1, max_size=15), min_size=1
    ),
    width=st.integers(min_value=1, max_value=40),
)
def test_the_fast_path_for_plain_words_wraps_like_the_general_one(words: list[str], width: int) -> None:
    paragraph = " ".join(words)
    assert wrapping._wrap_words(paragraph, width) == wrapping._wrap_units(paragraph, width)


def test_wrapping_breaks_at_spaces_and_between_cjk_characters() -> None:
    assert wrapping.wrap_text("The industrial internet is advancing fast, as an undercurrent", 30) == [
        "The industrial internet is",
        "advancing fast, as an",
        "undercurrent",
    ]
    cjk = wrapping.wrap_text("工业互联网正在快速发展，是一股外人看不到的暗流。", 10)
    assert cjk == ["工业互联网", "正在快速发", "展，是一股", "外人看不到", "的暗流。"]
    assert all(wrapping.display_width(line) <= 10 for line in cjk)


def test_wrapping_keeps_punctuation_off_the_line_start_and_emoji_sequences_whole() -> None:
    assert wrapping.wrap_text("一二三四，五", 8) == ["一二三", "四，五"]
    family = "👨\u200d👩\u200d👧"
    assert wrapping.wrap_text("ab " + family + " cd", 2) == ["ab", family, "cd"]
    assert wrapping.wrap_text("e\u0301e\u0301e\u0301", 2) == ["e\u0301e\u0301", "e\u0301"]


def test_wrapping_keeps_explicit_lines_and_zero_means_no_wrapping() -> None:
    assert wrapping.wrap_text("a b\r\nc d\re", 0) == ["a b", "c d", "e"]
    assert wrapping.wrap_text("  indented text", 8) == ["  indented", "text"]  # leading space is content


# --- structure -------------------------------------------------------------------------------


def test_linked_supports_meet_in_one_junction_and_undercuts_attack_the_inference(
    awkward: ArgumentMap,
) -> None:
    drawing = diagram.diagram(awkward)
    edges = {(e.source, e.target, e.role) for e in drawing.edges}
    [junction] = [p.id for p in drawing.points if p.role == "linked"]
    [inference] = [p.id for p in drawing.points if p.role == "inference"]
    assert {
        ("cjk", junction, "premise"),
        ("esc", junction, "premise"),
        (junction, "thesis", "supports"),
    } <= edges
    assert {("html", inference, "premise"), (inference, "thesis", "supports")} <= edges
    assert ("html", "thesis", "supports") not in edges  # routed through the inference point
    assert ("lines", inference, "undercuts") in edges
    assert ("other", junction, "undercuts") in edges  # an undercut of a linked premise hits the group
    assert ("graph", "lines", "contrasts") in edges and ("other", "graph", "contrasts") in edges


def test_symmetric_contrasts_and_repeated_relations_are_drawn_once() -> None:
    amap = ArgumentMap.model_validate(
        {
            "claims": [
                {"id": "a", "text": "A", "contrasts": ["b"], "supports": ["c", "c"]},
                {"id": "b", "text": "B", "contrasts": ["a"]},
                {"id": "c", "text": "C"},
            ]
        }
    )
    edges = [(e.source, e.target, e.role) for e in diagram.diagram(amap).edges]
    assert edges == [("a", "c", "supports"), ("a", "b", "contrasts")]


def test_styles_follow_kind_and_relation(awkward: ArgumentMap) -> None:
    text = dot.write(awkward)
    assert re.search(r'"thesis" \[label=.*class="thesis".*fillcolor="#fde68a"', text)
    assert re.search(r'"esc" \[.*shape="note"', text)
    assert re.search(r'"inject" -> "thesis" \[class="attacks", color="#c53030", arrowhead="tee"\]', text)
    assert re.search(r'"graph" -> "lines" \[class="contrasts".*dir="none", constraint="false"\]', text)
    assert 'subgraph "cluster_0" {' in text and 'label="intro"' in text
    assert 'label="A \\"tricky\\" map \\\\ with <html> &amp; {braces} #1"' in text


def test_every_node_id_is_quoted(awkward: ArgumentMap) -> None:
    for line in dot.write(awkward).splitlines()[4:]:
        stripped = line.strip()
        if stripped and not stripped.startswith(("subgraph", "graph [", "}")):
            assert stripped.startswith('"'), line


# --- options ---------------------------------------------------------------------------------


def test_cluster_by_none_draws_no_clusters(awkward: ArgumentMap) -> None:
    text = dot.write(awkward, cluster_by="none")
    assert "subgraph" not in text
    assert len(re.findall(r'^  "[^"]+" \[label=', text, re.MULTILINE)) == len(awkward.claims)


def test_rankdir_and_wrap(awkward: ArgumentMap) -> None:
    assert 'rankdir="LR"' in dot.write(awkward, rankdir="lr")
    assert "[thesis]\\nHe said" in dot.write(awkward, wrap=0)
    assert '"thesis" [label="He said' in dot.write(awkward, show_ids=False)


def test_status_colours_nodes(awkward: ArgumentMap) -> None:
    text = dot.write(awkward, status={"thesis": "in", "inject": "out", "lines": "undec", "gone": "in"})
    assert re.search(r'"thesis" \[.*class="thesis status-in".*color="#15803d", penwidth="3"', text)
    assert re.search(r'"inject" \[.*style="rounded,filled,dashed"', text)
    assert re.search(r'"lines" \[.*style="rounded,filled,dotted"', text)


@pytest.mark.parametrize(
    "options",
    [{"cluster_by": "kind"}, {"rankdir": "UP"}, {"wrap": -1}, {"status": {"thesis": "accepted"}}],
)
def test_bad_options_are_map_errors(awkward: ArgumentMap, options: dict[str, Any]) -> None:
    with pytest.raises(MapError) as caught:
        dot.write(awkward, **options)
    assert caught.value.hint or "wrap" in caught.value.message


def test_empty_map_is_an_empty_graph() -> None:
    layout_text = dot.write(ArgumentMap())
    assert layout_text.startswith('digraph "argmap" {') and layout_text.endswith("}\n")


# --- determinism and speed -------------------------------------------------------------------


def test_same_map_same_bytes_across_processes() -> None:
    script = "import argmap; from argmap.formats import dot; import sys; sys.stdout.write(dot.write(argmap.load(sys.argv[1])))"
    outputs = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT / "src")}
        result = subprocess.run(
            [sys.executable, "-c", script, str(GOLDEN / "awkward.yaml")],
            env=env,
            capture_output=True,
            check=True,
        )
        outputs.add(result.stdout)
    assert len(outputs) == 1


def test_writing_imports_neither_networkx_nor_pydot() -> None:
    script = (
        "import sys, argmap; from argmap.formats import dot; dot.write(argmap.load());"
        "print(sorted(m for m in ('networkx', 'pydot', 'graphviz') if m in sys.modules))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, check=True, text=True
    )
    assert result.stdout.strip() == "[]"
