"""The parser's view of the tokens, and how it says why a token cannot stand where it is."""

from __future__ import annotations

from argmap.formats.argdown import lexer as lx
from argmap.formats.argdown.document import ArgdownSyntaxError
from argmap.formats.argdown.lexer import Token


def symbol_offset(token: Token) -> int:
    """Where the symbol of an indented token starts (past its indentation)."""
    return token.offset + len(token.image) - len(token.image.lstrip(" \t'"))


# Tokens whose misplacement is explained without looking at their text: (message, hint).
_CANNOT_START_PARAGRAPH = {
    lx.INFERENCE_START: (
        "an inference line (--) may only stand between the numbered statements of a reconstruction",
        "put '(1) premise', '----', '(2) conclusion' on consecutive lines",
    ),
    lx.FRONT_MATTER: (
        "front matter (===) is only allowed at the top of the file",
        "escape the '=' as '\\=' if it is text",
    ),
    lx.DATA: (
        "a data block {...} must follow a statement, argument, heading or inference",
        "escape the '{' as '\\{' if it is text",
    ),
}
_CANNOT_FOLLOW_ELEMENT = {
    **dict.fromkeys(
        lx.CONTENT_FIRST,
        (
            "text cannot follow a statement or argument reference",
            "use a definition ([Title]: text) or start a new paragraph",
        ),
    ),
    lx.NUMBER: (
        "a numbered statement must start its own paragraph",
        "put an empty line before the premise-conclusion structure",
    ),
}


class TokenCursor:
    """Tokens padded with EOF, a position in them, and the messages for what cannot follow."""

    def __init__(self, text: str, tokens: list[Token]) -> None:
        self.text = text
        self.tokens = tokens
        self.i = 0
        eof = Token(lx.EOF, "", len(text))
        self.padded = [*tokens, eof, eof, eof, eof]
        self.kinds = [t.kind for t in self.padded]

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

    # ------------------------------------------------------------------ why not
    def bad_paragraph_start(self) -> None:
        token = self.peek()
        kind = token.kind
        if kind in lx.RELATION_TOKENS or kind == lx.INDENT:
            relation = self.peek(1) if kind == lx.INDENT else token
            raise ArgdownSyntaxError(
                f"relation {relation.image.strip()!r} has no statement or argument above it",
                symbol_offset(relation),
                "indent a relation under the statement or argument it belongs to, in the same paragraph (no empty line between)",
            )
        if kind in _CANNOT_START_PARAGRAPH:
            message, hint = _CANNOT_START_PARAGRAPH[kind]
            raise ArgdownSyntaxError(message, token.offset, hint)
        if kind in lx.END_OF.values():
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
        if kind in _CANNOT_FOLLOW_ELEMENT:
            message, hint = _CANNOT_FOLLOW_ELEMENT[kind]
            raise ArgdownSyntaxError(message, token.offset, hint)
        if kind in lx.RELATION_TOKENS:
            raise ArgdownSyntaxError(
                f"relation {token.image.strip()!r} is not indented under anything",
                symbol_offset(token),
                "indent relations under their statement or argument; an earlier relation of this paragraph must have equal or less indentation",
            )
        if kind == lx.DEDENT or kind == lx.INDENT:
            raise ArgdownSyntaxError("unexpected indentation", token.offset)
        raise ArgdownSyntaxError(f"unexpected {lx.NAMES[kind]}", token.offset)

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
