"""Answering from a store by SQL, with the same data structures the file path uses.

`StoreMap` stands in for an `ArgumentMap` where a command needs only some claims: its
``by_id`` and `StoreIndex` (an `Index` whose claims and relation lists are fetched by
indexed lookups the first time they are asked for) load just the claims a query touches, as
pydantic `Claim`s. The tree, trace and describe functions run on it unchanged, which is why
their output through a store is the file path's output, byte for byte.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from functools import cached_property
from typing import TYPE_CHECKING, Any

from argmap.model.index import Edge, Index

if TYPE_CHECKING:
    from argmap.model import Claim, Meta
    from argmap.store.reader import MapEntry


def _claim(doc: str) -> Claim:
    from argmap.model import Claim

    return Claim.model_validate_json(doc)


class LazyClaims(dict[str, "Claim"]):
    """Claims by id, fetched one by one as asked for; iterating lists every id of the map."""

    def __init__(self, connection: sqlite3.Connection, number: int, count: int) -> None:
        super().__init__()
        self._connection, self._number, self._count = connection, number, count

    def __missing__(self, claim_id: str) -> Claim:
        row = self._connection.execute(
            "SELECT doc FROM claims WHERE map = ? AND id = ?", (self._number, claim_id)
        ).fetchone()
        if row is None:
            raise KeyError(claim_id)
        claim = self[claim_id] = _claim(row[0])
        return claim

    def get(self, claim_id: str, default: Any = None) -> Any:
        try:
            return self[claim_id]
        except KeyError:
            return default

    def __contains__(self, claim_id: object) -> bool:
        return self.get(str(claim_id)) is not None

    def __iter__(self) -> Iterator[str]:
        rows = self._connection.execute("SELECT id FROM claims WHERE map = ? ORDER BY rid", (self._number,))
        return (row[0] for row in rows)

    def __len__(self) -> int:
        return self._count


class LazyEdges(dict[str, list[Edge]]):
    """One side of the relation index (outgoing by source, incoming by target), fetched per claim."""

    def __init__(self, connection: sqlite3.Connection, number: int, side: str) -> None:
        super().__init__()
        order = "out_pos" if side == "source" else "in_pos"
        self._sql = (
            "SELECT source, target, kind, linked, undercut_by FROM relations "
            f"WHERE map = ? AND {side} = ? ORDER BY {order}"
        )
        self._connection, self._number = connection, number

    def __missing__(self, claim_id: str) -> list[Edge]:
        edges = [
            Edge(source, target, kind, _ids(linked), _ids(undercut_by))
            for source, target, kind, linked, undercut_by in self._connection.execute(
                self._sql, (self._number, claim_id)
            )
        ]
        self[claim_id] = edges
        return edges


def _ids(joined: str) -> tuple[str, ...]:
    return tuple(joined.split(" ")) if joined else ()


class StoreIndex(Index):
    """An `Index` over one map of a store that fetches what a walk visits."""

    connection: sqlite3.Connection
    number: int

    @classmethod
    def open(cls, connection: sqlite3.Connection, entry: MapEntry) -> StoreIndex:
        index = cls(
            LazyClaims(connection, entry.number, entry.claim_count),
            LazyEdges(connection, entry.number, "source"),
            LazyEdges(connection, entry.number, "target"),
        )
        index.connection, index.number = connection, entry.number
        return index

    def theses(self) -> list[str]:
        rows = self.connection.execute(
            "SELECT id FROM claims WHERE map = ? AND kind = 'thesis' ORDER BY rid", (self.number,)
        )
        return [row[0] for row in rows]

    def roots(self) -> list[str]:
        theses = self.theses()
        if theses:
            return theses
        rows = self.connection.execute(
            "SELECT id FROM claims AS c WHERE map = ?1 AND NOT EXISTS (SELECT 1 FROM relations AS r "
            "WHERE r.map = ?1 AND r.source = c.id AND r.kind IN ('supports', 'attacks')) ORDER BY rid",
            (self.number,),
        )
        return [row[0] for row in rows]

    def contrasted(self) -> AbstractSet[str]:
        """Every claim on either side of a contrast, asked claim by claim (a walk asks about
        the few it visits): see `Contrasted`."""
        return Contrasted(self)

    def prefetch(self, roots: Iterable[str], depth: int | None, direction: str) -> None:
        """Fetch, a level at a time, the claims and relations a walk of ``depth`` levels from
        ``roots`` visits: three queries per level instead of three per claim."""
        level = list(dict.fromkeys(roots))
        seen: set[str] = set()
        steps = 0
        while level and (depth is None or steps <= depth):
            todo = [claim_id for claim_id in level if claim_id not in seen]
            seen.update(todo)
            self._fetch(todo)
            level = [child for claim_id in todo for child in self._next_ids(claim_id, direction)]
            steps += 1

    def _next_ids(self, claim_id: str, direction: str) -> list[str]:
        """Every id a walk can go to from ``claim_id`` (a superset of `_children`'s)."""
        outgoing = self.outgoing[claim_id]
        if direction != "down":
            return [e.target for e in outgoing]
        found = [e.target for e in outgoing if e.kind == "contrasts"]
        for edge in self.incoming[claim_id]:
            found.append(edge.source)
            found += edge.undercut_by
        return found

    def _fetch(self, ids: list[str]) -> None:
        """The claims ``ids`` and both their relation lists, into the lazy dicts' caches."""
        claims, outgoing, incoming = self.claims, self.outgoing, self.incoming
        ids = [i for i in ids if i not in outgoing or i not in incoming or not dict.__contains__(claims, i)]
        for start in range(0, len(ids), _BATCH):
            chunk = ids[start : start + _BATCH]
            batch = json.dumps(chunk)
            rows = self.connection.execute(_CLAIMS_IN, (self.number, batch))
            for claim_id, doc in rows:
                dict.__setitem__(claims, claim_id, _claim(doc))
            for side, edges in (("source", outgoing), ("target", incoming)):
                fetched: dict[str, list[Edge]] = {claim_id: [] for claim_id in chunk}
                for row in self.connection.execute(_EDGES_IN[side], (self.number, batch)):
                    fetched[row[0 if side == "source" else 1]].append(
                        Edge(row[0], row[1], row[2], _ids(row[3]), _ids(row[4]))
                    )
                edges.update(fetched)


#: Claims and relations of many ids at once (``?2``: the ids as a JSON array).
_BATCH = 5000
_CLAIMS_IN = "SELECT id, doc FROM claims WHERE map = ?1 AND id IN (SELECT value FROM json_each(?2))"
_EDGES_IN = {
    side: "SELECT source, target, kind, linked, undercut_by FROM relations "
    f"WHERE map = ?1 AND {side} IN (SELECT value FROM json_each(?2)) ORDER BY {side}, {order}"
    for side, order in (("source", "out_pos"), ("target", "in_pos"))
}


class Contrasted(AbstractSet[str]):
    """The claims on either side of a contrast in one map of a store. Whether one claim is
    (``in``) reads its relation lists, which a walk fetches anyway; whether any is (``bool``)
    stops at the first contrast; only iterating reads them all."""

    def __init__(self, index: StoreIndex) -> None:
        self._index = index

    def __contains__(self, claim_id: object) -> bool:
        index, key = self._index, str(claim_id)
        return any(e.kind == "contrasts" for e in index.outgoing[key]) or any(
            e.kind == "contrasts" for e in index.incoming[key]
        )

    def __bool__(self) -> bool:
        sql = "SELECT 1 FROM relations WHERE map = ? AND kind = 'contrasts' LIMIT 1"
        return self._index.connection.execute(sql, (self._index.number,)).fetchone() is not None

    def _all(self) -> set[str]:
        sql = "SELECT source, target FROM relations WHERE map = ? AND kind = 'contrasts'"
        return {
            claim_id
            for pair in self._index.connection.execute(sql, (self._index.number,))
            for claim_id in pair
        }

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


class StoreMap:
    """One map of a store (or all of them, ``entry`` None), standing in for an `ArgumentMap`
    in the queries: ``meta``, ``len``, ``by_id``, `index`, `select_claims`, `quote_at`."""

    def __init__(self, connection: sqlite3.Connection, path: str, entry: MapEntry | None) -> None:
        self.connection, self.path, self.entry = connection, path, entry

    @cached_property
    def meta(self) -> Meta:
        from argmap.model import Meta

        if self.entry is None:
            return Meta()
        (document,) = self.connection.execute(
            "SELECT document FROM maps WHERE map = ?", (self.entry.number,)
        ).fetchone()
        return Meta.model_validate(json.loads(document).get("meta", {}))

    def __len__(self) -> int:
        if self.entry is not None:
            return self.entry.claim_count
        return int(self.connection.execute("SELECT coalesce(sum(claim_count), 0) FROM maps").fetchone()[0])

    @cached_property
    def by_id(self) -> LazyClaims:
        return self.index().claims  # type: ignore[return-value]

    def index(self) -> StoreIndex:
        assert self.entry is not None, "an index is per map"
        return self._index

    @cached_property
    def _index(self) -> StoreIndex:
        assert self.entry is not None
        return StoreIndex.open(self.connection, self.entry)

    def source_paths(self) -> list[str]:
        """The map files this map (or every map) was indexed from."""
        where, args = ("map = ?", [self.entry.number]) if self.entry is not None else ("1", [])
        sql = f"SELECT path FROM sources WHERE role = 'map' AND {where} ORDER BY map"
        return [row[0] for row in self.connection.execute(sql, args)]

    def text_path(self) -> str | None:
        """The source text file this map's quotes were found in when it was indexed."""
        if self.entry is None:
            return None
        sql = "SELECT path FROM sources WHERE role = 'text' AND map = ?"
        row = self.connection.execute(sql, (self.entry.number,)).fetchone()
        return None if row is None else str(row[0])

    def maps(self) -> dict[int, str]:
        return dict(self.connection.execute("SELECT map, name FROM maps").fetchall())

    def known_values(self, what: str, asked: Sequence[str] = ()) -> set[str]:
        """The sections or tags in use (what `select` checks the asked ones against): only
        the ``asked`` ones when each is in use (one indexed lookup each), else all of them."""
        where, args = self._where()
        if what == "section":
            sql = f"SELECT DISTINCT section FROM claims AS c WHERE {where} AND section IS NOT NULL"
            one = f"SELECT 1 FROM claims AS c WHERE {where} AND section = ? LIMIT 1"
        else:
            sql = f"SELECT DISTINCT t.tag FROM tags AS t JOIN claims AS c ON c.rid = t.rid WHERE {where}"
            one = f"SELECT 1 FROM tags AS t JOIN claims AS c ON c.rid = t.rid WHERE {where} AND t.tag = ? LIMIT 1"
        if asked and all(self.connection.execute(one, [*args, value]).fetchone() for value in asked):
            return set(asked)
        return {row[0] for row in self.connection.execute(sql, args)}

    def _where(self, *, by_kind: bool = False) -> tuple[str, list[Any]]:
        """The clause that keeps one map's claims (``c``). Unless the kind is all that is
        asked (``by_kind``), the unary ``+`` keeps SQLite from walking the (map, kind) index
        and sorting after: claims then come in ``rid`` order, from the tag or full-text index
        when there is one, so the first ones come at once."""
        if self.entry is None:
            return "1", []
        return ("c.map = ?" if by_kind else "+c.map = ?"), [self.entry.number]

    def select_claims(
        self, kinds: Sequence[str], sections: Sequence[str], tags: Sequence[str], words: Sequence[str]
    ) -> Iterator[tuple[int, Claim]]:
        """(map number, claim) in map order for the checked filters of `argmap.analysis.queries.select`."""
        from argmap.analysis.queries import matches

        where, args = self._where(by_kind=bool(kinds) and not (tags or words))
        clauses = [where]
        if kinds:
            clauses.append(f"c.kind IN ({', '.join('?' * len(kinds))})")
            args += kinds
        if sections:
            clauses.append(f"c.section IN ({', '.join('?' * len(sections))})")
            args += sections
        for tag in tags:
            clauses.append("c.rid IN (SELECT rid FROM tags WHERE tag = ?)")
            args.append(tag)
        # SQLite text stops at NUL for instr and FTS: such words are left to `matches` alone.
        needles = [word.casefold() for word in words if "\x00" not in word]
        match = self._full_text_query(needles)
        if match == "":
            return  # a word with a piece no word of any claim contains: nothing matches
        if match is not None:
            clauses.append("c.rid IN (SELECT rowid FROM claim_search WHERE claim_search MATCH ?)")
            args.append(match)
        for needle in needles:
            clauses.append("instr(c.folded, ?) > 0")
            args.append(needle)
        sql = f"SELECT c.map, c.doc FROM claims AS c WHERE {' AND '.join(clauses)} ORDER BY c.rid"
        for number, doc in self.connection.execute(sql, args):
            claim = _claim(doc)
            if not words or matches(claim, words):
                yield number, claim

    @cached_property
    def search_index(self) -> str:
        """``fts5-words`` (see `argmap.store.fulltext`), ``fts5`` (trigrams, in stores of an
        older argmap) or ``scan``."""
        row = self.connection.execute("SELECT value FROM settings WHERE key = 'search'").fetchone()
        return "scan" if row is None else str(row[0])

    @property
    def full_text(self) -> bool:
        return self.search_index.startswith("fts5")

    @cached_property
    def _search_words(self) -> str:
        row = self.connection.execute("SELECT words FROM search_words").fetchone()
        return "\n" if row is None else str(row[0])

    def _full_text_query(self, needles: Sequence[str]) -> str | None:
        """The FTS5 query every claim holding all ``needles`` satisfies; None where the index
        cannot narrow the search, "" where no claim can match."""
        if self.search_index == "fts5":
            grams = _trigrams(needles)
            return " AND ".join(_quoted(gram) for gram in grams) if grams else None
        if self.search_index != "fts5-words":
            return None
        groups = []
        for needle in needles:
            piece = max(_PIECE.findall(needle), key=len, default="")
            if not piece:
                continue
            terms = _words_containing(self._search_words, piece, _MOST_TERMS + 1)
            if not terms:
                return ""
            if len(terms) <= _MOST_TERMS:
                groups.append("(" + " OR ".join(_quoted(term) for term in terms) + ")")
        return " AND ".join(groups) or None

    def tiny_scores(self) -> bool:
        """Whether a base score below 1e-4 is anywhere (JSON spells those two ways)."""
        where, args = self._where()
        sql = (
            f"SELECT 1 FROM claims AS c WHERE {where} AND json_extract(c.doc, '$.base_score') > 0 "
            "AND json_extract(c.doc, '$.base_score') < 1e-4 LIMIT 1"
        )
        return self.connection.execute(sql, args).fetchone() is not None

    def quote_at(self, quote: str) -> tuple[str, int, int] | None:
        """Where ``quote`` first occurs in the source text kept in the store (see `quote_position`)."""
        assert self.entry is not None
        row = self.connection.execute(
            "SELECT source_name, source_text FROM maps WHERE map = ?", (self.entry.number,)
        ).fetchone()
        if row is None or row[1] is None or not quote:
            return None
        from argmap.model.source_text import position_in

        return position_in(row[0], row[1], quote)


#: A piece of a (casefolded) search word as FTS5's ``ascii`` tokenizer cuts words: ASCII
#: letters and digits and every non-ASCII character. Every piece of a word a claim holds is
#: inside one of the claim's indexed words.
_PIECE = re.compile("[0-9a-z\x80-\U0010ffff]+")
#: Beyond this many indexed words containing a piece, scanning is as quick as asking for them.
_MOST_TERMS = 1000


def _words_containing(words: str, piece: str, most: int) -> list[str]:
    """Up to ``most`` of the newline-separated ``words`` that contain ``piece`` (no newline)."""
    found: list[str] = []
    at = words.find(piece)
    while at >= 0 and len(found) < most:
        start, end = words.rfind("\n", 0, at) + 1, words.find("\n", at)
        found.append(words[start:end])
        at = words.find(piece, end)
    return found


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _trigrams(needles: Sequence[str], most: int = 16) -> list[str]:
    """Trigrams every match must contain, for the trigram index of stores of an older argmap:
    it narrows the claims to those having them all, and ``instr`` then decides."""
    grams = list(dict.fromkeys(n[i : i + 3] for n in needles for i in range(len(n) - 2)))
    if len(grams) > most:
        step = len(grams) / most
        grams = [grams[int(i * step)] for i in range(most)]
    return grams


def claims_of(rows: Iterable[tuple[int, Claim]]) -> Iterator[Claim]:
    return (claim for _number, claim in rows)
