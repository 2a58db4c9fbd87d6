"""The store's tables, its version number, and the migrations from the first version on.

A store says what it is twice: SQLite's ``application_id`` (``ARGM``) tells an argmap store
from any other SQLite file, and ``user_version`` is the schema version. A store made by an
older argmap is brought up to date by running `MIGRATIONS` in order, each one step; a store
from a newer argmap is refused rather than misread.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

#: ``PRAGMA application_id``: the bytes ``ARGM``.
APPLICATION_ID = int.from_bytes(b"ARGM", "big")
#: What every SQLite 3 file starts with.
HEADER = b"SQLite format 3\x00"

#: The first schema: one row per map, per claim, per relation; tags, sources and settings.
#: Claims keep map order in ``rid``; a relation keeps its place in its source's outgoing and
#: its target's incoming list of `argmap.model.index.Index` (``out_pos``, ``in_pos``), so
#: lookups answer in the same order as the file path. ``linked`` and ``undercut_by`` are the
#: other premises of a linked support and the undercutters of the inference, space-separated.
V1_DDL = """
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE maps (
    map INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL,
    format TEXT NOT NULL,
    document TEXT NOT NULL,
    claim_count INTEGER NOT NULL,
    source_name TEXT,
    source_text TEXT
);
CREATE TABLE sources (
    map INTEGER NOT NULL REFERENCES maps(map),
    role TEXT NOT NULL,
    path TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    PRIMARY KEY (map, role)
);
CREATE TABLE claims (
    rid INTEGER PRIMARY KEY,
    map INTEGER NOT NULL REFERENCES maps(map),
    id TEXT NOT NULL,
    kind TEXT NOT NULL,
    section TEXT,
    folded TEXT NOT NULL,
    doc TEXT NOT NULL
);
CREATE TABLE tags (rid INTEGER NOT NULL REFERENCES claims(rid), tag TEXT NOT NULL);
CREATE TABLE relations (
    seq INTEGER PRIMARY KEY,
    map INTEGER NOT NULL REFERENCES maps(map),
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    kind TEXT NOT NULL,
    linked TEXT NOT NULL,
    undercut_by TEXT NOT NULL,
    out_pos INTEGER NOT NULL,
    in_pos INTEGER NOT NULL
);
"""

#: Indexes are made after the rows are in (one sort instead of a million insertions).
V1_INDEXES = """
CREATE UNIQUE INDEX claims_by_id ON claims (map, id);
CREATE INDEX claims_by_kind ON claims (map, kind);
CREATE INDEX tags_by_tag ON tags (tag, rid);
CREATE INDEX tags_by_claim ON tags (rid);
CREATE INDEX relations_by_source ON relations (map, source, out_pos);
CREATE INDEX relations_by_target ON relations (map, target, in_pos);
"""

#: Version 2: the undercuts as rows of their own (who undercuts which inference), for
#: lookups by the undercutter; version 1 kept them only inside each claim's document.
_V2 = """
CREATE TABLE undercuts (
    map INTEGER NOT NULL REFERENCES maps(map),
    by_id TEXT NOT NULL,
    from_id TEXT NOT NULL,
    to_id TEXT NOT NULL
);
INSERT INTO undercuts (map, by_id, from_id, to_id)
    SELECT c.map, c.id, json_extract(u.value, '$.from'), json_extract(u.value, '$.to')
    FROM claims AS c, json_each(c.doc, '$.undercuts') AS u
    WHERE json_type(c.doc, '$.undercuts') = 'array' ORDER BY c.rid;
CREATE INDEX undercuts_by_id ON undercuts (map, by_id);
CREATE INDEX undercuts_by_target ON undercuts (map, to_id);
"""


def run_script(connection: sqlite3.Connection, script: str) -> None:
    """Run statements one by one (``executescript`` would commit the caller's transaction)."""
    for statement in script.split(";\n"):
        if statement.strip():
            connection.execute(statement)


def _v1_to_v2(connection: sqlite3.Connection) -> None:
    run_script(connection, _V2)


#: ``MIGRATIONS[n]`` takes a store from version ``n + 1`` to ``n + 2``.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1_to_v2]
SCHEMA_VERSION = len(MIGRATIONS) + 1


def create(connection: sqlite3.Connection) -> None:
    """Make an empty store of the current version (version 1, then every migration), inside
    the caller's transaction.

    Building through the migrations means a new store and a migrated old one cannot drift.
    """
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    run_script(connection, V1_DDL)
    connection.execute("PRAGMA user_version = 1")
    migrate(connection, 1)


def add_indexes(connection: sqlite3.Connection) -> None:
    run_script(connection, V1_INDEXES)


def migrate(connection: sqlite3.Connection, version: int) -> int:
    """Run the migrations from ``version`` to `SCHEMA_VERSION` inside the caller's transaction
    (all steps or none), recording each new version."""
    while version < SCHEMA_VERSION:
        MIGRATIONS[version - 1](connection)
        version += 1
        connection.execute(f"PRAGMA user_version = {version}")
    return version
