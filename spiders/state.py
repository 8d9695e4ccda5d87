"""What a scheduled crawl keeps between runs in ``--state DIR``: ``DIR/state.sqlite``.

One SQLite file (WAL, one transaction per change that matters) holds:

* ``pages`` — per URL key (``spiders.urls.dedup_key``): ETag, Last-Modified, last status,
  first/last fetch, the run of the last fetch, and the feed/sitemap date (``lastmod`` /
  ``updated``) seen with it;
* ``articles`` — per article ``id``: the revision written last, the hash of its extracted
  title + text (:func:`content_hash`), its ``story_id``, first/last written;
* ``hosts`` — per site: consecutive failures, last success, last failure and its kind;
* ``runs`` — one row per run: start, end, finish reason, articles written, a few counts;
* ``outputs`` — per ``articles.jsonl`` written to: the byte offset up to which the state
  knows its lines.

**Exactly once.** A line is appended to ``articles.jsonl`` and flushed (fsync) *before* the
state commits it, with the file's new offset, in one transaction. A crash between the two
leaves complete lines past the recorded offset; the next :class:`CrawlState` opened on the
directory reads them (:meth:`CrawlState.repair`) and records them as written, so the state
is derived from the output and the two cannot disagree. Recording a line twice is a no-op
(a revision is only recorded when it is newer), so the repair is idempotent.

**Validators are trusted only from runs that finished.** A page's ETag / Last-Modified and
feed date are used (conditional GET, skip) only when its last fetch belongs to a run whose
finish reason is ``finished``: a page fetched by a run that was killed, or stopped by
``--max-pages``, may not have been written or had its links followed, so it is fetched in
full again.

Reads during a crawl are answered from memory (loaded when opened); every SQLite call runs
on the store's one thread, never on the caller's. The story index stays in
``DIR/stories.sqlite`` (``dedup.StoryIndex``). Pure: sqlite3, no Scrapy.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import socket
import sqlite3
import time
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping

logger = logging.getLogger(__name__)

STATE_FILE = "state.sqlite"
OLD_SEEN_FILE = "seen.sqlite"
APP_ID = "wirecrawl-crawl-state"
SCHEMA_VERSION = "1"
FINISHED = "finished"

_DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at REAL NOT NULL, finished_at REAL, finish_reason TEXT,
    pid INTEGER, host TEXT, output TEXT, full INTEGER NOT NULL DEFAULT 0,
    written INTEGER NOT NULL DEFAULT 0, counts TEXT);
CREATE TABLE IF NOT EXISTS pages (
    key TEXT PRIMARY KEY, url TEXT NOT NULL, site TEXT,
    etag TEXT, last_modified TEXT, status INTEGER,
    first_fetched REAL NOT NULL, last_fetched REAL NOT NULL, run_id INTEGER, listed REAL);
CREATE INDEX IF NOT EXISTS pages_site ON pages(site);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, url TEXT NOT NULL, site TEXT, revision INTEGER NOT NULL,
    hash TEXT NOT NULL, story_id TEXT,
    first_written REAL NOT NULL, last_written REAL NOT NULL, run_id INTEGER);
CREATE INDEX IF NOT EXISTS articles_site ON articles(site);
CREATE TABLE IF NOT EXISTS hosts (
    site TEXT PRIMARY KEY, failures INTEGER NOT NULL DEFAULT 0,
    last_success REAL, last_failure REAL, last_error TEXT,
    ok INTEGER NOT NULL DEFAULT 0, failed INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS outputs (path TEXT PRIMARY KEY, "offset" INTEGER NOT NULL);
"""
TABLES = {"meta", "runs", "pages", "articles", "hosts", "outputs"}


class StateError(Exception):
    """The state directory cannot be used (not ours, corrupt, or an old layout); the
    message names the file and what to do."""


