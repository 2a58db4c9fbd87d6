"""JSON on stdout: indented UTF-8, and the claim list written a slice at a time."""

from __future__ import annotations

import json
import sys
from typing import Any

#: Claims serialised per slice by `print_claims_json`.
JSON_SLICE = 10_000


def print_json(data: Any, *, fast: bool = False) -> None:
    """Indented UTF-8 JSON on stdout.

    ``fast`` uses pydantic-core's encoder (5x the stdlib's on big maps, same bytes), for data
    with no float below 1e-4, which the two would spell differently; it also takes pydantic
    models as they are (by alias, as `claim_json` dumps them).
    """
    if fast:
        from pydantic_core import to_json

        sys.stdout.flush()
        sys.stdout.buffer.write(to_json(data, indent=2))
        sys.stdout.buffer.write(b"\n")
        return
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
    sys.stdout.write("\n")


def claim_json(claim: Any) -> dict[str, Any]:
    return claim.model_dump(mode="json", by_alias=True)  # type: ignore[no-any-return]


def print_claims(claims: list[Any]) -> None:
    """``{"claims": [...], "count": N}``, each claim as `claim_json` dumps it."""
    if any(c.base_score is not None and 0 < c.base_score < 1e-4 for c in claims):
        print_json({"claims": [claim_json(c) for c in claims], "count": len(claims)})
    else:
        print_claims_json(claims)


def print_claims_json(claims: list[Any]) -> None:
    """``{"claims": [...], "count": N}`` as `print_json` writes it, a slice of claims at a time.

    pydantic-core serialises the models themselves (no dict per claim in between), and a
    million claims never exist as one JSON document in memory (it would be 400 MB more).
    """
    from pydantic_core import to_json

    if not claims:
        print_json({"claims": [], "count": 0}, fast=True)
        return
    sys.stdout.flush()
    out = sys.stdout.buffer
    out.write(b'{\n  "claims": [\n')
    for start in range(0, len(claims), JSON_SLICE):
        part = to_json({"claims": claims[start : start + JSON_SLICE]}, indent=2)
        out.write((b",\n" if start else b"") + part[part.index(b"[\n") + 2 : part.rindex(b"\n  ]")])
    out.write(b'\n  ],\n  "count": %d\n}\n' % len(claims))
