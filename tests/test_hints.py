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
