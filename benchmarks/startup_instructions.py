"""The start-up ratio of issue 14 counted in CPU instructions, not seconds.

    PYTHONPATH=src python benchmarks/startup_instructions.py [--command list]

Runs the three start-up jobs of ``run.py --startup-only`` (the bare imports, the typer floor
and ``argmap list`` on the essay) once each under valgrind's callgrind and prints the
instructions each executed and the ratios to the bare imports. Wall-clock ratios on a shared
two-core host drift by ±0.1× from run to run; an instruction count is the same twice for the
same code, so it tells whether a change to start-up helped. It is a proxy: a process's fixed
costs (exec, loading shared libraries, page faults) weigh more in its wall time, so the wall
ratio is lower than the instruction ratio (see RESULTS.md for the two side by side).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys

from run import BARE_IMPORTS, TYPER_FLOOR, argmap_env

CONSOLE_SCRIPT = "import sys; sys.argv[0] = 'argmap'; from argmap.cli.launch import main; main()"


def instructions(argv: list[str], env: dict[str, str]) -> int:
    """Instructions ``argv`` executes, after one run that fills the bytecode cache."""
    subprocess.run(argv, env=env, capture_output=True, check=True)
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"callgrind printed no count:\n{done.stderr}")
    return int(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--command", default="list", help="the argmap command line to count (default: list)")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (Debian: apt-get install valgrind)", file=sys.stderr)
        return 2
    env = argmap_env()
    jobs = [
        ("bare: " + BARE_IMPORTS, [sys.executable, "-c", BARE_IMPORTS]),
        ("floor: one typer command validating one pydantic model", [sys.executable, "-c", TYPER_FLOOR]),
        (f"argmap {args.command}", [sys.executable, "-c", CONSOLE_SCRIPT, *args.command.split()]),
    ]
    counts = {label: instructions(argv, env) for label, argv in jobs}
    bare = counts[jobs[0][0]]
    for label, count in counts.items():
        print(f"{count / 1e6:8.1f} M instructions  {count / bare:.3f}×  {label}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
