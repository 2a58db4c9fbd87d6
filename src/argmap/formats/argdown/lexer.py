"""Argdown tokens, as Argdown 1.7.5's own lexer (argdown-core ``lexer.ts``) makes them.

The token rules of Argdown depend on context (a relation only starts a line, ``--`` opens an
inference, indentation becomes Indent/Dedent tokens, ``*`` ends an italic range only when one
is open), so a regex tokenizer would drift from the reference tool on real files. This is a
port of that lexer: the same token kinds, tried in the same order, with the same quirks (for
example ``'`` counts as indentation before a relation, a ``//`` comment needs a line break after
it). Regexes are written for JavaScript's ``.`` and ``\\s``, which differ from Python's.

One pass, no backtracking between tokens: the cost is linear in the input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# Token kinds (ints, for speed), numbered in the order Argdown's default lexer mode tries them
# (COMMENT to UNUSED), then the kinds that mode never tries. SKIP kinds are consumed and dropped.
(
    COMMENT,
    FRONT_MATTER,
    DATA,
    ESCAPED,
    SPECIAL,
    EMPTYLINE,
    NEWLINE,
    INFERENCE_START,
    INC_SUPPORT,
    INC_ATTACK,
    OUT_SUPPORT,
    OUT_ATTACK,
    CONTRADICTION,
    INC_UNDERCUT,
    OUT_UNDERCUT,
    HEADING,
    NUMBER,
    ORDERED_ITEM,
    UNORDERED_ITEM,
    A_BOLD_END,
    U_BOLD_END,
    A_ITALIC_END,
    U_ITALIC_END,
    A_BOLD_START,
    U_BOLD_START,
    A_ITALIC_START,
    U_ITALIC_START,
    LINK,
    TAG,
    STATEMENT_DEF,
    STATEMENT_REF,
    STATEMENT_MENTION,
    ARGUMENT_DEF,
    ARGUMENT_REF,
    ARGUMENT_MENTION,
    SPACES,
    FREESTYLE,
    UNUSED,
    INDENT,
    DEDENT,
    INFERENCE_END,
    LIST_DELIMITER,
    EOF,
) = range(43)

NAMES = {
    FRONT_MATTER: "front matter (===)",
    DATA: "data ({...})",
    ESCAPED: "escaped character",
    SPECIAL: "shortcode",
    EMPTYLINE: "empty line",
    NEWLINE: "line break",
    INDENT: "indentation",
    DEDENT: "end of indentation",
    INFERENCE_START: "inference (--)",
    INC_SUPPORT: "'+>'",
    INC_ATTACK: "'->'",
    OUT_SUPPORT: "'+'",
    OUT_ATTACK: "'-'",
    CONTRADICTION: "'><'",
    INC_UNDERCUT: "'_>'",
    OUT_UNDERCUT: "'_'",
    HEADING: "heading (#)",
    NUMBER: "'(n)'",
    ORDERED_ITEM: "list item (1.)",
    UNORDERED_ITEM: "list item (*)",
    A_BOLD_END: "'**'",
    U_BOLD_END: "'__'",
    A_ITALIC_END: "'*'",
    U_ITALIC_END: "'_'",
    A_BOLD_START: "'**'",
    U_BOLD_START: "'__'",
    A_ITALIC_START: "'*'",
    U_ITALIC_START: "'_'",
    LINK: "link",
    TAG: "tag",
    STATEMENT_DEF: "'[title]:'",
    STATEMENT_REF: "'[title]'",
    STATEMENT_MENTION: "'@[title]'",
    ARGUMENT_DEF: "'<title>:'",
    ARGUMENT_REF: "'<title>'",
    ARGUMENT_MENTION: "'@<title>'",
    FREESTYLE: "text",
    UNUSED: "text",
    INFERENCE_END: "end of inference (--)",
    LIST_DELIMITER: "','",
    EOF: "end of file",
}
RELATION_TOKENS = frozenset(
    {INC_SUPPORT, INC_ATTACK, OUT_SUPPORT, OUT_ATTACK, CONTRADICTION, INC_UNDERCUT, OUT_UNDERCUT}
)

#: Tokens that can start (or continue) the text of a statement, and the plain-text ones.
CONTENT_FIRST = frozenset(
    {
        FREESTYLE,
        UNUSED,
        ESCAPED,
        SPECIAL,
        LINK,
        A_BOLD_START,
        U_BOLD_START,
        A_ITALIC_START,
        U_ITALIC_START,
        TAG,
        ARGUMENT_MENTION,
        STATEMENT_MENTION,
        NEWLINE,
    }
)
FREESTYLE_FIRST = frozenset({FREESTYLE, UNUSED, ESCAPED, SPECIAL})
END_OF = {
    A_BOLD_START: A_BOLD_END,
    U_BOLD_START: U_BOLD_END,
    A_ITALIC_START: A_ITALIC_END,
    U_ITALIC_START: U_ITALIC_END,
}
RANGE_NAME = {
    A_BOLD_START: ("bold", "**"),
    U_BOLD_START: ("bold", "__"),
    A_ITALIC_START: ("italic", "*"),
    U_ITALIC_START: ("italic", "_"),
}
_DOT = "[^\\n\\r\\u2028\\u2029]"  # JavaScript's "."
_WS = "\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"
_S = f"[{_WS}]"  # JavaScript's "\s"
_NS = f"[^{_WS}]"
_INDENT = "[' \\t]*"  # sic: Argdown's class [' '\t] also holds the apostrophe
_END_FOLLOW = "(?:[ \\t]|(?=[\\n\\r)}_.,!?;:\\-*]|\\Z))"
_COMMENT = (
    f"(?:<!--(?:{_DOT}|\\n|\\r)*?-->)|(?:/\\*(?:{_DOT}|\\n|\\r)*?\\*/)|(?://{_DOT}*?(?=\\r\\n|\\n|\\r))"
)


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


_RE = {
    FRONT_MATTER: _c("===+[\\s\\S]*?===+"),
    DATA: _c(f"\\{{(?:(?!\\}}{_S}[^,}}])(?:{_DOT}|\\n))*\\}}(?!{_S}*(?:,|\\}}))"),
    ESCAPED: _c(f"\\\\{_DOT}(?: )*"),
    SPECIAL: _c(f"(?:\\.{_NS}+?\\.[ \\t]?)|(?::{_NS}+?:[ \\t]?)"),
    EMPTYLINE: _c("(?:[ \\t]*(?:\\r\\n|\\n)){2,}"),
    NEWLINE: _c("[ \\t]*(?:\\r\\n|\\n|\\r)"),
    INFERENCE_START: _c(f"{_INDENT}-{{2}}"),
    INC_SUPPORT: _c(f"({_INDENT})\\+>"),
    INC_ATTACK: _c(f"({_INDENT})->"),
    OUT_SUPPORT: _c(f"({_INDENT})<?\\+"),
    OUT_ATTACK: _c(f"({_INDENT})<?-"),
    CONTRADICTION: _c(f"({_INDENT})><"),
    INC_UNDERCUT: _c(f"({_INDENT})_>"),
    OUT_UNDERCUT: _c(f"({_INDENT})(?:<_|_(?={_S}))"),
    HEADING: _c("#+ "),
    NUMBER: _c(f"{_INDENT}\\([0-9]+\\)"),
    ORDERED_ITEM: _c(f"({_INDENT})[0-9]+\\.(?={_S})"),
    UNORDERED_ITEM: _c(f"({_INDENT})\\*(?={_S})"),
    A_BOLD_END: _c("\\*\\*" + _END_FOLLOW),
    U_BOLD_END: _c("__" + _END_FOLLOW),
    A_ITALIC_END: _c("\\*" + _END_FOLLOW),
    U_ITALIC_END: _c("_" + _END_FOLLOW),
    A_BOLD_START: _c(f"\\*\\*(?!{_S})"),
    U_BOLD_START: _c(f"__(?!{_S})"),
    A_ITALIC_START: _c(f"\\*(?!{_S})"),
    U_ITALIC_START: _c(f"_(?!{_S})"),
    LINK: _c("\\[[^\\]]+?\\]\\([^)]+?\\)[ \\t]?"),
    TAG: _c("#(?:\\([^)]+\\)|[a-zA-z0-9\\-\\u00a0-\\ud7ff\\uf900-\\ufdcf\\ufdf0-\\uffef]+)[ \\t]?"),
    STATEMENT_DEF: _c(f"\\[{_DOT}+?\\]:"),
    STATEMENT_REF: _c(f"\\[[^-]{_DOT}*?\\]"),
    STATEMENT_MENTION: _c(f"@\\[{_DOT}+?\\][ \\t]?"),
    ARGUMENT_DEF: _c(f"<{_DOT}+?>:"),
    ARGUMENT_REF: _c(f"<[^-]{_DOT}*?>"),
    ARGUMENT_MENTION: _c(f"@<{_DOT}+?>[ \\t]?"),
    SPACES: _c("[ \\t]+"),
    FREESTYLE: _c("[^\\\\@#*_\\[\\],.:;</>\\-\\r\\n(){}]+"),
    UNUSED: _c("[@#*_\\[\\],.:;</>\\-(){}][ \\t]?"),
    INFERENCE_END: _c("-{2,}"),
    LIST_DELIMITER: _c(","),
}
_COMMENT_PLAIN = _c(_COMMENT)
_COMMENT_AFTER_EMPTYLINE = _c(f"(?:{_COMMENT})(?:[ \\t]*\\r\\n|\\n|\\r)*")
_COMMENT_AFTER_NEWLINE = _c(f"(?:{_COMMENT})(?:[ \\t]*(?:\\r\\n|\\n|\\r)(?![ \\t]*(?:\\r\\n|\\n|\\r)))?")

_ENDS = {A_BOLD_END: "A_BOLD", U_BOLD_END: "U_BOLD", A_ITALIC_END: "A_ITALIC", U_ITALIC_END: "U_ITALIC"}
_STARTS = {
    A_BOLD_START: "A_BOLD",
    U_BOLD_START: "U_BOLD",
    A_ITALIC_START: "A_ITALIC",
    U_ITALIC_START: "U_ITALIC",
}
_LINE_START = frozenset({INFERENCE_START, HEADING, NUMBER, ORDERED_ITEM, UNORDERED_ITEM} | RELATION_TOKENS)

# The order in which Argdown tries the token kinds, per lexer mode.
_DEFAULT_ORDER = tuple(range(COMMENT, UNUSED + 1))
_INFERENCE_ORDER = (
    COMMENT,
    NEWLINE,
    ESCAPED,
    SPECIAL,
    INFERENCE_END,
    DATA,
    LIST_DELIMITER,
    SPACES,
    FREESTYLE,
    UNUSED,
)

_IND = " \t'"
_CONTROL = "@#*_[],.:;</>-(){}"
_FIRST: dict[int, str] = {
    COMMENT: "</",
    FRONT_MATTER: "=",
    DATA: "{",
    ESCAPED: "\\",
    SPECIAL: ".:",
    EMPTYLINE: " \t\r\n",
    NEWLINE: " \t\r\n",
    INFERENCE_START: _IND + "-",
    INC_SUPPORT: _IND + "+",
    INC_ATTACK: _IND + "-",
    OUT_SUPPORT: _IND + "<+",
    OUT_ATTACK: _IND + "<-",
    CONTRADICTION: _IND + ">",
    INC_UNDERCUT: _IND + "_",
    OUT_UNDERCUT: _IND + "<_",
    HEADING: "#",
    NUMBER: _IND + "(",
    ORDERED_ITEM: _IND + "0123456789",
    UNORDERED_ITEM: _IND + "*",
    A_BOLD_END: "*",
    U_BOLD_END: "_",
    A_ITALIC_END: "*",
    U_ITALIC_END: "_",
    A_BOLD_START: "*",
    U_BOLD_START: "_",
    A_ITALIC_START: "*",
    U_ITALIC_START: "_",
    LINK: "[",
    TAG: "#",
    STATEMENT_DEF: "[",
    STATEMENT_REF: "[",
    STATEMENT_MENTION: "@",
    ARGUMENT_DEF: "<",
    ARGUMENT_REF: "<",
    ARGUMENT_MENTION: "@",
    SPACES: " \t",
    UNUSED: _CONTROL,
    INFERENCE_END: "-",
    LIST_DELIMITER: ",",
}
_NOT_FREESTYLE = frozenset("\\@#*_[],.:;</>-\r\n(){}")


def _candidates(order: tuple[int, ...], place: str) -> tuple[dict[str, tuple[int, ...]], tuple[int, ...]]:
    """Per first character, the kinds worth trying (in order), for a place in the line.

    ``place`` is "mid" (inside a line), "newline" (after a line break or at the very start)
    or "emptyline" (after an empty line, where an inference line cannot start).
    """
    if place == "mid":
        order = tuple(k for k in order if k not in _LINE_START)
    elif place == "emptyline":
        order = tuple(k for k in order if k != INFERENCE_START)
    chars = set("".join(_FIRST.get(kind, "") for kind in order)) | _NOT_FREESTYLE
    table = {}
    for ch in chars:
        kinds = [k for k in order if (k == FREESTYLE and ch not in _NOT_FREESTYLE) or ch in _FIRST.get(k, "")]
        table[ch] = tuple(kinds)
    return table, _FREESTYLE_ONLY


_FREESTYLE_ONLY = (FREESTYLE,)
# by place: 0 inside a line, 1 after a line break, 2 after an empty line, 3 in an inference
_TABLES = (
    *(_candidates(_DEFAULT_ORDER, place) for place in ("mid", "newline", "emptyline")),
    _candidates(_INFERENCE_ORDER, "mid"),
)
_FREESTYLE_RE = _RE[FREESTYLE]
_NEVER = re.compile("(?!)")
_REGEX = [_RE.get(kind, _NEVER) for kind in range(EOF + 1)]


@dataclass(slots=True)
class Token:
    kind: int
    image: str
    offset: int


class LexError(Exception):
    """No token fits at ``offset`` (Argdown's lexer gives up there too)."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


class _Lexer:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens: list[Token] = []
        self.indents = [0]
        self.ranges: list[str] = []
        self.comments: list[tuple[int, str]] = []  # (offset, text) of each comment, dropped

    def dedent_all(self, offset: int) -> None:
        while len(self.indents) > 1:
            self.indents.pop()
            self.tokens.append(Token(DEDENT, "", offset))

    def indent_to(self, width: int, offset: int) -> None:
        """Argdown's emitIndentOrDedent: one Indent when deeper, Dedents while shallower."""
        if width > self.indents[-1]:
            self.indents.append(width)
            self.tokens.append(Token(INDENT, "", offset))
            return
        while len(self.indents) > 1 and width < self.indents[-1]:
            self.indents.pop()
            self.tokens.append(Token(DEDENT, "", offset))

    def comment(self, kind: int, pos: int) -> str | None:
        last = self.tokens[-1].kind if self.tokens else None
        regex = (
            _COMMENT_AFTER_EMPTYLINE
            if last == EMPTYLINE
            else _COMMENT_AFTER_NEWLINE
            if last == NEWLINE
            else _COMMENT_PLAIN
        )
        m = regex.match(self.text, pos)
        return m.group() if m else None

    def emptyline(self, kind: int, pos: int) -> str | None:
        if self.tokens and self.tokens[-1].kind == EMPTYLINE:
            return None
        m = _RE[EMPTYLINE].match(self.text, pos)
        if m is None:
            return None
        if m.end() < len(self.text):
            self.dedent_all(pos)
        return m.group()

    def line_start(self, kind: int, pos: int) -> str | None:
        """Relations, list items, numbers, inference starts (the tables only offer them at a line start)."""
        m = _RE[kind].match(self.text, pos)
        if m is None:
            return None
        if kind in RELATION_TOKENS:
            self.indent_to(len(m.group(1)), pos)
        elif kind in (ORDERED_ITEM, UNORDERED_ITEM):
            self.indent_to(len(m.group(1)) + 1, pos)
        elif kind in (INFERENCE_START, NUMBER):
            self.dedent_all(pos)
        return m.group()

    def range_end(self, kind: int, pos: int) -> str | None:
        if not self.ranges or self.ranges[-1] != _ENDS[kind] or not self.tokens:
            return None
        m = _RE[kind].match(self.text, pos)
        if m is None:
            return None
        self.ranges.pop()
        return m.group()

    def run(self) -> list[Token]:
        """Tokens as Argdown makes them, except that adjacent plain text is one FREESTYLE token."""
        text, n, pos = self.text, len(self.text), 0
        tokens = self.tokens
        append = tokens.append
        special = _SPECIAL
        regex = _REGEX
        inference = False
        runs: list[list[Any]] = []  # [token, end] of merged plain-text runs
        while pos < n:
            if inference:
                place = 3
            else:
                last = tokens[-1].kind if tokens else NEWLINE
                place = 1 if last == NEWLINE else 2 if last == EMPTYLINE else 0
            table, default = _TABLES[place]
            ch = text[pos]
            kinds = table.get(ch, default)
            if len(kinds) == 1 and kinds[0] not in special:  # plain text and lone marks
                kind = kinds[0]
                m = regex[kind].match(text, pos)
                if m is None:
                    raise LexError(_lex_message(text, pos), pos)
                image = m.group()
            else:
                if ch in " \t'":
                    after = _INDENT_RUN.match(text, pos).end()  # type: ignore[union-attr]
                    kinds = _after_indent(place, kinds, text[after : after + 1])
                for kind in kinds:
                    matcher = special.get(kind)
                    if matcher is None:
                        m = regex[kind].match(text, pos)
                        if m is None:
                            continue
                        image = m.group()
                        if kind in _STARTS:
                            self.ranges.append(_STARTS[kind])
                        break
                    found = matcher(self, kind, pos)
                    if found:
                        image = found
                        break
                else:
                    raise LexError(_lex_message(text, pos), pos)
            end = pos + len(image)
            if kind in (FREESTYLE, UNUSED):
                if not inference and runs and runs[-1][1] == pos and tokens[-1] is runs[-1][0]:
                    runs[-1][1] = end
                else:
                    token = Token(FREESTYLE if not inference else kind, image, pos)
                    append(token)
                    if not inference:
                        runs.append([token, end])
            elif kind == COMMENT:
                self.comments.append((pos, image))
            elif kind != SPACES:
                append(Token(kind, image, pos))
                if kind == INFERENCE_START:
                    inference = True
                elif kind == INFERENCE_END:
                    inference = False
            pos = end
        for token, end in runs:
            token.image = text[token.offset : end]
        if tokens and tokens[-1].kind == EMPTYLINE:
            tokens.pop()
        self.dedent_all(n)
        return tokens


_INDENT_RUN = re.compile("[' \\t]*")
_AFTER_INDENT = {
    INFERENCE_START: "-",
    INC_SUPPORT: "+",
    INC_ATTACK: "-",
    OUT_SUPPORT: "<+",
    OUT_ATTACK: "<-",
    CONTRADICTION: ">",
    INC_UNDERCUT: "_",
    OUT_UNDERCUT: "<_",
    NUMBER: "(",
    ORDERED_ITEM: "0123456789",
    UNORDERED_ITEM: "*",
    EMPTYLINE: "\r\n",
    NEWLINE: "\r\n",
}
_REFINED: dict[tuple[int, tuple[int, ...], str], tuple[int, ...]] = {}


_SPECIAL = {COMMENT: _Lexer.comment, EMPTYLINE: _Lexer.emptyline}
_SPECIAL.update(dict.fromkeys(_LINE_START, _Lexer.line_start))
_SPECIAL.update(dict.fromkeys(_ENDS, _Lexer.range_end))


def _after_indent(place: int, kinds: tuple[int, ...], after: str) -> tuple[int, ...]:
    """Leave out the kinds that cannot match, given the first character after the indentation."""
    key = (place, kinds, after)
    refined = _REFINED.get(key)
    if refined is None:
        refined = tuple(k for k in kinds if k not in _AFTER_INDENT or (after and after in _AFTER_INDENT[k]))
        if len(_REFINED) < 4096:
            _REFINED[key] = refined
    return refined


def _lex_message(text: str, pos: int) -> str:
    if text[pos] == "\\":
        return "a backslash must be followed by the character it escapes (on the same line)"
    return f"unexpected character {text[pos]!r}"


def tokenize(text: str) -> list[Token]:
    """Argdown's tokens for ``text`` (comments and blanks dropped, Indent/Dedent added)."""
    return _Lexer(text).run()


def comment_lines(text: str) -> int:
    """How many lines hold a comment (``//``, ``/* */``, ``<!-- -->``), which a map does not keep."""
    if "//" not in text and "/*" not in text and "<!--" not in text:
        return 0
    from argmap.errors import LineIndex

    lexer = _Lexer(text)
    lexer.run()
    line_of = LineIndex(text)
    lines: set[int] = set()
    for offset, image in lexer.comments:
        first = line_of(offset)[0]
        lines.update(range(first, first + image.rstrip().count("\n") + 1))
    return len(lines)
