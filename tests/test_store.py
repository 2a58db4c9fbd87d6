"""The SQLite store: the same answers as the map file, refusals that say why, atomic builds."""

from __future__ import annotations

import importlib
import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap.analysis.queries import describe, select
from argmap.analysis.trace import trace
from argmap.analysis.tree import build_tree
from argmap.errors import MapError
from argmap.files import bundled_map_path
from argmap.formats import json as argmap_json
from argmap.model import KINDS, ArgumentMap
from argmap.model.index import Index
from argmap.model.source_text import quote_position
from argmap.store import index, open_map, schema
from argmap.store.build import fts5_available

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"


def same_answers(amap: ArgumentMap, map_path: str | Path | None, store: Any, ids: list[str]) -> None:
    """Every query the store answers by SQL (``store``: a `StoreMap`) equals the file path's answer."""
    file_index, store_index = Index.of(amap), Index.of(store)
    assert isinstance(store_index, type(file_index))
    for claim_id in ids:
        assert store_index.outgoing[claim_id] == file_index.outgoing[claim_id]
        assert store_index.incoming[claim_id] == file_index.incoming[claim_id]
        assert describe(store_index, claim_id) == describe(file_index, claim_id)
        for direction in ("down", "up"):
            for depth in (None, 0, 2):
                assert build_tree(store_index, [claim_id], depth=depth, direction=direction) == build_tree(
                    file_index, [claim_id], depth=depth, direction=direction
                )
            for limit in (None, 1, 3):
                assert trace(store_index, claim_id, direction=direction, limit=limit) == trace(
                    file_index, claim_id, direction=direction, limit=limit
                )
        quote = amap[claim_id].quote
        if quote:
            assert quote_position(store, "ignored", quote) == quote_position(amap, map_path, quote)
    assert store_index.roots() == file_index.roots()
    assert store_index.contrasted() == file_index.contrasted()
    assert build_tree(store_index, store_index.roots()) == build_tree(file_index, file_index.roots())
    assert len(store) == len(amap) and store.meta == amap.meta
    assert list(store.by_id) == [c.id for c in amap.claims]
    for kind in KINDS:
        assert select(store, kinds=[kind]) == select(amap, kinds=[kind])
    for section in {c.section for c in amap.claims if c.section}:
        assert select(store, sections=[section]) == select(amap, sections=[section])
    for tag in list({t for c in amap.claims for t in c.tags})[:10]:
        assert select(store, tags=[tag]) == select(amap, tags=[tag])
    for claim in amap.claims[:10]:
        words = claim.text.split()[:2] + [claim.text[1:3], claim.id.upper()]
        assert select(store, words=words) == select(amap, words=words)
        assert select(store, words=[claim.text]) == select(amap, words=[claim.text])


def test_the_essay_through_the_store(tmp_path: Path) -> None:
    store_path = index([bundled_map_path()], tmp_path / "essay.db")
    amap = argmap.load()
    same_answers(amap, None, open_map(store_path), [c.id for c in amap.claims])
    assert argmap.load(store_path) == amap
    assert argmap.load(str(store_path)).meta.title == amap.meta.title


