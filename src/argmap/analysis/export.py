"""Exported documents: the map, or the part around one claim, in any writable format.

What a format accepts is read from the registry (`Format.option_names`, `Format.streaming`), so no
caller needs to know which formats draw: layout options go to the formats that take them,
and ``--status`` colours only the formats that have colours.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap.errors import MapError

if TYPE_CHECKING:
    from collections.abc import Iterator

    from argmap.formats import Format
    from argmap.model import ArgumentMap


@dataclass(frozen=True)
class Drawing:
    """How a drawing is laid out and coloured (``status`` names the semantics; None: no colours)."""

    cluster_by: str = "section"
    wrap: int = 30
    rankdir: str = "BT"
    status: str | None = None


def semantic_labels(amap: ArgumentMap, semantics: str | None) -> dict[str, str] | None:
    """Claim id -> in/out/undec/credulous under ``semantics``, or None for no labels."""
    if semantics is None:
        return None
    from argmap.argumentation import evaluate

    return dict(evaluate(amap, semantics=semantics).labels)


def drawing_statuses(amap: ArgumentMap, semantics: str | None) -> dict[str, str] | None:
    """Claim id -> in/out/undec under ``semantics`` (None: no colouring).

    Under preferred or stable semantics a claim in some extensions but not all is
    ``credulous``; drawings show it like ``undec``: neither settled in nor out.
    """
    labels = semantic_labels(amap, semantics)
    if labels is None:
        return None
    return {claim_id: "undec" if label == "credulous" else label for claim_id, label in labels.items()}


def export_document(
    amap: ArgumentMap,
    fmt: Format,
    *,
    claim_id: str | None = None,
    depth: int | None = None,
    drawing: Drawing = Drawing(),
    source: str | Path | None = None,
    target: str | Path | None = None,
    bipolar: bool = False,
) -> str | Iterator[str]:
    """``amap`` (read from ``source``) in ``fmt``, to be written to ``target``.

    Its source-text reference is rebased to point at the same file from the new place (from
    the working folder for stdout, `rebase_source`). A file's document comes whole. For stdout (``target`` None) a streaming format comes as
    lines: a million claims' drawing is written as it is made instead of being held whole,
    joined and encoded. A framework-only format (ICCMA, ASPARTIX) gets the map's framework as
    evaluate sees it: an argument per undercut inference and, with ``bipolar``, the attacks
    supports imply.
    """
    from argmap.model.source_text import rebase_source

    amap = rebase_source(amap, source, target)
    if claim_id is not None:
        from argmap.analysis.subgraph import part_around

        amap = part_around(amap, claim_id, depth)
    elif depth is not None:
        raise MapError("--depth needs an ID to count from", hint="e.g. argmap export thesis --depth 2")
    if fmt.framework_only:
        from argmap.argumentation import framework_from_map

        return fmt.write(amap, framework=framework_from_map(amap, bipolar=bipolar))
    if bipolar:
        raise MapError("--bipolar changes the attack framework", hint="use it with --to iccma or --to apx")
    options = _drawing_options(amap, fmt, drawing)
    if target is None and fmt.streaming:
        return fmt.generate(amap, **options)
    return fmt.write(amap, **options)


def _drawing_options(amap: ArgumentMap, fmt: Format, drawing: Drawing) -> dict[str, Any]:
    """The layout options ``fmt`` takes; a `MapError` for colours it cannot show."""
    accepted = fmt.option_names()
    if drawing.status is not None and "status" not in accepted:
        from argmap.formats import FORMATS

        colourful = [
            f"--to {f.name}" for f in FORMATS.values() if f.writable and "status" in f.option_names()
        ]
        raise MapError(
            f"--status colours drawings; the {fmt.name} format has no colours",
            hint="use " + " or ".join(colourful),
        )
    offered = {"cluster_by": drawing.cluster_by, "wrap": drawing.wrap, "rankdir": drawing.rankdir}
    options = {name: value for name, value in offered.items() if name in accepted}
    if "status" in accepted:
        options["status"] = drawing_statuses(amap, drawing.status)
    return options
