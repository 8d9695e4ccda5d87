"""SharedGroupPipeline: the grouping stage with the story index shared by every worker.

A ``GroupPipeline`` whose adds go through :class:`crawler.distributed.storylog.SharedStoryLog`
(on the index's thread, like every index call): a copy found by one worker joins the story
another started, and an article already grouped by a worker (reached under another URL)
is dropped, counted as ``wirecrawl/drop/other_worker``. ``stories.jsonl`` is written after
replaying the log to its end, so each worker lists every member of its stories.
"""

from __future__ import annotations

from typing import Any

from scrapy.exceptions import DropItem, NotConfigured

from crawler.distributed.keys import keys_from_settings, redis_client
from crawler.distributed.storylog import SharedStoryLog
from crawler.items import Record
from crawler.pipelines.group import GroupPipeline
from dedup import Assignment, Story


class SharedGroupPipeline(GroupPipeline):
    """``GroupPipeline`` over a shared log; ``attach`` gives it the log's client and keys."""

    log: SharedStoryLog | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> "SharedGroupPipeline":
        s = crawler.settings
        url = s.get("WIRECRAWL_REDIS_URL")
        if not url:
            raise NotConfigured("WIRECRAWL_REDIS_URL is not set")
        if s.get("WIRECRAWL_DEDUP_INDEX") or s.get("WIRECRAWL_STATE_DIR"):
            raise ValueError("a story index shared on Redis cannot also be a local file "
                             "(WIRECRAWL_DEDUP_INDEX / WIRECRAWL_STATE_DIR)")
        pipe = super().from_crawler(crawler)
        keys = keys_from_settings(s)
        server = redis_client(url)
        lock_timeout = s.getfloat("WIRECRAWL_REDIS_LOCK_TIMEOUT")
        pipe.log = pipe._thread.submit(SharedStoryLog, pipe.index, server, keys.story_log,
                                       keys.story_lock, lock_timeout=lock_timeout).result()
        return pipe

    def _add(self, item: Record) -> Assignment:
        assert self.log is not None
        a = item.article
        got = self.log.add(item.id, a.text, url=a.url, site=a.site, published=a.published)
        if got is None:
            self.stats.inc_value("wirecrawl/drop/other_worker")
            raise DropItem(f"already grouped by a worker: {a.url}")
        return got

    def _stories(self) -> list[Story]:
        assert self.log is not None
        self.log.catch_up()
        self.stats.set_value("wirecrawl/redis/stories_replayed", self.log.replayed)
        return super()._stories()
