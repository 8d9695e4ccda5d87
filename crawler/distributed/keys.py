"""The Redis keys of one distributed crawl, and the one place Redis clients are made."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class CrawlKeys:
    """Every key of one crawl lives under ``prefix`` (``WIRECRAWL_REDIS_KEY``).

    Workers given the same prefix share the crawl; a new crawl takes a new prefix (or a
    fresh database), since a finished crawl's dupefilter would refuse every start.
    """

    prefix: str

    @property
    def requests(self) -> str:
        """Sorted set: the frontier (scrapy-redis ``PriorityQueue``)."""
        return f"{self.prefix}:requests"

    @property
    def dupefilter(self) -> str:
        """Set: fingerprints of every request ever scheduled (scrapy-redis ``RFPDupeFilter``)."""
        return f"{self.prefix}:dupefilter"

    @property
    def story_log(self) -> str:
        """List: every article grouped so far, in the one order every worker replays."""
        return f"{self.prefix}:stories:log"

    @property
    def story_lock(self) -> str:
        """String: the lock held while a worker appends to the story log."""
        return f"{self.prefix}:stories:lock"

    @property
    def written(self) -> str:
        """Set: ids of the articles whose line a worker has written."""
        return f"{self.prefix}:stories:written"

    def alive(self, worker: str) -> str:
        """String with a TTL: ``worker``'s heartbeat (``ReliableQueue.alive_of``, derived
        from the queue's key the same way)."""
        return f"{self.requests}:alive:{worker}"

    def host(self, host: str) -> str:
        """String with a TTL: set while ``host`` may not be requested (politeness)."""
        return f"{self.prefix}:host:{host}"


def redis_url(settings: Any) -> str:
    """``WIRECRAWL_REDIS_URL``; ``NotConfigured`` (the component switches off) when unset.

    Raised without a message: Redis is off by default, and Scrapy logs a warning for a
    ``NotConfigured`` that carries one.
    """
    from scrapy.exceptions import NotConfigured

    url = settings.get("WIRECRAWL_REDIS_URL")
    if not url:
        raise NotConfigured
    return url


def keys_from_settings(settings: Any) -> CrawlKeys:
    return CrawlKeys(settings.get("WIRECRAWL_REDIS_KEY") or "wirecrawl")


def redis_client(url: str) -> Any:
    """A blocking client for ``url`` (scrapy-redis's factory and connection defaults)."""
    from scrapy_redis.connection import get_redis

    return get_redis(url=url, socket_timeout=30, socket_connect_timeout=30, retry_on_timeout=True)


def async_redis_client(url: str) -> Any:
    """An asyncio client for ``url``, for components awaiting Redis on the reactor's loop."""
    from redis.asyncio import Redis

    return Redis.from_url(url, socket_timeout=30, socket_connect_timeout=30)
