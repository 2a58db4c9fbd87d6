"""Export and open times of the HTML view on synthetic maps.

    PYTHONPATH=src python benchmarks/bench_html.py [--sizes 1k,5k,10k] [--runs 3] [--data DIR]

Export: a fresh ``argmap --map map-N.yaml export -o map-N.html --status grounded`` process,
spawn to exit. Open: the system Chromium (driven by Playwright, no browser download) from
``page.goto`` of the file to the page's ready signal (``<html data-ready>``, set once the
outline is built, the search applied and the first drawing fitted). Each figure is the
median of ``--runs``; maps come from ``benchmarks/generate.py`` (made here when missing).
Prints a Markdown table for ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def ensure_map(data: Path, size: str) -> Path:
    path = data / f"map-{size}.yaml"
    if not path.exists():
        subprocess.run(
            [
                sys.executable,
                str(HERE / "generate.py"),
                "--sizes",
                size,
                "--out",
                str(data),
                "--formats",
                "yaml",
            ],
            check=True,
        )
    return path


def time_export(source: Path, target: Path) -> float:
    command = [sys.executable, "-m", "argmap", "--map", str(source), "export", "-o", str(target)]
    start = time.perf_counter()
    subprocess.run([*command, "--status", "grounded"], check=True, capture_output=True)
    return time.perf_counter() - start


def time_open(browser: Any, page_path: Path) -> float:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        start = time.perf_counter()
        page.goto(page_path.as_uri())
        page.wait_for_selector("html[data-ready]", timeout=120_000)
        return time.perf_counter() - start
    finally:
        page.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1k,5k,10k")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--data", type=Path, default=HERE / "data")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("bench_html: Chromium is not installed (apt-get install chromium)")
    args.data.mkdir(parents=True, exist_ok=True)
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium)
        for size in args.sizes.split(","):
            source = ensure_map(args.data, size)
            target = args.data / f"map-{size}.html"
            exports = [time_export(source, target) for _ in range(args.runs)]
            opens = [time_open(browser, target) for _ in range(args.runs)]
            megabytes = target.stat().st_size / 1e6
            rows.append((size, statistics.median(exports), statistics.median(opens), megabytes))
            print(
                f"{size}: export {rows[-1][1]:.2f} s, open {rows[-1][2]:.2f} s, {megabytes:.1f} MB",
                file=sys.stderr,
            )
        browser.close()
    print("| claims | export (s) | open to ready (s) | page size (MB) |")
    print("|---:|---:|---:|---:|")
    for size, export, opened, megabytes in rows:
        print(f"| {size} | {export:.2f} | {opened:.2f} | {megabytes:.1f} |")


if __name__ == "__main__":
    main()
