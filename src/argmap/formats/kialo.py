"""Kialo discussion export (the ``.txt`` of "Export discussion"), both dialects; read only.

The old dialect (``Discussion Title: …``, ``1.2. Pro: text`` on one line) and the new one
(``Discussion Name:`` then the title, ``1.2. Pro:`` alone, the body on the following lines,
a ``Sources:`` block at the end) are one tree of numbered paths. argmap reads it so:

- a numbered line → claim ``k<path>`` (``k1.2.3``; a path too long for a 200-character id,
  about 60 levels deep, keeps its first 150 characters and a hash); text unescaped (``\\(`` → ``(``, a literal
  ``\\n`` → a line break), multi-line bodies kept with their line breaks;
- root → kind ``thesis``; ``Pro`` → ``supports`` its parent, kind ``claim``; ``Con`` → ``attacks``
  its parent, kind ``rebuttal`` under a ``Con`` and ``objection`` elsewhere;
- ``1. Question:`` root → a ``claim`` tagged ``question``; its ``Thesis`` children → kind ``thesis``
  with no relation to it (argmap has no "answers"), said in one warning;
- ``-> See 1.2.3.`` → no claim of its own: the claim 1.2.3 gets the link's stance towards the
  link's parent (Kialo trees become DAGs this way);
- ``-> See discussion #N: text`` → a claim holding that text, tagged ``external`` and
  ``kialo-discussion:N``, with the link's stance;
- footnote ``[n]`` → ``[n](url)``, the URL from the ``Sources:`` block (kept in the text as the old
  dialect keeps its Markdown links); quoted excerpts under a source are not kept (one warning).
  Claim parsing stops at ``Sources:``, so numbered lines inside excerpts are never claims.

Kialo's impact votes are not in the export, so nothing else is lost. Malformed numbering (a
claim before its parent, a path used twice) or a file without a Kialo header is a located
`MapError`; broken, self and repeated links and unknown footnotes are located warnings.
Parsing is one pass over the lines and link resolution is iterative, so depth is unbounded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from argmap.errors import MapError, warn
from argmap.losses import Losses

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_CLAIM = re.compile(
    r"^(?P<indent>[ \t]*)(?P<path>\d+(?:\.\d+)*)\.(?:[ \t]+|$)"
    r"(?:(?P<label>Thesis|Question|Pro|Con):(?:[ \t]+|$))?(?P<rest>.*)$"
)
_INTERNAL = re.compile(r"^->\s*See\s+(\d+(?:\.\d+)*)\.?\s*$")
_EXTERNAL = re.compile(r"^->\s*See\s+discussion\s+#(\d+)\s*:?\s*(.*)$", re.DOTALL)
_SOURCE = re.compile(r"^\[(\d+)\][ \t]*(.*)$")
_FOOTNOTE = re.compile(r"(?<!\\)\[(\d+)\](?![(\[:])")
_ESCAPE = re.compile(r"\\(.)")
_SPACE = re.compile(r"\s")
_MAX_PATH = 200
_ESCAPABLE = frozenset("\\`*_{}[]()#+-.!|<>~@\"'&$%^=:;,?/")


@dataclass
class _Entry:
    path: str
    label: str | None
    line: int
    body: list[str] = field(default_factory=list)
    link: str | None = None

    @property
    def parent(self) -> str | None:
        return self.path.rpartition(".")[0] or None

    @property
    def id(self) -> str:
        """``k<path>``; a path too long for an id (depth beyond ~60) keeps its head and a hash."""
        if len(self.path) < _MAX_PATH:
            return "k" + self.path
        import hashlib

        return f"k{self.path[:150]}-{hashlib.sha1(self.path.encode()).hexdigest()[:16]}"


@dataclass
class _Source:
    text: str
    excerpt: bool = False
    cited: bool = False

    @property
    def inline(self) -> str:
        """What follows ``[n]`` in a claim: ``(url)``, a Markdown link; `` (text)`` for a non-link."""
        if not self.text:
            return ""
        return f" ({self.text})" if _SPACE.search(self.text) else f"({self.text})"


_MESSAGES = {
    "preamble": "ignored {n} line(s) before the first claim",
    "answers": "kept {n} thesis/theses answering a question as claims of kind thesis with no relation "
    "to the question (tagged 'question'): argmap has no 'answers' relation",
    "broken_link": "dropped {n} '-> See' link(s) to a claim that is not in the file",
    "self_link": "dropped {n} '-> See' link(s) that would make a claim support or attack itself",
    "repeated": "dropped {n} '-> See' link(s) repeating a relation the claim already has",
    "empty": "{n} claim(s) have no text; they read '(no text)'",
    "unknown_footnote": "left {n} footnote marker(s) as written: no entry under Sources:",
    "excerpt": "did not keep the quoted excerpts of {n} source(s); their links are kept on the [n] markers",
    "uncited": "did not keep {n} source(s) that no claim cites",
}


def read(text: str, *, path: str | None = None) -> ArgumentMap:
    """Parse a Kialo export of either dialect into a validated map."""
    lines = _LINE_BREAK.split(text.lstrip("\ufeff"))
    report = Losses(lambda line: (line, None))
    title, new_dialect, start = _header(lines, path)
    entries, end = _entries(lines, start, new_dialect, path, report)
    sources = _sources(lines, end)
    claims = _Builder(entries, sources, report).claims()
    _source_warnings(sources, end, report)
    for message, line, _ in report.counted(_MESSAGES):  # sent from here: warn points at read's caller
        warn(message, path=path, line=line)
    return _finish(title, claims, path)


def _header(lines: list[str], path: str | None) -> tuple[str | None, bool, int]:
    """The title, whether this is the new dialect, and the index of the first line after the header."""
    index = next((i for i, line in enumerate(lines) if line.strip()), 0)
    first = lines[index].strip() if lines else ""
    if first.startswith("Discussion Title:"):
        return first.removeprefix("Discussion Title:").strip() or None, False, index + 1
    if first.startswith("Discussion Name:"):
        title = first.removeprefix("Discussion Name:").strip()
        if title:
            return title, True, index + 1
        following = next((i for i in range(index + 1, len(lines)) if lines[i].strip()), None)
        if following is not None and not _CLAIM.match(lines[following]):
            return lines[following].strip(), True, following + 1
        return None, True, index + 1
    raise MapError(
        "not a Kialo export: it should begin with 'Discussion Title:' or 'Discussion Name:'",
        path=path,
        line=index + 1,
        column=1,
        hint="export the discussion from Kialo (… → Export discussion) and read the .txt unchanged",
    )


def _entries(
    lines: list[str], start: int, new_dialect: bool, path: str | None, report: Losses
) -> tuple[list[_Entry], int]:
    """The numbered claims in file order, and the index where claims end (``Sources:`` or EOF)."""
    entries: list[_Entry] = []
    known: set[str] = set()
    current: _Entry | None = None
    for index in range(start, len(lines)):
        line = lines[index]
        if line.rstrip() == "Sources:" and (index == 0 or not lines[index - 1].strip()):
            return _trim(entries), index
        match = _CLAIM.match(line)
        if match and _starts_claim(match, lines, index, new_dialect, bool(entries)):
            current = _new_entry(match, index, known, path)
            entries.append(current)
            continue
        if current is None:
            if line.strip():
                report.add("preamble", index + 1, repr(line.strip()[:40]))
        elif new_dialect or line.strip():
            current.body.append(line)
    return _trim(entries), len(lines)


def _starts_claim(match: re.Match[str], lines: list[str], index: int, new_dialect: bool, seen: bool) -> bool:
    """A numbered line starts a claim when it has a label (or is the old dialect's unlabelled root).

    The new dialect also puts a blank line before each label, which keeps numbered lines
    inside multi-line bodies from being taken for claims.
    """
    if match["label"] is None:
        return not new_dialect and not seen
    return not new_dialect or index == 0 or not lines[index - 1].strip()


def _new_entry(match: re.Match[str], index: int, known: set[str], path: str | None) -> _Entry:
    entry = _Entry(match["path"], match["label"], index + 1)
    if entry.path in known:
        message = f"claim {entry.path}. appears twice"
        hint = "each numbered path occurs once in a Kialo export"
    elif entry.parent is not None and entry.parent not in known:
        message = f"claim {entry.path}. has no parent {entry.parent}. above it"
        hint = "claims follow their parent claim in a Kialo export"
    else:
        known.add(entry.path)
        indent = match["indent"]
        entry.body = [indent + match["rest"]] if match["rest"].strip() else []
        return entry
    raise MapError(message, path=path, line=index + 1, column=len(match["indent"]) + 1, hint=hint)


def _trim(entries: list[_Entry]) -> list[_Entry]:
    """Dedent each body by its label's indentation and drop the blank lines around it."""
    for entry in entries:
        lines = [line.rstrip() for line in entry.body]
        while lines and not lines[-1]:
            lines.pop()
        while lines and not lines[0]:
            lines.pop(0)
        indent = min((len(line) - len(line.lstrip(" \t")) for line in lines if line), default=0)
        entry.body = [line[indent:] for line in lines]
    return entries


def _sources(lines: list[str], end: int) -> dict[str, _Source]:
    """The ``[n] url`` entries after ``Sources:``; any other lines are excerpts of the one above."""
    sources: dict[str, _Source] = {}
    current: _Source | None = None
    for line in lines[end + 1 :]:
        match = _SOURCE.match(line.strip())
        if match:
            current = sources.setdefault(match[1], _Source(match[2].strip()))
        elif current is not None and line.strip():
            current.excerpt = True
    return sources


def _source_warnings(sources: dict[str, _Source], end: int, report: Losses) -> None:
    for number, source in sources.items():
        if source.excerpt:
            report.add("excerpt", end + 1, f"[{number}]")
        if not source.cited:
            report.add("uncited", end + 1, f"[{number}]")


def _unescape(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        char = match[1]
        if char == "n":
            return "\n"
        return char if char in _ESCAPABLE else match[0]

    return _ESCAPE.sub(replace, text)


class _Builder:
    """Turns entries into claim data: ids, kinds, texts and relations."""

    def __init__(self, entries: list[_Entry], sources: dict[str, _Source], report: Losses) -> None:
        self.entries = {entry.path: entry for entry in entries}
        self.order = entries
        self.sources = sources
        self.report = report
        self.data: dict[str, dict[str, Any]] = {}

    def claims(self) -> list[dict[str, Any]]:
        for entry in self.order:
            body = "\n".join(entry.body)
            internal = _INTERNAL.match(body.strip())
            if internal:
                entry.link = internal[1]
            else:
                self.data[entry.path] = self._claim(entry, body)
        for entry in self.order:
            self._relate(entry)
        return list(self.data.values())

    def _claim(self, entry: _Entry, body: str) -> dict[str, Any]:
        claim: dict[str, Any] = {"id": entry.id, "kind": self._kind(entry)}
        external = _EXTERNAL.match(body.strip())
        if external:
            body = external[2]
            claim["tags"] = ["external", f"kialo-discussion:{external[1]}"]
        elif entry.label == "Question":
            claim["tags"] = ["question"]
        text = _unescape(self._footnotes(body, entry.line)).strip()
        if not text:
            self.report.add("empty", entry.line, entry.path + ".")
        claim["text"] = text or "(no text)"
        return claim

    def _kind(self, entry: _Entry) -> str:
        if entry.label == "Thesis" or (entry.parent is None and entry.label is None):
            return "thesis"
        if entry.label == "Con":
            parent = self.entries.get(entry.parent or "")
            return "rebuttal" if parent is not None and parent.label == "Con" else "objection"
        return "claim"

    def _footnotes(self, body: str, line: int) -> str:
        def replace(match: re.Match[str]) -> str:
            source = self.sources.get(match[1])
            if source is None:
                self.report.add("unknown_footnote", line, match[0])
                return match[0]
            source.cited = True
            return match[0] + source.inline

        return _FOOTNOTE.sub(replace, body)

    def _resolve(self, path: str) -> str | None:
        """The claim a path stands for, following '-> See' links (iteratively, cycles give None)."""
        seen: set[str] = set()
        while path not in self.data:
            entry = self.entries.get(path)
            if entry is None or entry.link is None or path in seen:
                return None
            seen.add(path)
            path = entry.link
        return path

    def _relate(self, entry: _Entry) -> None:
        if entry.parent is None or entry.label not in ("Pro", "Con"):
            if entry.parent is not None:
                self.report.add("answers", entry.line, entry.path + ".")
            return
        source, target = self._resolve(entry.path), self._resolve(entry.parent)
        if source is None or target is None:
            self.report.add("broken_link", entry.line, f"{entry.path}. -> See {entry.link}.")
            return
        if source == target:
            self.report.add("self_link", entry.line, f"{entry.path}. -> See {entry.link}.")
            return
        relation = "supports" if entry.label == "Pro" else "attacks"
        targets = self.data[source].setdefault(relation, [])
        target_id = self.data[target]["id"]
        if entry.link is not None and target_id in targets:
            self.report.add("repeated", entry.line, f"{entry.path}. -> See {entry.link}.")
            return
        targets.append(target_id)


def _finish(title: str | None, claims: list[dict[str, Any]], path: str | None) -> ArgumentMap:
    from pydantic import ValidationError

    from argmap.model import validate

    if not claims:
        raise MapError(
            "no claims found", path=path, line=1, column=1, hint="a Kialo export lists its thesis as '1. …'"
        )
    try:
        return validate({"meta": {"title": title} if title else {}, "claims": claims}, path=path)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise MapError(f"the discussion gives an invalid map: {where}: {first['msg']}", path=path) from None
