"""Writing a store: read each map once, validated, and keep what the queries need.

The store is built in a temporary file beside the target and renamed over it only when it is
complete, so a failed or interrupted index never leaves a broken store nor harms the old one.
The temporary file is written with no journal and no syncs (it is not live yet; a failure
throws it away) and ends in rollback-journal mode: a WAL file belongs to the store's path, not
to the file, and a reader of the old store must never pair its WAL with the new one. Readers
open the store read-only, so they never block a re-index. The full-text index is made at the
same time in a file of its own (`argmap.store.fulltext`).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap.memory import gc_paused
from argmap.store import schema
from argmap.store.fulltext import DDL, WORDS, SideIndex, copy_into, list_terms, open_for_build, tune

if TYPE_CHECKING:
    from argmap.model import ArgumentMap, Claim

#: ``progress(stage, done, total)``: what the build is doing, for a progress line.
Progress = Callable[[str, int, int], None]
#: ``read(path) -> ArgumentMap``: how a source map is read (`argmap.formats.load` by default).
Reader = Callable[[str], "ArgumentMap"]

#: Rows handed to SQLite per batch, and how often progress is told.
BATCH = 20_000
#: How each claim, tag and relation row goes in (`benchmarks/bench_store_pieces.py` times them).
INSERT_CLAIM = "INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?)"
INSERT_TAG = "INSERT INTO tags VALUES (?, ?)"
INSERT_RELATION = (
    "INSERT INTO relations (map, source, target, kind, linked, undercut_by, out_pos, in_pos) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)


@dataclass(frozen=True)
class Source:
    """One map to index: its file and the name it gets in the store."""

    path: str
    name: str


def sources_for(paths: Iterable[str | Path], names: Sequence[str] | None = None) -> list[Source]:
    """Each path with a unique name (its file name without the extension, numbered on a clash)."""
    sources: list[Source] = []
    taken: set[str] = set()
    for i, path in enumerate(paths):
        name = names[i] if names is not None else Path(path).stem or "map"
        unique, n = name, 2
        while unique in taken:
            unique, n = f"{name}-{n}", n + 1
        taken.add(unique)
        sources.append(Source(str(path), unique))
    return sources


def build(
    sources: Sequence[Source],
    store_path: str | Path,
    *,
    read: Reader,
    progress: Progress | None = None,
    fts: bool | None = None,
) -> Path:
    """Index ``sources`` into ``store_path``, atomically; ``fts`` None: FTS5 where available."""
    from argmap.files import give_mode, temp_beside

    target = Path(store_path)
    fd, temp = temp_beside(target)
    os.close(fd)
    side: SideIndex | None = None
    try:
        side = SideIndex(temp + "-search") if (fts5_available() if fts is None else fts) else None
        _write(sources, temp, read=read, progress=progress, side=side)
        give_mode(temp, target)
        _replace(temp, target)
    except BaseException:
        try:
            if side is not None:
                side.abandon()
        finally:
            for leftover in (temp, temp + "-wal", temp + "-shm", temp + "-journal", temp + "-search"):
                with contextlib.suppress(OSError):
                    os.unlink(leftover)
        raise
    return target


def _replace(temp: str, target: Path) -> None:
    """The finished store into place; a target that cannot be replaced is the user's to fix."""
    try:
        os.replace(temp, target)
    except OSError as exc:
        from argmap.errors import MapError

        raise MapError(
            f"cannot write the store: {exc.strerror or exc}",
            path=str(target),
            hint="name a file in a folder you can write to (-o STORE.db)",
        ) from None


def fts5_available() -> bool:
    """Whether this SQLite build has FTS5 (with its vocabulary tables, for substring search)."""
    connection = sqlite3.connect(":memory:")
    try:
        connection.execute("CREATE VIRTUAL TABLE probe USING fts5(x, tokenize='ascii')")
        connection.execute("CREATE VIRTUAL TABLE probe_vocab USING fts5vocab(probe, row)")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        connection.close()


def _write(
    sources: Sequence[Source], temp: str, *, read: Reader, progress: Progress | None, side: SideIndex | None
) -> None:
    connection = open_for_build(temp)
    try:
        connection.execute("BEGIN")
        schema.create(connection)
        connection.execute(
            "INSERT INTO settings VALUES ('search', ?), ('argmap', ?)",
            (WORDS if side is not None else "scan", _argmap_version()),
        )
        rid = 0
        for number, source in enumerate(sources, start=1):
            amap = read(source.path)
            with gc_paused():  # rows of fresh tuples: the collector would rescan the whole map
                rid = _write_map(connection, number, source, amap, rid, progress, side)
            del amap
        _finish(connection, side, progress)
    finally:
        connection.close()


def _argmap_version() -> str:
    from argmap.version import __version__

    return __version__


def _finish(connection: sqlite3.Connection, side: SideIndex | None, progress: Progress | None) -> None:
    """The indexes (while the full-text index is still being made), then the full-text table."""
    if progress:
        progress("indexes", 0, 1)
    if side is not None:
        side.seal()
    schema.add_indexes(connection)
    connection.execute("COMMIT")
    if side is not None:
        side.finish()
        if not copy_into(connection, side.path):
            connection.execute("BEGIN")
            connection.execute(DDL.format(schema=""))
            tune(connection)
            connection.execute("INSERT INTO claim_search (claim_search) VALUES ('rebuild')")
            list_terms(connection)
            connection.execute("COMMIT")
        os.unlink(side.path)
    connection.execute("PRAGMA journal_mode = DELETE")
    if progress:
        progress("indexes", 1, 1)


