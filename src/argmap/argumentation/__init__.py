"""Which claims stand: Dung acceptability, its bipolar variant, and gradual strength.

One module per job: `framework` (the framework type and labellings, all a reader needs),
`grounded` (the linear labelling), `search` (every extension of a semantics), `asp` (clingo on
the encodings in ``encodings/``: complete, preferred, stable, semi-stable, stage, ideal; the
ICCMA tasks: first N, count, one, credulous and sceptical acceptance, with a timeout),
`bipolar` (map to framework: undercut inferences and the bipolar option), `gradual`
(DF-QuAD, h-categoriser), `report` (`evaluate`: the verdict on every claim) and `names`
(the semantics and gradual methods by name).

The names below are imported lazily (PEP 562): a reader that needs only `Framework` does not
load the solvers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__all__ = [
    "GRADUAL",
    "SEMANTICS",
    "ClaimStatus",
    "Evaluation",
    "Framework",
    "GradualResult",
    "Inference",
    "InferenceStatus",
    "Label",
    "Labelling",
    "Strengths",
    "complete_extensions",
    "dfquad",
    "dfquad_scores",
    "evaluate",
    "evaluate_framework",
    "extensions",
    "framework_from_map",
    "framework_to_map",
    "gradual_name",
    "grounded_extension",
    "grounded_labelling",
    "h_categoriser",
    "h_categoriser_scores",
    "inferences",
    "labellings",
    "preferred_extensions",
    "semantics_name",
    "stable_extensions",
]

_HOME = {
    "Framework": "framework",
    "Labelling": "framework",
    "framework_to_map": "framework",
    "grounded_extension": "grounded",
    "grounded_labelling": "grounded",
    "SEMANTICS": "names",
    "complete_extensions": "search",
    "extensions": "search",
    "labellings": "search",
    "preferred_extensions": "search",
    "semantics_name": "names",
    "stable_extensions": "search",
    "Inference": "bipolar",
    "framework_from_map": "bipolar",
    "inferences": "bipolar",
    "GRADUAL": "names",
    "GradualResult": "gradual",
    "Strengths": "gradual",
    "dfquad": "gradual",
    "dfquad_scores": "gradual",
    "gradual_name": "names",
    "h_categoriser": "gradual",
    "h_categoriser_scores": "gradual",
    "ClaimStatus": "report",
    "Evaluation": "report",
    "InferenceStatus": "report",
    "Label": "report",
    "evaluate": "report",
    "evaluate_framework": "report",
}

if TYPE_CHECKING:
    from typing import Any

    from argmap.argumentation.bipolar import Inference, framework_from_map, inferences
    from argmap.argumentation.framework import Framework, Labelling, framework_to_map
    from argmap.argumentation.gradual import (
        GradualResult,
        Strengths,
        dfquad,
        dfquad_scores,
        h_categoriser,
        h_categoriser_scores,
    )
    from argmap.argumentation.grounded import grounded_extension, grounded_labelling
    from argmap.argumentation.names import GRADUAL, SEMANTICS, gradual_name, semantics_name
    from argmap.argumentation.report import (
        ClaimStatus,
        Evaluation,
        InferenceStatus,
        Label,
        evaluate,
        evaluate_framework,
    )
    from argmap.argumentation.search import (
        complete_extensions,
        extensions,
        labellings,
        preferred_extensions,
        stable_extensions,
    )


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'argmap.argumentation' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"argmap.argumentation.{home}"), name)
    globals()[name] = value
    return value
