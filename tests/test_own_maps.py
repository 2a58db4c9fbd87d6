"""Issue 16: maps of one's own on a terminal — views that never lose a claim, every problem
in one run, the conventions users expect."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

Run = Callable[..., Any]  # the `run` fixture: the CLI in-process, a click Result back

ANSI = re.compile(r"\x1b\[[0-9;]*m")
#: A tree line's drawing: depth marker, guides, branches.
GUIDES = re.compile(r"^(⋮\d+ )?[ │├└─]*")


def plain(text: str) -> str:
    return ANSI.sub("", text)


def chain_text(number: int) -> str:
    """Claim texts of varied length, some long enough to wrap, one with a newline."""
    if number % 7 == 3:
        return f"Claim {number} spans\ntwo lines of its own"
    return f"Claim {number} " + " ".join(f"word{number}x{k}" for k in range(number % 5 * 4))


def write_chain(path: Path, length: int) -> Path:
    """c0 (a thesis) ← c1 ← … ← c<length-1>, each supporting the one before."""
    claims: list[dict[str, Any]] = [{"id": "c0", "kind": "thesis", "text": chain_text(0)}]
    claims += [{"id": f"c{n}", "text": chain_text(n), "supports": [f"c{n - 1}"]} for n in range(1, length)]
    path.write_text(yaml.safe_dump({"claims": claims}, allow_unicode=True), encoding="utf-8")
    return path


def tree_words(output: str) -> list[str]:
    """The words of a tree drawing with its guides taken away."""
    return [word for line in plain(output).splitlines() for word in GUIDES.sub("", line).split()]


@pytest.fixture(scope="module")
def chain61(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_chain(tmp_path_factory.mktemp("chain") / "chain.yaml", 61)


@pytest.mark.parametrize("width", [40, 60, 80, 120])
def test_a_terminal_tree_shows_every_claim_in_order_at_every_depth(
    run: Run, chain61: Path, width: int
) -> None:
    for depth in range(1, 61):
        top = 60 - depth
        result = run("--map", str(chain61), "tree", f"c{top}", terminal=True, width=width)
        assert result.exit_code == 0, result.stderr
        expected: list[str] = []
        for number in range(top, 61):
            glyph = "■" if number == top else "+"
            kind = "thesis" if number == 0 else "claim"
            expected += [glyph, f"[{kind}]", f"c{number}:", *chain_text(number).split()]
        assert tree_words(result.stdout) == expected, (width, depth)
        lines = plain(result.stdout).splitlines()
        assert all(len(line.rstrip()) <= width for line in lines), (width, depth)


def test_wrapped_and_multiline_claims_stay_under_their_claim(run: Run, tmp_path: Path) -> None:
    path = write_chain(tmp_path / "chain.yaml", 40)
    lines = plain(run("--map", str(path), "tree", "c30", terminal=True, width=40).stdout).splitlines()
    # c31 is drawn at depth 1 with a last-child branch; its second line sits under its text
    at = next(i for i, line in enumerate(lines) if " c31: " in line)
    assert lines[at].startswith("└── + [claim] c31: Claim 31 spans")
    assert lines[at + 1] == "    two lines of its own"
    piped = run("--map", str(path), "tree", "c30").stdout.splitlines()
    at = piped.index("└── + [claim] c31: Claim 31 spans")
    assert piped[at + 1] == "    two lines of its own"
    deep = plain(run("--map", str(path), "tree", "c0", terminal=True, width=40).stdout).splitlines()
    at = next(i for i, line in enumerate(deep) if " c24: " in line)
    marker = deep[at].index("└── ")
    assert deep[at].startswith("⋮24 ") and deep[at + 1] == " " * (marker + 4) + "24 spans"
    assert deep[at + 2] == " " * (marker + 4) + "two lines of its own"


def test_show_and_search_indent_wrapped_text(run: Run) -> None:
    show = plain(run("show", "thesis", terminal=True, width=50).stdout).splitlines()
    assert show[1].startswith("│ text:         It is no exaggeration")
    assert show[2].startswith("│               describe the current")
    found = plain(run("search", "spring", terminal=True, width=50).stdout).splitlines()
    assert found[0].startswith("spring-breeze [claim]: The industrial")
    assert found[1].startswith("    internet's sudden rise")
    assert found[4].startswith("    “Like the spring") and found[5].startswith("     thousands of trees")


def test_narrow_tables_keep_their_main_column(run: Run) -> None:
    listed = plain(run("list", terminal=True, width=40).stdout).splitlines()
    header = next(line for line in listed if line.startswith("┃"))
    assert header.split("┃")[1:3] == [" id                ", " text             "]
    assert any("It is no" in line for line in listed)
    evaluated = plain(run("evaluate", "-g", "dfquad", terminal=True, width=40).stdout).splitlines()
    header = next(line for line in evaluated if line.startswith("┃"))
    assert [cell.strip() for cell in header.split("┃")[1:4]] == ["id", "status", "text"]
    assert any("│  OUT " in line for line in evaluated)
    wide = plain(run("evaluate", "-g", "dfquad", terminal=True, width=120).stdout).splitlines()
    header = next(line for line in wide if line.startswith("┃"))
    assert [cell.strip() for cell in header.split("┃")[1:6]] == ["id", "kind", "status", "score", "text"]


def cjk_map(path: Path) -> Path:
    """CJK ids, sections and texts: two cells a character, and no spaces to wrap at."""
    base = "自行车道可以让骑车的人更安全，也能让行人更放心，而且还能减少交通事故。"
    claims: list[dict[str, Any]] = [
        {"id": "论点", "kind": "thesis", "section": "开头", "text": "应该修建" + base}
    ]
    claims += [
        {"id": f"理由{n}", "section": "理由", "text": f"第{n}个理由：" + base * (n % 3), "supports": ["论点"]}
        for n in range(1, 9)
    ]
    claims.append(
        {"id": "mixed", "text": "Bike lanes 自行车道 work: 事故减少了百分之四十。", "supports": ["理由1"]}
    )
    path.write_text(yaml.safe_dump({"claims": claims}, allow_unicode=True), encoding="utf-8")
    return path


def text_column(output: str) -> str:
    """What a table's text column shows, with whitespace taken away: a row's last cell, or
    the whole line where the claims are drawn as records."""
    lines = plain(output).splitlines()
    return re.sub(
        r"\s", "", "".join(line.rsplit("│", 2)[1] if line.startswith("│") else line for line in lines)
    )


@pytest.fixture(scope="module")
def table_maps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    folder = tmp_path_factory.mktemp("tables")
    return {
        "no sections": ["--map", str(write_chain(folder / "chain.yaml", 30))],
        "cjk": ["--map", str(cjk_map(folder / "cjk.yaml"))],
        "essay": [],
    }


@pytest.mark.slow
@pytest.mark.parametrize("command", [["list"], ["evaluate"], ["evaluate", "-g", "dfquad"]])
@pytest.mark.parametrize("which", ["no sections", "cjk", "essay"])
def test_a_table_shows_every_claim_whole_at_every_width(
    run: Run,
    monkeypatch: pytest.MonkeyPatch,
    table_maps: dict[str, list[str]],
    which: str,
    command: list[str],
) -> None:
    """The table the command builds, drawn at every width from 20 to 160: each claim's text
    is all there, wrapped, and no line is wider than the terminal (rich would crop it)."""
    from io import StringIO

    from rich.cells import cell_len
    from rich.console import Console

    from argmap.views.terminal import rich_views

    built: list[tuple[Callable[..., Any], tuple[Any, ...], dict[str, Any]]] = []
    for name in ("claims_table", "evaluation_table"):
        original = getattr(rich_views, name)

        def record(*args: Any, _builder: Callable[..., Any] = original, **kwargs: Any) -> Any:
            built.append((_builder, args, kwargs))
            return _builder(*args, **kwargs)

        monkeypatch.setattr(rich_views, name, record)
    texts = [
        claim["text"] for claim in json.loads(run(*table_maps[which], "list", "--json").stdout)["claims"]
    ]
    assert run(*table_maps[which], "-q", *command, terminal=True, width=80).exit_code == 0
    [(builder, args, kwargs)] = built
    for width in range(20, 161):
        console = Console(file=StringIO(), width=width, highlight=False, no_color=True, force_terminal=True)
        console.print(builder(*args, **{**kwargs, "width": width}))
        output = console.file.getvalue()  # type: ignore[attr-defined]
        assert max(cell_len(line) for line in plain(output).splitlines()) <= width, width
        shown = text_column(output)
        assert [text for text in texts if re.sub(r"\s", "", text) not in shown] == [], width


@pytest.mark.parametrize(
    ("args", "width"),
    [
        (["list"], 40),
        (["evaluate", "-g", "dfquad"], 32),
        (["list"], 22),
    ],
)
def test_a_narrow_terminal_run_shows_whole_texts(
    run: Run, table_maps: dict[str, list[str]], args: list[str], width: int
) -> None:
    """The same through the CLI on a terminal of that width (the table's width from COLUMNS)."""
    texts = [chain_text(number) for number in range(30)]
    output = run(*table_maps["no sections"], "-q", *args, terminal=True, width=width).stdout
    assert all(len(line) <= width for line in plain(output).splitlines())
    shown = text_column(output)
    assert [text for text in texts if re.sub(r"\s", "", text) not in shown] == []


def test_cjk_text_folds_in_the_table_instead_of_being_cut(run: Run, table_maps: dict[str, list[str]]) -> None:
    lines = plain(run(*table_maps["cjk"], "list", terminal=True, width=80).stdout).splitlines()
    assert not any("…" in line for line in lines)
    assert lines[3].startswith("┡") and lines[4].startswith("│ 论点  │ thesis │ 开头    │ 应该修建自行车道")


def test_a_long_list_on_a_terminal_is_written_as_plain_rows(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from argmap.views import output

    monkeypatch.setattr(output, "MAX_RICH_ROWS", 10)
    result = run("list", terminal=True)
    assert result.stdout.splitlines()[0].split() == ["ID", "KIND", "SECTION", "TEXT"]
    assert "┏" not in result.stdout
    assert "┏" in run("list", "--kind", "objection", terminal=True).stdout


def test_render_of_a_big_map_asks_for_force(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from argmap.views import drawing

    monkeypatch.setattr(drawing, "SLOW_DRAWING_CLAIMS", 10)
    path = write_chain(tmp_path / "chain.yaml", 40)
    out = tmp_path / "map.svg"
    result = run("--map", str(path), "render", "-o", str(out))
    assert result.exit_code == 2 and not out.exists()
    assert result.stderr == (
        "argmap: error: drawing 40 claims: Graphviz is slow on maps this size "
        "(about 40 seconds, with no progress shown); draw the part around one claim with "
        "`argmap render ID --depth N -o FILE`, or add --force to draw it all\n"
    )
    if shutil.which("dot") is None:
        pytest.skip("Graphviz is not installed")
    assert run("--map", str(path), "render", "c5", "--depth", "2", "-o", str(out)).exit_code == 0
    assert run("--map", str(path), "render", "-o", str(out), "--force").exit_code == 0


def test_json_output_is_unchanged_by_the_terminal(run: Run, chain61: Path) -> None:
    data = json.loads(run("--map", str(chain61), "tree", "--json", terminal=True, width=40).stdout)
    assert [row["id"] for row in data["rows"]] == [f"c{n}" for n in range(61)]


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (
            "claims:\n  - {id: a, kind: thesis, text: A, base_score: 2}\n  - {id: b, text: B, kind: claimm}\n",
            [
                "2:48: base_score in claim 'a' must be between 0 and 1",
                "3:28: unknown kind 'claimm' in claim 'b'; did you mean 'claim'?",
            ],
        ),
        (
            (
                "claims:\n  - {id: a, kind: thesis, text: A}\n  - {id: b, text: B, supports: [aa]}\n"
                "  - {id: c, text: C, attacks: [zz]}\n  - {id: a, text: again}\n"
            ),
            [
                "3:33: no claim has the id 'aa'; did you mean 'a'?",
                "4:32: no claim has the id 'zz'; check the spelling",
                "5:10: duplicate claim id 'a' (first used by claim 1); give each claim its own id",
            ],
        ),
    ],
)
def test_validation_reports_every_problem_located(
    run: Run, tmp_path: Path, document: str, expected: list[str]
) -> None:
    path = tmp_path / "draft.yaml"
    path.write_text(document, encoding="utf-8")
    result = run("--map", str(path), "tree")
    assert result.exit_code == 2
    assert result.stderr == "".join(f"argmap: error: {path}:{line}\n" for line in expected)


def test_every_problem_of_a_json_map_is_located(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "draft.json"
    nodes = [
        {"id": "a", "kind": "thesis", "text": "A", "base_score": 2},
        {"id": "b", "text": "B", "kind": "x"},
    ]
    document = {"format": "argmap", "version": 1, "nodes": nodes, "links": []}
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")
    lines = run("--map", str(path), "list").stderr.splitlines()
    assert len(lines) == 2
    assert lines[0].endswith("must be between 0 and 1 (at nodes[0].base_score)")
    assert "unknown kind 'x' in claim 'b' (at nodes[1].kind)" in lines[1]


def test_check_counts_an_unreadable_file_as_an_error(run: Run, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("claims: [\n", encoding="utf-8")
    text = run("check", "--map", str(broken))
    assert text.exit_code == 2 and text.stderr == ""
    assert text.stdout == (
        f"{broken}:2:1: AM100 error: not valid YAML: did not find expected node content "
        "(check the indentation and quoting here)\n1 error, 0 warnings in 1 file\n"
    )
    data = json.loads(run("check", "--map", str(broken), "--format", "json").stdout)
    assert (data["errors"], data["unusable"][0]["line"], data["unusable"][0]["code"]) == (1, 2, "AM100")
    github = run("check", "--map", str(broken), "--format", "github")
    assert github.exit_code == 2
    assert github.stdout == (
        f"::error file={broken},line=2,col=1,title=AM100 map cannot be read::"
        "not valid YAML: did not find expected node content (check the indentation and quoting here)\n"
    )


def test_global_options_work_after_the_command(run: Run, chain61: Path) -> None:
    after = run("list", "--map", str(chain61))
    assert after.exit_code == 0 and after.stdout == run("--map", str(chain61), "list").stdout
    assert run("tree", "c58", "-m", str(chain61)).stdout.splitlines()[0].startswith("■ [claim] c58:")
    stdin = run("list", "--map", "-", "--from", "yaml", input="claims:\n  - {id: a, kind: thesis, text: A}\n")
    assert stdin.stdout.splitlines()[1].split() == ["a", "thesis", "-", "A"]


def test_check_takes_map_paths_as_arguments(run: Run, tmp_path: Path, chain61: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("claims: [\n", encoding="utf-8")
    result = run("check", str(chain61), str(broken))
    assert result.exit_code == 2
    assert result.stdout.splitlines()[-1] == "1 error, 0 warnings in 2 files"
    assert run("check", "--map", str(chain61)).stdout == "0 errors, 0 warnings in 1 file\n"


def test_dash_output_is_stdout_and_convert_keeps_its_input(run: Run, tmp_path: Path, chain61: Path) -> None:
    exported = run("--map", str(chain61), "export", "--to", "yaml", "-o", "-")
    assert exported.exit_code == 0 and exported.stdout.startswith("claims:") and not Path("-").exists()
    before = chain61.read_bytes()
    result = run("convert", str(chain61), str(chain61.parent / "." / chain61.name))
    assert result.exit_code == 2 and chain61.read_bytes() == before
    assert result.stderr == (
        f"argmap: error: convert would write over its input {str(chain61)!r}; write to another file, then rename it\n"
    )


def test_export_of_an_id_is_what_its_tree_shows(run: Run, chain61: Path) -> None:
    data = json.loads(run("--map", str(chain61), "export", "c57", "--to", "json").stdout)
    assert [node["id"] for node in data["nodes"]] == ["c57", "c58", "c59", "c60"]


def test_a_map_without_a_thesis_shows_its_top_claims(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "imported.yaml"
    path.write_text("claims:\n  - {id: a, text: A}\n  - {id: b, text: B, supports: [a]}\n", encoding="utf-8")
    tree = run("--map", str(path), "tree")
    assert tree.stdout == "■ [claim] a: A\n└── + [claim] b: B\n"
    note = "argmap: note: no claim is a thesis (kind: thesis): showing the claims that support or attack nothing\n"
    assert tree.stderr == note
    evaluated = run("--map", str(path), "evaluate", "--tree", "--gradual", "dfquad")
    assert evaluated.stdout == "■ IN 0.750 [claim] a: A\n└── + IN 0.500 [claim] b: B\n"
    assert evaluated.stderr == note
    path.write_text(
        "claims:\n  - {id: a, text: A, supports: [b]}\n  - {id: b, text: B, supports: [a]}\n",
        encoding="utf-8",
    )
    cycle = run("--map", str(path), "tree")
    assert cycle.stdout.splitlines()[0] == "■ [claim] a: A"
    assert "every claim supports or attacks another: showing the tree of 'a'" in cycle.stderr
    quiet = run("--map", str(path), "-q", "tree")
    assert (quiet.stdout, quiet.stderr) == (cycle.stdout, "")


@pytest.mark.parametrize(
    "command",
    ["list", "show", "tree", "trace", "search", "check", "convert", "export", "render", "serve", "evaluate"],
)
def test_help_placeholders_say_what_to_give(run: Run, command: str) -> None:
    text = run(command, "--help").stdout
    assert re.search(r"<[a-z][^>]*>", text) is None, text


def test_shell_completion_is_offered(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    # typer finds the shell by walking up the process tree, which a test runner's worker may
    # not lead back to bash: the shell is fixed here, the script is typer's
    import typer.completion

    monkeypatch.setattr(typer.completion, "_get_shell_name", lambda: "bash")
    assert "--install-completion" in run("--help").stdout
    shown = run("--show-completion")
    assert shown.exit_code == 0
    assert "complete -o default -F _argmap_completion argmap" in shown.stdout


def test_the_readme_own_map_example_checks_clean(run: Run, tmp_path: Path) -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Writing your own map") :]
    example = section[section.index("```yaml\n") + 8 : section.index("```\n", section.index("```yaml"))]
    path = tmp_path / "lane.yaml"
    path.write_text(example, encoding="utf-8")
    assert run("check", str(path), "--strict").stdout == "0 errors, 0 warnings in 1 file\n"
    path.write_text(example.replace("attacks: [parking]", "attacks: [parkng]"), encoding="utf-8")
    assert run("tree", "--map", str(path)).stderr == (
        f"argmap: error: {path}:17:15: no claim has the id 'parkng'; did you mean 'parking'?\n"
    )
