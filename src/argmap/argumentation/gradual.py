"""Gradual strength: DF-QuAD and the h-categoriser.

- **DF-QuAD** (Rago, Toni, Aurisicchio & Baroni 2016, "Discontinuity-free decision support with
  quantitative argumentation debates", KR 2016): base score τ from ``Claim.base_score``
  (default 0.5); strength σ(a) = C(τ(a), F(σ of attackers), F(σ of supporters)) with
  F(v1..vn) = 1 − ∏(1 − vi) (0 for none) and C(v0, va, vs) = v0 − v0·(va − vs) if va ≥ vs,
  v0 + (1 − v0)·(vs − va) otherwise. A linked group or an undercut step becomes an inference
  node with base score 0 that supports the conclusion: its supporters are the premises (for a
  linked group their weakest, min, since they only support together) and its attackers are the
  undercutters, so its strength is max(0, premise strength − undercut strength). A plain step
  with no undercut is exactly DF-QuAD's own support.
- **h-categoriser** (Besnard & Hunter 2001, "A logic-based theory of deductive arguments",
  AIJ 128): h(a) = 1 / (1 + Σ h(attackers)); supports and base scores play no part.

Every node not on or below a cycle is scored once, parents first (an iterative depth-first
search finds that order), so acyclic maps take one pass. The nodes on or below cycles are then
iterated (Jacobi, from the base scores) until the largest change is at most a tolerance or an
iteration cap is reached; the result says whether it converged instead of raising, since
cyclic DF-QuAD can oscillate between several fixed points.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from argmap.argumentation.bipolar import framework_from_map, inferences
from argmap.argumentation.framework import Framework

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = [
    "DEFAULT_BASE_SCORE",
    "DEFAULT_MAX_ITERATIONS",
    "DEFAULT_TOLERANCE",
    "GradualResult",
    "Strengths",
    "dfquad",
    "dfquad_scores",
    "h_categoriser",
    "h_categoriser_scores",
]

DEFAULT_BASE_SCORE = 0.5
DEFAULT_TOLERANCE = 1e-9
DEFAULT_MAX_ITERATIONS = 1000


@dataclass(frozen=True)
class Strengths:
    """Index-level gradual scores and how the computation ended."""

    scores: list[float]
    converged: bool
    iterations: int
    max_delta: float


def _topological_prefix(n: int, first: list[list[int]], second: list[list[int]] | None = None) -> list[int]:
    """Parents-first order of every node not on or below a cycle (parents: ``first`` ∪ ``second``).

    An iterative depth-first search along parent links, emitting each node when it finishes:
    it needs no child lists, which makes it faster than Kahn's algorithm here. A
    node is settled when every parent finished settled before it; a parent still on the stack
    closes a cycle, and an unsettled parent passes that on to everything below it.
    """
    state = bytearray(n)  # 0 new, 1 on the stack, 2 settled, 3 on or below a cycle
    order: list[int] = []
    others = second if second is not None else [[]] * n
    for root in range(n):
        if state[root]:
            continue
        state[root] = 1
        extra = others[root]
        stack = [(root, iter(first[root] + extra if extra else first[root]))]
        while stack:
            node, pending = stack[-1]
            for p in pending:
                if not state[p]:
                    state[p] = 1
                    extra = others[p]
                    stack.append((p, iter(first[p] + extra if extra else first[p])))
                    break
            else:
                stack.pop()
                mark = 2
                for p in first[node]:
                    if state[p] != 2:
                        mark = 3
                        break
                else:
                    for p in others[node]:
                        if state[p] != 2:
                            mark = 3
                            break
                state[node] = mark
                if mark == 2:
                    order.append(node)
    return order


def _unsettled(n: int, order: list[int]) -> list[int]:
    settled = bytearray(n)
    for i in order:
        settled[i] = 1
    return [i for i in range(n) if not settled[i]]


def dfquad_scores(
    base: list[float],
    attackers: list[list[int]],
    supporters: list[list[int]],
    joint: Sequence[bool] | None = None,
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    max_iterations: int = DEFAULT_MAX_ITERATIONS,
) -> Strengths:
    """DF-QuAD strengths; ``joint[i]`` aggregates node i's supporters by min instead of F."""
    order = _topological_prefix(len(base), attackers, supporters)
    sweep = partial(_dfquad_sweep, base, attackers, supporters, joint)
    return _settle(order, list(base), sweep, tolerance, max_iterations)


def h_categoriser_scores(
    attackers: list[list[int]],
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    max_iterations: int = DEFAULT_MAX_ITERATIONS,
) -> Strengths:
    """h(a) = 1 / (1 + Σ h(attackers)), by a topological pass and iteration on cycles."""
    order = _topological_prefix(len(attackers), attackers)
    sweep = partial(_h_categoriser_sweep, attackers)
    return _settle(order, [1.0] * len(attackers), sweep, tolerance, max_iterations)


#: ``sweep(nodes, read, write)`` scores ``nodes`` in turn from the strengths in ``read``.
Sweep = Callable[[list[int], list[float], "list[float] | dict[int, float]"], None]


def _dfquad_sweep(
    base: list[float],
    attackers: list[list[int]],
    supporters: list[list[int]],
    joint: Sequence[bool] | None,
    nodes: list[int],
    read: list[float],
    write: list[float] | dict[int, float],
) -> None:
    # one loop for all nodes: a call per node costs more than the arithmetic it wraps
    for i in nodes:
        keep = 1.0
        for b in attackers[i]:
            keep *= 1.0 - read[b]
        va = 1.0 - keep
        sup = supporters[i]
        if not sup:
            vs = 0.0
        elif joint is not None and joint[i]:
            vs = min([read[b] for b in sup])
        else:
            keep = 1.0
            for b in sup:
                keep *= 1.0 - read[b]
            vs = 1.0 - keep
        v0 = base[i]
        write[i] = v0 - v0 * (va - vs) if va >= vs else v0 + (1.0 - v0) * (vs - va)


