"""The progress a run reports while it works, to whoever listens (the CLI's status line and
its ``--verbose`` timings); library users have no listener, so a step costs one list check.

A module of the bottom layer, beside `argmap.errors`, so readers, validation and views can
report steps without knowing about the CLI.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a type only: defining a Protocol class would cost every command's start-up
    from typing import Protocol

    class ProgressObserver(Protocol):
        """Who listens to a run's progress: the CLI's status line and its ``--verbose`` timings."""

        def begin(self, step: str, subject: str, total: int | None) -> None: ...

        def advance(self, done: int) -> None: ...

        def end(self, step: str) -> None: ...


#: The observers of this run; empty for library users, so a step costs one list check.
_observers: list[ProgressObserver] = []


@contextmanager
def progress_step(step: str, subject: str = "", total: int | None = None) -> Iterator[None]:
    """Tell the run's observers that ``step`` ("read", "validate", "write", "draw") runs in this
    block, ``total`` items long: lower layers report progress without knowing who listens."""
    if not _observers:
        yield
        return
    for observer in _observers:
        observer.begin(step, subject, total)
    try:
        yield
    finally:
        for observer in reversed(_observers):
            observer.end(step)


def progress_advance(done: int) -> None:
    """``done`` of the innermost step's ``total`` items are done."""
    for observer in _observers:
        observer.advance(done)


@contextmanager
def progress_observed(*observers: ProgressObserver) -> Iterator[None]:
    """Within: every `progress_step` and `progress_advance` reaches ``observers``."""
    _observers.extend(observers)
    try:
        yield
    finally:
        del _observers[len(_observers) - len(observers) :]
