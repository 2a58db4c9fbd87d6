"""Argdown: the corpus counts, the reference CLI's own model, located errors and warnings,
lossless round trips (essay, a hand-made fixture, generated maps) and written files that the
Argdown CLI accepts with the same statements and relations."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import warnings
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.errors import DraftWarning, MapError, MapWarning
from argmap.formats import argdown
from argmap.formats.argdown import document as am
from argmap.formats.argdown.parser import parse as parse_model
from argmap.model import ArgumentMap, support_pairs
from strategies import argument_maps

FIXTURES = Path(__file__).parent / "fixtures" / "argdown"
ROOT = Path(__file__).resolve().parents[1]


def read_recording(text: str, path: str | None = None) -> tuple[ArgumentMap, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        amap = argdown.read(text, path=path)
    assert all(issubclass(w.category, MapWarning) for w in caught), [str(w.message) for w in caught]
    # a draft (claims not connected to a thesis) is not something the reader lost
    return amap, [str(w.message) for w in caught if not issubclass(w.category, DraftWarning)]


# ---------------------------------------------------------------------- the Argdown CLI
def argdown_cli() -> list[str] | None:
    """The Argdown CLI 1.7.5: $ARGMAP_ARGDOWN_CLI, /tmp/argdown-cli, or ``argdown`` on PATH."""
    candidates = [
        os.environ.get("ARGMAP_ARGDOWN_CLI"),
        "/tmp/argdown-cli/node_modules/.bin/argdown",
        shutil.which("argdown"),
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and shutil.which("node"):
            return [candidate]
    return None


@pytest.fixture(scope="session")
def cli() -> list[str]:
    command = argdown_cli()
    if command is None:
        missing = "Argdown CLI" if shutil.which("node") else "Node.js (for the Argdown CLI)"
        pytest.skip(
            f"{missing} not found: set ARGMAP_ARGDOWN_CLI to the argdown binary, or "
            "`mkdir -p /tmp/argdown-cli && cd /tmp/argdown-cli && npm install @argdown/cli@1.7.5`"
        )
    return command


def cli_json(cli: list[str], files: dict[str, str], tmp_path: Path) -> dict[str, dict[str, Any] | None]:
    """``argdown json`` over several documents in one run: name → JSON (None where rejected)."""
    source, out = tmp_path / "in", tmp_path / "out"
    source.mkdir()
    for name, text in files.items():
        (source / f"{name}.argdown").write_text(text, encoding="utf-8")
    # exit status 1 when any file is rejected: the missing JSON says which
    subprocess.run(
        [*cli, "json", str(source / "*.argdown"), str(out), "--silent"],
        capture_output=True,
        timeout=300,
        check=False,
    )
    results: dict[str, dict[str, Any] | None] = {}
    for name in files:
        target = out / f"{name}.json"
        results[name] = json.loads(target.read_text(encoding="utf-8")) if target.exists() else None
    return results


# ---------------------------------------------------------------------- corpus
def readme_counts(corpus: Path) -> dict[str, dict[str, Any] | None]:
    """The 'Reference counts' table of shared/corpus/argdown/README.md, read in place."""
    text = (corpus / "argdown" / "README.md").read_text(encoding="utf-8")
    table = text.split("## Reference counts", 1)[1]
    rows: dict[str, dict[str, Any] | None] = {}
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 6 or not re.match(r"^[a-z][\w-]+$", cells[0]) or cells[0] == "file":
            continue
        if cells[1] == "—":
            rows[cells[0]] = None
            continue
        arguments, reconstructed = re.match(r"(\d+) \((\d+)\)", cells[2]).groups()  # type: ignore[union-attr]
        relations = {kind: int(n) for kind, n in re.findall(r"([a-z]+) (\d+)", cells[3])}
        rows[cells[0]] = {
            "statements": int(cells[1]),
            "arguments": int(arguments),
            "reconstructed": int(reconstructed),
            "relations": relations,
            "tags": int(cells[4]),
            "sections": int(cells[5]),
        }
    assert len(rows) >= 6, "the README table changed shape"
    return rows


def corpus_files(corpus: Path) -> list[Path]:
    files = sorted((corpus / "argdown").glob("*.argdown"))
    assert files, f"no .argdown files in {corpus / 'argdown'}"
    return files


def test_corpus_counts_match_readme(corpus: Path) -> None:
    expected = readme_counts(corpus)
    for path in corpus_files(corpus):
        text = path.read_text(encoding="utf-8")
        counts = expected[path.stem]
        if counts is None:
            with pytest.raises(MapError):
                argdown.read(text, path=path.name)
            continue
        assert parse_model(text).counts() == counts, path.name
        assert parse_model(text.replace("\n", "\r\n")).counts() == counts, f"{path.name} with CRLF"
        amap, _ = read_recording(text, path.name)
        from_statements = [c for c in amap.claims if not any(t.startswith("argument:") for t in c.tags[:1])]
        from_arguments = [c for c in amap.claims if c.tags[:1] and c.tags[0].startswith("argument:")]
        assert len(from_statements) == counts["statements"], path.name
        # every corpus argument has a description or relations of its own, so each is a claim
        assert len(from_arguments) == counts["arguments"], path.name


def test_corpus_relations_reach_the_map(corpus: Path) -> None:
    """Every explicit relation of a file becomes an edge of the map, in its direction."""
    for path in corpus_files(corpus):
        if path.stem == "lexer-relations":
            continue
        text = path.read_text(encoding="utf-8")
        doc = parse_model(text)
        amap, _ = read_recording(text, path.name)
        ids = {
            ec.title: claim.id for ec, claim in zip(_ecs_by_claim(doc, amap), amap.claims, strict=True) if ec
        }
        supports = {(c.id, t) for c in amap.claims for t in c.supports}
        attacks = {(c.id, t) for c in amap.claims for t in c.attacks}
        for relation in doc.relations:
            source, target = ids[_title(relation.source)], ids[_title(relation.target)]
            if relation.kind in (am.SUPPORT, am.ENTAILS):
                assert (source, target) in supports, (path.name, source, target)
            elif relation.kind == am.ATTACK:
                assert (source, target) in attacks, (path.name, source, target)
            else:
                assert {(source, target), (target, source)} <= attacks, (path.name, source, target)
        pairs = support_pairs(amap)
        for argument in doc.arguments.values():
            for statement in argument.pcs:
                if statement.inference is not None:  # every inference step is a support of its conclusion
                    conclusion = ids[statement.title]
                    assert any(to == conclusion for _, to in pairs), (path.name, conclusion)


def _title(member: Any) -> str:
    title: str = member.title
    return title


def _ecs_by_claim(doc: am.Document, amap: ArgumentMap) -> list[Any]:
    """For each claim, the Argdown element it came from (matched by title tag or id)."""
    by_title = {**doc.statements, **{f"<{t}>": a for t, a in doc.arguments.items()}}
    out = []
    for claim in amap.claims:
        first = claim.tags[0] if claim.tags else ""
        if first.startswith("argument:"):
            out.append(by_title.get(f"<{first[9:]}>"))
        elif first.startswith("title:"):
            out.append(by_title.get(first[6:]))
        else:
            out.append(by_title.get(claim.id) or _untitled(doc, claim.text))
    return out


def _untitled(doc: am.Document, text: str) -> Any:
    for ec in doc.statements.values():
        if ec.auto and any(m.clean.strip() == text for m in ec.members):
            return ec
    return None


def test_corpus_model_is_argdowns_own(corpus: Path, cli: list[str], tmp_path: Path) -> None:
    """Statements, arguments, relations, texts and tags as ``argdown json`` gives them."""
    files = {p.stem: p.read_text(encoding="utf-8") for p in corpus_files(corpus)}
    results = cli_json(cli, files, tmp_path)
    for name, text in files.items():
        reference = results[name]
        if reference is None:
            with pytest.raises(MapError):
                argdown.read(text)
            continue
        doc = parse_model(text)
        assert list(doc.statements) == list(reference["statements"]), name
        assert list(doc.arguments) == list(reference["arguments"]), name
        for title, ec in reference["statements"].items():
            mine = doc.statements[title]
            assert [(m.get("text") or "").strip() for m in ec["members"]] == [
                m.text.strip() for m in mine.members
            ]
            assert (ec.get("tags") or []) == mine.tags, (name, title)
        for title, argument in reference["arguments"].items():
            assert [s["title"] for s in argument.get("pcs", [])] == [
                s.title for s in doc.arguments[title].pcs
            ]
        assert Counter(_relation_key(r) for r in reference["relations"]) == Counter(
            (r.kind, _title(r.source), _target_title(r)) for r in doc.relations
        ), name


def _relation_key(relation: dict[str, Any]) -> tuple[str, str, str]:
    return relation["relationType"], relation["from"], relation["to"]


def _target_title(relation: am.Relation) -> str:
    target = relation.target
    if isinstance(target, am.Inference):
        return target.argument.title  # type: ignore[union-attr]
    return target.title  # type: ignore[union-attr]


def test_corpus_warnings_say_what_is_lost(corpus: Path) -> None:
    text = (corpus / "argdown" / "greenspan-schefczyk_hardwrap.argdown").read_text(encoding="utf-8")
    _, messages = read_recording(text, "greenspan.argdown")
    assert any("contradiction (><) represented as mutual attacks" in m and ":184:" in m for m in messages)
    assert any("front matter keys" in m and "group" in m for m in messages)
    text = (corpus / "argdown" / "state-censorship.argdown").read_text(encoding="utf-8")
    _, messages = read_recording(text, "state.argdown")
    assert any("data key 'source'" in m and "state.argdown:39:" in m for m in messages)


# ---------------------------------------------------------------------- reading
def test_fixture_reads_linked_supports_and_undercuts() -> None:
    amap, messages = read_recording(
        (FIXTURES / "linked-undercut.argdown").read_text(encoding="utf-8"), "f.argdown"
    )
    claims = amap.by_id
    assert amap.meta.title == "Linked supports and undercuts"
    assert [(l.to, l.with_) for l in claims["rain"].linked] == [("wet-street", ["no-roof"])]
    assert (
        claims["sprinkler"].undercuts[0].from_ == "rain"
        and claims["sprinkler"].undercuts[0].to == "wet-street"
    )
    assert claims["sprinkler"].kind == "objection" and claims["sprinkler"].base_score == 0.25
    assert claims["no-roof"].kind == "evidence"
    assert claims["broken"].attacks == ["sprinkler"]
    assert claims["puddles"].supports == ["wet-street"]
    # a two-step reconstruction: the intermediary conclusion is a premise of the second step
    assert [(l.to, l.with_) for l in claims["wet-street"].linked] == [
        ("slippery", ["a-wet-street-is-slippery"])
    ]
    # an argument with a description is a claim that supports its conclusion; relations on it stay
    assert claims["wet-because-of-rain"].supports == ["wet-street"]
    assert claims["memory"].supports == ["rain"] and claims["memory"].tags == ["argument:Memory"]
    assert [(u.from_, u.to) for u in claims["doubt"].undercuts] == [("memory", "rain")]
    assert claims["rain"].tags == ["title:Rain", "weather"]
    assert claims["rain"].section == "Claims" and claims["slippery"].section == "Reconstructions"
    assert any("inference rules" in m and "f.argdown:32:1" in m for m in messages)


def test_syntax_details() -> None:
    text = """===
