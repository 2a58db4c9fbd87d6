"""An SQLite store of one or many maps that answers queries without loading whole maps.

``index`` builds a store from map files (any readable format); ``open_map`` opens one map of
it (or all of them) as a `StoreMap` that the queries of `argmap.analysis` take like a map;
``argmap.load("x.db")`` reads a whole map back. Only the standard library's ``sqlite3``.

    schema   the tables, the schema version, the migrations from version 1 on
    build    writing a store atomically (temporary file, rename), with progress
    reader   recognising, checking, refreshing a store; loading a whole map
    query    `StoreMap` / `StoreIndex`: the claims and relations a query touches, by SQL
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.store.build import Progress, Reader, Source, build, fts5_available, sources_for
from argmap.store.reader import connect, is_store, pick, read_path, refresh_if_stale, split_member
from argmap.store.schema import APPLICATION_ID, SCHEMA_VERSION

if TYPE_CHECKING:
    from argmap.model import ArgumentMap
    from argmap.store.query import StoreMap

__all__ = [
    "APPLICATION_ID",
    "SCHEMA_VERSION",
    "Progress",
    "Source",
    "fts5_available",
    "index",
    "is_store",
    "open_map",
    "read_path",
    "split_member",
]


def _read(max_bytes: int | None) -> Reader:
    from argmap.formats import load

    def read(path: str) -> ArgumentMap:
        return load(path, max_bytes=max_bytes)

    return read


def index(
    paths: Iterable[str | Path],
    store_path: str | Path,
    *,
    names: Sequence[str] | None = None,
    progress: Progress | None = None,
    max_bytes: int | None = None,
    fts: bool | None = None,
) -> Path:
    """Index the maps at ``paths`` into ``store_path`` (replaced atomically when complete)."""
    return build(sources_for(paths, names), store_path, read=_read(max_bytes), progress=progress, fts=fts)


def open_map(
    path: str | Path,
    member: str | None = None,
    *,
    refresh: bool = True,
    progress: Progress | None = None,
    max_bytes: int | None = None,
) -> StoreMap:
    """One map of the store (``member``, or ``STORE.db#NAME``, or the only one), or all of them
    (a store of several maps and no name), refreshed first when a source changed."""
    from argmap.store.query import StoreMap

    name, named = split_member(path)
    connection = refresh_if_stale(
        name,
        connect(name),
        refresh=refresh,
        read=_read(max_bytes),
        progress=progress,
    )
    return StoreMap(connection, name, pick(connection, name, member or named))
