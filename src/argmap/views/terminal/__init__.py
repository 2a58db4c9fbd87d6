"""Terminal output: rich when stdout is a terminal, plain text when piped.

The decision is made without importing rich, so piped output and ``--json`` stay cheap;
rich itself is imported only by `argmap.views.terminal.rich_views`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

#: Colour per claim kind, shared by tables, trees and badges.
KIND_STYLE = {
    "thesis": "bold magenta",
    "claim": "default",
    "evidence": "cyan",
    "objection": "red",
    "rebuttal": "green",
}


def stdout_is_terminal() -> bool:
    """True when rich output is wanted: a real terminal, or forced by FORCE_COLOR/TTY_COMPATIBLE."""
    if os.environ.get("TTY_COMPATIBLE") == "0":
        return False
    if os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE") == "1":
        return True
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def console(**options: Any) -> Any:
    """A rich Console on stdout; it honours NO_COLOR and COLUMNS by itself."""
    from rich.console import Console

    return Console(highlight=False, **options)


def write_lines(lines: Any) -> None:
    """Plain output, line by line (a closed pipe is handled by the CLI's entry point)."""
    from itertools import islice

    write, lines = sys.stdout.write, iter(lines)
    while chunk := list(islice(lines, 4096)):  # a million lines: few big writes, not 2 million
        chunk.append("")
        write("\n".join(chunk))


#: Whether this run may show a transient status (``--quiet`` and ``--json`` say no), and the
#: status line's holder: the run's phases give way to a command's own status (index, solver).
_status: dict[str, Any] = {"allowed": True, "holder": None}


@contextmanager
def statusless() -> Iterator[None]:
    """Within: `status_line` gives None, for a run with ``--quiet`` or JSON output."""
    allowed, _status["allowed"] = _status["allowed"], False
    try:
        yield
    finally:
        _status["allowed"] = allowed


def clear_status() -> None:
    """Clear a status line some command still holds (it stopped before its own last redraw)."""
    if _status["holder"] is not None:
        _status["holder"] = None
        sys.stderr.write("\r\x1b[K")
        sys.stderr.flush()


def status_line(*, background: bool = False) -> Callable[[str], None] | None:
    """A transient status on stderr: each call redraws the one line ('' clears it). None when
    stderr is not a terminal, so pipes and logs never see it. A ``background`` status draws
    nothing while another one holds the line."""
    try:
        if not _status["allowed"] or not sys.stderr.isatty():
            return None
    except (AttributeError, ValueError):
        return None

    def show(text: str) -> None:
        if background and _status["holder"] not in (None, show):
            return
        if not background:
            _status["holder"] = show if text else None
        sys.stderr.write(f"\r\x1b[K{text}")
        sys.stderr.flush()

    return show