title: Details
author: [Ann, Bob]
model: {mode: strict}
===

# One {isGroup: false}

## Two #htag

[A]: Some **bold** and _italic_ text, a #tag, a #(long tag) and a [link](http://x.org). /* gone */
  - [B]: Contrary in strict mode. // comment
  + [C]: Entails in strict mode.
  >< [D]: A contradiction.
  <- <Arg>: An argument attacks. @[A] is mentioned.
    <+ [E]: Supports the argument.

[B]
  -> [A]

<!-- multi
line -->
[A]: A different text.
"""
    amap, messages = read_recording(text, "d.argdown")
    claims = amap.by_id
    assert amap.meta.title == "Details" and amap.meta.author == "Ann, Bob"
    a = claims["a"]
    assert a.text == "Some bold and italic text, a , a and a link."
    assert a.tags == ["title:A", "tag", "long tag"] and a.section == "Two"
    assert claims["b"].attacks == ["a"] and "b" in a.attacks  # contrary: mutual, merged with [B] -> [A]
    assert claims["c"].supports == ["a"]
    assert "d" in a.attacks and claims["d"].attacks == ["a"]
    assert claims["arg"].attacks == ["a"] and claims["arg"].text == "An argument attacks. @[A] is mentioned."
    assert claims["e"].supports == ["arg"]
    expected = [
        "d.argdown:7:1: heading data",
        "d.argdown:9:1: nested headings are flattened",
        "d.argdown:9:1: heading tags",
        "d.argdown:11:67: link URL dropped",
        "d.argdown:12:3: contrary (strict-mode -) represented as mutual attacks",
        "d.argdown:14:3: contradiction (><) represented as mutual attacks",
        "d.argdown:23:1: [A] is defined again with a different text",
    ]
    for start in expected:
        assert any(m.startswith(start) for m in messages), (start, messages)


def test_undercuts_in_every_direction() -> None:
    text = """[C]: Conclusion.
  + [P]: Premise.
    _ [U1]: Undercuts the support of P for C.

