"""Lint rules for maps kept in version control: every finding located, coded and explained.

Loading is lenient here (shape only), so that every broken reference, duplicate id and
missing quote becomes a finding with its own code; the drafts ``load`` only warns about
(`DraftWarning`) are errors here.

Codes: AM1xx are errors (the map is wrong, or a draft: the problems the viewing commands only
warn about), AM2xx warnings (the map is probably incomplete). AM201 is retired: a claim not
connected to any thesis was a warning, and is now AM107, an error like the other drafts.
"""

from __future__ import annotations

import difflib
import warnings
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from argmap.errors import Locator, MapError
    from argmap.model import ArgumentMap, Claim
    from argmap.model.index import Index


#: code -> title, the table the README documents; the severity follows from the code (AM1xx, AM2xx).
_TITLES = {
    "AM100": "map cannot be read",
    "AM101": "unknown claim id",
    "AM102": "duplicate claim id",
    "AM103": "claim relates to itself",
    "AM104": "quote not found verbatim in the source",
    "AM105": "support cycle",
    "AM106": "undercut of a support that does not exist",
    "AM107": "claim not connected to any thesis",
    "AM108": "source text cannot be read",
    "AM202": "claim both supports and attacks the same target",
    "AM203": "relation listed twice",
    "AM204": "objection that nothing rebuts",
    "AM205": "thesis without support",
    "AM206": "map without a thesis",
    "AM207": "ids that differ only by case or width",
}
_SEVERITIES = {"1": "error", "2": "warning"}
#: code -> (severity, title)
RULES: dict[str, tuple[str, str]] = {code: (_SEVERITIES[code[2]], title) for code, title in _TITLES.items()}
_PROBLEM_CODES = {
    "unknown_id": "AM101",
    "duplicate_id": "AM102",
    "self_relation": "AM103",
    "quote_not_found": "AM104",
    "no_such_support": "AM106",
}


def unreadable(error: MapError) -> list[Finding]:
    """An unusable file's problems as findings, counted and annotated like the others: AM100,
    or the code of the check that found one (a broken reference beside a field error)."""
    return [
        Finding(
            _PROBLEM_CODES.get(p.kind or "", "AM100"), "error", p.message, p.hint, p.path, p.line, p.column
        )
        for p in error.problems
    ]


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    message: str
    hint: str | None
    path: str | None
    line: int | None
    column: int | None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def text(self) -> str:
        where = ":".join(str(x) for x in (self.path or "<map>", self.line, self.column) if x is not None)
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}: {self.code} {self.severity}: {self.message}{hint}"

    def github(self) -> str:
        """A GitHub Actions workflow command: shows up as an annotation on the file."""
        level = "error" if self.severity == "error" else "warning"
        props = [f"file={_gh_property(self.path or '')}"]
        if self.line is not None:
            props.append(f"line={self.line}")
        if self.column is not None:
            props.append(f"col={self.column}")
        props.append(f"title={_gh_property(self.code + ' ' + RULES[self.code][1])}")
        message = self.message + (f" ({self.hint})" if self.hint else "")
        return f"::{level} {','.join(props)}::{_gh_data(message)}"


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def check_file(path: str | None, *, fmt: str | None = None, max_bytes: int | None = None) -> list[Finding]:
    """Every finding for one map file (None = the bundled map); `MapError` if it is unusable."""
    from argmap.errors import DraftWarning
    from argmap.files import bundled_map_path, read_text
    from argmap.formats import choose_reader
    from argmap.memory import gc_paused
    from argmap.progress import progress_step

    target = str(bundled_map_path() if path is None else path)
    with gc_paused(), warnings.catch_warnings():
        # the drafts the readers warn about are errors here, reported below with a code
        warnings.simplefilter("ignore", DraftWarning)
        with progress_step("read", target):
            text = read_text(target, max_bytes=max_bytes)
            reader = choose_reader(target, text, fmt)
            if reader.lenient:
                amap, source_text, locate = reader.read_lenient(text, path=target)
            else:
                amap, source_text, locate = reader.read(text, path=target), None, _nowhere
        unreadable_source = None
        if source_text is None and amap.meta.source:
            source_text, unreadable_source = _source_text(amap, target)
        findings = check(amap, source_text=source_text, locate=locate, path=target)
    if unreadable_source is not None:
        where = locate(("meta", "source"), False) or (None, None)
        message, hint = unreadable_source
        findings.append(Finding("AM108", "error", message, hint, target, *where))
        findings.sort(key=_order)
    return findings


