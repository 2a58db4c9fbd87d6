"""The canonical document and everything that checks it.

``schema`` holds the pydantic models, ``references`` the whole-map consistency checks,
``validation`` turns plain data into a validated map, ``messages`` words its errors,
``index`` is the relation index and networkx view derived from a map, ``source_text``
finds the text its quotes come from.
"""

from argmap.model.messages import describe_error
from argmap.model.references import Problem, reference_problems, support_pairs
from argmap.model.schema import ArgumentMap, Claim, Linked, Meta, Undercut
from argmap.model.validation import (
    CHUNK,
    InputConsumed,
    read_consuming,
    validate,
    validate_located,
)
from argmap.model.vocabulary import (
    ID_RULE,
    KINDS,
    RELATIONS,
    SLUG_PATTERN,
    Kind,
    is_claim_id,
    is_id_letter,
    normalize_id,
)

__all__ = [
    "CHUNK",
    "ID_RULE",
    "KINDS",
    "RELATIONS",
    "SLUG_PATTERN",
    "ArgumentMap",
    "Claim",
    "InputConsumed",
    "Kind",
    "Linked",
    "Meta",
    "Problem",
    "Undercut",
    "describe_error",
    "is_claim_id",
    "is_id_letter",
    "normalize_id",
    "read_consuming",
    "reference_problems",
    "support_pairs",
    "validate",
    "validate_located",
]
