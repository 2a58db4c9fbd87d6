"""The Mermaid writer: goldens, escaping (as Mermaid decodes it), structure, options.

Mermaid itself is a JavaScript library, so these tests decode labels the way Mermaid 10/11
do (``encodeEntities`` pre-pass, ``#code;`` entities, ``<br>``). To also run the real parser,
point ``ARGMAP_MERMAID_MODULES`` at a folder where ``npm install mermaid jsdom`` was run.
Rewrite goldens with ``pytest --update-goldens``.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap.errors import MapError
from argmap.formats import diagram, mermaid
from argmap.model import ArgumentMap
from conftest import Golden

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def awkward() -> ArgumentMap:
    return argmap.load(GOLDEN / "awkward.yaml")


def mermaid_pre_pass(line: str) -> str:
    """Mermaid's ``encodeEntities``, which runs over the whole source before parsing."""
    line = re.sub(r"style.*:\S*#.*;", lambda m: m.group()[:-1], line)
    line = re.sub(r"classDef.*:\S*#.*;", lambda m: m.group()[:-1], line)
    return re.sub(
        r"#\w+;",
        lambda m: ("ﬂ°°" if re.fullmatch(r"\+?\d+", m.group()[1:-1]) else "ﬂ°") + m.group()[1:-1] + "¶ß",
        line,
        flags=re.ASCII,
    )


def mermaid_shows(label: str) -> str:
    """The text a reader sees for a label after Mermaid's pre-pass and HTML decoding."""
    decoded = label.replace("ﬂ°°", "&#").replace("ﬂ°", "&").replace("¶ß", ";")
    return "\n".join(html.unescape(part) for part in decoded.split("<br>"))


NODE = re.compile(r'^\s*(n\d+)(?:\("(.*)"\)|\["(.*)"\]):::(\w+)$')
SUBGRAPH = re.compile(r'^\s*subgraph (s\d+)\["(.*)"\]$')


def shown_labels(text: str) -> dict[str, str]:
    labels = {}
    for line in text.split("\n"):  # Mermaid ends statements at \n only, not at \x0c or \u2028
        line = mermaid_pre_pass(line)
        if match := NODE.match(line):
            labels[match[1]] = mermaid_shows(match[2] if match[2] is not None else match[3])
        elif match := SUBGRAPH.match(line):
            labels[match[1]] = mermaid_shows(match[2])
    return labels


# --- goldens ---------------------------------------------------------------------------------


def test_awkward_map_golden(awkward: ArgumentMap, golden: Golden) -> None:
    golden("awkward.mmd", mermaid.write(awkward))


def test_essay_map_golden(golden: Golden) -> None:
    """The bundled map; after editing data/essay_claims.yaml, rewrite with --update-goldens."""
    golden("essay.mmd", mermaid.write(argmap.load()))


# --- escaping --------------------------------------------------------------------------------

PIECES = [
    '"',
    "#",
    "&",
    "&amp;",
    "#35;",
    "#quot;",
    "<",
    ">",
    "<br>",
    "<b>x</b>",
    "`",
    "**b**",
    "%%{init: {}}%%",
    "%%",
    ":::",
    "style:#1;",
    "classDef x fill:#f00;",
    "ﬂ°",
    "¶ß",
    "\n",
    "\r\n",
    "\\",
    "end",
    "-->",
    "工业",
    "😀",
    "\0",
    "|x|",
    ";",
    "[",
    "]",
    "(",
    ")",
    "{",
    "}",
]
texts = (
    st.lists(
        st.one_of(st.sampled_from(PIECES), st.text(st.characters(codec="utf-8"), max_size=6)),
        min_size=1,
        max_size=8,
    )
    .map("".join)
    .filter(bool)
)


@settings(max_examples=200)
@given(items=st.lists(texts, min_size=1, max_size=4), section=texts)
def test_any_text_decodes_to_itself(items: list[str], section: str) -> None:
    amap = ArgumentMap.model_validate(
        {"claims": [{"id": f"c{i}", "text": text, "section": section} for i, text in enumerate(items)]}
    )
    written = mermaid.write(amap, wrap=0, show_ids=False)
    labels = shown_labels(written)
    for i, text in enumerate(items):
        assert labels[f"n{i}"] == text.replace("\0", "\ufffd").replace("\r\n", "\n").replace("\r", "\n")
    assert labels["s0"] == section.replace("\0", "\ufffd").replace("\r\n", "\n").replace("\r", "\n")
    assert "%%{" not in written
    assert "\r" not in written


def test_awkward_labels_decode_exactly(awkward: ArgumentMap) -> None:
    labels = shown_labels(mermaid.write(awkward, wrap=0, show_ids=False))
    for number, claim in enumerate(awkward.claims):
        assert labels[f"n{number}"] == claim.text.replace("\r\n", "\n")
    assert labels["s2"] == "style:#1;"


