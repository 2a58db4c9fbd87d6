"""Plain text for pipes and files: aligned columns, no escape codes."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> Iterator[str]:
    """Left-aligned columns two spaces apart; the last column is never padded.

    Widths are counted in terminal columns, so ids and sections in CJK (two columns a
    character) or with combining marks (none) line up too.
    """
    width = _width_function(rows)
    widths = [width(h) for h in headers[:-1]]
    for row in rows:
        for i, cell in enumerate(row[:-1]):
            widths[i] = max(widths[i], width(cell))
    for row in (headers, *rows):
        cells = [cell + " " * (widths[i] - width(cell)) for i, cell in enumerate(row[:-1])]
        yield "  ".join([*cells, row[-1]]).rstrip()


def _width_function(rows: Sequence[Sequence[str]]) -> Callable[[str], int]:
    """``len`` while every padded cell is ASCII (the common case, no import), else display width."""
    if all(cell.isascii() for row in rows for cell in row[:-1]):
        return len
    from argmap.formats.wrapping import display_width

    return display_width


#: How a tree row relates to its parent, as a glyph: support, attack, undercut, root.
GLYPH = {"supports": "+", "attacks": "−", "undercuts": "⊘", "contrasts": "⇄", None: "■"}
#: Deeper rows are drawn with a depth marker instead of ever-longer guides.
MAX_GUIDES = 24


#: How an acceptability label reads next to a claim.
STATUS_MARK = {"in": "IN", "out": "OUT", "undec": "UNDEC", "credulous": "IN?"}


def tree_label_parts(
    row: Any, claim: Any, status: str | None = None, score: float | None = None
) -> list[tuple[str, str | None]]:
    """The pieces of a tree line as (text, role), so plain and rich output say the same.

    Roles: ``glyph``, ``status``, ``kind``, ``id``, ``cycle``, ``note`` (repeats, linked
    partners, hidden depth), or None for plain text.
    """
    parts: list[tuple[str, str | None]] = [(GLYPH[row.relation], "glyph"), (" ", None)]
    if status is not None:
        parts += [(STATUS_MARK[status], "status"), (" ", None)]
    if score is not None:
        parts += [(f"{score:.3f}", "score"), (" ", None)]
    parts += [(f"[{claim.kind}]", "kind"), (" ", None), (row.id, "id")]
    if row.cycle:
        return [*parts, ("  ⟲ cycle: already on this path", "cycle")]
    if row.repeat:
        return [*parts, (f"  ↺ see {row.id}", "note")]
    parts += [(": ", None), (claim.text, None)]
    if row.linked:
        parts.append((f"  (linked with {', '.join(row.linked)})", "note"))
    if row.truncated:
        parts.append(("  … (deeper levels hidden; raise --depth)", "note"))
    return parts


def tree_label(row: Any, claim: Any, status: str | None = None, score: float | None = None) -> str:
    """``+ [evidence] id: text`` plus its label and score, linked partners, references and cycle marks."""
    if status is None and score is None and not (row.cycle or row.repeat or row.linked or row.truncated):
        return f"{GLYPH[row.relation]} [{claim.kind}] {row.id}: {claim.text}"  # most lines: a direct join
    return "".join(text for text, _role in tree_label_parts(row, claim, status, score))


def tree_guides(rows: Sequence[Any], max_guides: int = MAX_GUIDES) -> Iterator[str]:
    """The box-drawing prefix of each row (``├── ``, ``└── ``, ``│   ``), in one pass.

    A row is the last child when no later row shares its parent; that is known by scanning
    from the end, so the whole drawing stays linear. Rows deeper than ``max_guides`` levels
    start with a depth marker (``⋮31``) and only their nearest guides, so that a narrow
    terminal keeps room for the claim.
    """
    last_child = [False] * len(rows)
    seen_parents: set[Any] = set()
    for i in range(len(rows) - 1, -1, -1):
        key = (rows[i].parent, rows[i].depth) if rows[i].parent is not None else ("root", i)
        if key not in seen_parents:
            last_child[i] = True
            seen_parents.add(key)
    # open_levels[d] is True while the ancestor at depth d still has siblings below;
    # prefixes[k] is the drawing of open_levels[1:k], kept alongside so that a row's guide
    # is one lookup rather than a join over its depth (len(prefixes) == len(open_levels) + 1
    # while that is under ``kept``).
    open_levels: list[bool] = []
    prefixes: list[str] = [""]
    # Only the first levels are drawn in full, so only their prefixes are kept: a prefix for
    # every depth of a deep chain would hold a quadratic amount of spaces.
    kept = max_guides + 2
    for i, row in enumerate(rows):
        depth = row.depth
        del open_levels[depth:]
        del prefixes[depth + 1 :]
        last = last_child[i]
        if depth == 0:
            yield ""
        elif depth <= max_guides + 1 and depth < len(prefixes):
            yield prefixes[depth] + ("└── " if last else "├── ")
        else:
            start = max(1, depth - max_guides)
            prefix = f"⋮{depth} " if start > 1 else ""
            prefix += "".join("│   " if is_open else "    " for is_open in open_levels[start:depth])
            yield prefix + ("└── " if last else "├── ")
        while len(open_levels) < depth:
            if len(prefixes) < kept:
                prefixes.append(prefixes[-1] + "    " if open_levels else "")
            open_levels.append(False)
        if len(prefixes) < kept:
            prefixes.append((prefixes[-1] + ("    " if last else "│   ")) if open_levels else "")
        open_levels.append(not last)


def continuation_guide(guide: str) -> str:
    """The prefix of a row's further lines (a wrapped or multi-line claim): the same guides,
    the branch continued (``│``) or blank, and no depth marker, so the text stays under its claim."""
    if not guide:
        return ""
    marker = guide.find(" ") + 1 if guide.startswith("⋮") else 0
    return " " * marker + guide[marker:-4] + ("│   " if guide.endswith("├── ") else "    ")


def tree_line(guide: str, label: str) -> str:
    """One plain tree row; a newline in the claim's text continues under the row's guides."""
    if "\n" in label:
        label = label.replace("\n", "\n" + continuation_guide(guide))
    return guide + label


def describe_lines(info: dict[str, Any]) -> Iterator[str]:
    """`argmap show` as ``field: value`` lines."""

    def supports(items: list[dict[str, Any]]) -> str:
        parts = []
        for item in items:
            part = item["id"]
            if item["linked_with"]:
                part += f" (linked with {', '.join(item['linked_with'])})"
            if item["undercut_by"]:
                part += f" (inference undercut by {', '.join(item['undercut_by'])})"
            parts.append(part)
        return ", ".join(parts) or "-"

    at = info.get("quote_at")
    yield f"{info['id']} [{info['kind']}]"
    yield f"text:         {info['text']}"
    if info["quote"]:
        yield f"quote:        \u201c{info['quote']}\u201d"
        if at:
            yield f"quote at:     {at['file']}:{at['line']}:{at['column']}"
    yield f"section:      {info['section'] or '-'}"
    yield f"tags:         {', '.join(info['tags']) or '-'}"
    if info.get("base_score") is not None:
        yield f"base score:   {info['base_score']}"
    yield f"supports:     {supports(info['supports'])}"
    yield f"supported by: {supports(info['supported_by'])}"
    yield f"attacks:      {', '.join(info['attacks']) or '-'}"
    yield f"attacked by:  {', '.join(info['attacked_by']) or '-'}"
    yield f"contrasts:    {', '.join(info['contrasts']) or '-'}"
    if info["undercuts"]:
        yield "undercuts:    " + ", ".join(f"{u['from']} → {u['to']}" for u in info["undercuts"])


def trace_lines(result: Any) -> Iterator[str]:
    """Numbered chains ``A → B → C``, each followed by what contests its steps."""
    if result.direction == "down":
        title = f"Support chains leading to {result.claim}"
    else:
        title = f"Support chains from {result.claim} up to what it serves"
    if not result.chains:
        nothing = "nothing supports it" if result.direction == "down" else "it supports nothing"
        yield f"{title}: none ({nothing})."
        return
    count = f"{result.total}" if result.total is not None else "an unbounded number (support cycle)"
    yield f"{title}: {len(result.chains)} of {count}"
    width = len(str(len(result.chains)))
    for number, chain in enumerate(result.chains, 1):
        end = {"cycle": "  (stops at a support cycle)", "top": "  (ends below any thesis)"}.get(chain.end, "")
        defends = "".join(f"  ⊣ {attacked} ⊣ {defended}" for attacked, defended in chain.defends)
        if defends:
            end = "  (defends by attacking an attacker)"
        yield f"{number:>{width}}. " + " → ".join(chain.claims) + defends + end
        pad = " " * (width + 2)
        for claim_id, attackers in chain.attacked_by.items():
            yield f"{pad}contested: {claim_id} is attacked by {', '.join(attackers)}"
        for (premise, conclusion), by in chain.undercut_by.items():
            yield f"{pad}contested: {premise} → {conclusion} is undercut by {', '.join(by)}"
    if result.left_out:
        yield f"… {result.left_out} more chain{'s' if result.left_out > 1 else ''} not shown (raise --limit)"
    elif result.total is None:
        yield "… more chains may exist (a support cycle makes them unbounded; raise --limit)"


def search_lines(claims: Sequence[Any], words: Sequence[str]) -> Iterator[str]:
    """One line per match (``id [kind]: text``), then the quote when it is what matched."""
    from argmap.analysis.queries import find_spans

    for claim in claims:
        yield f"{claim.id} [{claim.kind}]: {claim.text}"
        if claim.quote and find_spans(claim.quote, words):
            yield f"    \u201c{claim.quote}\u201d"
    yield f"{len(claims)} claim{'s' if len(claims) != 1 else ''} found"
