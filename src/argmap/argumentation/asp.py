"""Extensions by answer-set solving: clingo runs the encodings in ``encodings/``.

Grounded stays the linear-time labelling (`argmap.argumentation.grounded`); every other semantics
is a small ASP program written from its definition (conflict-freeness, defence, range), one
``.lp`` resource each, solved by clingo (Potassco). Subset-maximality (preferred, and the
range-maximality of semi-stable and stage) comes from clingo's domain heuristic with
``--enum-mode=domRec``, as in the ASPARTIX-V encodings; the encodings say why.

clingo is imported only here, and only when something is solved, so the commands that never
solve do not pay for it. Arguments and attacks reach clingo as integer facts (``arg(0..n-1).``
and ``att(i,j).``): parsing them is the cheap part of grounding.

Every task runs under a `Budget`: a deadline (``timeout``) and a progress callback, checked
between short waits on clingo's asynchronous solve handle, so a timeout or Ctrl-C stops the
search at once (the handle is cancelled on the way out) and says what was found so far.

Tasks, as ICCMA names them: enumerate (`enumerate_extensions`, with a limit), count
(`count_extensions`), one extension (`one_extension`), credulous and sceptical acceptance
(`acceptance`, with a witness or a counter-example).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

from argmap.argumentation.grounded import grounded_codes
from argmap.argumentation.names import SEMANTICS, semantics_name

if TYPE_CHECKING:
    from argmap.argumentation.framework import Framework

__all__ = [
    "SEMANTICS",
    "Acceptance",
    "Budget",
    "Count",
    "Search",
    "acceptance",
    "count_extensions",
    "enumerate_extensions",
    "one_extension",
    "semantics_name",
]

#: Semantics whose extensions are the maximal models under ``--enum-mode=domRec``.
_MAXIMAL = {"preferred", "semi-stable", "stage", "ideal"}
#: Semantics whose domRec models are maximal ranges, each then expanded to its extensions.
_BY_RANGE = {"semi-stable", "stage"}
_WAIT = 0.05  # seconds between checks of the deadline, progress and Ctrl-C


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Search:
    """Extensions found, in the solver's order; ``exhausted`` when no other one exists."""

    semantics: str
    extensions: list[frozenset[str]]
    exhausted: bool
    timed_out: bool = False

    @property
    def exists(self) -> bool | None:
        """Whether the semantics has an extension at all (None: the search stopped first)."""
        if self.extensions:
            return True
        return False if self.exhausted else None


@dataclass(frozen=True)
class Count:
    """How many extensions; ``exact`` is False when a timeout stopped the count (a lower bound)."""

    semantics: str
    count: int
    exact: bool
    timed_out: bool = False


@dataclass(frozen=True)
class Acceptance:
    """Is ``argument`` accepted (credulously: in some extension; sceptically: in all)?

    ``witness`` shows the answer where one extension can: for a credulous yes an extension
    holding the argument, for a sceptical no one without it (a counter-example). ``accepted``
    is None when a timeout came first. A sceptical yes with ``exists`` False is vacuous: the
    semantics has no extension (stable on an odd cycle).
    """

    semantics: str
    argument: str
    mode: str
    accepted: bool | None
    witness: frozenset[str] | None
    exists: bool | None = None
    timed_out: bool = False


class SolverTimeout(Exception):
    """Raised inside the search when the budget's deadline passes."""


class Budget:
    """A deadline and a progress callback ``progress(seconds, found)``, both optional.

    ``progress`` is called between waits once a solve has taken ``quiet`` seconds, so short
    runs print nothing.
    """

    def __init__(
        self,
        timeout: float | None = None,
        progress: Callable[[float, int], None] | None = None,
        *,
        quiet: float = 1.0,
    ) -> None:
        self.start = time.monotonic()
        self.deadline = None if timeout is None else self.start + timeout
        self.progress = progress
        self.quiet = quiet
        self.found = 0

    def check(self) -> None:
        now = time.monotonic()
        if self.deadline is not None and now >= self.deadline:
            raise SolverTimeout
        if self.progress is not None and now - self.start >= self.quiet:
            self.progress(now - self.start, self.found)

    def wait(self) -> float:
        if self.deadline is None:
            return _WAIT
        return max(0.0, min(_WAIT, self.deadline - time.monotonic()))


# --------------------------------------------------------------------------- clingo


