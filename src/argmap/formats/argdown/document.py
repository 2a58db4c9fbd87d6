"""Argdown's own model of a document: equivalence classes, arguments, relations, sections.

Built the way Argdown 1.7.5 builds it (argdown-core's ``ModelPlugin`` and ``DataPlugin``),
so that the counts of a file (statements, arguments, explicit relations by kind, tags,
sections) are those ``argdown json`` reports. The reader then maps this model onto an
`ArgumentMap`; keeping the two steps apart keeps that mapping small and lets tests compare
this model with the reference tool's JSON directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SUPPORT, ATTACK, UNDERCUT = "support", "attack", "undercut"
ENTAILS, CONTRARY, CONTRADICTORY = "entails", "contrary", "contradictory"
TOP_LEVEL, RELATION_STATEMENT, PREMISE = "top-level-statement", "relation-statement", "premise"
INTERMEDIARY, MAIN_CONCLUSION, DESCRIPTION = (
    "intermediary-conclusion",
    "main-conclusion",
    "argument-description",
)

# Argdown's default shortcodes (argdown-core plugins/shortcodes.ts, MIT): ".x." and ":x:".
_SHORTCODE_NAMES = {
    "A": "∀",
    "E": "∃",
    "O": "𝗢",
    "P": "𝗣",
    "->": "→",
    "<->": "↔",
    "~": "¬",
    "^": "∧",
    "v": "∨",
    "v_": "⊻",
    "<>": "◇",
    "[]": "◻",
    "happy": "😀",
    "smile": "☺",
    "smiley": "☺",
    "laugh": "😆",
    "lol": "😆",
    "rofl": "🤣",
    "joy": "😂",
    "heart": "❤",
    "?": "❓",
    "question": "❓",
    "love": "😍",
    "wink": "😉",
    "shush": "🤫",
    "meh": "😐",
    "eye-roll": "🙄",
    "sad": "😢",
    "disappointed": "😞",
    "scream": "😱",
    "+1": "👍",
    "up": "👍",
    "-1": "👎",
    "down": "👎",
    "think": "🤔",
    "star": "⭐",
    "y": "✔",
    "agree": "✔",
    "n": "❌",
    "disagree": "❌",
}
SHORTCODES = {f"{d}{name}{d}": char for name, char in _SHORTCODE_NAMES.items() for d in ".:"}
SHORTCODES[":smile:"] = "☺️"


class ArgdownSyntaxError(Exception):
    """A place where the text is not Argdown; ``offset`` is where it went wrong."""

    def __init__(self, message: str, offset: int, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.hint = hint


@dataclass(eq=False, slots=True)
class Section:
    id: str
    level: int
    title: str
    clean_title: str
    offset: int
    parent: Section | None = None
    children: list[Section] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    data: Any = None


@dataclass(eq=False, slots=True)
class Inference:
    offset: int
    rules: list[str] = field(default_factory=list)
    data: Any = None
    data_offset: int | None = None
    conclusion_index: int = -1
    argument: Argument | None = None
    rels: dict[Relation, None] = field(default_factory=dict)


@dataclass(eq=False, slots=True)
class Statement:
    """One occurrence of a statement (or an argument description) in the text."""

    offset: int
    role: str | None = None
    title: str | None = None
    is_reference: bool = False
    text: str = ""  # as Argdown keeps it (tags included)
    clean: str = ""  # tags left out: argmap keeps tags apart
    tags: list[str] = field(default_factory=list)
    data: Any = None
    data_offset: int | None = None
    section: Section | None = None
    inference: Inference | None = None  # the inference a conclusion follows
    links: list[int] = field(default_factory=list)


@dataclass(eq=False, slots=True)
class EquivalenceClass:
    title: str
    auto: bool = False  # title made up by Argdown ("Untitled N")
    members: list[Statement] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    data: Any = None
    section: Section | None = None
    rels: dict[Relation, None] = field(default_factory=dict)


@dataclass(eq=False, slots=True)
class Argument:
    title: str
    auto: bool = False
    offset: int = 0
    members: list[Statement] = field(default_factory=list)
    pcs: list[Statement] = field(default_factory=list)
    pcs_offset: int | None = None
    tags: list[str] = field(default_factory=list)
    data: Any = None
    section: Section | None = None
    rels: dict[Relation, None] = field(default_factory=dict)


Member = EquivalenceClass | Argument | Inference


@dataclass(eq=False, slots=True)
class Occurrence:
    offset: int
    data: Any = None  # data written on the relation's child element


@dataclass(eq=False, slots=True)
class Relation:
    kind: str
    source: Member | None = None
    target: Member | None = None
    occurrences: list[Occurrence] = field(default_factory=list)


@dataclass
class Document:
    statements: dict[str, EquivalenceClass] = field(default_factory=dict)
    arguments: dict[str, Argument] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)  # top level, as Argdown lists them
    all_sections: list[Section] = field(default_factory=list)
    tags: dict[str, None] = field(default_factory=dict)
    front_matter: Any = None
    front_matter_offset: int = 0
    strict: bool = False
    text: str = ""

    def counts(self) -> dict[str, Any]:
        """The figures the corpus README and ``argdown json`` give for a file."""
        kinds: dict[str, int] = {}
        for relation in self.relations:
            kinds[relation.kind] = kinds.get(relation.kind, 0) + 1
        return {
            "statements": len(self.statements),
            "arguments": len(self.arguments),
            "reconstructed": sum(1 for a in self.arguments.values() if a.pcs),
            "relations": kinds,
            "tags": len(self.tags),
            "sections": len(self.sections),
        }


class RelationIndex:
    """The document's relations by (source, target, kind), kept in step with each member's
    ``rels`` as relations are added, moved and merged."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.index: dict[tuple[int, int, str], Relation] = {}

    def find(self, source: Member | None, target: Member | None, kind: str) -> Relation | None:
        return self.index.get((id(source), id(target), kind))

    def add(self, relation: Relation) -> None:
        self.doc.relations.append(relation)
        self.attach(relation)

    def attach(self, relation: Relation) -> None:
        assert relation.source is not None and relation.target is not None
        relation.source.rels[relation] = None
        relation.target.rels[relation] = None
        self.index[(id(relation.source), id(relation.target), relation.kind)] = relation

    def detach(self, relation: Relation) -> None:
        assert relation.source is not None and relation.target is not None
        relation.source.rels.pop(relation, None)
        relation.target.rels.pop(relation, None)
        key = (id(relation.source), id(relation.target), relation.kind)
        if self.index.get(key) is relation:
            del self.index[key]

    def settle(self) -> None:
        """What Argdown does after the walk: sections fall back to the first member's, and
        relations move, turn strict or merge as its ModelPlugin leaves them."""
        doc = self.doc
        for ec in doc.statements.values():
            if ec.section is None and ec.members:
                ec.section = ec.members[0].section
        for argument in doc.arguments.values():
            if argument.section is None and argument.members:
                argument.section = argument.members[0].section
        self.transform_argument_relations()
        if doc.strict:
            self.transform_statement_relations()
        self.remove_redundant_attacks()

    def transform_argument_relations(self) -> None:
        """Relations of reconstructed arguments move to their conclusion / last inference."""
        kept: list[Relation] = []
        statements = self.doc.statements
        for relation in self.doc.relations:
            keep = True
            source, target = relation.source, relation.target
            if isinstance(source, Argument) and source.pcs:
                conclusion = statements[source.pcs[-1].title]  # type: ignore[index]
                keep = self._move(relation, conclusion, target)
            if keep and isinstance(target, Argument) and target.pcs and relation.kind == UNDERCUT:
                inference = target.pcs[-1].inference
                assert inference is not None
                keep = self._move(relation, relation.source, inference)
            if keep:
                kept.append(relation)
        self.doc.relations = kept

    def transform_statement_relations(self) -> None:
        """Strict mode: statement-to-statement support is entailment, attack is contrariety."""
        kept: list[Relation] = []
        for relation in self.doc.relations:
            source, target = relation.source, relation.target
            if isinstance(source, EquivalenceClass) and isinstance(target, EquivalenceClass):
                if relation.kind == SUPPORT:
                    self._rekind(relation, ENTAILS)
                elif relation.kind == ATTACK:
                    if self.find(source, target, CONTRARY) or self.find(target, source, CONTRARY):
                        self.detach(relation)
                        continue
                    self._rekind(relation, CONTRARY)
            kept.append(relation)
        self.doc.relations = kept

    def _move(self, relation: Relation, source: Member | None, target: Member | None) -> bool:
        """Give ``relation`` new ends; where a relation with those ends and kind exists, it
        takes over the occurrences and ``relation`` is gone (False)."""
        self.detach(relation)
        relation.source, relation.target = source, target
        existing = self.find(source, target, relation.kind)
        if existing is not None:
            existing.occurrences.extend(relation.occurrences)
            return False
        self.attach(relation)
        return True

    def _rekind(self, relation: Relation, kind: str) -> None:
        self.detach(relation)
        relation.kind = kind
        self.attach(relation)

    def remove_redundant_attacks(self) -> None:
        """An attack on an argument that only repeats an attack on one of its premises goes."""
        kept: list[Relation] = []
        for relation in self.doc.relations:
            ec, argument = relation.source, relation.target
            if not (
                isinstance(ec, EquivalenceClass)
                and relation.kind == ATTACK
                and isinstance(argument, Argument)
                and argument.pcs
            ):
                kept.append(relation)
                continue
            premises = {s.title for s in argument.pcs if s.role == PREMISE}
            for other in ec.rels:
                end = other.target if other.source is ec else other.source
                if not isinstance(end, EquivalenceClass) or end.title not in premises:
                    continue
                if (other.kind == ATTACK and other.source is ec) or other.kind in (CONTRADICTORY, CONTRARY):
                    self.detach(relation)
                    other.occurrences.extend(relation.occurrences)
                    break
            else:
                kept.append(relation)
        self.doc.relations = kept