def test_a_generated_map_through_the_store_both_search_paths(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import generate  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    generate.main(["--sizes", "1k", "--out", str(tmp_path)])
    path = tmp_path / "map-1k.json"
    amap = argmap.load(path)
    ids = [c.id for c in amap.claims][::20]
    for fts in (True, False) if fts5_available() else (False,):
        store_path = index([path], tmp_path / f"map-{fts}.db", fts=fts)
        store = open_map(store_path)
        assert store.full_text is fts
        same_answers(amap, path, store, ids)
        assert argmap.load(store_path) == amap
        if fts:
            assert_full_text_matches_the_claims(store_path)


def assert_full_text_matches_the_claims(store_path: Path) -> None:
    """FTS5's own check: the index (made beside the store and copied in) is the index of the
    store's claims, and no file of the build is left behind."""
    connection = sqlite3.connect(store_path)
    try:
        connection.execute("INSERT INTO claim_search (claim_search) VALUES ('integrity-check')")
    finally:
        connection.close()
    assert not [p for p in store_path.parent.iterdir() if p.name.startswith(f".{store_path.name}.")]


def test_the_full_text_index_is_made_in_the_store_where_the_copy_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not fts5_available():
        pytest.skip("this SQLite has no FTS5")
    store_build = importlib.import_module("argmap.store.build")  # the package's `build` is the function
    monkeypatch.setattr(store_build, "copy_into", lambda connection, side: False)
    store_path = index([bundled_map_path()], tmp_path / "essay.db")
    amap = argmap.load()
    store = open_map(store_path)
    assert store.full_text
    same_answers(amap, None, store, [c.id for c in amap.claims])
    assert_full_text_matches_the_claims(store_path)


def test_a_guarded_sqlite_refuses_the_copy_and_keeps_the_store_whole(tmp_path: Path) -> None:
    if not fts5_available() or not hasattr(sqlite3.Connection, "setconfig"):
        pytest.skip("needs FTS5 and Connection.setconfig (Python 3.12)")
    from argmap.store.fulltext import SideIndex, copy_into

    side = SideIndex(str(tmp_path / "side.db"))
    side.add(1, [(1, "alpha")])
    side.seal()
    side.finish()
    connection = sqlite3.connect(tmp_path / "store.db", isolation_level=None)
    connection.execute("CREATE TABLE claims (rid INTEGER PRIMARY KEY, folded TEXT)")
    connection.setconfig(sqlite3.SQLITE_DBCONFIG_DEFENSIVE, True)  # type: ignore[attr-defined]
    assert copy_into(connection, side.path) is False
    assert (
        connection.execute("SELECT name FROM sqlite_master WHERE name LIKE 'claim_search%'").fetchall() == []
    )


@st.composite
def maps(draw: st.DrawFn) -> ArgumentMap:
    """Valid maps with every relation kind (linked supports, undercuts), awkward texts."""
    count = draw(st.integers(min_value=1, max_value=8))
    ids = [f"c{i}" for i in range(count)]
    text = st.text(st.characters(codec="utf-8"), min_size=1, max_size=12)
    claims: list[dict[str, Any]] = []
    for claim_id in ids:
        others = st.sampled_from([i for i in ids if i != claim_id]) if count > 1 else st.nothing()
        claim: dict[str, Any] = {
            "id": claim_id,
            "kind": draw(st.sampled_from(KINDS)),
            "text": draw(text),
            "quote": draw(st.none() | text),
            "section": draw(st.none() | st.sampled_from(["a", "b", "Straße"])),
            "tags": draw(st.lists(st.sampled_from(["x", "y", "ß"]), max_size=2, unique=True)),
            "base_score": draw(st.none() | st.floats(0, 1)),
        }
        if count > 1:
            for relation in ("supports", "attacks", "contrasts"):
                claim[relation] = draw(st.lists(others, max_size=2, unique=True))
            claim["linked"] = [
                {"to": t, "with": draw(st.lists(others, min_size=1, max_size=2, unique=True))}
                for t in draw(st.lists(others, max_size=1))
            ]
        claims.append(claim)
    supports = [(c["id"], t) for c in claims for t in c.get("supports", [])]
    if supports:
        premise, conclusion = draw(st.sampled_from(supports))
        claims[draw(st.integers(0, count - 1))].setdefault("undercuts", []).append(
            {"from": premise, "to": conclusion}
        )
    meta = draw(st.fixed_dictionaries({}, optional={"title": text, "author": text}))
    return ArgumentMap.model_validate({"meta": meta, "claims": claims})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(amap=maps(), fts=st.booleans())
def test_any_map_through_the_store_answers_as_the_file(tmp_path: Path, amap: ArgumentMap, fts: bool) -> None:
    path = tmp_path / "any.json"
    path.write_text(argmap_json.write(amap), encoding="utf-8")
    store_path = index([path], tmp_path / "any.db", fts=fts and fts5_available())
    same_answers(amap, path, open_map(store_path), [c.id for c in amap.claims])
    assert argmap.load(store_path) == amap


def test_search_words_inside_words_across_words_and_with_punctuation(tmp_path: Path) -> None:
    """The word index finds what ``in`` finds: pieces inside longer words, across spaces and
    punctuation, non-ASCII letters; a piece no word holds finds nothing."""
    texts = ["The factory's growth", "O'Neill-style café ÉTÉ", "growth, then decline", "x"]
    amap = ArgumentMap.model_validate({"claims": [{"id": f"k{i}", "text": t} for i, t in enumerate(texts)]})
    path = tmp_path / "words.json"
    path.write_text(argmap_json.write(amap), encoding="utf-8")
    store: Any = open_map(index([path], tmp_path / "words.db"))
    assert store.search_index == ("fts5-words" if fts5_available() else "scan")
    for words in (
        ["actor"],
        ["y's gro"],
        ["'s"],
        ["o'neill-st"],
        ["afé é"],
        ["été"],
        ["ÉTÉ"],
        ["owth, th"],
        ["growth"],
        ["growth", "factory"],
        ["-"],
        ["zzz"],
        ["factoryx"],
        ["K1"],
        ["1"],
        ["x"],
    ):
        assert select(store, words=words) == select(amap, words=words), words


def test_a_store_with_the_trigram_index_of_an_older_argmap(tmp_path: Path) -> None:
    if not fts5_available():
        pytest.skip("this SQLite has no FTS5")
    amap = argmap.load()
    store_path = index([bundled_map_path()], tmp_path / "old.db")
    connection = sqlite3.connect(store_path)
    try:
        connection.execute("CREATE VIRTUAL TABLE probe USING fts5(x, tokenize='trigram')")
    except sqlite3.OperationalError:
        pytest.skip("this SQLite has no trigram tokenizer")
    connection.executescript(
        """
        DROP TABLE probe; DROP TABLE claim_search; DROP TABLE search_words;
        CREATE VIRTUAL TABLE claim_search USING fts5(folded, content='claims', content_rowid='rid',
            tokenize='trigram case_sensitive 1', detail='none');
        INSERT INTO claim_search (claim_search) VALUES ('rebuild');
        UPDATE settings SET value = 'fts5' WHERE key = 'search';
        """
    )
    connection.close()
    store = open_map(store_path)
    assert store.search_index == "fts5"
    same_answers(amap, None, store, [c.id for c in amap.claims])


def test_words_after_a_nul_in_a_text_are_found(tmp_path: Path) -> None:
    """SQLite's ``instr`` and full-text index stop at a NUL; the text after it is searched too."""
    amap = ArgumentMap.model_validate(
        {"claims": [{"id": "a", "text": "0"}, {"id": "b", "text": "\x00\r000"}]}
    )
    path = tmp_path / "nul.json"
    path.write_text(argmap_json.write(amap), encoding="utf-8")
    for fts in (True, False) if fts5_available() else (False,):
        store: Any = open_map(index([path], tmp_path / f"nul-{fts}.db", fts=fts))
        for words in (["000"], ["\x00", "000"], ["\x00\r000"]):
            assert [c.id for c in select(store, words=words)] == ["b"]


@pytest.mark.parametrize("word", ["locutions", "nodeID", "AIF"])
def test_a_claim_text_that_is_an_aif_key_stays_argmap_json(tmp_path: Path, word: str) -> None:
    """The case hypothesis found: a text (or quote, title) that is one of AIF's keys made the
    content sniffing read argmap JSON as AIF."""
    from argmap.formats import sniff

    amap = ArgumentMap.model_validate(
        {"meta": {"title": word}, "claims": [{"id": "c0", "kind": "thesis", "text": word, "quote": word}]}
    )
    path = tmp_path / "any.json"
    path.write_text(argmap_json.write(amap), encoding="utf-8")
    sniffed = sniff(path.read_text(encoding="utf-8"))
    assert sniffed is not None and sniffed.name == "json"
    store_path = index([path], tmp_path / "any.db")
    same_answers(amap, path, open_map(store_path), ["c0"])
    assert argmap.load(path) == argmap.load(store_path) == amap


# --- versions and migrations ----------------------------------------------------------------


def v1_store(path: Path) -> None:
    """A store exactly as the first schema made it, with one undercut in a claim document."""
    connection = sqlite3.connect(path)
    connection.executescript(schema.V1_DDL + schema.V1_INDEXES)
    connection.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    connection.execute("PRAGMA user_version = 1")
    meta = json.dumps({"meta": {"title": "old"}})
    connection.execute("INSERT INTO settings VALUES ('search', 'scan')")
    connection.execute("INSERT INTO maps VALUES (1, 'old', '/nowhere', 'auto', ?, 3, NULL, NULL)", (meta,))
    docs: list[dict[str, Any]] = [
        {"id": "a", "text": "A", "kind": "thesis"},
        {"id": "b", "text": "B", "supports": ["a"]},
        {"id": "c", "text": "C", "undercuts": [{"from": "b", "to": "a"}]},
    ]
    for rid, doc in enumerate(docs, start=1):
        connection.execute(
            "INSERT INTO claims VALUES (?, 1, ?, ?, NULL, ?, ?)",
            (rid, doc["id"], doc.get("kind", "claim"), doc["text"].casefold(), json.dumps(doc)),
        )
    connection.execute("INSERT INTO relations VALUES (1, 1, 'b', 'a', 'supports', '', 'c', 0, 0)")
    connection.commit()
    connection.close()


def test_a_version_1_store_is_migrated_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    v1_store(path)
    amap = argmap.load(path)
    assert [c.id for c in amap.claims] == ["a", "b", "c"]
    assert amap["c"].undercuts[0].from_ == "b"
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    assert connection.execute("SELECT map, by_id, from_id, to_id FROM undercuts").fetchall() == [
        (1, "c", "b", "a")
    ]
    store: Any = open_map(path)
    assert Index.of(store).incoming["a"][0].undercut_by == ("c",)


def test_a_new_store_is_the_migrated_first_version(tmp_path: Path) -> None:
    old, new = tmp_path / "v1.db", index([bundled_map_path()], tmp_path / "new.db")
    v1_store(old)
    argmap.load(old)

    def tables(path: Path) -> list[tuple[str, str]]:
        connection = sqlite3.connect(path)
        # the full-text index's tables (claim_search..., search_words) depend on the SQLite build
        rows = connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'claim_search%' AND name != 'search_words'"
        )
        return sorted(rows.fetchall())

    assert tables(old) == tables(new)