def _encoding(name: str) -> str:
    """The text of ``encodings/<name>.lp`` with its ``#include`` lines inlined (no file paths)."""
    folder = resources.files("argmap.argumentation").joinpath("encodings")
    text = folder.joinpath(f"{name}.lp").read_text(encoding="utf-8")
    return re.sub(
        r'^#include "([a-z-]+)\.lp"\.$',
        lambda include: _encoding(include.group(1)),
        text,
        flags=re.MULTILINE,
    )


def _facts(framework: Framework) -> str:
    n = len(framework)
    head = f"arg(0..{n - 1})." if n else ""
    return head + "".join(map("att({},{}).".format, framework.sources, framework.targets))


def _control(framework: Framework, encoding: str, *, maximal: bool, extra: str = "") -> Any:
    """A grounded clingo control for ``encoding`` on the framework (domRec when ``maximal``)."""
    import clingo

    options = ["--models=0"]
    if maximal:
        options += ["--heuristic=Domain", "--enum-mode=domRec"]
    control = clingo.Control(options, logger=lambda code, message: None)
    control.add("base", [], _facts(framework) + extra + _encoding(encoding))
    control.ground([("base", [])])
    return control


def _atom(name: str, argument: int) -> Any:
    import clingo

    return clingo.Function(name, [clingo.Number(argument)])


def _models(
    control: Any, budget: Budget, assumptions: Sequence[tuple[Any, bool]] = ()
) -> Generator[frozenset[int], None, None]:
    """Each model's ``in/1`` arguments; the solve is cancelled if the caller stops early."""
    with control.solve(assumptions=list(assumptions), yield_=True, async_=True) as handle:
        while True:
            handle.resume()
            while not handle.wait(budget.wait()):
                budget.check()
            model = handle.model()
            if model is None:
                return
            budget.found += 1
            yield frozenset(symbol.arguments[0].number for symbol in model.symbols(shown=True))


def _first(
    control: Any, budget: Budget, assumptions: Sequence[tuple[Any, bool]] = ()
) -> frozenset[int] | None:
    """The first model, or None; the solve handle is closed before returning."""
    with closing(_models(control, budget, assumptions)) as models:
        return next(models, None)


def _range(framework: Framework, members: Iterable[int]) -> set[int]:
    children = framework.children
    reach = set(members)
    for a in list(reach):
        reach.update(children[a])
    return reach


def _grounded(framework: Framework) -> frozenset[int]:
    codes = grounded_codes(framework)
    return frozenset(i for i, code in enumerate(codes) if code == 1)


def _residual(framework: Framework) -> tuple[Framework, list[int]]:
    """The grounded-undecided arguments and the attacks among them, and their old indices.

    For every semantics built on complete extensions, the extensions are the grounded
    extension joined with the extensions of this residual framework: a grounded-IN argument
    is in every complete extension, a grounded-OUT one is attacked by it, and no undecided
    argument is attacked by a grounded-IN one. So clingo only sees the undecided part, which
    on sparse frameworks is a small fraction. Stage (conflict-free based) does not split.
    """
    codes = grounded_codes(framework)
    undecided = [i for i, code in enumerate(codes) if code == 4]
    position = {old: new for new, old in enumerate(undecided)}
    sources: list[int] = []
    targets: list[int] = []
    for s, t in zip(framework.sources, framework.targets, strict=True):
        if s in position and t in position:
            sources.append(position[s])
            targets.append(position[t])
    names = [framework.arguments[i] for i in undecided]
    return type(framework).from_indices(names, sources, targets), undecided


def _extensions(
    framework: Framework, semantics: str, budget: Budget
) -> Generator[frozenset[int], None, None]:
    """Every extension of a canonical ``semantics``, each once, in the solver's order."""
    if semantics == "grounded":
        yield _grounded(framework)
        return
    if semantics in _BY_RANGE and _exists(framework, "stable", budget):
        # the widest ranges are then the full ones: the stable extensions
        semantics = "stable"
    if semantics == "stage":
        yield from _solve(framework, semantics, budget)
        return
    core = _grounded(framework)
    residual, undecided = _residual(framework)
    if not undecided:
        yield core
        return
    for extension in _solve(residual, semantics, budget):
        yield core.union([undecided[i] for i in extension])


