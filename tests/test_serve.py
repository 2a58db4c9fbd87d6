"""The live preview: its own page and stream only, following the file, in a real browser."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from argmap.files import bundled_map_path
from argmap.views.serve import Preview, PreviewServer, make_server, stop, url_of
from browser_support import browser_or_skip, open_page

MAP = """\
meta:
  title: Live
claims:
  - id: root
    kind: thesis
    text: The first version of the root.
    quote: nothing in particular
  - id: reason
    text: A reason for the root.
    supports: [root]
"""


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[Path, Preview, PreviewServer]]:
    path = tmp_path / "map.yaml"
    path.write_text(MAP, encoding="utf-8")
    preview = Preview(path)
    server = make_server(preview, "127.0.0.1", 0)
    threads = [
        threading.Thread(target=preview.watch, args=(0.1,), daemon=True),
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True),
    ]
    for thread in threads:
        thread.start()
    yield path, preview, server
    server.shutdown()
    stop(preview, server)


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_only_the_page_is_served(live: tuple[Path, Preview, PreviewServer]) -> None:
    _, _, server = live
    url = url_of(server)
    assert url.startswith("http://127.0.0.1:")
    status, body = fetch(url)
    assert status == 200 and b"The first version of the root." in body and b"connect-src 'self'" in body
    for other in (
        "map.yaml",
        "../map.yaml",
        "%2e%2e/map.yaml",
        "etc/passwd",
        "events/../map.yaml",
        "static/",
    ):
        status, body = fetch(url + other)
        assert status == 404 and b"root" not in body, other


def test_the_bundled_map_is_the_default() -> None:
    assert Preview(None).path == bundled_map_path()


def test_a_broken_file_keeps_the_last_good_page(live: tuple[Path, Preview, PreviewServer]) -> None:
    path, preview, _ = live
    good = preview.page
    path.write_text(MAP.replace("kind: thesis", "kind: thesys"), encoding="utf-8")
    assert preview.refresh()
    assert preview.page == good and preview.error is not None
    assert f"{path}:5:11" in preview.error and "thesis" in preview.error
    path.write_text(MAP.replace("first", "second"), encoding="utf-8")
    assert preview.refresh() and preview.error is None and b"second version" in preview.page


def test_a_broken_file_at_start_shows_its_error(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text("claims: [\n", encoding="utf-8")
    preview = Preview(path)
    assert preview.error is not None and str(path) in preview.error and preview.page


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from browser_or_skip()


def test_the_open_page_follows_the_file(browser: Any, live: tuple[Path, Preview, PreviewServer]) -> None:
    from playwright.sync_api import expect

    path, _, server = live
    url = url_of(server)
    watched = open_page(browser, url, allow=url)
    page = watched.page
    page.fill("input[type=search]", "root")
    page.click("#outline li[data-claim-id='root'] .text")
    expect(page.locator("[data-panel] .quote")).to_have_text("nothing in particular")

    path.write_text(MAP.replace("first", "second"), encoding="utf-8")
    expect(page.locator("[data-panel] .claim-text")).to_have_text(
        "The second version of the root.", timeout=5000
    )
    expect(page.locator("input[type=search]")).to_have_value("root")
    assert page.locator("#banner").is_hidden()

    path.write_text(MAP.replace("supports: [root]", "supports: [rot]"), encoding="utf-8")
    banner = page.locator("#banner")
    expect(banner).to_be_visible(timeout=5000)
    expect(banner).to_contain_text(f"{path}:10:16")
    expect(banner).to_contain_text("root")
    expect(page.locator("[data-panel] .claim-text")).to_have_text("The second version of the root.")

    path.write_text(MAP.replace("first", "third"), encoding="utf-8")
    expect(page.locator("[data-panel] .claim-text")).to_have_text(
        "The third version of the root.", timeout=5000
    )
    expect(banner).to_be_hidden()
    assert watched.errors == [] and watched.requests == []


def test_the_command_serves_until_ctrl_c(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(MAP, encoding="utf-8")
    command = [
        sys.executable,
        "-m",
        "argmap",
        "--map",
        str(path),
        "serve",
        "--port",
        "0",
        "--host",
        "0.0.0.0",
    ]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr is not None
        lines = [process.stderr.readline(), process.stderr.readline()]
        assert "anyone who can reach this machine" in lines[0]
        url = re.search(r"http://\S+/", lines[1])
        assert url is not None
        status, body = fetch(url.group(0).replace("0.0.0.0", "127.0.0.1"))
        assert status == 200 and b"The first version of the root." in body
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
        assert "Traceback" not in process.stderr.read()
    finally:
        process.kill()
