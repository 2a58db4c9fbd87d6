"""AIF JSON (AIFdb, DialAM, xAIF, OVA3, OVA2): read all five, write plain AIFdb JSON.

AIF is a bipartite graph: I-nodes hold propositions, S-nodes (RA, CA, MA, PA) join them, and
ARG-tech data adds a dialogue layer (L, YA, TA nodes, locutions, participants) on top. argmap
keeps the argument and projects it onto claims:

- I-node → claim ``n<nodeID>`` (lower-cased, characters that cannot be in an id become ``-``;
  a clash gets ``-2``, ``-3`` … in node order, with a warning). Kind ``claim``, text verbatim.
- RA with one I premise → ``supports``; with several → one ``linked`` entry on the first premise
  (in edge order) ``{to: conclusion, with: the other premises}``.
- CA → I: ``attacks``. CA → RA: ``undercuts: [{from: first premise, to: conclusion}]`` on the
  CA's attacker (the model treats an undercut of any premise of a linked group as hitting all).
- MA (rephrase/restatement) → the tag ``rephrases:<id>`` on the reformulation (the MA's input),
  naming the original, plus one warning. Why a tag: a rephrase is neither a reason nor a conflict.
  ``contrasts`` says "two sides of a comparison", the opposite of "the same thing said again"; a
  support, one way or both, would put inferences the annotator explicitly did not draw into
  support chains and acceptability. A tag keeps the pair, inert and lossless, until the model
  grows a ``rephrases`` relation.
- PA, the dialogue layer, EN notes and unknown types are skipped, each counted in one warning.
  Real-data faults (self-loops, dangling or duplicate edges, S-nodes without an I premise or
  conclusion, CA → TA and other stray edges, non-default scheme names) are dropped with one
  located warning per kind, never an exception.

Writing gives AIFdb JSON (``nodes``, ``edges``, ``locutions: []``) that OVA3 and AIFdb load: one
RA per support (one RA with several premises per linked support), one CA per attack, a CA → RA
per undercut and an MA per ``rephrases:<id>`` tag. What AIF has no place for travels in an
``"argmap"`` key that AIF tools ignore:

- on each I-node: ``{"id", "kind", "quote", "section", "tags", "base_score", "contrasts"}``
  (defaults left out);
- on an undercut's CA node: ``{"from": premise}`` (which premise of a linked group it names);
- at the top level: ``{"format": 1, "meta": {...}}``.

Reading such a file gives the same map back: argmap → AIF → argmap is lossless. The other way,
AIF → argmap keeps I-node texts and the argument structure; lost (each with a warning) are scheme
names, PA, the dialogue layer, undercuts of an inference that has no I-node premise; lost quietly
are timestamps, OVA layout and the analysed source text, which are not part of the argument.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from argmap.errors import MapError, json_syntax_error, position, warn
from argmap.formats.options import writer_options
from argmap.losses import Losses

if TYPE_CHECKING:
    from collections.abc import Callable

    from argmap.model import ArgumentMap

EXTENSION = "argmap"
REPHRASE_TAG = "rephrases:"
ARGUMENT_TYPES = frozenset({"I", "RA", "CA", "MA"})
S_TYPES = frozenset({"RA", "CA", "MA"})
DIALOGUE_TYPES = ("L", "YA", "TA")
DEFAULT_SCHEMES = frozenset(
    {"", "RA", "CA", "MA", "Default Inference", "Default Conflict", "Default Rephrase"}
)
#: AIFdb scheme ids OVA assigns to the default S-nodes.
SCHEMES = {
    "RA": ("Default Inference", "72"),
    "CA": ("Default Conflict", "71"),
    "MA": ("Default Rephrase", "144"),
}
_SLUG_BAD = re.compile(r"[^a-z0-9._-]+")
_MAX_ID = 200


# --------------------------------------------------------------------------- reading


@dataclass
class _Node:
    id: str
    type: str
    text: str
    raw: dict[str, Any]


_MESSAGES = {
    "bad_node": "skipped {n} node(s) that are not objects with a nodeID and a type",
    "bad_edge": "skipped {n} edge(s) that are not objects with fromID and toID",
    "duplicate_node": "skipped {n} node(s) whose nodeID was already used",
    "en": "skipped {n} EN (annotator note) node(s): they are not part of AIF",
    "pa": "skipped {n} PA (preference) node(s): argmap has no preferences",
    "unknown_type": "skipped {n} node(s) of a type AIF does not define",
    "self_loop": "dropped {n} self-loop edge(s)",
    "dangling": "dropped {n} edge(s) to a node that does not exist",
    "duplicate_edge": "dropped {n} duplicate edge(s)",
    "stray_edge": "ignored {n} edge(s) argmap cannot interpret",
    "unanchored": "skipped {n} S-node(s) without an I-node premise or conclusion",
    "lost_undercut": "dropped {n} undercut(s) of an inference that has no I-node premise or conclusion",
    "self_relation": "dropped {n} relation(s) of a claim to itself",
    "scheme": "kept {n} S-node(s) with a named scheme as plain support/attack/rephrase: "
    "argmap has no argumentation schemes",
    "empty_text": "{n} I-node(s) have no text; their claims read '(no text)'",
    "id_clash": "{n} nodeID(s) give the same claim id as an earlier node; numbered them -2, -3, …",
    "bad_extension": "ignored {n} unusable 'argmap' key(s) on I-nodes",
}


def read(text: str, *, path: str | None = None) -> ArgumentMap:
    """Parse AIF JSON of any known variant into a validated map; warnings for what was dropped."""
    data = _parse_json(text, path)
    body, layout = _body(data, text, path)
    issues = Losses(lambda place: _locate(text, *place))
    nodes = _nodes(body, issues)
    claims, ids = _claims(nodes, issues)
    projection = _Projection(nodes, ids, issues)
    projection.run(_edges(body, nodes, issues))
    projection.apply(claims)
    _check_contrasts(claims, issues)
    _other_types(nodes, issues)
    # warnings are sent from here so that they point at the caller of `read`
    dialogue = _dialogue_message(nodes, body)
    if dialogue:
        warn(dialogue, path=path)
    for message, line, column in issues.counted(_MESSAGES):
        warn(message, path=path, line=line, column=column)
    if projection.rephrases:
        warn(
            f"kept {projection.rephrases} rephrase(s) (MA) as tags '{REPHRASE_TAG}<id>' on the reformulation: "
            "argmap has no rephrase relation",
            path=path,
        )
    return _finish(claims, _meta(data, layout), path)


def _parse_json(text: str, path: str | None) -> Any:
    try:
        return json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as error:
        raise json_syntax_error(
            error, path=path, hint="AIF files are JSON objects with 'nodes' and 'edges'"
        ) from None


def _locate(text: str, key: str, value: str = "") -> tuple[int | None, int | None]:
    """1-based line and column of ``"key": value`` (or of ``"key"``) in the JSON text."""
    pattern = rf'"{re.escape(key)}"\s*:'
    if value:
        pattern += rf'\s*"?{re.escape(value)}"?(?=\s*[,}}\]])'
    match = re.search(pattern, text)
    if match is None:
        return None, None
    return position(text, match.start())


def _shape_error(message: str, text: str, path: str | None, key: str, hint: str) -> MapError:
    line, column = _locate(text, key) if key else (1, 1)
    return MapError(message, path=path, line=line or 1, column=column or 1, hint=hint)


def _body(data: Any, text: str, path: str | None) -> tuple[dict[str, Any], dict[str, Any]]:
    """The object holding nodes and edges (unwrapping xAIF/OVA3), and the OVA layout if any."""
    if not isinstance(data, dict):
        raise _shape_error(
            f"expected a JSON object, found {type(data).__name__}",
            text,
            path,
            "",
            "AIF files are JSON objects with 'nodes' and 'edges'",
        )
    layout: dict[str, Any] = data["OVA"] if isinstance(data.get("OVA"), dict) else {}
    body = data.get("AIF", data)
    if not isinstance(body, dict):
        raise _shape_error(
            "'AIF' must be an object", text, path, "AIF", "xAIF wraps {'nodes', 'edges', ...} in 'AIF'"
        )
    nodes = body.get("nodes")
    if isinstance(nodes, dict):
        raise _shape_error(
            "'nodes' is an object of columns, not a list of nodes",
            text,
            path,
            "nodes",
            "this looks like a Hugging Face datasets record; turn each row into a node object first",
        )
    if not isinstance(nodes, list):
        raise _shape_error(
            "no 'nodes' list" if nodes is None else "'nodes' must be a list",
            text,
            path,
            "nodes" if nodes is not None else "",
            "AIF files are JSON objects with 'nodes' and 'edges'",
        )
    edges = body.get("edges", [])
    if not isinstance(edges, list):
        raise _shape_error("'edges' must be a list", text, path, "edges", "give 'edges' as a list of objects")
    return body, layout


def _is_ova2(nodes: list[Any]) -> bool:
    first = nodes[0] if nodes else None
    return isinstance(first, dict) and "nodeID" not in first and "id" in first


def _nodes(body: dict[str, Any], issues: Losses) -> dict[str, _Node]:
    """Nodes by nodeID (as a string), in file order; OVA2's ``id`` counts as nodeID."""
    key = "id" if _is_ova2(body["nodes"]) else "nodeID"
    nodes: dict[str, _Node] = {}
    for index, raw in enumerate(body["nodes"]):
        if not isinstance(raw, dict) or raw.get(key) is None or not isinstance(raw.get("type"), str):
            issues.add("bad_node", ("nodes", ""), f"nodes[{index}]")
            continue
        node_id = str(raw[key])
        if node_id in nodes:
            issues.add("duplicate_node", (key, node_id), f"nodeID {node_id}")
            continue
        node_text = raw.get("text")
        nodes[node_id] = _Node(node_id, raw["type"].strip(), "" if node_text is None else str(node_text), raw)
    return nodes


