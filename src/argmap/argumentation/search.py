"""Every extension and labelling of a semantics: grounded directly, the others from clingo.

Grounded is the linear labelling (`argmap.argumentation.grounded`); complete, preferred,
stable, semi-stable, stage and ideal come from the answer-set encodings that
`argmap.argumentation.asp` runs. An extension E is labelled IN, OUT when E attacks it and
UNDEC otherwise: for the semantics built on complete extensions that is exactly their complete
labelling. The first few extensions, a count, a timeout or an acceptance query: use
`argmap.argumentation.asp` directly.
"""

from __future__ import annotations

from argmap.argumentation.framework import IN, OUT, UNDEC, Framework, Labelling
from argmap.argumentation.grounded import grounded_codes
from argmap.argumentation.names import semantics_name

__all__ = [
    "complete_extensions",
    "extensions",
    "labelling_codes",
    "labellings",
    "preferred_extensions",
    "stable_extensions",
]


def labelling_codes(
    framework: Framework,
    semantics: str,
    max_extensions: int | None = None,
    timeout: float | None = None,
) -> list[bytearray]:
    """All labellings of a canonical semantics as code arrays, in a deterministic order.

    More than ``max_extensions`` extensions, or a solve stopped by ``timeout`` seconds, raise a
    `MapError` whose hint names the tasks that cope (count, the first N).
    """
    if semantics == "grounded":
        return [bytearray(grounded_codes(framework))]
    from argmap.argumentation.asp import enumerate_extensions

    limit = None if max_extensions is None else max_extensions + 1
    search = enumerate_extensions(framework, semantics, limit=limit, timeout=timeout)
    found = search.extensions
    if search.timed_out or (max_extensions is not None and len(found) > max_extensions):
        from argmap.errors import MapError

        what = (
            f"the timeout of {timeout:g} s stopped the solver after {len(found)} extensions"
            if search.timed_out and timeout is not None
            else f"more than {max_extensions} extensions"
        )
        raise MapError(
            f"{semantics} semantics: {what}",
            hint="too many to label and print: count them with --count, list the first N with --limit N",
        )
    found.sort(key=lambda e: (len(e), sorted(e)))
    index = framework.index
    return [_extension_codes(framework, [index(name) for name in e]) for e in found]


def _extension_codes(framework: Framework, members: list[int]) -> bytearray:
    codes = bytearray([UNDEC]) * len(framework)
    children = framework.children
    for a in members:
        for b in children[a]:
            codes[b] = OUT
    for a in members:
        codes[a] = IN
    return codes


def labellings(framework: Framework, semantics: str = "grounded") -> list[Labelling]:
    """Every labelling of ``semantics`` (any of `SEMANTICS`, or its ICCMA code: GR, CO, PR, ...)."""
    return [
        Labelling.from_codes(framework, codes)
        for codes in labelling_codes(framework, semantics_name(semantics))
    ]


def extensions(framework: Framework, semantics: str = "grounded") -> list[frozenset[str]]:
    """Every extension of ``semantics``; stable may have none, the others at least one."""
    names = framework.arguments
    result = [
        frozenset(names[i] for i, code in enumerate(codes) if code == IN)
        for codes in labelling_codes(framework, semantics_name(semantics))
    ]
    return sorted(result, key=lambda e: (len(e), sorted(e)))


def complete_extensions(framework: Framework) -> list[frozenset[str]]:
    return extensions(framework, "complete")


def preferred_extensions(framework: Framework) -> list[frozenset[str]]:
    return extensions(framework, "preferred")


def stable_extensions(framework: Framework) -> list[frozenset[str]]:
    return extensions(framework, "stable")
