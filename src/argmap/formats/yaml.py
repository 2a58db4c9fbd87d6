"""argmap's native YAML format: read with exact locations, write normalised.

Reading builds plain data straight from libyaml's event stream (no ``yaml.safe_load``
and its constructors), and refuses what a map never needs and attackers love: anchors,
aliases, merge keys, custom tags, duplicate keys and several documents. Every scalar stays a
string (``null``/``~``/empty excepted), so YAML 1.1's ``no``/``on``/``1.0`` can never turn
an id or a text into a boolean or a number; pydantic converts the few numeric fields.

Locations are only computed when something is wrong: a second pass records the line and
column of every node, so a valid million-claim map never pays for them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NoReturn

import yaml

from argmap.errors import Locator, MapError
from argmap.formats.options import no_options

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_STANDARD_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = frozenset(
    _STANDARD_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)
Loc = tuple[int, int]
Path_ = tuple[Any, ...]


class _Locations:
    """Line/column of every value and mapping key, by pydantic-style path."""

    def __init__(self) -> None:
        self.values: dict[Path_, Loc] = {}
        self.keys: dict[Path_, Loc] = {}

    def find(self, path: Path_, *, key: bool = False) -> Loc | None:
        """The location of ``path``, else of its longest recorded prefix."""
        if key and path in self.keys:
            return self.keys[path]
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get(())


def _mark(event: Any) -> Loc:
    return event.start_mark.line + 1, event.start_mark.column + 1


def _scalar(event: Any, path: str | None) -> str | None:
    tag = event.tag
    if tag is None or tag == "!":
        if event.implicit[0] and event.value in _NULLS:
            return None
        return str(event.value)
    if tag in _PLAIN_TAGS:
        return None if tag.endswith(":null") else str(event.value)
    _refuse(
        event,
        path,
        f"the tag {tag!r} is not allowed",
        "remove the tag; argmap maps hold plain text, lists and mappings",
    )


def parse(text: str, path: str | None = None, *, locations: _Locations | None = None) -> Any:
    """Plain data from one YAML document; `MapError` (located) for anything unsafe or broken."""
    if locations is None:
        return _parse_fast(text, path)
    return _parse_located(text, path, locations)


def _parse_fast(text: str, path: str | None) -> Any:
    """`parse` without locations: the hot loop of every load (`_build`), and its errors.

    `_build` pulls events from the parser itself (``yaml.parse`` would add a generator step
    and a second method call per event), keeps the current container, its kind and the
    pending key in local variables, and decides the common event (a plain scalar in a
    mapping) in a few attribute reads. Every refusal goes through the same helpers as
    `_parse_located`, so messages and locations are the same.
    """
    loader = Loader(text)
    try:
        with _as_map_errors(text, path):
            return _build(loader.get_event, path)
    finally:
        loader.dispose()


@contextmanager
def _as_map_errors(text: str, path: str | None) -> Iterator[None]:
    """Every way parsing can fail as one located `MapError`, the same for both parsers; for a
    document that reads like Argdown, with the hint to read it as Argdown."""
    try:
        try:
            yield
        except MapError as exc:
            raise exc.with_path(path) if path else exc from None
        except yaml.MarkedYAMLError as exc:
            raise _syntax_error(exc, path, text) from None
        except yaml.YAMLError as exc:  # e.g. a reader error on control characters
            raise MapError(f"not valid YAML: {exc}", path=path) from None
    except MapError as exc:
        from argmap.formats import ARGDOWN_HINT, looks_like_argdown

        if not looks_like_argdown(text):
            raise
        raise MapError(
            exc.message, path=exc.path, line=exc.line, column=exc.column, hint=ARGDOWN_HINT
        ) from None


def _build(get_event: Callable[[], Any], path: str | None) -> Any:
    """Plain data from the parser's events, kept as tight as it gets (see `_parse_fast`)."""
    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    mapping_start, mapping_end = yaml.MappingStartEvent, yaml.MappingEndEvent
    sequence_start, sequence_end = yaml.SequenceStartEvent, yaml.SequenceEndEvent
    document_start, stream_end = yaml.DocumentStartEvent, yaml.StreamEndEvent
    nulls, no_key = _NULLS, _NO_KEY
    # (container, is_mapping) of the enclosing ones; a child is attached before it is entered
    stack: list[tuple[Any, bool]] = []
    push, pop = stack.append, stack.pop
    container: Any = None
    is_map, documents = False, 0
    key: Any = no_key
    root: Any = None
    pending: Any = None  # an event read ahead that the loop still has to handle
    while True:
        if pending is None:
            event = get_event()
        else:
            event, pending = pending, None
        kind = event.__class__
        if kind is scalar_event:
            if event.anchor is not None:
                _refuse_anchor(event, path)
            value = event.value
            if event.tag is None or event.tag == "!":
                if value in nulls and event.implicit[0]:
                    value = None
            else:
                value = _scalar(event, path)
            if is_map and key is no_key:
                if value is None or value == "<<" or value in container:
                    value = _key(event, value, container, path)
                key = value
                # most keys are followed by a plain scalar value: take it without dispatch
                event = get_event()
                if event.__class__ is not scalar_event or event.anchor is not None or event.tag is not None:
                    pending = event
                    continue
                value = event.value
                if value in nulls and event.implicit[0]:
                    value = None
        elif kind is mapping_end or kind is sequence_end:
            container, is_map = pop()
            key = no_key
            continue
        elif kind is mapping_start or kind is sequence_start:
            value = _container(event, path)
            if is_map and key is no_key:
                _refuse_complex_key(event)
        else:
            if kind is alias_event:
                _refuse_anchor(event, path, alias=True)
            elif kind is document_start:
                documents += 1
                if documents > 1:
                    _refuse_second_document(event, path)
            elif kind is stream_end:
                return root
            continue
        # a scalar value or a new container: attach it where it belongs
        if is_map:
            container[key] = value
            key = no_key
        elif container is not None:
            container.append(value)
        else:
            root = value
        if kind is not scalar_event:  # and enter the new container
            push((container, is_map))
            container = value
            is_map = kind is mapping_start


