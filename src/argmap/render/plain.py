"""Plain text for pipes and files: aligned columns, no escape codes."""

from __future__ import annotations

from collections.abc import Iterator, Sequence


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> Iterator[str]:
    """Left-aligned columns two spaces apart; the last column is never padded."""
    widths = [len(h) for h in headers[:-1]]
    for row in rows:
        for i, cell in enumerate(row[:-1]):
            widths[i] = max(widths[i], len(cell))
    for row in (headers, *rows):
        cells = [cell.ljust(widths[i]) for i, cell in enumerate(row[:-1])]
        yield "  ".join([*cells, row[-1]]).rstrip()
