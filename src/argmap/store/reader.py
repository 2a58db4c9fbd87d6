"""Opening a store: recognising it, refusing what it cannot read, keeping it fresh.

Every way a file can fail to be a usable store (truncated or corrupt, an SQLite file of some
other program, a store from a newer argmap, a source changed since it was indexed and no
refresh allowed) is one `MapError` naming the file, with a hint. This module is also the
``store`` format of the format registry: `read_path` is what ``argmap.load("x.db")`` calls.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap.errors import MapError
from argmap.store import schema

if TYPE_CHECKING:
    from argmap.model import ArgumentMap
    from argmap.store.build import Progress, Reader


@dataclass(frozen=True)
class MapEntry:
    """One map held by a store."""

    number: int
    name: str
    path: str
    claim_count: int


def is_store(path: str | Path) -> bool:
    """Whether ``path`` is a file that starts with the SQLite header."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(schema.HEADER)) == schema.HEADER
    except OSError:
        return False


def split_member(path: str | Path) -> tuple[str, str | None]:
    """``STORE.db#NAME`` -> (``STORE.db``, ``NAME``) when no file has the whole name."""
    text = str(path)
    if "#" in text and not os.path.exists(text):
        base, _, member = text.rpartition("#")
        return base, member or None
    return text, None


def connect(path: str | Path) -> sqlite3.Connection:
    """A read-only connection to a checked store (migrated first if it is older)."""
    name = str(path)
    if not os.path.isfile(name):
        raise MapError("no such file", path=name, hint="check the path; it is relative to the current folder")
    if not is_store(name):
        raise MapError(
            "not an argmap store: the file does not start with the SQLite header",
            path=name,
            hint="make a store with 'argmap index MAP... -o STORE.db'",
        )
    version = _checked_version(name)
    if version < schema.SCHEMA_VERSION:
        _migrate_in_place(name, version)
    uri = Path(name).resolve().as_uri() + "?mode=ro"
    connection = sqlite3.connect(uri, uri=True)
    connection.execute("PRAGMA query_only = 1")
    return connection


def _checked_version(name: str) -> int:
    uri = Path(name).resolve().as_uri() + "?mode=ro"
    with (
        _refused(
            name, "the store is damaged or truncated", "rebuild it with 'argmap index MAP... -o STORE.db'"
        ),
        closing(sqlite3.connect(uri, uri=True)) as connection,
    ):
        application_id = connection.execute("PRAGMA application_id").fetchone()[0]
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if application_id == schema.APPLICATION_ID:
            connection.execute("SELECT count(*) FROM maps").fetchone()
    if application_id != schema.APPLICATION_ID:
        raise MapError(
            "an SQLite database, but not an argmap store",
            path=name,
            hint="make a store with 'argmap index MAP... -o STORE.db'",
        )
    if version > schema.SCHEMA_VERSION or version < 1:
        raise MapError(
            f"the store has schema version {version}; this argmap reads versions 1 to {schema.SCHEMA_VERSION}",
            path=name,
            hint="upgrade argmap, or rebuild the store with this one ('argmap index MAP... -o STORE.db')",
        )
    return int(version)


def _migrate_in_place(name: str, version: int) -> None:
    with (
        _refused(
            name,
            f"cannot bring the store from schema version {version} to {schema.SCHEMA_VERSION}",
            "make it writable once, or rebuild it with 'argmap index MAP... -o STORE.db'",
        ),
        closing(sqlite3.connect(name, isolation_level=None)) as connection,
    ):
        connection.execute("BEGIN IMMEDIATE")
        current = connection.execute("PRAGMA user_version").fetchone()[0]
        schema.migrate(connection, int(current))
        connection.execute("COMMIT")


