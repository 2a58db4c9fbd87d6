"""Cold-process timings and peak memory of the argmap CLI, side by side with the Argdown CLI.

    PYTHONPATH=src python benchmarks/run.py [--sizes 1k,10k,100k,1M] [--runs 5]
                                            [--peer-sizes 1k,10k,100k] [--no-peer] [--out FILE]

Every figure is the median of ``--runs`` fresh processes (after one warm-up run whose output
is kept in ``benchmarks/data/out/`` and checked), timed from spawn to exit, with the peak RSS
of that process from ``wait4``. Output goes to /dev/null (argmap writes plain text there, as
into any pipe). The maps come from ``benchmarks/generate.py`` (made here when missing).

argmap runs as its console script does (``python -c`` calling ``argmap.cli.launch.main`` with the
program name ``argmap``; or ``--argmap CMD``) with its bytecode cached in
``benchmarks/data/pycache`` (as after ``pip install``, which compiles it) even where
PYTHONDONTWRITEBYTECODE is set. The Argdown CLI 1.7.5 is looked for in
``benchmarks/peers/node_modules/.bin/argdown``; install it with

    npm install --prefix benchmarks/peers @argdown/cli@1.7.5

Where npm, node or that folder is missing, the peer columns say so and everything else runs.

The results (Markdown) go to ``benchmarks/RESULTS.md``; whatever follows the line
``<!-- notes -->`` in that file is kept, so findings written by hand survive a re-run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "data"
OUTPUTS = DATA / "out"
PEER = HERE / "peers" / "node_modules" / ".bin" / "argdown"
NOTES_MARK = "<!-- notes -->"
sys.path.insert(0, str(HERE))

from generate import parse_size

MiB = 1024 * 1024

# What every command on a map imports before a line of argmap runs: typer (the CLI), PyYAML
# (the essay is YAML) and one pydantic model (pydantic's machinery and its plugin scan). It
# ends with os._exit, as argmap does, so interpreter teardown is not counted either.
DEPENDENCY_FLOOR = (
    "import typer, yaml\nfrom pydantic import BaseModel\n"
    "class Floor(BaseModel):\n    x: int = 0\nimport os; os._exit(0)"
)
DEPENDENCY_FLOOR_LABEL = "floor: typer + PyYAML + one pydantic model"
# The yardstick for argmap's own start-up: `argmap list` on the essay over these bare
# imports, the two run in turns; target ≤ 1.5×.
BARE_IMPORTS = "import typer, yaml, pydantic"
BARE_IMPORTS_LABEL = f"bare: {BARE_IMPORTS}"
STARTUP_RATIO_TARGET = 1.5
# The least any typer command that validates one pydantic model costs over those imports: a
# typer app with one option and one command that validates one model, ending with os._exit as
# argmap does. typer builds a pydantic adapter per option and pydantic builds its model
# machinery on first use, neither of which the bare imports pay for; if this alone is over
# the target, no typer command can meet it.
TYPER_FLOOR = (
    "import os, sys\nfrom typing import Annotated\nimport typer, yaml\nfrom pydantic import BaseModel\n"
    "class Claim(BaseModel):\n    id: str\n    text: str\n"
    "app = typer.Typer(add_completion=False)\n"
    "@app.callback()\ndef main(map: Annotated[str | None, typer.Option('--map')] = None) -> None: pass\n"
    "@app.command('list')\ndef list_(json: Annotated[bool, typer.Option('--json')] = False) -> None:\n"
    "    print(Claim.model_validate({'id': 'a', 'text': 'b'}).id)\n"
    "try:\n    app(['list'])\nexcept SystemExit:\n    pass\nsys.stdout.flush(); os._exit(0)"
)
TYPER_FLOOR_LABEL = "floor: one typer command validating one pydantic model"

# In-process load timing, in one fresh process (imports done before the clock starts): the
# parser's floor (libyaml's bare event parse; for JSON pydantic-core's ``from_json``), argmap's
# reader on the same string, and pydantic alone: argmap's own validation of its plain data
# (`argmap.model.validate`, lenient: no reference checks), so the same path at every size.
# Each job first runs once on a two-claim map, so no first call pays for lazy set-up, and the
# jobs take turns at going first (``rotate`` is the run's index).
LOAD_CHILD = r"""
import gc, json, sys, time
from pathlib import Path
import yaml
from pydantic_core import from_json
import argmap.formats.json as fj
import argmap.formats.yaml as fy
import argmap.model  # the models are built at import, as in any CLI run before reading
from argmap.memory import gc_paused
kind, path, rotate, floors_only = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1"
text = Path(path).read_text(encoding="utf-8")
tiny = "claims:\n- id: a\n  text: A\n- id: b\n  text: B\n  supports: [a]\n"
if kind == "json":
    tiny = fj.write(fy.read(tiny))
