"""Write an `ArgumentMap` as Argdown that reads back to the same map (see the package).

Every choice here is checked against the reader rather than argued: a text, tag list or
heading is written plainly when the reader gives it back unchanged, escaped when that is
needed, and also stored in the claim's data block when Argdown text cannot carry it at all.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from argmap.formats.argdown.document import SHORTCODES
from argmap.formats.argdown.ids import slug
from argmap.formats.argdown.parser import inline_statement

if TYPE_CHECKING:
    from argmap.model import ArgumentMap, Claim

_SIMPLE_TAG = re.compile("[a-zA-z0-9\\-\\u00a0-\\ud7ff\\uf900-\\ufdcf\\ufdf0-\\uffef]+")
# what to backslash-escape: Argdown's syntax characters (light), or every punctuation mark (heavy)
_LIGHT = re.compile(r"[\\\[\]<>{}#@*_]|=(?==)|(?<==)=|/(?=[/*])")
_HEAVY = re.compile(r"[\\@#*_\[\],.:;</>\-(){}=+]")
# text that is Freestyle as it stands: no syntax character, single spaces, no edge whitespace
_PLAIN = re.compile(r"(?!\s)(?:[^\\@#*_\[\]<>{}=/\s]|/(?![/*])| (?! ))*(?<!\s)")
_SHORTCODE = re.compile("|".join(re.escape(code) for code in sorted(SHORTCODES, key=len, reverse=True)))
_BREAKS = re.compile("[\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029]")
_SHORT_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}
_UNSAFE_IN_TITLE = re.compile("[\\x00-\\x1f\\x7f\\u2028\\u2029]")


def write_text(amap: ArgumentMap) -> str:
    """Argdown text for ``amap``."""
    return _Writer(amap).render()


# ---------------------------------------------------------------------- what the reader sees
def _statement_text(visible: str) -> str | None:
    target = inline_statement("[x]: ", visible)
    return None if target is None else (target.clean.strip() or target.text.strip())


def _heading_text(visible: str) -> str | None:
    target = inline_statement("# ", visible)
    return None if target is None else target.clean.strip()


def _escape(text: str, pattern: re.Pattern[str]) -> str:
    return pattern.sub(r"\\\g<0>", text)


def visible(text: str, reads: Any) -> tuple[str, bool]:
    """Argdown for ``text`` and whether ``reads`` gives ``text`` back from it."""
    if _PLAIN.fullmatch(text) and not _SHORTCODE.search(text):
        return text, True
    if not _BREAKS.search(text):
        for chars in (_LIGHT, _HEAVY):
            candidate = _escape(text, chars)
            if reads(candidate) == text:
                return candidate, True
    plain = " ".join(_BREAKS.sub(" ", text).split())
    return (_escape(plain, _HEAVY) if plain else "…"), False


def quote(value: str) -> str:
    """A double-quoted YAML (and JSON) string that needs no Argdown escaping around it."""
    out = ['"']
    for ch in value:
        code = ord(ch)
        if ch == '"' or ch == "\\":
            out.append("\\" + ch)
        elif ch in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[ch])
        elif (
            ch in "{}="
            or code < 0x20
            or 0x7F <= code <= 0x9F
            or 0xD800 <= code <= 0xDFFF
            or ch in "\u2028\u2029\ufeff\ufffe\uffff"
        ):
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _yaml(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, str):
        return quote(value)
    if isinstance(value, float):
        text = repr(value)
        mantissa, _, exponent = text.partition("e")
        if exponent and "." not in mantissa:
            text = f"{mantissa}.0e{exponent}"
        return text
    if isinstance(value, list):
        return "[" + ", ".join(_yaml(v) for v in value) + "]"
    return json.dumps(value)


def _data(items: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{key}: {_yaml(value)}" for key, value in items.items()) + "}"


def _statement_title_ok(title: str) -> bool:
    return (
        bool(title) and "]" not in title and not title.startswith("-") and not _UNSAFE_IN_TITLE.search(title)
    )


def _argument_title_ok(title: str) -> bool:
    return (
        bool(title)
        and ">" not in title
        and title[0] not in "-+_"
        and not title.startswith("!--")
        and not _UNSAFE_IN_TITLE.search(title)
    )


def _tag_token(tag: str) -> str | None:
    if _SIMPLE_TAG.fullmatch(tag):
        return f"#{tag}"
    if tag and ")" not in tag and not _UNSAFE_IN_TITLE.search(tag):
        return f"#({tag})"
    return None


# ---------------------------------------------------------------------- the writer
@dataclass
class _Pcs:
    title: str
    premises: list[str]
    conclusion: str


@dataclass
class _Writer:
    amap: ArgumentMap
    lines: list[str] = field(default_factory=list)
    refs: dict[str, str] = field(default_factory=dict)
    marker: dict[str, str] = field(default_factory=dict)  # tag the reader adds back
    blocks: list[_Pcs] = field(default_factory=list)
    inference_of: dict[tuple[str, str], _Pcs] = field(default_factory=dict)

    def render(self) -> str:
        self.plan_reconstructions()
        self.plan_forms()
        self.name_reconstructions()
        self.front_matter()
        self.claims()
        for block in self.blocks:
            self.reconstruction(block)
        if not self.amap.claims:
            self.lines.append("# (no claims)")
            self.lines.append("")
        return "\n".join(self.lines).rstrip("\n") + "\n"

    # ------------------------------------------------------------------ planning
    def plan_reconstructions(self) -> None:
        """One reconstruction per linked support, one per undercut plain support."""
        groups: dict[tuple[str, str], _Pcs] = {}
        for claim in self.amap.claims:
            for link in claim.linked:
                block = _Pcs("", [claim.id, *link.with_], link.to)
                self.blocks.append(block)
                for premise in block.premises:
                    groups.setdefault((premise, link.to), block)
        by_id = self.amap.by_id
        for claim in self.amap.claims:
            for cut in claim.undercuts:
                pair = (cut.from_, cut.to)
                if pair in self.inference_of:
                    continue
                if cut.to in by_id[cut.from_].supports:
                    block = _Pcs("", [cut.from_], cut.to)
                    self.blocks.append(block)
                else:
                    block = groups[pair]
                self.inference_of[pair] = block

    def plan_forms(self) -> None:
        """How each claim is written: ``<Title>``, ``[Title]`` or ``[id]``."""
        in_pcs = {claim_id for block in self.blocks for claim_id in (*block.premises, block.conclusion)}
        for claim in self.amap.claims:
            first = claim.tags[0] if claim.tags else ""
            head = f"[{claim.id}]"
            if first.startswith("argument:"):
                title = first[len("argument:") :]
                if claim.id not in in_pcs and _argument_title_ok(title) and slug(title) == claim.id:
                    head = f"<{title}>"
                    self.marker[claim.id] = first
            elif first.startswith("title:"):
                title = first[len("title:") :]
                if title != claim.id and _statement_title_ok(title) and slug(title) == claim.id:
                    head = f"[{title}]"
                    self.marker[claim.id] = first
            self.refs[claim.id] = head

    def name_reconstructions(self) -> None:
        taken = {ref[1:-1] for ref in self.refs.values() if ref.startswith("<")}
        number = 0
        for block in self.blocks:
            number += 1
            while f"Inference {number}" in taken:
                number += 1
            block.title = f"Inference {number}"

    # ------------------------------------------------------------------ output
    def front_matter(self) -> None:
        meta = self.amap.meta
        fields = [(key, getattr(meta, key)) for key in ("title", "author", "source", "licence", "url")]
        fields = [(key, value) for key, value in fields if value is not None]
        if fields:
            self.lines.append("===")
            self.lines.extend(f"{key}: {quote(value)}" for key, value in fields)
            self.lines.extend(["===", ""])

    def claims(self) -> None:
        section: str | None = None
        for claim in self.amap.claims:
            if claim.section is not None and claim.section != section:
                text, exact = visible(claim.section, _heading_text)
                if exact:
                    self.lines.extend([f"# {text}", ""])
                    section = claim.section
            self.claim(claim, section)
            self.lines.append("")

    def claim(self, claim: Claim, section: str | None) -> None:
        data: dict[str, Any] = {}
        if slug(self.refs[claim.id][1:-1]) != claim.id:  # the title cannot spell it (``Thesis``)
            data["id"] = claim.id
        if claim.kind != "claim":
            data["kind"] = claim.kind
        text, exact = visible(claim.text, _statement_text)
        if not exact:
            data["text"] = claim.text
        if claim.quote is not None:
            data["quote"] = claim.quote
        if claim.section != section:
            data["section"] = claim.section
        if claim.base_score is not None:
            data["base_score"] = claim.base_score
        marker = self.marker.get(claim.id)
        rest = claim.tags[1:] if marker else claim.tags
        tokens = [token for token in map(_tag_token, rest) if token]
        expected = ([marker] if marker else []) + list(dict.fromkeys(t for t in rest if _tag_token(t)))
        if expected != claim.tags:
            data["tags"] = list(claim.tags)
        if claim.contrasts:
            data["contrasts"] = list(claim.contrasts)
        line = f"{self.refs[claim.id]}: {text}"
        if tokens:
            line += " " + " ".join(tokens)
        if data:
            line += " " + _data(data)
        self.lines.append(line)
        self.lines.extend(f"  +> {self.refs[target]}" for target in claim.supports)
        self.lines.extend(f"  -> {self.refs[target]}" for target in claim.attacks)
        for cut in claim.undercuts:
            block = self.inference_of[(cut.from_, cut.to)]
            suffix = "" if block.premises[0] == cut.from_ else " " + _data({"from": cut.from_})
            self.lines.append(f"  _> <{block.title}>{suffix}")

    def reconstruction(self, block: _Pcs) -> None:
        self.lines.extend([f"<{block.title}>", ""])
        for number, premise in enumerate(block.premises, 1):
            self.lines.append(f"({number}) {self.refs[premise]}")
        self.lines.append("----")
        self.lines.append(f"({len(block.premises) + 1}) {self.refs[block.conclusion]}")
        self.lines.append("")
