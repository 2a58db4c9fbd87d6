"""The one collector of what a reader could not keep (`Losses`).

Only the readers that repair or drop input need it (AIF, Kialo, Argdown), so it lives apart
from `argmap.errors`, which every command imports.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass
class _Kind:
    count: int = 0
    examples: list[str] = field(default_factory=list)
    places: list[Any] = field(default_factory=list)


@dataclass
class Losses:
    """What a reader could not keep, gathered so that each kind is warned about once.

    A kind is a message template (``{n}`` is the count) or the message itself; a place is
    whatever the reader records (an offset, a line, a JSON key) and ``locate`` turns into
    (line, column). The reader sends the warnings itself (`warn` points at its caller).
    """

    locate: Callable[[Any], tuple[int | None, int | None]]
    kinds: dict[str, _Kind] = field(default_factory=dict)

    def add(self, kind: str, place: Any, example: str = "") -> None:
        entry = self.kinds.setdefault(kind, _Kind())
        entry.count += 1
        if example and len(entry.examples) < 3:
            entry.examples.append(example)
        entry.places.append(place)

    def counted(self, templates: Mapping[str, str]) -> Iterator[tuple[str, int | None, int | None]]:
        """(message, line, column) per kind in first-seen order, with the count and a few
        examples, located at the first."""
        for kind, entry in self.kinds.items():
            examples = "; ".join(entry.examples) + ("; …" if entry.count > 3 else "")
            line, column = self.locate(entry.places[0])
            yield f"{templates[kind].format(n=entry.count)} (e.g. {examples})", line, column

    def listed(self) -> Iterator[tuple[str, int | None, int | None]]:
        """(message, line, column) per kind in the order of the file, located at the first
        place and naming the lines of the others."""
        for message, entry in sorted(self.kinds.items(), key=lambda item: min(item[1].places)):
            places = sorted(entry.places)
            line, column = self.locate(places[0])
            if len(places) > 1:
                lines = sorted({self.locate(place)[0] or 0 for place in places[1:]})
                shown = ", ".join(str(n) for n in lines[:8]) + (", ..." if len(lines) > 8 else "")
                message += f" (also {len(places) - 1} more: line {shown})"
            yield message, line, column
