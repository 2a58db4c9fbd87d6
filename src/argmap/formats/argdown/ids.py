"""Claim ids from Argdown titles and texts, the same way when reading and writing."""

from __future__ import annotations

import re

SLUG = re.compile(r"[a-z0-9][a-z0-9._-]*")


def slug(title: str, limit: int = 60) -> str:
    """A claim id for a title: the title itself when it already is one, else its slug ('' if none).

    An ASCII title keeps the lower-case ASCII slugs argmap always made (``Statement 1`` →
    ``statement-1``); any other keeps its letters and digits (``[步行街]`` → ``步行街``,
    ``[Ärger]`` → ``ärger``), lower-cased, in NFC.
    """
    if SLUG.fullmatch(title) and len(title) <= 200:
        return title
    if title.isascii():
        text = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
        return text[:limit].rstrip("-")
    return _unicode_slug(title, limit)


def _unicode_slug(title: str, limit: int) -> str:
    from argmap.model import is_claim_id, is_id_letter, normalize_id

    lowered = normalize_id(normalize_id(title).lower())
    if is_claim_id(lowered) and lowered == lowered.lower():
        return lowered
    parts: list[str] = []
    for char in lowered:
        if is_id_letter(char):
            parts.append(char)
        elif parts and parts[-1] != "-":
            parts.append("-")
    text = "".join(parts).strip("-")[:limit].rstrip("-")
    while text and not is_claim_id(text[0]):  # a cut may leave a mark first; an id starts with a letter
        text = text[1:].lstrip("-")
    return text


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