def _key(event: Any, value: str | None, mapping: dict[str, Any], path: str | None) -> str:
    """A scalar read as a mapping key: ``null`` is the text "null"; merge keys and repeats refused."""
    if value is None:
        value = "null"
    elif value == "<<" and event.implicit[0]:
        _refuse_merge(event, path)
    if value in mapping:
        _refuse_duplicate(event, path, value)
    return value


def _container(event: Any, path: str | None) -> dict[str, Any] | list[Any]:
    """A fresh mapping or list for a start event; anchors and custom tags refused."""
    if event.anchor is not None:
        _refuse_anchor(event, path)
    tag = event.tag
    if tag is not None and tag not in _PLAIN_TAGS and tag != "!":
        _refuse_tag(event, path)
    return {} if event.__class__ is yaml.MappingStartEvent else []


def _refuse(event: Any, path: str | None, message: str, hint: str) -> NoReturn:
    """Raise the `MapError` for something the event stream must not hold, at the event."""
    line, column = _mark(event)
    raise MapError(message, path=path, line=line, column=column, hint=hint)


def _refuse_merge(event: Any, path: str | None) -> NoReturn:
    _refuse(event, path, "merge keys (<<) are not allowed", "write the keys out in full")


def _refuse_duplicate(event: Any, path: str | None, key: str) -> NoReturn:
    _refuse(
        event,
        path,
        f"duplicate key {key!r}",
        "each key may appear once per mapping; remove or merge the repeats",
    )


def _refuse_tag(event: Any, path: str | None) -> NoReturn:
    _refuse(event, path, f"the tag {event.tag!r} is not allowed", "remove the tag")


def _refuse_complex_key(event: Any) -> NoReturn:
    _refuse(event, None, "a mapping key must be plain text, not a list or mapping", "write 'key: value'")


def _refuse_second_document(event: Any, path: str | None) -> NoReturn:
    _refuse(
        event,
        path,
        "a map file holds one YAML document, this is a second one",
        "remove the '---' line or split the file",
    )


def _parse_located(text: str, path: str | None, locations: _Locations) -> Any:
    """`parse` recording the line and column of every key and value (the error path)."""
    # Each frame: [container, its path, pending mapping key or _NO_KEY]
    stack: list[list[Any]] = []
    root: Any = None
    documents = 0
    events: Any = yaml.parse(text, Loader=Loader)
    with _as_map_errors(text, path):
        for event in events:
            kind = type(event)
            if kind is yaml.ScalarEvent:
                if event.anchor is not None:
                    _refuse_anchor(event, path)
                if stack and stack[-1][2] is _NO_KEY and isinstance(stack[-1][0], dict):
                    frame = stack[-1]
                    key = _scalar(event, path)
                    if key is None:
                        key = "null"
                    if key == "<<" and event.implicit[0]:
                        _refuse_merge(event, path)
                    if key in frame[0]:
                        _refuse_duplicate(event, path, key)
                    frame[2] = key
                    key_path = (*frame[1], key)
                    locations.keys[key_path] = _mark(event)
                    continue
                value = _scalar(event, path)
                if not stack:
                    root = value
                    locations.values[()] = _mark(event)
                else:
                    _attach(stack[-1], value, event, locations)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if event.anchor is not None:
                    _refuse_anchor(event, path)
                if event.tag is not None and event.tag not in _PLAIN_TAGS and event.tag != "!":
                    _refuse_tag(event, path)
                container: Any = {} if kind is yaml.MappingStartEvent else []
                if not stack:
                    root = container
                    child_path: Path_ = ()
                    locations.values[()] = _mark(event)
                else:
                    child_path = _attach(stack[-1], container, event, locations)
                stack.append([container, child_path, _NO_KEY])
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()
            elif kind is yaml.AliasEvent:
                _refuse_anchor(event, path, alias=True)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    _refuse_second_document(event, path)
    return root


