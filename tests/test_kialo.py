"""Kialo exports: the real corpus counts, both dialects, links, footnotes, traps and located errors."""

from __future__ import annotations

import warnings
from collections import Counter
from pathlib import Path

import pytest

from argmap.errors import MapError, MapWarning
from argmap.formats import kialo
from argmap.model import ArgumentMap

FIXTURES = Path(__file__).parent / "fixtures" / "kialo"


def read_recording(text: str, path: str | None = None) -> tuple[ArgumentMap, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        amap = kialo.read(text, path=path)
    assert all(issubclass(w.category, MapWarning) for w in caught), [str(w.message) for w in caught]
    return amap, [str(w.message) for w in caught]


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


# README of shared/corpus/kialo: claims (numbered lines), Pro, Con, theses, questions,
# internal and cross-discussion links, max depth.
CORPUS = {
    "should-hate-speech-be-illegal-6148.txt": (106, 42, 63, 1, 0, 1, 0, 6),
    "did-the-exodus-really-happen-14445.txt": (98, 39, 58, 1, 0, 6, 0, 8),
    "is-a-biologically-related-family-unit-the-best-environment-in-which-to-raise-children-40079.txt": (
        18,
        6,
        11,
        1,
        0,
        0,
        0,
        5,
    ),
    "a-child-doesnt-owe-his-parents-something-for-getting-raised-by-them-30667.txt": (
        43,
        26,
        16,
        1,
        0,
        1,
        0,
        7,
    ),
    "what-are-the-most-useful-educational-resources-websites-on-the-internet-14768.txt": (
        235,
        117,
        79,
        38,
        1,
        3,
        7,
        5,
    ),
}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_corpus_counts_match_the_readme(corpus: Path, name: str) -> None:
    claims, pro, con, theses, questions, internal, cross, depth = CORPUS[name]
    text = (corpus / "kialo" / name).read_text(encoding="utf-8")
    amap, _ = read_recording(text, path=name)
    kinds = Counter(c.kind for c in amap.claims)
    tags = Counter(tag for c in amap.claims for tag in c.tags)
    supports = sum(len(c.supports) for c in amap.claims)
    attacks = sum(len(c.attacks) for c in amap.claims)
    # a '-> See' link merges into the claim it names: one claim fewer, the same number of edges
    assert len(amap) == claims - internal
    assert (supports, attacks) == (pro, con)
    assert (kinds["thesis"], tags["question"], tags["external"]) == (theses, questions, cross)
    answers = theses if questions else 0  # theses under a question are tree edges without a relation
    assert supports + attacks + answers == claims - 1
    assert max(c.id.count(".") + 1 for c in amap.claims) <= depth


def test_sources_block_trap(corpus: Path) -> None:
    name = "what-are-the-most-useful-educational-resources-websites-on-the-internet-14768.txt"
    amap, messages = read_recording((corpus / "kialo" / name).read_text(encoding="utf-8"), path=name)
    assert not any("Maintain an active Twitter presence" in c.text for c in amap.claims)
    assert any(m.startswith(f"{name}:713: did not keep the quoted excerpts") for m in messages)
    assert amap["k1"].tags == ["question"] and amap["k1.1"].kind == "thesis"


# --------------------------------------------------------------------------- hand-written fixtures


def test_old_dialect() -> None:
    amap, messages = read_recording(fixture("old.txt"))
    assert messages == []
    assert amap.meta.title == "Should towns plant more trees?"
    assert [c.id for c in amap.claims] == ["k1", "k1.1", "k1.1.1", "k1.1.1.1", "k1.2", "k1.2.1"]
    assert [c.kind for c in amap.claims] == ["thesis", "claim", "objection", "rebuttal", "objection", "claim"]
    assert amap["k1.1"].text == "Trees cool streets in summer (by several degrees)."
    assert (
        amap["k1.1.1"].text
        == "Cooling depends on the species [see the [study](https://example.org/trees_(2020))]."
    )
    assert amap["k1.1.1.1"].text == "Most towns plant shade species anyway.\nThe rest are rare."
    assert amap["k1.2.1"].text == "Pruning alone costs @ least a salary."
    # tree edges, plus the two '-> See' links as extra edges on the claims they name
    assert amap["k1.1"].supports == ["k1"] and amap["k1.1"].attacks == ["k1.2"]
    assert amap["k1.1.1.1"].attacks == ["k1.1.1"] and amap["k1.1.1.1"].supports == ["k1"]


def test_new_dialect() -> None:
    amap, messages = read_recording(fixture("new.txt"), path="new.txt")
    assert amap.meta.title == "Which pets suit flats?"
    assert [c.id for c in amap.claims] == ["k1", "k1.1", "k1.1.1", "k1.1.2", "k1.1.2.1", "k1.2", "k1.2.2"]
    assert amap["k1"].tags == ["question"] and amap["k1"].kind == "claim"
    assert amap["k1.1"].kind == amap["k1.2"].kind == "thesis"
    assert amap["k1.1.1"].text == "Cats need no walks [1](https://example.org/cats_(pets))."
    assert amap["k1.1.1"].supports == ["k1.1", "k1.2"]
    assert amap["k1.1.2"].text == "Cats scratch furniture.\nSome scratch walls too.\n\nOthers never do."
    external = amap["k1.1.2.1"]
    assert (external.text, external.kind, external.tags) == (
        "Scratching posts solve scratching.",
        "rebuttal",
        ["external", "kialo-discussion:4242"],
    )
    assert external.attacks == ["k1.1.2"]
    assert amap["k1.2.2"].text == "Tanks are heavy [2](https://example.org/fish) and need care [9]."
    assert not any("strong shelf" in c.text for c in amap.claims)  # the Sources: trap
    for expected in (
        "new.txt:7: kept 2 thesis/theses answering a question",
        "new.txt:28: left 1 footnote marker(s) as written",
        "new.txt:31: did not keep the quoted excerpts of 1 source(s)",
        "new.txt:31: did not keep 1 source(s) that no claim cites",
    ):
        assert any(m.startswith(expected) for m in messages), (expected, messages)


@pytest.mark.parametrize("name", ["old.txt", "new.txt"])
def test_crlf_reads_like_lf(name: str) -> None:
    lf, _ = read_recording(fixture(name))
    crlf, _ = read_recording(fixture(name).replace("\n", "\r\n"))
    assert crlf.model_dump() == lf.model_dump()


def test_bad_links_are_dropped_with_warnings() -> None:
    amap, messages = read_recording(fixture("bad_links.txt"), path="bad_links.txt")
    assert [c.id for c in amap.claims] == ["k1", "k1.1"]
    assert amap["k1.1"].supports == ["k1"]
    for expected in (
        "bad_links.txt:5: dropped 1 '-> See' link(s) to a claim that is not in the file",
        "bad_links.txt:6: dropped 1 '-> See' link(s) that would make a claim support or attack itself",
        "bad_links.txt:7: dropped 1 '-> See' link(s) repeating a relation",
    ):
        assert any(m.startswith(expected) for m in messages), (expected, messages)


@pytest.mark.parametrize(
    ("name", "line", "column", "message"),
    [
        ("no_header.txt", 1, 1, "not a Kialo export"),
        ("orphan.txt", 5, 1, "claim 1.3.2. has no parent 1.3."),
        ("duplicate.txt", 10, 3, "claim 1.1. appears twice"),
    ],
)
def test_malformed_files_give_located_errors(name: str, line: int, column: int, message: str) -> None:
    with pytest.raises(MapError) as info:
        kialo.read(fixture(name), path=name)
    error = info.value
    assert (error.path, error.line, error.column) == (name, line, column)
    assert message in error.message and error.hint


def test_header_without_claims_is_an_error() -> None:
    with pytest.raises(MapError, match="no claims found"):
        kialo.read("Discussion Title: Empty\n")


def chain(depth: int, new_dialect: bool) -> str:
    """A single Pro/Con chain ``depth`` levels deep, in either dialect."""
    if not new_dialect:
        lines = ["Discussion Title: Deep", "", "1. Root"]
        lines += [
            f"{'.'.join(['1'] * d)}. {'Pro' if d % 2 else 'Con'}: level {d}" for d in range(2, depth + 1)
        ]
        return "\n".join(lines) + "\n"
    lines = ["Discussion Name:", "Deep", "", "1. Thesis:", "Root", ""]
    for d in range(2, depth + 1):
        indent = "  " * (d - 1)
        lines += [f"{indent}{'.'.join(['1'] * d)}. {'Pro' if d % 2 else 'Con'}:", f"{indent}level {d}", ""]
    return "\r\n".join(lines)


@pytest.mark.parametrize("new_dialect", [False, True])
def test_depth_beyond_nineteen(new_dialect: bool) -> None:
    amap, _ = read_recording(chain(25, new_dialect))
    assert len(amap) == 25
    deepest = amap["k" + ".".join(["1"] * 25)]
    assert deepest.text == "level 25" and deepest.supports == ["k" + ".".join(["1"] * 24)]
    assert deepest.kind == "claim" and amap["k" + ".".join(["1"] * 24)].kind == "objection"


@pytest.mark.parametrize("new_dialect", [False, True])
def test_very_deep_chain_has_no_recursion_and_valid_ids(new_dialect: bool) -> None:
    amap, _ = read_recording(chain(1_500, new_dialect))
    assert len(amap) == 1_500 and len({c.id for c in amap.claims}) == 1_500
    assert all(len(c.id) <= 200 for c in amap.claims)
    assert sum(len(c.supports) + len(c.attacks) for c in amap.claims) == 1_499


def test_registry_reads_kialo_by_name() -> None:
    from argmap.formats import parse as read_text

    assert len(read_text(fixture("old.txt"), fmt="kialo")) == 6
