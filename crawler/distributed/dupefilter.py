"""RedisDupeFilter: scrapy-redis's shared fingerprint set, fingerprinted the crawler's way.

scrapy-redis 0.9's ``RFPDupeFilter.request_fingerprint`` hashes ``canonicalize_url`` itself
and ignores ``REQUEST_FINGERPRINTER_CLASS``; wirecrawl's fingerprint is the canonical URL
without tracking parameters (``spiders.fingerprint.CanonicalFingerprinter``), so this
subclass asks ``crawler.request_fingerprinter``. It never clears the set when one worker
closes: the set belongs to the whole crawl.
"""

from __future__ import annotations

from typing import Any

from scrapy_redis.connection import get_redis_from_settings
from scrapy_redis.dupefilter import RFPDupeFilter


class RedisDupeFilter(RFPDupeFilter):
    """Args:
        server: a Redis client.
        key: the set of fingerprints.
        fingerprinter: the crawler's request fingerprinter (``fingerprint(request) -> bytes``).
        debug: log every filtered request.
    """

    def __init__(self, server: Any, key: str, fingerprinter: Any, debug: bool = False) -> None:
        super().__init__(server, key, debug=debug)
        self.fingerprinter = fingerprinter

    @classmethod
    def from_spider(cls, spider: Any) -> "RedisDupeFilter":
        settings = spider.settings
        key = settings.get("SCHEDULER_DUPEFILTER_KEY") % {"spider": spider.name}
        return cls(get_redis_from_settings(settings), key, spider.crawler.request_fingerprinter,
                   debug=settings.getbool("DUPEFILTER_DEBUG"))

    @classmethod
    def from_crawler(cls, crawler: Any) -> "RedisDupeFilter":
        raise TypeError("RedisDupeFilter is made by crawler.distributed.scheduler.Scheduler")

    def request_fingerprint(self, request: Any) -> str:
        return self.fingerprinter.fingerprint(request).hex()

    def close(self, reason: str = "") -> None:
        """Keeps the shared set (scrapy-redis's deletes it)."""
