"""What each command reports, computed in one call from the map (or the files) it is given.

The CLI parses options and hands these results to a view; anything that decides what a
result holds lives here, so the library answers the same questions the commands do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from argmap.errors import MapError

if TYPE_CHECKING:
    from argmap.analysis.check import Finding
    from argmap.analysis.trace import Trace
    from argmap.analysis.tree import Row
    from argmap.argumentation import Evaluation
    from argmap.model import ArgumentMap
    from argmap.model.index import Index


def claim_report(amap: ArgumentMap, claim_id: str, map_path: str | Path | None) -> dict[str, Any]:
    """Everything about one claim (`describe`), and where its quote sits in the source text
    (the file as named from the working folder)."""
    from argmap.analysis.queries import describe, require
    from argmap.model.index import Index
    from argmap.model.source_text import quote_position, shown_path, source_file

    claim = require(amap, claim_id)
    info = describe(Index.of(amap), claim.id)
    position = quote_position(amap, map_path, claim.quote) if claim.quote else None
    if position is None:
        info["quote_at"] = None
        return info
    # a store keeps the text, and the file it was indexed from
    stored = amap.text_path() if hasattr(amap, "text_path") else None
    text_file = Path(stored) if stored else source_file(amap, map_path)
    file = shown_path(text_file, position[0]) if text_file is not None else position[0]
    info["quote_at"] = {"file": file, "line": position[1], "column": position[2]}
    return info


@dataclass(frozen=True)
class TreeReport:
    """Tree rows, the index their ids point into, each claim's label (if asked) and the
    JSON header that says what the tree is of."""

    index: Index
    rows: list[Row]
    labels: dict[str, str] | None
    header: dict[str, Any]
    #: Each claim's gradual score, when one was asked for.
    scores: dict[str, float | None] | None = None
    #: A line for the reader about what the tree is of (a map without a thesis).
    note: str | None = None


def tree_roots(index: Index) -> tuple[list[str], str | None]:
    """The roots of a whole-map tree, and a note when the map has no thesis to start from."""
    roots = index.roots()
    if index.theses():
        return roots, None
    if roots:
        return roots, "no claim is a thesis (kind: thesis): showing the claims that support or attack nothing"
    first = next(iter(index.claims), None)
    if first is None:
        return [], None
    return [
        first
    ], f"no claim is a thesis and every claim supports or attacks another: showing the tree of {first!r}"


def claim_tree(
    amap: ArgumentMap,
    claim_id: str | None,
    *,
    depth: int | None = None,
    direction: Literal["down", "up"] = "down",
    status: str | None = None,
) -> TreeReport:
    """The support/attack tree under ``claim_id`` (None: every thesis), labelled under ``status``."""
    from argmap.analysis.export import semantic_labels
    from argmap.analysis.queries import require
    from argmap.analysis.tree import build_tree
    from argmap.model.index import Index

    index = Index.of(amap)
    roots, note = ([require(amap, claim_id).id], None) if claim_id else tree_roots(index)
    rows = build_tree(index, roots, depth=depth, direction=direction)
    labels = semantic_labels(amap, status)
    return TreeReport(index, rows, labels, {"roots": roots, "direction": direction}, note=note)


def claim_chains(amap: ArgumentMap, claim_id: str, *, up: bool = False, limit: int | None = 100) -> Trace:
    """The support chains leading to ``claim_id`` (``up``: from it to the theses it serves)."""
    from argmap.analysis.queries import require
    from argmap.analysis.trace import trace
    from argmap.model.index import Index

    start = require(amap, claim_id).id  # the id as the map spells it (NFC)
    return trace(Index.of(amap), start, direction="up" if up else "down", limit=limit)


@dataclass(frozen=True)
class CheckReport:
    """The findings over several files, and the files that could not be used at all."""

    files: int
    findings: list[Finding] = field(default_factory=list)
    unusable: list[MapError] = field(default_factory=list)

    @property
    def errors(self) -> int:
        """Error findings, and each problem that made a file unusable."""
        return sum(f.severity == "error" for f in self.findings) + len(self.unreadable)

    @property
    def warnings(self) -> int:
        return sum(f.severity != "error" for f in self.findings)

    @property
    def unreadable(self) -> list[Finding]:
        """The problems of the unusable files, as AM100 findings."""
        from argmap.analysis.check import unreadable

        return [finding for error in self.unusable for finding in unreadable(error)]

    def exit_code(self, *, strict: bool = False) -> int:
        """0 clean, 1 findings (errors; warnings too when ``strict``), 2 an unusable file."""
        if self.unusable:
            return 2
        return 1 if self.errors or (strict and self.warnings) else 0


def check_files(
    targets: list[Any],
    *,
    fmt: str | None = None,
    max_bytes: int | None = None,
    member: str | None = None,
    refresh: bool = True,
) -> CheckReport:
    """Check every map in ``targets`` (None: the bundled map); an unusable one does not stop the rest.

    A store is checked through the map files it was indexed from (``member``: only that
    map's), so findings point into the files a user edits.
    """
    from argmap.analysis.check import check_file
    from argmap.formats import binary_format

    def files_of(target: Any) -> list[Any]:
        if target is None or binary_format(target, None) is None:
            return [target]  # not a store: the store package is never imported for it
        from argmap.store import source_files

        return source_files(target, member, refresh=refresh, max_bytes=max_bytes)

    targets = [t for target in targets for t in files_of(target)]
    report = CheckReport(len(targets))
    for target in targets:
        try:
            report.findings.extend(check_file(target, fmt=fmt, max_bytes=max_bytes))
        except MapError as error:  # noqa: PERF203
            report.unusable.append(error)
    return report


@dataclass(frozen=True)
class EvaluationReport:
    """An evaluation, the map it is of (None for a bare framework) and, if asked, its tree."""

    result: Evaluation
    amap: ArgumentMap | None = None
    tree: TreeReport | None = None


def evaluate_input(
    path: str | Path | None,
    *,
    fmt: str | None = None,
    max_bytes: int | None = None,
    semantics: str = "grounded",
    gradual: str | None = None,
    bipolar: bool = False,
    tree: bool = False,
    max_extensions: int | None = None,
    timeout: float | None = None,
    refresh: bool = True,
) -> EvaluationReport:
    """Evaluate the map or bare framework at ``path`` (None: the bundled map).

    A framework-only format (ICCMA, ASPARTIX) is evaluated as the framework it holds, which
    may have self-attacks that maps forbid, whether its format was named, told by the
    extension or recognised from the content. More than ``max_extensions`` extensions, or a
    solve stopped by ``timeout`` seconds, raise a `MapError` that names the tasks that cope.
    """
    from argmap.argumentation import evaluate, evaluate_framework
    from argmap.formats import load_map_or_framework
    from argmap.model import ArgumentMap

    amap = load_map_or_framework(path, fmt=fmt, max_bytes=max_bytes, refresh=refresh)
    if not isinstance(amap, ArgumentMap):
        return EvaluationReport(
            evaluate_framework(
                amap, semantics=semantics, gradual=gradual, max_extensions=max_extensions, timeout=timeout
            )
        )
    result = evaluate(
        amap,
        semantics=semantics,
        gradual=gradual,
        bipolar=bipolar,
        max_extensions=max_extensions,
        timeout=timeout,
    )
    if not tree:
        return EvaluationReport(result, amap)
    from argmap.analysis.tree import build_tree
    from argmap.model.index import Index

    index = Index.of(amap)
    roots, note = tree_roots(index)
    rows = build_tree(index, roots)
    scores = {claim_id: s.score for claim_id, s in result.claims.items()} if gradual else None
    header = {"semantics": result.semantics}
    return EvaluationReport(
        result, amap, TreeReport(index, rows, dict(result.labels), header, scores=scores, note=note)
    )