def _h_categoriser_sweep(
    attackers: list[list[int]], nodes: list[int], read: list[float], write: list[float] | dict[int, float]
) -> None:
    at = read.__getitem__
    for i in nodes:
        write[i] = 1.0 / (1.0 + sum(map(at, attackers[i])))


def _settle(
    order: list[int], score: list[float], sweep: Sweep, tolerance: float, max_iterations: int
) -> Strengths:
    """One pass over ``order`` in place (parents come first, so each reads final strengths),
    then iteration over the nodes on or below a cycle."""
    sweep(order, score, score)
    if len(order) == len(score):
        return Strengths(score, True, 1, 0.0)
    return _iterate(_unsettled(len(score), order), score, sweep, tolerance, max_iterations)


def _iterate(
    rest: list[int],
    score: list[float],
    sweep: Sweep,
    tolerance: float,
    max_iterations: int,
) -> Strengths:
    """Jacobi sweeps over the nodes on or below a cycle; the settled ones stay fixed."""
    delta = 0.0
    for iteration in range(1, max_iterations + 1):
        new: dict[int, float] = {}
        sweep(rest, score, new)
        delta = 0.0
        for i, value in new.items():
            change = abs(value - score[i])
            delta = max(delta, change)
            score[i] = value
        if delta <= tolerance:
            return Strengths(score, True, iteration, delta)
    return Strengths(score, False, max_iterations, delta)


@dataclass(frozen=True)
class GradualResult:
    """Named gradual scores, and whether the iteration on cycles converged."""

    method: str
    scores: dict[str, float]
    converged: bool
    iterations: int
    max_delta: float

    @classmethod
    def of(cls, method: str, names: Sequence[str], strengths: Strengths) -> GradualResult:
        scores = dict(zip(names, strengths.scores, strict=True))
        return cls(method, scores, strengths.converged, strengths.iterations, strengths.max_delta)

    def to_json(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "converged": self.converged,
            "iterations": self.iterations,
            "max_delta": self.max_delta,
            "scores": dict(self.scores),
        }


def dfquad(
    source: ArgumentMap | Framework,
    *,
    default_base: float = DEFAULT_BASE_SCORE,
    tolerance: float = DEFAULT_TOLERANCE,
    max_iterations: int = DEFAULT_MAX_ITERATIONS,
) -> GradualResult:
    """DF-QuAD strength of every claim and of every linked or undercut inference (by name).

    A bare framework has attacks only: every argument starts from ``default_base``.
    """
    if isinstance(source, Framework):
        n = len(source)
        strengths = dfquad_scores(
            [default_base] * n,
            source.attackers,
            [[] for _ in range(n)],
            tolerance=tolerance,
            max_iterations=max_iterations,
        )
        return GradualResult.of("dfquad", source.arguments, strengths)
    names, base, attackers, supporters, joint = _quantitative_graph(source, default_base)
    strengths = dfquad_scores(
        base, attackers, supporters, joint, tolerance=tolerance, max_iterations=max_iterations
    )
    return GradualResult.of("dfquad", names, strengths)


def _quantitative_graph(
    amap: ArgumentMap, default_base: float
) -> tuple[list[str], list[float], list[list[int]], list[list[int]], list[bool]]:
    """Names, base scores, attackers, supporters and joint flags of the map's claims, then of
    its inference nodes (one per linked group or undercut step; see the module notes)."""
    names = [claim.id for claim in amap.claims]
    index = {name: i for i, name in enumerate(names)}
    base = [default_base if claim.base_score is None else claim.base_score for claim in amap.claims]
    attackers: list[list[int]] = [[] for _ in names]
    supporters: list[list[int]] = [[] for _ in names]
    joint = [False] * len(names)
    undercut = {(s.premises, s.conclusion): s for s in inferences(amap)}

    def inference_node(name: str, premises: list[int], undercut_by: Iterable[str], together: bool) -> int:
        node = len(names)
        names.append(name)
        base.append(0.0)
        attackers.append([index[u] for u in undercut_by])
        supporters.append(premises)
        joint.append(together)
        return node

    for claim in amap.claims:
        a = index[claim.id]
        for target in claim.attacks:
            attackers[index[target]].append(a)
        for target in claim.supports:
            step = undercut.get(((claim.id,), target))
            if step is None:
                supporters[index[target]].append(a)
            else:
                supporters[index[target]].append(inference_node(step.id, [a], step.undercut_by, False))
        for link in claim.linked:
            premises = (claim.id, *link.with_)
            step = undercut.get((premises, link.to))
            name = step.id if step else "+".join(premises) + "=>" + link.to
            by = step.undercut_by if step else ()
            node = inference_node(name, [index[p] for p in premises], by, True)
            supporters[index[link.to]].append(node)
    return names, base, attackers, supporters, joint


def h_categoriser(
    source: ArgumentMap | Framework,
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    max_iterations: int = DEFAULT_MAX_ITERATIONS,
) -> GradualResult:
    """h-categoriser strength of every argument (for a map: claims and undercut inferences)."""
    framework = source if isinstance(source, Framework) else framework_from_map(source)
    strengths = h_categoriser_scores(framework.attackers, tolerance=tolerance, max_iterations=max_iterations)
    return GradualResult.of("hcat", framework.arguments, strengths)
