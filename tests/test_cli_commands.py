"""export, render, convert and evaluate through the command line."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import argmap

Run = Callable[..., Any]  # the `run` fixture: the CLI in-process, a click Result back
Golden = Callable[[str, str], None]
import argmap.files


def test_export_defaults_to_dot_on_stdout(run: Run) -> None:
    result = run("export")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith('digraph "argmap" {')
    from argmap.formats import dot

    assert result.stdout == dot.write(argmap.load())


@pytest.mark.parametrize("fmt", ["dot", "mermaid"])
def test_a_streamed_drawing_on_stdout_is_the_document_write_makes(run: Run, tmp_path: Path, fmt: str) -> None:
    from argmap.formats import get
    from argmap.formats import yaml as yaml_format
    from argmap.model import validate

    claims: list[dict[str, Any]] = [{"id": "t", "kind": "thesis", "text": "The thesis."}]
    claims += [{"id": f"c{i}", "text": f"Reason {i}.", "supports": ["t"]} for i in range(7000)]
    amap = validate({"claims": claims})
    path = tmp_path / "big.yaml"
    path.write_text(yaml_format.write(amap), encoding="utf-8")
    expected = get(fmt, for_writing=True).load().write(amap)
    assert expected.count("\n") > 3 * 4096  # several chunks of streamed lines
    result = run("--map", str(path), "export", "--to", fmt)
    assert (result.exit_code, result.stdout) == (0, expected)


def test_export_format_follows_the_output_extension(run: Run, tmp_path: Path) -> None:
    for name, start in (
        ("m.dot", "digraph"),
        ("m.mmd", "%% "),
        ("m.json", "{"),
        ("m.yaml", "meta:"),
        ("m.graphml", "<?xml"),
    ):
        target = tmp_path / name
        result = run("export", "-o", str(target))
        assert result.exit_code == 0, result.stderr
        assert result.stdout == ""
        assert target.read_text(encoding="utf-8").startswith(start), name


def test_export_around_one_claim(run: Run) -> None:
    data = json.loads(run("export", "stagnation-view", "--depth", "1", "--to", "json").stdout)
    ids = {node["id"] for node in data["nodes"]}
    assert ids == {"stagnation-view", "overestimated", "stagnation-illusion", "larger-perspective"}


def test_export_errors(run: Run, tmp_path: Path) -> None:
    result = run("export", "-o", str(tmp_path / "map.pdf"))
    assert (result.exit_code, result.stderr) == (
        2,
        (
            f"argmap: error: cannot tell the export format from the file name '{tmp_path / 'map.pdf'}'; "
            f"to draw the map, use 'argmap render -o {tmp_path / 'map.pdf'}'; or give --to "
            "yaml|json|dot|graphml|mermaid|argdown|aif|iccma|apx\n"
        ),
    )
    assert run("export", "--to", "kialo").stderr == (
        "argmap: error: argmap cannot write the format 'kialo'; choose one of: "
        "yaml, json, dot, graphml, mermaid, argdown, aif, iccma, apx, html\n"
    )
    assert run("export", "--depth", "2").exit_code == 2
    assert run("export", "--to", "json", "--status", "grounded").exit_code == 2


def test_a_failed_export_keeps_the_previous_file(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "map.dot"
    target.write_text("previous\n", encoding="utf-8")
    result = run("export", "nope", "-o", str(target))
    assert result.exit_code == 2
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["map.dot"]


def test_export_with_status_colours_claims(run: Run) -> None:
    result = run("export", "--status", "grounded")
    assert result.exit_code == 0, result.stderr
    assert result.stdout != run("export").stdout


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz (dot) is not installed")
def test_render_svg(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "map.svg"
    result = run("render", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    svg = target.read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "</svg>" in svg


def test_render_without_graphviz_says_how_to_install_it(run: Run, tmp_path: Path) -> None:
    result = run("render", "-o", str(tmp_path / "map.svg"), env={"PATH": str(tmp_path)})
    assert result.exit_code == 2
    assert "apt-get install graphviz" in result.stderr and "brew install graphviz" in result.stderr
    assert not (tmp_path / "map.svg").exists()


def test_convert_round_trips(run: Run, tmp_path: Path) -> None:
    essay = argmap.load()
    for name in ("essay.json", "essay.argdown", "essay.aif"):
        out = tmp_path / name
        assert run("convert", str(argmap.files.bundled_map_path()), str(out)).exit_code == 0
        back = tmp_path / (name + ".yaml")
        result = run("convert", str(out), str(back), "--from", name.split(".")[1])
        assert result.exit_code == 0, result.stderr
        again = argmap.load(back)  # meta.source now points back at data/essay.txt
        assert again.meta.source != "essay.txt"
        assert again.claims == essay.claims, name


def test_convert_to_stdout_needs_a_format(run: Run) -> None:
    result = run("convert", str(argmap.files.bundled_map_path()), "-")
    assert result.exit_code == 2
    assert result.stderr.startswith("argmap: error: writing to stdout needs --to")


def test_every_command_reads_any_format(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "essay.argdown"
    run("convert", str(argmap.files.bundled_map_path()), str(out))
    result = run("--map", str(out), "trace", "thesis", "--limit", "1")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Support chains leading to thesis: 1 of 26")


def test_evaluate_the_essay(run: Run, golden: Golden) -> None:
    result = run("evaluate")
    assert result.exit_code == 0, result.stderr
    golden("cli/evaluate.txt", result.stdout)
    data = json.loads(run("evaluate", "--json", "--gradual", "dfquad").stdout)
    out = sorted(c["id"] for c in data["claims"] if c["label"] == "out")
    assert out == ["overestimated", "stagnation-view"]
    assert all(0.0 <= c["score"] <= 1.0 for c in data["claims"])
    tree = run("evaluate", "--tree").stdout.splitlines()
    assert tree[0].startswith("■ IN [thesis] thesis:")


def test_evaluate_errors(run: Run) -> None:
    result = run("evaluate", "--semantics", "bogus")
    assert (result.exit_code, result.stderr) == (
        2,
        (
            "argmap: error: unknown semantics 'bogus'; choose one of: grounded, complete, preferred, stable, "
            "semi-stable, stage, ideal\n"
        ),
    )


def test_evaluate_a_framework_file(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "cycle.af"
    path.write_text("p af 3\n1 2\n2 1\n2 3\n", encoding="utf-8")
    data = json.loads(run("--map", str(path), "evaluate", "--semantics", "preferred", "--json").stdout)
    assert sorted(map(sorted, data["extensions"])) == [["1", "3"], ["2"]]


@pytest.mark.parametrize("how", ["extension", "--from", "content"])
def test_a_framework_evaluates_the_same_however_its_format_is_told(
    run: Run, tmp_path: Path, how: str
) -> None:
    """A `p af` text is a bare framework (self-attacks allowed) as .af, with --from iccma or
    recognised by its content in a .txt file."""
    text = "p af 3\n1 1\n1 2\n2 3\n"  # 1 attacks itself: no map could hold it
    path = tmp_path / ("fw.af" if how == "extension" else "fw.txt")
    path.write_text(text, encoding="utf-8")
    told = ["--from", "iccma"] if how == "--from" else []
    result = run("--map", str(path), *told, "evaluate")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == "1  UNDEC\n2  UNDEC\n3  UNDEC\n"
    data = json.loads(run("--map", str(path), *told, "evaluate", "--json").stdout)
    assert {c["id"]: c["label"] for c in data["claims"]} == {"1": "undec", "2": "undec", "3": "undec"}


@pytest.mark.parametrize("json_slice", [10_000, 1, 3])
@pytest.mark.parametrize("score", [0.5, 1e-05])
def test_list_json_is_the_claims_dumped_by_alias(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, score: float, json_slice: int
) -> None:
    """The fast encoder (models serialised directly) and the stdlib one (below 1e-4) agree
    with ``model_dump(by_alias=True)`` byte for byte, nested models and floats included."""
    from argmap.views.json_output import claim_json

    path = tmp_path / "map.yaml"
    path.write_text(
        "claims:\n"
        "  - {id: t, kind: thesis, text: Thèse — 论点.}\n"
        "  - {id: a, text: A., supports: [t], tags: [x, y], base_score: '" + str(score) + "'}\n"
        "  - {id: b, text: B., linked: [{to: t, with: [a]}]}\n"
        "  - {id: o, kind: objection, text: O., attacks: [t], undercuts: [{from: a, to: t}]}\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(
        "argmap.views.json_output.JSON_SLICE", json_slice
    )  # written in slices of this many claims
    amap = argmap.load(path)
    expected = {"claims": [claim_json(c) for c in amap.claims], "count": 4}
    result = run("--map", str(path), "list", "--json")
    assert result.exit_code == 0
    assert result.stdout == json.dumps(expected, ensure_ascii=False, indent=2) + "\n"
    nothing = run("--map", str(path), "list", "--json", "--kind", "rebuttal")
    assert nothing.stdout == json.dumps({"claims": [], "count": 0}, indent=2) + "\n"
