"""The command line on the essay map: exact output (golden files), JSON shapes, errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import argmap

Run = Callable[..., Any]  # the `run` fixture: the CLI in-process, a click Result back
Golden = Callable[[str, str], None]

ESSAY_CLAIMS = len(argmap.load().claims)


def test_list_plain_is_an_aligned_table(run: Run, golden: Golden) -> None:
    result = run("list")
    assert result.exit_code == 0, result.stderr
    assert "\x1b[" not in result.stdout
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "KIND", "SECTION", "TEXT"]
    assert len(lines) == 1 + ESSAY_CLAIMS
    assert lines[0].index("KIND") == lines[1].index("thesis", 1)
    golden("cli/list.txt", result.stdout)


def test_list_rich_at_fixed_width(run: Run, golden: Golden) -> None:
    result = run(
        "list", "--kind", "objection", "--kind", "rebuttal", terminal=True, width=90, env={"NO_COLOR": "1"}
    )
    assert result.exit_code == 0, result.stderr
    assert "┏" in result.stdout
    golden("cli/list-rich-objections.txt", result.stdout)


def test_list_filters(run: Run) -> None:
    def ids(*args: str) -> list[str]:
        result = run("list", "--json", *args)
        assert result.exit_code == 0, result.stderr
        return [c["id"] for c in json.loads(result.stdout)["claims"]]

    assert ids("--kind", "thesis") == ["thesis"]
    form = ids("--section", "form")
    assert form and all(argmap.load()[i].section == "form" for i in form)
    both = ids("--tag", "consumer", "--tag", "technology")
    assert both and all({"consumer", "technology"} <= set(argmap.load()[i].tags) for i in both)
    assert ids("--search", "SPRING breeze") == ["spring-breeze"]


def test_list_json_shape(run: Run) -> None:
    data = json.loads(run("list", "--json").stdout)
    assert data["count"] == ESSAY_CLAIMS == len(data["claims"])
    first = data["claims"][0]
    assert set(first) == {
        "id", "kind", "text", "quote", "section", "tags", "supports", "attacks",
        "contrasts", "linked", "undercuts", "base_score",
    }  # fmt: skip
    assert argmap.Claim.model_validate(first) == argmap.load().claims[0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("list", "--kind", "thesi"), "argmap: error: the map has no kind 'thesi'; did you mean 'thesis'?\n"),
        (
            ("list", "--section", "forms"),
            "argmap: error: the map has no section 'forms'; did you mean 'form'?\n",
        ),
        (("show", "thesys"), "argmap: error: no claim has the id 'thesys'; did you mean 'thesis'?\n"),
        (("trace", "thesys"), "argmap: error: no claim has the id 'thesys'; did you mean 'thesis'?\n"),
        (
            ("tree", "--direction", "sideways"),
            "argmap: error: --direction must be 'down' or 'up', not 'sideways'\n",
        ),
    ],
)
def test_user_errors_are_one_line_and_exit_2(run: Run, args: tuple[str, ...], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr == message
    assert result.stdout == ""


def test_bad_map_file_is_located(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("claims:\n  - id: a\n    text: t\n    attacks: [b]\n", encoding="utf-8")
    result = run("--map", str(path), "list")
    assert result.exit_code == 2
    assert result.stderr == f"argmap: error: {path}:4:15: no claim has the id 'b'; check the spelling\n"


def test_tree_golden(run: Run, golden: Golden) -> None:
    result = run("tree")
    assert result.exit_code == 0, result.stderr
    golden("cli/tree.txt", result.stdout)


def test_tree_rich_golden(run: Run, golden: Golden) -> None:
    result = run("tree", "stagnation-view", terminal=True, width=100, env={"NO_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    golden("cli/tree-rich-stagnation-view.txt", result.stdout)


def test_tree_up_and_depth(run: Run, golden: Golden) -> None:
    result = run("tree", "industrial-tech-examples", "--direction", "up")
    assert result.exit_code == 0, result.stderr
    golden("cli/tree-up-industrial-tech-examples.txt", result.stdout)
    shallow = run("tree", "--depth", "1").stdout.splitlines()
    assert all(not line.startswith(("│   ├", "│   └", "    ├", "    └")) for line in shallow)
    assert any("deeper levels hidden" in line for line in shallow)


def test_tree_json_rows_form_the_tree(run: Run) -> None:
    data = json.loads(run("tree", "--json").stdout)
    rows = data["rows"]
    assert data["roots"] == ["thesis"] and rows[0]["id"] == "thesis" and rows[0]["parent"] is None
    for row in rows[1:]:
        assert rows[row["parent"]]["depth"] == row["depth"] - 1
    expanded = [r["id"] for r in rows if not r["repeat"] and not r["cycle"]]
    assert len(expanded) == len(set(expanded)) == ESSAY_CLAIMS  # the whole essay hangs under its thesis


def test_trace_golden(run: Run, golden: Golden) -> None:
    result = run("trace", "thesis")
    assert result.exit_code == 0, result.stderr
    golden("cli/trace-thesis.txt", result.stdout)
    up = run("trace", "industrial-depth", "--up")
    golden("cli/trace-up-industrial-depth.txt", up.stdout)


def test_trace_limit_says_how_many_are_left_out(run: Run) -> None:
    lines = run("trace", "thesis", "--limit", "2").stdout.splitlines()
    assert lines[0] == "Support chains leading to thesis: 2 of 26"
    assert lines[-1] == "… 24 more chains not shown (raise --limit)"


def test_show(run: Run, golden: Golden) -> None:
    result = run("show", "industrial-drive-inward")
    assert result.exit_code == 0, result.stderr
    golden("cli/show-industrial-drive-inward.txt", result.stdout)
    data = json.loads(run("show", "thesis", "--json").stdout)
    assert data["quote_at"] == {"file": "essay.txt", "line": 6, "column": 273}
    assert data["attacked_by"] == ["overestimated"]


def test_search_plain_and_json(run: Run) -> None:
    result = run("search", "BLOCKCHAIN")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1].endswith("claims found")
    data = json.loads(run("search", "--json", "thousand", "miles").stdout)
    assert [c["id"] for c in data["claims"]] == ["thesis", "overestimated", "wider-view-fast"]
    text = data["claims"][0]["text"]
    assert [text[a:b] for a, b in data["claims"][0]["text_matches"]] == ["thousand", "miles"]


def test_search_highlights_on_a_terminal(run: Run) -> None:
    result = run("search", "spring", terminal=True)
    assert "\x1b[1;7mspring\x1b[0m" in result.stdout


def test_no_color_is_honoured(run: Run) -> None:
    result = run("tree", "overestimated", terminal=True, env={"NO_COLOR": "1"})
    assert "\x1b[31m" not in result.stdout and "\x1b[32m" not in result.stdout


def test_version_and_help(run: Run) -> None:
    assert run("--version").stdout == f"argmap {argmap.__version__}\n"
    help_text = run("--help").stdout
    for name in ("list", "show", "tree", "trace", "search"):
        assert f"  {name} " in help_text


def _argmap(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "argmap", *args], capture_output=True, text=True, env=env, check=False
    )


def test_help_does_not_import_the_heavy_libraries() -> None:
    code = (
        "import sys; sys.argv = ['argmap', '--help']\n"
        "import argmap.cli.app\n"
        "try: argmap.cli.app.app()\n"
        "except SystemExit: pass\n"
        "print(sorted({'networkx', 'pydantic', 'yaml', 'rich'} & {m.split('.')[0] for m in sys.modules}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_closed_pipe_ends_quietly() -> None:
    shell = f"{sys.executable} -m argmap tree | head -3"
    result = subprocess.run(
        ["bash", "-c", f"set -o pipefail; {shell}"], capture_output=True, text=True, check=False
    )
    assert result.stderr == ""
    assert len(result.stdout.splitlines()) == 3


def test_internal_error_is_saved_not_shown(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    import argmap.analysis.queries

    def boom(*_args: object, **_kwargs: object) -> None:
        raise ZeroDivisionError("simulated bug")

    monkeypatch.setattr(argmap.analysis.queries, "select", boom)
    result = run("list")
    assert result.exit_code == 70
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(
        "argmap: error: internal error (ZeroDivisionError): this is a bug in argmap"
    )
    saved = result.stderr.split("saved in ")[1].split(" (ARGMAP_DEBUG")[0]
    with open(saved, encoding="utf-8") as handle:
        assert "simulated bug" in handle.read()
    os.unlink(saved)


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("list", ("list", "--json")),
        ("show", ("show", "larger-perspective", "--json")),
        ("show", ("show", "new-tech-booming", "--json")),
        ("tree", ("tree", "--json")),
        ("tree", ("tree", "--status", "grounded", "--json")),
        ("trace", ("trace", "thesis", "--json")),
        ("trace", ("trace", "industrial-depth", "--up", "--json")),
        ("search", ("search", "Blockchain", "--json")),
    ],
)
def test_json_output_follows_its_schema(run: Run, name: str, args: tuple[str, ...]) -> None:
    import jsonschema

    from conftest import ROOT

    schema = json.loads((ROOT / "tests" / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    jsonschema.validate(json.loads(result.stdout), schema)


def test_search_any_script_case_insensitively(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "cjk.yaml"
    path.write_text(
        "claims:\n  - {id: a, kind: thesis, text: 工业互联网是一股暗流, quote: 暗流涌动}\n"
        "  - {id: b, text: Die STRASSE ist lang, supports: [a]}\n",
        encoding="utf-8",
    )
    data = json.loads(run("--map", str(path), "search", "暗流", "--json").stdout)
    assert [c["id"] for c in data["claims"]] == ["a"]
    assert data["claims"][0]["text_matches"] == [[8, 10]] and data["claims"][0]["quote_matches"] == [[0, 2]]
    for word in ("straße", "Strasse"):  # casefolding: ß matches SS
        found = json.loads(run("--map", str(path), "search", word, "--json").stdout)["claims"]
        assert [c["id"] for c in found] == ["b"]
    highlighted = run("--map", str(path), "search", "暗流", terminal=True).stdout
    assert "\x1b[1;7m暗流\x1b[0m" in highlighted


def _launch(*args: str, columns: str = "80") -> subprocess.CompletedProcess[str]:
    """The console script's entry point, as ``argmap ARGS`` (program name argmap)."""
    code = (
        "import sys; sys.argv = ['argmap', *sys.argv[1:]]\n"
        "from argmap.cli.launch import main\n"
        "try: main()\n"
        "except SystemExit: pass\n"
        "sys.stderr.write(repr(sorted({'typer', 'pydantic'} & set(sys.modules))))"
    )
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": columns}
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=False
    )


