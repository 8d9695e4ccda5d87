"""SharedStoryLog: one story index for every worker, as a replicated log in Redis.

Every worker keeps its own ``dedup.StoryIndex`` (unchanged) and the crawl keeps one Redis
list, the log, of every article grouped so far (id, text, url, site, published). A
``StoryIndex`` fed the same sequence of articles gives the same assignments, so a worker
that has replayed the log up to entry N holds the same index as any other worker at N.
To add an article, a worker replays what others appended since it last looked, takes the
log's lock (redis-py's ``Lock``: ``SET NX PX`` with a token, released by script), replays
the few entries appended meanwhile, adds its article to its index, appends it to the log
and releases the lock: the log's order is the one order all indexes see. An article whose
id is already in the log was grouped (and is being written) by some worker: ``add``
returns ``None`` and the caller drops it, so no article is written twice. Until the line
of the worker that grouped it is marked written (``written_key``, set after the line is
flushed), a second worker reaching it waits (``PENDING``): if that worker stops beating
first, the article is adopted (``SADD`` on ``<log>:adopted``, by one worker only) and
written with the story it was given, so a kill loses nothing.

No Scrapy here: a Redis client and a ``StoryIndex`` in, assignments out. Blocking calls;
the grouping stage runs it on the index's own thread.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from typing import Any, Callable

from dedup import Assignment, StoryIndex

logger = logging.getLogger(__name__)

PENDING = "pending"  # add/resolve: another live worker grouped it and has not written it yet


def _entry(doc_id: str, text: str, url: str | None, site: str | None,
           published: datetime | None, worker: str) -> bytes:
    return json.dumps({"id": doc_id, "worker": worker, "text": text, "url": url, "site": site,
                       "published": published.isoformat() if published else None},
                      ensure_ascii=False).encode("utf-8")


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
        self.lock = server.lock(lock_key, timeout=lock_timeout, blocking=True)
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
        entries = self.server.lrange(self.log_key, self.position, -1)
        for raw in entries:
            e = json.loads(raw)
            published = datetime.fromisoformat(e["published"]) if e["published"] else None
            self.owner[e["id"]] = e.get("worker", "")
            self.known[e["id"]] = self.index.add(e["id"], e["text"], url=e["url"], site=e["site"],
                                                 published=published)
        self.position += len(entries)
        self.replayed += len(entries)
        return len(entries)

    def add(self, doc_id: str, text: str, *, url: str | None = None, site: str | None = None,
            published: datetime | None = None) -> Assignment | str | None:
        """The article's story, the same in every worker; ``None`` when the log already has
        ``doc_id`` and it is (being) written by another worker, or by this one under another
        URL; :data:`PENDING` when the worker that grouped it lives and has not written it
        yet (ask :meth:`resolve` again later)."""
        self.catch_up()  # the bulk of the replay, outside the lock
        if doc_id in self.known:
            return self.resolve(doc_id)
        entry = _entry(doc_id, text, url, site, published, self.worker)
        with self.lock:
            self.catch_up()
            if doc_id in self.known:
                return self.resolve(doc_id)
            got = self.index.add(doc_id, text, url=url, site=site, published=published)
            length = self.server.rpush(self.log_key, entry)
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