[U2]: Undercuts an inference.
  _> <Arg>

<Arg>

(1) [P]
(2) [Q]: Another premise.
--
Some rule
--
  <_ [U3]: Undercuts the inference line itself.
(3) [C]

<Sketch>: A sketched argument.
  +> [C]
  <_ [U4]: Undercuts the sketch.

[Lonely]: Supports nothing.
  _ [U5]: Undercuts it.
"""
    amap, messages = read_recording(text, "u.argdown")
    cuts = {c.id: [(u.from_, u.to) for u in c.undercuts] for c in amap.claims if c.undercuts}
    assert cuts == {"u1": [("p", "c")], "u2": [("p", "c")], "u3": [("p", "c")], "u4": [("sketch", "c")]}
    assert amap["u5"].attacks == ["lonely"]
    assert any("u.argdown:23:3: undercut of 'lonely', which supports nothing" in m for m in messages)


def test_lists_headings_untitled_ids_and_uses() -> None:
    text = """# Über Fleisch

Tiere haben ein Recht auf Leben.

Tiere haben ein Recht auf Leben.

* [L1]: First item.
* Second item.

<A>

(1) One.
(2) Two.
(3) Three.
--
{uses: [1, 3]}
--
(4) Four.
"""
    amap, messages = read_recording(text, "l.argdown")
    ids = [c.id for c in amap.claims]
    assert ids[:2] == ["tiere-haben-ein-recht-auf-leben", "tiere-haben-ein-recht-auf-leben-2"]
    assert "l1" in ids and "second-item" in ids
    assert "a" not in ids  # a bare reconstruction only contributes its inference
    assert amap["one"].linked[0].to == "four" and amap["one"].linked[0].with_ == ["three"]
    assert amap["tiere-haben-ein-recht-auf-leben"].section == "Über Fleisch"
    assert not messages


# ---------------------------------------------------------------------- errors
MALFORMED = {
    # file: (line, column, words in the message, the Argdown CLI rejects it too)
    "unclosed-italic.argdown": (1, 30, "italic range", True),
    "dangling-relation.argdown": (3, 3, "no statement or argument above it", True),
    "pcs-without-conclusion.argdown": (3, 1, "must end with a conclusion", True),
    "inference-blank-line.argdown": (2, 5, "followed by a line break", True),
    "bad-yaml.argdown": (1, 27, "YAML data is not valid", True),
    "second-pcs.argdown": (9, 1, "already has a premise-conclusion structure", True),
    "text-after-reference.argdown": (3, 9, "cannot follow a statement or argument reference", True),
    "lone-backslash.argdown": (1, 35, "backslash", True),
    "bad-kind.argdown": (3, 11, "kind 'evidance'", False),
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_malformed_files_give_located_errors(name: str) -> None:
    line, column, words, _ = MALFORMED[name]
    with pytest.raises(MapError) as caught:
        argdown.read((FIXTURES / name).read_text(encoding="utf-8"), path=name)
    error = caught.value
    assert (error.path, error.line, error.column) == (name, line, column), str(error)
    assert words in error.message


def test_malformed_files_are_rejected_by_argdown_too(cli: list[str], tmp_path: Path) -> None:
    files = {name[:-8]: (FIXTURES / name).read_text(encoding="utf-8") for name in MALFORMED}
    results = cli_json(cli, files, tmp_path)
    for name, (_, _, _, rejected) in MALFORMED.items():
        assert (results[name[:-8]] is None) == rejected, name


def test_corpus_lexer_fixture_is_a_located_error(corpus: Path) -> None:
    text = (corpus / "argdown" / "lexer-relations.argdown").read_text(encoding="utf-8")
    with pytest.raises(MapError) as caught:
        argdown.read(text, path="lexer-relations.argdown")
    assert (caught.value.line, caught.value.column) == (1, 1)  # where `argdown json` says "At 1:1"


def test_empty_document_is_an_empty_map() -> None:
    assert argdown.read("") == ArgumentMap()
    assert argdown.read("// only a comment\n") == ArgumentMap()


# ---------------------------------------------------------------------- round trips
def assert_round_trip(amap: ArgumentMap) -> str:
    text = argdown.write(amap)
    back, messages = read_recording(text, "written.argdown")
    assert not messages, messages
    assert back == amap, text
    return text


def test_essay_round_trip() -> None:
    import argmap

    assert_round_trip(argmap.load())


def test_fixture_round_trip() -> None:
    amap, _ = read_recording((FIXTURES / "linked-undercut.argdown").read_text(encoding="utf-8"))
    assert_round_trip(amap)


def test_corpus_round_trip(corpus: Path) -> None:
    for path in corpus_files(corpus):
        if path.stem != "lexer-relations":
            amap, _ = read_recording(path.read_text(encoding="utf-8"))
            assert_round_trip(amap)


def test_written_form_is_plain_where_it_can_be() -> None:
    from argmap.model import validate

    amap = validate(
        {
            "claims": [
                {"id": "a", "text": "A claim.", "tags": ["title:A", "x"], "section": "S", "supports": ["b"]},
                {"id": "b", "text": "Line\nbreak ", "tags": ["argument:B", "odd)tag"], "contrasts": ["a"]},
                {"id": "c", "text": "Undercuts.", "section": "S", "undercuts": [{"from": "a", "to": "b"}]},
            ]
        }
    )
    text = assert_round_trip(amap)
    assert "# S\n\n[A]: A claim. #x\n  +> [b]\n" in text
    assert '{text: "Line\\nbreak ", section: null, tags: ["argument:B", "odd)tag"], contrasts: ["a"]}' in text
    assert "[b]: Line break #(argument:B) {" in text  # the heading's section goes on after [b]
    assert "[c]: Undercuts.\n  _> <Inference 1>" in text
    assert "<Inference 1>\n\n(1) [A]\n----\n(2) [b]\n" in text


# ---------------------------------------------------------------------- generated maps
# Argdown names a relation once: a target listed twice cannot be written twice.
def argdown_maps() -> st.SearchStrategy[ArgumentMap]:
    return argument_maps(unique=True)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argdown_maps())
def test_generated_round_trip(amap: ArgumentMap) -> None:
    assert_round_trip(amap)


# ---------------------------------------------------------------------- the CLI reads what we write
def compare_with_cli(amap: ArgumentMap, reference: dict[str, Any], label: str) -> None:
    """The statements, arguments and relations ``argdown json`` reports are the map's."""
    from argmap.formats.argdown import slug

    def data_of(element: dict[str, Any]) -> dict[str, Any]:
        return element.get("data") or {}

    # An id its title cannot spell (``Thesis``: the slug is ``thesis``) is given as data ``id``.
    given = {
        title: data_of(element)["id"]
        for kind in ("statements", "arguments")
        for title, element in reference[kind].items()
        if "id" in data_of(element)
    }

    def claim_of(title: str) -> str:
        return given.get(title) or slug(title)

    inferences = {
        t: a
        for t, a in reference["arguments"].items()
        if a.get("pcs") and not any(m.get("text") for m in a["members"])
    }
    arguments = {t: a for t, a in reference["arguments"].items() if t not in inferences}
    elements = {claim_of(t): (ec, False) for t, ec in reference["statements"].items()}
    elements.update({claim_of(t): (a, True) for t, a in arguments.items()})
    assert set(elements) == set(amap.by_id), label
    for claim in amap.claims:
        element, is_argument = elements[claim.id]
        member = next(m for m in element["members"] if m.get("text") and not m.get("isReference"))
        units = member["text"].encode("utf-16-le")  # Argdown's ranges count UTF-16 code units
        for cut in sorted(
            (r for r in member.get("ranges", []) if r["type"] == "tag"), key=lambda r: -r["start"]
        ):
            units = units[: 2 * cut["start"]] + units[2 * (cut["stop"] + 1) :]
        text = units.decode("utf-16-le")
        assert data_of(element).get("text", text.strip()) == claim.text, (label, claim.id)
        marker = [claim.tags[0]] if claim.tags and claim.tags[0].startswith(("title:", "argument:")) else []
        tags = marker + (element.get("tags") or [])
        if not (is_argument or element["title"] != claim.id):
            tags = element.get("tags") or []
        assert data_of(element).get("tags", tags) == claim.tags, (label, claim.id)
        assert data_of(element).get("kind", "claim") == claim.kind
    supports, attacks, undercuts = set(), set(), set()
    for relation in reference["relations"]:
        source = claim_of(relation["from"])
        if relation["relationType"] == "undercut":
            pcs = inferences[relation["to"]]["pcs"]
            undercuts.add(
                (source, claim_of(pcs[-1]["title"]), frozenset(claim_of(s["title"]) for s in pcs[:-1]))
            )
        elif relation["relationType"] == "support":
            supports.add((source, claim_of(relation["to"])))
        else:
            assert relation["relationType"] == "attack", relation
            attacks.add((source, claim_of(relation["to"])))
    linked = set()
    for argument in inferences.values():
        premises = [claim_of(s["title"]) for s in argument["pcs"][:-1]]
        conclusion = claim_of(argument["pcs"][-1]["title"])
        if len(premises) == 1:
            supports.add((premises[0], conclusion))
        else:
            linked.add((premises[0], conclusion, tuple(premises[1:])))
    assert supports == {(c.id, t) for c in amap.claims for t in c.supports}, label
    assert attacks == {(c.id, t) for c in amap.claims for t in c.attacks}, label
    assert linked == {(c.id, link.to, tuple(link.with_)) for c in amap.claims for link in c.linked}, label
    ours = {(c.id, u.from_, u.to) for c in amap.claims for u in c.undercuts}
    assert all(any(s == u and to == t and f in p for s, t, p in undercuts) for u, f, to in ours), label
    assert all(any(s == u and to == t and f in p for u, f, to in ours) for s, t, p in undercuts), label


