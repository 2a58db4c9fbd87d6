"""What a run says besides its answer: progress on a terminal (never in a pipe or with JSON),
--quiet, --verbose, the store options after the command name, trace's words, and what
convert drops.

Progress is seen through a pseudo-terminal on stderr (stdout goes to a file); the threshold
of about a second is lowered with ARGMAP_PROGRESS_AFTER where a test needs every step.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Run

pty = pytest.importorskip("pty")

MAP = """\
meta:
  source: missing.txt
claims:
  - id: t
    kind: thesis
    text: T.
  - id: p
    text: P.
    supports: [t]
"""
CLEAR = "\r\x1b[K"


def argmap(*args: str, cwd: Path, terminal: bool, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of ``argmap ARGS`` run as a program, its stderr a
    pseudo-terminal when ``terminal`` (else a pipe); stdout always goes to a file."""
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    for key in ("FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR", "ARGMAP_MAP"):
        environment.pop(key, None)
    command = [sys.executable, "-m", "argmap", *args]
    with open(cwd / "stdout.txt", "w+b") as out:
        if not terminal:
            done = subprocess.run(
                command, check=False, cwd=cwd, stdout=out, stderr=subprocess.PIPE, env=environment
            )
            out.seek(0)
            return done.returncode, out.read().decode(), done.stderr.decode()
        master, slave = pty.openpty()
        process = subprocess.Popen(
            command, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=slave, env=environment
        )
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(master)
        code = process.wait()
        out.seek(0)
        return code, out.read().decode(), b"".join(chunks).decode().replace("\r\n", "\n")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "m.yaml").write_text(MAP, encoding="utf-8")
    return tmp_path


def test_a_terminal_sees_each_step_then_a_clear_line(folder: Path) -> None:
    code, out, err = argmap("--map", "m.yaml", "tree", cwd=folder, terminal=True, env=_at_once())
    assert code == 0
    assert out == "■ [thesis] t: T.\n└── + [claim] p: P.\n"
    steps = [
        "argmap: reading m.yaml…",
        "argmap: validating 2 claims…",
        "argmap: building the tree…",  # not "reading" again once validation is done
    ]
    assert err.startswith("".join(CLEAR + step for step in steps) + CLEAR + "argmap: warning: m.yaml:2:11")


def test_an_error_after_the_index_progress_starts_on_a_clear_line(folder: Path) -> None:
    (folder / "broken.yaml").write_text(
        "claims:\n  - id: a\n    text: A\n    supports: [zz]\n", encoding="utf-8"
    )
    code, _out, err = argmap("index", "-o", "s.db", "m.yaml", "broken.yaml", cwd=folder, terminal=True)
    assert code == 2
    # what the terminal keeps after the last clear: the messages, no status left in front
    assert err.rsplit(CLEAR, 1)[1].splitlines() == [
        (
            "argmap: warning: m.yaml:2:11: quotes not checked: cannot read the source text 'missing.txt': "
            "no such file (meta.source is relative to the map file; fix the path or remove the key)"
        ),
        "argmap: error: broken.yaml:4:16: no claim has the id 'zz'; check the spelling",
    ]


def test_a_fast_run_shows_no_status(folder: Path) -> None:
    env = {"ARGMAP_PROGRESS_AFTER": "60"}
    code, _out, err = argmap("--map", "m.yaml", "-q", "list", cwd=folder, terminal=True, env=env)
    assert (code, err) == (0, "")


