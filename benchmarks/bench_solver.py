"""Timings for the clingo-backed solver (argmap.argumentation.asp), printed as Markdown.

    PYTHONPATH=src python benchmarks/bench_solver.py [--corpus ../shared/corpus/af]
        [--timeout 20] [--seed 7] [--baseline-commit 38a32eb] [--quick]

Per semantics and framework: time to the first extension (`one_extension`), to the count
(`count_extensions`, stopped at --timeout), one credulous acceptance query and, for preferred,
one sceptical query (of the first grounded-undecided argument, the hard case: a grounded IN or
OUT argument is answered without clingo). Frameworks: every corpus instance, and seeded random
ones, Erdős–Rényi (m = n·k uniformly drawn attacks) and Barabási–Albert (each new argument
attacks or is attacked by k earlier ones, picked by degree), for n in 1k/10k/100k.

The grid is a subset of 3 sizes × k in 2..8: k ∈ {2, 4, 8} at 1k, k = 4 at 10k (the target
size) and k = 2 at 100k, because every cell runs seven semantics and four tasks with a timeout
each on a shared two-core machine; the full grid would take well over the ten minutes this
script is meant to take.

Baseline: the pure-Python backtracking search argmap used before, loaded from ``git show
<commit>:src/argmap/argumentation/semantics.py`` into a temporary module and run in a child
process with the same timeout (it has none of its own): enumeration of every complete,
preferred and stable extension, on the corpus and the 1k frameworks.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from argmap.argumentation import asp
from argmap.argumentation.framework import Framework
from argmap.argumentation.grounded import grounded_codes
from argmap.formats import apx, iccma

ROOT = Path(__file__).resolve().parents[1]
SOLVED = ("grounded", "complete", "preferred", "stable", "semi-stable", "stage", "ideal")


def erdos_renyi(n: int, k: int, seed: int) -> Framework:
    rng = random.Random(seed)
    m = n * k
    return Framework.from_indices(
        [str(i) for i in range(1, n + 1)],
        [rng.randrange(n) for _ in range(m)],
        [rng.randrange(n) for _ in range(m)],
    )


def barabasi_albert(n: int, k: int, seed: int) -> Framework:
    rng = random.Random(seed)
    ends: list[int] = list(range(k + 1))  # one entry per edge end: picks by degree
    sources: list[int] = []
    targets: list[int] = []
    for new in range(k + 1, n):
        for old in {rng.choice(ends) for _ in range(k)}:
            pair = (new, old) if rng.random() < 0.5 else (old, new)
            sources.append(pair[0])
            targets.append(pair[1])
            ends += [new, old]
    return Framework.from_indices([str(i) for i in range(1, n + 1)], sources, targets)


def cell(action: Callable[[], Any], timeout: float) -> str:
    return timed_cell(action, timeout)[0]


def timed_cell(action: Callable[[], Any], timeout: float) -> tuple[str, Any]:
    start = time.perf_counter()
    result = action()
    wall = time.perf_counter() - start
    if getattr(result, "timed_out", False):
        return f"> {timeout:g}", result
    return f"{wall:.2f}", result


def undecided_argument(fw: Framework) -> str:
    codes = grounded_codes(fw)
    return next((fw.arguments[i] for i, code in enumerate(codes) if code == 4), fw.arguments[0])


def solver_rows(name: str, fw: Framework, timeout: float) -> list[str]:
    target = undecided_argument(fw) if len(fw) else ""
    rows = []
    for semantics in SOLVED:
        first = cell(lambda s=semantics: asp.one_extension(fw, s, timeout=timeout), timeout)
        count_text, count = timed_cell(
            lambda s=semantics: asp.count_extensions(fw, s, timeout=timeout), timeout
        )
        number = str(count.count) if count.exact else f"≥ {count.count}"
        credulous = sceptical = "-"
        if target:
            credulous = cell(lambda s=semantics: asp.acceptance(fw, s, target, timeout=timeout), timeout)
            if semantics == "preferred":
                sceptical = cell(
                    lambda s=semantics: asp.acceptance(fw, s, target, sceptical=True, timeout=timeout),
                    timeout,
                )
        rows.append(
            f"| {name} | {semantics} | {first} | {count_text} | {number} | {credulous} | {sceptical} |"
        )
    return rows


# --------------------------------------------------------------------------- the old search


def baseline_module(commit: str, folder: Path) -> Path:
    source = subprocess.run(
        ["git", "show", f"{commit}:src/argmap/argumentation/semantics.py"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    path = folder / "old_semantics.py"
    path.write_text(source, encoding="utf-8")
    return path


def _old_enumerate(
    module_path: str, names: list[str], sources: list[int], targets: list[int], semantics: str, out: Any
) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("old_semantics", module_path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["old_semantics"] = module  # dataclasses look their module up while decorating
    spec.loader.exec_module(module)
    fw = module.Framework.from_indices(names, sources, targets)
    start = time.perf_counter()
    found = module.extensions(fw, semantics)
    out.put((time.perf_counter() - start, len(found)))


def baseline_cell(module: Path, fw: Framework, semantics: str, timeout: float) -> str:
    queue: Any = multiprocessing.Queue()
    child = multiprocessing.Process(
        target=_old_enumerate, args=(str(module), fw.arguments, fw.sources, fw.targets, semantics, queue)
    )
    child.start()
    child.join(timeout + 5)  # the child's imports are not part of the search
    if child.is_alive():
        child.terminate()
        child.join()
        return f"> {timeout:g} s"
    if queue.empty():
        return "failed"
    wall, count = queue.get()
    return f"{wall:.2f} ({count})"


# --------------------------------------------------------------------------- main


def corpus_frameworks(corpus: Path) -> list[tuple[str, Framework]]:
    answers = json.loads((corpus / "answers.json").read_text(encoding="utf-8"))["instances"]
    found = []
    for name, answer in answers.items():
        reader = apx if answer["format"] == "apx" else iccma
        found.append((name, reader.read_framework((corpus / name).read_text(encoding="utf-8"), path=name)))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "af")
    parser.add_argument("--timeout", type=float, default=20.0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--baseline-commit", default="38a32eb")
    parser.add_argument("--quick", action="store_true", help="the corpus and the 1k frameworks only")
    options = parser.parse_args()
    grid = [
        ("ER", 1000, 2),
        ("ER", 1000, 4),
        ("ER", 1000, 8),
        ("BA", 1000, 2),
        ("BA", 1000, 4),
        ("BA", 1000, 8),
    ]
    if not options.quick:
        grid += [("ER", 10_000, 4), ("BA", 10_000, 4), ("ER", 100_000, 2), ("BA", 100_000, 2)]
    random_frameworks = [
        (f"{kind} n={n} k={k}", (erdos_renyi if kind == "ER" else barabasi_albert)(n, k, options.seed))
        for kind, n, k in grid
    ]
    header = "| framework | semantics | first (s) | count (s) | extensions | credulous (s) | sceptical (s) |"
    print(header)
    print("|---|---|---:|---:|---:|---:|---:|")
    corpus = corpus_frameworks(options.corpus)
    worst: dict[tuple[str, str], float] = {}
    for name, fw in corpus:
        for row in solver_rows(name, fw, options.timeout):
            parts = [p.strip() for p in row.strip("|").split("|")]
            for task, value in zip(
                ("first", "count", "credulous", "sceptical"),
                (parts[2], parts[3], parts[5], parts[6]),
                strict=True,
            ):
                if value not in ("-",) and not value.startswith(">"):
                    worst[(parts[1], task)] = max(worst.get((parts[1], task), 0.0), float(value))
    print()
    print("Corpus (20 instances): slowest instance per semantics and task, in seconds")
    print()
    print("| semantics | first | count | credulous | sceptical |")
    print("|---|---:|---:|---:|---:|")
    for semantics in SOLVED:
        values = [worst.get((semantics, task)) for task in ("first", "count", "credulous", "sceptical")]
        print(f"| {semantics} | " + " | ".join("-" if v is None else f"{v:.2f}" for v in values) + " |")
    print()
    print(header)
    print("|---|---|---:|---:|---:|---:|---:|")
    for name, fw in random_frameworks:
        for row in solver_rows(f"{name} ({len(fw.sources)} attacks)", fw, options.timeout):
            print(row, flush=True)
    print()
    print("Baseline: the old backtracking search, enumerating every extension (seconds, count)")
    print()
    print("| framework | complete | preferred | stable |")
    print("|---|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        module = baseline_module(options.baseline_commit, Path(folder))
        slowest = dict.fromkeys(("complete", "preferred", "stable"), 0.0)
        for _name, fw in corpus:
            for semantics in slowest:
                value = baseline_cell(module, fw, semantics, options.timeout)
                if not value.startswith(">"):
                    slowest[semantics] = max(slowest[semantics], float(value.split()[0]))
        print("| corpus (slowest of 20) | " + " | ".join(f"{v:.2f}" for v in slowest.values()) + " |")
        for name, fw in random_frameworks:
            if len(fw) > 1000:
                continue
            cells = [
                baseline_cell(module, fw, s, options.timeout) for s in ("complete", "preferred", "stable")
            ]
            print(f"| {name} | " + " | ".join(cells) + " |", flush=True)
    print()
    print(
        f"python {sys.version.split()[0]}, clingo {__import__('clingo').__version__}, timeout {options.timeout:g} s"
    )


if __name__ == "__main__":
    main()