def _edges(body: dict[str, Any], nodes: dict[str, _Node], issues: Losses) -> list[tuple[str, str]]:
    """(from, to) pairs between existing nodes, without self-loops or duplicates."""
    seen: set[tuple[str, str]] = set()
    pairs: list[tuple[str, str]] = []
    for index, raw in enumerate(body.get("edges", [])):
        ends = _edge_ends(raw)
        if ends is None:
            issues.add("bad_edge", ("edges", ""), f"edges[{index}]")
            continue
        source, target = ends
        edge_key, edge_id = ("edgeID", str(raw["edgeID"])) if "edgeID" in raw else ("fromID", source)
        if source not in nodes or target not in nodes:
            issues.add("dangling", (edge_key, edge_id), f"edge {source} → {target}")
        elif source == target:
            issues.add("self_loop", (edge_key, edge_id), f"{nodes[source].type} {source} → itself")
        elif (source, target) in seen:
            issues.add("duplicate_edge", (edge_key, edge_id), f"edge {source} → {target}")
        else:
            seen.add((source, target))
            pairs.append((source, target))
    return pairs


def _edge_ends(raw: Any) -> tuple[str, str] | None:
    if not isinstance(raw, dict):
        return None
    if "fromID" in raw and "toID" in raw:
        source, target = raw["fromID"], raw["toID"]
    else:  # OVA2: {"from": {"id": ...}, "to": {"id": ...}}
        source, target = (
            raw.get(end, {}).get("id") if isinstance(raw.get(end), dict) else None for end in ("from", "to")
        )
    if source is None or target is None:
        return None
    return str(source), str(target)


