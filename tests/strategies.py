"""Hypothesis strategies shared by the tests: random valid maps with every relation kind.

One generator, so every round trip (YAML, JSON, Argdown, AIF, GraphML) is tried on the same
rich maps: supports, attacks, contrasts, linked premises and undercuts, ids and texts from all
of Unicode, optional quotes, sections, tags and base scores. A format that by design cannot carry
something filters it at its own test, with a comment saying why.
"""

from __future__ import annotations

import functools
from collections.abc import Collection
from typing import Any

from hypothesis import strategies as st

from argmap.model import KINDS, ArgumentMap, is_claim_id, normalize_id, support_pairs, validate

RELATIONS = ("supports", "attacks", "contrasts", "linked", "undercuts")

_FIRST = "abcdefghijklmnopqrstuvwxyz0123456789"
# Valid claim ids (SLUG_PATTERN), built from alphabets: st.from_regex is several times slower.
_ascii_ids = st.builds(str.__add__, st.sampled_from(_FIRST), st.text(_FIRST + "._-", max_size=10))
# Ids of any script and case, in NFC as the model keeps them: letters of every category, marks
# (Devanagari vowel signs), digits of every script, and a few look-alikes (full-width letters,
# ``ß``) that ``check`` warns about.
_unicode_ids = (
    st.builds(
        str.__add__,
        st.characters(categories=("L", "Nd")) | st.sampled_from("论Ａßİ"),
        st.text(st.characters(categories=("L", "M", "Nd"), include_characters="._-"), max_size=10),
    )
    .map(normalize_id)
    .filter(is_claim_id)
)
#: A third of the ids drawn are Unicode ones, so every round trip meets both kinds.
ids = _ascii_ids | _ascii_ids | _unicode_ids
# Every character a file can hold: no lone surrogates (not encodable) and no NUL.
texts = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1, max_size=30)
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


# Relations are drawn as indices into the claim's pool of other ids, from strategies built
# once here: a strategy built per draw (st.sampled_from(pool)) costs hypothesis more than the
# draw itself, and these generators run thousands of times per suite.
_picks = st.lists(st.integers(0, 63), max_size=2)
_premises = st.lists(st.integers(0, 63), min_size=1, max_size=3)
_group_count = st.integers(0, 2)
_index = st.integers(0, 63)
_kinds = st.sampled_from(KINDS)
_optional_texts = st.none() | texts
_sections = st.none() | odd_sections | texts
_scores = st.none() | st.floats(0, 1)


@functools.cache
def _id_lists(min_size: int, max_size: int) -> st.SearchStrategy[list[str]]:
    return st.lists(ids, min_size=min_size, max_size=max_size, unique=True)


def _pick(pool: list[Any], indices: list[int], *, unique: bool) -> list[Any]:
    picked = [pool[i % len(pool)] for i in indices]
    return list(dict.fromkeys(picked)) if unique else picked


def _linked(draw: st.DrawFn, pool: list[str], *, unique: bool) -> list[dict[str, Any]]:
    groups: list[dict[str, Any]] = []
    if len(pool) < 2:
        return groups
    for _ in range(draw(_group_count)):
        to = pool[draw(_index) % len(pool)]
        premises = _pick([p for p in pool if p != to], draw(_premises), unique=True)
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
    claim_ids = draw(_id_lists(min_claims, max_claims))
    claims: list[dict[str, Any]] = []
    for claim_id in claim_ids:
        claim: dict[str, Any] = {"id": claim_id, "kind": draw(_kinds), "text": claim_id}
        if fields:
            claim["text"] = draw(texts)
            claim["quote"] = draw(_optional_texts)
            claim["section"] = draw(_sections)
            claim["tags"] = _tags(draw, claim_id, claim_ids)
            claim["base_score"] = draw(_scores)
        pool = [other for other in claim_ids if other != claim_id]
        if pool:
            for relation in ("supports", "attacks", "contrasts"):
                if relation in relations:
                    claim[relation] = _pick(pool, draw(_picks), unique=unique)
        if "linked" in relations:
            claim["linked"] = _linked(draw, pool, unique=unique)
        claims.append(claim)
    meta: dict[str, Any] = {}
    if fields:
        meta = {key: draw(_optional_texts) for key in ("title", "author", "source", "licence", "url")}
    pairs = sorted(support_pairs(validate({"meta": meta, "claims": claims})))
    if pairs and "undercuts" in relations:
        for claim in claims:
            cuts = _pick(pairs, draw(_picks), unique=unique)
            claim["undercuts"] = [{"from": premise, "to": conclusion} for premise, conclusion in cuts]
    return validate({"meta": meta, "claims": claims})
