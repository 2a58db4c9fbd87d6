"""The native YAML format: exact error messages and locations, safety, round trips."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap import MapError
from argmap.errors import DraftWarning, MapWarning
from argmap.formats import yaml as yaml_format
from strategies import argument_maps, texts

GOOD = """\
meta:
  title: Tiny
claims:
  - id: thesis
    kind: thesis
    text: The thesis.
  - id: reason
    text: A reason.
    supports: [thesis]
"""


def error_of(text: str) -> str:
    with pytest.raises(MapError) as caught:
        argmap.loads(text, path="m.yaml")
    return str(caught.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            "claims:\n  - id: a\n    text: t\n    suports: [a]\n",
            "m.yaml:4:5: unknown key 'suports' in claim 'a'; did you mean 'supports'?",
            id="unknown-key",
        ),
        pytest.param(
            "claims:\n  - id: alpha\n    text: t\n  - id: b\n    text: u\n    attacks: [alpah]\n",
            "m.yaml:6:15: no claim has the id 'alpah'; did you mean 'alpha'?",
            id="unknown-id",
        ),
        pytest.param(
            "claims:\n  - id: a\n    text: t\n  - id: a\n    text: u\n",
            "m.yaml:4:9: duplicate claim id 'a' (first used by claim 1); give each claim its own id",
            id="duplicate-id",
        ),
        pytest.param(
            "claims:\n  - id: a\n    text: t\n    text: u\n",
            "m.yaml:4:5: duplicate key 'text'; each key may appear once per mapping; remove or merge the repeats",
            id="duplicate-key",
        ),
        pytest.param(
            "claims:\n  - id: a\n    kind: rebutal\n    text: t\n",
            "m.yaml:3:11: unknown kind 'rebutal' in claim 'a'; did you mean 'rebuttal'?",
            id="unknown-kind",
        ),
        pytest.param(
            "claims:\n  - id: Not A Slug\n    text: t\n",
            "m.yaml:2:9: id 'Not A Slug' in claim 1 is not a valid claim id; ids use letters and digits "
            "of any script, '-', '_' and '.', and start with a letter or digit",
            id="bad-id",
        ),
        pytest.param(
            "claims:\n  - id: a\n",
            "m.yaml:2:5: the required key 'text' is missing in claim 'a'; add 'text: ...'",
            id="missing-text",
        ),
        pytest.param(
            "claims:\n  - id: a\n    text: [x]\n",
            "m.yaml:3:11: text in claim 'a': expected text; write it as one piece of text, in quotes if it contains ': '",
            id="wrong-type",
        ),
        pytest.param(
            "claims:\n  - id: a\n    text: t\n    supports: a\n",
            "m.yaml:4:15: supports in claim 'a': expected a list; write a list, e.g. [a, b]",
            id="scalar-for-list",
        ),
        pytest.param(
            "claims:\n  - id: a\n    text: t\n    supports: [a]\n",
            "m.yaml:4:16: claim 'a' supports itself; remove it",
            id="self-relation",
        ),
        pytest.param(
            "claims:\n  - id: a\n    text: t\n  - id: b\n    text: u\n    undercuts: [{from: a, to: b}]\n",
            "m.yaml:6:17: 'a' does not support 'b', so there is no inference to undercut; "
            "add 'b' to the supports of 'a', or attack the claim instead",
            id="undercut-without-support",
        ),
        pytest.param(
            "",
            "m.yaml:1:1: the map is empty; a map needs at least 'claims:' with a list of claims",
            id="empty",
        ),
        pytest.param(
            "# only a comment\n",
            "m.yaml:1:1: the map is empty; a map needs at least 'claims:' with a list of claims",
            id="only-comments",
        ),
        pytest.param(
            "- a\n- b\n",
            "m.yaml:1:1: a map must be a mapping with 'meta' and 'claims'; start the file with 'claims:'",
            id="top-level-list",
        ),
        pytest.param(
            "a: &x 1\nb: *x\n",
            "m.yaml:1:4: YAML anchors (&name) are not allowed in a map; write the value out in full; "
            "anchors and aliases are never needed and can hide expansion bombs",
            id="anchor",
        ),
        pytest.param(
            "base: {a: 1}\nother:\n  <<: {b: 2}\n",
            "m.yaml:3:3: merge keys (<<) are not allowed; write the keys out in full",
            id="merge-key",
        ),
        pytest.param(
            "x: !!python/object:os.system 1\n",
            "m.yaml:1:4: the tag 'tag:yaml.org,2002:python/object:os.system' is not allowed; "
            "remove the tag; argmap maps hold plain text, lists and mappings",
            id="python-tag",
        ),
        pytest.param(
            "claims:\n\t- id: a\n",
            "m.yaml:2:1: not valid YAML: found character that cannot start any token; "
            "YAML does not allow tabs for indentation; use spaces",
            id="tab",
        ),
        pytest.param(
            "claims:\n  - id: a\n    text: a: b\n",
            "m.yaml:3:12: not valid YAML: mapping values are not allowed in this context; "
            "a text containing ': ' must be quoted",
            id="unquoted-colon",
        ),
        pytest.param(
            "claims: []\n---\nclaims: []\n",
            "m.yaml:2:1: a map file holds one YAML document, this is a second one; "
            "remove the '---' line or split the file",
            id="two-documents",
        ),
        pytest.param(
            "claims:\n  - id: a\n    text: t\n    base_score: 1.5\n",
            "m.yaml:4:17: base_score in claim 'a' must be between 0 and 1",
            id="score-range",
        ),
        pytest.param(
            "meta:\n  titel: x\nclaims: []\n",
            "m.yaml:2:3: unknown key 'titel' in meta; did you mean 'title'?",
            id="meta-key",
        ),
    ],
)
def test_error_message_and_location(text: str, message: str) -> None:
    assert error_of(text) == message


def test_yaml_11_pitfalls_stay_strings() -> None:
    amap = argmap.loads(
        "claims:\n  - id: 'no'\n    text: on\n    tags: [yes, 1.0, 2024-01-02, null-ish]\n"
        "  - id: '1.0'\n    text: 'off'\n    supports: ['no']\n"
    )
    first, second = amap.claims
    assert (first.id, first.text, first.tags) == ("no", "on", ["yes", "1.0", "2024-01-02", "null-ish"])
    assert (second.id, second.text, second.supports) == ("1.0", "off", ["no"])


def test_plain_ids_that_look_like_numbers_and_booleans() -> None:
    amap = argmap.loads(
        "claims:\n  - id: no\n    text: yes\n  - id: 1.0\n    text: 0x10\n    attacks: [no]\n"
    )
    assert [(c.id, c.text) for c in amap.claims] == [("no", "yes"), ("1.0", "0x10")]


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode())
    amap = argmap.load(path)
    assert [c.id for c in amap.claims] == ["thesis", "reason"]


def test_crlf_error_lines_are_counted_right() -> None:
    assert error_of("claims:\r\n  - id: a\r\n    text: t\r\n    oops: 1\r\n").startswith(
        "m.yaml:4:5: unknown key 'oops'"
    )


def test_invalid_utf8_is_located(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes(b"claims:\n  - id: a\n    text: caf\xe9\n")
    with pytest.raises(MapError) as caught:
        argmap.load(path)
    assert str(caught.value) == f"{path}:3:14: not valid UTF-8 (byte 0xe9); save the file as UTF-8"


def test_billion_laughs_is_refused_at_the_first_anchor() -> None:
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        bomb += f"{level}: &{level} [" + ",".join([f"*{previous}"] * 9) + "]\n"
    assert error_of(bomb).startswith("m.yaml:1:4: YAML anchors (&name) are not allowed")


def test_quotes_are_checked_against_the_source(tmp_path: Path) -> None:
    (tmp_path / "essay.txt").write_text("The sky is blue.\n", encoding="utf-8")
    path = tmp_path / "m.yaml"
    path.write_text(
        "meta:\n  source: essay.txt\nclaims:\n  - id: a\n    text: t\n    quote: sky is blue\n"
        "  - id: b\n    text: u\n    quote: sky is green\n",
        encoding="utf-8",
    )
    # a quote not (yet) in the source leaves a sound map: a draft, loaded with a warning
    with pytest.warns(DraftWarning) as caught:
        amap = argmap.load(path)
    assert amap["b"].quote == "sky is green"
    assert [str(w.message) for w in caught] == [
        (
            f"{path}:9:12: the quote of 'b' does not occur verbatim in the source text; copy the span exactly "
            "from the source (argmap check shows the closest passage)"
        )
    ]


def test_missing_source_is_located(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("meta:\n  source: gone.txt\nclaims: []\n", encoding="utf-8")
    with pytest.warns(MapWarning) as caught:
        amap = argmap.load(path)
    assert amap.claims == []
    assert [str(w.message) for w in caught] == [
        (
            f"{path}:2:11: quotes not checked: cannot read the source text 'gone.txt': no such file "
            "(meta.source is relative to the map file; fix the path or remove the key)"
        )
    ]


def test_linked_and_undercut_spelling() -> None:
    amap = argmap.loads(
        "claims:\n"
        "  - {id: c, kind: thesis, text: Conclusion.}\n"
        "  - id: p1\n    text: Premise one.\n    linked: [{to: c, with: [p2]}]\n"
        "  - {id: p2, text: Premise two.}\n"
        "  - id: u\n    text: The inference fails.\n    undercuts: [{from: p2, to: c}]\n"
    )
    assert amap["p1"].linked[0].with_ == ["p2"]
    assert (amap["u"].undercuts[0].from_, amap["u"].undercuts[0].to) == ("p2", "c")


def test_write_is_normalised_and_reads_back() -> None:
    amap = argmap.loads(GOOD)
    text = yaml_format.write(amap)
    assert text == (
        "meta:\n  title: Tiny\nclaims:\n- id: thesis\n  kind: thesis\n  text: The thesis.\n"
        "- id: reason\n  text: A reason.\n  supports: [thesis]\n"
    )
    assert argmap.loads(text) == amap


# -- properties ------------------------------------------------------------------------------


def without_source(amap: argmap.ArgumentMap) -> argmap.ArgumentMap:
    """YAML reads ``meta.source`` as the path of the source text and checks quotes against it,
    so a random one is a missing file, not a lossy round trip."""
    return amap.model_copy(update={"meta": amap.meta.model_copy(update={"source": None})})


@settings(max_examples=150, deadline=None)
@given(argument_maps().map(without_source))
def test_yaml_round_trip_is_lossless(amap: argmap.ArgumentMap) -> None:
    assert argmap.loads(yaml_format.write(amap)) == amap


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_give_a_map_or_a_map_error(data: bytes) -> None:
    from argmap.files import decode

    with contextlib.suppress(MapError):
        argmap.loads(decode(data, "fuzz.yaml"), path="fuzz.yaml")


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
    max_leaves=20,
)
yaml_documents = st.dictionaries(st.sampled_from(["meta", "claims", "other"]), yaml_values, max_size=3)


@settings(max_examples=300, deadline=None)
@given(yaml_documents)
def test_random_yaml_documents_give_a_map_or_a_map_error(document: dict[str, Any]) -> None:
    import yaml

    with contextlib.suppress(MapError):
        argmap.loads(yaml.safe_dump(document, allow_unicode=True))


# -- the fast and the exact read paths ---------------------------------------------------------

YAML_NOISE = ": -[]{}&*!|>'\"#%@`,?\n\t "


STYLES = ("argmap", "block", "flow", "double", "single")


@st.composite
def yaml_texts(draw: st.DrawFn) -> list[str]:
    """One random map (or a random document) dumped in every YAML style argmap may meet,
    each copy with its own comments and edits.

    Styles: argmap's own writer, block and flow collections, double- and single-quoted
    scalars, escaped or literal unicode, narrow line widths that fold long texts. Comments go
    anywhere (inside a quoted scalar they are text, which is fine: both paths read the same
    bytes). Edits with YAML's punctuation break some documents, so errors are compared too.
    """
    import json

    import yaml

    amap = draw(argument_maps())
    data = json.loads(json.dumps(yaml_format.to_data(amap)))
    document = draw(yaml_documents)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter, when there
    dumps = [yaml_format.write(amap), yaml.dump(document, Dumper=dumper, allow_unicode=draw(st.booleans()))]
    dumps += [
        yaml.dump(
            data,
            Dumper=dumper,
            allow_unicode=draw(st.booleans()),
            default_flow_style={"block": False, "flow": True}.get(style),
            default_style={"double": '"', "single": "'"}.get(style),
            sort_keys=False,
            width=draw(st.sampled_from([20, 80, 100_000])),
        )
        for style in STYLES[1:]
    ]
    return [_with_comments_and_edits(draw, text) for text in dumps]


_comments = st.text(st.characters(exclude_categories=["Cs", "Cc", "Zl", "Zp"]), max_size=12).map("#".__add__)
_noise = st.text(st.sampled_from(YAML_NOISE), max_size=2)
_positions = st.integers(0, 10**6)  # taken modulo the text's length: one strategy for every text


def _with_comments_and_edits(draw: st.DrawFn, text: str) -> str:
    lines = text.split("\n")
    for _ in range(draw(st.integers(0, 3))):
        indent = " " * draw(st.integers(0, 4))
        lines.insert(draw(_positions) % (len(lines) + 1), indent + draw(_comments))
    text = "\n".join(lines)
    for _ in range(draw(st.sampled_from([0, 0, 1, 2]))):
        at = draw(_positions) % (len(text) + 1)
        cut = draw(st.integers(0, 2))
        text = text[:at] + draw(_noise) + text[at + cut :]
    return text


def parsed(text: str, *, located: bool) -> tuple[str, Any]:
    """What one read path makes of a text: its data, or its error message."""
    locations = yaml_format._Locations() if located else None
    try:
        return "data", yaml_format.parse(text, "m.yaml", locations=locations)
    except MapError as error:
        return "error", str(error)


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(yaml_texts())
def test_the_fast_and_the_exact_read_paths_agree(texts: list[str]) -> None:
    """The fast path skips locations for speed; it must not change what a text means or how it
    is refused, so every data value and every error message is the exact path's (200 examples
    of 6 documents each)."""
    for text in texts:
        assert parsed(text, located=False) == parsed(text, located=True), text
