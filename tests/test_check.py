"""argmap check: every rule, its location, the three output formats and the exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Run

BAD = """\
meta:
  source: src.txt
claims:
  - id: t
    kind: thesis
    text: T
    quote: The quick brown fax
  - id: a
    text: A
    supports: [b, t, t]
    attacks: [t]
  - id: b
    text: B
    supports: [a, ghost]
  - id: a
    text: dup
  - id: o
    kind: objection
    text: O
  - id: lone
    text: L
    contrasts: [lonely]
  - id: self
    text: S
    attacks: [self]
"""


@pytest.fixture
def bad_map(tmp_path: Path) -> Path:
    (tmp_path / "src.txt").write_text("The quick brown fox jumps.\n", encoding="utf-8")
    path = tmp_path / "bad.yaml"
    path.write_text(BAD, encoding="utf-8")
    return path


def test_every_finding_is_coded_and_located(run: Run, bad_map: Path) -> None:
    result = run("check", "--map", str(bad_map))
    assert result.exit_code == 1
    p = str(bad_map)
    assert result.stdout.splitlines() == [
        (
            f"{p}:7:12: AM104 error: the quote of 't' does not occur verbatim in the source text "
            "(closest passage, at source line 1: 'The quick brown fox')"
        ),
        (
            f"{p}:14:15: AM105 error: support cycle: a → b → a "
            "(a claim cannot (even indirectly) support itself; remove one support)"
        ),
        f"{p}:14:19: AM101 error: no claim has the id 'ghost' (check the spelling)",
        f"{p}:15:9: AM102 error: duplicate claim id 'a' (first used by claim 2) (give each claim its own id)",
        f"{p}:17:5: AM107 error: 'o' is not connected to any thesis (relate it to the argument or remove it)",
        f"{p}:20:5: AM107 error: 'lone' is not connected to any thesis (relate it to the argument or remove it)",
        f"{p}:22:17: AM101 error: no claim has the id 'lonely' (did you mean 'lone'?)",
        f"{p}:23:5: AM107 error: 'self' is not connected to any thesis (relate it to the argument or remove it)",
        f"{p}:25:15: AM103 error: claim 'self' attacks itself (remove it)",
        f"{p}:10:15: AM203 warning: 'a' lists t twice in supports (remove the repeat)",
        f"{p}:11:14: AM202 warning: 'a' both supports and attacks 't' (keep one of the two)",
        f"{p}:17:5: AM204 warning: objection 'o' is not attacked by anything (add a rebuttal, or concede it)",
        "9 errors, 3 warnings in 1 file",
    ]


def test_json_and_github_formats(run: Run, bad_map: Path) -> None:
    data = json.loads(run("check", "--map", str(bad_map), "--format", "json").stdout)
    assert (data["errors"], data["warnings"], data["unusable"]) == (9, 3, [])
    assert data["findings"][0] == {
        "code": "AM104",
        "severity": "error",
        "message": "the quote of 't' does not occur verbatim in the source text",
        "hint": "closest passage, at source line 1: 'The quick brown fox'",
        "path": str(bad_map),
        "line": 7,
        "column": 12,
    }
    github = run("check", "--map", str(bad_map), "--format", "github").stdout.splitlines()
    assert (
        github[2]
        == f"::error file={bad_map},line=14,col=19,title=AM101 unknown claim id::no claim has the id 'ghost' (check the spelling)"
    )
    assert github[-1].startswith("::warning file=")


def test_theses_without_support_and_maps_without_thesis(run: Run, tmp_path: Path) -> None:
    lonely = tmp_path / "lonely.yaml"
    lonely.write_text("claims:\n  - {id: t, kind: thesis, text: T}\n", encoding="utf-8")
    result = run("check", "--map", str(lonely))
    assert result.exit_code == 0
    assert (
        result.stdout.splitlines()[0]
        == f"{lonely}:2:5: AM205 warning: thesis 't' has no support (add the reasons the text gives for it)"
    )
    assert run("check", "--map", str(lonely), "--strict").exit_code == 1
    none = tmp_path / "none.yaml"
    none.write_text("claims:\n  - {id: a, text: A}\n", encoding="utf-8")
    assert run("check", "--map", str(none)).stdout.splitlines()[0] == (
        f"{none}:1:1: AM206 warning: the map has no claim of kind 'thesis' (mark the main claim(s) with 'kind: thesis')"
    )


def test_contrast_declared_twice(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        "claims:\n  - {id: t, kind: thesis, text: T}\n  - {id: a, text: A, supports: [t], contrasts: [b]}\n"
        "  - {id: b, text: B, contrasts: [a]}\n",
        encoding="utf-8",
    )
    assert run("check", "--map", str(path)).stdout.splitlines()[0] == (
        f"{path}:3:48: AM203 warning: the contrast 'a' ⇄ 'b' is declared on both sides (contrasts are symmetric: declare it once)"
    )


def test_several_maps_and_an_unusable_one(run: Run, bad_map: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("claims: [\n", encoding="utf-8")
    result = run("check", "--map", str(bad_map), "--map", str(broken))
    assert result.exit_code == 2
    assert result.stderr == ""
    assert result.stdout.splitlines()[-2].startswith(f"{broken}:2:1: AM100 error: not valid YAML")
    assert result.stdout.splitlines()[-1] == "10 errors, 3 warnings in 2 files"  # the unusable file counts


def test_the_bundled_essay_map_passes_strict(run: Run) -> None:
    result = run("check", "--strict")
    assert (result.exit_code, result.stdout) == (0, "0 errors, 0 warnings in 1 file\n")


def test_the_closest_passage_reads_across_a_line_break(run: Run, tmp_path: Path) -> None:
    (tmp_path / "src.txt").write_text("Bike lanes reduce\ninjuries by half.\n", encoding="utf-8")
    path = tmp_path / "m.yaml"
    path.write_text(
        "meta:\n  source: src.txt\nclaims:\n  - id: t\n    kind: thesis\n    text: T\n"
        "    quote: Bike lanes reduce injuries by a third\n",
        encoding="utf-8",
    )
    assert run("check", str(path)).stdout.splitlines()[0] == (
        f"{path}:7:12: AM104 error: the quote of 't' does not occur verbatim in the source text "
        "(closest passage, at source line 1: 'Bike lanes reduce injuries by half.')"
    )


def test_a_broken_reference_beside_a_field_error_keeps_its_code(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        "claims:\n  - id: lane\n    kind: thesis\n    text: Lanes.\n    base_score: 2\n"
        "  - id: safer\n    text: Safer.\n    supports: [lan]\n",
        encoding="utf-8",
    )
    result = run("check", str(path))
    assert (result.exit_code, result.stdout.splitlines()) == (
        2,
        [
            f"{path}:5:17: AM100 error: base_score in claim 'lane' must be between 0 and 1",
            f"{path}:8:16: AM101 error: no claim has the id 'lan' (did you mean 'lane'?)",
            "2 errors, 0 warnings in 1 file",
        ],
    )
