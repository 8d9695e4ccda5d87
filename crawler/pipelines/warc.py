"""WarcPipeline: every article page fetched goes into ``RUN_DIR/responses.warc.gz`` (``--format warc``).

It runs first (before extraction), so the file holds the pages as fetched, those later
dropped included: a corpus can be extracted again from it (``wirecrawl extract --warc``).
The feeds and sitemaps the spider parsed go in too, as they are read
(``spiders.signals.listing_parsed``): their dates teach ``extract --warc`` the sites' zones
as they taught the crawl's zone stage. Writes run on a thread of their own, in order; the
item goes on unchanged.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from scrapy.exceptions import NotConfigured

from crawler.addon import with_defaults
from crawler.items import header_map
from crawler.pipelines.offthread import SerialThread
from crawler.pipelines.pages import page_from_item
from output.formats import parse_formats
from output.warc import RESPONSES, WarcWriter
from spiders.signals import listing_parsed

logger = logging.getLogger(__name__)


class WarcPipeline:
    """Appends a request + response record pair for each page item and each listing read.

    Args:
        path: the WARC file.
        stats: the crawler's stats collector (``wirecrawl/warc/responses`` for pages,
            ``wirecrawl/warc/listings`` for feeds and sitemaps).
    """

    def __init__(self, path: str | Path, stats: Any) -> None:
        self.path = Path(path)
        self.stats = stats
        self._io = SerialThread("wirecrawl-warc")
        self._writer: WarcWriter = self._io.submit(WarcWriter, self.path).result()

    @classmethod
    def from_crawler(cls, crawler: Any) -> "WarcPipeline":
        s = with_defaults(crawler.settings)
        formats = parse_formats(s.getlist("WIRECRAWL_FORMATS"))  # a bad name fails loudly
        out = s.get("WIRECRAWL_OUTPUT_DIR")
        if "warc" not in formats or not out:
            raise NotConfigured  # off unless asked for: no message, so Scrapy logs no warning
        pipe = cls(Path(out) / RESPONSES, crawler.stats)
        crawler.signals.connect(pipe.listing_parsed, signal=listing_parsed)
        return pipe

    def listing_parsed(self, listing: Any = None, url: str = "", response: Any = None) -> None:
        """Queues the feed or sitemap ``response`` for writing (body as received: a ``.xml.gz``
        sitemap stays gzip); a signal handler, so it does not wait for the write."""
        if response is None:
            return
        future = self._io.submit(self._writer.write, response.url, response.status, header_map(response.headers),
                                 response.body, fetched_at=datetime.now(timezone.utc))
        future.add_done_callback(self._listing_written)
        self.stats.inc_value("wirecrawl/warc/listings")

    def _listing_written(self, future: Future[None]) -> None:
        """Says when a queued listing could not be written (nobody awaits its future)."""
        if future.exception() is not None:
            logger.error("could not archive a feed or sitemap in %s: %s", self.path, future.exception())

    async def process_item(self, item: Any, spider: Any = None) -> Any:
        page = page_from_item(item)
        if page is None:
            return item
        await self._io.run(self._writer.write, page.url, page.status, page.headers, page.body,
                           fetched_at=page.fetched_at, source=page.source)
        self.stats.inc_value("wirecrawl/warc/responses")
        return item

    async def close_spider(self, spider: Any = None) -> None:
        try:
            await self._io.run(self._writer.close)
        finally:
            self._io.shutdown()