def floor(source):
    if kind == "yaml":
        for _ in yaml.parse(source, Loader=yaml.CSafeLoader):
            pass
        return None
    with gc_paused():  # as argmap's reader parses: a million dicts would wake the GC often
        return from_json(source)
def read(source):
    with gc_paused():
        return (fy if kind == "yaml" else fj).read(source, path=path)
def fail(*args, **kwargs):
    raise ValueError(args)
def pydantic_alone(source):
    with gc_paused():  # the plain data argmap validates; not timed
        data = fy.parse(source, path) if kind == "yaml" else fj._to_model_data(from_json(source), fail)
    start = time.perf_counter()
    with gc_paused():
        amap = argmap.model.validate(data, lenient=True, consume=True)
    return time.perf_counter() - start, amap
jobs = [("floor", floor)]
if not floors_only:
    jobs.append(("argmap", read))
jobs.append(("pydantic", pydantic_alone))
for name, action in jobs:
    action(tiny)
turn = rotate % len(jobs)
out = {}
for name, action in jobs[turn:] + jobs[:turn]:
    start = time.perf_counter()
    result = action(text)
    out[name] = result[0] if name == "pydantic" else time.perf_counter() - start
    del result
print(json.dumps(out))
"""


@dataclass
class Sample:
    wall: float
    cpu: float
    rss: int  # bytes


@dataclass
class Result:
    label: str
    command: list[str]
    samples: list[Sample] = field(default_factory=list)
    error: str | None = None
    output_bytes: int | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and bool(self.samples)

    @property
    def wall(self) -> float:
        return statistics.median(s.wall for s in self.samples)

    @property
    def wall_min(self) -> float:
        return min(s.wall for s in self.samples)

    @property
    def cpu(self) -> float:
        return statistics.median(s.cpu for s in self.samples)

    @property
    def rss(self) -> int:
        return int(statistics.median(s.rss for s in self.samples))


def run_once(
    command: list[str], env: dict[str, str], stdout: Any, timeout: float
) -> tuple[Sample, int, bytes]:
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=stdout, stderr=errors, env=env, cwd=ROOT)
        deadline = start + timeout
        # wait4 gives this child's own peak RSS and CPU time; poll so a timeout can kill it.
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                os.wait4(process.pid, 0)
                process.returncode = -9
                raise TimeoutError(f"timed out after {timeout:.0f} s")
            time.sleep(0.001)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        stderr = errors.read()
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024), process.returncode, stderr


def measure(
    label: str,
    command: list[str],
    env: dict[str, str],
    runs: int,
    timeout: float,
    check: Any = None,
    *,
    warmup_counts: bool = False,
) -> Result:
    """One warm-up run (output kept and checked), then ``runs`` timed runs to /dev/null.

    With ``warmup_counts`` (runs of many seconds, where warming up changes nothing) the
    checked run is also the first of the ``runs`` samples.
    """
    result = Result(label, command)
    try:
        sample = _checked_run(result, env, timeout, check)
        if warmup_counts and result.error is None:
            result.samples.append(sample)
        for _ in range(len(result.samples), runs if result.error is None else 0):
            if not _timed_run(result, env, timeout):
                break
    except TimeoutError as exc:
        result.error = str(exc)
    print(f"  {result.label:44s} {describe(result)}", flush=True)
    return result


def measure_in_turns(
    jobs: list[tuple[str, list[str], Any]], env: dict[str, str], runs: int, timeout: float
) -> dict[str, Result]:
    """`measure` for short commands to be compared with each other: after each one's checked
    warm-up, they run in turns (one run of each per round), so a host that speeds up or slows
    down during the rounds weighs on all of them alike."""
    results = {label: Result(label, command) for label, command, _check in jobs}
    try:
        for label, _command, check in jobs:
            _checked_run(results[label], env, timeout, check)
        for _ in range(runs):
            for result in results.values():
                if result.error is None:
                    _timed_run(result, env, timeout)
    except TimeoutError as exc:
        for result in results.values():
            result.error = result.error or str(exc)
    for result in results.values():
        print(f"  {result.label:44s} {describe(result)}", flush=True)
    return results


def _checked_run(result: Result, env: dict[str, str], timeout: float, check: Any) -> Sample:
    """The warm-up: output kept in ``benchmarks/data/out/`` and checked; sets ``result.error``."""
    OUTPUTS.mkdir(parents=True, exist_ok=True)
    out_path = OUTPUTS / (result.label.replace(" ", "_").replace("/", "_") + ".out")
    with open(out_path, "wb") as handle:
        sample, code, stderr = run_once(result.command, env, handle, timeout)
    if code != 0:
        result.error = f"exit {code}: {stderr.decode(errors='replace').strip()[-300:]}"
    else:
        result.output_bytes = out_path.stat().st_size
        result.error = check(out_path) if check is not None else None
    return sample


def _timed_run(result: Result, env: dict[str, str], timeout: float) -> bool:
    """One timed run to /dev/null, added to ``result``; False (and ``result.error``) if it failed."""
    sample, code, stderr = run_once(result.command, env, subprocess.DEVNULL, timeout)
    if code != 0:
        result.error = f"exit {code}: {stderr.decode(errors='replace').strip()[-300:]}"
        return False
    result.samples.append(sample)
    return True


def describe(result: Result) -> str:
    if not result.ok:
        return f"FAILED ({result.error})"
    return f"{fmt_time(result.wall)} (min {fmt_time(result.wall_min)}, cpu {fmt_time(result.cpu)}), {fmt_mem(result.rss)}"


def fmt_time(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms"
    return f"{seconds:.2f} s"


def fmt_mem(size: int | None) -> str:
    if size is None:
        return "–"
    if size >= 1024 * MiB:
        return f"{size / (1024 * MiB):.2f} GiB"
    return f"{size / MiB:.0f} MiB"


def argmap_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(DATA / "pycache")
    src = str(ROOT / "src")
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "ARGMAP_MAP", "ARGMAP_MAX_BYTES"):
        env.pop(name, None)
    return env


def peer_status() -> str | None:
    """None when the Argdown CLI can run, else why not."""
    if shutil.which("node") is None:
        return "node is not installed"
    if not PEER.exists():
        if shutil.which("npm") is None:
            return "npm is not installed"
        return f"the Argdown CLI is not installed: npm install --prefix {PEER.parents[2].relative_to(ROOT)} @argdown/cli@1.7.5"
    return None


def ensure_data(labels: list[str]) -> dict[str, dict[str, Any]]:
    import generate

    infos = {}
    for label in labels:
        meta = DATA / f"map-{label}.meta.json"
        needed = [DATA / f"map-{label}.{ext}" for ext in ("yaml", "json", "argdown")]
        if not meta.exists() or not all(p.exists() for p in needed):
            print(f"generating the {label} map ...", flush=True)
            generate.main(["--sizes", label, "--out", str(DATA)])
        infos[label] = json.loads(meta.read_text())
    return infos


def dot_check(expected_nodes: int | None) -> Any:
    def check(path: Path) -> str | None:
        text = path.read_text(encoding="utf-8", errors="replace")
        if not text.lstrip().startswith(("digraph", "strict digraph")):
            return "output is not DOT"
        if expected_nodes is not None:
            nodes = text.count("label=")
            if nodes < expected_nodes:
                return f"DOT has {nodes} labelled nodes, expected at least {expected_nodes}"
        return None

    return check


def json_check(key: str, count: int | None = None) -> Any:
    def check(path: Path) -> str | None:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        if key not in data:
            return f"JSON output has no {key!r}"
        if count is not None and len(data[key]) != count:
            return f"JSON output has {len(data[key])} {key}, expected {count}"
        return None

    return check


def lines_check(minimum: int) -> Any:
    def check(path: Path) -> str | None:
        with open(path, "rb") as handle:
            lines = sum(1 for _ in handle)
        return None if lines >= minimum else f"only {lines} lines of output, expected at least {minimum}"

    return check


def load_times(
    python: str,
    kind: str,
    path: Path,
    env: dict[str, str],
    runs: int,
    timeout: float,
    *,
    floors_only: bool = False,
) -> dict[str, float]:
    """Median in-process seconds of the parser's floor, of argmap's reader (unless
    ``floors_only``) and of pydantic alone building the claims."""
    samples: dict[str, list[float]] = {}
    for index in range(runs + 1):
        done = subprocess.run(
            [python, "-c", LOAD_CHILD, kind, str(path), str(index), str(int(floors_only))],
            capture_output=True,
            env=env,
            timeout=timeout,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(done.stderr.decode(errors="replace")[-400:])
        if index == 0:
            continue  # warm-up
        for name, value in json.loads(done.stdout).items():
            samples.setdefault(name, []).append(value)
    return {name: statistics.median(values) for name, values in samples.items()}


# -- the report ----------------------------------------------------------------------------


def ratio(a: float | None, b: float | None) -> str:
    if a is None or b is None or b == 0:
        return "–"
    return f"{a / b:.1f}×" if a / b >= 10 else f"{a / b:.2f}×"


def cell(result: Result | None, *, memory: bool = True) -> str:
    if result is None:
        return "–"
    if not result.ok:
        return f"failed: {result.error}"
    return f"{fmt_time(result.wall)} · {fmt_mem(result.rss)}" if memory else fmt_time(result.wall)


def verdict(ok: bool | None) -> str:
    return "–" if ok is None else ("met" if ok else "**missed**")


@dataclass
class Target:
    """One target of the issue, with the floor: what the same job costs in the fixed
    dependencies alone (the interpreter, typer, PyYAML, pydantic), without argmap's code.
    ``blocked``: the floor alone misses the target, so no change to argmap can meet it."""

    name: str
    measured: str
    ok: bool | None
    floor: str = ""
    blocked: bool = False

    def row(self) -> str:
        state = (
            "**blocked** (the floor alone misses it)" if self.blocked and not self.ok else verdict(self.ok)
        )
        return f"| {self.name} | {self.measured} | {self.floor} | {state} |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1k,10k,100k,1M")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (median reported)")
    parser.add_argument("--peer-sizes", default="1k,10k,100k", help="sizes to run the Argdown CLI on")
    parser.add_argument("--no-peer", action="store_true", help="skip the Argdown CLI")
    parser.add_argument("--no-essay", action="store_true", help="skip the startup and essay commands")
    parser.add_argument("--argmap", default=None, help="argmap command (default: this python -m argmap)")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds before one run is killed")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument(
        "--big",
        type=lambda text: parse_size(text)[1],
        default=1_000_000,
        help="from this many claims on, the checked run is also a sample and YAML loads are skipped",
    )
    parser.add_argument(
        "--all", action="store_true", help="time YAML loads at the big sizes too (+10 min at 1M)"
    )
    parser.add_argument(
        "--startup-only",
        action="store_true",
        help="only `argmap list` and the bare imports in turns (--runs rounds): print the ratio, write nothing",
    )
    args = parser.parse_args(argv)

    labels = [parse_size(s)[0] for s in args.sizes.split(",") if s.strip()]
    peer_labels = {parse_size(s)[0] for s in args.peer_sizes.split(",") if s.strip()}
    env = argmap_env()
    python = sys.executable
    # What the `argmap` console script runs (`python -m argmap` would name the program differently,
    # and typer answers that one's --help itself).
    console_script = "import sys; sys.argv[0] = 'argmap'; from argmap.cli.launch import main; main()"
    argmap = args.argmap.split() if args.argmap else [python, "-c", console_script]
    help_text = subprocess.run(
        [*argmap, "--help"], capture_output=True, text=True, env=env, cwd=ROOT, check=False
    ).stdout
    if "Commands:" not in help_text:
        raise SystemExit(f"cannot run argmap as {' '.join(argmap)}")
    has_export = any(line.split()[:1] == ["export"] for line in help_text.splitlines())
    peer_problem = None if not args.no_peer else "skipped (--no-peer)"
    peer_problem = peer_problem or peer_status()
    if peer_problem:
        print(f"Argdown CLI: {peer_problem}; its columns stay empty", flush=True)
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    load_before = os.getloadavg()

    def export_dot(map_args: list[str], map_path: str | None) -> list[str]:
        if has_export:
            return [*argmap, *map_args, "export", "--to", "dot"]
        return [
            *argmap,
            *map_args,
            "convert",
            map_path or str(ROOT / "data" / "essay_claims.yaml"),
            "-",
            "--to",
            "dot",
        ]

    if args.startup_only:
        print_startup_ratio(measure_in_turns(startup_jobs(argmap), env, args.runs, args.timeout))
        return 0

    essay: dict[str, Result] = {}
    if not args.no_essay:
        print("startup and the essay map:", flush=True)
        # In turns: the floor and the commands it bounds are compared run by run.
        essay_jobs: list[tuple[str, list[str], Any]] = [
            ("python -c pass", [python, "-c", "pass"], None),
            (DEPENDENCY_FLOOR_LABEL, [python, "-c", DEPENDENCY_FLOOR], None),
            *startup_jobs(argmap),
        ]
        for label, extra, check in (
            ("--help", ["--help"], None),
            ("tree", ["tree"], lines_check(40)),
            ("trace thesis", ["trace", "thesis"], lines_check(2)),
            ("export --to dot", None, dot_check(40)),
        ):
            command = export_dot([], None) if extra is None else [*argmap, *extra]
            essay_jobs.append((label, command, check))
        essay.update(measure_in_turns(essay_jobs, env, args.runs, args.timeout))
        print_startup_ratio(essay)
        if not peer_problem:
            essay["argdown --version"] = measure(
                "argdown --version", [str(PEER), "--version"], env, args.runs, args.timeout
            )

    infos = ensure_data(labels)
    sized: dict[str, dict[str, Result]] = {}
    loads: dict[str, dict[str, dict[str, float]]] = {}
    for label in labels:
        info = infos[label]
        n = info["claims"]
        files = {ext: DATA / f"map-{label}.{ext}" for ext in ("yaml", "json", "argdown")}
        mapped = ["--map", str(files["json"]), "--max-bytes", "0"]
        thesis = info["theses"][0]
        print(f"{label} ({n:,} claims):", flush=True)
        big = n >= args.big
        load_code = "import sys, argmap; argmap.load(sys.argv[1], max_bytes=0)"
        deep = info["deep_claim"]
        # (key, label, command, output check); queries read argmap JSON.
        jobs: list[tuple[str, str, list[str], Any]] = []
        if not big or args.all:
            jobs.append(("load yaml", "load yaml", [python, "-c", load_code, str(files["yaml"])], None))
        jobs += [
            ("load json", "load json", [python, "-c", load_code, str(files["json"])], None),
            ("list --json", "list --json", [*argmap, *mapped, "list", "--json"], json_check("claims", n)),
            ("tree", "tree", [*argmap, *mapped, "tree"], lines_check(n)),
            ("trace thesis", f"trace {thesis}", [*argmap, *mapped, "trace", thesis], lines_check(2)),
            (
                "trace --up deep",
                f"trace --up {deep}",
                [*argmap, *mapped, "trace", "--up", deep],
                lines_check(2),
            ),
            ("export --to dot", "export --to dot", export_dot(mapped, str(files["json"])), dot_check(n)),
        ]
        if not peer_problem and label in peer_labels:
            argdown_file = str(files["argdown"])
            jobs += [
                (
                    "argdown map --format dot",
                    "argdown map --format dot",
                    [str(PEER), "map", "--format", "dot", "--stdout", "--silent", argdown_file],
                    dot_check(n),
                ),
                (
                    "argdown json",
                    "argdown json",
                    [str(PEER), "json", "--stdout", "--silent", argdown_file],
                    json_check("statements", n),
                ),
            ]
        row: dict[str, Result] = {}
        for key, name, command, check in jobs:
            row[key] = measure(
                f"{label} {name}", command, env, args.runs, args.timeout, check, warmup_counts=big
            )
        sized[label] = row
        loads[label] = {}
        # At the big sizes the CLI rows already time argmap's own load: only the floors run here.
        for kind in ("yaml", "json") if not big or args.all else ("json",):
            try:
                loads[label][kind] = load_times(
                    python, kind, files[kind], env, args.runs, args.timeout, floors_only=big and not args.all
                )
                print(
                    f"  in-process {kind} read: "
                    + ", ".join(f"{k} {fmt_time(v)}" for k, v in loads[label][kind].items()),
                    flush=True,
                )
            except (RuntimeError, subprocess.TimeoutExpired) as exc:  # noqa: PERF203
                print(f"  in-process {kind} read failed: {exc}", flush=True)
    load_after = os.getloadavg()

    report = render(
        args,
        labels,
        infos,
        essay,
        sized,
        loads,
        peer_problem,
        has_export,
        started,
        load_before,
        load_after,
        argmap,
    )
    notes = ""
    if args.out.exists():
        old = args.out.read_text(encoding="utf-8")
        if NOTES_MARK in old:
            notes = old[old.index(NOTES_MARK) :]
    args.out.write_text(report + "\n" + (notes or NOTES_MARK + "\n"), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


def startup_jobs(argmap: list[str]) -> list[tuple[str, list[str], Any]]:
    """`argmap list` on the essay and the bare imports it is measured against."""
    return [
        (BARE_IMPORTS_LABEL, [sys.executable, "-c", BARE_IMPORTS], None),
        (TYPER_FLOOR_LABEL, [sys.executable, "-c", TYPER_FLOOR], None),
        ("list", [*argmap, "list"], lines_check(40)),
    ]


def startup_ratio(essay: dict[str, Result], label: str = "list") -> float | None:
    """``label``'s run ÷ the bare imports (medians of runs in turns); None if either failed."""
    bare, run = essay.get(BARE_IMPORTS_LABEL), essay.get(label)
    if bare is None or run is None or not (bare.ok and run.ok):
        return None
    return run.wall / bare.wall


