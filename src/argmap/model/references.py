"""Whole-map consistency: ids, references and quotes, as located `Problem`s.

Kept apart from the schema so `check` can list every problem while validation stops on them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from argmap.model.vocabulary import RELATIONS

if TYPE_CHECKING:
    from argmap.model.schema import ArgumentMap, Claim


@dataclass(frozen=True)
class Problem:
    """A whole-map inconsistency found at a pydantic-style location."""

    loc: tuple[str | int, ...]
    code: str
    message: str
    hint: str | None = None


def reference_problems(
    amap: ArgumentMap, source_text: str | None = None, *, by_id: Mapping[str, Claim] | None = None
) -> Iterator[Problem]:
    """Duplicate ids, unknown or self references, missing supports, quotes not in the source.

    ``by_id`` is the map's id index when the caller has just built it (validation does, and
    keeps it as `ArgumentMap.by_id`: a million-entry dict costs about a second to build).
    """
    from argmap.errors import no_such_id, suggest_id

    claims = amap.claims
    known: Mapping[str, object] = {c.id: c for c in claims} if by_id is None else by_id
    if len(known) != len(claims):
        seen: dict[str, int] = {}
        for index, claim in enumerate(claims):
            claim_id = claim.id
            if claim_id in seen:
                yield Problem(
                    ("claims", index, "id"),
                    "duplicate_id",
                    f"duplicate claim id {claim_id!r} (first used by claim {seen[claim_id] + 1})",
                    "give each claim its own id",
                )
            else:
                seen[claim_id] = index
        known = seen

    def unknown(target: str, loc: tuple[str | int, ...]) -> Problem:
        return Problem(loc, "unknown_id", no_such_id(target), suggest_id(target, known))

    pairs: set[tuple[str, str]] | None = None
    check_quotes = source_text is not None
    for index, claim in enumerate(claims):
        claim_id = claim.id
        # The common case (every target known, none the claim itself) is one quick pass;
        # only a claim with a problem builds locations, in the same order as always.
        clean = True
        for target in claim.supports:
            if target == claim_id or target not in known:
                clean = False
        for target in claim.attacks:
            if target == claim_id or target not in known:
                clean = False
        for target in claim.contrasts:
            if target == claim_id or target not in known:
                clean = False
        if not clean:
            for field in RELATIONS:
                for position, target in enumerate(getattr(claim, field)):
                    loc: tuple[str | int, ...] = ("claims", index, field, position)
                    if target not in known:
                        yield unknown(target, loc)
                    elif target == claim_id:
                        yield Problem(loc, "self_relation", f"claim {claim_id!r} {field} itself", "remove it")
        if claim.linked:
            for position, link in enumerate(claim.linked):
                for key, target in [("to", link.to)] + [("with", t) for t in link.with_]:
                    loc = ("claims", index, "linked", position, key)
                    if target not in known:
                        yield unknown(target, loc)
                    elif target == claim_id:
                        yield Problem(
                            loc, "self_relation", f"claim {claim_id!r} is linked to itself", "remove it"
                        )
        if claim.undercuts:
            for position, cut in enumerate(claim.undercuts):
                loc = ("claims", index, "undercuts", position)
                missing = [t for t in (cut.from_, cut.to) if t not in known]
                if missing:
                    yield unknown(missing[0], (*loc, "from" if missing[0] == cut.from_ else "to"))
                    continue
                if pairs is None:
                    pairs = support_pairs(amap)
                if (cut.from_, cut.to) not in pairs:
                    yield Problem(
                        loc,
                        "no_such_support",
                        f"{cut.from_!r} does not support {cut.to!r}, so there is no inference to undercut",
                        f"add {cut.to!r} to the supports of {cut.from_!r}, or attack the claim instead",
                    )
        if check_quotes and claim.quote is not None and claim.quote not in source_text:  # type: ignore[operator]
            yield Problem(
                ("claims", index, "quote"),
                "quote_not_found",
                f"the quote of {claim_id!r} does not occur verbatim in the source text",
                "copy the span exactly from the source",
            )


def support_pairs(amap: ArgumentMap) -> set[tuple[str, str]]:
    """Every (premise, conclusion) inference, each premise of a linked group included."""
    pairs = set()
    for claim in amap.claims:
        pairs.update((claim.id, target) for target in claim.supports)
        for link in claim.linked:
            pairs.update((premise, link.to) for premise in (claim.id, *link.with_))
    return pairs
