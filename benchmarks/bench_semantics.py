"""Timings for argmap.argumentation, printed as a Markdown table.

    PYTHONPATH=src python benchmarks/bench_semantics.py [--arguments 1000000] [--seed 7]
        [--corpus ../shared/corpus/af] [--repeat 3] [--only grounded|gradual|corpus]

- grounded on seeded random frameworks of N arguments (attacks per argument as in the ICCMA'23
  generated corpus, ~1, and a denser 2), from index lists: adjacency + labelling + names;
- every corpus instance: complete, preferred and stable enumeration (best of --repeat);
- DF-QuAD and the h-categoriser on a seeded random acyclic graph of N arguments.

Wall-clock times (best of --repeat for the small ones, one run for the large ones), with the
process CPU time beside the large ones: when other work shares the CPU, wall time inflates
and CPU time is the steadier figure. Tests assert behaviour, never time.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from argmap.argumentation import (
    Framework,
    dfquad_scores,
    extensions,
    grounded_extension,
    h_categoriser_scores,
)
from argmap.formats import apx, iccma

ROOT = Path(__file__).resolve().parents[1]


CPU: dict[str, float] = {}


def timed(action: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    """Best wall time of ``repeat`` runs; the CPU time of that run goes to ``CPU["last"]``."""
    best = float("inf")
    result: Any = None
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        result = action()
        wall = time.perf_counter() - start
        if wall < best:
            best, CPU["last"] = wall, time.process_time() - cpu
    return best, result


def seconds_text(wall: float) -> str:
    return f"{wall:.2f} s (cpu {CPU['last']:.2f} s)"


def random_framework(
    n: int, attacks_per_argument: float, seed: int
) -> tuple[list[str], list[int], list[int]]:
    rng = random.Random(seed)
    m = int(n * attacks_per_argument)
    names = [str(i) for i in range(1, n + 1)]
    return names, [rng.randrange(n) for _ in range(m)], [rng.randrange(n) for _ in range(m)]


def random_dag(n: int, seed: int) -> tuple[list[float], list[list[int]], list[list[int]]]:
    """Each argument is attacked (1-2) and supported (0-1) by earlier ones, ids shuffled.

    Shuffled so that list order is no topological order, as in a real map.
    """
    rng = random.Random(seed)
    base = [rng.random() for _ in range(n)]
    ids = list(range(n))
    rng.shuffle(ids)
    attackers: list[list[int]] = [[] for _ in range(n)]
    supporters: list[list[int]] = [[] for _ in range(n)]
    for i in range(1, n):
        mine = attackers[ids[i]]
        mine.append(ids[rng.randrange(i)])
        if rng.random() < 0.5:
            mine.append(ids[rng.randrange(i)])
        if rng.random() < 0.5:
            supporters[ids[i]].append(ids[rng.randrange(i)])
    return base, attackers, supporters


def bench_grounded(n: int, density: float, seed: int) -> tuple[str, str, str]:
    names, sources, targets = random_framework(n, density, seed)
    seconds, size = timed(lambda: len(grounded_extension(Framework.from_indices(names, sources, targets))))
    return (
        f"grounded, random AF, {n:,} args, {len(sources):,} attacks",
        seconds_text(seconds),
        f"|GR| = {size:,}",
    )


def bench_gradual(n: int, seed: int) -> list[tuple[str, str, str]]:
    base, attackers, supporters = random_dag(n, seed)
    edges = sum(map(len, attackers)) + sum(map(len, supporters))
    seconds, result = timed(lambda: dfquad_scores(base, attackers, supporters))
    rows = [
        (
            f"DF-QuAD, random acyclic QBAF, {n:,} args, {edges:,} edges",
            seconds_text(seconds),
            f"converged={result.converged}",
        )
    ]
    seconds, result = timed(lambda: h_categoriser_scores(attackers))
    rows.append(
        ("h-categoriser, same graph (attacks only)", seconds_text(seconds), f"converged={result.converged}")
    )
    return rows


def bench_corpus(
    folder: Path, repeat: int
) -> tuple[list[tuple[str, str, str]], dict[str, tuple[float, str]]]:
    rows: list[tuple[str, str, str]] = []
    slowest: dict[str, tuple[float, str]] = {}
    answers = folder / "answers.json"
    if not answers.is_file():
        return [(f"corpus not found at {folder}", "", "skipped")], slowest
    for name, answer in json.loads(answers.read_text(encoding="utf-8"))["instances"].items():
        reader = apx if answer["format"] == "apx" else iccma
        fw = reader.read_framework((folder / name).read_text(encoding="utf-8"), path=name)
        for semantics in ("GR", "CO", "PR", "ST"):
            # a fresh framework each time: no cached grounded labelling or adjacency
            seconds, found = timed(
                lambda fw=fw, s=semantics: extensions(
                    Framework.from_indices(fw.arguments, fw.sources, fw.targets), s
                ),
                repeat,
            )
            ok = {frozenset(e) for e in found} == {frozenset(e) for e in answer[semantics]}
            label = f"{name} ({answer['arguments']} args)"
            rows.append(
                (
                    f"{semantics} {label}",
                    f"{seconds * 1000:.2f} ms",
                    f"{len(found)} ext, {'ok' if ok else 'WRONG'}",
                )
            )
            if semantics not in slowest or seconds > slowest[semantics][0]:
                slowest[semantics] = (seconds, label)
    return rows, slowest


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--arguments", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "af")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", choices=("grounded", "gradual", "corpus"), help="run one part")
    options = parser.parse_args()

    rows: list[tuple[str, str, str]] = []
    slowest: dict[str, tuple[float, str]] = {}
    if options.only in (None, "grounded"):
        rows += [bench_grounded(options.arguments, density, options.seed) for density in (1.0, 2.0)]
    if options.only in (None, "gradual"):
        rows += bench_gradual(options.arguments, options.seed)
    if options.only in (None, "corpus"):
        corpus_rows, slowest = bench_corpus(options.corpus, options.repeat)
        rows += corpus_rows

    print(f"Python {platform.python_version()} on {platform.machine()}, seed {options.seed}\n")
    print("| case | time | result |")
    print("|---|---:|---|")
    for case, time_text, result_text in rows:
        print(f"| {case} | {time_text} | {result_text} |")
    if slowest:
        print("\nSlowest corpus instance per semantics:\n")
        print("| semantics | instance | time |")
        print("|---|---|---:|")
        for semantics, (seconds, label) in slowest.items():
            print(f"| {semantics} | {label} | {seconds * 1000:.2f} ms |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
