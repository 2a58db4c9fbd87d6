"""Claim ids from Argdown titles and texts, the same way when reading and writing."""

from __future__ import annotations

import re
import unicodedata

SLUG = re.compile(r"[a-z0-9][a-z0-9._-]*")


def slug(title: str, limit: int = 60) -> str:
    """A claim id for a title: the title itself when it already is one, else its slug ('' if none)."""
    if SLUG.fullmatch(title) and len(title) <= 200:
        return title
    ascii_text = (
        title
        if title.isascii()
        else unicodedata.normalize("NFKD", title.replace("ß", "ss")).encode("ascii", "ignore").decode()
    )
    text = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return text[:limit].rstrip("-")


def words_slug(text: str, limit: int = 40) -> str:
    """An id from the first words of a text, cut between words."""
    full = slug(" ".join(text.split()[:8]), 200)
    if len(full) <= limit:
        return full
    cut = full.rfind("-", 0, limit + 1)
    return full[:cut] if cut > 0 else full[:limit]


def unique(base: str, taken: set[str]) -> str:
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate
