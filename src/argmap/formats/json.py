"""argmap JSON: a versioned node-link document that reads back to the same map.

The shape (``format``, ``version``, ``meta``, ``nodes``, ``links``) is what graph tools
expect (``networkx.node_link_graph(doc, edges="links")`` reads it as it is), and what
``argmap.schema.json`` beside this module documents. Every claim field sits on its node; every
relation is one link from the claim that makes it. A linked support is one link with the
other premises in ``with``; an undercut is one link to the conclusion with the premise of the
attacked inference in ``from``.

Reading parses with pydantic-core (the stdlib's parser where it refuses the text, see
`_parse`) and builds the model's plain data directly; positions are only worked out when
something is wrong.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from argmap.errors import (
    Locator,
    MapError,
    did_you_mean,
    json_syntax_error,
    no_such_id,
    position,
)
from argmap.formats.options import no_options

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

FORMAT = "argmap"
VERSION = 1
SCHEMA_PATH = Path(__file__).with_name("argmap.schema.json")

NODE_FIELDS = ("id", "kind", "text", "quote", "section", "tags", "base_score")
#: Relations that are one plain list of target ids on a claim, and every ``relation`` a link
#: can name (the plain ones, linked supports and undercuts).
PLAIN_RELATIONS = ("supports", "attacks", "contrasts")
LINK_RELATIONS = (*PLAIN_RELATIONS, "linked", "undercuts")
_TOP_KEYS = ("format", "version", "directed", "multigraph", "meta", "nodes", "links")
_RELATION_KEYS = frozenset(LINK_RELATIONS)
_LINK_KEYS: dict[str, frozenset[str]] = {
    "supports": frozenset({"source", "target", "relation"}),
    "attacks": frozenset({"source", "target", "relation"}),
    "contrasts": frozenset({"source", "target", "relation"}),
    "linked": frozenset({"source", "target", "relation", "with"}),
    "undercuts": frozenset({"source", "target", "relation", "from"}),
}


# --- writing -------------------------------------------------------------------------------


def to_document(amap: ArgumentMap) -> dict[str, Any]:
    """The document as plain data (what `write` serialises)."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "directed": True,
        "multigraph": True,
        "meta": amap.meta.model_dump(exclude_none=True),
        "nodes": [_node(claim) for claim in amap.claims],
        "links": list(_links(amap)),
    }


def _node(claim: Any) -> dict[str, Any]:
    return {
        "id": claim.id,
        "kind": claim.kind,
        "text": claim.text,
        "quote": claim.quote,
        "section": claim.section,
        "tags": list(claim.tags),
        "base_score": claim.base_score,
    }


def _links(amap: ArgumentMap) -> Iterator[dict[str, Any]]:
    for claim in amap.claims:
        source = claim.id
        for relation in PLAIN_RELATIONS:
            for target in getattr(claim, relation):
                yield {"source": source, "target": target, "relation": relation}
        for link in claim.linked:
            yield {"source": source, "target": link.to, "relation": "linked", "with": list(link.with_)}
        for cut in claim.undercuts:
            yield {"source": source, "target": cut.to, "relation": "undercuts", "from": cut.from_}


OPTIONS = None


def write(amap: ArgumentMap, options: None = None, **fields: Any) -> str:
    """Pretty enough to diff (one node or link per line), fast enough for a million claims."""
    no_options("json", options, fields)
    document = to_document(amap)
    encode = json.JSONEncoder(ensure_ascii=False).encode
    parts = ["{"]
    parts += (
        f"  {encode(key)}: {encode(document[key])},"
        for key in ("format", "version", "directed", "multigraph", "meta")
    )
    for key, last in (("nodes", False), ("links", True)):
        items = document[key]
        if items:
            parts.append(f"  {encode(key)}: [")
            parts.append(",\n".join("    " + encode(item) for item in items))
            parts.append("  ]" + ("" if last else ","))
        else:
            parts.append(f"  {encode(key)}: []" + ("" if last else ","))
    parts.append("}")
    return "\n".join(parts) + "\n"


# --- reading -------------------------------------------------------------------------------


def read(text: str, *, path: str | None = None) -> ArgumentMap:
    """The map in an argmap JSON document; `MapError` with JSON path, line and column."""
    from argmap.memory import gc_paused
    from argmap.model import read_consuming

    with gc_paused():  # millions of fresh, acyclic containers: the collector only costs time
        return read_consuming(lambda consume: _read(text, path, consume=consume)[0])


def read_lenient(text: str, *, path: str | None = None) -> tuple[ArgumentMap, str | None, Locator]:
    """The map checked for shape only, its source text, and a locator for its model paths
    (``argmap check`` reports the cross-reference problems and drafts itself, located)."""
    from argmap.memory import gc_paused

    with gc_paused():
        return _read(text, path, consume=False, lenient=True)


