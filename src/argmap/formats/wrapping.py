"""Label wrapping for drawings: lines of a given width in columns, CJK and emoji included.

Wide (CJK) characters count two columns, combining marks none; a line may break at a space
or between CJK characters, but never before closing or after opening punctuation, nor
inside an emoji sequence.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

_WORDS = re.compile(r"\s+|\S+")
#: Punctuation that must not start a line, and that must not end one (CJK and ASCII).
_NO_LINE_START = frozenset("、。，．：；？！）」』】〕〉》”’〗〙〛ー…‥・,.;:!?)]}%")
_NO_LINE_END = frozenset("（「『【〔〈《“‘〖〘〚([{")
_ZWJ = "\u200d"


@lru_cache(maxsize=4096)
def _column_width(char: str) -> int:
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def display_width(text: str) -> int:
    """Columns the text takes in a monospaced sense: CJK and other wide characters count 2."""
    if text.isascii():
        return len(text)
    return sum(map(_column_width, text))


def _split_word(word: str) -> Iterator[str]:
    """A word without spaces, cut where CJK allows a break: around wide characters.

    Closing punctuation stays with what precedes it, opening punctuation with what follows;
    combining marks, joiners and variation selectors never start a piece.
    """
    unit = ""
    for char in word:
        if unit:
            width = _column_width(char)
            breakable = width == 2 or _column_width(unit[-1]) == 2
            glued = width == 0 or unit[-1] == _ZWJ or char in _NO_LINE_START or unit[-1] in _NO_LINE_END
            if breakable and not glued:
                yield unit
                unit = ""
        unit += char
    if unit:
        yield unit


def _units(paragraph: str) -> Iterator[str]:
    """Unbreakable pieces: whitespace runs, words, and the pieces of words that hold CJK."""
    for token in _WORDS.findall(paragraph):
        if token.isascii() or token[0].isspace():
            yield token
        else:
            yield from _split_word(token)


def wrap_text(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` columns, broken at spaces (or between CJK characters).

    Explicit line breaks are kept, ``\\r\\n`` and ``\\r`` count as ``\\n``, and only the whitespace
    at a break is dropped, so the text reads exactly as written. ``width <= 0`` keeps the
    text's own lines. A word longer than the width is cut.
    """
    lines: list[str] = []
    for paragraph in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if width <= 0 or display_width(paragraph) <= width:
            lines.append(paragraph)
        elif _single_spaced_ascii(paragraph):
            lines += _wrap_words(paragraph, width)
        else:
            lines += _wrap_units(paragraph, width)
    return lines


def _single_spaced_ascii(paragraph: str) -> bool:
    return (
        paragraph.isascii()
        and paragraph.isprintable()
        and "  " not in paragraph
        and not paragraph.startswith(" ")
        and not paragraph.endswith(" ")
    )


def _wrap_words(paragraph: str, width: int) -> list[str]:
    """`_wrap_units` for the common case, words of ASCII between single spaces, without
    looking at each character: each line ends at the last space that fits (found by
    ``rfind``), a longer word is cut."""
    lines: list[str] = []
    start, end = 0, len(paragraph)
    while end - start > width:
        cut = paragraph.rfind(" ", start, start + width + 1)
        if cut == -1:
            lines.append(paragraph[start : start + width])
            start += width
        else:
            lines.append(paragraph[start:cut])
            start = cut + 1
    lines.append(paragraph[start:])
    return lines


def _wrap_units(paragraph: str, width: int) -> list[str]:
    lines: list[str] = []
    line, line_width, space, has_text = "", 0, "", False
    for unit in _units(paragraph):
        if unit[0].isspace():
            if has_text:
                space = unit
            else:  # leading whitespace of the paragraph is content, not a break
                line, line_width = line + unit, line_width + display_width(unit)
            continue
        unit_width = len(unit) if unit.isascii() else display_width(unit)
        space_width = len(space) if space.isascii() else display_width(space)
        if has_text and line_width + space_width + unit_width > width:
            lines.append(line)
            line, line_width, space, space_width = "", 0, "", 0
        if space:
            line, line_width, space = line + space, line_width + space_width, ""
        while unit_width > width:  # only on a fresh line, see the break above
            head, head_width = _cut(unit, width)
            if len(head) == len(unit):
                break
            lines.append(line + head)
            line, line_width = "", 0
            unit, unit_width = unit[len(head) :], unit_width - head_width
        line, line_width, has_text = line + unit, line_width + unit_width, True
    lines.append(line + space)
    return lines


def _cut(unit: str, width: int) -> tuple[str, int]:
    """The longest head of ``unit`` within ``width`` columns that ends between two characters
    a reader would see as separate (not inside an emoji sequence or before a combining mark);
    at least one such piece even if it is wider."""
    best, best_width, used = 0, 0, 0
    for index, char in enumerate(unit):
        if index and _column_width(char) and unit[index - 1] != _ZWJ:
            if best and used > width:
                break
            best, best_width = index, used
        used += _column_width(char)
    else:
        if used <= width or not best:
            best, best_width = len(unit), used
    return unit[:best], best_width
