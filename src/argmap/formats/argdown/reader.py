"""Argdown's model of a document (`document`) onto an `ArgumentMap`: the mapping the
package docstring describes, with a located warning for everything it cannot keep."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from argmap.errors import LineIndex, MapError, warn
from argmap.formats.argdown import document as am
from argmap.formats.argdown.ids import slug, unique, words_slug
from argmap.formats.argdown.parser import parse
from argmap.losses import Losses
from argmap.memory import gc_paused

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

DATA_KEYS = ("kind", "quote", "section", "base_score", "tags", "text", "contrasts")
META_KEYS = ("title", "author", "source", "licence", "url")


def read(text: str, *, path: str | None = None) -> ArgumentMap:
    """The map in an Argdown document; `MapError` (with line and column) if it is not Argdown."""
    text = text.removeprefix("\ufeff")
    locate = LineIndex(text, breaks=r"\r\n|\r|\n")
    with gc_paused():
        try:
            doc = parse(text)
        except am.ArgdownSyntaxError as error:
            at_line, at_column = locate(error.offset)
            raise MapError(
                error.message, path=path, line=at_line, column=at_column, hint=error.hint
            ) from None
        reader = _Reader(doc, locate, path)
        amap = reader.build()
    for message, line, column in reader.report.listed():  # sent from here: warn points at read's caller
        warn(message, path=path, line=line, column=column)
    return amap


@dataclass(eq=False)
class _Entry:
    """A claim in the making: an equivalence class or an argument."""

    node: am.EquivalenceClass | am.Argument
    is_argument: bool
    key: int
    id: str = ""
    text: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    data_offsets: dict[str, int] = field(default_factory=dict)
    supports: dict[str, None] = field(default_factory=dict)
    attacks: dict[str, None] = field(default_factory=dict)
    linked: dict[tuple[str, tuple[str, ...]], None] = field(default_factory=dict)
    undercuts: dict[tuple[str, str], None] = field(default_factory=dict)

    @property
    def label(self) -> str:
        title = self.node.title
        return f"<{title}>" if self.is_argument else f"[{title}]"


def _member_text(member: am.Statement) -> str:
    return member.clean.strip() or member.text.strip()


def _definitions(members: Iterable[am.Statement]) -> list[am.Statement]:
    return [m for m in members if not m.is_reference and _member_text(m)]


class _Reader:
    def __init__(self, doc: am.Document, locate: LineIndex, path: str | None) -> None:
        self.doc = doc
        self.locate = locate
        self.path = path
        self.report = Losses(locate)
        self.entries: dict[int, _Entry] = {}  # id(node) -> entry

    # ------------------------------------------------------------------ claims
    def build(self) -> ArgumentMap:
        entries = self.collect()
        self.assign_ids(entries)
        self.by_id = {entry.id: entry for entry in entries}
        self.member_of: dict[str, list[str]] | None = None
        for entry in entries:
            self.fill(entry)
        self.relations()
        self.sections_report()
        claims = [self.claim(entry) for entry in entries]
        meta = self.meta()
        return self.validate(meta, claims, entries)

    def collect(self) -> list[_Entry]:
        entries = []
        for ec in self.doc.statements.values():
            definitions = _definitions(ec.members)
            key = definitions[0].offset if definitions else min(m.offset for m in ec.members)
            entries.append(_Entry(ec, False, key))
        for argument in self.doc.arguments.values():
            definitions = _definitions(argument.members)
            if definitions or not argument.pcs or self.has_own_relations(argument):
                offsets = [m.offset for m in definitions] or [m.offset for m in argument.members]
                offsets += [argument.pcs_offset] if argument.pcs_offset is not None else []
                entries.append(_Entry(argument, True, min(offsets) if offsets else argument.offset))
        entries.sort(key=lambda e: e.key)
        for entry in entries:
            self.entries[id(entry.node)] = entry
        return entries

    def has_own_relations(self, argument: am.Argument) -> bool:
        return any(r.kind != am.UNDERCUT or r.source is argument for r in argument.rels)

    def assign_ids(self, entries: list[_Entry]) -> None:
        taken: set[str] = set()
        for entry in entries:  # data ``{id: ...}`` first: a title cannot spell every id
            given = self.given_id(entry)
            if given is not None and given not in taken:
                entry.id = given
                taken.add(given)
        for entry in entries:
            if entry.id:
                continue
            if not entry.node.auto:
                entry.id = unique(
                    slug(entry.node.title) or ("argument" if entry.is_argument else "statement"), taken
                )
        for entry in entries:
            if entry.node.auto and not entry.id:
                entry.id = unique(words_slug(self.text_of(entry)) or "statement", taken)

    def given_id(self, entry: _Entry) -> str | None:
        """The id a member's data names (``{id: Thesis}``, as the writer gives ids that are not
        their title's slug); a value that cannot be an id is reported and left out."""
        from argmap.model import ID_RULE, is_claim_id, normalize_id

        for member in entry.node.members:
            if not isinstance(member.data, dict) or "id" not in member.data:
                continue
            value = member.data["id"]
            if isinstance(value, str) and is_claim_id(normalize_id(value)):
                return normalize_id(value)
            offset = member.data_offset if member.data_offset is not None else member.offset
            self.report.add(f"data id {value!r} is not a valid claim id ({ID_RULE}); dropped", offset)
        return None

    def text_of(self, entry: _Entry) -> str:
        definitions = _definitions(entry.node.members)
        return _member_text(definitions[0]) if definitions else entry.node.title

    def fill(self, entry: _Entry) -> None:
        node = entry.node
        definitions = _definitions(node.members)
        entry.text = self.text_of(entry)
        if not definitions and not entry.is_argument:
            self.report.add(
                f"statement [{node.title}] is used but never given a text; its title stands in",
                min(m.offset for m in node.members),
            )
        for other in definitions[1:]:
            if _member_text(other) != entry.text:
                line = self.locate(definitions[0].offset)[0]
                self.report.add(
                    f"{entry.label} is defined again with a different text; argmap keeps the first (line {line})",
                    other.offset,
                )
        for member in node.members:
            for offset in member.links:
                self.report.add("link URL dropped (argmap keeps the link text only)", offset)
        self.read_data(entry)

    def read_data(self, entry: _Entry) -> None:
        for member in entry.node.members:
            data = member.data
            if data is None:
                continue
            offset = member.data_offset if member.data_offset is not None else member.offset
            if not isinstance(data, dict):
                self.report.add("data that is not a mapping {key: value} is ignored", offset)
                continue
            for key, value in data.items():
                if key in DATA_KEYS:
                    entry.data[key] = value
                    entry.data_offsets[key] = offset
                elif key != "id" and not (entry.is_argument and key == "from"):
                    self.report.add(f"data key {key!r} has no place in argmap; dropped", offset)

    # ------------------------------------------------------------------ relations
    def claim_id(self, node: Any) -> str | None:
        entry = self.entries.get(id(node))
        return entry.id if entry else None

    def relations(self) -> None:
        """Relations and inference steps, applied in the order they are written."""
        steps: list[tuple[int, int, Any]] = []
        undercuts: list[tuple[int, int, am.Relation, am.Occurrence]] = []
        seq = 0
        for relation in self.doc.relations:
            if relation.kind == am.UNDERCUT:
                for occurrence in relation.occurrences:
                    undercuts.append((occurrence.offset, seq, relation, occurrence))
                    seq += 1
            else:
                steps.append((min(o.offset for o in relation.occurrences), seq, relation))
                seq += 1
        for argument in self.doc.arguments.values():
            for index, statement in enumerate(argument.pcs):
                if statement.inference is not None:
                    steps.append((statement.inference.offset, seq, (argument, index)))
                    seq += 1
            entry = self.entries.get(id(argument))
            if entry is not None and argument.pcs:
                steps.append((argument.pcs_offset or 0, seq, (argument, None)))
                seq += 1
        for offset, _, item in sorted(steps, key=lambda s: (s[0], s[1])):
            if not isinstance(item, tuple):
                self.relation(item, offset)
            elif item[1] is None:
                self.main_support(item[0], offset)
            else:
                self.step(*item)
        for offset, _, relation, occurrence in sorted(undercuts, key=lambda u: (u[0], u[1])):
            self.undercut(relation, occurrence, offset)

    def ec_id(self, statement: am.Statement) -> str:
        return self.entries[id(self.doc.statements[statement.title])].id  # type: ignore[index]

    def add_support(self, source: str, target: str, offset: int) -> None:
        if source == target:
            self.report.add(f"claim {source!r} would support itself; dropped", offset)
            return
        self.by_id[source].supports.setdefault(target)

    def add_attack(self, source: str, target: str, offset: int) -> None:
        if source == target:
            self.report.add(f"claim {source!r} would attack itself; dropped", offset)
            return
        self.by_id[source].attacks.setdefault(target)

    def relation(self, relation: am.Relation, offset: int) -> None:
        source, target = self.claim_id(relation.source), self.claim_id(relation.target)
        if source is None or target is None:  # cannot happen: such arguments are claims
            self.report.add(
                f"{relation.kind} relation between elements argmap has no claim for; dropped", offset
            )
            return
        if relation.kind in (am.SUPPORT, am.ENTAILS):
            self.add_support(source, target, offset)
        elif relation.kind == am.ATTACK:
            self.add_attack(source, target, offset)
        else:
            name = "contradiction (><)" if relation.kind == am.CONTRADICTORY else "contrary (strict-mode -)"
            self.report.add(f"{name} represented as mutual attacks", offset)
            self.add_attack(source, target, offset)
            self.add_attack(target, source, offset)

    def premises(self, argument: am.Argument, index: int) -> list[am.Statement]:
        """The premises of the inference step that concludes ``argument.pcs[index]``."""
        conclusion = argument.pcs[index]
        inference = conclusion.inference
        uses = None
        for data in (inference.data if inference else None, conclusion.data):
            if isinstance(data, dict) and isinstance(data.get("uses"), list):
                uses = data["uses"]
                break
        if uses is not None:
            if all(isinstance(n, int) and not isinstance(n, bool) and 1 <= n <= index for n in uses) and uses:
                return [argument.pcs[n - 1] for n in uses]
            where = (
                inference.data_offset
                if inference and inference.data_offset is not None
                else conclusion.offset
            )
            self.report.add(
                f"'uses' must list earlier statement numbers (1 to {index}); read as the statements above",
                where,
            )
        premises = []
        for statement in reversed(argument.pcs[:index]):
            premises.append(statement)
            if statement.role == am.INTERMEDIARY:
                break
        return premises[::-1]

    def step(self, argument: am.Argument, index: int) -> None:
        conclusion = self.ec_id(argument.pcs[index])
        offset = argument.pcs[index].inference.offset  # type: ignore[union-attr]
        premises = list(dict.fromkeys(self.ec_id(p) for p in self.premises(argument, index)))
        if conclusion in premises:
            self.report.add(
                f"an inference concludes [{argument.pcs[index].title}] from itself; that premise is dropped",
                offset,
            )
            premises.remove(conclusion)
        if not premises:
            return
        if len(premises) == 1:
            self.add_support(premises[0], conclusion, offset)
        else:
            self.by_id[premises[0]].linked.setdefault((conclusion, tuple(premises[1:])))
        inference = argument.pcs[index].inference
        if inference is not None and inference.rules and any(inference.rules):
            rules = ", ".join(r for r in inference.rules if r)
            self.report.add(f"inference rules are not represented ({rules}); dropped", inference.offset)
        if inference is not None and isinstance(inference.data, dict):
            for key in inference.data:
                if key != "uses":
                    self.report.add(
                        f"inference data key {key!r} has no place in argmap; dropped", inference.offset
                    )

    def main_support(self, argument: am.Argument, offset: int) -> None:
        own = self.claim_id(argument)
        if own is not None:
            self.add_support(own, self.ec_id(argument.pcs[-1]), offset)

    def supported(self, claim: str) -> list[str]:
        """Every claim that ``claim`` supports, alone or in a linked group."""
        if self.member_of is None:
            self.member_of = {}
            for entry in self.by_id.values():
                for to, others in entry.linked:
                    for other in others:
                        self.member_of.setdefault(other, []).append(to)
        entry = self.by_id[claim]
        targets = [*entry.supports, *(to for to, _ in entry.linked), *self.member_of.get(claim, [])]
        return list(dict.fromkeys(targets))

    def undercut(self, relation: am.Relation, occurrence: am.Occurrence, offset: int) -> None:
        source = self.claim_id(relation.source)
        target = relation.target
        if source is None:
            self.report.add("undercut from an element argmap has no claim for; dropped", offset)
            return
        if isinstance(target, am.Inference) and target.argument is not None:
            argument, index = target.argument, target.conclusion_index
            premises = [self.ec_id(p) for p in self.premises(argument, index)]
            conclusion = self.ec_id(argument.pcs[index])
            premises = [p for p in premises if p != conclusion]
            if not premises:
                return
            chosen = premises[0]
            wanted = occurrence.data.get("from") if isinstance(occurrence.data, dict) else None
            if wanted is not None:
                if wanted in premises:
                    chosen = wanted
                else:
                    self.report.add(
                        f"'from: {wanted}' is not a premise of that inference; its first premise is used",
                        offset,
                    )
            self.by_id[source].undercuts.setdefault((chosen, conclusion))
            return
        claim = self.claim_id(target)
        if claim is None:
            self.report.add("undercut of an element argmap has no claim for; dropped", offset)
            return
        targets = self.supported(claim)
        if not targets:
            self.report.add(
                f"undercut of {claim!r}, which supports nothing, represented as an attack", offset
            )
            self.add_attack(source, claim, offset)
        for to in targets:
            self.by_id[source].undercuts.setdefault((claim, to))

    # ------------------------------------------------------------------ the rest
    def sections_report(self) -> None:
        for section in self.doc.all_sections:
            if section.parent is not None:
                self.report.add(
                    "nested headings are flattened: a claim keeps only its innermost heading as section",
                    section.offset,
                )
            if section.tags:
                self.report.add("heading tags have no place in argmap; dropped", section.offset)
            if section.data is not None:
                self.report.add("heading data has no place in argmap; dropped", section.offset)

    def claim(self, entry: _Entry) -> dict[str, Any]:
        node = entry.node
        tags = list(node.tags)
        if entry.is_argument:
            tags.insert(0, f"argument:{node.title}")
        elif not node.auto and node.title != entry.id:
            tags.insert(0, f"title:{node.title}")
        claim: dict[str, Any] = {"id": entry.id, "kind": "claim", "text": entry.text, "tags": tags}
        if node.section is not None:
            claim["section"] = node.section.clean_title
        for key, value in entry.data.items():
            claim[key] = self.checked(entry, key, value)
        if entry.supports:
            claim["supports"] = list(entry.supports)
        if entry.attacks:
            claim["attacks"] = list(entry.attacks)
        if entry.linked:
            claim["linked"] = [{"to": to, "with": list(others)} for to, others in entry.linked]
        if entry.undercuts:
            claim["undercuts"] = [{"from": f, "to": t} for f, t in entry.undercuts]
        return claim

    def checked(self, entry: _Entry, key: str, value: Any) -> Any:
        """A data value for a claim field, or a located `MapError` saying what is wrong."""
        from argmap.errors import did_you_mean
        from argmap.model import KINDS

        problem = None
        if key == "kind" and value not in KINDS:
            problem, hint = (
                f"kind {value!r} is not one of {', '.join(KINDS)}",
                did_you_mean(str(value), KINDS),
            )
        elif key == "base_score" and (
            isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1
        ):
            problem, hint = f"base_score must be a number from 0 to 1, not {value!r}", None
        elif key in ("quote",) and not isinstance(value, str):
            problem, hint = f"quote must be text, not {value!r}", "quote it"
        elif key == "section" and value is not None and not isinstance(value, str):
            problem, hint = f"section must be text, not {value!r}", "quote it"
        elif key == "text" and not (isinstance(value, str) and value):
            problem, hint = "text must be non-empty text", None
        elif key in ("tags", "contrasts") and not (
            isinstance(value, list) and all(isinstance(v, str) for v in value)
        ):
            problem, hint = f"{key} must be a list of strings", None
        elif key == "contrasts":
            from argmap.model.references import unknown_id_hint

            for other in value:
                if other not in self.by_id:
                    problem, hint = (
                        f"contrasts names {other!r}, which is no claim id",
                        unknown_id_hint(other, self.by_id),
                    )
                    break
        if problem is None:
            return value
        line, column = self.locate(entry.data_offsets[key])
        raise MapError(f"{entry.label}: {problem}", path=self.path, line=line, column=column, hint=hint)

    def meta(self) -> dict[str, Any]:
        front = self.doc.front_matter
        offset = self.doc.front_matter_offset
        if front is None:
            return {}
        if not isinstance(front, dict):
            self.report.add("front matter that is not a mapping is ignored", offset)
            return {}
        meta: dict[str, Any] = {}
        for key, value in front.items():
            name = "licence" if key == "license" else key
            if name in META_KEYS and value is not None:
                if isinstance(value, list):
                    value = ", ".join(str(v) for v in value)
                meta[name] = value if isinstance(value, str) else str(value)
        ignored = [
            k
            for k in front
            if k not in (*META_KEYS, "license") and not (k == "model" and _only_mode(front[k]))
        ]
        if ignored:
            self.report.add(
                "front matter keys have no place in argmap and are ignored: " + ", ".join(map(str, ignored)),
                offset,
            )
        return meta

    def validate(
        self, meta: dict[str, Any], claims: list[dict[str, Any]], entries: list[_Entry]
    ) -> ArgumentMap:
        from pydantic import ValidationError

        from argmap.model import validate

        try:
            return validate({"meta": meta, "claims": claims}, path=self.path)
        except ValidationError as error:
            first = error.errors()[0]
            loc = first["loc"]
            offset = None
            if len(loc) > 1 and loc[0] == "claims" and isinstance(loc[1], int):
                offset = entries[loc[1]].key
            line, column = self.locate(offset) if offset is not None else (None, None)
            where = ".".join(str(p) for p in loc)
            raise MapError(f"{where}: {first['msg']}", path=self.path, line=line, column=column) from None


def _only_mode(model: Any) -> bool:
    return isinstance(model, dict) and set(model) <= {"mode", "removeTagsFromText"}
