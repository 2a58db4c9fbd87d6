"""Hints that fit the mistake: what argmap says about input it cannot use as a map."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Run


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "x.json",
            '{"foo": 1}\n',
            (
                "1:1: a JSON document argmap cannot read: tried argmap JSON "
                '(it has no "format": "argmap") and AIF (it has no AIF nodes) (at $); argmap reads the JSON '
                "of 'argmap export --to json' and AIF JSON (--from aif if it is AIF)"
            ),
        ),
        (
            "self.af",
            "p af 2\n1 1\n",
            (
                "2:1: argument '1' attacks itself, which an argument map cannot express; "
                "'argmap --map FILE evaluate' evaluates it as a bare framework; the other commands "
                "need a map, and a map cannot hold a self-attack"
            ),
        ),
    ],
    ids=["json-of-no-known-format", "iccma-self-attack"],
)
def test_input_that_is_no_map_says_why_and_what_to_do(
    run: Run, tmp_path: Path, name: str, content: str, expected: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = run("--map", str(path), "list")
    assert (result.exit_code, result.stderr) == (2, f"argmap: error: {path}:{expected}\n")


def test_a_self_attack_is_evaluated_as_a_bare_framework(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "self.af"
    path.write_text("p af 2\n1 1\n", encoding="utf-8")
    evaluated = run("--map", str(path), "evaluate")
    assert evaluated.exit_code == 0, evaluated.stderr


def test_argdown_on_stdin_is_recognised_by_its_titles(run: Run) -> None:
    statement = run("--map", "-", "list", "--json", input="[Walking street]: Open to everyone.\n")
    assert statement.exit_code == 0, statement.stderr
    assert '"text": "Open to everyone."' in statement.stdout
    argument = run("--map", "-", "list", "--json", input="<Closing>: The street stays open.\n")
    assert argument.exit_code == 0, argument.stderr
    assert '"text": "The street stays open."' in argument.stdout


@pytest.mark.parametrize(
    "document",
    [
        "// the lane\n[Lane]: Lanes are good.\n  + [Safer]: Safer streets.\n",
        "/* the lane */\n[Lane]: Lanes are good.\n  + [Safer]: Safer streets.\n",
        "===\ntitle: Lanes\n===\n\n[Lane]: Lanes are good.\n  + [Safer]: Safer streets.\n",
        "# Streets\n\n[Lane]: Lanes are good.\n  + [Safer]: Safer streets.\n",
        "[Lane]\n  + [Safer]: Safer streets.\n",
    ],
    ids=["line-comment", "block-comment", "front-matter", "heading", "bare-title"],
)
def test_argdown_on_stdin_is_recognised_by_how_it_opens(run: Run, document: str) -> None:
    result = run("--map", "-", "list", "--json", input=document)
    assert result.exit_code == 0, result.stderr
    assert '"text": "Safer streets."' in result.stdout


def test_argmap_s_own_argdown_export_reads_back_from_a_pipe(run: Run) -> None:
    exported = run("export", "--to", "argdown").stdout
    assert exported.startswith("===\n")
    assert run("--map", "-", "list", input=exported).exit_code == 0


@pytest.mark.parametrize(
    ("document", "where"),
    [
        ("claims:\n  - id: a\n    text: A\n[Lane]: Lanes are good.\n", "-:4:1"),
        ('{"claims": [\n[Lane]: Lanes are good.\n', "-:2:2"),
    ],
    ids=["yaml", "json"],
)
def test_a_map_that_fails_but_reads_like_argdown_is_told_to_read_it_so(
    run: Run, document: str, where: str
) -> None:
    result = run("--map", "-", "list", input=document)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"argmap: error: {where}: ")
    assert result.stderr.endswith(
        "; this looks like Argdown: add --from argdown (or name the file .argdown)\n"
    )


def test_yaml_that_does_not_read_like_argdown_keeps_its_own_hint(run: Run) -> None:
    result = run("--map", "-", "list", input="claims:\n  - id: a\n    text: a: b\n")
    assert result.stderr == (
        "argmap: error: -:3:12: not valid YAML: mapping values are not allowed in this context; "
        "a text containing ': ' must be quoted\n"
    )
