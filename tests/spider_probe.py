"""Test-only item pipeline: each ``Page`` the spider yields, as one JSON line, for assertions.

Enable with ``-s ITEM_PIPELINES={"tests.spider_probe.ProbePipeline": 1}`` and
``-s SPIDER_PROBE_PATH=/tmp/x.jsonl``; the crawl's final stats go to ``SPIDER_PROBE_PATH``
+ ``.stats.json`` so end-to-end tests can assert on ``wirecrawl/*`` counters.
"""

from __future__ import annotations

import json

from scrapy import signals
from scrapy.exceptions import NotConfigured


class ProbePipeline:
    """Append ``{"url", "source", "hints", "status", "bytes"}`` per Page to a JSONL file."""

    def __init__(self, path: str, stats):
        self.path = path
        self.stats = stats
        self._fh = None

    @classmethod
    def from_crawler(cls, crawler):
        path = crawler.settings.get("SPIDER_PROBE_PATH")
        if not path:
            raise NotConfigured("SPIDER_PROBE_PATH not set")
        pipe = cls(path, crawler.stats)
        crawler.signals.connect(pipe.spider_closed, signal=signals.spider_closed)
        return pipe

    def open_spider(self, spider=None):
        self._fh = open(self.path, "a", encoding="utf-8")

    def process_item(self, item, spider=None):
        rec = {"url": item.url, "source": item.source, "hints": item.hints,
               "status": item.status, "bytes": len(item.body)}
        self._fh.write(json.dumps(rec, sort_keys=True) + "\n")
        self._fh.flush()
        return item

    def close_spider(self, spider=None):
        if self._fh:
            self._fh.close()

    def spider_closed(self, spider, reason):
        stats = {k: v for k, v in self.stats.get_stats().items() if isinstance(v, (int, float, str))}
        stats["finish_reason"] = reason
        with open(self.path + ".stats.json", "w", encoding="utf-8") as fh:
            json.dump(stats, fh, sort_keys=True, default=str)
