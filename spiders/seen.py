"""Articles already written by earlier runs, so a scheduled crawl fetches only what is new.

A crawl run every hour finds the same articles on the same homepages and feeds again and
again. ``SeenArticles`` keeps the URL keys (``spiders.urls.dedup_key``) of every article
written, with the time it was first written, in SQLite inside the ``--state`` directory;
the spider does not request an article page whose key is there. Entries older than the
window expire, so the file stays flat on a long schedule. Lookups are answered from memory;
new keys are written by one writer thread, so SQLite never runs on Scrapy's reactor
thread, and :meth:`SeenArticles.close` flushes them. Pure: sqlite3, no Scrapy.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Iterable

logger = logging.getLogger(__name__)

_SCHEMA = "CREATE TABLE IF NOT EXISTS seen (key TEXT PRIMARY KEY, first_seen REAL NOT NULL)"


class SeenArticlesError(Exception):
    """The seen-articles file is not one of ours (message names the path)."""


class SeenArticles:
    """The article keys written by earlier runs (and by this one, as it goes).

    Args:
        path: the SQLite file (created).
        window_days: keys first seen longer ago than this are forgotten when opened
            (``WIRECRAWL_SEEN_WINDOW_DAYS``).
        commit_every: new keys are committed in batches of this size (and on ``close``);
            the batches are written by the store's one writer thread.
        clock: seconds since the epoch (tests pass a fake one).

    Raises:
        SeenArticlesError: for a file that is not SQLite or has another schema.
    """

    def __init__(self, path: str | Path, *, window_days: float, commit_every: int = 100,
                 clock=time.time) -> None:
        if window_days <= 0:
            raise ValueError(f"window_days ({window_days!r}) must be positive")
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._clock = clock
        self._commit_every = commit_every
        self._pending = 0
        try:
            # Opened here, then used only by the one writer thread.
            self._db = sqlite3.connect(self.path, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(_SCHEMA)
            cols = [r[1] for r in self._db.execute("PRAGMA table_info(seen)")]
            if cols != ["key", "first_seen"]:
                raise SeenArticlesError(f"{self.path}: not a wirecrawl seen-articles file (columns {cols})")
            cutoff = self._clock() - window_days * 86400
            expired = self._db.execute("DELETE FROM seen WHERE first_seen < ?", (cutoff,)).rowcount
            self._db.commit()
            self._keys = {k for (k,) in self._db.execute("SELECT key FROM seen")}
        except sqlite3.DatabaseError as exc:
            raise SeenArticlesError(f"{self.path}: not a wirecrawl seen-articles file ({exc})") from None
        if expired:
            logger.info("%s: %d article keys expired", self.path, expired)
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="wirecrawl-seen")

    def __contains__(self, key: str) -> bool:
        return key in self._keys

    def __len__(self) -> int:
        return len(self._keys)

    def add(self, keys: Iterable[str]) -> None:
        """Remember ``keys`` now; their rows are written by the writer thread."""
        new = [k for k in keys if k not in self._keys]
        if not new:
            return
        self._keys.update(new)
        self._writer.submit(self._insert, new, self._clock())

    def _insert(self, keys: list[str], now: float) -> None:
        try:
            self._db.executemany("INSERT OR IGNORE INTO seen (key, first_seen) VALUES (?, ?)",
                                 [(k, now) for k in keys])
            self._pending += len(keys)
            if self._pending >= self._commit_every:
                self._db.commit()
                self._pending = 0
        except sqlite3.Error as exc:
            logger.error("%s: cannot record %d article keys: %s", self.path, len(keys), exc)

    def _close_db(self) -> None:
        self._db.commit()
        self._db.close()

    def close(self) -> None:
        """Write what is pending and close the file (waits for the writer thread)."""
        if self._db is not None:
            self._writer.submit(self._close_db).result()
            self._writer.shutdown(wait=True)
            self._db = None
