"""Issue 16, drafts you can still look at: problems that leave a map's structure sound warn in
the viewing commands and are errors in ``check``; structure-breaking ones are all reported at
once; hints that fit (indentation); where ``meta.source`` points from stdin and in exports."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings

import argmap
from argmap.errors import DraftWarning, MapError
from argmap.files import data_dir
from argmap.model import ArgumentMap
from argmap.model.references import unconnected
from conftest import Run
from strategies import argument_maps

DRAFT = """\
meta:
  source: text.txt
claims:
  - id: a
    kind: thesis
    text: A
    quote: not in there
  - id: b
    text: B
    supports: [a]
  - id: lone
    text: Alone
  - id: lone2
    text: Also alone
"""


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    (tmp_path / "text.txt").write_text("some text here\n", encoding="utf-8")
    path = tmp_path / "draft.yaml"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def draft_warnings(path: Path) -> str:
    return (
        f"argmap: warning: {path}:7:12: the quote of 'a' does not occur verbatim in the source text; "
        "copy the span exactly from the source (argmap check shows the closest passage)\n"
        f"argmap: warning: {path}:11:5: 2 claims are not connected to any thesis: 'lone', 'lone2'; "
        "relate them to the argument or remove them (argmap check lists each)\n"
    )


# --- drafts: warnings when viewing, errors in check ------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["list"],
        ["show", "a"],
        ["tree"],
        ["trace", "a"],
        ["search", "A"],
        ["export", "--to", "yaml"],
        ["evaluate"],
    ],
    ids=" ".join,
)
def test_a_draft_is_shown_with_located_warnings(run: Run, draft: Path, command: list[str]) -> None:
    result = run("--map", str(draft), *command)
    assert result.exit_code == 0, result.stderr
    assert result.stdout
    assert result.stderr == draft_warnings(draft)


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz (dot) is not installed")
def test_a_draft_renders(run: Run, draft: Path, tmp_path: Path) -> None:
    result = run("--map", str(draft), "render", "-o", str(tmp_path / "draft.svg"))
    assert (result.exit_code, result.stderr) == (0, draft_warnings(draft))
    assert (tmp_path / "draft.svg").is_file()


def test_check_reports_the_drafts_as_errors(run: Run, draft: Path) -> None:
    result = run("check", str(draft))
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.stdout.splitlines() == [
        (
            f"{draft}:7:12: AM104 error: the quote of 'a' does not occur verbatim in the source text "
            "(closest passage, at source line 1: 'me text here')"
        ),
        f"{draft}:11:5: AM107 error: 'lone' is not connected to any thesis (relate it to the argument or remove it)",
        f"{draft}:13:5: AM107 error: 'lone2' is not connected to any thesis (relate it to the argument or remove it)",
        "3 errors, 0 warnings in 1 file",
    ]


def test_check_locates_the_drafts_of_an_argmap_json_map(run: Run, draft: Path) -> None:
    as_json = draft.with_suffix(".json")
    assert run("--map", str(draft), "export", "-o", str(as_json)).exit_code == 0
    result = run("check", str(as_json))
    assert result.exit_code == 1
    assert [line.split(" error: ")[0] for line in result.stdout.splitlines()[:3]] == [
        f"{as_json}:8:57: AM104",
        f"{as_json}:10:5: AM107",
        f"{as_json}:11:5: AM107",
    ]


def test_a_missing_source_warns_when_viewing_and_is_am108_in_check(run: Run, draft: Path) -> None:
    (draft.parent / "text.txt").unlink()
    listed = run("--map", str(draft), "list")
    assert listed.exit_code == 0
    assert listed.stderr.splitlines()[0] == (
        f"argmap: warning: {draft}:2:11: quotes not checked: cannot read the source text 'text.txt': "
        "no such file (meta.source is relative to the map file; fix the path or remove the key)"
    )
    checked = run("check", str(draft), "--format", "json")
    assert checked.exit_code == 1
    data = json.loads(checked.stdout)
    assert data["findings"][0] == {
        "code": "AM108",
        "severity": "error",
        "message": "cannot read the source text 'text.txt': no such file",
        "hint": "meta.source is relative to the map file; fix the path or remove the key",
        "path": str(draft),
        "line": 2,
        "column": 11,
    }
    assert [f["code"] for f in data["findings"]] == ["AM108", "AM107", "AM107"]
    assert checked.stderr == ""  # the reader's warning is the AM108 finding here, not a second line


def test_loose_claims_are_one_warning_naming_the_first_few(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "loose.yaml"
    claims = [{"id": "t", "kind": "thesis", "text": "T"}] + [{"id": f"l{n}", "text": "L"} for n in range(5)]
    path.write_text(yaml.safe_dump({"claims": claims}, sort_keys=False), encoding="utf-8")
    result = run("--map", str(path), "list")
    assert (result.exit_code, result.stderr) == (
        0,
        (
            f"argmap: warning: {path}:5:3: 5 claims are not connected to any thesis: 'l0', 'l1', 'l2' and 2 more; "
            "relate them to the argument or remove them (argmap check lists each)\n"
        ),
    )
    path.write_text("claims:\n  - {id: t, kind: thesis, text: T}\n  - {id: x, text: X}\n", encoding="utf-8")
    assert run("--map", str(path), "list").stderr == (
        f"argmap: warning: {path}:3:5: claim 'x' is not connected to any thesis; "
        "relate it to the argument or remove it\n"
    )


def test_loose_claims_are_not_warned_about_without_a_thesis(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "imported.yaml"
    path.write_text("claims:\n  - {id: a, text: A}\n  - {id: b, text: B}\n", encoding="utf-8")
    result = run("--map", str(path), "list")
    assert (result.exit_code, result.stderr) == (0, "")


def test_claims_joined_only_by_an_undercut_or_a_later_claim_are_connected(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "joined.yaml"
    path.write_text(
        "claims:\n  - {id: p, text: P, supports: [t]}\n  - {id: u, text: U, undercuts: [{from: p, to: t}]}\n"
        "  - {id: r, text: R, attacks: [o]}\n  - {id: o, kind: objection, text: O, attacks: [t]}\n"
        "  - {id: t, kind: thesis, text: T}\n",
        encoding="utf-8",
    )
    assert run("--map", str(path), "list").stderr == ""
    assert "AM107" not in run("check", str(path)).stdout


def test_the_library_loads_a_draft_with_draft_warnings(draft: Path) -> None:
    with pytest.warns(DraftWarning) as caught:
        amap = argmap.load(draft)
    assert [c.id for c in amap.claims] == ["a", "b", "lone", "lone2"]
    assert [(w.message.location.line, w.message.location.column) for w in caught] == [(7, 12), (11, 5)]  # type: ignore[union-attr]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warnings.simplefilter("ignore", DraftWarning)  # drafts can be silenced as one category
        argmap.load(draft)


# --- what breaks the structure: every problem at once ----------------------------------------

BROKEN = """\
claims:
  - id: a
    kind: thesis
    text: A
    base_score: 2
  - id: b
    text: B
    supports: [aa, Bad Id]
  - id: a
    text: again
  - id: c
    kind: claimm
    text: C
    attacks: [bb]
