"""``index`` (maps into an SQLite store), and what the query commands read from a store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from argmap.cli.options import Settings, load_map, settings


def index_maps(
    ctx: typer.Context,
    maps: Annotated[
        list[Path], typer.Argument(metavar="MAP...", help="Maps to index (any readable format).")
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="The store to write (replaced atomically).")],
) -> None:
    """Index maps into an SQLite store that answers list, show, search, trace and tree in milliseconds."""
    from argmap.store import index
    from argmap.views.store_output import progress_line

    index(maps, output, progress=progress_line(), max_bytes=settings(ctx).max_bytes)


def query_map(options: Settings, *, whole: bool = False) -> Any:
    """What a query command reads: for a store, a `StoreMap` that fetches by SQL the claims the
    command prints (all maps of a store of several when no --in); else, or when the command
    needs the ``whole`` map, the map as `load_map` reads it."""
    if not whole and _may_be_store(options):
        from argmap.store import open_query
        from argmap.views.store_output import progress_line

        store = open_query(
            options.map,
            options.in_map,
            fmt=options.from_format,
            refresh=options.refresh,
            progress=progress_line(),
            max_bytes=options.max_bytes,
        )
        if store is not None:
            return store
    return load_map(options)


def _may_be_store(options: Settings) -> bool:
    """Whether --map can name a store (by --from or its header): other maps never load the
    store package, so reading a map file costs nothing for it."""
    from argmap.formats import binary_format

    return options.map is not None and binary_format(options.map, options.from_format) is not None


def one_query_map(options: Settings, *, whole: bool = False) -> Any:
    """`query_map` for a command that works on one map: a store of several needs --in."""
    from argmap.store import one_map

    return one_map(query_map(options, whole=whole))


def across(amap: Any) -> bool:
    """Whether ``amap`` is every map of a store (``list`` and ``search`` then say each claim's map)."""
    return getattr(amap, "entry", True) is None


def map_file(options: Settings) -> str | Path | None:
    """The map file --map names (where its ``meta.source`` is relative to); for a store, the
    file its map was indexed from."""
    if not _may_be_store(options):
        return options.map
    paths = one_query_map(options).source_paths()
    return paths[0] if len(paths) == 1 else options.map