def test_the_stored_top_level_help_is_what_typer_prints() -> None:
    from argmap.cli.launch import HELP_FILE

    code = "import sys; sys.argv = ['argmap', '--help']\nfrom argmap.cli.app import main\nmain()"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "80"}
    typer_help = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    ).stdout
    if os.environ.get("ARGMAP_UPDATE_GOLDEN"):
        Path(HELP_FILE).write_text(typer_help, encoding="utf-8", newline="\n")
    assert typer_help == Path(HELP_FILE).read_text(encoding="utf-8"), (
        "the help changed: run ARGMAP_UPDATE_GOLDEN=1 pytest tests/test_cli.py to store it"
    )


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_and_version_are_answered_without_importing_typer(flag: str) -> None:
    from argmap.cli.launch import HELP_FILE

    result = _launch(flag)
    assert result.returncode == 0
    assert result.stdout == Path(HELP_FILE).read_text(encoding="utf-8")
    assert result.stderr == "[]"
    version = _launch("--version")
    assert (version.stdout, version.stderr) == (f"argmap {argmap.__version__}\n", "[]")


def test_a_narrow_terminal_gets_typers_own_help() -> None:
    from argmap.cli.launch import HELP_FILE

    result = _launch("--help", columns="60")
    assert result.returncode == 0
    assert result.stdout.startswith("Usage: argmap [OPTIONS] COMMAND [ARGS]...")
    assert result.stdout != Path(HELP_FILE).read_text(encoding="utf-8")
    assert max(map(len, result.stdout.splitlines())) <= 58