def test_a_slow_drawing_says_so_after_about_a_second(folder: Path) -> None:
    """No lowered threshold: a Graphviz that takes 1.5 s gets a status from the timer."""
    bin_dir = folder / "bin"
    bin_dir.mkdir()
    dot = bin_dir / "dot"
    dot.write_text("#!/bin/sh\ncat >/dev/null\nsleep 1.5\nprintf '<svg/>'\n", encoding="utf-8")
    dot.chmod(0o755)
    env = {"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    (folder / "m.yaml").write_text(MAP.replace("  source: missing.txt\n", "  title: M\n"), encoding="utf-8")
    code, _out, err = argmap("--map", "m.yaml", "render", "-o", "m.svg", cwd=folder, terminal=True, env=env)
    assert code == 0
    assert re.search(r"\r\x1b\[Kargmap: drawing with Graphviz \(dot\)…( \d s)?\r\x1b\[K\Z", err), err
    assert (folder / "m.svg").read_text(encoding="utf-8") == "<svg/>"


def test_the_status_counts_a_drawing_s_seconds_and_fits_the_terminal() -> None:
    from argmap.views.progress import StatusProgress

    shown: list[str] = []
    status = StatusProgress(shown.append, "render", after=0, columns=50)
    status.begin("read", "a/very/long/path/to/some/folder/map.yaml", None)
    status.end("read")
    status.begin("draw", "dot", None)
    status.steps[-1][4] -= 12.4  # the drawing began 12.4 s ago
    assert status.text() == "argmap: drawing with Graphviz (dot)… 12 s"
    status.begin("write", "", None)  # the answer comes: the line is cleared for good
    status.advance(1)
    assert shown == [
        "argmap: reading a/very/long/path/to/some/folder/…",
        "argmap: building the drawing…",
        "argmap: drawing with Graphviz (dot)…",
        "",
    ]


@pytest.mark.parametrize(
    "args",
    [
        ["--map", "m.yaml", "list"],
        ["--map", "m.yaml", "tree", "t"],
        ["check", "m.yaml"],
        ["convert", "m.yaml", "m.json"],
        ["--map", "m.yaml", "evaluate"],
    ],
)
def test_a_pipe_never_sees_progress(folder: Path, args: list[str]) -> None:
    _code, out, err = argmap(*args, cwd=folder, terminal=False, env=_at_once())
    assert "\r" not in err
    assert "\x1b" not in err
    assert "argmap: reading" not in err
    if args[0] == "check":  # the missing source is an error finding there (AM108), not a warning
        assert err == "" and "AM108 error" in out
    else:
        assert err.startswith("argmap: warning: ")  # the missing source


@pytest.mark.parametrize(
    "args",
    [
        ["--map", "m.yaml", "list", "--json"],
        ["--map", "m.yaml", "evaluate", "--json"],
        ["check", "m.yaml", "--format", "json"],
        ["--map", "m.yaml", "-q", "list"],
        ["--map", "m.yaml", "list", "--quiet"],
    ],
)
def test_json_and_quiet_show_no_progress_on_a_terminal(folder: Path, args: list[str]) -> None:
    _code, _out, err = argmap(*args, cwd=folder, terminal=True, env=_at_once())
    assert CLEAR not in err


def test_quiet_index_shows_no_index_progress(folder: Path) -> None:
    code, _out, err = argmap("index", "m.yaml", "-o", "s.db", "-q", cwd=folder, terminal=True, env=_at_once())
    assert (code, err) == (0, "")


def _at_once() -> dict[str, str]:
    return {"ARGMAP_PROGRESS_AFTER": "0"}


# --quiet and --verbose


@pytest.mark.parametrize("args", [["-q", "list"], ["--quiet", "list"], ["list", "--quiet"], ["tree", "-q"]])
def test_quiet_silences_warnings(run: Run, folder: Path, args: list[str]) -> None:
    loud = run("--map", str(folder / "m.yaml"), *[a for a in args if a not in ("-q", "--quiet")])
    assert loud.stderr.startswith(f"argmap: warning: {folder / 'm.yaml'}:2:11: ")
    quiet = run("--map", str(folder / "m.yaml"), *args)
    assert (quiet.exit_code, quiet.stderr) == (0, "")
    assert quiet.stdout == loud.stdout


@pytest.mark.parametrize("args", [["-q", "show", "nope"], ["show", "nope", "--quiet"]])
def test_quiet_still_prints_errors(run: Run, args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith("argmap: error: no claim has the id 'nope'")
    assert result.stderr == run("show", "nope").stderr


TIMINGS = re.compile(
    r"argmap: timings: read \d+\.\d{3} s, validate \d+\.\d{3} s, command \d+\.\d{3} s, "
    r"write \d+\.\d{3} s; total \d+\.\d{3} s\n"
)


@pytest.mark.parametrize(
    "args", [["-v", "list"], ["--verbose", "tree"], ["list", "-v"], ["trace", "thesis", "--verbose"]]
)
def test_verbose_adds_the_time_of_each_phase(run: Run, args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 0
    assert TIMINGS.fullmatch(result.stderr), result.stderr
    assert result.stdout == run(*[a for a in args if a not in ("-v", "--verbose")]).stdout


def test_timings_charge_a_nested_step_to_itself() -> None:
    from argmap.progress import progress_observed, progress_step
    from argmap.views.progress import Timings

    clock = iter([0.0, 1.0, 2.0, 5.0, 6.0, 6.5, 7.0, 9.0])
    timings = Timings(clock=lambda: next(clock))
    with progress_observed(timings):
        # command 0-1, read 1-2, validate 2-5 (nested in read), read 5-6
        with progress_step("read", "m.yaml"), progress_step("validate", total=3):
            pass
        # command 6-6.5, write 6.5-7 (a drawing is written)
        with progress_step("draw"):
            pass
    # command 7-9
    assert timings.line() == (
        "argmap: timings: read 2.000 s, validate 3.000 s, command 3.500 s, write 0.500 s; total 9.000 s"
    )


def test_without_observers_a_step_costs_nothing_visible() -> None:
    from argmap.progress import _observers, progress_advance, progress_step

    with progress_step("read", "x"):
        progress_advance(1)
    assert _observers == []


# --in and --no-refresh after the command


def test_store_options_after_the_command(run: Run, tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / f"{name}.yaml").write_text(
            f"claims:\n  - id: {name}1\n    text: {name}.\n", encoding="utf-8"
        )
    store = str(tmp_path / "s.db")
    assert run("index", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"), "-o", store).exit_code == 0
    assert run("list", "--map", store, "--in", "b").stdout == run("--map", store, "--in", "b", "list").stdout
    assert run("list", "--map", store, "--in", "b").stdout.splitlines()[1].split()[0] == "b1"
    (tmp_path / "b.yaml").write_text("claims:\n  - id: b2\n    text: b.\n", encoding="utf-8")
    refused = run("list", "--map", store, "--in", "b", "--no-refresh")
    assert refused.exit_code == 2
    assert refused.stderr.startswith(f"argmap: error: {store}: the store is stale: ")
    assert run("list", "--map", store, "--in", "b").stdout.splitlines()[1].split()[0] == "b2"


# trace: the same words on a terminal and in a pipe

TRACED = """\
claims:
  - id: t
    kind: thesis
    text: T.
  - id: p
    text: P.
    supports: [t]
  - id: o
    kind: objection
    text: O.
    attacks: [t]
  - id: u
    kind: objection
    text: U.
    undercuts: [{from: p, to: t}]
"""


def test_trace_says_the_same_words_on_a_terminal(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(TRACED, encoding="utf-8")
    expected = (
        "Support chains leading to t: 1 of 1\n"
        "1. p → t\n"
        "   contested: t is attacked by o\n"
        "   contested: p → t is undercut by u\n"
    )
    assert run("--map", str(path), "trace", "t").stdout == expected
    shown = run("--map", str(path), "trace", "t", terminal=True, env={"NO_COLOR": "1"}).stdout
    assert re.sub(r"\x1b\[[0-9;]*m", "", shown) == expected


# convert: comments are not kept


def test_convert_says_how_many_comment_lines_it_drops(run: Run, tmp_path: Path) -> None:
    yaml_map = tmp_path / "c.yaml"
    yaml_map.write_text(
        "# my map\nclaims:\n  - id: a   # first\n    text: 'A # not a comment'\n    tags: [x, # a tag\n      y]\n",
        encoding="utf-8",
    )
    argdown = tmp_path / "c.argdown"
    argdown.write_text("// note\n[A]: A.\n\n/* two\nlines */\n<B>: B.\n  + [A]\n", encoding="utf-8")
    result = run("convert", str(yaml_map), str(tmp_path / "c.json"))
    assert (result.exit_code, result.stderr) == (
        0,
        f"argmap: warning: {yaml_map}: 3 comment lines are not kept: a map holds no comments\n",
    )
    result = run("convert", str(argdown), "-", "--to", "yaml")
    assert (
        result.stderr
        == f"argmap: warning: {argdown}: 3 comment lines are not kept: a map holds no comments\n"
    )
    assert run("convert", str(tmp_path / "c.json"), str(tmp_path / "back.yaml")).stderr == ""
    assert run("-q", "convert", str(yaml_map), str(tmp_path / "d.json")).stderr == ""
    single = tmp_path / "one.yaml"
    single.write_text("claims:\n  - id: a\n    text: A.  # why\n", encoding="utf-8")
    assert run("convert", str(single), "-", "--to", "json").stderr == (
        f"argmap: warning: {single}: 1 comment line is not kept: a map holds no comments\n"
    )


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("claims: []\n", 0),
        ("a: 'x # y'\nb: \"#z\"\nc: a#b\n", 0),
        ("c: |\n  z # not\n  # neither\nd: 1 # yes\n", 1),
        ("#a\n#b\n\n  # c\nx: 1\n", 3),
        ("x: [1, # in a flow\n  2]\n", 1),
    ],
)
def test_yaml_comment_lines(text: str, lines: int) -> None:
    from argmap.formats.yaml import comment_lines

    assert comment_lines(text) == lines


def test_the_timings_line_comes_after_the_warnings(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "loose.yaml"
    path.write_text("claims:\n  - {id: a, kind: thesis, text: A}\n  - {id: b, text: B}\n", encoding="utf-8")
    lines = run("--map", str(path), "-v", "list").stderr.splitlines()
    assert lines[0] == (
        f"argmap: warning: {path}:3:5: claim 'b' is not connected to any thesis; "
        "relate it to the argument or remove it"
    )
    assert TIMINGS.fullmatch(lines[1] + "\n")
