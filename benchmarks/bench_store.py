"""The SQLite store beside the map file: index time, store size, and query commands.

    PYTHONPATH=src python benchmarks/bench_store.py [--sizes 1k,10k,100k,1M] [--corpus N] [--runs N]

Every figure is a fresh ``argmap`` process (start-up included), wall time and peak RSS read
from ``wait4``. For each size: loading the JSON map in a process (the file path's floor),
``argmap index`` (the target is within 1.5x of that; ``--runs N`` alternates the two N times
and gives medians), the store's size, then ``show``,
``trace ID --up``, ``tree ID --depth 2``, ``search WORDS`` and the first rows of
``list --tag T --json | head`` through the store and through the file (the file path is skipped
at 1M, where every command is the 16-37 s load). ``--corpus N`` also indexes every readable map
of ../shared/corpus and N generated small maps into one store and searches across them.
Maps come from ``benchmarks/generate.py`` (cached in benchmarks/data/, made when missing).
``BENCH_SRC=/path/to/other/src`` runs the commands of another checkout (a before/after).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "data"
ARGMAP = (
    [sys.executable, "-m", "argmap"]
    if not (Path(sys.executable).parent / "argmap").exists()
    else [str(Path(sys.executable).parent / "argmap")]
)
CORPUS = ROOT.parent / "shared" / "corpus"


#: (wall seconds, peak RSS bytes, exit code, CPU seconds) of one process.
Run = tuple[float, int, int, float]


def spawn(args: list[str], *, first_lines: int | None = None) -> Run:
    """(wall seconds, peak RSS bytes, exit code, CPU seconds) of one fresh process; with ``first_lines``,
    the time until that many lines of output arrived (the process is then stopped)."""
    env = {**os.environ, "PYTHONPATH": os.environ.get("BENCH_SRC", str(ROOT / "src"))}
    start = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    assert process.stdout is not None
    if first_lines is not None:
        for _ in range(first_lines):
            if not process.stdout.readline():
                break
        wall = time.perf_counter() - start
        process.stdout.close()
        _, status, usage = os.wait4(process.pid, 0)
        return wall, usage.ru_maxrss * 1024, 0, usage.ru_utime + usage.ru_stime
    process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    return wall, usage.ru_maxrss * 1024, os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime


def ensure(label: str) -> Path:
    path = DATA / f"map-{label}.json"
    if not path.exists():
        sys.path.insert(0, str(ROOT / "benchmarks"))
        import generate

        generate.main(["--sizes", label, "--out", str(DATA), "--formats", "yaml,json"])
    return path


def median(results: list[Run]) -> Run:
    """The median wall time, peak RSS and CPU time of several runs (the worst exit code)."""
    walls, rss, cpus = (sorted(r[i] for r in results) for i in (0, 1, 3))
    middle = len(results) // 2
    return walls[middle], int(rss[middle]), max((r[2] for r in results), key=abs), cpus[middle]


def cell(result: Run) -> str:
    wall, rss, code, _cpu = result
    mark = "" if code == 0 else f" (exit {code})"
    return f"{wall:.2f} s / {rss / 2**20:.0f} MiB{mark}"


def size_row(label: str, runs: int = 1) -> list[str]:
    path = ensure(label)
    meta = json.loads(path.with_suffix("").with_suffix(".meta.json").read_text())
    deep, thesis = meta["deep_claim"], meta["theses"][0]
    store = DATA / f"map-{label}.db"
    loads, indexes = [], []
    for _ in range(runs):  # in turns, so a busy moment of a shared host hits both alike
        loads.append(spawn([sys.executable, "-c", f"import argmap; argmap.load({str(path)!r}, max_bytes=0)"]))
        indexes.append(spawn([*ARGMAP, "--max-bytes", "0", "index", str(path), "-o", str(store)]))
    load, index = median(loads), median(indexes)
    queries = {
        "show": ["show", deep],
        "trace --up": ["trace", deep, "--up"],
        "tree --depth 2": ["tree", thesis, "--depth", "2"],
        "search": ["search", "factory", "growth"],
    }
    row = [
        label,
        cell(load),
        cell(index),
        f"{index[0] / load[0]:.2f}x",
        f"{index[3] / load[3]:.2f}x",
        f"{store.stat().st_size / 2**20:.0f} MiB",
    ]
    for args in queries.values():
        through_store = spawn([*ARGMAP, "--map", str(store), *args])
        row.append(cell(through_store))
    row.append(
        cell(spawn([*ARGMAP, "--map", str(store), "list", "--tag", "topic-7", "--json"], first_lines=20))
    )
    if label != "1M":
        row.append(cell(spawn([*ARGMAP, "--max-bytes", "0", "--map", str(path), "show", deep])))
    else:
        row.append("(skipped)")
    return row


def corpus_row(count: int) -> list[str]:
    """Every readable corpus map plus ``count`` generated 100-claim maps in one store."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import generate

    import argmap
    from argmap.errors import MapError

    folder = DATA / "small"
    folder.mkdir(parents=True, exist_ok=True)
    paths: list[str] = []
    for path in sorted(p for p in CORPUS.rglob("*") if p.is_file()):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # what a reader drops is not this benchmark's concern
                argmap.load(path)
        except MapError:
            continue  # not a readable map (notes, frameworks, broken on purpose)
        paths.append(str(path))
    readable = len(paths)
    for i in range(count):
        path = folder / f"small-{i}.json"
        if not path.exists():
            generate.main(["--sizes", "100", "--seed", str(i + 1), "--out", str(folder), "--formats", "json"])
            (folder / "map-100.json").rename(path)
        paths.append(str(path))
    store = DATA / "corpus.db"
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listing:
        listing.write("\n".join(paths))
    code = (
        "import sys\nfrom argmap.store import index\n"
        f"index(open({listing.name!r}).read().split('\\n'), {str(store)!r}, max_bytes=0)"
    )
    index = spawn([sys.executable, "-c", code])
    search = spawn([*ARGMAP, "--map", str(store), "search", "factory", "growth"])
    listed = spawn([*ARGMAP, "--map", str(store), "list", "--search", "industrial"])
    return [
        f"{readable} corpus + {count} generated maps",
        cell(index),
        f"{store.stat().st_size / 2**20:.0f} MiB",
        cell(search),
        cell(listed),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1k,10k,100k,1M")
    parser.add_argument("--corpus", type=int, default=2000, help="generated small maps (0: no corpus row)")
    parser.add_argument(
        "--runs", type=int, default=1, help="load and index runs per size, in turns (medians)"
    )
    args = parser.parse_args(argv)
    python = spawn([sys.executable, "-c", "pass"])
    print(f"python start-up: {cell(python)}\n")
    print(
        "| map | load JSON (python) | index | ratio | CPU ratio | store | show | trace --up | tree --depth 2 | search "
        "| list --tag --json, first 20 lines | show on the file |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for label in (s.strip() for s in args.sizes.split(",") if s.strip()):
        print("| " + " | ".join(size_row(label, args.runs)) + " |", flush=True)
    if args.corpus:
        print("\n| corpus | index | store | search (all maps) | list --search (all maps) |")
        print("|---|---|---|---|---|")
        print("| " + " | ".join(corpus_row(args.corpus)) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
