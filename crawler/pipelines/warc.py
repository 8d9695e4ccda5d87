"""WarcPipeline: every article page fetched goes into ``RUN_DIR/responses.warc.gz`` (``--format warc``).

It runs first (before extraction), so the file holds the pages as fetched, those later
dropped included: a corpus can be extracted again from it (``wirecrawl extract --warc``).
Writes run on a thread of their own; the item goes on unchanged.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scrapy.exceptions import NotConfigured

from crawler.addon import with_defaults
from crawler.pipelines.offthread import SerialThread
from crawler.pipelines.pages import page_from_item
from output.formats import parse_formats
from output.warc import RESPONSES, WarcWriter


class WarcPipeline:
    """Appends a request + response record pair for each page item.

    Args:
        path: the WARC file.
        stats: the crawler's stats collector (``wirecrawl/warc/responses``).
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
        return cls(Path(out) / RESPONSES, crawler.stats)

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
