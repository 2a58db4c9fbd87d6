"""The full-text index, made in a thread beside the store while the rest of it is written.

The index holds the words of each claim's folded text (FTS5's ``ascii`` tokenizer: a word is a
run of ASCII letters and digits and any non-ASCII characters, so Python splits a search word
exactly as SQLite splits the text), and ``search_words`` lists every word once. A search word
is found inside longer words (``actor`` in ``factory``): each of its pieces is a substring of
some word of every claim that holds it, so the claims having one of the listed words that
contain the piece are the candidates, and ``instr`` then decides. Words rather than trigrams
make the index several times quicker to build, and smaller (benchmarks/RESULTS.md).

Tokenizing is still the biggest step of a build. SQLite lets go of the GIL while it works, so
a second connection makes the index in a file of its own and overlaps the Python work on
claims and relations and the store's other indexes; its tables are then copied into the
store, which declares the same full-text table. Where SQLite refuses to write those tables
directly (a build that guards FTS5's own tables), the store makes the index from its claims.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable

#: The full-text table over the claims' folded text (``{schema}``: "" or "main.").
DDL = (
    "CREATE VIRTUAL TABLE {schema}claim_search USING fts5(folded, content='claims', content_rowid='rid', "
    "tokenize='ascii', detail='none')"
)
#: The tables FTS5 keeps its index in (the content is the store's claims table).
SHADOWS = ("data", "idx", "docsize", "config")
#: Every word of the index once, in one text between newlines (which no word holds): finding
#: the words that contain a piece is then one ``str.find`` pass, not a query per row.
TERMS_DDL = "CREATE TABLE {schema}search_words (words TEXT NOT NULL)"
#: The value of the ``search`` setting of a store with this index (older stores say "fts5":
#: trigrams, which `argmap.store.query` still reads).
WORDS = "fts5-words"
#: The tokens FTS5 holds in memory before writing a segment: its default (1 MiB) makes many
#: small segments that it then merges.
HASHSIZE = 32 << 20


def open_for_build(path: str, *, check_same_thread: bool = True) -> sqlite3.Connection:
    """A connection to a new file that becomes visible only when complete: no journal, no
    syncs, no locks to share, sorts in memory."""
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=check_same_thread)
    for pragma in (
        "journal_mode = OFF",
        "synchronous = OFF",
        "locking_mode = EXCLUSIVE",
        "temp_store = MEMORY",
        "cache_size = -262144",
    ):
        connection.execute(f"PRAGMA {pragma}")
    return connection


def tune(connection: sqlite3.Connection, schema: str = "") -> None:
    """A larger in-memory batch of tokens, where this SQLite knows the setting."""
    with contextlib.suppress(sqlite3.OperationalError):
        connection.execute(
            f"INSERT INTO {schema}claim_search (claim_search, rank) VALUES ('hashsize', ?)", (HASHSIZE,)
        )


class SideIndex:
    """The full-text index of the claims given to `add`, tokenized in a background thread."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.connection = open_for_build(path, check_same_thread=False)
        self.connection.execute("BEGIN")
        self.connection.execute("CREATE TABLE claims (rid INTEGER PRIMARY KEY, folded TEXT NOT NULL)")
        self.connection.execute(DDL.format(schema=""))
        tune(self.connection)
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None

    def add(self, first: int, rows: Iterable[tuple[int, str]]) -> None:
        """Index ``rows`` (rid, folded text; rids from ``first`` on) after the rows given before.

        The rows are copied in this thread (binding them needs the GIL); the tokenizing runs
        in the background as one statement, which never waits for the GIL.
        """
        self.wait()
        self.connection.executemany("INSERT INTO claims VALUES (?, ?)", rows)
        sql = "INSERT INTO claim_search (rowid, folded) SELECT rid, folded FROM claims WHERE rid >= ?"
        self._then(lambda: self.connection.execute(sql, (first,)))

    def seal(self) -> None:
        """List the words and commit, in the background, once the rows given are indexed (the
        store makes its own indexes meanwhile)."""

        def seal() -> None:
            list_terms(self.connection)
            self.connection.execute("COMMIT")

        self._then(seal)

    def _then(self, job: Callable[[], object]) -> None:
        """Run ``job`` in a thread after the work started before (not at all after an error)."""
        previous = self._thread

        def run() -> None:
            if previous is not None:
                previous.join()
            if self._error is None:
                try:
                    job()
                except BaseException as exc:  # noqa: BLE001 (handed to the building thread by `wait`)
                    self._error = exc

        self._thread = threading.Thread(target=run, daemon=True)
        self._thread.start()

    def wait(self) -> None:
        """Until the work started so far is done; its error, if any, is raised here."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def finish(self) -> None:
        """Wait for `seal` and close the file, ready to be copied."""
        self.wait()
        self.connection.close()

    def abandon(self) -> None:
        """Stop the background work and remove the file (the build failed or was interrupted,
        perhaps after `finish` closed the connection: then there is nothing to stop)."""
        with contextlib.suppress(sqlite3.ProgrammingError):
            self.connection.interrupt()
        with contextlib.suppress(BaseException):
            self.wait()
        self.connection.close()
        for leftover in (self.path, self.path + "-journal", self.path + "-wal", self.path + "-shm"):
            with contextlib.suppress(OSError):
                os.unlink(leftover)


def list_terms(connection: sqlite3.Connection) -> None:
    """``search_words`` from the finished index, inside the caller's transaction."""
    connection.execute(TERMS_DDL.format(schema=""))
    connection.execute("CREATE VIRTUAL TABLE temp.claim_vocab USING fts5vocab(main, claim_search, row)")
    connection.execute(
        "INSERT INTO search_words "
        "SELECT char(10) || coalesce(group_concat(term, char(10)), '') || char(10) FROM temp.claim_vocab"
    )
    connection.execute("DROP TABLE temp.claim_vocab")


def copy_into(connection: sqlite3.Connection, side: str) -> bool:
    """Declare the full-text table in the store (outside any transaction) and fill it with the
    index made in ``side``; False where SQLite refuses, the store left without the table."""
    connection.execute("ATTACH DATABASE ? AS side", (side,))
    try:
        connection.execute("BEGIN")
        try:
            connection.execute(DDL.format(schema="main."))
            for shadow in SHADOWS:
                table = f"claim_search_{shadow}"
                connection.execute(f"DELETE FROM main.{table}")
                connection.execute(f"INSERT INTO main.{table} SELECT * FROM side.{table}")
            connection.execute(TERMS_DDL.format(schema="main."))
            connection.execute("INSERT INTO main.search_words SELECT words FROM side.search_words")
        except sqlite3.DatabaseError:
            connection.execute("ROLLBACK")
            return False
        connection.execute("COMMIT")
        return True
    finally:
        connection.execute("DETACH DATABASE side")