def test_argdown_cli_reads_what_we_write(cli: list[str], tmp_path: Path) -> None:
    import argmap

    maps = {"essay": argmap.load()}
    maps["fixture"], _ = read_recording((FIXTURES / "linked-undercut.argdown").read_text(encoding="utf-8"))
    batch: list[ArgumentMap] = []

    @settings(max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(argdown_maps())
    def collect(amap: ArgumentMap) -> None:
        batch.append(amap)

    collect()
    maps.update({f"generated-{i}": m for i, m in enumerate(batch)})
    results = cli_json(cli, {name: argdown.write(m) for name, m in maps.items()}, tmp_path)
    for name, amap in maps.items():
        result = results[name]
        assert result is not None, f"argdown json rejected {name}:\n{argdown.write(amap)}"
        compare_with_cli(amap, result, name)


# ---------------------------------------------------------------------- size and depth
def test_deep_nesting_needs_no_recursion() -> None:
    """Relations nested 1,500 deep and bold/italic ranges 2,000 deep parse without recursion."""
    depth = 1500
    lines = ["[C0]: Root."] + [f"{' ' * i}+ [C{i}]: Reason {i}." for i in range(1, depth)]
    amap, _ = read_recording("\n".join(lines) + "\n")
    assert len(amap) == depth and amap["c1499"].supports == ["c1498"]
    marks = ["**", "__", "*", "_"] * 500
    text = "[D]: " + "".join(m + "x" for m in marks) + "".join(reversed(marks)) + "\n"
    assert argdown.read(text)["d"].text == "x" * len(marks)


def test_long_chain_round_trip() -> None:
    from argmap.model import validate

    n = 5000
    claims = [
        {"id": f"c{i}", "text": f"Step {i}.", "supports": [f"c{i + 1}"] if i + 1 < n else []}
        for i in range(n)
    ]
    assert_round_trip(validate({"claims": claims}))


def test_registry_picks_argdown() -> None:
    from argmap.formats import parse as read_text
    from argmap.formats import serialize as write_text

    amap = read_text("[A]: A claim.\n  +> [B]: Another.\n", path="map.argdown")
    assert amap["a"].supports == ["b"]
    assert write_text(amap, "argdown").startswith("[A]: A claim.")
