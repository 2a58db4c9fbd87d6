"""`evaluate`'s ICCMA tasks: --limit, --count, --one and --accepts, in text and JSON.

The library does the work (`argmap.argumentation.asp`); this module picks the task, shows
progress on a terminal while a solve takes more than a second, and says what it found.
Exit codes: 0 with a full answer, 1 when --timeout stopped the solver first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from argmap.progress import progress_step

if TYPE_CHECKING:
    from collections.abc import Callable

    from argmap.argumentation.framework import Framework


@dataclass(frozen=True)
class Task:
    """What `evaluate` was asked beyond the labels."""

    limit: int | None = None
    count: bool = False
    one: bool = False
    accepts: str | None = None
    sceptical: bool = False
    timeout: float | None = None

    @property
    def asked(self) -> bool:
        return self.limit is not None or self.count or self.one or self.accepts is not None


def run(
    framework: Framework,
    semantics: str,
    bipolar: bool,
    task: Task,
    *,
    as_json: bool,
) -> int:
    """Solve ``task`` on ``framework``, print the answer, return the exit code."""
    from argmap.argumentation import asp

    semantics = asp.semantics_name(semantics)
    asked = [task.limit is not None, task.count, task.one, task.accepts is not None]
    if sum(asked) > 1:
        from argmap.errors import MapError

        raise MapError("--limit, --count, --one and --accepts are separate tasks", hint="give one of them")
    progress = None if as_json else _progress()
    data: dict[str, Any] = {"semantics": semantics, "bipolar": bipolar}
    job = _Job(framework, semantics, task, progress, data)
    try:
        if task.accepts is not None:
            lines, timed_out = _acceptance(job)
        elif task.count:
            result = asp.count_extensions(framework, semantics, timeout=task.timeout, progress=progress)
            data.update(task="count", count=result.count, exact=result.exact, timed_out=result.timed_out)
            bound = "" if result.exact else "at least "
            lines, timed_out = [f"{bound}{_extensions(result.count, semantics)}"], result.timed_out
        else:
            lines, timed_out = _enumeration(job)
    finally:
        if progress is not None:
            progress(-1.0, 0)
    if timed_out:
        lines.append(f"stopped by --timeout {task.timeout:g}: the answer above is what was found so far")
    _show(lines, data, as_json=as_json)
    return 1 if timed_out else 0


@progress_step("write")
def _show(lines: list[str], data: dict[str, Any], *, as_json: bool) -> None:
    if as_json:
        from argmap.views.json_output import print_json

        print_json(data)
    else:
        from argmap.views.terminal import write_lines

        write_lines(lines)


@dataclass(frozen=True)
class _Job:
    """One task on one framework, and the JSON answer it fills in."""

    framework: Framework
    semantics: str
    task: Task
    progress: Callable[[float, int], None] | None
    data: dict[str, Any]


def _enumeration(job: _Job) -> tuple[list[str], bool]:
    from argmap.argumentation import asp

    task, semantics = job.task, job.semantics
    if task.one:
        search = asp.one_extension(job.framework, semantics, timeout=task.timeout, progress=job.progress)
    else:
        search = asp.enumerate_extensions(
            job.framework, semantics, limit=task.limit, timeout=task.timeout, progress=job.progress
        )
    job.data.update(
        task="one" if task.one else "enumerate",
        extensions=[sorted(e) for e in search.extensions],
        exists=search.exists,
        exhausted=search.exhausted,
        timed_out=search.timed_out,
    )
    if search.exists is False:
        return [f"no {semantics} extension"], False
    lines = [_set(e) for e in search.extensions] or [f"no {semantics} extension found before the timeout"]
    if not task.one and not search.exhausted and not search.timed_out:
        lines.append(f"(the first {len(lines)}; there are more: --count counts them)")
    return lines, search.timed_out


def _acceptance(job: _Job) -> tuple[list[str], bool]:
    from argmap.argumentation import asp

    framework, task = job.framework, job.task

    assert task.accepts is not None
    accepts = task.accepts
    if accepts not in _names(framework):
        from argmap.model import normalize_id

        accepts = normalize_id(accepts)  # a map's ids are in NFC; a bare framework's names as written
    if accepts not in _names(framework):
        from argmap.errors import MapError, suggest_id

        raise MapError(
            f"no argument has the id {task.accepts!r}", hint=suggest_id(task.accepts, framework.arguments)
        )
    answer = asp.acceptance(
        framework,
        job.semantics,
        accepts,
        sceptical=task.sceptical,
        timeout=task.timeout,
        progress=job.progress,
    )
    witness = None if answer.witness is None else sorted(answer.witness)
    job.data.update(
        task="accepts",
        argument=answer.argument,
        mode=answer.mode,
        accepted=answer.accepted,
        witness=witness,
        exists=answer.exists,
        timed_out=answer.timed_out,
    )
    if answer.accepted is None:
        return [f"unknown: no answer for {answer.argument} within the timeout"], True
    verdict = "yes" if answer.accepted else "no"
    line = f"{verdict}: {answer.argument} is {'' if answer.accepted else 'not '}{answer.mode}ly accepted"
    line += f" under {job.semantics}"
    if answer.witness is not None:
        kind = "witness" if answer.accepted else "counter-example"
        line += f"; {kind}: {_set(answer.witness)}"
    elif answer.exists is False:
        line += f" (vacuously: no {job.semantics} extension)"
    return [line], False


def _names(framework: Framework) -> set[str]:
    return set(framework.arguments)


def _set(extension: frozenset[str]) -> str:
    return "{" + ", ".join(sorted(extension)) + "}"


def _extensions(count: int, semantics: str) -> str:
    return f"{count} {semantics} extension{'s' * (count != 1)}"


def _progress() -> Callable[[float, int], None] | None:
    """A one-line progress report on stderr, only when stderr is a terminal."""
    from argmap.views.terminal import status_line

    status = status_line()
    if status is None:
        return None
    shown = [False]

    def report(seconds: float, found: int) -> None:
        if seconds < 0:
            if shown[0]:
                status("")
            return
        shown[0] = True
        status(f"solving… {seconds:.0f} s, {found} found")

    return report
