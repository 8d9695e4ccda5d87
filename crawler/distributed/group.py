"""SharedGroupPipeline: the grouping stage with the story index shared by every worker.

A ``GroupPipeline`` whose adds go through :class:`crawler.distributed.storylog.SharedStoryLog`
(on the index's thread, like every index call): a copy found by one worker joins the story
another started, and an article already grouped by a worker (reached under another URL)
is dropped, counted as ``wirecrawl/drop/other_worker``. ``stories.jsonl`` is written after
replaying the log to its end, so each worker lists every member of its stories.
``SharedWritePipeline`` marks each article written in Redis as soon as its line is flushed.
"""

from __future__ import annotations

import time
from typing import Any

from scrapy.exceptions import DropItem

from crawler.distributed.keys import keys_from_settings, redis_client, redis_url
from crawler.distributed.storylog import PENDING, SharedStoryLog
from crawler.items import Record
from crawler.pipelines.group import GroupPipeline
from crawler.pipelines.write import WritePipeline
from dedup import Assignment, Story


CLAIM_POLL = 0.05  # seconds between looks at an article another worker grouped but not yet wrote


class SharedGroupPipeline(GroupPipeline):
    """``GroupPipeline`` over a shared log; ``attach`` gives it the log's client and keys."""

    log: SharedStoryLog | None = None
    claim_wait = 30.0   # seconds to wait for another worker's line (3 heartbeats)

    @classmethod
    def from_crawler(cls, crawler: Any) -> "SharedGroupPipeline":
        s = crawler.settings
        url = redis_url(s)
        if s.get("WIRECRAWL_DEDUP_INDEX") or s.get("WIRECRAWL_STATE_DIR"):
            raise ValueError("a story index shared on Redis cannot also be a local file "
                             "(WIRECRAWL_DEDUP_INDEX / WIRECRAWL_STATE_DIR)")
        pipe = super().from_crawler(crawler)
        keys = keys_from_settings(s)
        server = redis_client(url)
        lock_timeout = s.getfloat("WIRECRAWL_REDIS_LOCK_TIMEOUT")
        worker = s.get("WIRECRAWL_REDIS_WORKER") or ""
        pipe.claim_wait = 3 * s.getfloat("WIRECRAWL_REDIS_HEARTBEAT")
        pipe.log = pipe._thread.submit(
            SharedStoryLog, pipe.index, server, keys.story_log, keys.story_lock,
            lock_timeout=lock_timeout, worker=worker, written_key=keys.written,
            is_alive=lambda w: bool(server.exists(keys.alive(w)))).result()
        return pipe

    def _add(self, item: Record) -> Assignment:
        assert self.log is not None
        a = item.article
        got = self.log.add(item.id, a.text, url=a.url, site=a.site, published=a.published)
        # Rare (one article under two URLs, reached by two workers) and short: the other
        # worker writes it within moments, or stops beating and this one adopts it.
        deadline = time.monotonic() + self.claim_wait
        while got == PENDING and time.monotonic() < deadline:
            time.sleep(CLAIM_POLL)
            got = self.log.resolve(item.id)
        if not isinstance(got, Assignment):
            self.stats.inc_value("wirecrawl/drop/other_worker")
            raise DropItem(f"already grouped by a worker: {a.url}")
        return got

    def _stories(self) -> list[Story]:
        assert self.log is not None
        self.log.catch_up()
        self.stats.set_value("wirecrawl/redis/stories_replayed", self.log.replayed)
        if self.log.adopted:
            self.stats.set_value("wirecrawl/redis/adopted", self.log.adopted)
        return super()._stories()


class MarkedRun:
    """A ``RunWriter`` whose every line, once flushed, is marked written in Redis on the same
    (writer's) thread — the mark follows the line by one round trip, so a worker killed
    between them is the only way a line can come twice (at least once, never lost).

    Args:
        run: the run directory's writer.
        server: a blocking Redis client.
        key: the set of written ids.
    """

    def __init__(self, run: Any, server: Any, key: str) -> None:
        self._run = run
        self.server = server
        self.key = key

    def write_article(self, line: dict[str, Any]) -> Any:
        result = self._run.write_article(line)
        if line.get("id"):
            self.server.sadd(self.key, line["id"])
        return result

    def __getattr__(self, name: str) -> Any:
        return getattr(self._run, name)


class SharedWritePipeline(WritePipeline):
    """``WritePipeline`` whose lines are marked written (``MarkedRun``) for the story log."""

    @classmethod
    def from_crawler(cls, crawler: Any) -> "SharedWritePipeline":
        url = redis_url(crawler.settings)
        pipe = super().from_crawler(crawler)
        pipe.run = MarkedRun(pipe.run, redis_client(url), keys_from_settings(crawler.settings).written)
        return pipe
