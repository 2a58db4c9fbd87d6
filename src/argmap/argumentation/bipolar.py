"""From a map to a Dung framework: undercut inferences, and the bipolar option.

A map becomes an abstract argumentation framework (Dung 1995, "On the acceptability of
arguments", AIJ 77): every claim is an argument and every ``attacks`` entry an attack. An
undercut attacks an *inference*, not a claim, so each undercut support step gets its own
auxiliary argument (named ``premise=>conclusion``, or ``p1+p2=>conclusion`` for a linked
group) that its undercutters attack; its label says whether the step survives.

With ``bipolar=True`` plain ``supports`` count, read as *deductive* support (Cayrol &
Lagasquie-Schiex 2013, "Bipolarity in argumentation graphs: towards a better understanding",
IJAR 54(7), §4; Boella et al. 2010): "a supports b" means "if a is accepted, so is b". The
associated Dung framework adds the attacks this reading implies, on top of the direct ones:

- *supported attack*: a supports (via a chain of supports) x and x attacks c, so a attacks c;
- *mediated attack*: c attacks x and b supports (via a chain) x, so c attacks b;
- *super-mediated attack*: the two combined, a supports* y, y attacks x, b supports* x.

In general: a attacks b whenever a →sup* y →att x ←sup* b. A support step that is undercut
only yields its derived attacks while its undercutters are not accepted: each such derived
attack a→b goes through the standard attack-on-attack gadget (Boella, Gabbay, van der Torre &
Villata 2009, "Meta-argumentation modelling I"): a attacks X, X attacks Y, Y attacks b, and every
undercutter attacks Y. Linked groups only support jointly, which a Dung framework cannot express
without collective attacks (SETAFs), so the bipolar closure uses plain supports only. The
closure is meant for hand-made maps: its size grows with the length of support chains.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from argmap.argumentation.framework import Framework

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = ["Inference", "framework_and_inferences", "framework_from_map", "inferences"]


@dataclass(frozen=True)
class Inference:
    """An undercut support step: ``premises`` together support ``conclusion``."""

    id: str
    premises: tuple[str, ...]
    conclusion: str
    undercut_by: tuple[str, ...]


def inferences(amap: ArgumentMap) -> list[Inference]:
    """The support steps some claim undercuts, each once, in map order."""
    cuts: dict[tuple[str, str], list[str]] = {}
    for claim in amap.claims:
        for cut in claim.undercuts:
            undercutters = cuts.setdefault((cut.from_, cut.to), [])
            if claim.id not in undercutters:
                undercutters.append(claim.id)
    if not cuts:
        return []
    found: dict[str, Inference] = {}
    for claim in amap.claims:
        for target in claim.supports:
            by = cuts.get((claim.id, target))
            if by:
                name = f"{claim.id}=>{target}"
                found.setdefault(name, Inference(name, (claim.id,), target, tuple(by)))
        for link in claim.linked:
            premises = (claim.id, *link.with_)
            group_by = list(dict.fromkeys(u for p in premises for u in cuts.get((p, link.to), ())))
            if group_by:
                name = "+".join(premises) + "=>" + link.to
                found.setdefault(name, Inference(name, premises, link.to, tuple(group_by)))
    return list(found.values())


def framework_from_map(amap: ArgumentMap, *, bipolar: bool = False) -> Framework:
    """The framework of a map: its claims first, in map order, then auxiliary arguments.

    Auxiliary arguments are one per undercut inference (``a=>b``) and, with ``bipolar``,
    two per undercuttable derived attack (``[a~>b#k]:x`` and ``:y``). See the module notes.
    """
    return framework_and_inferences(amap, bipolar=bipolar)[0]


def framework_and_inferences(amap: ArgumentMap, *, bipolar: bool) -> tuple[Framework, list[Inference]]:
    """`framework_from_map` and the undercut steps whose arguments follow the claims, in order."""
    names = [claim.id for claim in amap.claims]
    index = {name: i for i, name in enumerate(names)}
    sources: list[int] = []
    targets: list[int] = []
    for claim in amap.claims:
        a = index[claim.id]
        for target in claim.attacks:
            sources.append(a)
            targets.append(index[target])
    steps = inferences(amap)
    for step in steps:
        i = len(names)
        names.append(step.id)
        for u in step.undercut_by:
            sources.append(index[u])
            targets.append(i)
    if bipolar:
        _add_bipolar_attacks(amap, index, steps, names, sources, targets)
    return Framework.from_indices(names, sources, targets), steps


def _add_bipolar_attacks(
    amap: ArgumentMap,
    index: dict[str, int],
    steps: list[Inference],
    names: list[str],
    sources: list[int],
    targets: list[int],
) -> None:
    """Append the supported / mediated / super-mediated attacks (deductive support)."""
    n = len(amap.claims)
    plain_step = {(s.premises[0], s.conclusion): k for k, s in enumerate(steps) if len(s.premises) == 1}
    forward: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    backward: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for claim in amap.claims:
        for target in claim.supports:
            cut = plain_step.get((claim.id, target), -1)
            forward[index[claim.id]].append((index[target], cut))
            backward[index[target]].append((index[claim.id], cut))
    if not any(forward):
        return
    direct: list[list[int]] = [[] for _ in range(n)]
    for s, t in zip(sources, targets, strict=True):
        if s < n and t < n:
            direct[s].append(t)
    existing = set(zip(sources, targets, strict=True))
    below: dict[int, list[tuple[int, frozenset[int]]]] = {}  # x → (b, cuts): b supports* x
    derived: dict[tuple[int, int], list[frozenset[int]]] = {}
    for a in range(n):
        for y, cuts_up in _support_reach(a, forward):
            for x in direct[y]:
                if x not in below:
                    below[x] = _support_reach(x, backward)
                for b, cuts_down in below[x]:
                    cuts = cuts_up | cuts_down
                    if not cuts and (a, b) in existing:
                        continue
                    known = derived.setdefault((a, b), [])
                    if any(k <= cuts for k in known):
                        continue
                    known[:] = [k for k in known if not cuts <= k]
                    known.append(cuts)
    for (a, b), cut_sets in sorted(derived.items()):
        for k, cuts in enumerate(sorted(cut_sets, key=sorted) if len(cut_sets) > 1 else cut_sets):
            if not cuts:
                sources.append(a)
                targets.append(b)
                continue
            x = len(names)
            names.append(f"[{names[a]}~>{names[b]}#{k}]:x")
            names.append(f"[{names[a]}~>{names[b]}#{k}]:y")
            sources.extend((a, x, x + 1))
            targets.extend((x, x + 1, b))
            for undercutter in dict.fromkeys(u for step in sorted(cuts) for u in steps[step].undercut_by):
                sources.append(index[undercutter])
                targets.append(x + 1)


def _support_reach(start: int, edges: list[list[tuple[int, int]]]) -> list[tuple[int, frozenset[int]]]:
    """Nodes reachable along support edges, with the minimal sets of undercut steps used."""
    empty: frozenset[int] = frozenset()
    if not edges[start]:
        return [(start, empty)]
    best: dict[int, list[frozenset[int]]] = {start: [empty]}
    queue = [(start, empty)]
    for node, cuts in queue:
        if cuts not in best.get(node, ()):
            continue  # superseded by a cheaper path
        for nxt, cut in edges[node]:
            reached = cuts | {cut} if cut >= 0 else cuts
            known = best.setdefault(nxt, [])
            if any(k <= reached for k in known):
                continue
            known[:] = [k for k in known if not reached <= k]
            known.append(reached)
            queue.append((nxt, reached))
    return [(node, cuts) for node, cut_sets in best.items() for cuts in cut_sets]
