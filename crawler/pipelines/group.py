"""GroupPipeline: assigns each record its story the moment it arrives (``dedup.StoryIndex``).

The index may be an SQLite file, so it lives on one thread of its own: it is opened there,
every ``add`` runs there in arrival order, and it is closed there. The reactor's thread only
awaits the results. Writing ``stories.jsonl`` is the Write stage's job; it asks this stage
for the index's stories with :meth:`GroupPipeline.stories`.
"""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any, Callable

from scrapy.exceptions import NotConfigured

from crawler.addon import with_defaults
from crawler.items import Record
from crawler.pipelines.offthread import SerialThread
from dedup import Assignment, IndexConfig, Story, StoryIndex


class GroupPipeline:
    """Sets ``story_id`` and ``duplicate_of`` on each ``Record``.

    Args:
        open_index: builds the story index; called once, on the index's own thread.
        stats: the crawler's stats collector.
    """

    def __init__(self, open_index: Callable[[], StoryIndex], stats: Any) -> None:
        self.stats = stats
        self._thread = SerialThread("wirecrawl-index")
        self.index: StoryIndex = self._thread.submit(open_index).result()

    @classmethod
    def from_crawler(cls, crawler: Any) -> "GroupPipeline":
        s = with_defaults(crawler.settings)
        if not s.getbool("WIRECRAWL_DEDUP_ENABLED"):
            raise NotConfigured("WIRECRAWL_DEDUP_ENABLED is off")
        window = s.getfloat("WIRECRAWL_DEDUP_WINDOW_DAYS")
        path = s.get("WIRECRAWL_DEDUP_INDEX")
        if not path and s.get("WIRECRAWL_STATE_DIR"):
            path = str(Path(s.get("WIRECRAWL_STATE_DIR")) / "stories.sqlite")
        config = IndexConfig(
            threshold=s.getfloat("WIRECRAWL_DEDUP_THRESHOLD"),
            num_perm=s.getint("WIRECRAWL_DEDUP_NUM_PERM"),
            shingle_size=s.getint("WIRECRAWL_DEDUP_SHINGLE_SIZE"),
            seed=s.getint("WIRECRAWL_DEDUP_SEED"),
            window_days=window if window > 0 else None,
        )
        open_index = partial(StoryIndex, config, path=path or None)
        return cls(open_index, crawler.stats)

    async def process_item(self, item: Any, spider: Any = None) -> Any:
        if not isinstance(item, Record):
            return item
        got = await self._thread.run(self._add, item)
        self.stats.inc_value("wirecrawl/group/new_story" if got.is_new_story else "wirecrawl/group/joined")
        # A new revision of an article written before keeps the story it was written under.
        return replace(item, story_id=item.story_id or got.story_id, duplicate_of=got.duplicate_of)

    def _add(self, item: Record) -> Assignment:
        """The record's story from the index (on the index's thread)."""
        a = item.article
        return self.index.add(item.id, a.text, url=a.url, site=a.site, published=a.published)

    def stories(self) -> Future[list[Story]]:
        """Every story in the index, read on the index's thread, queued behind the adds so far
        (and ahead of a close requested later)."""
        return self._thread.submit(self._stories)

    def _stories(self) -> list[Story]:
        return list(self.index.stories())

    async def close_spider(self, spider: Any = None) -> None:
        try:
            await self._thread.run(self.index.close)
        finally:
            self._thread.shutdown()