def _slug(node_id: str) -> str:
    if node_id.isascii():
        slug = "n" + _SLUG_BAD.sub("-", node_id.lower())
    else:  # letters and digits of any script stay, as in any claim id
        from argmap.model import is_id_letter, normalize_id

        kept, in_run = ["n"], False
        for char in normalize_id(node_id.lower()):
            allowed = char in "._-" or is_id_letter(char)
            if allowed or not in_run:
                kept.append(char if allowed else "-")
            in_run = not allowed
        slug = "".join(kept)
    return slug[:_MAX_ID]


def _claims(nodes: dict[str, _Node], issues: Losses) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """Claim data by nodeID for every I-node, and the claim id of each."""
    from argmap.model import KINDS, is_claim_id

    claims: dict[str, dict[str, Any]] = {}
    ids: dict[str, str] = {}
    used: set[str] = set()
    for node in nodes.values():
        if node.type != "I":
            continue
        extension = node.raw.get(EXTENSION)
        data = _from_extension(extension, is_claim_id, KINDS) if isinstance(extension, dict) else {}
        if data.get("id") in used:
            del data["id"]
        if isinstance(extension, dict) and len(data) != len(extension):
            issues.add("bad_extension", ("nodeID", node.id), f"nodeID {node.id}")
        claim_id = data.pop("id", None) or _unique(_slug(node.id), used, issues, node.id)
        used.add(claim_id)
        if not node.text:
            issues.add("empty_text", ("nodeID", node.id), f"nodeID {node.id}")
        claims[node.id] = {"id": claim_id, "kind": "claim", "text": node.text or "(no text)", **data}
        ids[node.id] = claim_id
    return claims, ids


