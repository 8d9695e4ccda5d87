"""SharedStoryLog: one story index for every worker, as a replicated log in Redis.

Every worker keeps its own ``dedup.StoryIndex`` and the crawl keeps one Redis list, the
log, of every article grouped so far, in the order they were grouped. An entry is the
decision, not the input: the article's row as the index holds it (story, signature
fingerprints, numbers, lead) and the site-boilerplate keys its text counted
(``dedup.IndexEntry``). A worker replays the others' entries with ``StoryIndex.apply`` —
no shingling, no candidate search, no verification — so after entry N every worker holds
the index one process would hold after N adds, at a small part of the cost of adding
them (replaying the texts made each worker sign and verify every article of the crawl).
To add an article, a worker takes the log's lock (redis-py's ``Lock``: ``SET NX PX`` with
a token, released by script), replays what others appended since it last looked, adds its
article to its index, appends the entry and releases the lock: the log's order is the one
order all indexes see. An article whose id is already in the log was grouped (and is
being written) by some worker: ``add`` returns ``None`` and the caller drops it, so no
article is written twice. Until the line of the worker that grouped it is marked written
(``written_key``, set after the line is flushed), a second worker reaching it waits
(``PENDING``): if that worker stops beating first, the article is adopted (``SADD`` on
``<log>:adopted``, by one worker only) and written with the story it was given, so a kill
loses nothing.

No Scrapy here: a Redis client and a ``StoryIndex`` in, assignments out. Blocking calls;
the grouping stage runs it on the index's own thread.
"""

from __future__ import annotations

import base64
import json
import logging
from datetime import datetime
from typing import Any, Callable

from dedup import Assignment, IndexEntry, StoryIndex

logger = logging.getLogger(__name__)

PENDING = "pending"  # add/resolve: another live worker grouped it and has not written it yet
# seconds between two tries at the log's lock: it is held for one add (a few ms), and
# redis-py's default (0.1 s) would idle a waiting worker's grouping stage for 20 of them
LOCK_POLL = 0.001


def encode_entry(entry: IndexEntry, worker: str) -> bytes:
    """One log entry: JSON, the row's byte columns in base64 (about 900 bytes)."""
    row = [*entry.row[:8], *(base64.b64encode(b).decode("ascii") for b in entry.row[8:])]
    return json.dumps({"worker": worker, "row": row, "lines": entry.lines}).encode("utf-8")


def decode_entry(raw: bytes) -> tuple[str, IndexEntry]:
    """``(worker, entry)`` of one log entry."""
    e = json.loads(raw)
    row = e["row"]
    return e["worker"], IndexEntry((*row[:8], *(base64.b64decode(b) for b in row[8:])), e["lines"])


class SharedStoryLog:
    """A ``StoryIndex`` kept equal across workers through a Redis list.

    Args:
        index: this worker's local index (empty at start; it replays the whole log).
        server: a blocking Redis client.
        log_key: the list holding the log.
        lock_key: the lock guarding appends.
        lock_timeout: seconds after which a lock held by a dead worker expires.
        worker: this worker's id, recorded with each entry it appends.
        written_key: the set of ids whose line was written (``None``: never adopt).
        is_alive: ``is_alive(worker)``, whether that worker still beats.
    """

    def __init__(self, index: StoryIndex, server: Any, log_key: str, lock_key: str,
                 *, lock_timeout: float = 10.0, worker: str = "", written_key: str | None = None,
                 is_alive: Callable[[str], bool] = lambda worker: True) -> None:
        if lock_timeout <= 0:
            raise ValueError(f"lock_timeout ({lock_timeout!r}) must be above 0")
        self.index = index
        self.server = server
        self.log_key = log_key
        self.lock = server.lock(lock_key, timeout=lock_timeout, sleep=LOCK_POLL, blocking=True)
        self.position = 0                      # entries of the log replayed into self.index
        self.known: dict[str, Assignment] = {}  # every doc id in the log -> its assignment
        self.replayed = 0                      # entries appended by other workers
        self.owner: dict[str, str] = {}        # doc id -> the worker that appended it
        self.worker = worker
        self.written_key = written_key
        self.is_alive = is_alive
        self.adopted = 0

    def catch_up(self) -> int:
        """Replays, in order, the entries appended since the last look; returns how many."""
        raws = self.server.lrange(self.log_key, self.position, -1)
        if not raws:
            return 0
        entries = [decode_entry(raw) for raw in raws]
        for (worker, entry), got in zip(entries, self.index.apply(e for _, e in entries)):
            self.owner[entry.doc_id] = worker
            self.known[entry.doc_id] = got
        self.position += len(entries)
        self.replayed += len(entries)
        return len(entries)

    def add(self, doc_id: str, text: str, *, url: str | None = None, site: str | None = None,
            published: datetime | None = None) -> Assignment | str | None:
        """The article's story, the same in every worker; ``None`` when the log already has
        ``doc_id`` and it is (being) written by another worker, or by this one under another
        URL; :data:`PENDING` when the worker that grouped it lives and has not written it
        yet (ask :meth:`resolve` again later)."""
        with self.lock:  # replaying entries is cheap: no replay outside it, one round trip less
            self.catch_up()
            known = doc_id in self.known
            if not known:
                got, entry = self.index.add_entry(doc_id, text, url=url, site=site, published=published)
                length = self.server.rpush(self.log_key, encode_entry(entry, self.worker))
        if known:  # its owner and story are replayed: asking Redis who writes it needs no lock
            return self.resolve(doc_id)
        self.position += 1
        self.known[doc_id] = got
        self.owner[doc_id] = self.worker
        if length != self.position:
            # Only if the lock expired while held (a pause longer than lock_timeout).
            logger.error("story log %s: appended at %d, expected %d; indexes may differ",
                         self.log_key, length, self.position)
        return got

    def resolve(self, doc_id: str) -> Assignment | str | None:
        """For a ``doc_id`` in the log: its assignment if this worker is to write it after
        all (its owner died before writing it), :data:`PENDING` while its owner lives and
        has not written it, else ``None``."""
        owner = self.owner.get(doc_id, "")
        if self.written_key is None or owner == self.worker:
            return None
        if self.server.sismember(self.written_key, doc_id):
            return None
        if self.is_alive(owner):
            return PENDING
        if not self.server.sadd(f"{self.log_key}:adopted", doc_id):
            return None
        self.adopted += 1
        logger.warning("adopting %s: grouped by %s, which stopped before writing it", doc_id, owner)
        return self.known[doc_id]
