"""Shared fixtures: the repository root and the read-only corpus beside it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("ARGMAP_CORPUS", ROOT.parent / "shared" / "corpus"))


@pytest.fixture
def corpus() -> Path:
    """``../shared/corpus`` read in place; tests that need it skip where it is absent."""
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS} (set ARGMAP_CORPUS to its folder)")
    return CORPUS


GOLDEN = ROOT / "tests" / "golden"


@pytest.fixture
def golden():
    """Compare text with ``tests/golden/<name>``; ARGMAP_UPDATE_GOLDEN=1 rewrites the file."""

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if os.environ.get("ARGMAP_UPDATE_GOLDEN") or not path.exists():
            if not os.environ.get("ARGMAP_UPDATE_GOLDEN") and os.environ.get("CI"):
                pytest.fail(f"golden file {path} is missing")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
        assert text == path.read_text(encoding="utf-8"), f"output differs from {path}"

    return check


@pytest.fixture
def run():
    """Run the CLI in-process at a fixed width, piped (plain) unless ``terminal=True``."""
    from typer.testing import CliRunner

    from argmap.cli.app import app

    def invoke(
        *args: str,
        terminal: bool = False,
        width: int = 100,
        input: str | None = None,
        env: dict | None = None,
    ):
        environment = {"COLUMNS": str(width), "NO_COLOR": None, "FORCE_COLOR": None, "TTY_COMPATIBLE": None}
        if terminal:
            environment.update({"FORCE_COLOR": "1", "TTY_COMPATIBLE": "1"})
        environment.update(env or {})
        return CliRunner().invoke(app, list(args), env=environment, input=input)

    return invoke