def _from_extension(
    extension: dict[str, Any], is_id: Callable[[str], bool], kinds: tuple[str, ...]
) -> dict[str, Any]:
    """The usable fields of an I-node's ``argmap`` key; a field of the wrong type is left out."""
    checks = {
        "id": lambda v: isinstance(v, str) and is_id(v),
        "kind": lambda v: v in kinds,
        "quote": lambda v: isinstance(v, str),
        "section": lambda v: isinstance(v, str),
        "tags": lambda v: isinstance(v, list) and all(isinstance(t, str) for t in v),
        "base_score": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v <= 1,
        "contrasts": lambda v: isinstance(v, list) and all(isinstance(t, str) and is_id(t) for t in v),
    }
    return {key: value for key, value in extension.items() if key in checks and checks[key](value)}


def _unique(slug: str, used: set[str], issues: Losses, node_id: str) -> str:
    if slug not in used:
        return slug
    issues.add("id_clash", ("nodeID", node_id), f"nodeID {node_id} → {slug}")
    number = 2
    while (candidate := f"{slug[: _MAX_ID - 8]}-{number}") in used:
        number += 1
    return candidate


class _Projection:
    """Turns S-nodes into relations on the claims of their I-node premises."""

    def __init__(self, nodes: dict[str, _Node], ids: dict[str, str], issues: Losses) -> None:
        self.nodes = nodes
        self.ids = ids
        self.issues = issues
        self.supports: dict[str, list[str]] = defaultdict(list)
        self.linked: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.attacks: dict[str, list[str]] = defaultdict(list)
        self.undercuts: dict[str, list[dict[str, str]]] = defaultdict(list)
        self.tags: dict[str, list[str]] = defaultdict(list)
        self.rephrases = 0
        self.premises: dict[str, list[str]] = defaultdict(list)
        self.conclusions: dict[str, list[str]] = defaultdict(list)
        #: RA nodeID → (premise nodeIDs, conclusion nodeID) for each inference it yielded
        self.inferences: dict[str, list[tuple[list[str], str]]] = defaultdict(list)

    def run(self, edges: list[tuple[str, str]]) -> None:
        for source, target in edges:
            self._sort_edge(source, target)
        s_nodes = [node for node in self.nodes.values() if node.type in S_TYPES]
        for node in s_nodes:
            if node.type == "RA":
                self._inference(node)
            elif node.type == "MA":
                self._rephrase(node)
        for node in s_nodes:
            if node.type == "CA":
                self._conflict(node)

    def _sort_edge(self, source: str, target: str) -> None:
        """Keep I → S, S → I and CA → RA; YA → S anchoring is dialogue; other S or I edges warn."""
        from_type, to_type = self.nodes[source].type, self.nodes[target].type
        if from_type == "I" and to_type in S_TYPES:
            self.premises[target].append(source)
        elif from_type in S_TYPES and (to_type == "I" or (from_type, to_type) == ("CA", "RA")):
            self.conclusions[source].append(target)
        elif from_type == "YA" and to_type in S_TYPES:
            return
        elif from_type in S_TYPES or to_type in S_TYPES or from_type == to_type == "I":
            self.issues.add("stray_edge", ("fromID", source), f"{from_type} {source} → {to_type} {target}")

    def _i_conclusions(self, node: _Node) -> list[str]:
        return [c for c in self.conclusions[node.id] if self.nodes[c].type == "I"]

    def _anchored(self, node: _Node, premises: list[str], conclusions: list[str]) -> bool:
        """An S-node with premises and conclusions is projected (its scheme checked); others warn."""
        if premises and conclusions:
            self._scheme(node)
            return True
        missing = "premise" if not premises else "conclusion"
        self.issues.add("unanchored", ("nodeID", node.id), f"{node.type} {node.id} has no I-node {missing}")
        return False

    def _scheme(self, node: _Node) -> None:
        scheme = node.raw.get("scheme")
        name = scheme if isinstance(scheme, str) and scheme else node.text
        if name.strip() not in DEFAULT_SCHEMES:
            self.issues.add("scheme", ("nodeID", node.id), f"{node.type} {node.id} '{name}'")

    def _without_self(self, source: str, target: str, node: _Node) -> bool:
        if source != target:
            return True
        self.issues.add(
            "self_relation", ("nodeID", node.id), f"{node.type} {node.id} joins {self.ids[source]} to itself"
        )
        return False

    def _inference(self, node: _Node) -> None:
        premises, conclusions = self.premises[node.id], self._i_conclusions(node)
        if not self._anchored(node, premises, conclusions):
            return
        for conclusion in conclusions:
            group = [p for p in premises if self._without_self(p, conclusion, node)]
            if not group:
                continue
            self.inferences[node.id].append((group, conclusion))
            first, *rest = group
            if rest:
                self.linked[first].append({"to": self.ids[conclusion], "with": [self.ids[p] for p in rest]})
            else:
                self.supports[first].append(self.ids[conclusion])

    def _rephrase(self, node: _Node) -> None:
        premises, conclusions = self.premises[node.id], self._i_conclusions(node)
        if not self._anchored(node, premises, conclusions):
            return
        for premise in premises:
            for original in conclusions:
                if self._without_self(premise, original, node):
                    self.tags[premise].append(REPHRASE_TAG + self.ids[original])
                    self.rephrases += 1

    def _conflict(self, node: _Node) -> None:
        premises = self.premises[node.id]
        if not self._anchored(node, premises, self.conclusions[node.id]):
            return
        chosen = (
            node.raw.get(EXTENSION, {}).get("from") if isinstance(node.raw.get(EXTENSION), dict) else None
        )
        for target in self.conclusions[node.id]:
            if self.nodes[target].type == "I":
                for attacker in premises:
                    if self._without_self(attacker, target, node):
                        self.attacks[attacker].append(self.ids[target])
            elif target in self.inferences:
                for attacker in premises:
                    self.undercuts[attacker].extend(
                        self._undercut(group, conclusion, chosen)
                        for group, conclusion in self.inferences[target]
                    )
            else:
                self.issues.add("lost_undercut", ("nodeID", node.id), f"CA {node.id} → RA {target}")

    def _undercut(self, group: list[str], conclusion: str, chosen: Any) -> dict[str, str]:
        """The undercut of one inference; ``chosen`` (from argmap's own files) names the premise."""
        named = [self.ids[p] for p in group]
        return {"from": chosen if chosen in named else named[0], "to": self.ids[conclusion]}

    def apply(self, claims: dict[str, dict[str, Any]]) -> None:
        """Add the projected relations to the claim data (relations on I-nodes only)."""
        for node_id, claim in claims.items():
            for key, values in (
                ("supports", self.supports),
                ("linked", self.linked),
                ("attacks", self.attacks),
                ("undercuts", self.undercuts),
            ):
                if node_id in values:
                    claim[key] = values[node_id]
            if node_id in self.tags:
                tags = claim.setdefault("tags", [])
                tags.extend(tag for tag in dict.fromkeys(self.tags[node_id]) if tag not in tags)


