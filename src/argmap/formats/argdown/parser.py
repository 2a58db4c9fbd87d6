"""The Argdown grammar: tokens (`lexer`) to Argdown's own model (`document`).

A port of argdown-core 1.7.5's grammar and the parts of its model builder that run during
the walk. It is recursive descent but keeps explicit stacks for the two nestings that can
grow with the input (relations under relations, bold inside italic), so deep files cannot
exhaust Python's stack. Deviation from Argdown, on purpose: an undercut written under a
statement of a reconstruction targets an inference of *that* reconstruction only (Argdown
keeps the last inference of any earlier argument around).
"""

from __future__ import annotations

import re

from argmap.formats.argdown import lexer as lx
from argmap.formats.argdown.cursor import TokenCursor, symbol_offset
from argmap.formats.argdown.data import load_data, merge_data
from argmap.formats.argdown.document import (
    ATTACK,
    CONTRADICTORY,
    DESCRIPTION,
    INTERMEDIARY,
    MAIN_CONCLUSION,
    PREMISE,
    RELATION_STATEMENT,
    SHORTCODES,
    SUPPORT,
    TOP_LEVEL,
    UNDERCUT,
    ArgdownSyntaxError,
    Argument,
    Document,
    EquivalenceClass,
    Inference,
    Member,
    Occurrence,
    Relation,
    RelationIndex,
    Section,
    Statement,
)
from argmap.formats.argdown.lexer import Token

__all__ = ["ArgdownSyntaxError", "inline_statement", "parse"]

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


def _union(target: list[str], tags: list[str]) -> None:
    for tag in tags:
        if tag not in target:
            target.append(tag)


class _Parser(TokenCursor):
    def __init__(self, text: str, tokens: list[Token]) -> None:
        super().__init__(text, tokens)
        self.doc = Document(text=text)
        self.untitled = 0
        self.section_count = 0
        self.current_section: Section | None = None
        self.current_relation: Relation | None = None
        self.current_inference: Inference | None = None
        self.parents: list[Member] = []
        self.relations = RelationIndex(self.doc)

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
        self.relations.settle()
        return self.doc

    def front_matter(self, token: Token) -> None:
        image = token.image
        start = re.match(r"\s*={3,}", image).end()  # type: ignore[union-attr]
        end = re.search(r"={3,}\s*$", image[start:])
        body = image[start : start + end.start()] if end else image[start:]
        self.doc.front_matter = load_data(body, token.offset + start)
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
        elif kind in lx.CONTENT_FIRST or kind in (lx.STATEMENT_DEF, lx.STATEMENT_REF):
            self.node_with_relations(self.statement_head(TOP_LEVEL))
        else:
            self.bad_paragraph_start()
        return None

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
        if self.kind() not in lx.CONTENT_FIRST:
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
            if kind in lx.CONTENT_FIRST:
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
                    if kinds[self.i] in lx.CONTENT_FIRST:
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
            if open_ranges and kind == lx.END_OF[open_ranges[-1].kind]:
                self.i += 1
                open_ranges.pop()
                if token.image.endswith(" "):
                    text.append(" ")
                    clean.append(" ")
                continue
            break
        if open_ranges:
            start = open_ranges[-1]
            name, mark = lx.RANGE_NAME[start.kind]
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
        target.data = load_data(body, start)
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
        elif kind in lx.CONTENT_FIRST:
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
                if self.kind() in lx.RELATION_TOKENS:
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

    def relation(self, pending: list[Relation], undercuts_only: bool) -> Statement:
        token = self.peek()
        if token.kind not in lx.RELATION_TOKENS:
            raise ArgdownSyntaxError(f"expected a relation, found {lx.NAMES[token.kind]}", token.offset)
        if undercuts_only and token.kind != lx.OUT_UNDERCUT:
            raise ArgdownSyntaxError(
                f"only undercuts ('_' or '<_') can stand under an inference line, not {token.image.strip()!r}",
                symbol_offset(token),
            )
        self.advance()
        kind, parent_is_source = _RELATION_KIND[token.kind]
        parent = self.parents[-1]
        relation = Relation(kind, occurrences=[Occurrence(symbol_offset(token))])
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
        if next_kind in lx.CONTENT_FIRST or next_kind in (lx.STATEMENT_DEF, lx.STATEMENT_REF):
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
            ec.data = merge_data(ec.data, statement.data)
        statement.section = self.current_section
        ec.members.append(statement)
        in_group = statement.data.get("isInGroup") if isinstance(statement.data, dict) else None
        if in_group is True or (not statement.is_reference and in_group is None and ec.section is None):
            ec.section = statement.section

    def argument_exit(self, desc: Statement) -> None:
        argument = self.argument(desc.title, offset=desc.offset)  # type: ignore[arg-type]
        _union(argument.tags, desc.tags)
        if desc.data is not None:
            argument.data = merge_data(argument.data, desc.data)
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
        existing = self.relations.find(relation.source, relation.target, relation.kind)
        if existing is None and relation.kind == CONTRADICTORY:
            existing = self.relations.find(relation.target, relation.source, CONTRADICTORY)
        if existing is not None:
            existing.occurrences.extend(relation.occurrences)
            return
        self.relations.add(relation)

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
        if self.kind() == lx.NEWLINE and self.kind(1) in lx.FREESTYLE_FIRST:
            self.advance()
        if self.kind() in lx.FREESTYLE_FIRST:
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
            if kind in lx.FREESTYLE_FIRST:
                image = self.advance().image
                if kind == lx.ESCAPED:
                    image = image[1:]
                elif kind == lx.SPECIAL:
                    char = SHORTCODES.get(image.strip())
                    image = image if char is None else char + (" " if image.endswith(" ") else "")
                parts.append(image)
            elif kind == lx.LIST_DELIMITER and self.kind(1) in lx.FREESTYLE_FIRST:
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


def parse(text: str) -> Document:
    """Argdown's model of ``text``; `ArgdownSyntaxError` where it is not Argdown."""
    try:
        tokens = lx.tokenize(text)
    except lx.LexError as error:
        raise ArgdownSyntaxError(str(error), error.offset) from None
    return _Parser(text, tokens).document()


def inline_statement(prefix: str, source: str) -> Statement | None:
    """The statement the reader makes of ``prefix + source`` when that is one clean element
    (no tags, no links, nothing after it), else None: the writer's test of what reads back.

    ``prefix`` is the element's head as one token (``[x]: `` or ``# ``).
    """
    try:
        tokens = lx.tokenize(prefix + source)
    except lx.LexError:
        return None
    parser = _Parser(prefix + source, tokens)
    parser.i = 1
    target = Statement(0)
    try:
        parser.content(target)
    except ArgdownSyntaxError:
        return None
    if parser.kind() != lx.EOF or target.tags or target.links:
        return None
    return target
