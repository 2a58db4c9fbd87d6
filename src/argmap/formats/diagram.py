"""The picture every drawing shows, worked out once: the DOT and Mermaid writers draw it.

Which claims, which helper points (the junction of a linked support, the inference an
undercut attacks) and which edges; the options both writers take and how they are checked;
the palette they share.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from argmap.errors import MapError
from argmap.formats.wrapping import wrap_text

if TYPE_CHECKING:
    from argmap.model import ArgumentMap, Claim

RANKDIRS = ("BT", "TB", "LR", "RL")
CLUSTER_BY = ("section", "none")
STATUSES = ("in", "out", "undec")

SUPPORT_COLOUR = "#2f855a"
ATTACK_COLOUR = "#c53030"
CONTRAST_COLOUR = "#718096"

#: kind -> node attributes (besides label); chosen so kinds differ in shape or colour even in print.
KIND_STYLE: dict[str, dict[str, str]] = {
    "thesis": {"shape": "box", "style": "rounded,filled,bold", "fillcolor": "#fde68a", "color": "#b45309"},
    "claim": {"shape": "box", "style": "rounded,filled", "fillcolor": "#dbeafe", "color": "#1d4ed8"},
    "evidence": {"shape": "note", "style": "filled", "fillcolor": "#dcfce7", "color": "#15803d"},
    "objection": {"shape": "box", "style": "rounded,filled", "fillcolor": "#fee2e2", "color": "#b91c1c"},
    "rebuttal": {"shape": "box", "style": "rounded,filled", "fillcolor": "#ede9fe", "color": "#6d28d9"},
}


@dataclass(frozen=True)
class DiagramOptions:
    """What a drawing writer can be asked: clusters, label width, direction, status colours.

    ``cluster_by``: "section" (a box per section) or "none"; ``wrap``: label width in
    columns (0: the text's own lines); ``rankdir``: BT, TB, LR or RL; ``status``: claim id
    → in/out/undec; ``show_ids``: the id above each label.
    """

    cluster_by: str = "section"
    wrap: int = 30
    rankdir: str = "BT"
    status: Mapping[str, str] | None = None
    show_ids: bool = True

    def checked(self) -> str:
        """The rank direction in upper case; `MapError` for any option out of range."""
        return _check_options(self.cluster_by, self.rankdir, self.wrap, self.status)


@dataclass(frozen=True)
class Point:
    """A helper node: the junction of a linked group, or the inference an undercut attacks.

    Its id starts with ``_``, which no claim id (a slug) can.
    """

    id: str
    role: str  # "linked" | "inference"
    section: str | None


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    role: str  # a key of EDGE_STYLE


@dataclass
class Diagram:
    claims: list[Claim]
    points: list[Point] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)


def diagram(amap: ArgumentMap) -> Diagram:
    """Claims, helper points and edges in map order.

    A linked group becomes one junction point: every premise flows into it, one arrow leaves
    it. An undercut support is routed through an inference point, which the undercutter
    attacks; an undercut of a linked premise attacks the group's junction. Contrasts are
    symmetric, so each pair is drawn once; repeated relations are drawn once.
    """
    section = {claim.id: claim.section for claim in amap.claims}
    undercut = {(cut.from_, cut.to) for claim in amap.claims for cut in claim.undercuts}
    result = Diagram(claims=list(amap.claims))
    inference_points: dict[tuple[str, str], list[str]] = {}
    contrasted: set[frozenset[str]] = set()

    def new_point(prefix: str, role: str, members: Iterable[str]) -> str:
        sections = {section.get(member) for member in members}
        point = Point(f"_{prefix}{len(result.points)}", role, sections.pop() if len(sections) == 1 else None)
        result.points.append(point)
        return point.id

    for claim in amap.claims:
        for target in dict.fromkeys(claim.supports):
            if (claim.id, target) in undercut:
                via = new_point("via", "inference", (claim.id, target))
                inference_points.setdefault((claim.id, target), []).append(via)
                result.edges += [Edge(claim.id, via, "premise"), Edge(via, target, "supports")]
            else:
                result.edges.append(Edge(claim.id, target, "supports"))
        for link in claim.linked:
            premises = list(dict.fromkeys((claim.id, *link.with_)))
            junction = new_point("link", "linked", (*premises, link.to))
            for premise in premises:
                result.edges.append(Edge(premise, junction, "premise"))
                inference_points.setdefault((premise, link.to), []).append(junction)
            result.edges.append(Edge(junction, link.to, "supports"))
        for target in dict.fromkeys(claim.attacks):
            result.edges.append(Edge(claim.id, target, "attacks"))
        for target in claim.contrasts:
            pair = frozenset((claim.id, target))
            if pair not in contrasted:
                contrasted.add(pair)
                result.edges.append(Edge(claim.id, target, "contrasts"))
    for claim in amap.claims:
        for cut in claim.undercuts:
            for point in dict.fromkeys(inference_points.get((cut.from_, cut.to), [])):
                result.edges.append(Edge(claim.id, point, "undercuts"))
    return result


def node_label(claim: Claim, wrap: int, show_ids: bool) -> list[str]:
    lines = wrap_text(claim.text, wrap)
    return [f"[{claim.id}]", *lines] if show_ids else lines


def _check_options(cluster_by: str, rankdir: str, wrap: int, status: Mapping[str, str] | None) -> str:
    if cluster_by not in CLUSTER_BY:
        raise MapError(f"cannot cluster by {cluster_by!r}", hint="choose one of: " + ", ".join(CLUSTER_BY))
    if rankdir.upper() not in RANKDIRS:
        raise MapError(f"unknown rank direction {rankdir!r}", hint="choose one of: " + ", ".join(RANKDIRS))
    if wrap < 0:
        raise MapError(f"wrap width must be 0 (no wrapping) or more, not {wrap}")
    for claim_id, value in (status or {}).items():
        if value not in STATUSES:
            raise MapError(
                f"unknown status {value!r} for claim {claim_id!r}", hint="use one of: " + ", ".join(STATUSES)
            )
    return rankdir.upper()
