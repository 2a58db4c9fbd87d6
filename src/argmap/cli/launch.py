"""The ``argmap`` entry point: answers ``--help`` and ``--version`` before typer is imported.

Importing typer costs more than everything else ``argmap --help`` does, so the top-level help
is kept as a file, ``help.txt``, written from typer's own output (a test regenerates and
compares it). It is used only where typer would print exactly that text: program name
``argmap``, a terminal of 80 columns or more, or a pipe. Anything else goes to `argmap.cli`.
"""

from __future__ import annotations

import os
import sys

HELP_FILE = os.path.join(os.path.dirname(__file__), "help.txt")
#: typer lays help out for min(terminal width, 80) - 2 columns.
HELP_MIN_COLUMNS = 80


def main() -> None:
    if not _answered_without_typer(sys.argv):
        from argmap.cli.app import main as run

        run()


def _answered_without_typer(argv: list[str]) -> bool:
    if len(argv) != 2 or os.path.basename(argv[0]) != "argmap":
        return False
    if argv[1] == "--version":
        from argmap.version import __version__

        _say(f"argmap {__version__}\n")
        return True
    if argv[1] not in ("--help", "-h") or _help_columns() < HELP_MIN_COLUMNS:
        return False
    try:
        with open(HELP_FILE, encoding="utf-8") as handle:
            text = handle.read()
    except OSError:
        return False  # a trimmed install: typer prints the same help, only slower
    _say(text)
    return True


def _say(text: str) -> None:
    """Write UTF-8 whatever stdout's encoding (as typer does); a closed pipe ends quietly."""
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # `argmap -h | head -1`


def _help_columns() -> int:
    """The width typer would wrap to (``shutil.get_terminal_size``: COLUMNS, the tty, else 80)."""
    from shutil import get_terminal_size

    return get_terminal_size().columns