def _exists(framework: Framework, semantics: str, budget: Budget) -> bool:
    with closing(_extensions(framework, semantics, budget)) as extensions:
        return next(extensions, None) is not None


def _solve(framework: Framework, semantics: str, budget: Budget) -> Generator[frozenset[int], None, None]:
    if semantics == "ideal":
        yield _ideal(framework, budget)
        return
    control = _control(framework, semantics, maximal=semantics in _MAXIMAL)
    if semantics not in _BY_RANGE:
        yield from _models(control, budget)
        return
    # domRec reports each maximal range once; every extension with that range is wanted
    expand = _control(framework, semantics, maximal=False)
    for first in _models(control, budget):
        widest = _range(framework, first)
        yield from _models(expand, budget, [(_atom("range", a), True) for a in widest])


def _ideal(framework: Framework, budget: Budget) -> frozenset[int]:
    """The largest admissible subset of the intersection of the preferred extensions.

    The intersection always holds the grounded extension and the ideal one lies between the
    two, so the enumeration of preferred extensions stops once the intersection has shrunk to
    the grounded extension.
    """
    grounded = _grounded(framework)
    common: frozenset[int] | None = None
    for extension in _models(_control(framework, "preferred", maximal=True), budget):
        common = extension if common is None else common & extension
        if common == grounded:
            return grounded
    candidates = "".join(f"candidate({a})." for a in sorted(common or ()))
    control = _control(framework, "ideal", maximal=True, extra=candidates)
    found = _first(control, budget)
    return grounded if found is None else found


# --------------------------------------------------------------------------- tasks


def _names(framework: Framework, members: Iterable[int]) -> frozenset[str]:
    names = framework.arguments
    return frozenset(names[i] for i in members)


def enumerate_extensions(
    framework: Framework,
    semantics: str = "grounded",
    *,
    limit: int | None = None,
    timeout: float | None = None,
    progress: Callable[[float, int], None] | None = None,
) -> Search:
    """The extensions of ``semantics`` (the first ``limit`` if given), in the solver's order.

    On a timeout the result holds what was found so far, with ``timed_out`` set.
    """
    semantics = semantics_name(semantics)
    budget = Budget(timeout, progress)
    found: list[frozenset[str]] = []
    if limit is not None and limit <= 0:
        return Search(semantics, found, exhausted=False)
    iterator = _extensions(framework, semantics, budget)
    try:
        for extension in iterator:
            found.append(_names(framework, extension))
            if limit is not None and len(found) >= limit:
                return Search(semantics, found, exhausted=_no_more(iterator))
    except SolverTimeout:
        return Search(semantics, found, exhausted=False, timed_out=True)
    finally:
        iterator.close()
    return Search(semantics, found, exhausted=True)


def _no_more(iterator: Iterator[Any]) -> bool:
    """Whether ``iterator`` is finished, at the cost of looking for one more item."""
    return next(iterator, None) is None


def one_extension(
    framework: Framework,
    semantics: str = "grounded",
    *,
    timeout: float | None = None,
    progress: Callable[[float, int], None] | None = None,
) -> Search:
    """Some extension of ``semantics``, or an exhausted empty result when there is none."""
    semantics = semantics_name(semantics)
    budget = Budget(timeout, progress)
    iterator = _extensions(framework, semantics, budget)
    try:
        first = next(iterator, None)
    except SolverTimeout:
        return Search(semantics, [], exhausted=False, timed_out=True)
    finally:
        iterator.close()
    if first is None:
        return Search(semantics, [], exhausted=True)
    return Search(semantics, [_names(framework, first)], exhausted=False)


def count_extensions(
    framework: Framework,
    semantics: str = "grounded",
    *,
    timeout: float | None = None,
    progress: Callable[[float, int], None] | None = None,
) -> Count:
    """How many extensions ``semantics`` has, without building their names."""
    semantics = semantics_name(semantics)
    budget = Budget(timeout, progress)
    count = 0
    iterator = _extensions(framework, semantics, budget)
    try:
        for _ in iterator:
            count += 1
    except SolverTimeout:
        # every finite framework has an extension under each semantics but stable
        bound = count if semantics == "stable" else max(count, 1)
        return Count(semantics, bound, exact=False, timed_out=True)
    finally:
        iterator.close()
    return Count(semantics, count, exact=True)


