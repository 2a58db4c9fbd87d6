"""What each command prints: JSON when asked, rich on a terminal, plain text in a pipe.

rich is imported only when stdout is a terminal, so piped output and ``--json`` stay cheap.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap.errors import MapNote, warn
from argmap.progress import progress_step
from argmap.views.json_output import print_claims, print_json
from argmap.views.terminal import stdout_is_terminal, write_lines

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

    from argmap.analysis.reports import CheckReport, EvaluationReport, TreeReport
    from argmap.model import ArgumentMap


#: Longest table drawn with rich on a terminal; beyond it, rich's layout of every row costs
#: far more than reading the map, so the rows come as plain aligned columns.
MAX_RICH_ROWS = 2000


def say_error(message: str) -> None:
    sys.stderr.write(f"argmap: error: {message}\n")


def _print_rich(renderable: Any) -> None:
    from argmap.views.terminal import console

    console().print(renderable)


@progress_step("write")
def show_claims(amap: ArgumentMap, claims: Iterable[Any], words: Sequence[str], *, as_json: bool) -> None:
    """The claims ``list`` selected: JSON (written as they come), a rich table, or aligned columns."""
    if as_json:
        print_claims(claims)
        return
    found = list(claims)
    if stdout_is_terminal() and len(found) <= MAX_RICH_ROWS:
        from argmap.views.terminal import console
        from argmap.views.terminal.rich_views import claims_table

        title = f"{amap.meta.title or 'argument map'}: {len(found)} of {len(amap)} claims"
        out = console()
        out.print(claims_table(found, title=title, words=words, width=out.width))
    else:
        from argmap.views.terminal import plain

        rows = [(c.id, c.kind, c.section or "-", c.text) for c in found]
        write_lines(plain.table(("ID", "KIND", "SECTION", "TEXT"), rows))


@progress_step("write")
def show_claim(info: dict[str, Any], *, as_json: bool) -> None:
    """One claim's report (`claim_report`)."""
    if as_json:
        print_json(info)
        return
    from argmap.views.terminal import plain

    lines = list(plain.describe_lines(info))
    if stdout_is_terminal():
        from argmap.views.terminal.rich_views import describe_panel

        _print_rich(describe_panel(info, lines))
    else:
        write_lines(lines)


@progress_step("write")
def show_search(found: list[Any], words: list[str], *, as_json: bool) -> None:
    """The claims that contain all ``words``, matches highlighted (or given as spans)."""
    if as_json:
        claims = [search_match(c, words) for c in found]
        print_json({"words": words, "count": len(found), "claims": claims})
    elif stdout_is_terminal():
        from argmap.views.terminal.rich_views import search_results

        _print_rich(search_results(found, words))
    else:
        from argmap.views.terminal import plain

        write_lines(plain.search_lines(found, words))


def search_match(claim: Any, words: Sequence[str]) -> dict[str, Any]:
    """One claim ``search --json`` found, with the spans where the words occur."""
    from argmap.analysis.queries import find_spans

    return {
        "id": claim.id,
        "kind": claim.kind,
        "text": claim.text,
        "quote": claim.quote,
        "text_matches": find_spans(claim.text, words),
        "quote_matches": find_spans(claim.quote or "", words),
    }


@progress_step("write")
def show_tree(report: TreeReport, *, as_json: bool) -> None:
    """Tree rows as JSON, rich trees on a terminal, or plain guides when piped."""
    rows, labels, claims, scores = report.rows, report.labels, report.index.claims, report.scores
    if as_json:
        out_rows = [row.to_json() for row in rows]
        for item in out_rows:
            if labels is not None:
                item["status"] = labels.get(item["id"])
            if scores is not None:
                item["score"] = scores.get(item["id"])
        print_json({**report.header, "rows": out_rows})
        return
    if report.note:
        warn(report.note, category=MapNote)

    def status_of(row: Any) -> str | None:
        return None if labels is None else labels.get(row.id)

    def score_of(row: Any) -> float | None:
        return None if scores is None else scores.get(row.id)

    if stdout_is_terminal():
        from argmap.views.terminal import console
        from argmap.views.terminal.rich_views import tree_label, trees

        rich_labels = [tree_label(row, claims[row.id], status_of(row), score_of(row)) for row in rows]
        out = console()
        for renderable in trees(rows, rich_labels, out.width):
            out.print(renderable)
        return
    from argmap.views.terminal import plain

    write_lines(
        plain.tree_line(guide, plain.tree_label(row, claims[row.id], status_of(row), score_of(row)))
        for guide, row in zip(plain.tree_guides(rows), rows, strict=True)
    )