# --- what is not a usable store ---------------------------------------------------------------


def error_of(path: Path | str) -> str:
    with pytest.raises(MapError) as caught:
        argmap.load(path)
    return str(caught.value)


def test_a_truncated_store(tmp_path: Path) -> None:
    path = index([bundled_map_path()], tmp_path / "cut.db")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    assert "the store is damaged or truncated" in error_of(path)


def test_a_corrupt_store(tmp_path: Path) -> None:
    path = index([bundled_map_path()], tmp_path / "bad.db")
    data = bytearray(path.read_bytes())
    data[100:4096] = os.urandom(3996)
    data[4096 * 2 :] = b"\xff" * (len(data) - 4096 * 2)
    path.write_bytes(bytes(data))
    assert "the store is damaged or truncated" in error_of(path)


def test_only_the_header(tmp_path: Path) -> None:
    path = tmp_path / "header.db"
    path.write_bytes(schema.HEADER)
    message = error_of(path)
    assert "damaged or truncated" in message or "not an argmap store" in message


def test_an_sqlite_file_of_another_program(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()
    assert error_of(path) == (
        f"{path}: an SQLite database, but not an argmap store; make a store with 'argmap index MAP... -o STORE.db'"
    )


def test_a_store_from_a_newer_argmap(tmp_path: Path) -> None:
    path = index([bundled_map_path()], tmp_path / "future.db")
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version = 99")
    connection.commit()
    connection.close()
    message = error_of(path)
    assert (
        f"the store has schema version 99; this argmap reads versions 1 to {schema.SCHEMA_VERSION}" in message
    )
    assert "upgrade argmap" in message


def test_a_text_file_named_like_a_store(tmp_path: Path) -> None:
    path = tmp_path / "text.db"
    path.write_text("not a map", encoding="utf-8")
    assert "read from its file, not from text" in error_of(path)


# --- freshness ----------------------------------------------------------------------------


def small_map(path: Path, text: str) -> None:
    path.write_text(f"claims:\n  - id: a\n    kind: thesis\n    text: {text}\n", encoding="utf-8")


def test_a_changed_source_is_refreshed_or_refused(tmp_path: Path) -> None:
    source = tmp_path / "m.yaml"
    small_map(source, "first")
    store_path = index([source], tmp_path / "m.db")
    assert argmap.load(store_path)["a"].text == "first"
    small_map(source, "second, longer")
    with pytest.raises(MapError, match="the store is stale: .*m.yaml changed since it was indexed"):
        argmap.load(store_path, refresh=False)
    stages: list[str] = []
    assert open_map(store_path, progress=lambda stage, done, total: stages.append(stage)).by_id["a"].text == (
        "second, longer"
    )
    assert stages
    assert argmap.load(store_path, refresh=False)["a"].text == "second, longer"


def test_a_touched_but_unchanged_source_is_fresh(tmp_path: Path) -> None:
    source = tmp_path / "m.yaml"
    small_map(source, "same")
    store_path = index([source], tmp_path / "m.db")
    os.utime(source, ns=(1, 1))
    assert argmap.load(store_path, refresh=False)["a"].text == "same"


# --- several maps -----------------------------------------------------------------------------


def test_several_maps_in_one_store(tmp_path: Path) -> None:
    one, two = tmp_path / "one.yaml", tmp_path / "two.yaml"
    small_map(one, "alpha words")
    small_map(two, "beta words")
    store_path = index([one, two], tmp_path / "both.db")
    everything = open_map(store_path)
    assert everything.entry is None
    found = list(everything.select_claims([], [], [], ["words"]))
    assert [(everything.maps()[number], claim.text) for number, claim in found] == [
        ("one", "alpha words"),
        ("two", "beta words"),
    ]
    assert argmap.load(f"{store_path}#two")["a"].text == "beta words"
    assert open_map(store_path, "one").by_id["a"].text == "alpha words"
    assert "the store holds several maps; say which one" in error_of(store_path)
    assert "the store has no map called 'tow'; did you mean 'two'?" in error_of(f"{store_path}#tow")


# --- atomic builds and concurrent readers -----------------------------------------------------


def test_an_interrupted_index_leaves_the_old_store(tmp_path: Path) -> None:
    store_path = index([bundled_map_path()], tmp_path / "keep.db")
    before = store_path.read_bytes()

    def interrupt(stage: str, done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        index([bundled_map_path()], store_path, progress=interrupt)
    source = tmp_path / "broken.yaml"
    source.write_text("claims: [", encoding="utf-8")
    with pytest.raises(MapError):
        index([bundled_map_path(), source], store_path)
    assert store_path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.yaml", "keep.db"]
    assert argmap.load(store_path) == argmap.load()


def test_an_index_onto_a_folder_is_refused_and_leaves_nothing(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    with pytest.raises(MapError) as refused:
        index([bundled_map_path()], tmp_path / "folder")
    assert str(refused.value) == (
        f"{tmp_path / 'folder'}: cannot write the store: Is a directory; "
        "name a file in a folder you can write to (-o STORE.db)"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder"]


def test_an_index_interrupted_after_its_search_words_leaves_nothing(tmp_path: Path) -> None:
    def interrupt(stage: str, done: int, total: int) -> None:
        if (stage, done) == ("indexes", 1):  # after the search words were closed and copied in
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        index([bundled_map_path()], tmp_path / "s.db", progress=interrupt)
    assert list(tmp_path.iterdir()) == []


READER = textwrap.dedent(
    """
    import sys, time
    import argmap
    from argmap.analysis.queries import select
    from argmap.store import open_map
    deadline = time.monotonic() + float(sys.argv[2])
    reads = 0
    while time.monotonic() < deadline:
        store = open_map(sys.argv[1])
        assert len(select(store, words=["industrial"])) > 0
        assert store.by_id["thesis"].kind == "thesis"
        store.connection.close()
        reads += 1
    print(reads)
    """
)

WRITER = textwrap.dedent(
    """
    import sys, time
    from argmap.files import bundled_map_path
    from argmap.store import index
    end, n = time.monotonic() + 3, 0
    while time.monotonic() < end:
        index([bundled_map_path()], sys.argv[1])
        n += 1
    print(n)
    """
)


def test_readers_work_while_another_process_reindexes(tmp_path: Path) -> None:
    store_path = index([bundled_map_path()], tmp_path / "live.db")
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(store_path), "4"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    writer = subprocess.run(
        [sys.executable, "-c", WRITER, str(store_path)],
        check=False,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    out, err = reader.communicate(timeout=60)
    assert writer.returncode == 0, writer.stderr
    assert reader.returncode == 0, err.decode()
    assert int(writer.stdout) > 1 and int(out) > 1


# --- the command line -------------------------------------------------------------------------

ESSAY_COMMANDS = [
    ["list"],
    ["list", "--json"],
    ["list", "--kind", "objection", "--search", "industrial"],
    ["list", "--section", "nowhere"],
    ["show", "industrial-drive-inward"],
    ["show", "thesis", "--json"],
    ["show", "thesys"],
    ["trace", "thesis"],
    ["trace", "thesis", "--limit", "2", "--json"],
    ["trace", "industrial", "--up"],
    ["tree"],
    ["tree", "stagnation", "--depth", "2"],
    ["tree", "industrial", "--direction", "up", "--json"],
    ["tree", "thesis", "--status", "grounded"],
    ["search", "industrial", "internet"],
    ["search", "STRASSE", "--json"],
    ["evaluate"],
    ["export", "--to", "json"],
]


@pytest.mark.parametrize("args", ESSAY_COMMANDS, ids=" ".join)
def test_the_cli_prints_the_same_through_the_store(run: Any, tmp_path: Path, args: list[str]) -> None:
    store_path = tmp_path / "essay.db"
    made = run("index", str(bundled_map_path()), "-o", str(store_path))
    assert made.exit_code == 0, made.output
    through_file = run(*args)
    through_store = run("--map", str(store_path), *args)
    assert (through_store.exit_code, through_store.output) == (through_file.exit_code, through_file.output)


def test_the_cli_across_maps_and_when_stale(run: Any, tmp_path: Path) -> None:
    one, two = tmp_path / "one.yaml", tmp_path / "two.yaml"
    small_map(one, "alpha words")
    small_map(two, "beta words")
    store_path = str(tmp_path / "both.db")
    assert run("index", str(one), str(two), "-o", store_path).exit_code == 0
    listed = run("--map", store_path, "list")
    assert listed.output.splitlines() == [
        "MAP  ID  KIND    SECTION  TEXT",
        "one  a   thesis  -        alpha words",
        "two  a   thesis  -        beta words",
    ]
    found = json.loads(run("--map", store_path, "search", "beta", "--json").output)
    assert [(c["map"], c["id"]) for c in found["claims"]] == [("two", "a")]
    assert run("--map", store_path, "--in", "two", "show", "a").output.startswith("a [thesis]")
    several = run("--map", store_path, "show", "a")
    assert several.exit_code == 2 and "the store holds several maps; say which one" in several.output
    small_map(two, "beta, changed")
    stale = run("--no-refresh", "--map", store_path, "list")
    assert stale.exit_code == 2 and "the store is stale" in stale.output
    assert "beta, changed" in run("--map", f"{store_path}#two", "list").output
    checked = run("--map", store_path, "check")
    assert checked.exit_code == 0 and "in 2 files" in checked.output


def test_the_cli_refuses_bad_stores_with_exit_2(run: Any, tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()
    for command in (["list"], ["evaluate"], ["show", "a"]):
        result = run("--map", str(path), *command)
        assert result.exit_code == 2 and "not an argmap store" in result.output