def test_help_and_version_survive_an_ascii_stdout_and_a_closed_pipe() -> None:
    launch = "import sys; sys.argv[0] = 'argmap'; from argmap.cli.launch import main; main()"
    for flag in ("--help", "--version"):
        env = {**os.environ, "PYTHONIOENCODING": "ascii", "COLUMNS": "80"}
        ascii_out = subprocess.run(
            [sys.executable, "-c", launch, flag], capture_output=True, env=env, check=False
        )
        assert (ascii_out.returncode, ascii_out.stderr) == (0, b"")
        assert ascii_out.stdout.decode("utf-8").startswith(("Usage: argmap", "argmap "))
        shell = f'{sys.executable} -c "{launch}" {flag} | true'
        closed = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, check=False)
        assert (closed.returncode, closed.stderr) == (0, "")


@pytest.mark.parametrize(
    ("argv", "kept"),
    [
        (["argmap", "tree", "--depth", "1"], ["tree"]),
        (["argmap", "export", "--to", "dot"], ["export"]),
        (["argmap", "--map", "tree", "list"], None),  # 'tree' is the value of --map here
        (["argmap", "tre"], None),  # typer suggests the right name itself
        (["argmap"], None),
        (["argmap", "--help"], None),
    ],
)
def test_a_run_registers_only_the_command_it_names_first(argv: list[str], kept: list[str] | None) -> None:
    from argmap.cli import app as cli

    every = [info.name for info in cli.app.registered_commands]
    names = [info.name for info in cli.app_for(argv).registered_commands]
    assert names == (kept if kept is not None else every)
    assert [info.name for info in cli.app.registered_commands] == every  # the shared app is untouched


