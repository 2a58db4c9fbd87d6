"""What each piece of writing a store costs, and why a second thread does not hide it.

    PYTHONPATH=src python benchmarks/bench_store_pieces.py [--size 100k]

In one process, on a map from ``benchmarks/generate.py``:
- the JSON load (the floor ``argmap index`` is held to);
- each piece of the store, alone, in one thread: claim documents and rows, folded text, tag and
  relation rows, their inserts, the indexes, the full-text index and its word list;
- the relations derived in SQL from the claims' documents (``json_each``), the way a thread
  could make them without the GIL, against making them in Python;
- the claim rows inserted by ``executemany`` in a second thread while the map is loaded again
  in this one: the wall time against the thread's own CPU time shows how long binding rows
  waits for the GIL.

The figures are in benchmarks/RESULTS.md ("Store, fourth round"). Tests assert behaviour,
never time.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import argmap
from argmap.store import schema
from argmap.store.fulltext import DDL, list_terms, open_for_build, tune

ROOT = Path(__file__).resolve().parents[1]
build = importlib.import_module("argmap.store.build")  # the package's `build` is the function

#: The supports, attacks and contrasts of the claims ``?1``..``?2`` from their documents, in the
#: order the store keeps them (linked supports left out: the generated maps have none).
RELATIONS_IN_SQL = """
INSERT INTO relations (map, source, target, kind, linked, undercut_by, out_pos, in_pos)
SELECT 1, source, target, kind, '', '', 0, 0 FROM (
    SELECT c.rid AS r, 0 AS part, e.key AS k, c.id AS source, e.value AS target, 'supports' AS kind
    FROM claims AS c, json_each(c.doc, '$.supports') AS e WHERE c.rid BETWEEN ?1 AND ?2
    UNION ALL
    SELECT c.rid, 2, e.key, c.id, e.value, 'attacks'
    FROM claims AS c, json_each(c.doc, '$.attacks') AS e WHERE c.rid BETWEEN ?1 AND ?2
    UNION ALL
    SELECT c.rid, 3, e.key, c.id, e.value, 'contrasts'
    FROM claims AS c, json_each(c.doc, '$.contrasts') AS e WHERE c.rid BETWEEN ?1 AND ?2
) ORDER BY r, part, k
"""
CHUNK = 5_000


def timed(label: str, job: Callable[[], Any], figures: dict[str, float]) -> Any:
    start = time.perf_counter()
    result = job()
    figures[label] = time.perf_counter() - start
    return result


def pieces(path: Path, folder: Path) -> dict[str, float]:
    figures: dict[str, float] = {}
    amap = timed("load JSON", lambda: argmap.load(str(path), max_bytes=0), figures)
    claims = amap.claims
    gc.disable()
    folded = timed("folded text", lambda: [build._folded(c) for c in claims], figures)
    rows = timed("claim documents and rows", lambda: list(build._claim_rows(claims, folded, 1, 1)), figures)
    tags = timed("tag rows", lambda: list(build._tag_rows(claims, 1)), figures)
    relations = timed("relation rows", lambda: build._relation_rows(1, claims), figures)
    connection = open_for_build(str(folder / "pieces.db"))
    connection.execute("BEGIN")
    schema.create(connection)
    timed("insert claims", lambda: connection.executemany(build.INSERT_CLAIM, rows), figures)
    timed("insert tags", lambda: connection.executemany(build.INSERT_TAG, tags), figures)
    timed("insert relations", lambda: connection.executemany(build.INSERT_RELATION, relations), figures)
    timed("the six indexes", lambda: schema.add_indexes(connection), figures)
    connection.execute(DDL.format(schema=""))
    tune(connection)
    fill = "INSERT INTO claim_search (rowid, folded) SELECT rid, folded FROM claims"
    timed("full-text index", lambda: connection.execute(fill), figures)
    timed("its word list", lambda: list_terms(connection), figures)
    connection.execute("DELETE FROM relations")

    def in_sql() -> None:
        for first in range(1, len(claims) + 1, CHUNK):
            connection.execute(RELATIONS_IN_SQL, (first, first + CHUNK - 1))

    timed("relations derived in SQL (select and insert)", in_sql, figures)
    connection.execute("ROLLBACK")
    connection.close()
    gc.enable()
    return figures


def contention(path: Path, folder: Path, figures: dict[str, float]) -> None:
    """Claim rows written by a thread while this one loads the map again."""
    amap = argmap.load(str(path), max_bytes=0)
    claims = amap.claims
    rows = list(build._claim_rows(claims, [build._folded(c) for c in claims], 1, 1))
    connection = open_for_build(str(folder / "threads.db"), check_same_thread=False)
    connection.execute("BEGIN")
    schema.create(connection)
    spent: dict[str, float] = {}

    def write() -> None:
        wall, cpu = time.perf_counter(), time.thread_time()
        for start in range(0, len(rows), CHUNK):
            connection.executemany(build.INSERT_CLAIM, rows[start : start + CHUNK])
        spent["wall"], spent["cpu"] = time.perf_counter() - wall, time.thread_time() - cpu

    writer = threading.Thread(target=write)
    writer.start()
    argmap.load(str(path), max_bytes=0)
    writer.join()
    connection.close()
    figures["insert claims in a thread beside a load: wall"] = spent["wall"]
    figures["insert claims in a thread beside a load: its CPU"] = spent["cpu"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", default="100k", help="a size of benchmarks/generate.py (1k, 10k, 100k, 1M)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_store import ensure

    path = ensure(args.size)
    with tempfile.TemporaryDirectory() as folder:
        figures = pieces(path, Path(folder))
        contention(path, Path(folder), figures)
    print(f"| {args.size}, in process ({os.cpu_count()} cores) | seconds |\n|---|---|")
    for label, seconds in figures.items():
        print(f"| {label} | {seconds:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