def file_facts(path: str | Path) -> tuple[int, int, str]:
    """(size, mtime in ns, sha256) of a file: what tells whether it changed since."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        mtime = os.fstat(handle.fileno()).st_mtime_ns
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return size, mtime, digest.hexdigest()


def _write_map(
    connection: sqlite3.Connection,
    number: int,
    source: Source,
    amap: ArgumentMap,
    rid: int,
    progress: Progress | None,
    side: SideIndex | None,
) -> int:
    """Insert one map; returns the last claim rowid used."""
    _write_document(connection, number, source, amap)
    claims = amap.claims
    total = len(claims)
    first = rid + 1
    folded = [_folded(claim) for claim in claims]
    if side is not None:
        side.add(first, zip(range(first, first + total), folded, strict=True))
    for start in range(0, total, BATCH):
        part = claims[start : start + BATCH]
        connection.executemany(
            INSERT_CLAIM, _claim_rows(part, folded[start : start + BATCH], number, first + start)
        )
        connection.executemany(INSERT_TAG, _tag_rows(part, first + start))
        if progress:
            progress(f"{source.name}: claims", start + len(part), total)
    relations = _relation_rows(number, claims)
    connection.executemany(INSERT_RELATION, relations)
    cuts = [
        (number, claim.id, cut.from_, cut.to)
        for claim in claims
        if claim.undercuts
        for cut in claim.undercuts
    ]
    connection.executemany("INSERT INTO undercuts VALUES (?, ?, ?, ?)", cuts)
    if progress:
        progress(f"{source.name}: relations", len(relations), len(relations))
    return rid + total


def _write_document(connection: sqlite3.Connection, number: int, source: Source, amap: ArgumentMap) -> None:
    """The map's row (everything but its claims, and the source text for quotes) and the facts
    of the files it came from."""
    from argmap.model.source_text import source_file

    text_path = source_file(amap, source.path)
    source_text = None
    if text_path is not None and text_path.is_file():
        from argmap.files import read_text

        source_text = read_text(text_path, max_bytes=0)
    document = amap.model_dump_json(by_alias=True, exclude_unset=True, exclude={"claims"})
    connection.execute(
        "INSERT INTO maps VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            number,
            source.name,
            str(Path(source.path).resolve()),
            "auto",
            document,
            len(amap.claims),
            amap.meta.source,
            source_text,
        ),
    )
    roles = [("map", source.path)] + ([("text", str(text_path))] if source_text is not None else [])
    for role, path in roles:
        size, mtime, sha = file_facts(path)
        connection.execute(
            "INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?)",
            (number, role, str(Path(path).resolve()), size, mtime, sha),
        )


def _claim_rows(
    claims: Sequence[Claim], folded: Sequence[str], number: int, first: int
) -> Iterator[tuple[Any, ...]]:
    from argmap.model import Claim

    dump = Claim.__pydantic_serializer__.to_json  # `model_dump_json` without its Python wrapper
    for rid, claim, text in zip(range(first, first + len(claims)), claims, folded, strict=True):
        doc = dump(claim, by_alias=True, exclude_defaults=True).decode()
        yield rid, number, claim.id, claim.kind, claim.section, text, doc


def _folded(claim: Claim) -> str:
    """What search looks in, as `argmap.analysis.queries.matches` folds it. SQLite's ``instr``
    and full-text index stop at a NUL, which would hide the rest of the text from every word;
    in its place goes another character (a word never holds a NUL here: such words are left
    to ``matches``, which checks every row the SQL finds)."""
    return " ".join(filter(None, (claim.id, claim.text, claim.quote))).casefold().replace("\x00", "\ufffd")


def _tag_rows(claims: Sequence[Claim], first: int) -> Iterator[tuple[int, str]]:
    for offset, claim in enumerate(claims):
        for tag in claim.tags:
            yield first + offset, tag


def _relation_rows(number: int, claims: Sequence[Claim]) -> list[tuple[Any, ...]]:
    """The relations exactly as `argmap.model.index.Index` lists them: its edges in the order
    ``Index._build`` makes them, each with its place in its source's outgoing and its target's
    incoming list (counted as they come, without building the index)."""
    cuts: dict[tuple[str, str], list[str]] = {}
    for claim in claims:
        if claim.undercuts:
            for cut in claim.undercuts:
                cuts.setdefault((cut.from_, cut.to), []).append(claim.id)
    outs: dict[str, int] = {}  # edges so far from each claim (linked groups add to others')
    ins: dict[str, int] = {}
    rows: list[tuple[Any, ...]] = []
    add = rows.append
    for claim in claims:
        source = claim.id
        out = outs.get(source, 0)
        for target in claim.supports:
            at = ins.get(target, 0)
            ins[target] = at + 1
            undercutters = " ".join(cuts.get((source, target), ())) if cuts else ""
            add((number, source, target, "supports", "", undercutters, out, at))
            out += 1
        if claim.linked:
            outs[source] = out
            for link in claim.linked:
                group = (source, *link.with_)
                undercutters = " ".join(u for premise in group for u in cuts.get((premise, link.to), ()))
                for premise in group:
                    others = " ".join(p for p in group if p != premise)
                    place, at = outs.get(premise, 0), ins.get(link.to, 0)
                    add((number, premise, link.to, "supports", others, undercutters, place, at))
                    outs[premise], ins[link.to] = place + 1, at + 1
            out = outs[source]
        for kind, targets in (("attacks", claim.attacks), ("contrasts", claim.contrasts)):
            for target in targets:
                at = ins.get(target, 0)
                ins[target] = at + 1
                add((number, source, target, kind, "", "", out, at))
                out += 1
        outs[source] = out
    return rows