def _read(
    text: str, path: str | None, *, consume: bool, lenient: bool = False
) -> tuple[ArgumentMap, str | None, Locator]:
    from argmap.model import validate_located

    try:
        document = _parse(text)
    except json.JSONDecodeError as exc:
        from argmap.formats import ARGDOWN_HINT, looks_like_argdown

        hint = (
            ARGDOWN_HINT
            if looks_like_argdown(text)
            else "check the brackets, commas and quotes just before this point"
        )
        raise json_syntax_error(exc, path=path, hint=hint) from None
    except RecursionError:
        raise MapError("the JSON is nested too deeply to be a map", path=path) from None

    def fail(message: str, where: tuple[Any, ...], hint: str | None = None, *, key: bool = False) -> MapError:
        line, column = position(text, _offset(text, where, key=key))
        return MapError(f"{message} (at {json_path(where)})", path=path, line=line, column=column, hint=hint)

    data = _to_model_data(document, fail)
    source_text = _source_text(data.get("meta"), path)
    where: list[tuple[Any, ...]] = []
    placed: list[tuple[int, int]] = []

    def locate(loc: tuple[Any, ...], key: bool) -> tuple[int, int] | None:
        where.append(_document_path(document, loc))
        placed.append(position(text, _offset(text, where[-1], key=key)))
        return placed[-1]

    try:
        amap = validate_located(
            data, path=path, source_text=source_text, locate=locate, lenient=lenient, consume=consume
        )
        return amap, source_text, locate
    except MapError as exc:
        if not where:
            raise
        at: dict[tuple[int | None, int | None], str] = {
            position: json_path(place) for place, position in zip(where, placed, strict=True)
        }
        raise MapError.of(
            [
                MapError(
                    f"{p.message} (at {at[p.line, p.column]})" if (p.line, p.column) in at else p.message,
                    path=path,
                    line=p.line,
                    column=p.column,
                    hint=p.hint,
                )
                for p in exc.problems
            ]
        ) from None


def _parse(text: str) -> Any:
    """pydantic-core's parser when the document is well formed, else the stdlib's.

    The Rust parser is quicker and shares repeated strings (ids, kinds, relation names), which
    saves memory on big maps. Anything it refuses goes through
    ``json.loads``, which either accepts it (NaN, very deep nesting) or says where it breaks.
    """
    from pydantic_core import from_json

    try:
        return from_json(text)
    except ValueError:
        return json.loads(text)


def _to_model_data(document: Any, fail: Any) -> dict[str, Any]:
    """``{"meta": ..., "claims": [...]}`` with every link put back on the claim that makes it."""
    if not isinstance(document, dict):
        raise fail(
            "an argmap JSON document is an object", (), 'write {"format": "argmap", "version": 1, ...}'
        )
    if "format" not in document:
        raise fail(
            'a JSON document argmap cannot read: tried argmap JSON (it has no "format": "argmap") '
            "and AIF (it has no AIF nodes)",
            (),
            "argmap reads the JSON of 'argmap export --to json' and AIF JSON (--from aif if it is AIF)",
        )
    if document["format"] != FORMAT:
        raise fail(
            f"this is not an argmap JSON document (format is {document['format']!r})",
            ("format",),
            'argmap JSON starts with "format": "argmap"; for AIF use --from aif',
        )
    for key in document:
        if key not in _TOP_KEYS:
            raise fail(f"unknown key {key!r}", (key,), did_you_mean(key, _TOP_KEYS), key=True)
    version = document.get("version")
    if type(version) is not int or version < 1:
        raise fail("version must be a whole number, 1 or more", ("version",), 'write "version": 1')
    if version > VERSION:
        raise fail(
            f"this document is version {version}, newer than this argmap reads ({VERSION})",
            ("version",),
            "upgrade argmap",
        )
    nodes = document.get("nodes", [])
    links = document.get("links", [])
    if not isinstance(nodes, list):
        raise fail("nodes must be a list", ("nodes",))
    if not isinstance(links, list):
        raise fail("links must be a list", ("links",))

    # The node dicts are freshly parsed and ours: relations are filled in place, not copied.
    relation_keys = _RELATION_KEYS
    by_id: dict[str, dict[str, Any]] = {}
    for index, node in enumerate(nodes):
        if type(node) is not dict:
            raise fail("a node must be an object", ("nodes", index), 'write {"id": ..., "text": ...}')
        if not relation_keys.isdisjoint(node):
            key = next(k for k in node if k in relation_keys)
            raise fail(f"{key!r} belongs in links, not on a node", ("nodes", index, key), None, key=True)
        claim_id = node.get("id")
        if type(claim_id) is str and claim_id not in by_id:
            by_id[claim_id] = node
    # null means "the default"; the model takes None itself for quote, section, base_score
    for node in nodes:
        if node.get("tags", ()) is None:
            del node["tags"]
        if node.get("kind", "") is None:
            del node["kind"]

    link_keys = _LINK_KEYS
    plain = {relation: link_keys[relation] for relation in PLAIN_RELATIONS}
    for index, link in enumerate(links):
        relation: Any = link.get("relation") if type(link) is dict else None
        keys = plain.get(relation) if type(relation) is str else None
        if keys is not None and link.keys() == keys:
            source = link["source"]
            maker = by_id.get(source) if type(source) is str else None
            if maker is not None:
                targets = maker.get(relation)
                if targets is None:
                    maker[relation] = [link["target"]]
                else:
                    targets.append(link["target"])
                continue
        _attach_other(link, index, by_id, fail)

    data: dict[str, Any] = {"claims": nodes}
    if "meta" in document:
        data["meta"] = document["meta"]
    return data


