"""Whole-map consistency: ids, references and quotes, as located `Problem`s.

Kept apart from the schema so `check` can list every problem while validation stops on them.
"""

from __future__ import annotations

from collections.abc import Collection, Generator, Iterator, Mapping
from typing import TYPE_CHECKING, NamedTuple

from argmap.model.vocabulary import ID_RULE, RELATIONS, is_claim_id, normalize_id

if TYPE_CHECKING:
    from argmap.model.schema import ArgumentMap, Claim


#: A pydantic-style location: ``("claims", 3, "supports", 0)``.
Loc = tuple[str | int, ...]


class Problem(NamedTuple):
    """A whole-map inconsistency found at a pydantic-style location (a named tuple: every
    load imports this module, and a frozen dataclass costs more to define: benchmarks/RESULTS.md)."""

    loc: Loc
    code: str
    message: str
    hint: str | None = None


def reference_problems(
    amap: ArgumentMap, source_text: str | None = None, *, by_id: Mapping[str, Claim] | None = None
) -> Iterator[Problem]:
    """Duplicate ids, unknown or self references, missing supports, quotes not in the source.

    Problems come claim by claim, in map order (duplicate ids first). ``by_id`` is the map's
    id index when the caller has just built it (validation does, and keeps it as
    `ArgumentMap.by_id`, since building one for a big map is not free).
    """
    claims = amap.claims
    known: Mapping[str, object] = {c.id: c for c in claims} if by_id is None else by_id
    if len(known) != len(claims):
        known = yield from _duplicate_ids(claims)
    pairs: set[tuple[str, str]] | None = None
    for index, claim in enumerate(claims):
        claim_id = claim.id
        # The common case (every target known, none the claim itself) is one quick pass;
        # only a claim with a problem builds locations.
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
            yield from _relation_problems(claim, index, known)
        if claim.linked:
            yield from _linked_problems(claim, index, known)
        if claim.undercuts:
            if pairs is None:
                pairs = support_pairs(amap)
            yield from _undercut_problems(claim, index, known, pairs)
        if source_text is not None and claim.quote is not None and claim.quote not in source_text:
            yield _quote_problem(claim_id, index)


def _duplicate_ids(claims: list[Claim]) -> Generator[Problem, None, dict[str, int]]:
    """A problem for every reuse of an id; returns each id's first position."""
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
    return seen


def _unknown_id(target: str, loc: Loc, known: Mapping[str, object]) -> Problem:
    from argmap.errors import no_such_id

    return Problem(loc, "unknown_id", no_such_id(target), unknown_id_hint(target, known))


def unknown_id_hint(word: str, known_ids: Collection[str]) -> str:
    """The hint for an id no claim has: the closest ids and, when ``word`` could not be an id
    at all (``argmap show 'two words'``), which characters an id is made of."""
    from argmap.errors import suggest_id

    hint = suggest_id(word, known_ids)
    if is_claim_id(normalize_id(word)):
        return hint
    rule = f"{word!r} cannot be an id: {ID_RULE}"
    return rule if hint == "check the spelling" else f"{hint} ({rule})"


def _relation_problems(claim: Claim, index: int, known: Mapping[str, object]) -> Iterator[Problem]:
    """Unknown or self references in ``supports``, ``attacks`` and ``contrasts``."""
    for field in RELATIONS:
        for position, target in enumerate(getattr(claim, field)):
            loc: Loc = ("claims", index, field, position)
            if target not in known:
                yield _unknown_id(target, loc, known)
            elif target == claim.id:
                yield Problem(loc, "self_relation", f"claim {claim.id!r} {field} itself", "remove it")


def _linked_problems(claim: Claim, index: int, known: Mapping[str, object]) -> Iterator[Problem]:
    """Unknown or self references in a linked support's conclusion and co-premises."""
    for position, link in enumerate(claim.linked):
        for key, target in [("to", link.to)] + [("with", t) for t in link.with_]:
            loc: Loc = ("claims", index, "linked", position, key)
            if target not in known:
                yield _unknown_id(target, loc, known)
            elif target == claim.id:
                yield Problem(loc, "self_relation", f"claim {claim.id!r} is linked to itself", "remove it")


