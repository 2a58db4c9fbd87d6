"""User-facing errors.

Every mistake a user can make in a map file ends up as one `MapError` that knows where it
happened (file, line, column) and how to fix it, so the CLI can print one line and exit 2
instead of a traceback.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    """A place in a file; line and column are 1-based, None where unknown."""

    path: str | None = None
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.path or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


class MapError(Exception):
    """Bad input: a map (or an option) the user can fix.

    ``str(error)`` is the whole message, ``path:line:column: what; hint``.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ) -> None:
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.hint = hint
        super().__init__(self.__str__())

    @property
    def location(self) -> Location:
        return Location(self.path, self.line, self.column)

    def with_path(self, path: str) -> MapError:
        """The same error, attributed to ``path`` when it had no file yet."""
        if self.path is not None:
            return self
        return MapError(self.message, path=path, line=self.line, column=self.column, hint=self.hint)

    def __str__(self) -> str:
        located = self.path is not None or self.line is not None
        text = f"{self.location}: {self.message}" if located else self.message
        if self.hint:
            text += f"; {self.hint}"
        return text


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """A 'did you mean ...' hint naming the closest candidates, or None."""
    close = difflib.get_close_matches(word, list(candidates), n=3, cutoff=0.6)
    if not close:
        return None
    return "did you mean " + " or ".join(repr(c) for c in close) + "?"


class MapWarning(UserWarning):
    """Something a reader could not represent or had to repair; the map is still usable.

    Readers emit it through `warn`, so library users get ordinary Python warnings and the
    CLI prints each one as a located line on stderr.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.message = message
        self.location = Location(path, line, column)
        located = path is not None or line is not None
        super().__init__(f"{self.location}: {message}" if located else message)


def warn(
    message: str, *, path: str | None = None, line: int | None = None, column: int | None = None
) -> None:
    """Emit a located `MapWarning` (stacklevel points at the reader's caller)."""
    import warnings

    warnings.warn(MapWarning(message, path=path, line=line, column=column), stacklevel=3)


@contextmanager
def warnings_silenced() -> Iterator[None]:
    """Hide `MapWarning`s: for a second read of input whose warnings were already given."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MapWarning)
        yield
