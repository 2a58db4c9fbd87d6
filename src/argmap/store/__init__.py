"""An SQLite store of one or many maps that answers queries without loading whole maps.

``index`` builds a store from map files (any readable format); ``open_map`` opens one map of
it (or all of them) as a `StoreMap` that the queries of `argmap.analysis` take like a map;
``argmap.load("x.db")`` reads a whole map back. Only the standard library's ``sqlite3``.

    schema   the tables, the schema version, the migrations from version 1 on
    build    writing a store atomically (temporary file, rename), with progress
    fulltext the full-text index, made in a thread beside the store and copied in
    reader   recognising, checking, refreshing a store; loading a whole map
    query    `StoreMap` / `StoreIndex`: the claims and relations a query touches, by SQL
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap.store.build import Progress, Reader, Source, build, fts5_available, sources_for
from argmap.store.reader import connect, is_store, pick, read_path, refresh_if_stale, split_member
from argmap.store.schema import APPLICATION_ID, SCHEMA_VERSION

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from argmap.analysis.queries import Filters
    from argmap.model import ArgumentMap, Claim
    from argmap.store.query import StoreMap

__all__ = [
    "APPLICATION_ID",
    "SCHEMA_VERSION",
    "Progress",
    "Source",
    "fts5_available",
    "index",
    "is_store",
    "one_map",
    "open_map",
    "open_query",
    "read_path",
    "select_across",
    "source_files",
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


def open_query(
    path: str | Path | None,
    member: str | None = None,
    *,
    fmt: str | None = None,
    refresh: bool = True,
    progress: Progress | None = None,
    max_bytes: int | None = None,
) -> StoreMap | None:
    """`open_map` when ``path`` is a store (by its header, or ``fmt`` "store"); None for any
    other map, which a query then reads whole."""
    if path is None or fmt not in (None, "store") or not is_store(split_member(path)[0]):
        return None
    return open_map(path, member, refresh=refresh, progress=progress, max_bytes=max_bytes)


def one_map(amap: Any) -> Any:
    """``amap``, unless it is all the maps of a store, which a query of one map cannot take."""
    if getattr(amap, "entry", True) is None:
        names = ", ".join(amap.maps().values())
        from argmap.errors import MapError

        raise MapError(
            "the store holds several maps; say which one",
            path=amap.path,
            hint=f"add --in NAME or write {amap.path}#NAME (maps: {names})",
        )
    return amap


def select_across(store: StoreMap, **filters: Unpack[Filters]) -> list[tuple[str, Claim]]:
    """(map name, claim) for the claims of every map of ``store`` that `select` would pick,
    the asked kinds, sections and tags checked as `select` checks them."""
    from argmap.analysis.queries import check_filters

    kinds = list(filters.get("kinds", ()))
    sections = list(filters.get("sections", ()))
    tags = list(filters.get("tags", ()))
    check_filters(store, kinds, sections, tags)  # type: ignore[arg-type]
    names = store.maps()
    words = [w for w in filters.get("words", ()) if w.strip()]
    return [(names[number], claim) for number, claim in store.select_claims(kinds, sections, tags, words)]


def source_files(
    target: str | Path | None,
    member: str | None = None,
    *,
    refresh: bool = True,
    max_bytes: int | None = None,
) -> list[str | Path | None]:
    """The map files a store was indexed from (``[target]`` for anything else): a store is
    checked through them, so findings point into the files a user edits."""
    store = open_query(target, member, refresh=refresh, max_bytes=max_bytes)
    return [target] if store is None else list(store.source_paths())
