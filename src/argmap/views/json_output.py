"""JSON on stdout: indented UTF-8, and the claim list written a slice at a time."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from itertools import islice
from typing import Any

#: Claims serialised per slice by `print_claims_json`; the first slice is at most `FIRST_SLICE`.
JSON_SLICE = 10_000
FIRST_SLICE = 200


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
    import json  # only for JSON output: the table views never pay for it

    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
    sys.stdout.write("\n")


def claim_json(claim: Any) -> dict[str, Any]:
    return claim.model_dump(mode="json", by_alias=True)  # type: ignore[no-any-return]


def print_claims(claims: Iterable[Any]) -> None:
    """``{"claims": [...], "count": N}``, each claim as `claim_json` dumps it, written a slice
    of claims at a time as they come (see `print_claims_json`)."""
    print_claims_json(claims)


def print_claims_json(claims: Iterable[Any]) -> None:
    """``{"claims": [...], "count": N}`` as `print_json` writes it, a slice of claims at a time.

    pydantic-core serialises the models themselves (no dict per claim in between), and a
    million claims never exist as one JSON document in memory (it would be 400 MB more).
    A slice with a base score below 1e-4 goes through the stdlib's encoder, which spells
    those as `print_json` does; every other byte is the same either way. The first slice
    is small, so the first rows of a long stream (a store's) come at once.
    """
    from pydantic_core import to_json

    claims = iter(claims)
    size = min(FIRST_SLICE, JSON_SLICE)
    part = list(islice(claims, size))
    if not part:
        print_json({"claims": [], "count": 0}, fast=True)
        return
    sys.stdout.flush()
    out = sys.stdout.buffer
    out.write(b'{\n  "claims": [\n')
    count = 0
    while part:
        if any(c.base_score is not None and 0 < c.base_score < 1e-4 for c in part):
            import json

            text = json.dumps({"claims": [claim_json(c) for c in part]}, ensure_ascii=False, indent=2)
            data = text.encode("utf-8")
        else:
            data = to_json({"claims": part}, indent=2)
        out.write((b",\n" if count else b"") + data[data.index(b"[\n") + 2 : data.rindex(b"\n  ]")])
        count += len(part)
        size = JSON_SLICE
        part = list(islice(claims, size))
    out.write(b'\n  ],\n  "count": %d\n}\n' % count)
