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

# Token kinds (ints, for speed). SKIP kinds are consumed and dropped.
(
    FRONT_MATTER, DATA, ESCAPED, SPECIAL, EMPTYLINE, NEWLINE, INDENT, DEDENT, INFERENCE_START,
    INC_SUPPORT, INC_ATTACK, OUT_SUPPORT, OUT_ATTACK, CONTRADICTION, INC_UNDERCUT, OUT_UNDERCUT,
    HEADING, NUMBER, ORDERED_ITEM, UNORDERED_ITEM,
    A_BOLD_END, U_BOLD_END, A_ITALIC_END, U_ITALIC_END, A_BOLD_START, U_BOLD_START,
    A_ITALIC_START, U_ITALIC_START,
    LINK, TAG, STATEMENT_DEF, STATEMENT_REF, STATEMENT_MENTION, ARGUMENT_DEF, ARGUMENT_REF,
    ARGUMENT_MENTION, FREESTYLE, UNUSED, INFERENCE_END, LIST_DELIMITER, COMMENT, SPACES, EOF,
) = range(43)

NAMES = {
    FRONT_MATTER: "front matter (===)", DATA: "data ({...})", ESCAPED: "escaped character",
    SPECIAL: "shortcode", EMPTYLINE: "empty line", NEWLINE: "line break", INDENT: "indentation",
    DEDENT: "end of indentation", INFERENCE_START: "inference (--)", INC_SUPPORT: "'+>'",
    INC_ATTACK: "'->'", OUT_SUPPORT: "'+'", OUT_ATTACK: "'-'", CONTRADICTION: "'><'",
    INC_UNDERCUT: "'_>'", OUT_UNDERCUT: "'_'", HEADING: "heading (#)", NUMBER: "'(n)'",
    ORDERED_ITEM: "list item (1.)", UNORDERED_ITEM: "list item (*)", A_BOLD_END: "'**'",
    U_BOLD_END: "'__'", A_ITALIC_END: "'*'", U_ITALIC_END: "'_'", A_BOLD_START: "'**'",
    U_BOLD_START: "'__'", A_ITALIC_START: "'*'", U_ITALIC_START: "'_'", LINK: "link",
    TAG: "tag", STATEMENT_DEF: "'[title]:'", STATEMENT_REF: "'[title]'",
    STATEMENT_MENTION: "'@[title]'", ARGUMENT_DEF: "'<title>:'", ARGUMENT_REF: "'<title>'",
    ARGUMENT_MENTION: "'@<title>'", FREESTYLE: "text", UNUSED: "text",
    INFERENCE_END: "end of inference (--)", LIST_DELIMITER: "','", EOF: "end of file",
}
RELATIONS = frozenset(
    {INC_SUPPORT, INC_ATTACK, OUT_SUPPORT, OUT_ATTACK, CONTRADICTION, INC_UNDERCUT, OUT_UNDERCUT}
)

_DOT = "[^\\n\\r\\u2028\\u2029]"  # JavaScript's "."
_WS = "\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"
_S = f"[{_WS}]"  # JavaScript's "\s"
_NS = f"[^{_WS}]"
_INDENT = "[' \\t]*"  # sic: Argdown's class [' '\t] also holds the apostrophe
_END_FOLLOW = "(?:[ \\t]|(?=[\\n\\r)}_.,!?;:\\-*]|\\Z))"
_COMMENT = f"(?:<!--(?:{_DOT}|\\n|\\r)*?-->)|(?:/\\*(?:{_DOT}|\\n|\\r)*?\\*/)|(?://{_DOT}*?(?=\\r\\n|\\n|\\r))"


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
_STARTS = {A_BOLD_START: "A_BOLD", U_BOLD_START: "U_BOLD", A_ITALIC_START: "A_ITALIC", U_ITALIC_START: "U_ITALIC"}
_LINE_START = frozenset({INFERENCE_START, HEADING, NUMBER, ORDERED_ITEM, UNORDERED_ITEM} | RELATIONS)

# The order in which Argdown tries the token kinds, per lexer mode.
_DEFAULT_ORDER = (
    COMMENT, FRONT_MATTER, DATA, ESCAPED, SPECIAL, EMPTYLINE, NEWLINE, INFERENCE_START,
    INC_SUPPORT, INC_ATTACK, OUT_SUPPORT, OUT_ATTACK, CONTRADICTION, INC_UNDERCUT, OUT_UNDERCUT,
    HEADING, NUMBER, ORDERED_ITEM, UNORDERED_ITEM,
    A_BOLD_END, U_BOLD_END, A_ITALIC_END, U_ITALIC_END, A_BOLD_START, U_BOLD_START,
    A_ITALIC_START, U_ITALIC_START, LINK, TAG, STATEMENT_DEF, STATEMENT_REF, STATEMENT_MENTION,
    ARGUMENT_DEF, ARGUMENT_REF, ARGUMENT_MENTION, SPACES, FREESTYLE, UNUSED,
)
_INFERENCE_ORDER = (
    COMMENT, NEWLINE, ESCAPED, SPECIAL, INFERENCE_END, DATA, LIST_DELIMITER, SPACES, FREESTYLE, UNUSED,
)

