"""ExtractPipeline: a fetched ``Page`` becomes a typed ``Record`` (or is dropped, with the reason counted).

Items of other spiders that carry a page (``url``, ``body``/``html``, ``headers``: a dict, a
Scrapy ``Item``...) are turned into a ``Page`` first (``crawler.pipelines.pages``); any other
item goes on untouched.
"""

from __future__ import annotations

import logging
import statistics
import time
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from typing import Any

from scrapy.exceptions import DropItem, NotConfigured

from crawler.addon import with_defaults
from crawler.extract import ExtractOptions, extract_article
from crawler.extract.template import SiteTemplates
from crawler.pipelines.pool import ExtractPool
from crawler.items import Article, Page, Record, site_of
from crawler.pipelines.offthread import await_future
from crawler.pipelines.pages import page_from_item
from output.schema import article_id
from crawler.extract.dates.hints import hint_datetime, hint_states_zone

logger = logging.getLogger(__name__)


def extract_options(settings: Any) -> ExtractOptions:
    """The ``ExtractOptions`` the settings ask for, with a fresh site template learner."""
    return ExtractOptions(
        default_tz=settings.get("WIRECRAWL_TIMEZONE") or "UTC",
        site_timezones=dict(settings.getdict("WIRECRAWL_SITE_TIMEZONES")),
        templates=SiteTemplates(min_pages=settings.getint("WIRECRAWL_TEMPLATE_MIN_PAGES"),
                                min_share=settings.getfloat("WIRECRAWL_TEMPLATE_MIN_SHARE")),
    )


def extract_pool(settings: Any, options: ExtractOptions) -> ExtractPool | None:
    """``WIRECRAWL_EXTRACT_WORKERS`` processes (none when 0; their processes start on first use).

    Raises:
        NotConfigured: a negative worker count (the value is in the message).
    """
    workers = settings.getint("WIRECRAWL_EXTRACT_WORKERS")
    if workers < 0:
        raise NotConfigured(f"WIRECRAWL_EXTRACT_WORKERS ({workers!r}) must be 0 or more.")
    if not workers:
        return None
    return ExtractPool(workers, options, min_pages=settings.getint("WIRECRAWL_TEMPLATE_MIN_PAGES"),
                       min_share=settings.getfloat("WIRECRAWL_TEMPLATE_MIN_SHARE"))


class ExtractPipeline:
    """``Page`` -> ``Record``, through ``crawler.extract.extract_article``.

    With ``WIRECRAWL_EXTRACT_WORKERS`` > 0 the extraction runs in that many worker
    processes (``crawler.pipelines.pool``), sharded by site, and ``process_item`` returns a
    coroutine; with 0 it runs here, in the reactor's thread, and returns the record. A page
    that already carries its ``article`` (extracted with the article decision, on the same
    parse: ``crawler.middlewares.PageAnalysisMiddleware``) is not extracted again. The
    feed/sitemap date hint of the page is parsed here, once, into an aware datetime.

    How long each extraction took (in the worker, queueing excluded) is kept per site; at
    close the pipeline records each site's count, median and 90th percentile in the stats
    (``wirecrawl/extract_ms/<site>/pages|median|p90``), which ``run.json`` and
    ``wirecrawl report`` read.
    """

    def __init__(self, options: ExtractOptions, stats: Any, pool: ExtractPool | None = None) -> None:
        self.options = options
        self.stats = stats
        self.pool = pool
        self.extract_ms: dict[str, list[float]] = {}

    @classmethod
    def from_crawler(cls, crawler: Any) -> "ExtractPipeline":
        s = with_defaults(crawler.settings)
        if not s.getbool("WIRECRAWL_EXTRACT_ENABLED"):
            raise NotConfigured("WIRECRAWL_EXTRACT_ENABLED is off")
        options = extract_options(s)
        return cls(options, crawler.stats, extract_pool(s, options))

    def process_item(self, item: Any, spider: Any = None) -> Any:
        if not isinstance(item, Page):
            # An item of another spider (the add-on) that carries a page: url, body/html, headers.
            page = page_from_item(item)
            if page is None:
                return item
            item = page
        self.stats.inc_value("wirecrawl/extract/pages")
        if item.article is not None:  # extracted where it was judged, on the same parse
            self.stats.inc_value("wirecrawl/extract/with_analysis")
            if "extract_ms" in item.hints:
                self.extract_ms.setdefault(site_of(item.url), []).append(item.hints["extract_ms"])
            return self._record(item, item.article)
        if self.pool is None:
            return self._record(item, self._extract_here(item))
        return self._extract_in_pool(item)

    def _timed(self, item: Page, seconds: float) -> None:
        self.extract_ms.setdefault(site_of(item.url), []).append(seconds * 1000)

    async def _extract_in_pool(self, item: Page) -> Record:
        assert self.pool is not None
        self.stats.inc_value("wirecrawl/extract/in_workers")
        try:  # a pool already known broken refuses the submission itself
            future = self.pool.submit_timed(item.body, item.url, item.headers, site=site_of(item.url),
                                            fetched_at=item.fetched_at)
            article, seconds = await await_future(future)
            self._timed(item, seconds)
        except Exception as exc:  # noqa: BLE001 - any worker failure falls back to extracting here
            article = self._worker_failed(exc, item)
        return self._record(item, article)

    def _extract_here(self, item: Page) -> Article:
        options = replace(self.options, fetched_at=item.fetched_at)
        t0 = time.perf_counter()
        article = extract_article(item.body, item.url, item.headers, options=options)
        self._timed(item, time.perf_counter() - t0)
        return article

    def _worker_failed(self, exc: Exception, item: Page) -> Article:
        """A dead worker process: extract here from now on, and say so once."""
        if isinstance(exc, BrokenProcessPool):
            if self.pool is not None:
                logger.error("extraction worker died (%s); extracting in-process from now on", exc)
                self.stats.inc_value("wirecrawl/extract/pool_broken")
                pool, self.pool = self.pool, None
                pool.close()
        else:
            logger.error("extraction failed in a worker for %s: %s", item.url, exc)
            self.stats.inc_value("wirecrawl/extract/worker_error")
        return self._extract_here(item)

    def _record(self, item: Page, article: Article) -> Record:
        if not article.text:
            reason = article.reason or "no-body"
            self.stats.inc_value(f"wirecrawl/drop/{reason}")
            raise DropItem(f"no article body ({reason}): {item.url}")
        self.stats.inc_value("wirecrawl/extract/articles")
        if article.published is None:
            self.stats.inc_value("wirecrawl/date/published_missing")
        # A feed/sitemap date is a hint, kept apart from what the page itself says.
        hint = item.hints.get("published")
        return Record(article=article, id=article_id(article.canonical_url or article.url),
                      fetched_at=item.fetched_at, source=item.source,
                      published_hint=hint_datetime(hint), hint_zone_stated=hint_states_zone(hint))

    def close_spider(self, spider: Any = None) -> None:
        for site, ms in sorted(self.extract_ms.items()):
            key = f"wirecrawl/extract_ms/{site}"
            self.stats.set_value(f"{key}/pages", len(ms))
            p90 = statistics.quantiles(ms, n=10, method="inclusive")[-1] if len(ms) > 1 else ms[0]
            self.stats.set_value(f"{key}/median", round(statistics.median(ms), 1))
            self.stats.set_value(f"{key}/p90", round(p90, 1))
        if self.pool is not None:
            self.pool.close()
