"""Shared fixtures: the repository root, the read-only corpus beside it, goldens, the CLI."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import pytest

if TYPE_CHECKING:
    from typer.testing import Result

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("ARGMAP_CORPUS", ROOT.parent / "shared" / "corpus"))
GOLDEN = ROOT / "tests" / "golden"
# ARGMAP_UPDATE_GOLDEN (singular) is the older spelling, still in use for the stored --help.
UPDATE_VARIABLES = ("ARGMAP_UPDATE_GOLDENS", "ARGMAP_UPDATE_GOLDEN")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="write tests/golden/ files from the current output instead of comparing (review the diff)",
    )


@pytest.fixture
def corpus() -> Path:
    """``../shared/corpus`` read in place; tests that need it skip where it is absent."""
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS} (set ARGMAP_CORPUS to its folder)")
    return CORPUS


class Golden(Protocol):
    def __call__(self, name: str, text: str) -> None: ...


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    """Compare text with ``tests/golden/<name>``.

    A missing or different golden fails, so a test can never pass by writing its own
    expectation. ``--update-goldens`` (or ``ARGMAP_UPDATE_GOLDENS=1``) writes every golden
    the run reaches from the current output instead; review the diff before committing.
    """
    update = bool(request.config.getoption("--update-goldens")) or any(
        os.environ.get(variable) == "1" for variable in UPDATE_VARIABLES
    )

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode("utf-8"))
        assert path.exists(), f"{path} is missing; write it with --update-goldens and review it"
        assert text == path.read_bytes().decode("utf-8"), (  # bytes: no newline translation
            f"output differs from {path}; if intended, rerun with --update-goldens and review the diff"
        )

    return check


class Run(Protocol):
    def __call__(
        self,
        *args: str,
        terminal: bool = False,
        width: int = 100,
        input: str | None = None,
        env: dict[str, str | None] | None = None,
    ) -> Result: ...


@pytest.fixture
def run() -> Run:
    """Run the CLI in-process at a fixed width, piped (plain) unless ``terminal=True``."""
    from typer.testing import CliRunner

    from argmap.cli.app import app

    def invoke(
        *args: str,
        terminal: bool = False,
        width: int = 100,
        input: str | None = None,
        env: dict[str, str | None] | None = None,
    ) -> Result:
        environment: dict[str, str | None] = {
            "COLUMNS": str(width),
            "NO_COLOR": None,
            "FORCE_COLOR": None,
            "TTY_COMPATIBLE": None,
        }
        if terminal:
            environment.update({"FORCE_COLOR": "1", "TTY_COMPATIBLE": "1"})
        environment.update(env or {})
        return CliRunner().invoke(app, list(args), env=environment, input=input)

    return invoke
