"""Argdown's own model of a document: equivalence classes, arguments, relations, sections.

Built the way Argdown 1.7.5 builds it (argdown-core's grammar, ``ModelPlugin`` and
``DataPlugin``), so that the counts of a file (statements, arguments, explicit relations by
kind, tags, sections) are those ``argdown json`` reports. `argdown.py` then maps this model
onto an `ArgumentMap`; keeping the two steps apart keeps that mapping small and lets tests
compare this model with the reference tool's JSON directly.

The parser is recursive descent over the grammar but keeps explicit stacks for the two
nestings that can grow with the input (relations under relations, bold inside italic), so
deep files cannot exhaust Python's stack. Deviation from Argdown, on purpose: an undercut
written under a statement of a reconstruction targets an inference of *that* reconstruction
only (Argdown keeps the last inference of any earlier argument around).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from argmap.formats import _argdown_lexer as lx
from argmap.formats._argdown_lexer import Token

SUPPORT, ATTACK, UNDERCUT = "support", "attack", "undercut"
ENTAILS, CONTRARY, CONTRADICTORY = "entails", "contrary", "contradictory"
TOP_LEVEL, RELATION_STATEMENT, PREMISE = "top-level-statement", "relation-statement", "premise"
INTERMEDIARY, MAIN_CONCLUSION, DESCRIPTION = (
    "intermediary-conclusion",
    "main-conclusion",
    "argument-description",
)

_CONTENT_FIRST = frozenset(
    {
        lx.FREESTYLE,
        lx.UNUSED,
        lx.ESCAPED,
        lx.SPECIAL,
        lx.LINK,
        lx.A_BOLD_START,
        lx.U_BOLD_START,
        lx.A_ITALIC_START,
        lx.U_ITALIC_START,
        lx.TAG,
        lx.ARGUMENT_MENTION,
        lx.STATEMENT_MENTION,
        lx.NEWLINE,
    }
)
_FREESTYLE_FIRST = frozenset({lx.FREESTYLE, lx.UNUSED, lx.ESCAPED, lx.SPECIAL})
_END_OF = {
    lx.A_BOLD_START: lx.A_BOLD_END,
    lx.U_BOLD_START: lx.U_BOLD_END,
    lx.A_ITALIC_START: lx.A_ITALIC_END,
    lx.U_ITALIC_START: lx.U_ITALIC_END,
}
_RANGE_NAME = {
    lx.A_BOLD_START: ("bold", "**"),
    lx.U_BOLD_START: ("bold", "__"),
    lx.A_ITALIC_START: ("italic", "*"),
    lx.U_ITALIC_START: ("italic", "_"),
}
# relation token -> (kind, True when the parent is the source)
_RELATION_KIND = {
    lx.INC_SUPPORT: (SUPPORT, True),
    lx.INC_ATTACK: (ATTACK, True),
    lx.OUT_SUPPORT: (SUPPORT, False),
    lx.OUT_ATTACK: (ATTACK, False),
    lx.CONTRADICTION: (CONTRADICTORY, True),
    lx.INC_UNDERCUT: (UNDERCUT, True),
    lx.OUT_UNDERCUT: (UNDERCUT, False),
}
_TAG = re.compile("#(?:\\(([^)]+)\\)|([a-zA-z0-9\\-\\u00a0-\\ud7ff\\uf900-\\ufdcf\\ufdf0-\\uffef]+))")
_LINK = re.compile(r"\[(.+)\]\((.+)\)", re.DOTALL)

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


_JSON_STRING = r'"(?:[^"\\\x00-\x1f]|\\(?:["\\/bfnrt]|u(?![dD][89abAB])[0-9a-fA-F]{4}))*"'
_JSON_SCALAR = rf"(?:{_JSON_STRING}|-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?|null|true|false)"
_VALUE = rf"(?:{_JSON_SCALAR}|\[\s*(?:{_JSON_SCALAR}\s*(?:,\s*{_JSON_SCALAR}\s*)*)?\])"


@functools.cache
def _flow() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The flow mappings argmap writes (bare keys, JSON values), and their keys or strings."""
    key = "[A-Za-z_][A-Za-z0-9_]*"
    flow = re.compile(rf"\{{\s*(?:{key}\s*:\s*{_VALUE}\s*(?:,\s*{key}\s*:\s*{_VALUE}\s*)*)?\}}")
    return flow, re.compile(rf"({_JSON_STRING})|({key})(?=\s*:)")


