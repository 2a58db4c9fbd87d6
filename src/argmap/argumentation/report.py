"""Verdicts: which claims stand under a semantics, and how strong each is.

`evaluate` is the one call the CLI and library users make; it ties the map-to-framework
translation, the extension search and the gradual scores into one `Evaluation`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from argmap.argumentation.bipolar import Inference, framework_and_inferences
from argmap.argumentation.framework import IN, OUT, Framework
from argmap.argumentation.gradual import (
    DEFAULT_MAX_ITERATIONS,
    DEFAULT_TOLERANCE,
    GradualResult,
    dfquad,
    h_categoriser,
)
from argmap.argumentation.names import gradual_name, semantics_name
from argmap.argumentation.search import labelling_codes

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = ["ClaimStatus", "Evaluation", "InferenceStatus", "Label", "evaluate", "evaluate_framework"]

Label = Literal["in", "out", "undec", "credulous"]


@dataclass(frozen=True)
class ClaimStatus:
    """One claim's verdict.

    ``label`` is the grounded label for grounded semantics. With several extensions it is
    ``in`` when the claim is sceptically accepted (IN in every labelling), ``out`` when it is
    OUT in every labelling, ``credulous`` when it is IN in some labellings but not all, and
    ``undec`` otherwise. With no extension at all (stable semantics can have none) every claim
    is ``undec``, neither credulously nor sceptically accepted.
    """

    id: str
    label: Label
    credulous: bool
    sceptical: bool
    score: float | None = None

    def to_json(self) -> dict[str, Any]:
        return dict(vars(self))  # its fields, in order


@dataclass(frozen=True)
class InferenceStatus:
    """An undercut support step's verdict (same labels as claims)."""

    inference: Inference
    label: Label
    score: float | None = None

    def to_json(self) -> dict[str, Any]:
        step = self.inference
        return {
            "id": step.id,
            "premises": list(step.premises),
            "conclusion": step.conclusion,
            "undercut_by": list(step.undercut_by),
            "label": self.label,
            "score": self.score,
        }


@dataclass(frozen=True)
class Evaluation:
    """Which claims stand under one semantics, and optionally how strong each is."""

    semantics: str
    bipolar: bool
    claims: dict[str, ClaimStatus]
    extensions: list[frozenset[str]]
    inferences: list[InferenceStatus] = field(default_factory=list)
    gradual: GradualResult | None = None

    def label(self, claim_id: str) -> Label:
        return self.claims[claim_id].label

    @property
    def labels(self) -> dict[str, Label]:
        """Claim id → label: what ``--status`` colours by."""
        return {claim_id: status.label for claim_id, status in self.claims.items()}

    def score(self, claim_id: str) -> float | None:
        return self.claims[claim_id].score

    def summary(self) -> dict[str, int]:
        counts = {"in": 0, "out": 0, "undec": 0, "credulous": 0}
        for status in self.claims.values():
            counts[status.label] += 1
        return counts

    def to_json(self) -> dict[str, Any]:
        return {
            "semantics": self.semantics,
            "bipolar": self.bipolar,
            "gradual": None if self.gradual is None else self.gradual.method,
            "converged": None if self.gradual is None else self.gradual.converged,
            "iterations": None if self.gradual is None else self.gradual.iterations,
            "summary": self.summary(),
            "extensions": [sorted(e) for e in self.extensions],
            "exists": bool(self.extensions),
            "claims": [status.to_json() for status in self.claims.values()],
            "inferences": [status.to_json() for status in self.inferences],
        }


def evaluate(
    amap: ArgumentMap,
    semantics: str = "grounded",
    gradual: str | None = None,
    bipolar: bool = False,
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    max_iterations: int = DEFAULT_MAX_ITERATIONS,
    max_extensions: int | None = None,
    timeout: float | None = None,
) -> Evaluation:
    """Label every claim under ``semantics`` and, if asked, score it with ``gradual``.

    Unknown names raise `MapError` listing the choices, so the CLI can pass options through;
    so do more than ``max_extensions`` extensions, or a solve stopped by ``timeout`` seconds.
    Gradual scores do not depend on ``bipolar``: DF-QuAD always counts supports, the
    h-categoriser never does.
    """
    semantics = semantics_name(semantics)
    method = gradual_name(gradual) if gradual is not None else None
    framework, steps = framework_and_inferences(amap, bipolar=bipolar)
    result = _strengths(amap, method, tolerance, max_iterations)
    limits = (max_extensions, timeout)
    return _evaluation(framework, len(amap.claims), steps, semantics, bipolar, result, limits)


def evaluate_framework(
    framework: Framework,
    semantics: str = "grounded",
    gradual: str | None = None,
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    max_iterations: int = DEFAULT_MAX_ITERATIONS,
    max_extensions: int | None = None,
    timeout: float | None = None,
) -> Evaluation:
    """`evaluate` for a bare framework (e.g. ``.af`` files with self-attacks, which maps forbid).

    DF-QuAD here sees attacks only, every base score 0.5.
    """
    semantics = semantics_name(semantics)
    method = gradual_name(gradual) if gradual is not None else None
    result = _strengths(framework, method, tolerance, max_iterations)
    limits = (max_extensions, timeout)
    return _evaluation(framework, len(framework), [], semantics, False, result, limits)


def _strengths(
    source: ArgumentMap | Framework, method: str | None, tolerance: float, max_iterations: int
) -> GradualResult | None:
    if method is None:
        return None
    score = dfquad if method == "dfquad" else h_categoriser
    return score(source, tolerance=tolerance, max_iterations=max_iterations)


def _evaluation(
    framework: Framework,
    n_claims: int,
    steps: list[Inference],
    semantics: str,
    bipolar: bool,
    gradual: GradualResult | None,
    limits: tuple[int | None, float | None] = (None, None),
) -> Evaluation:
    all_codes = labelling_codes(framework, semantics, *limits)
    names = framework.arguments
    n = len(names)
    n_in = [0] * n
    n_out = [0] * n
    for codes in all_codes:
        for i, code in enumerate(codes):
            if code == IN:
                n_in[i] += 1
            elif code == OUT:
                n_out[i] += 1
    total = len(all_codes)

    def verdict(i: int) -> tuple[Label, bool, bool]:
        if not total:
            return "undec", False, False
        if n_in[i] == total:
            return "in", True, True
        if n_out[i] == total:
            return "out", False, False
        if n_in[i]:
            return "credulous", True, False
        return "undec", False, False

    scores = gradual.scores if gradual is not None else {}
    claims: dict[str, ClaimStatus] = {}
    for i in range(n_claims):
        label, credulous, sceptical = verdict(i)
        claims[names[i]] = ClaimStatus(names[i], label, credulous, sceptical, scores.get(names[i]))
    statuses = [
        InferenceStatus(step, verdict(n_claims + k)[0], scores.get(step.id)) for k, step in enumerate(steps)
    ]
    projected = {frozenset(names[i] for i in range(n_claims) if codes[i] == IN) for codes in all_codes}
    ordered = sorted(projected, key=lambda e: (len(e), sorted(e)))
    return Evaluation(semantics, bipolar, claims, ordered, statuses, gradual)