def _dialogue_message(nodes: dict[str, _Node], body: dict[str, Any]) -> str | None:
    counts = Counter(node.type for node in nodes.values() if node.type in DIALOGUE_TYPES)
    parts = [f"{counts[t]} {t}" for t in DIALOGUE_TYPES if counts[t]]
    extras = [
        f"{len(value)} {name}"
        for name in ("locutions", "participants")
        if isinstance(value := body.get(name), list) and value
    ]
    if not parts and not extras:
        return None
    nodes_part = f"{', '.join(parts)} node(s)" if parts else ""
    what = "; ".join(p for p in (nodes_part, ", ".join(extras)) if p)
    return f"skipped the dialogue layer ({what}): argmap keeps the argument only (I, RA, CA, MA)"


def _other_types(nodes: dict[str, _Node], issues: Losses) -> None:
    for node in nodes.values():
        if node.type in ARGUMENT_TYPES or node.type in DIALOGUE_TYPES:
            continue
        kind = {"EN": "en", "PA": "pa"}.get(node.type, "unknown_type")
        issues.add(kind, ("nodeID", node.id), f"{node.type} {node.id}")


def _check_contrasts(claims: dict[str, dict[str, Any]], issues: Losses) -> None:
    """Contrasts come from argmap's own key; drop those naming no claim of this file."""
    known = {claim["id"] for claim in claims.values()}
    for node_id, claim in claims.items():
        if "contrasts" in claim:
            kept = [t for t in claim["contrasts"] if t in known and t != claim["id"]]
            if len(kept) != len(claim["contrasts"]):
                issues.add("bad_extension", ("nodeID", node_id), f"nodeID {node_id}: contrasts")
            claim["contrasts"] = kept