def _source_text(amap: ArgumentMap, map_path: str) -> tuple[str | None, tuple[str, str] | None]:
    """The text of ``meta.source``, or (message, hint) saying why it cannot be read."""
    from argmap.errors import MapError
    from argmap.model.source_text import cannot_read, load_source_text, source_file, source_hint

    file = source_file(amap, map_path)
    if file is None:
        return None, None
    try:
        return load_source_text(file), None
    except MapError as exc:
        return None, (
            cannot_read(str(amap.meta.source), exc),
            source_hint(map_path),
        )


def _nowhere(_loc: tuple[Any, ...], _key: bool = False) -> None:
    return None


def check(
    amap: ArgumentMap,
    *,
    source_text: str | None = None,
    locate: Locator = _nowhere,
    path: str | None = None,
) -> list[Finding]:
    """All findings, errors first, each group in map order."""
    from argmap.model import reference_problems
    from argmap.model.index import Index
    from argmap.model.references import unconnected

    findings: list[Finding] = []

    def add(code: str, loc: tuple[Any, ...], message: str, hint: str | None = None) -> None:
        where = locate(loc, False)
        findings.append(
            Finding(
                code,
                RULES[code][0],
                message,
                hint,
                path,
                where[0] if where else None,
                where[1] if where else None,
            )
        )

    for problem in reference_problems(amap, source_text):
        hint = problem.hint
        if problem.code == "quote_not_found" and source_text is not None:
            claim = amap.claims[problem.loc[1]]  # type: ignore[index]
            hint = _closest_span_hint(claim.quote or "", source_text)
        add(_PROBLEM_CODES[problem.code], problem.loc, problem.message, hint)

    ids = {claim.id for claim in amap.claims}
    usable = amap.model_copy(update={"claims": _deduplicated(amap, ids)})
    index = Index.of(usable)
    positions: dict[str, int] = {}
    for position, claim in enumerate(amap.claims):
        positions.setdefault(claim.id, position)
    loose = {amap.claims[position].id for position in unconnected(amap)}
    for code, loc, message, hint in _structure_rules(usable, index, positions, loose):
        add(code, loc, message, hint)
    for loc, message, hint in _look_alike_ids(usable, positions):
        add("AM207", loc, message, hint)
    findings.sort(key=_order)
    return findings


def _order(finding: Finding) -> tuple[bool, int, int, str]:
    """Errors first, each group in the order of the file."""
    return (finding.severity != "error", finding.line or 0, finding.column or 0, finding.code)


def _deduplicated(amap: ArgumentMap, ids: set[str]) -> list[Any]:
    """The claims with broken references dropped, first of each id kept: safe to index."""
    seen: set[str] = set()
    claims = []
    for claim in amap.claims:
        if claim.id in seen:
            continue
        seen.add(claim.id)

        def keep(targets: list[str], me: str = claim.id) -> list[str]:
            return [t for t in targets if t in ids and t != me]

        linked = [x for x in claim.linked if x.to in ids and all(w in ids for w in x.with_)]
        claims.append(
            claim.model_copy(
                update={
                    "supports": keep(claim.supports),
                    "attacks": keep(claim.attacks),
                    "contrasts": keep(claim.contrasts),
                    "linked": linked,
                    "undercuts": [],
                }
            )
        )
    return claims


