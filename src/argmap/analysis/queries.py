"""Selecting claims: the filters behind ``list`` and the matcher behind ``search``.

Matching is case-insensitive through ``str.casefold`` (so ``STRASSE`` finds ``straße``) and
works on any script: CJK text has no spaces, so a word is any run of characters the user
typed, matched as a substring.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypedDict

from argmap.errors import MapError, did_you_mean, no_such_id

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from argmap.model import ArgumentMap, Claim
    from argmap.model.index import Edge, Index

#: (start, end) spans of matches inside a string.
Spans = list[tuple[int, int]]


def find_spans(text: str, words: Sequence[str]) -> Spans:
    """Where any of ``words`` occurs in ``text``, case-insensitively, merged and sorted."""
    folded, positions = _fold_with_positions(text)
    spans: Spans = []
    for word in words:
        needle = word.casefold()
        if not needle:
            continue
        start = folded.find(needle)
        while start != -1:
            end = start + len(needle)
            spans.append((positions[start], positions[end - 1] + 1))
            start = folded.find(needle, start + 1)
    spans.sort()
    merged: Spans = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _fold_with_positions(text: str) -> tuple[str, list[int]]:
    """The casefolded text and, per folded character, its index in the original.

    Casefolding can change lengths (``ß`` → ``ss``), so spans found in the folded text are
    mapped back through this table.
    """
    if text.isascii():
        return text.lower(), list(range(len(text)))
    parts: list[str] = []
    positions: list[int] = []
    for index, char in enumerate(text):
        folded = char.casefold()
        parts.append(folded)
        positions.extend([index] * len(folded))
    return "".join(parts), positions


def matches(claim: Claim, words: Sequence[str]) -> bool:
    """Every word occurs in the claim's id, text or quote."""
    haystack = " ".join(filter(None, (claim.id, claim.text, claim.quote))).casefold()
    return all(word.casefold() in haystack for word in words)


class Filters(TypedDict, total=False):
    """What `select` and `iter_select` (and a store's `select_across`) pick claims by."""

    kinds: Iterable[str]
    sections: Iterable[str]
    tags: Iterable[str]
    words: Sequence[str]


def select(amap: ArgumentMap, **filters: Unpack[Filters]) -> list[Claim]:
    """Claims of any of ``kinds``, in any of ``sections``, with all ``tags``, matching all words.

    Naming a kind, section or tag the map does not have is a mistake worth telling, not an
    empty result: the error suggests the nearest existing value.
    """
    return list(iter_select(amap, **filters))


def iter_select(
    amap: ArgumentMap,
    *,
    kinds: Iterable[str] = (),
    sections: Iterable[str] = (),
    tags: Iterable[str] = (),
    words: Sequence[str] = (),
) -> Iterator[Claim]:
    """`select`, one claim at a time (a store's first rows come before its last are read);
    the asked values are checked before it returns."""
    kinds, sections, tags = list(kinds), list(sections), list(tags)
    check_filters(amap, kinds, sections, tags)
    words = [w for w in words if w.strip()]
    if hasattr(amap, "select_claims"):  # a stand-in map (a store's) selects by query
        return (claim for _map, claim in amap.select_claims(kinds, sections, tags, words))
    return (
        claim
        for claim in amap.claims
        if (not kinds or claim.kind in kinds)
        and (not sections or claim.section in sections)
        and (not tags or all(tag in claim.tags for tag in tags))
        and (not words or matches(claim, words))
    )


def check_filters(
    amap: ArgumentMap, kinds: Sequence[str], sections: Sequence[str], tags: Sequence[str]
) -> None:
    """A `MapError` for a kind, section or tag ``amap`` does not have, with the nearest one."""
    from argmap.model import KINDS

    _known("kind", kinds, KINDS)
    # A stand-in map (a store's) looks the values up and selects by query instead.
    known = getattr(amap, "known_values", None)
    if sections:
        _known(
            "section",
            sections,
            known("section", sections) if known else {c.section for c in amap.claims if c.section},
        )
    if tags:
        _known("tag", tags, known("tag", tags) if known else {t for c in amap.claims for t in c.tags})


def _known(what: str, asked: Sequence[str], existing: Iterable[str]) -> None:
    existing = sorted(set(existing))
    for value in asked:
        if value not in existing:
            hint = did_you_mean(value, existing)
            choices = ", ".join(existing) if len(existing) <= 20 else f"{len(existing)} values"
            raise MapError(
                f"the map has no {what} {value!r}",
                hint=hint or (f"{what}s in this map: {choices}" if existing else f"this map has no {what}s"),
            )


def require(amap: ArgumentMap, claim_id: str) -> Claim:
    """The claim with this id (typed in any Unicode normal form), or a `MapError` naming the nearest ids."""
    from argmap.model import normalize_id
    from argmap.model.references import unknown_id_hint

    claim_id = normalize_id(claim_id)
    claim = amap.by_id.get(claim_id)
    if claim is None:
        raise MapError(no_such_id(claim_id), hint=unknown_id_hint(claim_id, amap.by_id))
    return claim


#: A claim's own fields, as `describe` shows them (in the schema's order).
_OWN_FIELDS = {"id", "kind", "text", "quote", "section", "tags", "base_score"}


def describe(index: Index, claim_id: str) -> dict[str, Any]:
    """Everything about one claim: its fields and every relation in and out, by kind."""
    claim = index.claims[claim_id]
    incoming, outgoing = index.incoming[claim_id], index.outgoing[claim_id]

    def support_list(edges: list[Edge], end: str) -> list[dict[str, Any]]:
        return [
            {"id": getattr(e, end), "linked_with": list(e.linked), "undercut_by": list(e.undercut_by)}
            for e in edges
            if e.kind == "supports"
        ]

    undercuts = [{"from": cut.from_, "to": cut.to} for cut in claim.undercuts]
    return {
        **claim.model_dump(include=_OWN_FIELDS),
        "supports": support_list(outgoing, "target"),
        "supported_by": support_list(incoming, "source"),
        "attacks": [e.target for e in outgoing if e.kind == "attacks"],
        "attacked_by": [e.source for e in incoming if e.kind == "attacks"],
        "contrasts": index.contrasts(claim_id),
        "undercuts": undercuts,
    }
