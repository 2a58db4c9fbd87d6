"""Rendering with Graphviz: argument lists, clear errors, atomic writes, CJK fonts."""

from __future__ import annotations

import shutil
import subprocess
import warnings
from pathlib import Path
from typing import Any

import pytest

import argmap
from argmap.errors import MapError, MapWarning
from argmap.formats import dot
from argmap.views import drawing

GOLDEN = Path(__file__).parent / "golden"
needs_graphviz = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz (dot) is not installed")


@pytest.fixture(scope="module")
def awkward_dot() -> str:
    return dot.write(argmap.load(GOLDEN / "awkward.yaml"))


def test_missing_graphviz_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr("argmap.views.drawing.shutil.which", lambda name: None)
    with pytest.raises(MapError) as caught:
        drawing.render("digraph {}", tmp_path / "map.svg")
    error = caught.value
    assert "Graphviz is not installed" in error.message
    for advice in (
        "apt-get install graphviz",
        "brew install graphviz",
        "winget install graphviz",
        "--to dot",
    ):
        assert advice in (error.hint or "")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("name", "fmt"), [("map.jpg", None), ("map", None), ("map.svg", "gif")])
def test_unknown_formats_are_refused(name: str, fmt: str | None, tmp_path: Path) -> None:
    with pytest.raises(MapError) as caught:
        drawing.render("digraph {}", tmp_path / name, fmt=fmt)
    assert ".svg, .png or .pdf" in (caught.value.hint or "")


def test_unknown_engine_is_refused(tmp_path: Path) -> None:
    with pytest.raises(MapError) as caught:
        drawing.render("digraph {}", tmp_path / "map.svg", engine="rm -rf /")
    assert "dot, neato, sfdp" in (caught.value.hint or "")


def test_graphviz_runs_from_an_argument_list_without_a_shell(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls: list[tuple[Any, dict[str, Any]]] = []

    def fake_run(args: Any, **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
        calls.append((args, kwargs))
        return subprocess.CompletedProcess(args, 0, stdout=b"%PDF-1.5 fake", stderr=b"")

    monkeypatch.setattr("argmap.views.drawing.shutil.which", lambda name: f"/opt/graphviz bin/{name}")
    monkeypatch.setattr("argmap.views.drawing.subprocess.run", fake_run)
    target = drawing.render("digraph { a }", tmp_path / "out.PDF", engine="sfdp")
    [(args, kwargs)] = calls
    assert args == ["/opt/graphviz bin/sfdp", "-Tpdf"]
    assert kwargs["input"] == b"digraph { a }" and not kwargs.get("shell")
    assert target.read_bytes() == b"%PDF-1.5 fake"


@needs_graphviz
def test_graphviz_errors_keep_the_previous_drawing(tmp_path: Path) -> None:
    target = tmp_path / "map.svg"
    target.write_text("previous drawing")
    with pytest.raises(MapError) as caught:
        drawing.render('digraph { "a" -> }', target)
    assert "syntax error" in caught.value.message
    assert target.read_text() == "previous drawing"
    assert [p.name for p in tmp_path.iterdir()] == ["map.svg"]  # no temporary file left


@needs_graphviz
def test_graphviz_warnings_become_map_warnings(tmp_path: Path) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        drawing.render('digraph { "a" [shape="no-such-shape"] }', tmp_path / "map.svg")
    assert any(isinstance(w.message, MapWarning) and "Graphviz" in str(w.message) for w in caught)
    assert (tmp_path / "map.svg").exists()


@needs_graphviz
@pytest.mark.parametrize(("suffix", "magic"), [(".svg", b"<?xml"), (".png", b"\x89PNG"), (".pdf", b"%PDF")])
def test_each_format_is_drawn(suffix: str, magic: bytes, awkward_dot: str, tmp_path: Path) -> None:
    target = drawing.render(awkward_dot, tmp_path / f"map{suffix}")
    assert target.read_bytes().startswith(magic)


@needs_graphviz
@pytest.mark.parametrize("engine", ["neato", "sfdp"])
def test_other_engines(engine: str, awkward_dot: str, tmp_path: Path) -> None:
    if shutil.which(engine) is None:
        pytest.skip(f"{engine} is not installed")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MapWarning)  # neato and sfdp note that they ignore clusters
        target = drawing.render(awkward_dot, tmp_path / "map.svg", engine=engine)
    assert b"<svg" in target.read_bytes()


@needs_graphviz
def test_svg_keeps_the_text_and_names_a_cjk_font(awkward_dot: str, tmp_path: Path) -> None:
    svg = drawing.render(awkward_dot, tmp_path / "map.svg").read_text(encoding="utf-8")
    assert "工业互联网正在快速发展，是一股" in svg
    assert 'font-family="WenQuanYi Micro Hei,' in svg
    assert "C:\\path\\to and" in svg and "&lt;b&gt;not html&lt;/b&gt;" in svg


@needs_graphviz
def test_graphviz_finds_a_font_with_cjk_glyphs() -> None:
    """PNG and PDF need the glyphs on this machine: Debian's fonts-wqy-microhei provides them."""
    result = subprocess.run(
        ["dot", "-v", "-Tpng", "-o", "/dev/null"],
        input=f'digraph {{ node [fontname="{dot.DEFAULT_FONT}"]; "a" [label="工业"] }}'.encode(),
        capture_output=True,
        check=False,
    )
    resolved = [line for line in result.stderr.decode().splitlines() if "resolved to" in line]
    if not resolved or "WenQuanYi" not in resolved[0] and "CJK" not in resolved[0]:
        pytest.skip("no CJK font installed here (apt-get install fonts-wqy-microhei)")
    assert result.returncode == 0
