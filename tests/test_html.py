"""The HTML view: one self-contained page, checked as text and in a real browser."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

import argmap
from argmap.formats import get
from argmap.views.html import build_page, script_json
from argmap.views.legend import legend_html, with_legend
from browser_support import browser_or_skip, open_page

needs_graphviz = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz (dot) is not installed")

NASTY = [
    ("script-close", "Ends early? </script><script>window.pwned = 1</script>"),
    ("img-onerror", '<img src=x onerror="window.pwned = 2"> and \'quotes\' "double"'),
    ("backslash", "C:\\path\\n\\u2028 \\ trailing\\"),
    ("cjk", "工业互联网的发展是一股暗流，外人看不见。"),
    ("emoji", "Family 👨‍👩‍👧 flags 🇨🇳 and ✔︎ ok"),
    ("rtl", "النص العربي يقرأ من اليمين إلى اليسار"),
    ("separators", "line\u2028separator\u2029paragraph & ampersand <b>bold</b>"),
]


def nasty_map() -> argmap.ArgumentMap:
    claims: list[dict[str, Any]] = [
        {
            "id": "thesis",
            "kind": "thesis",
            "text": "</title><script>window.pwned = 3</script>",
            "tags": ["<i>tag</i>", "工业"],
            "section": "<b>section</b>",
        }
    ]
    for number, (name, text) in enumerate(NASTY):
        relation = "attacks" if number % 2 else "supports"
        claims.append({"id": name, "text": text, "quote": text, "tags": [text[:12]], relation: ["thesis"]})
    meta = {"title": 'Title </script><img src=x onerror=alert(1)> "q"'}
    return argmap.loads(yaml.safe_dump({"meta": meta, "claims": claims}, allow_unicode=True))


def hash_of(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


# --- the page as text ---------------------------------------------------------------------


def test_script_json_cannot_end_the_script_element() -> None:
    text = "</script><!-- & \u2028\u2029 >"
    encoded = script_json({"text": text})
    assert "<" not in encoded and ">" not in encoded and "&" not in encoded
    assert "\u2028" not in encoded and "\u2029" not in encoded
    assert json.loads(encoded) == {"text": text}


def test_the_page_is_self_contained_with_a_strict_policy() -> None:
    page = build_page(argmap.load(), draw=False)
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert csp is not None
    policy = csp.group(1)
    assert "default-src 'none'" in policy and "connect-src 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    style = re.search(r"<style>(.*?)</style>", page, re.DOTALL)
    scripts = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    assert style is not None and len(scripts) == 1
    assert hash_of(style.group(1)) in policy and hash_of(scripts[0]) in policy
    assert not re.search(r"<link\b|@import|url\((?!#)|\bsrc=|https?://(?!www\.w3\.org/)", page)


def test_nasty_text_never_becomes_markup() -> None:
    page = build_page(nasty_map(), draw=False)
    assert page.count("<script") == 2  # the data and the page's own script
    assert "<img" not in page and "<b>" not in page and "<i>tag" not in page
    data = re.search(r'<script type="application/json" id="argmap-data">(.*?)</script>', page, re.DOTALL)
    assert data is not None
    claims = {claim["id"]: claim for claim in json.loads(data.group(1))["claims"]}
    for name, text in NASTY:
        assert claims[name]["text"] == text


def test_an_empty_map_makes_a_page() -> None:
    assert "argmap-data" in build_page(argmap.loads("claims: []\n"))


@needs_graphviz
def test_every_claim_is_drawn_with_its_hook() -> None:
    amap = argmap.load()
    page = build_page(amap, semantics="grounded")
    drawn = re.findall(r'data-claim-id="([^"]+)" data-status="(in|out|undec)"', page)
    assert sorted(claim_id for claim_id, _ in drawn) == sorted(claim.id for claim in amap.claims)
    assert {status for _, status in drawn} >= {"in", "out"}
    assert "data-point=" in page and "data-from=" in page


def test_without_graphviz_the_page_says_so(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    page = build_page(argmap.load())
    assert '<svg class="graph"' not in page
    note = re.search(r'<p class="note" id="note">([^<]+)</p>', page)
    assert note is not None and "Graphviz is not installed" in note.group(1)


def test_legend_explains_kinds_relations_and_statuses() -> None:
    legend = legend_html(statuses=True)
    for key in ("thesis", "evidence", "objection", "rebuttal", "supports", "attacks", "undercuts"):
        assert f'data-legend-item="{key}"' in legend
    for key in ("linked", "contrasts", "in", "out", "undec"):
        assert f'data-legend-item="{key}"' in legend
    assert 'data-legend-item="in"' not in legend_html(statuses=False)


def test_the_legend_goes_into_render_dot_but_never_into_exported_dot() -> None:
    exported = get("dot").write(argmap.load())
    assert "cluster_legend" not in exported
    drawn = with_legend(exported, statuses=False)
    assert drawn.startswith(exported.rstrip()[:-1]) and drawn.endswith("}\n")
    assert drawn.count('"cluster_legend"') == 1 and '"_legend_attacks_a" ->' in drawn
    assert '"_legend_in"' in with_legend(exported, statuses=True)


@needs_graphviz
def test_graphviz_draws_the_legend(tmp_path: Path) -> None:
    from argmap.views.drawing import run_graphviz

    svg = run_graphviz(with_legend(get("dot").write(argmap.load()), statuses=True)).decode()
    assert ">Legend</text>" in svg and ">linked premises</text>" in svg


# --- in the browser -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from browser_or_skip()


def expect(locator: Any) -> Any:
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def page_file(tmp_path: Path, amap: argmap.ArgumentMap, **options: Any) -> str:
    target = tmp_path / "map.html"
    target.write_text(build_page(amap, **options), encoding="utf-8")
    return target.as_uri()


def visible_rows(page: Any) -> list[str]:
    return page.eval_on_selector_all(  # type: ignore[no-any-return]
        "#outline li", "items => items.filter(li => li.offsetParent !== null).map(li => li.dataset.claimId)"
    )


@needs_graphviz
def test_the_essay_page_works_offline(browser: Any, tmp_path: Path) -> None:
    amap = argmap.load()
    watched = open_page(browser, page_file(tmp_path, amap, semantics="grounded"))
    page = watched.page
    ids = {claim.id for claim in amap.claims}
    drawn = page.eval_on_selector_all("svg.graph [data-claim-id]", "gs => gs.map(g => g.dataset.claimId)")
    assert set(drawn) == ids and len(drawn) == len(ids)
    outlined = page.eval_on_selector_all("#outline li", "items => items.map(li => li.dataset.claimId)")
    assert set(outlined) == ids
    assert page.locator("[data-legend]").is_visible()
    assert page.locator("svg.graph [data-status='out']").count() > 0

    page.fill("input[type=search]", "THOUSAND MILES")
    expect(page.locator("#count")).to_have_text(re.compile("^3 of"))
    rows = set(visible_rows(page))
    assert {"thesis", "wider-view-fast", "overestimated"} <= rows and len(rows) < len(ids)
    assert page.locator("svg.graph [data-claim-id].dim").count() == len(ids) - 3

    page.fill("input[type=search]", "")
    page.click("svg.graph [data-claim-id='thesis']")
    panel = page.locator("[data-panel]")
    assert panel.is_visible()
    assert amap["thesis"].quote and amap["thesis"].quote in panel.inner_text()
    assert "in (grounded)" in panel.inner_text()
    panel.locator("a[data-claim-link='overestimated']").click()
    assert page.locator("[data-panel] code").inner_text() == "overestimated"
    assert "out" in panel.inner_text()

    page.select_option("#depth", "1")
    page.click("#focus-here")
    gone = page.eval_on_selector_all("svg.graph [data-claim-id].gone", "gs => gs.map(g => g.dataset.claimId)")
    near = ids - set(gone)
    assert "overestimated" in near and "thesis" in near and len(near) < 10
    page.click("#unfocus")
    assert page.locator("svg.graph [data-claim-id].gone").count() == 0
    assert watched.errors == [] and watched.requests == []


def test_nasty_text_stays_text_in_the_browser(browser: Any, tmp_path: Path) -> None:
    amap = nasty_map()
    watched = open_page(browser, page_file(tmp_path, amap))
    page = watched.page
    assert page.evaluate("window.pwned") is None
    assert page.locator("img, b, i").count() == 0
    assert page.title() == amap.meta.title
    for name, text in NASTY:
        page.click(f"#outline li[data-claim-id='{name}'] .text")
        assert page.evaluate("document.querySelector('[data-panel] .claim-text').textContent") == text
        assert page.evaluate("document.querySelector('[data-panel] .quote').textContent") == text
    for query, expected in (
        ("工业互联网", "cjk"),
        ("العربي", "rtl"),
        ("👨‍👩‍👧", "emoji"),
        ("EARLY? </SCRIPT>", "script-close"),
    ):
        page.fill("input[type=search]", query)
        expect(page.locator(f"#outline li.match[data-claim-id='{expected}']")).to_have_count(1)
        expect(page.locator("#count")).to_have_text(re.compile("^1 of"))
    assert page.evaluate("window.pwned") is None
    assert watched.errors == [] and watched.requests == []


def test_a_big_map_opens_on_the_outline_and_draws_neighbourhoods(browser: Any, tmp_path: Path) -> None:
    amap = argmap.load()
    watched = open_page(browser, page_file(tmp_path, amap, semantics="grounded", draw=False))
    page = watched.page
    page.click("#outline li[data-claim-id='overestimated'] .text")
    hood = page.eval_on_selector_all("svg.hood [data-claim-id]", "gs => gs.map(g => g.dataset.claimId)")
    assert "overestimated" in hood and "thesis" in hood and len(hood) < len(amap.claims)
    assert page.locator("svg.hood [data-claim-id='overestimated'][data-status='out']").count() == 1
    assert page.locator("svg.hood g.edge.attacks").count() > 0
    page.select_option("#depth", "1")
    smaller = page.locator("svg.hood [data-claim-id]").count()
    assert smaller < len(hood)
    page.click("svg.hood [data-claim-id='thesis']")
    assert page.locator("[data-panel] code").inner_text() == "thesis"
    assert watched.errors == [] and watched.requests == []


# --- the command line ---------------------------------------------------------------------


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "argmap", *args], capture_output=True, text=True, cwd=cwd, check=False
    )


def test_export_chooses_html_by_name_or_by_extension(tmp_path: Path) -> None:
    target = tmp_path / "map.html"
    done = cli("export", "-o", str(target), "--status", "grounded", "--gradual", "dfquad")
    assert done.returncode == 0, done.stderr
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '"gradual":"dfquad"' in page and '"status":"out"' in page
    around = cli("export", "--to", "HTML", "thesis", "--depth", "1")
    assert around.returncode == 0 and around.stdout.startswith("<!DOCTYPE html>")
    assert '"id":"thesis"' in around.stdout and '"id":"industrial-bm-hidden"' not in around.stdout
    refused = cli("export", "--gradual", "dfquad")
    assert refused.returncode == 2 and "--to html" in refused.stderr and "Traceback" not in refused.stderr


@needs_graphviz
def test_render_draws_the_legend_unless_asked_not_to(tmp_path: Path) -> None:
    with_it, without = tmp_path / "with.svg", tmp_path / "without.svg"
    assert cli("render", "-o", str(with_it)).returncode == 0
    assert cli("render", "-o", str(without), "--no-legend").returncode == 0
    assert ">Legend</text>" in with_it.read_text(encoding="utf-8")
    assert ">Legend</text>" not in without.read_text(encoding="utf-8")