@progress_step("write")
def show_trace(result: Any, *, as_json: bool) -> None:
    """The support chains of a `Trace`."""
    if as_json:
        print_json(result.to_json())
    elif stdout_is_terminal():
        from argmap.views.terminal.rich_views import trace_view

        _print_rich(trace_view(result))
    else:
        from argmap.views.terminal import plain

        write_lines(plain.trace_lines(result))


@progress_step("write")
def show_check(report: CheckReport, output: str) -> None:
    """Findings as ``text`` (one line each and a summary), ``json`` or ``github`` annotations."""
    errors, warnings = report.errors, report.warnings
    if output == "json":
        unusable = [f.to_json() for f in report.unreadable]
        findings = [f.to_json() for f in report.findings]
        print_json({"findings": findings, "unusable": unusable, "errors": errors, "warnings": warnings})
        return
    # An unusable file's problems are AM100 findings, written like every other one.
    for finding in [*report.findings, *report.unreadable]:
        sys.stdout.write((finding.github() if output == "github" else finding.text()) + "\n")
    if output == "text":
        files = f"{report.files} file{'s' if report.files != 1 else ''}"
        sys.stdout.write(
            f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''} in {files}\n"
        )


@progress_step("write")
def show_evaluation(report: EvaluationReport, *, as_json: bool, bipolar: bool, scored: bool) -> None:
    """Labels (and scores) per claim: a table, the verdicts on the tree, or JSON."""
    from argmap.views.terminal.plain import STATUS_MARK

    result, amap = report.result, report.amap
    if report.tree is not None:
        show_tree(report.tree, as_json=as_json)
    elif as_json:
        print_json(result.to_json())
    elif amap is None:
        # A bare framework may hold self-attacks, which maps forbid: no claims, no tree.
        lines = [f"{s.id}  {STATUS_MARK[s.label]}" for s in result.claims.values()]
        if not result.extensions:
            lines.insert(0, f"no {result.semantics} extension")
        write_lines(lines)
    else:
        _evaluation_table(result, amap, bipolar=bipolar, scored=scored)


def _evaluation_table(result: Any, amap: ArgumentMap, *, bipolar: bool, scored: bool) -> None:
    from argmap.views.terminal.plain import STATUS_MARK

    summary = ", ".join(f"{count} {STATUS_MARK[label]}" for label, count in result.summary().items() if count)
    named = f"{result.semantics} semantics" if result.extensions else f"no {result.semantics} extension"
    title = f"{named}{' (bipolar)' if bipolar else ''}: {summary}"
    if result.gradual is not None and not result.gradual.converged:
        title += f"; {result.gradual.method} did not converge in {result.gradual.iterations} iterations"
    statuses = [(amap[claim_id], status) for claim_id, status in result.claims.items()]
    if stdout_is_terminal() and len(statuses) <= MAX_RICH_ROWS:
        from argmap.views.terminal import console
        from argmap.views.terminal.rich_views import evaluation_table

        out = console()
        out.print(evaluation_table(statuses, title=title, scored=scored, width=out.width))
        return
    from argmap.views.terminal import plain

    headers = ("ID", "KIND", "STATUS") + (("SCORE",) if scored else ()) + ("TEXT",)
    table_rows = [
        (claim.id, claim.kind, STATUS_MARK[status.label])
        + ((f"{status.score:.3f}",) if scored and status.score is not None else ("-",) if scored else ())
        + (claim.text,)
        for claim, status in statuses
    ]
    write_lines([title, *plain.table(headers, table_rows)])


@progress_step("write")
def write_document(document: str | Iterator[str], target: str | Path | None) -> None:
    """An exported document to ``target`` (atomically) or, for None, to stdout; streamed
    documents come as lines without their newlines."""
    if not isinstance(document, str):
        write_lines(document)
    elif target is None:
        sys.stdout.write(document)
    else:
        from argmap.files import write_atomic

        write_atomic(target, document)