@contextmanager
def _refused(name: str, message: str, hint: str) -> Iterator[None]:
    """SQLite's own errors in the block as one located `MapError` (its words in brackets)."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        raise MapError(f"{message} ({exc})", path=name, hint=hint) from None


def entries(connection: sqlite3.Connection) -> list[MapEntry]:
    rows = connection.execute("SELECT map, name, path, claim_count FROM maps ORDER BY map")
    return [MapEntry(*row) for row in rows]


def pick(connection: sqlite3.Connection, path: str, member: str | None) -> MapEntry | None:
    """The map called ``member``; the only map when None; None for 'all of them'."""
    maps = entries(connection)
    if member is not None:
        for entry in maps:
            if entry.name == member:
                return entry
        from argmap.errors import did_you_mean

        names = [e.name for e in maps]
        raise MapError(
            f"the store has no map called {member!r}",
            path=path,
            hint=did_you_mean(member, names) or "maps in this store: " + ", ".join(names),
        )
    return maps[0] if len(maps) == 1 else None


def stale_sources(connection: sqlite3.Connection) -> list[str]:
    """Source files that changed since they were indexed (size and time, then content)."""
    from argmap.store.build import file_facts

    changed = []
    for path, size, mtime, sha in connection.execute("SELECT path, size, mtime_ns, sha256 FROM sources"):
        try:
            stat = os.stat(path)
        except OSError:
            changed.append(path)
            continue
        if stat.st_size == size and stat.st_mtime_ns == mtime:
            continue
        if stat.st_size != size or file_facts(path)[2] != sha:
            changed.append(path)
    return changed


def refresh_if_stale(
    path: str,
    connection: sqlite3.Connection,
    *,
    refresh: bool,
    read: Reader | None,
    progress: Progress | None = None,
) -> sqlite3.Connection:
    """The same connection when the store is fresh; else rebuild it (or refuse, exit 2)."""
    changed = stale_sources(connection)
    if not changed:
        return connection
    if not refresh or read is None:
        connection.close()
        raise MapError(
            f"the store is stale: {changed[0]} changed since it was indexed",
            path=path,
            hint="run the command without --no-refresh to refresh it, or re-run 'argmap index'",
        )
    from argmap.store.build import Source, build

    maps = entries(connection)
    documents = dict(connection.execute("SELECT map, path FROM sources WHERE role = 'map'").fetchall())
    search = connection.execute("SELECT value FROM settings WHERE key = 'search'").fetchone()
    connection.close()
    sources = [Source(documents[entry.number], entry.name) for entry in maps]
    build(
        sources,
        path,
        read=read,
        progress=progress,
        fts=None if search is None else search[0].startswith("fts5"),
    )
    return connect(path)


def load_whole(connection: sqlite3.Connection, entry: MapEntry) -> ArgumentMap:
    """The whole map, as validated when it was indexed (the references are not checked again)."""
    import json

    from pydantic import TypeAdapter

    from argmap.memory import gc_paused
    from argmap.model import ArgumentMap, Claim

    (document,) = connection.execute("SELECT document FROM maps WHERE map = ?", (entry.number,)).fetchone()
    docs = [
        row[0]
        for row in connection.execute("SELECT doc FROM claims WHERE map = ? ORDER BY rid", (entry.number,))
    ]
    with gc_paused():
        claims = TypeAdapter(list[Claim]).validate_json("[" + ",".join(docs) + "]")
        del docs
        data: dict[str, Any] = json.loads(document)
        data["claims"] = claims
        return ArgumentMap.model_validate(data, context={"lenient": True})


def read_path(
    path: str | Path,
    *,
    read: Reader | None = None,
    refresh: bool = True,
    progress: Progress | None = None,
) -> ArgumentMap:
    """The whole map of a store (``STORE.db#NAME`` picks one of several); see `connect`."""
    name, member = split_member(path)
    connection = refresh_if_stale(name, connect(name), refresh=refresh, read=read, progress=progress)
    try:
        entry = pick(connection, name, member)
        if entry is None:
            names = ", ".join(e.name for e in entries(connection))
            raise MapError(
                "the store holds several maps; say which one",
                path=name,
                hint=f"add --in NAME or write {name}#NAME (maps: {names})",
            )
        return load_whole(connection, entry)
    finally:
        connection.close()


def read(text: str, *, path: str | None = None) -> ArgumentMap:
    """A store is a binary file: it is read from its path (`read_path`), never from text."""
    raise MapError(
        "an argmap store is read from its file, not from text",
        path=path,
        hint="give the store's path with --map",
    )