def _undercut_problems(
    claim: Claim, index: int, known: Mapping[str, object], pairs: set[tuple[str, str]]
) -> Iterator[Problem]:
    """Undercuts naming an unknown claim, or a support step that does not exist."""
    for position, cut in enumerate(claim.undercuts):
        loc: Loc = ("claims", index, "undercuts", position)
        missing = [t for t in (cut.from_, cut.to) if t not in known]
        if missing:
            yield _unknown_id(missing[0], (*loc, "from" if missing[0] == cut.from_ else "to"), known)
        elif (cut.from_, cut.to) not in pairs:
            yield Problem(
                loc,
                "no_such_support",
                f"{cut.from_!r} does not support {cut.to!r}, so there is no inference to undercut",
                f"add {cut.to!r} to the supports of {cut.from_!r}, or attack the claim instead",
            )


def _quote_problem(claim_id: str, index: int) -> Problem:
    return Problem(
        ("claims", index, "quote"),
        "quote_not_found",
        f"the quote of {claim_id!r} does not occur verbatim in the source text",
        "copy the span exactly from the source",
    )


def unquoted(amap: ArgumentMap, source_text: str) -> Iterator[Problem]:
    """The claims whose quote does not occur verbatim in ``source_text``, in map order."""
    for index, claim in enumerate(amap.claims):
        if claim.quote is not None and claim.quote not in source_text:
            yield _quote_problem(claim.id, index)


def unconnected(amap: ArgumentMap) -> list[int]:
    """Positions of the claims no chain of relations (either way) joins to a thesis.

    Empty when the map has no thesis: there is nothing to be connected to. References to
    unknown ids join nothing; the first claim of a repeated id stands for it.
    """
    claims = amap.claims
    if _connected_in_order(claims):
        return []
    theses = [claim.id for claim in claims if claim.kind == "thesis"]
    if not theses:
        return []
    known = {claim.id for claim in claims}
    neighbours: dict[str, list[str]] = {}
    for claim in claims:
        targets = [*claim.supports, *claim.attacks, *claim.contrasts]
        for link in claim.linked:
            targets += [link.to, *link.with_]
        for cut in claim.undercuts:
            targets += [cut.from_, cut.to]
        if not targets:
            continue
        mine = neighbours.setdefault(claim.id, [])
        for target in targets:
            if target in known:
                mine.append(target)
                neighbours.setdefault(target, []).append(claim.id)
    seen = set(theses)
    frontier = list(theses)
    while frontier:
        for neighbour in neighbours.get(frontier.pop(), ()):
            if neighbour not in seen:
                seen.add(neighbour)
                frontier.append(neighbour)
    if len(seen) == len(known):
        return []
    return [index for index, claim in enumerate(claims) if claim.id not in seen]


def _connected_in_order(claims: list[Claim]) -> bool:
    """Whether every claim is a thesis or relates to a claim listed before it that is
    connected so (and so on back to a thesis).

    Maps are mostly written in that order (a claim after the claims it speaks to), so one
    quick pass usually settles it; only the maps it does not settle build the whole graph.
    """
    connected: set[str] = set()
    for claim in claims:
        claim_id = claim.id
        if claim.kind == "thesis":
            connected.add(claim_id)
            continue
        # supports and attacks decide nearly every claim: plain loops, no generator each
        for target in claim.supports:
            if target in connected:
                break
        else:
            for target in claim.attacks:
                if target in connected:
                    break
            else:
                if not (
                    any(target in connected for target in claim.contrasts)
                    or any(link.to in connected for link in claim.linked)
                    or any(cut.to in connected for cut in claim.undercuts)
                ):
                    return False
        connected.add(claim_id)
    return True


def support_pairs(amap: ArgumentMap) -> set[tuple[str, str]]:
    """Every (premise, conclusion) inference, each premise of a linked group included."""
    pairs: set[tuple[str, str]] = set()
    for claim in amap.claims:
        pairs.update((claim.id, target) for target in claim.supports)
        for link in claim.linked:
            pairs.update((premise, link.to) for premise in (claim.id, *link.with_))
    return pairs
