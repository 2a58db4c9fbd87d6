"""argmap's option class skips typer's conversion for options not given; it must answer
exactly as typer's own class does, given or not, required or not, with a callback or not."""

from __future__ import annotations

from typing import Annotated

import pytest
import typer
from typer.testing import CliRunner

from argmap.cli.conventions import PlainCommand

SEEN: list[object] = []


def shout(value: str | None) -> str | None:
    SEEN.append(value)
    return value.upper() if value else value


def _app(cls: type | None) -> typer.Typer:
    SEEN.clear()
    app = typer.Typer(add_completion=False)

    @app.command(cls=cls)
    def run(
        needed: Annotated[int, typer.Option("--needed")],
        name: Annotated[str | None, typer.Option("--name", callback=shout)] = None,
        tag: Annotated[list[str] | None, typer.Option("--tag")] = None,
        depth: Annotated[int | None, typer.Option("--depth", min=0)] = None,
    ) -> None:
        print(repr((needed, name, tag, depth, SEEN)))

    return app


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--needed", "1"],
        ["--needed", "x"],
        ["--needed", "1", "--name", "ann"],
        ["--needed", "1", "--tag", "a", "--tag", "b"],
        ["--needed", "1", "--depth", "-1"],
        ["--needed", "2", "--depth", "3", "--name", "bo"],
    ],
)
def test_plain_options_answer_as_typer_does(argv: list[str]) -> None:
    runner = CliRunner()
    ours = runner.invoke(_app(PlainCommand), argv)
    ours_seen = list(SEEN)
    theirs = runner.invoke(_app(None), argv)
    assert ours_seen == SEEN
    assert (ours.exit_code, ours.output) == (theirs.exit_code, theirs.output)