def _meta(data: dict[str, Any], layout: dict[str, Any]) -> dict[str, Any]:
    extension = data.get(EXTENSION)
    if isinstance(extension, dict) and isinstance(extension.get("meta"), dict):
        return {k: v for k, v in extension["meta"].items() if k in _META_KEYS and isinstance(v, str)}
    url = layout.get("url")
    return {"url": url} if isinstance(url, str) and url.strip() else {}


_META_KEYS = ("title", "author", "source", "licence", "url")


def _finish(claims: dict[str, dict[str, Any]], meta: dict[str, Any], path: str | None) -> ArgumentMap:
    from pydantic import ValidationError

    from argmap.model import validate

    try:
        return validate({"meta": meta, "claims": list(claims.values())}, path=path)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise MapError(f"the AIF graph gives an invalid map: {where}: {first['msg']}", path=path) from None


# --------------------------------------------------------------------------- writing


@dataclass(frozen=True)
class AifOptions:
    """``indent``: spaces per JSON level (None: the whole document on one line)."""

    indent: int | None = 2


OPTIONS = AifOptions


def write(amap: ArgumentMap, options: AifOptions | None = None, **fields: Any) -> str:
    """AIFdb JSON that OVA3/AIFdb load and that `read` turns back into the same map."""
    indent = writer_options("aif", AifOptions, options, fields).indent
    writer = _Writer(amap)
    document = {
        "nodes": writer.nodes,
        "edges": writer.edges,
        "locutions": [],
        EXTENSION: {"format": 1, "meta": amap.meta.model_dump(exclude_none=True)},
    }
    if writer.contrasts:
        warn(
            f"AIF has no contrast relation: {writer.contrasts} contrast(s) are kept only in the "
            f"'{EXTENSION}' key of the I-nodes, which other AIF tools ignore"
        )
    return json.dumps(document, ensure_ascii=False, indent=indent) + "\n"


