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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from argmap.argumentation.bipolar import framework_from_map, inferences
from argmap.argumentation.framework import Framework

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = [
    "DEFAULT_BASE_SCORE",
    "DEFAULT_MAX_ITERATIONS",
    "DEFAULT_TOLERANCE",
    "GRADUAL",
    "GradualResult",
    "Strengths",
    "dfquad",
    "dfquad_scores",
    "gradual_name",
    "h_categoriser",
    "h_categoriser_scores",
]

GRADUAL: tuple[str, ...] = ("dfquad", "hcat")
_GRADUAL_ALIASES = {"df-quad": "dfquad", "h-categoriser": "hcat", "hcategoriser": "hcat", "h-cat": "hcat"}

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
    n = len(base)
    order = _topological_prefix(n, attackers, supporters)
    score = list(base)

    def strength(i: int, s: list[float]) -> float:
        keep = 1.0
        for b in attackers[i]:
            keep *= 1.0 - s[b]
        va = 1.0 - keep
        sup = supporters[i]
        if joint is not None and joint[i]:
            vs = min(s[b] for b in sup) if sup else 0.0
        else:
            keep = 1.0
            for b in sup:
                keep *= 1.0 - s[b]
            vs = 1.0 - keep
        v0 = base[i]
        if va >= vs:
            return v0 - v0 * (va - vs)
        return v0 + (1.0 - v0) * (vs - va)

    # the one topological pass, inlined: a call per node costs more than the arithmetic it wraps
    for i in order:
        keep = 1.0
        for b in attackers[i]:
            keep *= 1.0 - score[b]
        va = 1.0 - keep
        sup = supporters[i]
        if not sup:
            vs = 0.0
        elif joint is not None and joint[i]:
            vs = min([score[b] for b in sup])
        else:
            keep = 1.0
            for b in sup:
                keep *= 1.0 - score[b]
            vs = 1.0 - keep
        v0 = base[i]
        score[i] = v0 - v0 * (va - vs) if va >= vs else v0 + (1.0 - v0) * (vs - va)
    if len(order) == n:
        return Strengths(score, True, 1, 0.0)
    return _iterate(_unsettled(n, order), score, strength, tolerance, max_iterations)


def h_categoriser_scores(
    attackers: list[list[int]],
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    max_iterations: int = DEFAULT_MAX_ITERATIONS,
) -> Strengths:
    """h(a) = 1 / (1 + Σ h(attackers)), by a topological pass and iteration on cycles."""
    n = len(attackers)
    order = _topological_prefix(n, attackers)
    score = [1.0] * n
    at = score.__getitem__

    def strength(i: int, s: list[float]) -> float:
        return 1.0 / (1.0 + sum(map(s.__getitem__, attackers[i])))

    for i in order:
        score[i] = 1.0 / (1.0 + sum(map(at, attackers[i])))
    if len(order) == n:
        return Strengths(score, True, 1, 0.0)
    return _iterate(_unsettled(n, order), score, strength, tolerance, max_iterations)


def _iterate(
    rest: list[int],
    score: list[float],
    strength: Any,
    tolerance: float,
    max_iterations: int,
) -> Strengths:
    """Jacobi sweeps over the nodes on or below a cycle; the settled ones stay fixed."""
    delta = 0.0
    for iteration in range(1, max_iterations + 1):
        new = [strength(i, score) for i in rest]
        delta = 0.0
        for i, value in zip(rest, new, strict=True):
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

    def to_json(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "converged": self.converged,
            "iterations": self.iterations,
            "max_delta": self.max_delta,
            "scores": dict(self.scores),
        }


def dfquad(
    amap: ArgumentMap,
    *,
    default_base: float = DEFAULT_BASE_SCORE,
    tolerance: float = DEFAULT_TOLERANCE,
    max_iterations: int = DEFAULT_MAX_ITERATIONS,
) -> GradualResult:
    """DF-QuAD strength of every claim and of every linked or undercut inference (by name)."""
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
    result = dfquad_scores(
        base, attackers, supporters, joint, tolerance=tolerance, max_iterations=max_iterations
    )
    scores = dict(zip(names, result.scores, strict=True))
    return GradualResult("dfquad", scores, result.converged, result.iterations, result.max_delta)


def h_categoriser(
    source: ArgumentMap | Framework,
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    max_iterations: int = DEFAULT_MAX_ITERATIONS,
) -> GradualResult:
    """h-categoriser strength of every argument (for a map: claims and undercut inferences)."""
    framework = source if isinstance(source, Framework) else framework_from_map(source)
    result = h_categoriser_scores(framework.attackers, tolerance=tolerance, max_iterations=max_iterations)
    scores = dict(zip(framework.arguments, result.scores, strict=True))
    return GradualResult("hcat", scores, result.converged, result.iterations, result.max_delta)


def gradual_name(name: str) -> str:
    key = name.strip().lower()
    key = _GRADUAL_ALIASES.get(key, key)
    if key not in GRADUAL:
        from argmap.errors import MapError

        raise MapError(f"unknown gradual semantics {name!r}", hint="choose one of: " + ", ".join(GRADUAL))
    return key
