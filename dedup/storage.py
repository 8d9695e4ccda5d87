"""SQLite persistence of a story index: one row per document, schema in a meta table.

Why SQLite and not a file of our own: atomic transactions make the index crash-safe
(a killed run loses at most its last uncommitted batch, never consistency), and any
SQLite tool can inspect it. Only what cannot be recomputed is stored: per document its
id, story id, url, site, published time, length, shingle count, arrival time, a
16-bit fingerprint of each MinHash value, the number hashes and the lead fingerprints;
per site, the counts of the edge lines it repeats (its learned boilerplate, which changes later decisions, so a run
split in two decides like one long run). The LSH table and the canonical member of
each story are rebuilt in memory when the index is opened.

``num_perm``, ``seed``, ``shingle_size`` and the hash scheme are the index schema:
signatures made with other values are not comparable, so a mismatch is refused.
"""

from __future__ import annotations

import logging
import sqlite3
from typing import Any, Iterable, Iterator, Mapping

__all__ = ["SQLiteStore", "StoryIndexError", "SchemaMismatchError", "SCHEMA_VERSION", "APP_ID"]

logger = logging.getLogger(__name__)

APP_ID = "wirecrawl-story-index"
SCHEMA_VERSION = "3"

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
    added REAL NOT NULL,
    sig BLOB NOT NULL,
    nums BLOB NOT NULL,
    lead BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS docs_story ON docs(story_id);
CREATE TABLE IF NOT EXISTS site_lines (site TEXT NOT NULL, hash INTEGER NOT NULL, count INTEGER NOT NULL,
                                       PRIMARY KEY (site, hash));
CREATE TABLE IF NOT EXISTS sites (site TEXT PRIMARY KEY, seen INTEGER NOT NULL);
"""
_COLUMNS = ("doc_id", "story_id", "url", "site", "published", "length", "size", "added", "sig", "nums", "lead")


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

    def add_many(self, rows: list[tuple], sites: Mapping[str, tuple[int, Mapping[int, int]]]) -> None:
        """Insert documents and replace the boilerplate state of ``sites``, in one transaction.

        Args:
            rows: document tuples in ``_COLUMNS`` order.
            sites: ``site -> (texts seen, {line hash: count})`` for the sites that changed.
        """
        self._db.execute("BEGIN")
        try:
            self._db.executemany(
                f"INSERT INTO docs ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})", rows)
            for site, (seen, lines) in sites.items():
                self._db.execute("INSERT OR REPLACE INTO sites VALUES (?, ?)", (site, seen))
                self._db.execute("DELETE FROM site_lines WHERE site = ?", (site,))
                self._db.executemany("INSERT INTO site_lines VALUES (?, ?, ?)",
                                     ((site, h, c) for h, c in lines.items()))
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def site_state(self) -> dict[str, tuple[int, dict[int, int]]]:
        """The stored boilerplate state: ``site -> (texts seen, {line hash: count})``."""
        try:
            out: dict[str, tuple[int, dict[int, int]]] = {s: (n, {}) for s, n in self._db.execute("SELECT site, seen FROM sites")}
            for site, h, c in self._db.execute("SELECT site, hash, count FROM site_lines"):
                out.setdefault(site, (0, {}))[1][h] = c
            return out
        except sqlite3.DatabaseError as exc:
            raise StoryIndexError(f"{self.path}: corrupt story index ({exc})") from exc

    def delete_stories(self, story_ids: Iterable[str]) -> int:
        """Delete every document of the given stories; returns the number deleted."""
        ids = list(story_ids)
        self._db.execute("BEGIN")
        cur = self._db.executemany("DELETE FROM docs WHERE story_id = ?", ((s,) for s in ids))
        self._db.execute("COMMIT")
        return cur.rowcount

    def close(self) -> None:
        """Close (every write is already committed)."""
        self._db.close()


def index_summary(path: str) -> dict[str, Any]:
    """Size and span of a story index file, read only (for ``wirecrawl status``).

    Returns:
        ``{"documents", "stories", "oldest_added", "newest_added"}`` (times in epoch seconds).

    Raises:
        StoryIndexError: the file is not a readable story index.
    """
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise StoryIndexError(f"{path}: cannot open ({exc})") from None
    try:
        docs, stories, oldest, newest = db.execute(
            "SELECT count(*), count(DISTINCT story_id), min(added), max(added) FROM docs").fetchone()
    except sqlite3.DatabaseError as exc:
        raise StoryIndexError(f"{path}: not a readable story index ({exc})") from None
    finally:
        db.close()
    return {"documents": docs, "stories": stories, "oldest_added": oldest, "newest_added": newest}
