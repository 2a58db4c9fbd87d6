"""A real browser for the page tests: Playwright driving the system Chromium (never a download).

Tests that need it skip with the reason where Playwright or Chromium is absent. Every page
opened here records console errors, page errors and any request that is not the page's own
``file:``/``data:`` (or, for the live preview, the server's) URL; such requests are aborted.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

CHROMIUM = os.environ.get("ARGMAP_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def browser_or_skip() -> Iterator[Any]:
    """A launched Chromium for a module's tests, closed at the end."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Playwright is not installed (pip install '.[test]')")
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Watched:
    """A page and what went wrong on it."""

    page: Any
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


def open_page(browser: Any, url: str, *, allow: str = "", width: int = 1400, height: int = 900) -> Watched:
    """Open ``url`` and wait for the page's ready signal; requests off ``file:``/``data:`` (and
    off ``allow``, a URL prefix) are recorded and aborted."""
    page = browser.new_page(viewport={"width": width, "height": height})
    watched = Watched(page)

    def console(message: Any) -> None:
        if message.type == "error":
            watched.errors.append(message.text)

    page.on("console", console)
    page.on("pageerror", lambda error: watched.errors.append(str(error)))

    def check(route: Any) -> None:
        target = route.request.url
        if target.startswith(("file:", "data:")) or (allow and target.startswith(allow)):
            route.continue_()
        else:
            watched.requests.append(target)
            route.abort()

    page.route("**/*", check)
    page.goto(url)
    page.wait_for_selector("html[data-ready]", timeout=20_000)
    return watched