class _Writer:
    """Builds the node and edge lists; S-nodes follow their claim's relation lists in order."""

    def __init__(self, amap: ArgumentMap) -> None:
        self.nodes: list[dict[str, Any]] = []
        self.edges: list[dict[str, Any]] = []
        self.contrasts = 0
        self.node_of: dict[str, str] = {}
        self.inference_of: dict[tuple[str, str], str] = {}
        for claim in amap.claims:
            self.node_of[claim.id] = self._node("I", claim.text, _extension(claim))
            self.contrasts += len(claim.contrasts)
        linked_inferences: list[tuple[str, list[str], str]] = []
        for claim in amap.claims:
            for target in claim.supports:
                s_node = self._s_node("RA", [claim.id], target)
                self.inference_of.setdefault((claim.id, target), s_node)
            for link in claim.linked:
                premises = [claim.id, *link.with_]
                linked_inferences.append((self._s_node("RA", premises, link.to), premises, link.to))
            for target in claim.attacks:
                self._s_node("CA", [claim.id], target)
        for s_node, premises, conclusion in linked_inferences:
            for premise in premises:
                self.inference_of.setdefault((premise, conclusion), s_node)
        for claim in amap.claims:
            for cut in claim.undercuts:
                ca = self._node("CA", SCHEMES["CA"][0], {"from": cut.from_}, scheme="CA")
                self._edge(self.node_of[claim.id], ca)
                self._edge(ca, self.inference_of[(cut.from_, cut.to)])
            for tag in claim.tags:
                original = tag[len(REPHRASE_TAG) :] if tag.startswith(REPHRASE_TAG) else None
                if original and original in self.node_of and original != claim.id:
                    self._s_node("MA", [claim.id], original)

    def _node(self, type_: str, text: str, extension: dict[str, Any] | None = None, scheme: str = "") -> str:
        node_id = str(len(self.nodes) + 1)
        node: dict[str, Any] = {"nodeID": node_id, "text": text, "type": type_}
        if scheme:
            node["scheme"], node["schemeID"] = SCHEMES[scheme]
        if extension:
            node[EXTENSION] = extension
        self.nodes.append(node)
        return node_id

    def _edge(self, source: str, target: str) -> None:
        self.edges.append(
            {"edgeID": str(len(self.edges) + 1), "fromID": source, "toID": target, "formEdgeID": None}
        )

    def _s_node(self, type_: str, premises: list[str], conclusion: str) -> str:
        s_node = self._node(type_, SCHEMES[type_][0], scheme=type_)
        for premise in premises:
            self._edge(self.node_of[premise], s_node)
        self._edge(s_node, self.node_of[conclusion])
        return s_node


def _extension(claim: Any) -> dict[str, Any]:
    """What AIF has no field for; defaults are left out to keep files small."""
    extension: dict[str, Any] = {"id": claim.id, "kind": claim.kind}
    for key in ("quote", "section", "base_score"):
        if getattr(claim, key) is not None:
            extension[key] = getattr(claim, key)
    for key in ("tags", "contrasts"):
        if getattr(claim, key):
            extension[key] = list(getattr(claim, key))
    return extension
