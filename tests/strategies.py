"""Hypothesis strategies shared by the tests: random valid maps with every relation kind.

One generator, so every round trip (YAML, JSON, Argdown, AIF, GraphML) is tried on the same
rich maps: supports, attacks, contrasts, linked premises and undercuts, texts from all of
Unicode, optional quotes, sections, tags and base scores. A format that by design cannot carry
something filters it at its own test, with a comment saying why.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from hypothesis import strategies as st

from argmap.model import KINDS, ArgumentMap, support_pairs, validate

RELATIONS = ("supports", "attacks", "contrasts", "linked", "undercuts")

ids = st.from_regex(r"[a-z0-9][a-z0-9._-]{0,10}", fullmatch=True)
# Every character a file can hold: no lone surrogates (not encodable) and no NUL.
texts = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), min_size=1, max_size=30)
# Section names that stress the writers: a heading marker, edge spaces, a line break.
odd_sections = st.sampled_from(["intro", "Part #2", " odd ", "a\nb"])


# Tags: free text, AIF's ``rephrases:<id>`` (an int picks the id) and, first in the list only,
# Argdown's ``title:``/``argument:`` markers (an int picks a spelling of the claim's title).
_tag_items = st.lists(st.text(max_size=8) | st.integers(0, 7), max_size=3)
_tag_markers = st.none() | st.tuples(st.sampled_from(["title:", "argument:"]), st.integers(0, 4))


def _tags(draw: st.DrawFn, claim_id: str, claim_ids: list[str]) -> list[str]:
    tags = [
        f"rephrases:{claim_ids[t % len(claim_ids)]}" if isinstance(t, int) else t for t in draw(_tag_items)
    ]
    marker = draw(_tag_markers)
    if marker is not None:
        titles = [claim_id, claim_id.upper(), claim_id.replace("-", " "), "x]y", ">"]
        tags.insert(0, marker[0] + titles[marker[1]])
    return tags


def _linked(draw: st.DrawFn, pool: list[str], *, unique: bool) -> list[dict[str, Any]]:
    groups: list[dict[str, Any]] = []
    if len(pool) < 2:
        return groups
    for _ in range(draw(st.integers(0, 2))):
        to = draw(st.sampled_from(pool))
        premises = draw(
            st.lists(st.sampled_from([p for p in pool if p != to]), min_size=1, max_size=3, unique=True)
        )
        group = {"to": to, "with": premises}
        if not unique or group not in groups:
            groups.append(group)
    return groups


@st.composite
def argument_maps(
    draw: st.DrawFn,
    *,
    min_claims: int = 0,
    max_claims: int = 8,
    relations: Collection[str] = RELATIONS,
    unique: bool = False,
    fields: bool = True,
) -> ArgumentMap:
    """A valid map drawing every relation kind in ``relations`` (cycles allowed).

    ``unique=False`` lets a claim name the same target twice (the model allows it, ``check``
    warns); ``fields=False`` leaves out quotes, sections, tags, base scores and metadata for
    tests about structure only.
    """
    claim_ids = draw(st.lists(ids, min_size=min_claims, max_size=max_claims, unique=True))
    claims: list[dict[str, Any]] = []
    for claim_id in claim_ids:
        claim: dict[str, Any] = {"id": claim_id, "kind": draw(st.sampled_from(KINDS)), "text": claim_id}
        if fields:
            claim["text"] = draw(texts)
            claim["quote"] = draw(st.none() | texts)
            claim["section"] = draw(st.none() | odd_sections | texts)
            claim["tags"] = _tags(draw, claim_id, claim_ids)
            claim["base_score"] = draw(st.none() | st.floats(0, 1))
        pool = [other for other in claim_ids if other != claim_id]
        if pool:
            for relation in ("supports", "attacks", "contrasts"):
                if relation in relations:
                    claim[relation] = draw(st.lists(st.sampled_from(pool), max_size=2, unique=unique))
        if "linked" in relations:
            claim["linked"] = _linked(draw, pool, unique=unique)
        claims.append(claim)
    meta: dict[str, Any] = {}
    if fields:
        meta = {key: draw(st.none() | texts) for key in ("title", "author", "source", "licence", "url")}
    pairs = sorted(support_pairs(validate({"meta": meta, "claims": claims})))
    if pairs and "undercuts" in relations:
        for claim in claims:
            cuts = draw(st.lists(st.sampled_from(pairs), max_size=2, unique=unique))
            claim["undercuts"] = [{"from": premise, "to": conclusion} for premise, conclusion in cuts]
    return validate({"meta": meta, "claims": claims})
