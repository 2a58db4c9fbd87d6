"""User-facing errors.

Every mistake a user can make in a map file ends up as one `MapError` that knows where it
happened (file, line, column) and how to fix it, so the CLI can print one line and exit 2
instead of a traceback.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from json import JSONDecodeError


class Location(NamedTuple):
    """A place in a file; line and column are 1-based, None where unknown.

    A named tuple, not a frozen dataclass: every command imports this module, and a frozen
    dataclass costs more to define than the rest of it."""

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

    ``str(error)`` is the whole message, ``path:line:column: what; hint``. An error found
    with others (a map's validation reports all its problems at once) carries them in
    `problems`, each located; ``str`` then gives one line per problem.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
        others: Sequence[MapError] = (),
        kind: str | None = None,
    ) -> None:
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.hint = hint
        self.others = list(others)
        #: What went wrong, in the model's words (``unknown_id``, ``duplicate_id``...), where
        #: the check that found it says: `check` codes such a problem as its own finding.
        self.kind = kind
        super().__init__(self.__str__())

    @classmethod
    def of(cls, problems: Sequence[MapError]) -> MapError:
        """One error that reports all of ``problems`` (at least one), the first in front."""
        first, *others = problems
        return cls(
            first.message,
            path=first.path,
            line=first.line,
            column=first.column,
            hint=first.hint,
            others=others,
            kind=first.kind,
        )

    @property
    def problems(self) -> list[MapError]:
        """This error's problems, each alone: itself first, then the others found with it."""
        if not self.others:
            return [self]
        alone = MapError(
            self.message, path=self.path, line=self.line, column=self.column, hint=self.hint, kind=self.kind
        )
        return [alone, *self.others]

    @property
    def location(self) -> Location:
        return Location(self.path, self.line, self.column)

    def with_path(self, path: str) -> MapError:
        """The same error, attributed to ``path`` when it had no file yet."""
        if self.path is not None:
            return self
        return MapError.of(
            [
                MapError(p.message, path=path, line=p.line, column=p.column, hint=p.hint, kind=p.kind)
                for p in self.problems
            ]
        )

    def _one(self) -> str:
        located = self.path is not None or self.line is not None
        text = f"{self.location}: {self.message}" if located else self.message
        if self.hint:
            text += f"; {self.hint}"
        return text

    def __str__(self) -> str:
        return "\n".join([self._one(), *(str(other) for other in self.others)])


def did_you_mean(
    word: str, candidates: Iterable[str], *, cutoff: float = 0.6, first: Sequence[str] = ()
) -> str | None:
    """A 'did you mean ...' hint naming the closest candidates (``first`` before them), or None."""
    import difflib

    close = [*first, *difflib.get_close_matches(word, list(candidates), n=3, cutoff=cutoff)]
    if not close:
        return None
    return "did you mean " + " or ".join(repr(c) for c in list(dict.fromkeys(close))[:3]) + "?"


#: Most ids `suggest_id` compares a misspelt id with; beyond it difflib's quadratic search
#: would cost more than the hint is worth.
SUGGEST_LIMIT = 20_000


def no_such_id(word: str) -> str:
    """The one wording for a reference to a claim that does not exist."""
    return f"no claim has the id {word!r}"


def suggest_id(word: str, known_ids: Collection[str]) -> str:
    """The hint for `no_such_id`: the closest ids, else 'check the spelling'.

    An id that differs from ``word`` only by case or width (`folded`) comes first. Beyond
    ASCII the bar is lower: ids in CJK are two or three characters, each carrying a word, and
    ``论据`` for ``论点`` (one character of two) should still be suggested.
    """
    if len(known_ids) > SUGGEST_LIMIT:
        return "check the spelling"
    key = folded(word)
    twins = [known for known in known_ids if folded(known) == key]
    cutoff = 0.6 if word.isascii() else 0.5
    return did_you_mean(word, known_ids, cutoff=cutoff, first=twins) or "check the spelling"


def folded(text: str) -> str:
    """What two spellings that look alike share: NFKC, then case folding (so ``Ａ``, ``A`` and
    ``a`` are one, and ``ß`` and ``ss``), then NFKC again, as Unicode's NFKC_Casefold does."""
    if text.isascii():
        return text.lower()
    import unicodedata

    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())


#: Where a part of a document is: ``locate(path, key)`` gives the 1-based (line, column) of
#: the value at ``path`` (a model path such as ``("claims", 3, "supports", 0)``), or of its
#: mapping key when ``key`` is true; None where the reader cannot tell.
Locator = Callable[[tuple[Any, ...], bool], "tuple[int, int] | None"]


class LineIndex:
    """Character offset → 1-based (line, column) in one text, for many look-ups.

    ``breaks`` is what counts as a line break: JSON counts ``\\n`` only (as its decoder's
    error positions do); Argdown also counts ``\\r\\n`` and ``\\r``.
    """

    def __init__(self, text: str, *, breaks: str = "\n") -> None:
        self.starts = [0] + [match.end() for match in re.finditer(breaks, text)]

    def __call__(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of one offset, counting ``\\n`` line breaks (no index built)."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


class MapWarning(UserWarning):
    """Something a reader could not represent or had to repair; the map is still usable.

    Readers emit it through `warn`, so library users get ordinary Python warnings and the
    CLI prints each one as a located line on stderr.
    """

    def __init__(self, message: str, location: Location) -> None:
        self.message = message
        self.location = location
        located = location.path is not None or location.line is not None
        super().__init__(f"{location}: {message}" if located else message)


class DraftWarning(MapWarning):
    """A map whose structure is sound but that is not finished: a quote not (yet) verbatim
    in its source text, a source text that cannot be read, claims not connected to any thesis.

    The viewing commands show such a draft with these warnings; ``argmap check`` reports the
    same problems as errors (and ignores the warnings).
    """


class MapNote(MapWarning):
    """Nothing wrong with the map: what the reader of a view should know to read it (a map
    with no thesis shows its top-level claims). The CLI prints it as a note; ``--quiet``
    silences it with the warnings."""


def warn(
    message: str,
    *,
    path: str | None = None,
    line: int | None = None,
    column: int | None = None,
    category: type[MapWarning] = MapWarning,
) -> None:
    """Emit a located `MapWarning` (stacklevel points at the reader's caller)."""
    import warnings

    warnings.warn(category(message, Location(path, line, column)), stacklevel=3)


@contextmanager
def warnings_silenced() -> Iterator[None]:
    """Hide `MapWarning`s: for a second read of input whose warnings were already given."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MapWarning)
        yield


def json_syntax_error(error: JSONDecodeError, *, path: str | None, hint: str) -> MapError:
    """The `MapError` for text that is not JSON at all, at the place the parser stopped."""
    return MapError(
        f"not valid JSON: {error.msg}", path=path, line=error.lineno, column=error.colno, hint=hint
    )
