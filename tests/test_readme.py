"""The README's console examples are real: each is run and compared with what it prints.

A console example is a ```` ```console ```` block whose first line is ``$ argmap ...``; every
other line is the output (stdout and stderr together, as a terminal shows them), piped and
so plain. The command runs through ``python -m argmap`` on the bundled essay map.

Conventions, so the README can stay readable:

- **Long lines are cut.** An output line over ``CUT_FROM`` characters may stop anywhere; it
  must then be the start of the real line. Shorter lines match exactly, and the number of
  lines always does.
- **Pipes into grep.** ``| grep WORDS`` and ``| grep -v WORDS`` keep (or drop) the lines that
  hold WORDS as a fixed string, as grep does for plain words.
- **Files that are not bundled.** A file the command names (``--map draft.yaml``) is taken
  from ``tests/fixtures/readme/``, where the command runs.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
FILES = ROOT / "tests" / "fixtures" / "readme"
CUT_FROM = 100
BLOCK = re.compile(r"^```console\n(.*?)^```", re.MULTILINE | re.DOTALL)


def console_examples() -> list[tuple[str, list[str]]]:
    """Each console block as (the command after ``$ ``, its output lines)."""
    examples = []
    for match in BLOCK.finditer(README.read_text(encoding="utf-8")):
        first, *output = match.group(1).splitlines()
        assert first.startswith("$ argmap "), f"a console block must start with '$ argmap': {first!r}"
        examples.append((first[2:], output))
    return examples


EXAMPLES = console_examples()


def test_the_readme_has_its_tour() -> None:
    assert len(EXAMPLES) >= 8, [command for command, _ in EXAMPLES]


def run_example(command: str) -> list[str]:
    words = shlex.split(command)
    keep: tuple[bool, str] | None = None
    if "|" in words:
        at = words.index("|")
        words, pipe = words[:at], words[at + 1 :]
        invert = pipe[1] == "-v"
        assert pipe[0] == "grep" and len(pipe) == 2 + invert, (
            f"only '| grep [-v] WORDS' is supported: {command}"
        )
        keep = (not invert, pipe[-1])
    assert words[0] == "argmap"
    environment = {key: value for key, value in os.environ.items() if key not in ("FORCE_COLOR", "COLUMNS")}
    result = subprocess.run(
        [sys.executable, "-m", "argmap", *words[1:]],
        cwd=FILES,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        check=False,
    )
    lines = result.stdout.splitlines()
    if keep is not None:
        wanted, words_ = keep
        lines = [line for line in lines if (words_ in line) == wanted]
    return lines


@pytest.mark.parametrize(("command", "shown"), EXAMPLES, ids=[command for command, _ in EXAMPLES])
def test_console_example_shows_real_output(command: str, shown: list[str]) -> None:
    real = run_example(command)
    assert len(shown) == len(real), "\n".join(real)
    for number, (line, actual) in enumerate(zip(shown, real, strict=True), 1):
        if len(line) > CUT_FROM and line != actual:
            assert actual.startswith(line), f"output line {number} (cut) is not the start of:\n{actual}"
        else:
            assert line == actual, f"output line {number} differs"