def load_yaml(text: str, offset: int) -> Any:
    """YAML data; the flow mappings argmap writes (JSON values, bare keys) take a fast path."""
    flow, key_or_string = _flow()
    if flow.fullmatch(text):
        import json

        return json.loads(key_or_string.sub(lambda m: m.group(1) or f'"{m.group(2)}"', text))
    import yaml

    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # a safe loader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise ArgdownSyntaxError(
            f"the YAML data is not valid: {problem}", offset + (mark.index if mark else 0)
        ) from None


def _merge(old: Any, new: Any) -> Any:
    """lodash.merge for data blocks: dicts merge key by key, anything else replaces."""
    if isinstance(old, dict) and isinstance(new, dict):
        merged = dict(old)
        for key, value in new.items():
            merged[key] = _merge(merged.get(key), value)
        return merged
    return new


def _symbol(token: Token) -> int:
    """Where the symbol of an indented token starts (past its indentation)."""
    return token.offset + len(token.image) - len(token.image.lstrip(" \t'"))


def _union(target: list[str], tags: list[str]) -> None:
    for tag in tags:
        if tag not in target:
            target.append(tag)


class _Parser:
    def __init__(self, text: str, tokens: list[Token]) -> None:
        self.text = text
        self.tokens = tokens
        self.i = 0
        self.doc = Document(text=text)
        self.untitled = 0
        self.section_count = 0
        self.current_section: Section | None = None
        self.current_relation: Relation | None = None
        self.current_inference: Inference | None = None
        self.parents: list[Member] = []
        self.index: dict[tuple[int, int, str], Relation] = {}
        eof = Token(lx.EOF, "", len(text))
        self.padded = [*tokens, eof, eof, eof, eof]
        self.kinds = [t.kind for t in self.padded]

    # ------------------------------------------------------------------ tokens
    # The index never passes the first EOF, so looking two ahead stays inside the padding.
    def peek(self, ahead: int = 0) -> Token:
        return self.padded[self.i + ahead]

    def kind(self, ahead: int = 0) -> int:
        return self.kinds[self.i + ahead]

    def advance(self) -> Token:
        token = self.padded[self.i]
        if token.kind != lx.EOF:
            self.i += 1
        return token

    def expect(self, kind: int, message: str, hint: str | None = None) -> Token:
        if self.kind() != kind:
            found = self.peek()
            raise ArgdownSyntaxError(f"{message}, found {lx.NAMES[found.kind]}", found.offset, hint)
        return self.advance()

    # ------------------------------------------------------------------ document
    def document(self) -> Document:
        if self.kind() == lx.NEWLINE:
            self.advance()
        if self.kind() == lx.EMPTYLINE:
            self.advance()
        if self.kind() == lx.FRONT_MATTER:
            self.front_matter(self.advance())
            if self.kind() == lx.NEWLINE:
                self.advance()
            if self.kind() != lx.EOF:
                self.expect(lx.EMPTYLINE, "the front matter must be followed by an empty line")
        previous: Argument | None = None
        while self.kind() != lx.EOF:
            previous = self.element(previous)
            if self.kind() == lx.EMPTYLINE:
                self.advance()
            elif self.kind() != lx.EOF:
                self.unexpected_after_element()
        self.finish()
        return self.doc

    def front_matter(self, token: Token) -> None:
        image = token.image
        start = re.match(r"\s*={3,}", image).end()  # type: ignore[union-attr]
        end = re.search(r"={3,}\s*$", image[start:])
        body = image[start : start + end.start()] if end else image[start:]
        self.doc.front_matter = load_yaml(body, token.offset + start)
        self.doc.front_matter_offset = token.offset
        model = self.doc.front_matter.get("model") if isinstance(self.doc.front_matter, dict) else None
        self.doc.strict = isinstance(model, dict) and model.get("mode") == "strict"

    def element(self, previous: Argument | None) -> Argument | None:
        """One paragraph; returns the argument it defined (a following pcs belongs to it)."""
        kind = self.kind()
        if kind == lx.HEADING:
            self.heading()
        elif kind == lx.NUMBER:
            self.pcs(previous)
        elif kind in (lx.ARGUMENT_DEF, lx.ARGUMENT_REF):
            desc = self.node_with_relations(self.argument_head())
            return self.argument_of(desc)
        elif kind == lx.INDENT and self.kind(1) in (lx.ORDERED_ITEM, lx.UNORDERED_ITEM):
            self.list_block(self.kind(1))
        elif kind in _CONTENT_FIRST or kind in (lx.STATEMENT_DEF, lx.STATEMENT_REF):
            self.node_with_relations(self.statement_head(TOP_LEVEL))
        else:
            self.bad_paragraph_start()
        return None

    def bad_paragraph_start(self) -> None:
        token = self.peek()
        kind = token.kind
        if kind in lx.RELATIONS or kind == lx.INDENT:
            relation = self.peek(1) if kind == lx.INDENT else token
            raise ArgdownSyntaxError(
                f"relation {relation.image.strip()!r} has no statement or argument above it",
                _symbol(relation),
                "indent a relation under the statement or argument it belongs to, in the same paragraph (no empty line between)",
            )
        if kind == lx.INFERENCE_START:
            raise ArgdownSyntaxError(
                "an inference line (--) may only stand between the numbered statements of a reconstruction",
                token.offset,
                "put '(1) premise', '----', '(2) conclusion' on consecutive lines",
            )
        if kind == lx.FRONT_MATTER:
            raise ArgdownSyntaxError(
                "front matter (===) is only allowed at the top of the file",
                token.offset,
                "escape the '=' as '\\=' if it is text",
            )
        if kind == lx.DATA:
            raise ArgdownSyntaxError(
                "a data block {...} must follow a statement, argument, heading or inference",
                token.offset,
                "escape the '{' as '\\{' if it is text",
            )
        if kind in _END_OF.values():
            raise ArgdownSyntaxError(
                f"{token.image.strip()!r} closes a range that is not open here",
                token.offset,
                "escape it with a backslash if it is text",
            )
        raise ArgdownSyntaxError(f"a paragraph cannot start with {lx.NAMES[kind]}", token.offset)

    def unexpected_after_element(self) -> None:
        token = self.peek()
        kind = token.kind
        if kind in (lx.STATEMENT_REF, lx.ARGUMENT_REF, lx.STATEMENT_DEF, lx.ARGUMENT_DEF):
            raise ArgdownSyntaxError(
                f"{token.image!r} cannot stand inside or after other text",
                token.offset,
                "start a new paragraph (empty line) for it, mention it as @[Title] / @<Title>, or escape the brackets",
            )
        if kind in _CONTENT_FIRST:
            raise ArgdownSyntaxError(
                "text cannot follow a statement or argument reference",
                token.offset,
                "use a definition ([Title]: text) or start a new paragraph",
            )
        if kind in lx.RELATIONS:
            raise ArgdownSyntaxError(
                f"relation {token.image.strip()!r} is not indented under anything",
                _symbol(token),
                "indent relations under their statement or argument; an earlier relation of this paragraph must have equal or less indentation",
            )
        if kind == lx.NUMBER:
            raise ArgdownSyntaxError(
                "a numbered statement must start its own paragraph",
                token.offset,
                "put an empty line before the premise-conclusion structure",
            )
        if kind == lx.DEDENT or kind == lx.INDENT:
            raise ArgdownSyntaxError("unexpected indentation", token.offset)
        raise ArgdownSyntaxError(f"unexpected {lx.NAMES[kind]}", token.offset)

    # ------------------------------------------------------------------ headings
    def heading(self) -> None:
        token = self.advance()
        heading = Statement(token.offset)
        self.content(heading)
        if self.kind() == lx.DATA:
            self.data(heading)
            if self.kind() == lx.NEWLINE:
                self.advance()
        level = len(token.image) - 1
        self.section_count += 1
        section = Section(
            f"s{self.section_count}",
            level,
            heading.text.strip(),
            heading.clean.strip(),
            token.offset,
            tags=heading.tags,
            data=heading.data,
        )
        previous = self.current_section
        while previous is not None and previous.level >= level:
            previous = previous.parent
        if previous is None:
            self.doc.sections.append(section)
        else:
            previous.children.append(section)
            section.parent = previous
        self.doc.all_sections.append(section)
        self.current_section = section

    # ------------------------------------------------------------------ text
    def content(self, target: Statement) -> None:
        """statementContent: text, links, tags, mentions, bold/italic ranges, line breaks."""
        if self.kind() not in _CONTENT_FIRST:
            found = self.peek()
            raise ArgdownSyntaxError(
                f"missing text, found {lx.NAMES[found.kind]}",
                found.offset,
                "a definition needs its text on the same line ([Title]: text)",
            )
        open_ranges: list[Token] = []
        text, clean = [target.text], [target.clean]
        padded, kinds = self.padded, self.kinds
        while True:
            token = padded[self.i]
            kind = token.kind
            if kind in _CONTENT_FIRST:
                self.i += 1
                image = token.image
                if (
                    kind == lx.FREESTYLE
                    or kind == lx.UNUSED
                    or kind == lx.ARGUMENT_MENTION
                    or kind == lx.STATEMENT_MENTION
                ):
                    text.append(image)
                    clean.append(image)
                elif kind == lx.NEWLINE:
                    if kinds[self.i] in _CONTENT_FIRST:
                        if not text[-1].endswith(" "):
                            text.append(" ")
                        if not clean[-1].endswith(" "):
                            clean.append(" ")
                elif kind == lx.ESCAPED:
                    text.append(image[1:])
                    clean.append(image[1:])
                elif kind == lx.SPECIAL:
                    char = SHORTCODES.get(image.strip())
                    piece = image if char is None else char + (" " if image.endswith(" ") else "")
                    text.append(piece)
                    clean.append(piece)
                elif kind == lx.TAG:
                    match = _TAG.match(image)
                    assert match is not None
                    tag = match.group(1) or match.group(2)
                    text.append(image)
                    _union(target.tags, [tag])
                    self.doc.tags.setdefault(tag)
                elif kind == lx.LINK:
                    match = _LINK.match(image.rstrip(" \t"))
                    assert match is not None
                    piece = match.group(1) + (" " if image.endswith(" ") else "")
                    text.append(piece)
                    clean.append(piece)
                    target.links.append(token.offset)
                else:  # a range starts
                    open_ranges.append(token)
                continue
            if open_ranges and kind == _END_OF[open_ranges[-1].kind]:
                self.i += 1
                open_ranges.pop()
                if token.image.endswith(" "):
                    text.append(" ")
                    clean.append(" ")
                continue
            break
        if open_ranges:
            start = open_ranges[-1]
            name, mark = _RANGE_NAME[start.kind]
            raise ArgdownSyntaxError(
                f"the {name} range opened by {mark!r} is not closed",
                start.offset,
                f"close it with {mark!r} or escape the character as '\\{mark[0]}'",
            )
        target.text = "".join(text)
        target.clean = "".join(clean)

    def data(self, target: Statement | Inference) -> None:
        token = self.advance()
        body = token.image
        match = re.match(r"\{[ \t]*(\n\r|\n)", body)
        start = token.offset
        if match:  # block format: the braces only delimit
            body = re.sub(r"\}\s*$", "", body[match.end() :])
            start += match.end()
        target.data = load_yaml(body, start)
        target.data_offset = token.offset

    # ------------------------------------------------------------------ statements & arguments
    def statement_head(self, role: str | None) -> Statement:
        statement = Statement(self.peek().offset, role=role)
        kind = self.kind()
        if kind == lx.STATEMENT_DEF:
            token = self.advance()
            statement.title = token.image[1:-2]
            self.content(statement)
        elif kind == lx.STATEMENT_REF:
            token = self.advance()
            statement.title = token.image[1:-1]
            statement.is_reference = True
            self.reference_tail(statement)
        elif kind in _CONTENT_FIRST:
            self.content(statement)
        else:
            found = self.peek()
            raise ArgdownSyntaxError(f"expected a statement, found {lx.NAMES[found.kind]}", found.offset)
        self.data_tail(statement)
        return statement

    def argument_head(self) -> Statement:
        desc = Statement(self.peek().offset, role=DESCRIPTION)
        desc.section = self.current_section
        token = self.advance()
        if token.kind == lx.ARGUMENT_DEF:
            desc.title = token.image[1:-2]
            self.content(desc)
        else:
            desc.title = token.image[1:-1]
            desc.is_reference = True
            self.reference_tail(desc)
        self.data_tail(desc)
        return desc

    def reference_tail(self, statement: Statement) -> None:
        while self.kind() == lx.TAG:
            image = self.advance().image
            match = _TAG.match(image)
            assert match is not None
            tag = match.group(1) or match.group(2)
            _union(statement.tags, [tag])
            self.doc.tags.setdefault(tag)
        if self.kind() == lx.NEWLINE:
            self.advance()

    def data_tail(self, statement: Statement) -> None:
        if self.kind() == lx.DATA:
            self.data(statement)
            if self.kind() == lx.NEWLINE:
                self.advance()

    def node_with_relations(
        self, node: Statement | Inference, *, undercuts_only: bool = False
    ) -> Statement | Inference:
        """The relations under ``node``, nested to any depth, without recursion."""
        stack: list[Statement | Inference] = []
        pending: list[Relation] = []
        only: list[bool] = []
        current = node
        while True:
            if self.kind() == lx.INDENT:
                self.advance()
                self.parents.append(self.member_of(current))
                stack.append(current)
                only.append(undercuts_only and current is node)
                current = self.relation(pending, only[-1])
                continue
            self.node_exit(current)
            while True:
                if not stack:
                    return current
                self.relation_exit(pending.pop(), current)
                if self.kind() in lx.RELATIONS:
                    current = self.relation(pending, only[-1])
                    break
                if self.kind() != lx.DEDENT:
                    self.bad_relation_end()
                self.advance()
                self.parents.pop()
                self.current_relation = None
                only.pop()
                current = stack.pop()
                self.node_exit(current)

    def bad_relation_end(self) -> None:
        token = self.peek()
        if token.kind in (lx.ORDERED_ITEM, lx.UNORDERED_ITEM):
            raise ArgdownSyntaxError(
                "a list item cannot follow relations in the same paragraph",
                token.offset,
                "put an empty line before the list",
            )
        if token.kind == lx.INDENT:
            raise ArgdownSyntaxError("unexpected indentation", token.offset)
        self.unexpected_after_element()

    def relation(self, pending: list[Relation], undercuts_only: bool) -> Statement:
        token = self.peek()
        if token.kind not in lx.RELATIONS:
            raise ArgdownSyntaxError(f"expected a relation, found {lx.NAMES[token.kind]}", token.offset)
        if undercuts_only and token.kind != lx.OUT_UNDERCUT:
            raise ArgdownSyntaxError(
                f"only undercuts ('_' or '<_') can stand under an inference line, not {token.image.strip()!r}",
                _symbol(token),
            )
        self.advance()
        kind, parent_is_source = _RELATION_KIND[token.kind]
        parent = self.parents[-1]
        relation = Relation(kind, occurrences=[Occurrence(_symbol(token))])
        if token.kind == lx.OUT_UNDERCUT and isinstance(parent, EquivalenceClass) and self.current_inference:
            parent = self.current_inference
        if parent_is_source:
            relation.source = parent
        else:
            relation.target = parent
        self.current_relation = relation
        pending.append(relation)
        next_kind = self.kind()
        if next_kind in (lx.ARGUMENT_DEF, lx.ARGUMENT_REF):
            if token.kind == lx.CONTRADICTION:
                raise ArgdownSyntaxError(
                    "a contradiction ('><') can only relate statements, not arguments", self.peek().offset
                )
            return self.argument_head()
        if next_kind in _CONTENT_FIRST or next_kind in (lx.STATEMENT_DEF, lx.STATEMENT_REF):
            return self.statement_head(RELATION_STATEMENT)
        found = self.peek()
        raise ArgdownSyntaxError(
            f"relation {token.image.strip()!r} needs a statement or argument after it, found {lx.NAMES[found.kind]}",
            found.offset,
        )

    def node_exit(self, node: Statement | Inference) -> None:
        if isinstance(node, Inference):
            return
        if node.role == DESCRIPTION:
            self.argument_exit(node)
        else:
            self.statement_exit(node)

    def new_title(self) -> str:
        self.untitled += 1
        return f"Untitled {self.untitled}"

    def member_of(self, node: Statement | Inference) -> Member:
        """Argdown's getRelationMember: the class, argument or inference a node stands for."""
        if isinstance(node, Inference):
            return node
        if node.title is None:
            node.title = self.new_title()
            if node.role == DESCRIPTION:
                return self.argument(node.title, auto=True)
            return self.ec(node.title, auto=True)
        if node.role == DESCRIPTION:
            return self.argument(node.title)
        return self.ec(node.title)

    def ec(self, title: str, *, auto: bool = False) -> EquivalenceClass:
        ec = self.doc.statements.get(title)
        if ec is None:
            ec = self.doc.statements[title] = EquivalenceClass(title, auto=auto)
        return ec

    def argument(self, title: str, *, auto: bool = False, offset: int = 0) -> Argument:
        argument = self.doc.arguments.get(title)
        if argument is None:
            argument = self.doc.arguments[title] = Argument(title, auto=auto, offset=offset)
        return argument

    def statement_exit(self, statement: Statement) -> None:
        auto = statement.title is None
        if auto:
            statement.title = self.new_title()
        ec = self.ec(statement.title, auto=auto)  # type: ignore[arg-type]
        _union(ec.tags, statement.tags)
        if statement.data is not None:
            ec.data = _merge(ec.data, statement.data)
        statement.section = self.current_section
        ec.members.append(statement)
        in_group = statement.data.get("isInGroup") if isinstance(statement.data, dict) else None
        if in_group is True or (not statement.is_reference and in_group is None and ec.section is None):
            ec.section = statement.section

    def argument_exit(self, desc: Statement) -> None:
        argument = self.argument(desc.title, offset=desc.offset)  # type: ignore[arg-type]
        _union(argument.tags, desc.tags)
        if desc.data is not None:
            argument.data = _merge(argument.data, desc.data)
        argument.members.append(desc)
        in_group = desc.data.get("isInGroup") if isinstance(desc.data, dict) else None
        if in_group is True or (not desc.is_reference and in_group is None and argument.section is None):
            argument.section = desc.section

    def argument_of(self, node: Statement | Inference) -> Argument | None:
        if isinstance(node, Statement) and node.role == DESCRIPTION and node.title is not None:
            return self.doc.arguments[node.title]
        return None

    def relation_exit(self, relation: Relation, child: Statement | Inference) -> None:
        """Argdown's onRelationExit: complete, de-duplicate and record the relation."""
        member = self.member_of(child)
        if relation.source is not None:
            relation.target = member
        else:
            relation.source = member
        if isinstance(child, Statement) and child.data is not None:
            relation.occurrences[0].data = child.data
        existing = self.index.get((id(relation.source), id(relation.target), relation.kind))
        if existing is None and relation.kind == CONTRADICTORY:
            existing = self.index.get((id(relation.target), id(relation.source), CONTRADICTORY))
        if existing is not None:
            existing.occurrences.extend(relation.occurrences)
            return
        self.add(relation)

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

    # ------------------------------------------------------------------ reconstructions
    def pcs(self, previous: Argument | None) -> None:
        start = self.peek().offset
        argument = (
            previous if previous is not None else self.argument(self.new_title(), auto=True, offset=start)
        )
        if self.current_section is not None:
            argument.section = self.current_section
        if argument.pcs:
            raise ArgdownSyntaxError(
                f"argument <{argument.title}> already has a premise-conclusion structure",
                start,
                "an argument can be reconstructed only once",
            )
        argument.pcs_offset = start
        self.current_inference = None
        inference: Inference | None = None
        self.pcs_statement(argument, None)
        while True:
            kind = self.kind()
            if kind == lx.NUMBER:
                self.pcs_statement(argument, None)
            elif kind == lx.INFERENCE_START:
                inference = self.inference(argument)
                if self.kind() != lx.NUMBER:
                    found = self.peek()
                    raise ArgdownSyntaxError(
                        f"an inference line must be followed by its numbered conclusion, found {lx.NAMES[found.kind]}",
                        found.offset,
                        "no empty line between the inference and the conclusion",
                    )
                self.pcs_statement(argument, inference)
            else:
                break
        last = argument.pcs[-1]
        if inference is None or last.role != INTERMEDIARY:
            raise ArgdownSyntaxError(
                "a premise-conclusion structure must end with a conclusion after an inference line (----)",
                self.peek().offset if inference is not None else start,
                "add '----' and the numbered conclusion below the premises, with no empty lines between",
            )
        last.role = MAIN_CONCLUSION
        self.current_inference = None

    def pcs_statement(self, argument: Argument, inference: Inference | None) -> None:
        self.advance()  # (n)
        kind = self.kind()
        if kind in (lx.ARGUMENT_DEF, lx.ARGUMENT_REF):
            raise ArgdownSyntaxError(
                "an argument cannot be a premise or conclusion",
                self.peek().offset,
                "use a statement reference [Title] or definition [Title]: text",
            )
        statement = self.node_with_relations(self.statement_head(None))
        assert isinstance(statement, Statement)
        statement.role = PREMISE
        if inference is not None:
            statement.role = INTERMEDIARY
            statement.inference = inference
            inference.conclusion_index = len(argument.pcs)
            inference.argument = argument
        argument.pcs.append(statement)

    def inference(self, argument: Argument) -> Inference:
        token = self.advance()
        inference = Inference(token.offset, argument=argument)
        self.current_inference = inference
        if self.kind() == lx.NEWLINE and self.kind(1) in _FREESTYLE_FIRST:
            self.advance()
        if self.kind() in _FREESTYLE_FIRST:
            self.rules(inference)
        if self.kind() == lx.NEWLINE:
            self.advance()
        if self.kind() == lx.DATA:
            self.data(inference)
            if self.kind() == lx.NEWLINE:
                self.advance()
        self.expect(lx.INFERENCE_END, "the inference is not closed", "end it with a line of two hyphens (--)")
        self.expect(
            lx.NEWLINE,
            "an inference line must be followed by a line break",
            "no empty line between the inference and the conclusion",
        )
        if self.kind() == lx.INDENT:
            self.node_with_relations(inference, undercuts_only=True)
        return inference

    def rules(self, inference: Inference) -> None:
        parts: list[str] = []
        while True:
            kind = self.kind()
            if kind in _FREESTYLE_FIRST:
                image = self.advance().image
                if kind == lx.ESCAPED:
                    image = image[1:]
                elif kind == lx.SPECIAL:
                    char = SHORTCODES.get(image.strip())
                    image = image if char is None else char + (" " if image.endswith(" ") else "")
                parts.append(image)
            elif kind == lx.LIST_DELIMITER and self.kind(1) in _FREESTYLE_FIRST:
                self.advance()
                inference.rules.append("".join(parts).strip())
                parts = []
            else:
                break
        inference.rules.append("".join(parts).strip())

    # ------------------------------------------------------------------ lists
    def list_block(self, item_kind: int) -> None:
        self.advance()  # Indent
        while self.kind() == item_kind:
            self.advance()
            if self.kind() in (lx.ARGUMENT_DEF, lx.ARGUMENT_REF):
                self.node_with_relations(self.argument_head())
            else:
                self.node_with_relations(self.statement_head(None))
        self.expect(lx.DEDENT, "a list ends with an empty line", "nested lists are not supported")

    # ------------------------------------------------------------------ after the walk
    def finish(self) -> None:
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
                self.detach(relation)
                ec = statements[source.pcs[-1].title]  # type: ignore[index]
                relation.source = ec
                existing = self.index.get((id(ec), id(target), relation.kind))
                if existing is not None:
                    existing.occurrences.extend(relation.occurrences)
                    keep = False
                else:
                    self.attach(relation)
            if keep and isinstance(target, Argument) and target.pcs and relation.kind == UNDERCUT:
                inference = target.pcs[-1].inference
                assert inference is not None
                self.detach(relation)
                relation.target = inference
                existing = self.index.get((id(relation.source), id(inference), UNDERCUT))
                if existing is not None:
                    existing.occurrences.extend(relation.occurrences)
                    keep = False
                else:
                    self.attach(relation)
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
                    self.detach(relation)
                    relation.kind = ENTAILS
                    self.attach(relation)
                elif relation.kind == ATTACK:
                    if (id(source), id(target), CONTRARY) in self.index or (
                        id(target),
                        id(source),
                        CONTRARY,
                    ) in self.index:
                        self.detach(relation)
                        continue
                    self.detach(relation)
                    relation.kind = CONTRARY
                    self.attach(relation)
            kept.append(relation)
        self.doc.relations = kept

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


def parse(text: str) -> Document:
    """Argdown's model of ``text``; `ArgdownSyntaxError` where it is not Argdown."""
    try:
        tokens = lx.tokenize(text)
    except lx.LexError as error:
        raise ArgdownSyntaxError(str(error), error.offset) from None
    return _Parser(text, tokens).document()