_IND = " \t'"
_CONTROL = "@#*_[],.:;</>-(){}"
_FIRST: dict[int, str] = {
    COMMENT: "</", FRONT_MATTER: "=", DATA: "{", ESCAPED: "\\", SPECIAL: ".:",
    EMPTYLINE: " \t\r\n", NEWLINE: " \t\r\n", INFERENCE_START: _IND + "-",
    INC_SUPPORT: _IND + "+", INC_ATTACK: _IND + "-", OUT_SUPPORT: _IND + "<+",
    OUT_ATTACK: _IND + "<-", CONTRADICTION: _IND + ">", INC_UNDERCUT: _IND + "_",
    OUT_UNDERCUT: _IND + "<_", HEADING: "#", NUMBER: _IND + "(",
    ORDERED_ITEM: _IND + "0123456789", UNORDERED_ITEM: _IND + "*",
    A_BOLD_END: "*", U_BOLD_END: "_", A_ITALIC_END: "*", U_ITALIC_END: "_",
    A_BOLD_START: "*", U_BOLD_START: "_", A_ITALIC_START: "*", U_ITALIC_START: "_",
    LINK: "[", TAG: "#", STATEMENT_DEF: "[", STATEMENT_REF: "[", STATEMENT_MENTION: "@",
    ARGUMENT_DEF: "<", ARGUMENT_REF: "<", ARGUMENT_MENTION: "@", SPACES: " \t",
    UNUSED: _CONTROL, INFERENCE_END: "-", LIST_DELIMITER: ",",
}
_NOT_FREESTYLE = frozenset("\\@#*_[],.:;</>-\r\n(){}")


def _candidates(order: tuple[int, ...]) -> tuple[dict[str, tuple[int, ...]], tuple[int, ...]]:
    """Per first character, the kinds worth trying (in order); and the list for any other char."""
    chars = set("".join(_FIRST.get(kind, "") for kind in order)) | _NOT_FREESTYLE
    table = {}
    for ch in chars:
        kinds = [k for k in order if (k == FREESTYLE and ch not in _NOT_FREESTYLE) or ch in _FIRST.get(k, "")]
        table[ch] = tuple(kinds)
    return table, (FREESTYLE,)


_TABLES = {"default": _candidates(_DEFAULT_ORDER), "inference": _candidates(_INFERENCE_ORDER)}


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
        self.mode = "default"

    def last_kind(self) -> int | None:
        return self.tokens[-1].kind if self.tokens else None

    def at_line_start(self, *, after_emptyline: bool = True) -> bool:
        last = self.last_kind()
        return last is None or last == NEWLINE or (after_emptyline and last == EMPTYLINE)

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

    def match(self, kind: int, pos: int) -> str | None:
        """The image of ``kind`` at ``pos`` (with Argdown's side effects), or None."""
        text = self.text
        if kind == COMMENT:
            last = self.last_kind()
            regex = _COMMENT_AFTER_EMPTYLINE if last == EMPTYLINE else _COMMENT_AFTER_NEWLINE if last == NEWLINE else _COMMENT_PLAIN
            m = regex.match(text, pos)
            return m.group() if m else None
        if kind in _LINE_START:
            if kind == INFERENCE_START:
                if not self.at_line_start(after_emptyline=False):
                    return None
            elif not self.at_line_start():
                return None
            m = _RE[kind].match(text, pos)
            if m is None:
                return None
            if kind in RELATIONS:
                self.indent_to(len(m.group(1)), pos)
            elif kind in (ORDERED_ITEM, UNORDERED_ITEM):
                self.indent_to(len(m.group(1)) + 1, pos)
            elif kind in (INFERENCE_START, NUMBER):
                self.dedent_all(pos)
            return m.group()
        if kind == EMPTYLINE:
            if self.last_kind() == EMPTYLINE:
                return None
            m = _RE[EMPTYLINE].match(text, pos)
            if m is None:
                return None
            if m.end() < len(text):
                self.dedent_all(pos)
            return m.group()
        if kind in _ENDS:
            if not self.ranges or self.ranges[-1] != _ENDS[kind] or not self.tokens:
                return None
            m = _RE[kind].match(text, pos)
            if m is None:
                return None
            self.ranges.pop()
            return m.group()
        m = _RE[kind].match(text, pos)
        if m is None:
            return None
        if kind in _STARTS:
            self.ranges.append(_STARTS[kind])
        return m.group()

    def run(self) -> list[Token]:
        text, n, pos = self.text, len(self.text), 0
        tokens = self.tokens
        while pos < n:
            table, default = _TABLES[self.mode]
            for kind in table.get(text[pos], default):
                image = self.match(kind, pos)
                if image:
                    break
            else:
                raise LexError(_lex_message(text, pos), pos)
            if kind not in (COMMENT, SPACES):
                tokens.append(Token(kind, image, pos))
                if kind == INFERENCE_START:
                    self.mode = "inference"
                elif kind == INFERENCE_END:
                    self.mode = "default"
            pos += len(image)
        if tokens and tokens[-1].kind == EMPTYLINE:
            tokens.pop()
        self.dedent_all(n)
        return tokens


def _lex_message(text: str, pos: int) -> str:
    if text[pos] == "\\":
        return "a backslash must be followed by the character it escapes (on the same line)"
    return f"unexpected character {text[pos]!r}"


def tokenize(text: str) -> list[Token]:
    """Argdown's tokens for ``text`` (comments and blanks dropped, Indent/Dedent added)."""
    return _Lexer(text).run()

