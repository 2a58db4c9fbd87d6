"""What the store adds to the output: index progress, and ``list``/``search`` over every map
of a store, where each claim says which map it is from."""

from __future__ import annotations

from typing import TYPE_CHECKING

from argmap.progress import progress_step
from argmap.views.json_output import claim_json, print_json
from argmap.views.terminal import write_lines

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from argmap.model import Claim


def progress_line() -> Callable[[str, int, int], None] | None:
    """A progress callback that redraws one line on stderr, or None when stderr is not a terminal."""
    from argmap.views.terminal import status_line

    status = status_line()
    if status is None:
        return None

    def show(stage: str, done: int, total: int) -> None:
        status(f"argmap: indexing {stage} {done:,}/{total:,}")
        if stage == "indexes" and done == total:
            status("")

    return show


@progress_step("write")
def show_claims_across(found: Sequence[tuple[str, Claim]], *, as_json: bool) -> None:
    """``list`` over every map of a store: (map name, claim) as JSON or a table with a MAP column."""
    if as_json:
        print_json({"claims": [{"map": name, **claim_json(c)} for name, c in found], "count": len(found)})
        return
    from argmap.views.terminal import plain

    rows = [(name, c.id, c.kind, c.section or "-", c.text) for name, c in found]
    write_lines(plain.table(("MAP", "ID", "KIND", "SECTION", "TEXT"), rows))


@progress_step("write")
def show_search_across(found: Sequence[tuple[str, Claim]], words: list[str], *, as_json: bool) -> None:
    """``search`` over every map of a store: each match prefixed with its map's name."""
    if as_json:
        from argmap.views.output import search_match

        claims = [{"map": name, **search_match(c, words)} for name, c in found]
        print_json({"words": words, "count": len(found), "claims": claims})
        return
    from argmap.views.terminal import plain

    lines = [f"{name}: {line}" for name, c in found for line in list(plain.search_lines([c], words))[:-1]]
    write_lines([*lines, f"{len(found)} claim{'s' if len(found) != 1 else ''} found"])
