"""Drawing a DOT document to SVG, PNG or PDF with Graphviz.

Graphviz is an optional, external program: it is found on ``PATH`` and run with an argument
list (never through a shell), the DOT text on its standard input. Its absence, its errors
and a failed write are `MapError`s; the output file is replaced atomically, so a failure
leaves the previous drawing as it was.
"""

from __future__ import annotations

import math
import shutil
import subprocess
from pathlib import Path

from argmap.errors import MapError, warn
from argmap.progress import progress_step

FORMATS = ("svg", "png", "pdf")
ENGINES = ("dot", "neato", "sfdp")
INSTALL_HINT = (
    "install it: apt-get install graphviz (Debian/Ubuntu), brew install graphviz (macOS), "
    "winget install graphviz (Windows); or export DOT with `argmap export --to dot`"
)


def output_format(output: str | Path, fmt: str | None = None) -> str:
    """The Graphviz output format: ``fmt`` if given, else the file's suffix."""
    chosen = (fmt or Path(output).suffix.lstrip(".")).lower()
    if chosen not in FORMATS:
        what = f"the format {fmt!r}" if fmt else f"the file name {Path(output).name!r}"
        raise MapError(f"cannot draw {what}", hint="name the drawing .svg, .png or .pdf")
    return chosen


def run_graphviz(
    dot_text: str, *, fmt: str = "svg", engine: str = "dot", timeout: float | None = None
) -> bytes:
    """The drawing's bytes; Graphviz's warnings become `MapWarning`s, its errors a `MapError`."""
    if engine not in ENGINES:
        raise MapError(f"unknown Graphviz engine {engine!r}", hint="choose one of: " + ", ".join(ENGINES))
    executable = shutil.which(engine)
    if executable is None:
        raise MapError(f"Graphviz is not installed (no {engine!r} program on PATH)", hint=INSTALL_HINT)
    try:
        result = subprocess.run(
            [executable, f"-T{fmt}"],
            input=dot_text.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise MapError(
            f"Graphviz ({engine}) took longer than {timeout:g} s",
            hint="draw a part of the map (ID --depth N) or try --engine sfdp",
        ) from None
    except OSError as exc:
        raise MapError(
            f"cannot run Graphviz ({executable}): {exc.strerror or exc}", hint=INSTALL_HINT
        ) from None
    messages = [
        line.strip() for line in result.stderr.decode("utf-8", "replace").splitlines() if line.strip()
    ]
    if result.returncode != 0 or not result.stdout:
        detail = "; ".join(messages[:3]) or f"exit status {result.returncode}"
        raise MapError(
            f"Graphviz ({engine}) could not draw the map: {detail}",
            hint="check the DOT with `argmap export --to dot`; report it if argmap wrote it",
        )
    for message in messages:
        warn(f"Graphviz: {message}")
    return result.stdout


def render(
    dot_text: str,
    output: str | Path,
    *,
    engine: str = "dot",
    fmt: str | None = None,
    timeout: float | None = None,
) -> Path:
    """Draw ``dot_text`` into ``output`` (format from its suffix unless ``fmt``); returns the path.

    Nothing is written unless Graphviz succeeds, and then through a temporary file and a
    rename, so an existing drawing is never left half-written.
    """
    from argmap.files import write_atomic

    chosen = output_format(output, fmt)
    with progress_step("draw", engine):
        data = run_graphviz(dot_text, fmt=chosen, engine=engine, timeout=timeout)
        write_atomic(output, data)
    return Path(output)


#: Claims above which Graphviz's layout takes seconds to minutes (it grows faster than the
#: map: see `drawing_seconds`); ``render`` asks for ``--force`` beyond it.
SLOW_DRAWING_CLAIMS = 2000


def drawing_seconds(claims: int) -> float:
    """A rough estimate of Graphviz's ``dot`` time for a tree-like map of ``claims`` claims,
    fitted to runs of 1k–4k claims and a 100k one (benchmarks/RESULTS.md)."""
    ratio: float = claims / SLOW_DRAWING_CLAIMS
    return 5.0 * ratio * math.sqrt(ratio)


def refuse_slow_drawing(claims: int) -> None:
    """A `MapError` for a drawing Graphviz would take long over, with the estimate and the
    way to draw a part; ``render --force`` skips it."""
    if claims <= SLOW_DRAWING_CLAIMS:
        return
    seconds = drawing_seconds(claims)
    estimate = f"about {seconds / 60:.0f} minutes" if seconds >= 120 else f"about {seconds:.0f} seconds"
    raise MapError(
        f"drawing {claims:,} claims: Graphviz is slow on maps this size ({estimate}, with no progress shown)",
        hint="draw the part around one claim with `argmap render ID --depth N -o FILE`, "
        "or add --force to draw it all",
    )