def test_title_comment_cannot_start_a_directive() -> None:
    amap = ArgumentMap.model_validate({"meta": {"title": "x %%{init: {'theme': 'dark'}}%%\nflowchart LR"}})
    first = mermaid.write(amap).split("\n")[0]
    assert first.startswith("%% ") and "%" not in first[3:]


# --- structure and options -------------------------------------------------------------------


def test_edges_by_relation(awkward: ArgumentMap) -> None:
    text = mermaid.write(awkward)
    drawing = diagram.diagram(awkward)
    edge_lines = [line.strip() for line in text.splitlines() if re.match(r"^\s+[np]\d+ \S+ [np]\d+$", line)]
    assert len(edge_lines) == len(drawing.edges)
    assert "n4 --x n0" in edge_lines  # inject attacks thesis
    assert "n6 -.- n5" in edge_lines  # graph contrasts lines
    assert "n3 --- p1" in edge_lines and "n2 --- p1" in edge_lines and "p1 --> n0" in edge_lines  # linked
    assert "n5 -.-x p0" in edge_lines and "n1 --- p0" in edge_lines  # undercut of html -> thesis
    styled = sorted(
        int(n)
        for line in text.splitlines()
        if line.strip().startswith("linkStyle")
        for n in line.split()[1].split(",")
    )
    assert styled == list(range(len(drawing.edges)))


def test_kinds_sections_and_options(awkward: ArgumentMap) -> None:
    text = mermaid.write(awkward)
    assert text.splitlines()[1] == "flowchart BT"
    for kind in ("thesis", "claim", "evidence", "objection", "rebuttal"):
        assert f"  classDef {kind} " in text
    assert re.search(r'^    n0\(".*"\):::thesis$', text, re.MULTILINE)
    assert re.search(r'^    n2\[".*"\]:::evidence$', text, re.MULTILINE)
    assert text.count("subgraph ") == 3
    flat = mermaid.write(awkward, cluster_by="none", rankdir="lr")
    assert "subgraph" not in flat and "flowchart LR" in flat
    coloured = mermaid.write(awkward, status={"thesis": "in", "inject": "out", "lines": "undec"})
    assert "  class n0 statusIn" in coloured and "  class n4 statusOut" in coloured
    assert "classDef statusUndec" in coloured and "statusIn" not in text
    with pytest.raises(MapError):
        mermaid.write(awkward, rankdir="diagonal")


def test_same_map_same_text(awkward: ArgumentMap) -> None:
    assert mermaid.write(awkward) == mermaid.write(argmap.load(GOLDEN / "awkward.yaml"))


# --- the real Mermaid parser, when someone has it --------------------------------------------

CHECK_SCRIPT = r"""
import { JSDOM } from 'jsdom';
import fs from 'fs';
const dom = new JSDOM('<!DOCTYPE html><body></body>');
globalThis.window = dom.window; globalThis.document = dom.window.document;
const mermaid = (await import('mermaid')).default;
mermaid.initialize({ startOnLoad: false });
const d = await mermaid.mermaidAPI.getDiagramFromText(fs.readFileSync(process.argv[2], 'utf8'));
const out = {};
const vertices = d.db.getVertices();  // an object in Mermaid 10, a Map in 11
for (const [id, v] of (vertices instanceof Map ? vertices : Object.entries(vertices))) out[id] = v.text;
for (const s of d.db.getSubGraphs()) out[s.id] = s.title;
out['#edges'] = d.db.getEdges().length;
console.log(JSON.stringify(out));
"""


@pytest.mark.skipif(
    not os.environ.get("ARGMAP_MERMAID_MODULES") or shutil.which("node") is None,
    reason="set ARGMAP_MERMAID_MODULES to a folder with node_modules/mermaid and jsdom",
)
def test_real_mermaid_parses_and_decodes(awkward: ArgumentMap, tmp_path: Path) -> None:
    modules = Path(os.environ["ARGMAP_MERMAID_MODULES"])
    script = modules / "argmap-check.mjs"
    script.write_text(CHECK_SCRIPT)
    source = tmp_path / "map.mmd"
    source.write_text(mermaid.write(awkward, wrap=0, show_ids=False), encoding="utf-8")
    result = subprocess.run(
        ["node", str(script), str(source)], cwd=modules, capture_output=True, text=True, check=True
    )
    parsed = json.loads(result.stdout)
    assert parsed["#edges"] == len(diagram.diagram(awkward).edges)
    for number, claim in enumerate(awkward.claims):
        assert mermaid_shows(parsed[f"n{number}"]) == claim.text.replace("\r\n", "\n")