class _NoKey:
    def __repr__(self) -> str:
        return "<no key>"


_NO_KEY: Any = _NoKey()


def _attach(frame: list[Any], value: Any, event: Any, locations: _Locations) -> Path_:
    container, base, key = frame
    if isinstance(container, dict):
        if key is _NO_KEY:
            _refuse_complex_key(event)
        container[key] = value
        frame[2] = _NO_KEY
        child: Path_ = (*base, key)
    else:
        child = (*base, len(container))
        container.append(value)
    locations.values[child] = _mark(event)
    return child


def _refuse_anchor(event: Any, path: str | None, *, alias: bool = False) -> NoReturn:
    what = "aliases (*name)" if alias else "anchors (&name)"
    _refuse(
        event,
        path,
        f"YAML {what} are not allowed in a map",
        "write the value out in full; anchors and aliases are never needed and can hide expansion bombs",
    )


def _syntax_error(exc: yaml.MarkedYAMLError, path: str | None, text: str) -> MapError:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "invalid YAML"
    hint = "check the indentation and quoting here"
    lines = text.splitlines() if mark else []
    line_text = lines[mark.line] if mark and mark.line < len(lines) else ""
    deeper = _over_indented(lines, mark.line) if mark else None
    if mark and "\t" in line_text[: mark.column + 1]:
        hint = "YAML does not allow tabs for indentation; use spaces"
    elif mark and deeper is not None:
        message, hint, column = deeper
        return MapError(f"not valid YAML: {message}", path=path, line=mark.line + 1, column=column, hint=hint)
    elif "maximum nesting depth" in problem:
        hint = "no argument map nests this deep; is this the right file?"
    elif "mapping values are not allowed" in problem:
        hint = "a text containing ': ' must be quoted"
    return MapError(
        f"not valid YAML: {problem}",
        path=path,
        line=mark.line + 1 if mark else None,
        column=mark.column + 1 if mark else None,
        hint=hint,
    )


#: ``key: value`` on one line: (indentation, "- " of a list item, key, value).
_KEY_LINE = re.compile(r"^( *)(- +)?([^\s#'\"{}\[\],:-][^:#]*?) *:(?: +(.*))?$")
_TOP_AND_META_KEYS = frozenset({"meta", "claims", "title", "author", "source", "licence", "url"})


def _over_indented(lines: list[str], at: int) -> tuple[str, str, int] | None:
    """(message, hint, column) when line ``at`` holds a key indented deeper than the key
    above it, whose value is on its own line: the parser then reads the key as more of that
    value, and its complaint (about ': ' or a missing key) would point the wrong way."""
    here = _KEY_LINE.match(lines[at]) if at < len(lines) else None
    if here is None or here.group(2):
        return None
    above = next(
        (line for line in reversed(lines[:at]) if line.strip() and not line.lstrip().startswith("#")), None
    )
    previous = _KEY_LINE.match(above) if above is not None else None
    if previous is None or not previous.group(4):
        return None  # a key after 'key:' alone is rightly deeper: it opens a nested mapping
    column = len(here.group(1)) + 1
    if column <= len(previous.group(1)) + len(previous.group(2) or "") + 1:
        return None
    key, other = here.group(3).strip(), previous.group(3).strip()
    section = next((line.split(":")[0] for line in reversed(lines[:at]) if line[:1].isalpha()), "")
    owner = {"claims": "this claim", "meta": "meta"}.get(section, "this mapping")
    hint = f"align it with the other keys of {owner}"
    if key not in _CLAIM_KEYS and key not in _TOP_AND_META_KEYS:
        hint += f" (or, if it goes on the value of {other!r}, put that value in quotes)"
    return f"{key!r} is indented deeper than {other!r} above it", hint, column


def read(text: str, *, path: str | None = None) -> ArgumentMap:
    """Parse and validate a native map; quotes are checked against ``meta.source``."""
    return _read(text, path, lenient=False)[0]


def read_lenient(text: str, *, path: str | None = None) -> tuple[ArgumentMap, str | None, Locator]:
    """The map checked for shape only, its source text, and a locator for its paths.

    ``argmap check`` reports every cross-reference problem itself, each at its location.
    """
    return _read(text, path, lenient=True)


