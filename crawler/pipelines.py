"""Thin Scrapy adapters over the pure core: extract -> filter -> group -> write.

Each pipeline turns settings into plain values in ``from_crawler`` and counts what it
does in the stats collector under ``wirecrawl/``. From ``ExtractPipeline`` on, the item
is the output record (a dict, see ``crawler.items.make_record``), so Scrapy's feed
exports (``-O out.jsonl``) receive exactly what ``articles.jsonl`` holds.
"""

from __future__ import annotations

import logging
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from scrapy.exceptions import DropItem, NotConfigured
from twisted.internet import defer
from twisted.python.failure import Failure

from crawler.extract import ExtractOptions, extract_article
from crawler.extract.dates import to_utc
from crawler.extract.template import SiteTemplates
from crawler.extract_pool import ExtractPool
from crawler.items import Page, make_record, site_of
from dedup import StoryIndex
from output import JsonlWriter, write_stories

logger = logging.getLogger(__name__)


def parse_since(value: Any) -> datetime | None:
    """``WIRECRAWL_SINCE`` as an aware UTC instant; a bad value raises ``ValueError`` naming it."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value
    dt = to_utc(str(value), default_tz="UTC")
    if dt is None:
        raise ValueError(f"WIRECRAWL_SINCE ({value!r}) is not a date (try 2026-11-20 or 2026-11-20T08:00Z)")
    return dt


class ExtractPipeline:
    """``Page`` -> output record, through ``crawler.extract.extract_article``.

    With ``WIRECRAWL_EXTRACT_WORKERS`` > 0 the extraction runs in that many worker
    processes (``crawler.extract_pool``), sharded by site, and ``process_item`` returns a
    coroutine; with 0 it runs here, in the reactor's thread, and returns the record.
    """

    def __init__(self, options: ExtractOptions, stats: Any, pool: ExtractPool | None = None) -> None:
        self.options = options
        self.stats = stats
        self.pool = pool

    @classmethod
    def from_crawler(cls, crawler: Any) -> "ExtractPipeline":
        s = crawler.settings
        if not s.getbool("WIRECRAWL_EXTRACT_ENABLED"):
            raise NotConfigured("WIRECRAWL_EXTRACT_ENABLED is off")
        min_pages = s.getint("WIRECRAWL_TEMPLATE_MIN_PAGES")
        min_share = s.getfloat("WIRECRAWL_TEMPLATE_MIN_SHARE")
        options = ExtractOptions(
            default_tz=s.get("WIRECRAWL_TIMEZONE") or "UTC",
            site_timezones=dict(s.getdict("WIRECRAWL_SITE_TIMEZONES")),
            templates=SiteTemplates(min_pages=min_pages, min_share=min_share),
        )
        workers = s.getint("WIRECRAWL_EXTRACT_WORKERS")
        if workers < 0:
            raise NotConfigured(f"WIRECRAWL_EXTRACT_WORKERS ({workers!r}) must be 0 or more.")
        pool = ExtractPool(workers, options, min_pages=min_pages, min_share=min_share) if workers else None
        return cls(options, crawler.stats, pool)

    def process_item(self, item: Any, spider: Any = None) -> Any:
        if not isinstance(item, Page):
            return item
        self.stats.inc_value("wirecrawl/extract/pages")
        if self.pool is None:
            return self._record(item, self._extract_here(item))
        return self._extract_in_pool(item)

    async def _extract_in_pool(self, item: Page) -> dict[str, Any]:
        from scrapy.utils.defer import maybe_deferred_to_future
        from twisted.internet import reactor  # the one Scrapy installed; not at import time

        self.stats.inc_value("wirecrawl/extract/in_workers")
        future = self.pool.submit(item.body, item.url, item.headers, site=site_of(item.url),
                                  fetched_at=item.fetched_at)

        d: defer.Deferred = defer.Deferred()

        def settle(f: Any) -> None:
            exc = f.exception()
            if exc is None:
                reactor.callFromThread(d.callback, f.result())
            else:
                reactor.callFromThread(d.errback, Failure(exc))

        future.add_done_callback(settle)
        d.addErrback(self._worker_failed, item)
        d.addCallback(lambda article: self._record(item, article))
        return await maybe_deferred_to_future(d)

    def _extract_here(self, item: Page) -> Any:
        options = replace(self.options, fetched_at=item.fetched_at)
        return extract_article(item.body, item.url, item.headers, options=options)

    def _worker_failed(self, failure: Failure, item: Page) -> Any:
        """A dead worker process: extract here from now on, and say so once."""
        if failure.check(BrokenProcessPool) and self.pool is not None:
            logger.error("extraction worker died (%s); extracting in-process from now on",
                         failure.getErrorMessage())
            self.stats.inc_value("wirecrawl/extract/pool_broken")
            pool, self.pool = self.pool, None
            pool.close()
        elif not failure.check(BrokenProcessPool):
            logger.error("extraction failed in a worker for %s: %s", item.url, failure.getErrorMessage())
            self.stats.inc_value("wirecrawl/extract/worker_error")
        return self._extract_here(item)

    def _record(self, item: Page, article: Any) -> dict[str, Any]:
        if not article.text:
            reason = article.reason or "no-body"
            self.stats.inc_value(f"wirecrawl/drop/{reason}")
            raise DropItem(f"no article body ({reason}): {item.url}")
        self.stats.inc_value("wirecrawl/extract/articles")
        if article.published is None:
            self.stats.inc_value("wirecrawl/date/published_missing")
        record = make_record(article, fetched_at=item.fetched_at, source=item.source)
        if article.published is None and item.hints.get("published"):
            # A feed/sitemap date is a hint, kept apart from what the page itself says.
            record["published_hint"] = item.hints["published"]
        return record

    def close_spider(self, spider: Any = None) -> None:
        if self.pool is not None:
            self.pool.close()


class FilterPipeline:
    """Drops bodies too short to be articles, and articles published before ``--since``."""

    def __init__(self, min_chars: int, since: datetime | None, stats: Any) -> None:
        self.min_chars = min_chars
        self.since = since
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Any) -> "FilterPipeline":
        s = crawler.settings
        min_chars = s.getint("WIRECRAWL_MIN_TEXT_CHARS")
        if min_chars < 0:
            raise NotConfigured(f"WIRECRAWL_MIN_TEXT_CHARS ({min_chars!r}) must be 0 or more.")
        return cls(min_chars, parse_since(s.get("WIRECRAWL_SINCE")), crawler.stats)

    def process_item(self, item: Any, spider: Any = None) -> Any:
        if not isinstance(item, dict):
            return item
        if len(item.get("text") or "") < self.min_chars:
            self.stats.inc_value("wirecrawl/drop/short")
            raise DropItem(f"body shorter than {self.min_chars} chars: {item['url']}")
        if self.since is not None:
            published = item.get("published") or item.get("published_hint")
            when = to_utc(published) if published else None
            if when is not None and when < self.since:
                self.stats.inc_value("wirecrawl/drop/before_since")
                raise DropItem(f"published {published} before --since: {item['url']}")
        return item


class GroupPipeline:
    """Assigns each article its ``story_id`` the moment it arrives (``dedup.StoryIndex``)."""

    def __init__(self, index: StoryIndex, stats: Any, output_dir: Path | None) -> None:
        self.index = index
        self.stats = stats
        self.output_dir = output_dir
        self.touched: set[str] = set()  # stories with a member in this run

    @classmethod
    def from_crawler(cls, crawler: Any) -> "GroupPipeline":
        s = crawler.settings
        if not s.getbool("WIRECRAWL_DEDUP_ENABLED"):
            raise NotConfigured("WIRECRAWL_DEDUP_ENABLED is off")
        window = s.getfloat("WIRECRAWL_DEDUP_WINDOW_DAYS")
        path = s.get("WIRECRAWL_DEDUP_INDEX")
        if not path and s.get("WIRECRAWL_STATE_DIR"):
            path = str(Path(s.get("WIRECRAWL_STATE_DIR")) / "stories.sqlite")
        index = StoryIndex(
            threshold=s.getfloat("WIRECRAWL_DEDUP_THRESHOLD"),
            num_perm=s.getint("WIRECRAWL_DEDUP_NUM_PERM"),
            shingle_size=s.getint("WIRECRAWL_DEDUP_SHINGLE_SIZE"),
            seed=s.getint("WIRECRAWL_DEDUP_SEED"),
            path=path or None,
            window_days=window if window > 0 else None,
        )
        out = s.get("WIRECRAWL_OUTPUT_DIR")
        return cls(index, crawler.stats, Path(out) if out else None)

    def process_item(self, item: Any, spider: Any = None) -> Any:
        if not isinstance(item, dict):
            return item
        published = to_utc(item["published"]) if item.get("published") else None
        got = self.index.add(item["id"], item["text"], url=item["url"], site=item["site"],
                             published=published)
        item["story_id"] = got.story_id
        item["duplicate_of"] = got.duplicate_of
        self.touched.add(got.story_id)
        self.stats.inc_value("wirecrawl/group/new_story" if got.is_new_story else "wirecrawl/group/joined")
        return item

    def close_spider(self, spider: Any = None) -> None:
        # Runs before the spider_closed signal, so RunReport sees the story count.
        try:
            # A persistent index holds earlier runs' stories too: this run lists the stories
            # it added to, each with all its members.
            stories = (s for s in self.index.stories() if s.story_id in self.touched)
            if self.output_dir is not None:
                n = write_stories(self.output_dir / "stories.jsonl", stories)
            else:
                n = sum(1 for _ in stories)
            self.stats.set_value("wirecrawl/stories", n)
        finally:
            self.index.close()


class WritePipeline:
    """Appends each record to ``RUN_DIR/articles.jsonl``, flushed as it arrives."""

    def __init__(self, output_dir: Path, stats: Any) -> None:
        self.writer = JsonlWriter(output_dir / "articles.jsonl")
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Any) -> "WritePipeline":
        out = crawler.settings.get("WIRECRAWL_OUTPUT_DIR")
        if not out:
            raise NotConfigured("WIRECRAWL_OUTPUT_DIR is not set (feed exports still work)")
        return cls(Path(out), crawler.stats)

    def process_item(self, item: Any, spider: Any = None) -> Any:
        if isinstance(item, dict):
            self.writer.write(item)
            self.stats.inc_value("wirecrawl/written")
            self.stats.inc_value(f"wirecrawl/site/{item.get('site')}")
        return item

    def close_spider(self, spider: Any = None) -> None:
        self.writer.close()