"""


def test_field_errors_and_broken_references_are_reported_together(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    result = run("--map", str(path), "tree")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"argmap: error: {path}:5:17: base_score in claim 'a' must be between 0 and 1",
        f"argmap: error: {path}:8:16: no claim has the id 'aa'; did you mean 'a'?",
        (
            f"argmap: error: {path}:8:20: supports entry 'Bad Id' in claim 'b' is not a valid claim id; "
            "ids use letters and digits of any script, '-', '_' and '.', and start with a letter or digit"
        ),
        f"argmap: error: {path}:9:9: duplicate claim id 'a' (first used by claim 1); give each claim its own id",
        f"argmap: error: {path}:12:11: unknown kind 'claimm' in claim 'c'; did you mean 'claim'?",
        f"argmap: error: {path}:14:15: no claim has the id 'bb'; did you mean 'b'?",
    ]
    with pytest.raises(MapError) as caught:
        argmap.load(path)
    assert len(caught.value.problems) == 6
    checked = run("check", str(path))
    assert checked.exit_code == 2
    assert checked.stdout.splitlines()[-1] == "6 errors, 0 warnings in 1 file"
    assert (
        checked.stdout.splitlines()[1]
        == f"{path}:8:16: AM101 error: no claim has the id 'aa' (did you mean 'a'?)"
    )


def test_an_unusable_file_is_am100_in_json_output(run: Run, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("claims: [\n", encoding="utf-8")
    result = run("check", str(broken), "--format", "json")
    assert result.exit_code == 2
    assert json.loads(result.stdout) == {
        "findings": [],
        "unusable": [
            {
                "code": "AM100",
                "severity": "error",
                "message": "not valid YAML: did not find expected node content",
                "hint": "check the indentation and quoting here",
                "path": str(broken),
                "line": 2,
                "column": 1,
            }
        ],
        "errors": 1,
        "warnings": 0,
    }


# --- hints that fit ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (
            "claims:\n  - id: a\n    text: A\n      kind: thesis\n",
            (
                "4:7: not valid YAML: 'kind' is indented deeper than 'text' above it; "
                "align it with the other keys of this claim"
            ),
        ),
        (
            "claims:\n  - id: a\n      text: A\n",
            (
                "3:7: not valid YAML: 'text' is indented deeper than 'id' above it; "
                "align it with the other keys of this claim"
            ),
        ),
        (
            'claims:\n  - id: a\n    text: "A"\n      kind: thesis\n',
            (
                "4:7: not valid YAML: 'kind' is indented deeper than 'text' above it; "
                "align it with the other keys of this claim"
            ),
        ),
        (
            "meta:\n  title: T\n   author: X\nclaims: []\n",
            (
                "3:4: not valid YAML: 'author' is indented deeper than 'title' above it; "
                "align it with the other keys of meta"
            ),
        ),
        (
            "claims:\n  - id: a\n    text: A long text\n      continued: here\n",
            (
                "4:7: not valid YAML: 'continued' is indented deeper than 'text' above it; "
                "align it with the other keys of this claim (or, if it goes on the value of 'text', "
                "put that value in quotes)"
            ),
        ),
        (
            "claims:\n  - id: a\n    text: Here: there\n",
            (
                "3:15: not valid YAML: mapping values are not allowed in this context; "
                "a text containing ': ' must be quoted"
            ),
        ),
    ],
)
def test_an_over_indented_key_is_told_about_indentation(
    run: Run, tmp_path: Path, document: str, expected: str
) -> None:
    path = tmp_path / "indented.yaml"
    path.write_text(document, encoding="utf-8")
    result = run("--map", str(path), "list")
    assert (result.exit_code, result.stderr) == (2, f"argmap: error: {path}:{expected}\n")


# --- meta.source from stdin and in exports ---------------------------------------------------


def _shell(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    argmap_cli = f"{sys.executable} -m argmap"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        ["bash", "-c", f"set -o pipefail; {command.replace('argmap', argmap_cli)}"],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        check=False,
    )


def test_an_exported_map_reads_back_from_stdin_in_any_folder(tmp_path: Path) -> None:
    result = _shell("argmap export --to yaml | argmap --map - list", tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n", 1)[0].split() == ["ID", "KIND", "SECTION", "TEXT"]
    assert result.stderr == (
        "argmap: warning: -:4:11: quotes not checked: cannot read the source text 'essay.txt': no such file "
        "(for a map read from stdin or a string, meta.source is relative to the working folder)\n"
    )
    shutil.copy(data_dir() / "essay.txt", tmp_path / "essay.txt")
    there = _shell("argmap export --to yaml | argmap --map - list", tmp_path)
    assert (there.returncode, there.stderr) == (0, "")  # the text is found: quotes checked, all verbatim


def test_a_map_on_stdin_checks_its_quotes_against_the_working_folder(run: Run, draft: Path) -> None:
    result = _shell(f"argmap --map - list < {draft.name}", draft.parent)
    assert result.returncode == 0
    assert result.stderr.splitlines()[0] == (
        "argmap: warning: -:7:12: the quote of 'a' does not occur verbatim in the source text; "
        "copy the span exactly from the source (argmap check shows the closest passage)"
    )


def _exported_source(text: str) -> str | None:
    meta: dict[str, str] = yaml.safe_load(text).get("meta", {})
    return meta.get("source")


def test_the_bundled_map_exports_its_source_as_written(run: Run, tmp_path: Path) -> None:
    assert _exported_source(run("export", "--to", "yaml").stdout) == "essay.txt"
    out = tmp_path / "copy.yaml"
    assert run("export", "-o", str(out)).exit_code == 0
    assert _exported_source(out.read_text(encoding="utf-8")) == "essay.txt"


def test_an_exported_source_is_rebased_or_dropped(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    maps, out = tmp_path / "maps", tmp_path / "out"
    maps.mkdir()
    out.mkdir()
    (maps / "text.txt").write_text("The sky is blue.\n", encoding="utf-8")
    path = maps / "m.yaml"
    path.write_text(
        "meta:\n  source: text.txt\nclaims:\n  - {id: a, kind: thesis, text: A, quote: sky is blue}\n",
        encoding="utf-8",
    )
    assert run("--map", str(path), "export", "-o", str(out / "m.yaml")).exit_code == 0
    assert _exported_source((out / "m.yaml").read_text(encoding="utf-8")) == "../maps/text.txt"
    assert run("--map", str(out / "m.yaml"), "list").stderr == ""  # the quote is checked from there
    monkeypatch.chdir(tmp_path)
    assert _exported_source(run("--map", str(path), "export", "--to", "yaml").stdout) == "maps/text.txt"
    shown = run("--map", str(path), "show", "a").stdout.splitlines()
    assert "quote at:     maps/text.txt:1:5" in shown
    monkeypatch.chdir(maps)
    assert "quote at:     text.txt:1:5" in run("--map", str(path), "show", "a").stdout.splitlines()

    (maps / "text.txt").unlink()
    gone = run("--map", str(path), "export", "-o", str(out / "gone.yaml"))
    assert gone.exit_code == 0
    assert _exported_source((out / "gone.yaml").read_text(encoding="utf-8")) is None
    assert gone.stderr.splitlines()[-1] == (
        f"argmap: warning: {path}: meta.source 'text.txt' is left out of the export: "
        f"the source text {str(maps / 'text.txt')!r} is not there"
    )


def test_a_source_inside_a_python_installation_is_kept_as_written(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    venv = tmp_path / "venv"
    (venv / "share").mkdir(parents=True)
    (venv / "share" / "text.txt").write_text("The sky is blue.\n", encoding="utf-8")
    monkeypatch.setattr(sys, "prefix", str(venv))
    path = tmp_path / "m.yaml"
    path.write_text("meta:\n  source: venv/share/text.txt\nclaims:\n  - {id: a, kind: thesis, text: A}\n")
    out = tmp_path / "elsewhere"
    out.mkdir()
    assert run("--map", str(path), "export", "-o", str(out / "m.yaml")).exit_code == 0
    assert _exported_source((out / "m.yaml").read_text(encoding="utf-8")) == "venv/share/text.txt"


@settings(max_examples=200, deadline=None)
@given(argument_maps(max_claims=10, fields=False))
def test_loose_claims_are_those_no_relation_joins_to_a_thesis(amap: ArgumentMap) -> None:
    """`unconnected` (one pass for maps in order, the whole graph otherwise) against networkx's
    weakly connected components, an undercut joining its claim to both ends of the inference."""
    import networkx as nx

    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from(c.id for c in amap.claims)
    for claim in amap.claims:
        ends = [*claim.supports, *claim.attacks, *claim.contrasts]
        ends += [end for link in claim.linked for end in (link.to, *link.with_)]
        ends += [end for cut in claim.undercuts for end in (cut.from_, cut.to)]
        graph.add_edges_from((claim.id, end) for end in ends)
    theses = {c.id for c in amap.claims if c.kind == "thesis"}
    joined = set().union(*(nx.node_connected_component(graph, t) for t in theses)) if theses else None
    expected = [i for i, c in enumerate(amap.claims) if joined is not None and c.id not in joined]
    assert unconnected(amap) == expected
    shuffled = amap.model_copy(update={"claims": amap.claims[::-1]})
    assert [shuffled.claims[i].id for i in unconnected(shuffled)] == [amap.claims[i].id for i in expected][
        ::-1
    ]
