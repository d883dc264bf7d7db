"""The build's per-document records on disk (sqlite), so the driver's memory does not grow with the corpus.

Two tables:

- ``state``, in ``OUT/documents.sqlite``: what the last finished build recorded of each document
  (content hash, digest of its graph in the store, graph IRI, words, source, :class:`DocumentFacts`).
  It replaces the ``documents`` map ``state.json`` used to hold; it is rewritten in one transaction
  when a build finishes, before ``state.json`` is saved and the crash journal cleared.
- ``work.docs``, in a private temporary database: this build's documents (id and hash, facts,
  the digest of what this build wrote to the store, whether its early graph went to the output
  files, and its new state entry once the cross-document pass has done it). Lost with the process,
  as the dictionaries it replaces were; a rerun rebuilds it from the input and the results cache.

Without an output directory the ``state`` table lives in the temporary database too.
sqlite keeps a few MB of pages in memory and the rest on disk, and each lookup is a few microseconds.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

from .entities.resolve import DocumentFacts

#: The state's file in an output directory.
DB_FILE = "documents.sqlite"
#: The columns of a state entry, in table order.
STATE_COLUMNS = ("sha256", "quads", "graph", "words", "source", "facts")
#: Rows read at a time when the whole table is walked (flat memory, few queries).
CHUNK = 2_000


class DocumentTable:
    """Per-document records of the saved state and of the build running (see the module)."""

    def __init__(self, path: Path | None):
        self.path = path
        self.closed = False
        self.db = sqlite3.connect(str(path) if path is not None else "", isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL" if path is not None else "PRAGMA journal_mode=OFF")
        self.db.execute("CREATE TABLE IF NOT EXISTS state (id TEXT PRIMARY KEY, sha256 TEXT, quads TEXT, "
                        "graph TEXT, words INTEGER, source TEXT, facts TEXT) WITHOUT ROWID")  # fmt: skip
        self.db.execute("ATTACH DATABASE '' AS work")
        self.db.execute("PRAGMA work.journal_mode=OFF")
        self.db.execute("PRAGMA work.synchronous=OFF")
        self.db.execute("CREATE TABLE work.docs (id TEXT PRIMARY KEY, sha256 TEXT NOT NULL, facts TEXT, "
                        "stored TEXT, early INTEGER NOT NULL DEFAULT 0, quads TEXT, graph TEXT, words INTEGER, "
                        "source TEXT, done INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID")  # fmt: skip
        self.db.execute("CREATE TABLE work.unsure (id TEXT PRIMARY KEY) WITHOUT ROWID")
        # One transaction for this build's rows (the work database is private: nothing waits on it).
        self.db.execute("BEGIN")
        #: Documents this build holds (what ``len`` of the old id → hash map gave).
        self.count = 0
        #: Whether the store is the one the saved state describes (persistent): then its digests count.
        self.trust_state = False
        #: Digests this build wrote for documents no longer of it (rare: a failed document emptied).
        self.orphans: dict[str, str] = {}

    # The saved state.

    def reset_state(self, documents: dict[str, dict]) -> None:
        """Replace the saved state with ``documents`` (an old ``state.json``'s map, or none: a new output)."""
        self.db.execute("DELETE FROM state")
        self.db.executemany(
            "INSERT INTO state VALUES (?, ?, ?, ?, ?, ?, ?)", (_state_row(d, e) for d, e in documents.items())
        )
        self.commit()

    def known(self, doc_id: str) -> dict | None:
        """The saved state's entry of a document, if it has one."""
        row = self.db.execute(
            "SELECT sha256, quads, graph, words, source, facts FROM state WHERE id = ?", (doc_id,)
        ).fetchone()
        return None if row is None else dict(zip(STATE_COLUMNS, row, strict=True))

    def known_sha256(self, doc_id: str) -> str | None:
        row = self.db.execute("SELECT sha256 FROM state WHERE id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

    def has_state(self) -> bool:
        return self.db.execute("SELECT 1 FROM state LIMIT 1").fetchone() is not None

    def find(self, name: str) -> str | None:
        """The id of the saved document named ``name``: its id, graph IRI or source."""
        row = self.db.execute(
            "SELECT id FROM state WHERE id = ?1 UNION ALL SELECT id FROM state WHERE graph = ?1 OR source = ?1",
            (name,),
        ).fetchone()
        return row[0] if row else None

    def forget(self, doc_id: str) -> None:
        """Drop a document from the saved state (``kg remove``)."""
        self.db.execute("DELETE FROM state WHERE id = ?", (doc_id,))

    def save_state(self) -> None:
        """The documents this build finished become the saved state, in one transaction."""
        self.db.execute("DELETE FROM state")
        self.db.execute("INSERT INTO state SELECT id, sha256, quads, graph, words, source, facts "
                        "FROM work.docs WHERE done")  # fmt: skip
        self.commit()

    def commit(self) -> None:
        """Make the saved state's changes durable."""
        self.db.execute("COMMIT")
        self.db.execute("BEGIN")

    # This build's documents.

    def add(self, doc_id: str, sha256: str) -> bool:
        """Take a document into this build (with the saved facts of the same version); False if its id is taken."""
        try:
            self.db.execute(
                "INSERT INTO work.docs (id, sha256, facts) "
                "VALUES (?1, ?2, (SELECT facts FROM state WHERE id = ?1 AND sha256 = ?2))",
                (doc_id, sha256),
            )
        except sqlite3.IntegrityError:
            return False
        self.count += 1
        return True

    def __contains__(self, doc_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM work.docs WHERE id = ?", (doc_id,)).fetchone() is not None

    def drop(self, doc_id: str) -> None:
        """A document of this build failed: it is no longer one."""
        if self.db.execute("DELETE FROM work.docs WHERE id = ?", (doc_id,)).rowcount:
            self.count -= 1

    def sha256(self, doc_id: str) -> str:
        return self.db.execute("SELECT sha256 FROM work.docs WHERE id = ?", (doc_id,)).fetchone()[0]

    def set_facts(self, doc_id: str, facts: list) -> None:
        self.db.execute("UPDATE work.docs SET facts = ? WHERE id = ?", (json.dumps(facts), doc_id))

    def facts(self, doc_id: str) -> DocumentFacts | None:
        """A document's facts (None until known)."""
        row = self.db.execute("SELECT facts FROM work.docs WHERE id = ?", (doc_id,)).fetchone()
        return DocumentFacts.from_list(json.loads(row[0])) if row and row[0] is not None else None

    def add_saved(self, has_result) -> None:
        """Take in the saved documents not given this time whose result ``has_result(id, sha256)`` is cached."""
        for rows in self._chunks("SELECT id, sha256, facts FROM state WHERE id > ? ORDER BY id LIMIT ?"):
            for doc_id, sha256, facts in rows:
                if doc_id not in self and has_result(doc_id, sha256):
                    self.db.execute(
                        "INSERT INTO work.docs (id, sha256, facts) VALUES (?, ?, ?)", (doc_id, sha256, facts)
                    )
                    self.count += 1

    def ids(self, *, without_facts: bool = False) -> Iterator[tuple[str, str]]:
        """``(id, sha256)`` of this build's documents in id order (only those whose facts are unknown)."""
        where = "AND facts IS NULL" if without_facts else ""
        for rows in self._chunks(f"SELECT id, sha256 FROM work.docs WHERE id > ? {where} ORDER BY id LIMIT ?"):
            yield from rows

    def all_facts(self) -> Iterator[tuple[str, DocumentFacts]]:
        """Every document's facts, in id order."""
        for rows in self._chunks("SELECT id, facts FROM work.docs WHERE id > ? ORDER BY id LIMIT ?"):
            for doc_id, facts in rows:
                yield doc_id, DocumentFacts.from_list(json.loads(facts))

    def _chunks(self, query: str) -> Iterator[list[tuple]]:
        """Rows of ``query`` (keyed ``id > ?``, ``LIMIT ?``, first column the id) a chunk at a time."""
        after = ""
        while rows := self.db.execute(query, (after, CHUNK)).fetchall():
            yield rows
            after = rows[-1][0]

    # What this build wrote, and its new state.

    def mark_unsure(self, doc_ids: Iterable[str]) -> None:
        """Documents the crash journal lists: the store may hold another graph than the state says."""
        self.db.executemany("INSERT OR IGNORE INTO work.unsure VALUES (?)", ((d,) for d in doc_ids))

    def stored(self, doc_id: str) -> str | None:
        """The digest of the document's graph in the store: written by this build, else as the state says (if sure)."""
        return self.written(doc_id)[0]

    def written(self, doc_id: str) -> tuple[str | None, bool]:
        """:meth:`stored` and :meth:`early`, in one query (the corpus pass asks both of every document)."""
        if doc_id in self.orphans:
            return self.orphans[doc_id], False
        row = self.db.execute(self._written, (doc_id, self.trust_state)).fetchone()
        return (row[0] or None, bool(row[1])) if row else (None, False)

    #: The digest this build wrote, else the saved state's (when trusted and not unsure); whether early.
    _written = (
        "SELECT coalesce((SELECT stored FROM work.docs WHERE id = ?1), (SELECT quads FROM state WHERE id = ?1 "
        "AND ?2 AND NOT EXISTS (SELECT 1 FROM work.unsure WHERE id = ?1))), "
        "coalesce((SELECT early FROM work.docs WHERE id = ?1), 0)"
    )

    def set_stored(self, doc_id: str, digest: str | None, *, early: bool = False) -> None:
        """This build queued the document's graph with ``digest`` for the store (None: it was there already),
        and with ``early`` its early graph for the output files."""
        if digest is None:
            if early:
                self.db.execute("UPDATE work.docs SET early = 1 WHERE id = ?", (doc_id,))
            return
        cursor = self.db.execute(
            "UPDATE work.docs SET stored = ?, early = early OR ? WHERE id = ?", (digest, early, doc_id)
        )
        if not cursor.rowcount:  # no longer a document of this build: remember the write all the same
            self.orphans[doc_id] = digest

    def early(self, doc_id: str) -> bool:
        """Whether the document's early graph went to the output files."""
        return self.written(doc_id)[1]

    def done(self, doc_id: str, quads: str, graph: str, words: int, source: str | None) -> None:
        """The document's new state entry (the cross-document pass did it)."""
        self.db.execute(
            "UPDATE work.docs SET quads = ?, graph = ?, words = ?, source = ?, done = 1 WHERE id = ?",
            (quads, graph, words, source, doc_id),
        )

    def done_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM work.docs WHERE done").fetchone()[0]

    def graphs(self) -> Iterator[str]:
        """The graph IRIs of the documents done, sorted, each once."""
        after = ""
        query = "SELECT DISTINCT graph FROM work.docs WHERE done AND graph > ? ORDER BY graph LIMIT ?"
        while rows := self.db.execute(query, (after, CHUNK)).fetchall():
            yield from (row[0] for row in rows)
            after = rows[-1][0]

    def close(self) -> None:
        """Close, leaving the saved state as last saved (this build's rows go with the temporary database)."""
        if not self.closed:
            self.closed = True
            self.db.execute("ROLLBACK")
            self.db.close()


def open_documents(output, state: dict) -> DocumentTable:
    """The document table of an output directory (:class:`~kg.output_dir.OutputDirectory`, or None: in memory).

    ``state`` is what :meth:`~kg.output_dir.OutputDirectory.load_state` gave: with a ``documents`` map
    (taken out of it here) the saved state is that map, an older ``state.json``'s or none (a new output,
    another pipeline); without, it is the table's as the last build saved it.
    """
    table = DocumentTable(output.out / DB_FILE if output is not None else None)
    documents = state.pop("documents", None)
    if documents is not None or output is None:
        table.reset_state(documents or {})
    return table


def _state_row(doc_id: str, entry: dict) -> tuple:
    facts = entry.get("facts")
    if facts is not None and not isinstance(facts, str):
        facts = json.dumps(facts.to_list() if isinstance(facts, DocumentFacts) else facts)
    return (doc_id, *(entry.get(c) for c in STATE_COLUMNS[:-1]), facts)