def _structure_rules(
    amap: ArgumentMap, index: Index, positions: dict[str, int], loose: set[str]
) -> Iterator[tuple[str, tuple[Any, ...], str, str | None]]:
    """The rules on the shape of the argument; ``loose``: the claims not connected to a thesis."""
    theses = index.theses()
    claims = amap.claims

    for cycle in support_cycles(index):
        first = cycle[0]
        closing = cycle[-1]
        loc = ("claims", positions[closing], "supports")
        shown = " → ".join([*cycle, first])
        yield (
            "AM105",
            loc,
            f"support cycle: {shown}",
            "a claim cannot (even indirectly) support itself; remove one support",
        )

    for claim in claims:
        base = ("claims", positions[claim.id])
        both = sorted(set(claim.supports) & set(claim.attacks))
        for target in both:
            yield (
                "AM202",
                (*base, "attacks"),
                f"{claim.id!r} both supports and attacks {target!r}",
                "keep one of the two",
            )
        for field in ("supports", "attacks", "contrasts"):
            targets = getattr(claim, field)
            if len(set(targets)) != len(targets):
                twice = sorted({t for t in targets if targets.count(t) > 1})
                yield (
                    "AM203",
                    (*base, field),
                    f"{claim.id!r} lists {', '.join(twice)} twice in {field}",
                    "remove the repeat",
                )
        for partner in claim.contrasts:
            if claim.id in index.claims[partner].contrasts and claim.id < partner:
                yield (
                    "AM203",
                    (*base, "contrasts"),
                    f"the contrast {claim.id!r} ⇄ {partner!r} is declared on both sides",
                    "contrasts are symmetric: declare it once",
                )

    if not theses:
        yield (
            "AM206",
            (),
            "the map has no claim of kind 'thesis'",
            "mark the main claim(s) with 'kind: thesis'",
        )
        return
    for claim in claims:
        base = ("claims", positions[claim.id])
        for code, message, hint in _loose_ends(claim, index, loose):
            yield code, base, message, hint


def _look_alike_ids(
    amap: ArgumentMap, positions: dict[str, int]
) -> Iterator[tuple[tuple[Any, ...], str, str]]:
    """Each id that equals an earlier one but for case or width (``Thesis``, ``ｔｈｅｓｉｓ``
    after ``thesis``): valid, but most likely one claim meant twice."""
    from argmap.errors import folded

    first: dict[str, str] = {}
    for claim in amap.claims:
        earlier = first.setdefault(folded(claim.id), claim.id)
        if earlier != claim.id:
            yield (
                ("claims", positions[claim.id], "id"),
                f"the id {claim.id!r} differs from {earlier!r} only by case or width",
                "a likely mistake: use one spelling for one claim, or ids that differ clearly",
            )


def _loose_ends(claim: Claim, index: Index, loose: set[str]) -> Iterator[tuple[str, str, str]]:
    """(code, message, hint) for each way one claim hangs loose from the argument."""
    if claim.id in loose:
        yield (
            "AM107",
            f"{claim.id!r} is not connected to any thesis",
            "relate it to the argument or remove it",
        )
    if claim.kind == "objection" and not index.attackers(claim.id):
        yield "AM204", f"objection {claim.id!r} is not attacked by anything", "add a rebuttal, or concede it"
    if claim.kind == "thesis" and not index.supporters(claim.id):
        yield "AM205", f"thesis {claim.id!r} has no support", "add the reasons the text gives for it"


def support_cycles(index: Index) -> list[list[str]]:
    """The support graph's strongly connected components with a cycle, each once (Tarjan, iterative).

    Each is returned as one simple cycle through its first claim, in support order.
    """
    successors = {c: [e.target for e in index.outgoing[c] if e.kind == "supports"] for c in index.claims}
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    counter = 0
    for root in index.claims:
        if root in order:
            continue
        work = [(root, iter(successors[root]))]
        order[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in order:
                    order[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(successors[child])))
                elif child in on_stack:
                    low[node] = min(low[node], order[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == order[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(_one_cycle(set(component), successors, index))
    return components


def _one_cycle(members: set[str], successors: dict[str, list[str]], index: Index) -> list[str]:
    """A simple cycle inside one strongly connected component, from its first claim in map order."""
    start = next(c for c in index.claims if c in members)
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following: list[str] = []
        for node in frontier:
            for child in successors[node]:
                if child == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return path[::-1]
                if child in members and child not in previous:
                    previous[child] = node
                    following.append(child)
        frontier = following
    return [start]


def _closest_span_hint(quote: str, source: str) -> str:
    """Name the stretch of the source that looks most like the quote."""
    matcher = difflib.SequenceMatcher(None, source, quote, autojunk=False)
    block = max(matcher.get_matching_blocks(), key=lambda b: b.size)
    if block.size < 4:
        return "no similar passage found in the source; copy the span exactly"
    start = max(0, block.a - block.b)
    span = " ".join(source[start : start + len(quote)].split())  # line breaks as spaces, not '\n'
    line = source.count("\n", 0, start) + 1
    return f"closest passage, at source line {line}: '{span}'"
