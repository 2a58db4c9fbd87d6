"""Timings for the clingo-backed solver (argmap.argumentation.asp), printed as Markdown.

    PYTHONPATH=src python benchmarks/bench_solver.py [--corpus ../shared/corpus/af]
        [--timeout 20] [--large-timeout 30] [--seed 7] [--baseline-commit 38a32eb] [--quick | --hardness]

Three tables, each cell one run of the library call, in seconds (`> T` when the timeout T
stopped it):

- the corpus: every instance, all seven semantics, four tasks each (`one_extension`,
  `count_extensions`, credulous `acceptance`, and sceptical `acceptance` for preferred and
  stable), reported as the slowest instance per semantics and task;
- 1,000 arguments: Erdős–Rényi (m = n·k uniformly drawn attacks) and Barabási–Albert (each new
  argument attacks or is attacked by k earlier ones, picked by degree), k ∈ {2, 4, 8}, the same
  four tasks, timeout --timeout;
- 10,000 arguments with k = 4 (the issue's target size) and 100,000 with k = 2, both generators:
  the target tasks only, first extension and the acceptance queries (a count there is the full
  enumeration), with the number of grounded-undecided arguments, timeout --large-timeout.
  Skipped with --quick.

`--hardness` prints only the question under every preferred task on ER frameworks (k = 4 from
1k to 10k arguments, and k = 3, 5 at 10k; three seeds): is there a non-empty admissible set
among the grounded-undecided arguments, clingo on `admissible.lp`, timeout --timeout.

The acceptance queries ask about the first grounded-undecided argument, the hard case: a
grounded IN or OUT argument is answered without clingo. The grid is this subset of
{1k, 10k, 100k} × k in 2..8 because each cell runs seven semantics with a timeout per task on a
shared two-core machine.

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
from functools import partial
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


SCEPTICAL = ("preferred", "stable")  # sceptical queries that need more than one extension


def acceptance_cells(fw: Framework, semantics: str, target: str, timeout: float) -> tuple[str, str]:
    """Credulous and (for `SCEPTICAL`) sceptical acceptance of ``target``, timed."""
    if not target:
        return "-", "-"
    credulous = cell(partial(asp.acceptance, fw, semantics, target, timeout=timeout), timeout)
    sceptical = "-"
    if semantics in SCEPTICAL:
        sceptical = cell(
            partial(asp.acceptance, fw, semantics, target, sceptical=True, timeout=timeout), timeout
        )
    return credulous, sceptical


def solver_rows(name: str, fw: Framework, timeout: float) -> list[str]:
    """One row per semantics: first extension, count, and the acceptance queries."""
    target = undecided_argument(fw) if len(fw) else ""
    rows = []
    for semantics in SOLVED:
        first = cell(partial(asp.one_extension, fw, semantics, timeout=timeout), timeout)
        count_text, count = timed_cell(partial(asp.count_extensions, fw, semantics, timeout=timeout), timeout)
        number = str(count.count) if count.exact else f"≥ {count.count}"
        credulous, sceptical = acceptance_cells(fw, semantics, target, timeout)
        rows.append(
            f"| {name} | {semantics} | {first} | {count_text} | {number} | {credulous} | {sceptical} |"
        )
    return rows


def large_rows(name: str, fw: Framework, timeout: float) -> list[str]:
    """The target tasks on a large framework: first extension and the acceptance queries."""
    undecided = sum(1 for code in grounded_codes(fw) if code == 4)
    target = undecided_argument(fw)
    rows = []
    for semantics in SOLVED:
        search_text, search = timed_cell(partial(asp.one_extension, fw, semantics, timeout=timeout), timeout)
        if search.exists is False:
            search_text += " (none)"
        credulous, sceptical = acceptance_cells(fw, semantics, target, timeout)
        rows.append(f"| {name} | {undecided:,} | {semantics} | {search_text} | {credulous} | {sceptical} |")
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


HARDNESS_GRID = [(n, 4) for n in (1000, 2000, 3000, 5000, 10_000)] + [(10_000, 3), (10_000, 5)]


def hardness_table(seeds: tuple[int, ...], timeout: float) -> None:
    """The question under every preferred task on ER frameworks: a non-empty admissible set
    among the grounded-undecided arguments (`asp._residual`), or a proof that none exists."""
    import clingo

    program = asp._encoding("admissible") + ":- not in(_)."
    print("| ER n | k | seed | undecided | non-empty admissible set | seconds |")
    print("|---:|---:|---:|---:|---|---:|")
    for n, k in HARDNESS_GRID:
        for seed in seeds:
            residual, _ = asp._residual(erdos_renyi(n, k, seed))
            control = clingo.Control(["--models=1"], logger=lambda code, message: None)
            control.add("base", [], asp._facts(residual) + program)
            control.ground([("base", [])])
            start = time.perf_counter()
            with control.solve(yield_=True, async_=True) as handle:
                if handle.wait(timeout):
                    model = handle.model()
                    size = 0 if model is None else len(model.symbols(shown=True))
                    answer = "none" if model is None else f"{size} argument{'s' if size > 1 else ''}"
                else:
                    handle.cancel()
                    answer = f"> {timeout:g} s"
            wall = time.perf_counter() - start
            print(f"| {n:,} | {k} | {seed} | {len(residual):,} | {answer} | {wall:.2f} |", flush=True)
    print()


SMALL_GRID = [(kind, 1000, k) for kind in ("ER", "BA") for k in (2, 4, 8)]
LARGE_GRID = [("ER", 10_000, 4), ("BA", 10_000, 4), ("ER", 100_000, 2), ("BA", 100_000, 2)]
HEADER = "| framework | semantics | first (s) | count (s) | extensions | credulous (s) | sceptical (s) |"


def generated(grid: list[tuple[str, int, int]], seed: int) -> list[tuple[str, Framework]]:
    return [
        (f"{kind} n={n} k={k}", (erdos_renyi if kind == "ER" else barabasi_albert)(n, k, seed))
        for kind, n, k in grid
    ]


def corpus_table(corpus: list[tuple[str, Framework]], timeout: float) -> None:
    """The slowest corpus instance per semantics and task."""
    tasks = ("first", "count", "credulous", "sceptical")
    worst: dict[tuple[str, str], float] = {}
    for name, fw in corpus:
        for row in solver_rows(name, fw, timeout):
            parts = [p.strip() for p in row.strip("|").split("|")]
            for task, value in zip(tasks, (parts[2], parts[3], parts[5], parts[6]), strict=True):
                if value != "-" and not value.startswith(">"):
                    worst[(parts[1], task)] = max(worst.get((parts[1], task), 0.0), float(value))
                elif value.startswith(">"):
                    worst[(parts[1], task)] = float("inf")
    print(f"Corpus ({len(corpus)} instances): slowest instance per semantics and task, in seconds")
    print()
    print("| semantics | " + " | ".join(tasks) + " |")
    print("|---|---:|---:|---:|---:|")
    for semantics in SOLVED:
        values = [worst.get((semantics, task)) for task in tasks]
        texts = ["-" if v is None else f"> {timeout:g}" if v == float("inf") else f"{v:.2f}" for v in values]
        print(f"| {semantics} | " + " | ".join(texts) + " |")
    print()


def baseline_table(
    corpus: list[tuple[str, Framework]], small: list[tuple[str, Framework]], options: Any
) -> None:
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
        print(
            f"| corpus (slowest of {len(corpus)}) | "
            + " | ".join(f"{v:.2f}" for v in slowest.values())
            + " |"
        )
        for name, fw in small:
            cells = [baseline_cell(module, fw, s, options.timeout) for s in slowest]
            print(f"| {name} | " + " | ".join(cells) + " |", flush=True)
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "af")
    parser.add_argument("--timeout", type=float, default=20.0, help="per task: corpus and 1k")
    parser.add_argument("--large-timeout", type=float, default=30.0, help="per task: 10k and 100k")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--baseline-commit", default="38a32eb")
    parser.add_argument("--quick", action="store_true", help="the corpus and the 1k frameworks only")
    parser.add_argument(
        "--hardness", action="store_true", help="only the non-empty admissible question on ER frameworks"
    )
    options = parser.parse_args()
    if options.hardness:
        hardness_table((options.seed, options.seed + 1, options.seed + 2), options.timeout)
        return
    corpus = corpus_frameworks(options.corpus)
    corpus_table(corpus, options.timeout)
    small = generated(SMALL_GRID, options.seed)
    print(HEADER)
    print("|---|---|---:|---:|---:|---:|---:|")
    for name, fw in small:
        for row in solver_rows(f"{name} ({len(fw.sources)} attacks)", fw, options.timeout):
            print(row, flush=True)
    print()
    if not options.quick:
        print(
            "| framework | undecided after grounded | semantics | first (s) | credulous (s) | sceptical (s) |"
        )
        print("|---|---:|---|---:|---:|---:|")
        for name, fw in generated(LARGE_GRID, options.seed):
            for row in large_rows(f"{name} ({len(fw.sources):,} attacks)", fw, options.large_timeout):
                print(row, flush=True)
        print()
    baseline_table(corpus, small, options)
    print(
        f"python {sys.version.split()[0]}, clingo {__import__('clingo').__version__}, "
        f"timeout {options.timeout:g} s (10k/100k: {options.large_timeout:g} s)"
    )


if __name__ == "__main__":
    main()