def content_hash(title: str | None, text: str) -> str:
    """What decides whether a page changed: SHA-1 (16 hex digits) of its extracted title and body."""
    return hashlib.sha1(f"{title or ''}\n{text}".encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class PageState:
    """What the state knows of one URL. ``settled``: last fetched by a run that finished."""

    etag: str | None
    last_modified: str | None
    last_fetched: float
    listed: float | None
    settled: bool

    def unchanged_since(self, listed: float) -> bool:
        """True when a feed/sitemap date ``listed`` (epoch seconds) is no newer than what
        this page was last fetched with (its listed date, or the fetch time itself)."""
        return listed <= max(self.listed or 0.0, self.last_fetched)


@dataclass(frozen=True, slots=True)
class ArticleState:
    """The last revision of an article written (to any run directory)."""

    revision: int
    hash: str
    story_id: str | None


class CrawlState:
    """The crawl state of one ``--state`` directory, opened for one run or one look.

    Args:
        directory: the state directory (created); the file is ``directory/state.sqlite``.
        key: the URL key function (``spiders.urls.dedup_key`` with the crawl's stripper).
        window_days: pages not fetched and articles not written for this long are forgotten
            when opened (``WIRECRAWL_STATE_WINDOW_DAYS``); ``None`` keeps everything.
        commit_every: fetch records are committed in batches of this size; a written
            article commits at once, with everything pending.
        clock: seconds since the epoch (tests pass a fake one).

    Raises:
        StateError: the file is not a wirecrawl state, or the directory holds the
            ``seen.sqlite`` of an older wirecrawl.
    """

    def __init__(self, directory: str | os.PathLike[str], *, key: Callable[[str], str] = str,
                 window_days: float | None = 30, commit_every: int = 200,
                 clock: Callable[[], float] = time.time) -> None:
        if window_days is not None and window_days <= 0:
            raise ValueError(f"window_days ({window_days!r}) must be positive")
        self.directory = Path(directory)
        self.path = self.directory / STATE_FILE
        old = self.directory / OLD_SEEN_FILE
        if old.exists():
            raise StateError(
                f"{old}: the seen-articles file of an older wirecrawl, which kept URLs only; "
                f"this version keeps {STATE_FILE} (revisions, validators, runs). Remove or rename "
                f"{old.name} to go on (articles of earlier runs are then fetched once more and "
                f"written again as revision 1)")
        self.directory.mkdir(parents=True, exist_ok=True)
        self.key = key
        self._clock = clock
        self._commit_every = commit_every
        self._pending = 0
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="wirecrawl-state")
        self._db: sqlite3.Connection | None = None
        self.run_id: int | None = None
        self.repaired = 0
        self._pages: dict[str, PageState] = {}
        self._articles: dict[str, ArticleState] = {}
        try:
            self._thread.submit(self._open, window_days).result()
        except BaseException:
            self._thread.shutdown(wait=True)
            raise

    # --- opening (on the store's thread) -----------------------------------------------

    def _open(self, window_days: float | None) -> None:
        try:
            db = self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            tables.discard("sqlite_sequence")
            if tables and not {"meta", "pages", "articles"} <= tables:
                raise StateError(f"{self.path}: an SQLite file but not a wirecrawl state (tables {sorted(tables)})")
            db.executescript(_DDL)
            meta = dict(db.execute("SELECT key, value FROM meta"))
            if not meta:
                db.executemany("INSERT INTO meta VALUES (?, ?)",
                               [("app", APP_ID), ("schema_version", SCHEMA_VERSION)])
            elif meta.get("app") != APP_ID or meta.get("schema_version") != SCHEMA_VERSION:
                raise StateError(f"{self.path}: not a wirecrawl state of schema {SCHEMA_VERSION} "
                                 f"(app={meta.get('app')!r}, schema={meta.get('schema_version')!r})")
            if window_days is not None:
                self._expire(self._clock() - window_days * 86400)
            self._repair_all()
            self._load()
        except sqlite3.DatabaseError as exc:
            self._close_quietly()
            raise StateError(f"{self.path}: not a readable wirecrawl state ({exc})") from None
        except StateError:
            self._close_quietly()
            raise

    def _close_quietly(self) -> None:
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
            self._db = None

    def _expire(self, cutoff: float) -> None:
        db = self._db
        with self._tx():
            pages = db.execute("DELETE FROM pages WHERE last_fetched < ?", (cutoff,)).rowcount
            arts = db.execute("DELETE FROM articles WHERE last_written < ?", (cutoff,)).rowcount
        if pages or arts:
            logger.info("%s: forgot %d pages and %d articles older than the window", self.path, pages, arts)

    def _load(self) -> None:
        db = self._db
        finished = {r for (r,) in db.execute("SELECT id FROM runs WHERE finish_reason = ?", (FINISHED,))}
        self._pages = {
            key: PageState(etag, lm, fetched, listed, run in finished)
            for key, etag, lm, fetched, listed, run in db.execute(
                "SELECT key, etag, last_modified, last_fetched, listed, run_id FROM pages")}
        self._articles = {
            aid: ArticleState(rev, h, sid)
            for aid, rev, h, sid in db.execute("SELECT id, revision, hash, story_id FROM articles")}

    # --- repair: the state derived from the output --------------------------------------

    def _repair_all(self) -> None:
        for path, offset in list(self._db.execute('SELECT path, "offset" FROM outputs')):
            self._repair(Path(path), offset)

    def _repair(self, path: Path, offset: int) -> None:
        db = self._db
        if not path.exists():
            with self._tx():
                db.execute("DELETE FROM outputs WHERE path = ?", (str(path),))
            return
        size = path.stat().st_size
        if size < offset:
            logger.warning("%s is shorter than the state knew (%d < %d bytes); reading it all again",
                           path, size, offset)
            offset = 0
        if size == offset:
            return
        with open(path, "rb") as fh:
            fh.seek(offset)
            data = fh.read(size - offset)
        complete = data[: data.rfind(b"\n") + 1]  # a partial last line is cut by the next writer
        n = 0
        with self._tx():
            for raw in complete.splitlines():
                if not raw.strip():
                    continue
                try:
                    line = json.loads(raw)
                except ValueError:
                    logger.warning("%s: skipping a line that is not JSON while repairing the state", path)
                    continue
                if isinstance(line, dict) and line.get("id") and isinstance(line.get("text"), str):
                    n += self._mark_written(line, when=self._clock(), run_id=None)
            db.execute('INSERT INTO outputs (path, "offset") VALUES (?, ?) '
                       'ON CONFLICT(path) DO UPDATE SET "offset" = excluded."offset"',
                       (str(path), offset + len(complete)))
        if n:
            logger.warning("%s: %d articles written by an interrupted run recorded in the state", path, n)
        self.repaired += n

    def _mark_written(self, line: Mapping[str, Any], *, when: float, run_id: int | None) -> int:
        """Record ``line`` as written (inside the caller's transaction); 1 if it was news."""
        rev = int(line.get("revision") or 1)
        h = content_hash(line.get("title"), line["text"])
        row = self._db.execute("SELECT revision FROM articles WHERE id = ?", (line["id"],)).fetchone()
        if row is not None and row[0] > rev:
            return 0
        if row is not None and row[0] == rev:
            self._db.execute("UPDATE articles SET last_written = ?, hash = ? WHERE id = ?",
                             (when, h, line["id"]))
            return 0
        self._db.execute(
            "INSERT INTO articles (id, url, site, revision, hash, story_id, first_written, last_written, run_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET url = excluded.url, "
            "site = excluded.site, revision = excluded.revision, hash = excluded.hash, "
            "story_id = excluded.story_id, last_written = excluded.last_written, run_id = excluded.run_id",
            (line["id"], line.get("url") or "", line.get("site"), rev, h, line.get("story_id"),
             when, when, run_id))
        return 1

    # --- reads (from memory, any thread) ------------------------------------------------

    def page(self, url: str) -> PageState | None:
        """What the state knew of ``url`` when it was opened."""
        return self._pages.get(self.key(url))

    def article(self, article_id: str) -> ArticleState | None:
        """The last revision of ``article_id`` written, this run included."""
        return self._articles.get(article_id)

    def __len__(self) -> int:
        return len(self._articles)

    # --- writes (queued on the store's thread) ------------------------------------------

    def _submit(self, fn: Callable[..., Any], *args: Any) -> Future:
        if self._db is None:
            raise RuntimeError(f"{self.path}: the state is closed")
        return self._thread.submit(fn, *args)

    def start_run(self, *, output: str | None, full: bool = False) -> int:
        """Record the start of a run (this process); returns its id."""
        def start() -> int:
            with self._tx():
                cur = self._db.execute(
                    "INSERT INTO runs (started_at, pid, host, output, full) VALUES (?, ?, ?, ?, ?)",
                    (self._clock(), os.getpid(), socket.gethostname(), output, int(full)))
            return cur.lastrowid

        self.run_id = self._submit(start).result()
        return self.run_id

    def finish_run(self, reason: str, *, written: int, counts: Mapping[str, int] | None = None) -> Future:
        """Record the end of this run (``reason`` is Scrapy's finish reason)."""
        def finish() -> None:
            with self._tx():
                self._db.execute(
                    "UPDATE runs SET finished_at = ?, finish_reason = ?, written = ?, counts = ? WHERE id = ?",
                    (self._clock(), reason, written, json.dumps(dict(counts or {}), sort_keys=True),
                     self.run_id))

        return self._submit(finish)

    def fetched(self, url: str, *, site: str, status: int, etag: str | None = None,
                last_modified: str | None = None, listed: float | None = None) -> Future:
        """Record a response for ``url`` (a 304 keeps the validators already known)."""
        when = self._clock()
        return self._submit(self._fetched, self.key(url), url, site, status, etag, last_modified,
                            listed, when)

    def _fetched(self, key: str, url: str, site: str, status: int, etag: str | None,
                 last_modified: str | None, listed: float | None, when: float) -> None:
        try:
            self._begin()
            if status == 304:
                self._db.execute(
                    "UPDATE pages SET status = 304, last_fetched = ?, run_id = ?, "
                    "listed = COALESCE(?, listed) WHERE key = ?", (when, self.run_id, listed, key))
            else:
                self._db.execute(
                    "INSERT INTO pages (key, url, site, etag, last_modified, status, first_fetched, "
                    "last_fetched, run_id, listed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET url = excluded.url, site = excluded.site, "
                    "etag = excluded.etag, last_modified = excluded.last_modified, "
                    "status = excluded.status, last_fetched = excluded.last_fetched, "
                    "run_id = excluded.run_id, listed = excluded.listed",
                    (key, url, site, etag, last_modified, status, when, when, self.run_id, listed))
            self._bump()
        except sqlite3.Error as exc:
            logger.error("%s: cannot record the fetch of %s: %s", self.path, url, exc)

    def host_result(self, site: str, *, ok: bool, error: str | None = None) -> Future:
        """Count a response (``ok``) or a failure (``error`` names its kind) for ``site``."""
        when = self._clock()

        def record() -> None:
            try:
                self._begin()
                if ok:
                    self._db.execute(
                        "INSERT INTO hosts (site, failures, last_success, ok) VALUES (?, 0, ?, 1) "
                        "ON CONFLICT(site) DO UPDATE SET failures = 0, last_success = excluded.last_success, "
                        "ok = ok + 1", (site, when))
                else:
                    self._db.execute(
                        "INSERT INTO hosts (site, failures, last_failure, last_error, failed) "
                        "VALUES (?, 1, ?, ?, 1) ON CONFLICT(site) DO UPDATE SET failures = failures + 1, "
                        "last_failure = excluded.last_failure, last_error = excluded.last_error, "
                        "failed = failed + 1", (site, when, error))
                self._bump()
            except sqlite3.Error as exc:
                logger.error("%s: cannot record host health of %s: %s", self.path, site, exc)

        return self._submit(record)

    def _begin(self) -> None:
        if not self._db.in_transaction:
            self._db.execute("BEGIN")

    def _bump(self) -> None:
        """One more batched change: commit the batch when it is full."""
        self._pending += 1
        if self._pending >= self._commit_every:
            self._db.execute("COMMIT")
            self._pending = 0

    @contextmanager
    def _tx(self) -> Iterator[None]:
        """One transaction (taking in the batched changes pending), committed on success."""
        self._begin()
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            self._pending = 0
            raise
        self._db.execute("COMMIT")
        self._pending = 0

    def register_output(self, path: str | os.PathLike[str]) -> Future:
        """Start watching ``path`` (an ``articles.jsonl``) from its current end, before the
        first line of this run is written; lines already there are not this state's."""
        p = str(Path(path).resolve())

        def register() -> None:
            size = os.path.getsize(p) if os.path.exists(p) else 0
            with self._tx():
                self._db.execute('INSERT INTO outputs (path, "offset") VALUES (?, ?) '
                                 "ON CONFLICT(path) DO NOTHING", (p, size))

        return self._submit(register)

    def written(self, line: Mapping[str, Any], *, output: str | os.PathLike[str] | None,
                offset: int | None) -> Future:
        """Commit an ``articles.jsonl`` line that is already written (and flushed) to
        ``output``, whose size is now ``offset``; fetch records pending commit with it."""
        self._articles[line["id"]] = ArticleState(int(line.get("revision") or 1),
                                                  content_hash(line.get("title"), line["text"]),
                                                  line.get("story_id"))
        out = str(Path(output).resolve()) if output is not None else None
        when = self._clock()

        def commit() -> None:
            with self._tx():
                self._mark_written(line, when=when, run_id=self.run_id)
                if out is not None and offset is not None:
                    self._db.execute('INSERT INTO outputs (path, "offset") VALUES (?, ?) '
                                     'ON CONFLICT(path) DO UPDATE SET "offset" = excluded."offset"',
                                     (out, offset))

        return self._submit(commit)

    def close(self) -> None:
        """Commit what is pending and close the file (waits for queued writes). Idempotent."""
        if self._db is None:
            return

        def close() -> None:
            if self._db.in_transaction:
                self._db.execute("COMMIT")
            self._db.close()
            self._db = None

        self._thread.submit(close).result()
        self._thread.shutdown(wait=True)

    def __enter__(self) -> "CrawlState":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