def _attach_other(link: Any, index: int, by_id: dict[str, dict[str, Any]], fail: Any) -> None:
    """A linked support or an undercut (or a malformed link, refused with its location); the
    caller's loop has attached every well-formed plain link with a known source."""
    relation: Any = link.get("relation") if type(link) is dict else None
    keys = _LINK_KEYS.get(relation) if type(relation) is str else None
    if keys is None or link.keys() != keys:
        _refuse_link(link, index, fail)
    source = link["source"]
    maker = by_id.get(source) if type(source) is str else None
    if maker is None:
        from argmap.model.references import unknown_id_hint

        raise fail(no_such_id(source), ("links", index, "source"), unknown_id_hint(str(source), by_id))
    if relation == "linked":
        maker.setdefault("linked", []).append({"to": link["target"], "with": link["with"]})
    else:
        maker.setdefault("undercuts", []).append({"from": link["from"], "to": link["target"]})


def _refuse_link(link: Any, index: int, fail: Any) -> NoReturn:
    """Why a link is malformed (only called for one that is)."""
    if type(link) is not dict:
        raise fail(
            "a link must be an object",
            ("links", index),
            'write {"source": ..., "target": ..., "relation": ...}',
        )
    relation = link.get("relation")
    if type(relation) is not str or relation not in _LINK_KEYS:
        raise fail(
            f"unknown relation {relation!r}",
            ("links", index, "relation"),
            did_you_mean(str(relation), LINK_RELATIONS) or "use one of: " + ", ".join(LINK_RELATIONS),
        )
    for key in link:
        if key not in _LINK_KEYS[relation]:
            allowed = ", ".join(sorted(_LINK_KEYS[relation]))
            raise fail(
                f"unknown key {key!r} in a {relation} link",
                ("links", index, key),
                f"allowed: {allowed}",
                key=True,
            )
    missing = sorted(_LINK_KEYS[relation] - link.keys())
    raise fail(f"the {relation} link has no {missing[0]!r}", ("links", index), f'add "{missing[0]}": ...')


def _source_text(meta: Any, path: str | None) -> str | None:
    from argmap.model.source_text import read_source_text

    return read_source_text(meta.get("source") if isinstance(meta, dict) else None, path)


# --- locations -----------------------------------------------------------------------------


def json_path(where: tuple[Any, ...]) -> str:
    """``nodes[3].kind`` style; ``$`` for the whole document."""
    text = ""
    for part in where:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "$"


def _document_path(document: dict[str, Any], loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """Where a model location (``claims.3.supports.0``) sits in the document (``links[7].target``)."""
    if not loc or loc[0] != "claims":
        return loc
    if len(loc) < 3 or not isinstance(loc[1], int) or loc[2] not in LINK_RELATIONS:
        return ("nodes", *loc[1:])
    index, relation = loc[1], loc[2]
    position = loc[3] if len(loc) > 3 else None
    nodes = document.get("nodes", [])
    source = nodes[index].get("id") if index < len(nodes) and isinstance(nodes[index], dict) else None
    seen = 0
    for link_index, link in enumerate(document.get("links", [])):
        if isinstance(link, dict) and link.get("source") == source and link.get("relation") == relation:
            if seen == position:
                rest = loc[4:]
                if rest[:1] == ("to",):
                    return ("links", link_index, "target")
                if relation in PLAIN_RELATIONS:
                    return ("links", link_index, "target")
                return ("links", link_index, *rest)
            seen += 1
    return ("nodes", index)


_SPACE = re.compile(r"[ \t\n\r]*")


def _offset(text: str, where: tuple[Any, ...], *, key: bool = False) -> int:
    """Character offset of the value (or key) at ``where``, else of the nearest enclosing value."""
    decoder = json.JSONDecoder()

    def skip(at: int) -> int:
        return _SPACE.match(text, at).end()  # type: ignore[union-attr]

    position = skip(0)
    try:
        for depth, part in enumerate(where):
            last = depth == len(where) - 1
            if isinstance(part, int):
                if text[position] != "[":
                    return position
                inner = skip(position + 1)
                for _ in range(part):
                    if text[inner] == "]":
                        return position
                    _, inner = decoder.raw_decode(text, inner)
                    inner = skip(inner)
                    inner = skip(inner + 1) if text[inner] == "," else inner
                if text[inner] == "]":
                    return position
                position = inner
            else:
                if text[position] != "{":
                    return position
                inner = skip(position + 1)
                while text[inner] == '"':
                    name, after = json.decoder.scanstring(text, inner + 1)  # type: ignore[attr-defined]
                    value = skip(skip(after) + 1)
                    if name == part:
                        if last and key:
                            return inner
                        position = value
                        break
                    _, inner = decoder.raw_decode(text, value)
                    inner = skip(inner)
                    inner = skip(inner + 1) if text[inner] == "," else inner
                else:
                    return position
    except (IndexError, ValueError):
        pass
    return position