def acceptance(
    framework: Framework,
    semantics: str,
    argument: str,
    *,
    sceptical: bool = False,
    timeout: float | None = None,
    progress: Callable[[float, int], None] | None = None,
) -> Acceptance:
    """Credulous (default) or sceptical acceptance of ``argument``, with a witness.

    Raises KeyError for an argument the framework does not hold.
    """
    semantics = semantics_name(semantics)
    target = framework.index(argument)
    mode = "sceptical" if sceptical else "credulous"
    budget = Budget(timeout, progress)
    try:
        accepted, witness, exists = _decide(framework, semantics, target, sceptical, budget)
    except SolverTimeout:
        return Acceptance(semantics, argument, mode, None, None, timed_out=True)
    shown = None if witness is None else _names(framework, witness)
    return Acceptance(semantics, argument, mode, accepted, shown, exists)


Decision = tuple[bool, frozenset[int] | None, bool | None]


def _decide(framework: Framework, semantics: str, target: int, sceptical: bool, budget: Budget) -> Decision:
    """(accepted, witness, whether any extension exists) by the cheapest route per semantics."""
    if semantics in ("grounded", "ideal") or (semantics == "complete" and sceptical):
        # one extension decides (sceptical complete is grounded: the least complete extension)
        only = next(_extensions(framework, "grounded" if semantics == "complete" else semantics, budget))
        inside = target in only
        return inside, (only if inside != sceptical else None), True
    code = grounded_codes(framework)[target]
    if semantics != "stage" and code != 4:
        # grounded IN: in every extension; grounded OUT: in none; only existence is open
        with closing(_extensions(framework, semantics, budget)) as extensions:
            first = next(extensions, None)
        some = first is not None
        if code == 1:
            return (some, first, some) if not sceptical else (True, None, some)
        return (False, None, some) if not sceptical else (not some, first, some)
    if semantics == "stage":
        return _by_enumeration(framework, semantics, target, sceptical, budget)
    residual, undecided = _residual(framework)
    core = _grounded(framework)
    accepted, witness, exists = (
        _by_assumption(residual, semantics, undecided.index(target), sceptical, budget)
        if semantics in ("complete", "preferred", "stable")
        else _by_enumeration(residual, semantics, undecided.index(target), sceptical, budget)
    )
    if witness is not None:
        witness = core.union([undecided[i] for i in witness])
    return accepted, witness, exists


def _by_assumption(
    framework: Framework, semantics: str, target: int, sceptical: bool, budget: Budget
) -> Decision:
    """One solve with the argument assumed in (credulous) or out (sceptical stable).

    Under domRec the maximal models with ``in(a)`` assumed are preferred extensions: every
    admissible superset of one also holds ``a``. Sceptical preferred is the exception: see
    `_sceptical_preferred`.
    """
    if sceptical and semantics == "preferred":
        return _sceptical_preferred(framework, target, budget)
    control = _control(framework, semantics, maximal=semantics in _MAXIMAL)
    found = _first(control, budget, [(_atom("in", target), not sceptical)])
    if not sceptical:
        if found is not None:
            return True, found, True
        return False, None, None if semantics == "stable" else True
    if found is not None:
        return False, found, True
    any_one = _first(_control(framework, semantics, maximal=False), budget)
    return True, None, any_one is not None


def _sceptical_preferred(framework: Framework, target: int, budget: Budget) -> Decision:
    """Is ``target`` in every preferred extension? Look for one without it.

    A candidate is a maximal admissible set among those without ``target`` (domRec with
    ``in(target)`` assumed false). It is preferred unless some admissible set holds it and
    ``target`` together (any larger admissible set must hold ``target``); then try the next.
    """
    without = _control(framework, "preferred", maximal=True)
    check = _control(framework, "admissible", maximal=False)
    for candidate in _models(without, budget, [(_atom("in", target), False)]):
        assumed = [(_atom("in", a), True) for a in (*candidate, target)]
        if _first(check, budget, assumed) is None:
            return False, candidate, True
    return True, None, True


def _by_enumeration(
    framework: Framework, semantics: str, target: int, sceptical: bool, budget: Budget
) -> Decision:
    """Walk the extensions until one decides (semi-stable and stage)."""
    seen = False
    with closing(_extensions(framework, semantics, budget)) as extensions:
        for extension in extensions:
            seen = True
            if (target in extension) != sceptical:
                return not sceptical, extension, True
    return sceptical, None, seen
