"""What a run tells about itself on stderr while it works: a transient status line on a
terminal once it has taken about a second, and the ``--verbose`` timings of its phases.

Both are observers of `argmap.progress.progress_step`, through which the lower layers report
reading, validating, drawing and writing without knowing who listens.
"""

from __future__ import annotations

import os
import threading
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

#: What a command does between reading its map and writing its answer, for the status line.
DOING = {
    "list": "listing claims",
    "show": "looking up the claim",
    "tree": "building the tree",
    "trace": "tracing support chains",
    "search": "searching",
    "index": "indexing",
    "check": "checking",
    "convert": "converting",
    "export": "building the export",
    "render": "building the drawing",
    "evaluate": "evaluating",
}

#: Seconds a run works before its status shows; ARGMAP_PROGRESS_AFTER overrides it for tests.
SHOW_AFTER = 1.0


def show_after() -> float:
    try:
        return float(os.environ.get("ARGMAP_PROGRESS_AFTER", SHOW_AFTER))
    except ValueError:
        return SHOW_AFTER


class StatusProgress:
    """The run's current step as one transient line on stderr, from ``after`` seconds into the
    run (a timer draws it should no step begin then). Writing the answer (or the end of the
    drawing) ends it for good: the answer may go to the same terminal."""

    def __init__(self, show: Callable[[str], None], command: str, *, after: float, columns: int) -> None:
        self.show, self.after, self.columns = show, after, columns
        self.doing = DOING.get(command, f"running {command}")
        self.start = time.monotonic()
        self.steps: list[list[Any]] = []  # [step, subject, total, done, began], innermost last
        self.lock = threading.Lock()
        self.timer: threading.Timer | None = None
        self.shown = self.stopped = False

    def begin(self, step: str, subject: str, total: int | None) -> None:
        if step == "write":
            self.close()
            return
        with self.lock:  # the timer thread reads the steps
            self.steps.append([step, subject, total, 0, time.monotonic()])
        self._update()

    def advance(self, done: int) -> None:
        with self.lock:
            if not self.steps:
                return
            self.steps[-1][3] = done
        self._update()

    def end(self, step: str) -> None:
        if step == "draw":  # the drawing is written: what is left is the answer's own
            self.close()
            return
        with self.lock:
            if not (self.steps and self.steps[-1][0] == step):
                return
            self.steps.pop()
            back_to_the_command = not self.steps
        # the command's own work is news; an enclosing step was said before ("reading…" twice)
        if back_to_the_command:
            self._update()

    def close(self) -> None:
        """Clear the line (if shown) and show nothing more."""
        with self.lock:
            if self.stopped:
                return
            self.stopped = True
            if self.timer is not None:
                self.timer.cancel()
            if self.shown:
                self.show("")

    def text(self) -> str:
        if not self.steps:
            return f"argmap: {self.doing}…"
        step, subject, total, done, began = self.steps[-1]
        after = ""
        if step == "read":
            words = f"reading {'stdin' if subject == '-' else subject}"
        elif step == "validate" and total is not None:
            claims = "claim" if total == 1 else "claims"
            words = f"validating {done:,} of {total:,} {claims}" if done else f"validating {total:,} {claims}"
        elif step == "draw":  # an outside program that says nothing itself: count its seconds
            words = f"drawing with Graphviz ({subject})" if subject else "drawing with Graphviz"
            seconds = time.monotonic() - began
            after = f" {seconds:.0f} s" if seconds >= 2 else ""
        else:
            words = f"{step}ing"
        line = f"argmap: {words}…{after}"
        # a line longer than the terminal would wrap, and the next redraw could not clear it
        return line if len(line) < self.columns or self.columns < 20 else line[: self.columns - 2] + "…"

    def _update(self) -> None:
        with self.lock:
            if self.stopped:
                return
            waited = time.monotonic() - self.start
            if waited >= self.after:
                self._draw()
            elif self.timer is None:
                self._arm(self.after - waited)

    def _arm(self, seconds: float) -> None:
        self.timer = threading.Timer(seconds, self._late)
        self.timer.daemon = True
        self.timer.start()

    def _late(self) -> None:
        """Draw the status when it is due, then once a second (a drawing's seconds go on)."""
        with self.lock:
            if not self.stopped:
                self._draw()
                self._arm(1.0)

    def _draw(self) -> None:
        self.show(self.text())
        self.shown = True


def status_progress(show: Callable[[str], None], command: str) -> StatusProgress:
    """A `StatusProgress` for ``command`` drawn by ``show`` (`argmap.views.terminal.status_line`)."""
    import sys

    try:
        columns = os.get_terminal_size(sys.stderr.fileno()).columns
    except (OSError, ValueError):
        columns = 80
    return StatusProgress(show, command, after=show_after(), columns=columns)


#: The phase of each step for ``--verbose``; time in no step is the command's own.
PHASES = {"read": "read", "validate": "validate", "write": "write", "draw": "write"}


class Timings:
    """Seconds spent in each phase (read, validate, command, write); a nested step's time is
    its own, not its parent's."""

    def __init__(self, clock: Callable[[], float] = time.perf_counter) -> None:
        self.clock = clock
        self.start = self.mark = clock()
        self.steps: list[str] = []
        self.spent = dict.fromkeys(("read", "validate", "command", "write"), 0.0)

    def begin(self, step: str, subject: str, total: int | None) -> None:
        self._charge()
        self.steps.append(step)

    def advance(self, done: int) -> None:
        pass

    def end(self, step: str) -> None:
        self._charge()
        if self.steps and self.steps[-1] == step:
            self.steps.pop()

    def line(self) -> str:
        """``argmap: timings: read 0.412 s, validate ...; total 1.478 s``."""
        self._charge()
        phases = ", ".join(f"{phase} {seconds:.3f} s" for phase, seconds in self.spent.items())
        return f"argmap: timings: {phases}; total {self.mark - self.start:.3f} s"

    def _charge(self) -> None:
        now = self.clock()
        phase = PHASES.get(self.steps[-1], "command") if self.steps else "command"
        self.spent[phase] += now - self.mark
        self.mark = now