def print_startup_ratio(essay: dict[str, Result]) -> None:
    for name, label in (("argmap list", "list"), ("the typer floor", TYPER_FLOOR_LABEL)):
        value = startup_ratio(essay, label)
        shown = "–" if value is None else f"{value:.2f}×"
        print(f"  {name} ÷ `{BARE_IMPORTS}`: {shown} (target ≤ {STARTUP_RATIO_TARGET}×)", flush=True)


def render(
    args: Any,
    labels: list[str],
    infos: dict[str, Any],
    essay: dict[str, Result],
    sized: dict[str, dict[str, Result]],
    loads: dict[str, dict[str, dict[str, float]]],
    peer_problem: str | None,
    has_export: bool,
    started: str,
    load_before: tuple[float, float, float],
    load_after: tuple[float, float, float],
    argmap: list[str],
) -> str:
    import pydantic
    import yaml

    node = (
        subprocess.run(["node", "--version"], capture_output=True, text=True, check=False).stdout.strip()
        if shutil.which("node")
        else "–"
    )
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    out: list[str] = []
    w = out.append
    sizes_arg = ",".join(labels)
    w("# argmap benchmarks")
    w("")
    w("Generated by `benchmarks/run.py`; reproduce with")
    w("")
    w("```sh")
    w("npm install --prefix benchmarks/peers @argdown/cli@1.7.5   # the peer (optional)")
    w(f"PYTHONPATH=src python benchmarks/run.py --sizes {sizes_arg} --runs {args.runs}")
    w("```")
    w("")
    w(
        f"Run {started} on {os.cpu_count()} × {cpu}, Python {platform.python_version()}, "
        f"pydantic {pydantic.VERSION}, PyYAML {yaml.__version__} (libyaml {'yes' if hasattr(yaml, 'CSafeLoader') else 'no'}), "
        f"node {node}. Load average {load_before[0]:.1f} at the start, {load_after[0]:.1f} at the end "
        "(the machine is shared: figures are medians)."
    )
    w("")
    w(
        f"Each cell is the **median wall time of {args.runs} fresh processes** (spawn to exit, output to "
        "/dev/null) **· peak RSS** of that process. Queries read the map from argmap JSON "
        "(`--map map-N.json --max-bytes 0`); the Argdown CLI reads the Argdown file of the same map. "
        "Maps: `benchmarks/generate.py`, seed 7."
    )
    if not has_export:
        w("")
        w("`argmap export` was not wired when this ran: the export rows used `argmap convert IN - --to dot`.")
    if peer_problem:
        w("")
        w(f"Argdown CLI: {peer_problem}.")
    w("")

    targets: list[Target] = []
    if essay:
        w("## Startup and the essay map (50 claims)")
        w("")
        w(
            "These commands run in turns, one run of each per round, so the floor and the commands "
            "it bounds meet the same moments of this shared host."
        )
        w("")
        w("| command | median | min | CPU | peak RSS | target |")
        w("|---|---:|---:|---:|---:|---|")
        limits = {
            "--help": 0.080,
            "list": 0.200,
            "tree": 0.300,
            "trace thesis": 0.300,
            "export --to dot": 0.300,
        }
        floor_run = essay.get(DEPENDENCY_FLOOR_LABEL)
        # Every command but --help reads the essay: it imports typer, PyYAML and pydantic first.
        floor = floor_run.wall if floor_run is not None and floor_run.ok else None
        for label, result in essay.items():
            limit = limits.get(label)
            if label.startswith(("argdown", "python")):
                name = f"`{label}`"
            elif label == DEPENDENCY_FLOOR_LABEL:
                name = "floor: `import typer, yaml` + one pydantic `BaseModel` (no argmap code)"
            elif label == BARE_IMPORTS_LABEL:
                name = f'bare imports: `python -c "{BARE_IMPORTS}"`'
            elif label == TYPER_FLOOR_LABEL:
                name = "floor: a typer app with one option and one command validating one pydantic model"
            else:
                name = f"`argmap {label}`"
            if result.ok:
                ok = None if limit is None else result.wall <= limit
                if limit is not None:
                    floored = floor is not None and label != "--help"
                    targets.append(
                        Target(
                            f"argmap {label} on the essay ≤ {fmt_time(limit)}",
                            fmt_time(result.wall),
                            ok,
                            floor=fmt_time(floor) if floored else "",
                            blocked=floored and floor > limit,  # type: ignore[operator]
                        )
                    )
                w(
                    f"| {name} | {fmt_time(result.wall)} | {fmt_time(result.wall_min)} | {fmt_time(result.cpu)} | "
                    f"{fmt_mem(result.rss)} | {'≤ ' + fmt_time(limit) + ': ' + verdict(ok) if limit else ''} |"
                )
            else:
                w(f"| {name} | {cell(result)} | | | | |")
        w("")
        startup = startup_ratio(essay)
        typer_floor = startup_ratio(essay, TYPER_FLOOR_LABEL)
        if startup is not None:
            targets.append(
                Target(
                    f"argmap list on the essay ÷ bare `{BARE_IMPORTS}`, in turns ≤ {STARTUP_RATIO_TARGET}×",
                    f"{startup:.2f}×",
                    startup <= STARTUP_RATIO_TARGET,
                    floor="" if typer_floor is None else f"{typer_floor:.2f}×",
                    blocked=typer_floor is not None and typer_floor > STARTUP_RATIO_TARGET,
                )
            )

    w("## Synthetic maps")
    w("")
    shape = []
    for label in labels:
        info = infos[label]
        files = info.get("files", {})

        def mb(ext: str, files: dict[str, Any] = files) -> float:
            return float(files.get(ext, {}).get("bytes", 0)) / 1e6

        shape.append(
            f"| {label} | {info['claims']:,} | {info['supports']:,} | {info['attacks']:,} | {info['contrasts']:,} | "
            f"{min(info['tree_depths'])}–{max(info['tree_depths'])} | {len(info['theses'])} | "
            f"{mb('yaml'):.1f} / {mb('json'):.1f} / {mb('argdown'):.1f} MB |"
        )
    w("| size | claims | supports | attacks | contrasts | tree depths | theses | YAML / JSON / Argdown |")
    w("|---|---:|---:|---:|---:|---|---:|---|")
    out.extend(shape)
    w("")

    commands = [
        ("load yaml", "load YAML (`argmap.load`)"),
        ("load json", "load JSON (`argmap.load`)"),
        ("list --json", "`list --json`"),
        ("tree", "`tree`"),
        ("trace thesis", "`trace <thesis>`"),
        ("trace --up deep", "`trace --up <deepest claim>`"),
        ("export --to dot", "`export --to dot`"),
        ("argdown map --format dot", "Argdown `map --format dot`"),
        ("argdown json", "Argdown `json`"),
    ]
    growth = [(a, b) for a, b in (("10k", "100k"), ("100k", "1M")) if a in labels and b in labels]
    header = "| command | " + " | ".join([*labels, *(f"{a}→{b}" for a, b in growth)]) + " |"
    w("### Wall time · peak RSS, and growth factors (time) between sizes")
    w("")
    w(header)
    w("|---|" + "---:|" * (len(labels) + len(growth)))
    for key, name in commands:
        if not any(key in sized[label] for label in labels):
            continue
        cells = [cell(sized[label].get(key)) for label in labels]
        factors = []
        for a, b in growth:
            ra, rb = sized[a].get(key), sized[b].get(key)
            factors.append(ratio(rb.wall, ra.wall) if ra and rb and ra.ok and rb.ok else "–")
        w(f"| {name} | " + " | ".join([*cells, *factors]) + " |")
    w("")
    w(
        "A growth factor of 10× per tenfold size is linear; the fixed start-up cost (about 0.2 s of "
        "imports) pulls the 10k→100k factor below 10×."
    )
    w("")

    if any("argdown map --format dot" in sized[label] for label in labels):
        w("### `argmap export --to dot` against `argdown map --format dot` (same map, same run)")
        w("")
        w(
            "| size | argmap | Argdown | Argdown ÷ argmap (time) | argmap RSS ÷ Argdown RSS | `list --json` vs `argdown json` (time) |"
        )
        w("|---|---:|---:|---:|---:|---:|")
        for label in labels:
            ours, theirs = sized[label].get("export --to dot"), sized[label].get("argdown map --format dot")
            if not (ours and theirs):
                continue
            lj, aj = sized[label].get("list --json"), sized[label].get("argdown json")
            if ours.ok and theirs.ok:
                speed = theirs.wall / ours.wall
                memory = ours.rss / theirs.rss
                json_ratio = ratio(aj.wall, lj.wall) if lj and aj and lj.ok and aj.ok else "–"
                w(f"| {label} | {cell(ours)} | {cell(theirs)} | {speed:.1f}× | {memory:.2f} | {json_ratio} |")
                targets.append(
                    Target(f"{label}: export --to dot ≥ 3× faster than Argdown", f"{speed:.1f}×", speed >= 3)
                )
                targets.append(
                    Target(
                        f"{label}: export --to dot ≤ ⅓ of Argdown's peak RSS",
                        f"{memory:.2f}",
                        memory <= 1 / 3,
                    )
                )
            else:
                w(f"| {label} | {cell(ours)} | {cell(theirs)} | – | – | – |")
        w("")

    if loads:
        w("### Reading in process: argmap's YAML reader against libyaml's bare parse")
        w("")
        w(
            "The floor is `for _ in yaml.parse(text, Loader=yaml.CSafeLoader): pass` on the file's text "
            "(libyaml makes every event, nothing is built). argmap's figure is "
            "`argmap.formats.yaml.read(text, path)` on the same string, GC paused as `argmap.load` does: "
            "events → plain data (refusing anchors, tags, duplicate keys) → pydantic validation → "
            "cross-reference checks → `ArgumentMap`. *pydantic alone* is argmap's own validation of its "
            "plain data without the reference checks (`argmap.model.validate(data, lenient=True)`): "
            "pydantic building the `ArgumentMap` and its `Claim`s, in chunks above 20,000 claims as argmap "
            "does, and nothing else. No reader can be faster than the floor plus pydantic alone while "
            f"claims are pydantic models. All three in one fresh process per run, imports done, each first "
            f"run once on a two-claim map, taking turns at going first; medians of {args.runs}. "
            "JSON (`argmap.formats.json.read`: pydantic-core's `from_json`, then the same steps) for comparison."
        )
        w("")
        w(
            "| size | libyaml floor | pydantic alone | argmap YAML read | ratio (target ≤ 1.5×) "
            "| (floor + pydantic alone) ÷ floor | `from_json` | pydantic alone | argmap JSON read |"
        )
        w("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for label in labels:
            yl = loads.get(label, {}).get("yaml", {})
            js = loads.get(label, {}).get("json", {})
            json_cells = (
                f"{fmt_time(js.get('floor'))} | {fmt_time(js.get('pydantic'))} | {fmt_time(js.get('argmap'))}"
            )
            if "floor" in yl and "argmap" in yl:
                r = yl["argmap"] / yl["floor"]
                best = (yl["floor"] + yl["pydantic"]) / yl["floor"] if "pydantic" in yl else None
                targets.append(
                    Target(
                        f"{label}: YAML read ≤ 1.5× libyaml's bare parse",
                        f"{r:.2f}×",
                        r <= 1.5,
                        floor=f"{best:.2f}×" if best is not None else "",
                        blocked=best is not None and best > 1.5,
                    )
                )
                w(
                    f"| {label} | {fmt_time(yl['floor'])} | {fmt_time(yl.get('pydantic'))} | {fmt_time(yl['argmap'])} "
                    f"| {r:.2f}× | {f'{best:.2f}×' if best is not None else '–'} | {json_cells} |"
                )
            elif js:
                w(f"| {label} | – | – | – | – | – | {json_cells} |")
        w("")

    if "1M" in sized:
        row = sized["1M"]
        # Every 1M command reads the JSON map first: parse it and build its claims, at least.
        floors = loads.get("1M", {}).get("json", {})
        load_floor = floors["floor"] + floors["pydantic"] if {"floor", "pydantic"} <= floors.keys() else None
        for key, limit, name in (
            ("load json", 5.0, "1M: load from JSON ≤ 5 s"),
            ("tree", 10.0, "1M: tree ≤ 10 s"),
            ("trace thesis", 10.0, "1M: trace <thesis> ≤ 10 s"),
            ("trace --up deep", 10.0, "1M: trace --up <deepest> ≤ 10 s"),
            ("export --to dot", 10.0, "1M: export --to dot ≤ 10 s"),
        ):
            result = row.get(key)
            if result is not None:
                targets.append(
                    Target(
                        name,
                        cell(result),
                        result.ok and result.wall <= limit,
                        floor=fmt_time(load_floor) if load_floor is not None else "",
                        blocked=load_floor is not None and load_floor > limit,
                    )
                )
        peaks = [r.rss for key, r in row.items() if r.ok and not key.startswith("argdown")]
        if peaks:
            targets.append(
                Target(
                    "1M: peak RSS ≤ 3 GiB (every argmap command)",
                    fmt_mem(max(peaks)),
                    max(peaks) <= 3 * 1024 * MiB,
                )
            )
    if growth and "100k" in labels and "1M" in labels:
        worst = []
        for key, _ in commands[:7]:
            a, b = sized["100k"].get(key), sized["1M"].get(key)
            if a and b and a.ok and b.ok:
                worst.append((b.wall / a.wall, key))
        if worst:
            factor, key = max(worst)
            targets.append(
                Target(
                    "100k→1M growth ≤ 12× for every query (linear)",
                    f"worst {factor:.1f}× ({key})",
                    factor <= 12,
                )
            )

    if targets:
        w("## Targets")
        w("")
        w(
            "*floor*: the same job done by the fixed dependencies alone, measured in this run "
            "(essay commands: importing typer, PyYAML and one pydantic model; YAML: libyaml's parse "
            "plus pydantic alone, as a ratio; 1M: `from_json` of the file plus pydantic alone). "
            "**blocked**: the floor's median alone is over the target, so argmap, which does all "
            "the floor does and more, cannot meet it here."
        )
        w("")
        w("| target | measured | floor | |")
        w("|---|---:|---:|---|")
        for target in targets:
            w(target.row())
        w("")
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main())
