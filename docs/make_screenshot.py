"""Make ``docs/essay-page.png``: the essay map's HTML page, as the README shows it.

    PYTHONPATH=src python docs/make_screenshot.py

Builds the page with grounded statuses, opens it in the system Chromium (Playwright, no
browser download), picks the thesis (details panel) and focuses on it and its neighbours, and saves the screenshot.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import argmap
from argmap.views.html import build_page

TARGET = Path(__file__).resolve().parent / "essay-page.png"


def main() -> None:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("make_screenshot: Chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as folder:
        page_path = Path(folder) / "essay.html"
        page_path.write_text(build_page(argmap.load(), semantics="grounded"), encoding="utf-8")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium)
            page = browser.new_page(viewport={"width": 1440, "height": 860}, device_scale_factor=1)
            page.goto(page_path.as_uri() + "#claim=thesis")
            page.wait_for_selector("html[data-ready]")
            page.select_option("#depth", "1")
            page.click("#focus-here")
            page.screenshot(path=str(TARGET))
            browser.close()
    print(TARGET)


if __name__ == "__main__":
    main()