def comment_lines(text: str) -> int:
    """How many lines hold a ``#`` comment, which a map does not keep (``convert`` says so).

    A ``#`` starts a comment at the start of a line or after a space, outside any scalar: the
    scanner's scalar tokens tell where the scalars are, quoted and block ones included.
    """
    import bisect

    candidates = [m.start() for m in _COMMENT_START.finditer(text)]
    if not candidates:
        return 0
    scalars = [
        (token.start_mark.index, token.end_mark.index)
        for token in yaml.scan(text, Loader=Loader)
        if isinstance(token, yaml.ScalarToken)
    ]
    starts = [start for start, _end in scalars]
    lines: set[int] = set()
    line, seen = 0, 0
    for offset in candidates:
        line, seen = line + text.count("\n", seen, offset), offset
        place = bisect.bisect_right(starts, offset) - 1
        if place < 0 or offset >= scalars[place][1]:
            lines.add(line)
    return len(lines)


#: Where a YAML comment may start: ``#`` at the start of a line or after a blank.
_COMMENT_START = re.compile(r"(?:^|(?<=[ \t]))#", re.MULTILINE)


def _read(text: str, path: str | None, *, lenient: bool) -> tuple[ArgumentMap, str | None, Locator]:
    from argmap.model import read_consuming

    return read_consuming(lambda consume: _validated(text, path, lenient=lenient, consume=consume))


def _validated(
    text: str, path: str | None, *, lenient: bool, consume: bool
) -> tuple[ArgumentMap, str | None, Locator]:
    from argmap.model import validate_located

    data = parse(text, path)
    if data is None:
        raise MapError(
            "the map is empty",
            path=path,
            line=1,
            column=1,
            hint="a map needs at least 'claims:' with a list of claims",
        )
    if not isinstance(data, dict):
        raise MapError(
            "a map must be a mapping with 'meta' and 'claims'",
            path=path,
            line=1,
            column=1,
            hint="start the file with 'claims:'",
        )
    locate = _locator(text, path)
    source_text = _source_text(data, path, lambda: locate(("meta", "source"), False))
    amap = validate_located(
        data, path=path, source_text=source_text, locate=locate, lenient=lenient, consume=consume
    )
    return amap, source_text, locate


def _locator(text: str, path: str | None) -> Locator:
    """Find locations by re-parsing once, on first use: valid maps never pay for it."""
    cache: list[_Locations] = []

    def locate(loc: Path_, key: bool = False) -> Loc | None:
        if not cache:
            locations = _Locations()
            parse(text, path, locations=locations)
            cache.append(locations)
        return cache[0].find(tuple(loc), key=key)

    return locate


def _source_text(data: dict[str, Any], path: str | None, where: Any) -> str | None:
    from argmap.model.source_text import read_source_text

    meta = data.get("meta")
    return read_source_text(meta.get("source") if isinstance(meta, dict) else None, path, where)


# -- writing -------------------------------------------------------------------------------

_CLAIM_KEYS = (
    "id",
    "kind",
    "text",
    "quote",
    "section",
    "tags",
    "supports",
    "attacks",
    "contrasts",
    "linked",
    "undercuts",
    "base_score",
)


class _Flow(list):  # type: ignore[type-arg]
    """A list dumped in flow style: ``[a, b]``."""


def _dumper() -> Any:
    base = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    class Dumper(base):  # type: ignore[misc, valid-type]
        pass

    Dumper.add_representer(
        _Flow, lambda d, data: d.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)
    )
    return Dumper


def to_data(amap: ArgumentMap) -> dict[str, Any]:
    """The normalised plain-data form: fixed key order, defaults left out."""
    meta = amap.meta.model_dump(exclude_none=True)
    claims = []
    for claim in amap.claims:
        item: dict[str, Any] = {}
        for key in _CLAIM_KEYS:
            value = getattr(claim, key)
            if value is None or value == [] or (key == "kind" and value == "claim"):
                continue
            if key == "linked":
                value = [{"to": x.to, "with": _Flow(x.with_)} for x in value]
            elif key == "undercuts":
                value = [{"from": x.from_, "to": x.to} for x in value]
            elif isinstance(value, list):
                value = _Flow(value)
            item[key] = value
        claims.append(item)
    data: dict[str, Any] = {}
    if meta:
        data["meta"] = meta
    data["claims"] = claims
    return data


OPTIONS = None


def write(amap: ArgumentMap, options: None = None, **fields: Any) -> str:
    """Native YAML that reads back to an equal map."""
    no_options("yaml", options, fields)
    return yaml.dump(
        to_data(amap), Dumper=_dumper(), sort_keys=False, allow_unicode=True, width=100, indent=2
    )
