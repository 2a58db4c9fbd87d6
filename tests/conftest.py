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