def test_main_runs_again_in_the_same_process(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each run builds its own app, so a second call (another command) still finds its command."""
    import gc

    from argmap.cli import app as cli

    class Exited(Exception):
        pass

    def exit_now(code: int) -> None:
        raise Exited(code)

    monkeypatch.setattr(os, "_exit", exit_now)
    monkeypatch.setenv("TTY_COMPATIBLE", "0")
    outputs = []
    try:
        for argv in (
            ["argmap", "list"],
            ["argmap", "tree"],
            ["argmap", "trace", "thesis"],
            ["argmap", "list"],
        ):
            monkeypatch.setattr(sys, "argv", argv)
            with pytest.raises(Exited) as done:
                cli.main()
            assert done.value.args == (0,), capsys.readouterr().err
            outputs.append(capsys.readouterr().out)
    finally:
        gc.enable()
    assert outputs[0].startswith("ID ") and outputs[0] == outputs[3]
    assert outputs[1].startswith("■ [thesis] thesis:")
    assert outputs[2].startswith("Support chains leading to thesis")


def test_the_console_script_prints_what_the_full_app_prints(run: Run) -> None:
    from argmap.files import bundled_map_path

    essay = str(bundled_map_path())
    for args in (["tree"], ["trace", "thesis"], ["export", "--to", "dot"], ["--map", essay, "list"]):
        alone = _argmap(*args)
        assert alone.returncode == 0, alone.stderr
        assert alone.stdout == run(*args).stdout
    wrong = _argmap("tre")
    assert wrong.returncode == 2
    assert "No such command 'tre'" in wrong.stderr


def test_status_help_names_every_semantics() -> None:
    from argmap.argumentation import SEMANTICS
    from argmap.cli.options import SEMANTICS_HELP

    assert ", ".join(SEMANTICS[:-1]) + " or " + SEMANTICS[-1] == SEMANTICS_HELP


def test_from_help_names_every_readable_format() -> None:
    from argmap.cli.options import FROM_HELP
    from argmap.formats import names

    readable = names(readable=True)
    assert FROM_HELP.endswith(": " + ", ".join(readable[:-1]) + " or " + readable[-1] + ".")


@pytest.mark.parametrize(
    ("command", "usage"),
    [
        ("show", "Usage: argmap show [OPTIONS] ID"),
        ("tree", "Usage: argmap tree [OPTIONS] [ID]"),
        ("export", "Usage: argmap export [OPTIONS] [ID]"),
        ("search", "Usage: argmap search [OPTIONS] WORDS..."),
        ("check", "Usage: argmap check [OPTIONS] [MAP]..."),
        ("convert", "Usage: argmap convert [OPTIONS] IN OUT"),
        ("index", "Usage: argmap index [OPTIONS] MAP..."),
    ],
)
def test_usage_lines_read_as_click_writes_them(run: Run, command: str, usage: str) -> None:
    """No doubled brackets (``[[ID]]``) and no braces (``{ID}``) around arguments."""
    assert run(command, "--help").stdout.splitlines()[0] == usage
