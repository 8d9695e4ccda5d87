"""SQLite persistence of a story index: one row per document, schema in a meta table.

Why SQLite and not a file of our own: atomic transactions make the index crash-safe
(a killed run loses at most its last uncommitted batch, never consistency), and any
SQLite tool can inspect it. Only what cannot be recomputed is stored: per document its
id, story id, url, site, published time, length, shingle count, arrival time, the
32-bit MinHash values and the number hashes. The LSH table and the canonical member of
each story are rebuilt in memory when the index is opened.

``num_perm``, ``seed``, ``shingle_size`` and the hash scheme are the index schema:
signatures made with other values are not comparable, so a mismatch is refused.
"""

from __future__ import annotations

import logging
import sqlite3
from typing import Iterable, Iterator, Mapping

__all__ = ["SQLiteStore", "StoryIndexError", "SchemaMismatchError", "SCHEMA_VERSION", "APP_ID"]

logger = logging.getLogger(__name__)

APP_ID = "wirecrawl-story-index"
SCHEMA_VERSION = "1"

_DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs (
    row INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL UNIQUE,
    story_id TEXT NOT NULL,
    url TEXT,
    site TEXT,
    published REAL,
    length INTEGER NOT NULL,
    size INTEGER NOT NULL,
    common INTEGER NOT NULL,
    added REAL NOT NULL,
    sig BLOB NOT NULL,
    nums BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS docs_story ON docs(story_id);
"""
_COLUMNS = ("doc_id", "story_id", "url", "site", "published", "length", "size", "common", "added", "sig", "nums")


class StoryIndexError(Exception):
    """The story index file cannot be used (corrupt, not a story index, wrong schema)."""


class SchemaMismatchError(StoryIndexError):
    """The index on disk was built with other ``num_perm`` / ``seed`` / ``shingle_size``."""


class SQLiteStore:
    """Documents of a story index in an SQLite file.

    Args:
        path: file path (created if missing).
        schema: the values that must match on reopen (e.g. ``num_perm``, ``seed``).

    Raises:
        StoryIndexError: the file is not an SQLite database, or not a story index.
        SchemaMismatchError: the file was built with another schema (both values named).
    """

    def __init__(self, path: str, schema: Mapping[str, str]) -> None:
        self.path = path
        self._pending = 0
        try:
            self._db = sqlite3.connect(path, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            tables = {r[0] for r in self._db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if tables and not {"meta", "docs"} <= tables:
                raise StoryIndexError(f"{path}: an SQLite file but not a story index (tables {sorted(tables)})")
            self._db.executescript(_DDL)
            meta = dict(self._db.execute("SELECT key, value FROM meta"))
        except sqlite3.DatabaseError as exc:
            self._close_quietly()
            raise StoryIndexError(f"{path}: not a readable story index ({exc})") from exc
        except StoryIndexError:
            self._close_quietly()
            raise
        want = {"app": APP_ID, "schema_version": SCHEMA_VERSION, **{k: str(v) for k, v in schema.items()}}
        if not meta:
            self._db.execute("BEGIN")
            self._db.executemany("INSERT INTO meta VALUES (?, ?)", sorted(want.items()))
            self._db.execute("COMMIT")
            return
        if meta.get("app") != APP_ID:
            self._close_quietly()
            raise StoryIndexError(f"{path}: not a story index (app={meta.get('app')!r})")
        diff = {k: (meta.get(k), v) for k, v in want.items() if meta.get(k) != v}
        if diff:
            self._close_quietly()
            detail = ", ".join(f"{k}: index has {a!r}, asked for {b!r}" for k, (a, b) in sorted(diff.items()))
            raise SchemaMismatchError(f"{path}: index schema mismatch ({detail}); use the same settings or a new path")

    def _close_quietly(self) -> None:
        try:
            self._db.close()
        except Exception:  # noqa: BLE001 - already failing, keep the first error
            pass

    def rows(self) -> Iterator[tuple]:
        """All documents in arrival order, as tuples in ``_COLUMNS`` order.

        Raises:
            StoryIndexError: on a corrupt file.
        """
        try:
            yield from self._db.execute(f"SELECT {', '.join(_COLUMNS)} FROM docs ORDER BY row")
        except sqlite3.DatabaseError as exc:
            raise StoryIndexError(f"{self.path}: corrupt story index ({exc})") from exc

    def add(self, row: tuple, *, commit_every: int) -> None:
        """Insert one document; commit once ``commit_every`` are pending."""
        if self._pending == 0:
            self._db.execute("BEGIN")
        self._db.execute(f"INSERT INTO docs ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})", row)
        self._pending += 1
        if self._pending >= commit_every:
            self.commit()

    def commit(self) -> None:
        """Commit pending inserts (one transaction: all or nothing after a crash)."""
        if self._pending:
            self._db.execute("COMMIT")
            self._pending = 0

    def delete_stories(self, story_ids: Iterable[str]) -> int:
        """Delete every document of the given stories; returns the number deleted."""
        self.commit()
        ids = list(story_ids)
        self._db.execute("BEGIN")
        cur = self._db.executemany("DELETE FROM docs WHERE story_id = ?", ((s,) for s in ids))
        self._db.execute("COMMIT")
        return cur.rowcount

    def close(self) -> None:
        """Commit and close."""
        try:
            self.commit()
        finally:
            self._db.close()
