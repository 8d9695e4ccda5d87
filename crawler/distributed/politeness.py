"""HostGate: ``DOWNLOAD_DELAY`` between two requests to one host, kept across workers.

Scrapy's delay is per process; with N workers a host would get N times the rate. Before a
request leaves, the worker takes the host's key (``SET <prefix>:host:<host> NX PX delay``);
while another worker holds it, the request waits for the key's remaining time with
``asyncio.sleep`` (the reactor keeps running other requests) and tries again. Needs
Scrapy's asyncio reactor (its default) and the asyncio Redis client.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Callable
from urllib.parse import urlsplit

from scrapy.exceptions import NotConfigured
from scrapy.utils.asyncio import is_asyncio_available

from crawler.distributed.keys import CrawlKeys, async_redis_client, keys_from_settings, redis_url

logger = logging.getLogger(__name__)


class HostGate:
    """Downloader middleware: one request per host per ``delay`` seconds, all workers together.

    Args:
        server: an asyncio Redis client (``redis.asyncio.Redis``).
        keys: the crawl's keys.
        delay: seconds between two requests to one host.
        stats: the crawler's stats collector (``wirecrawl/redis/host_waits``).
    """

    def __init__(self, server: Any, keys: CrawlKeys, delay: float, stats: Any = None,
                 owner: str = "1") -> None:
        if delay <= 0:
            raise ValueError(f"delay ({delay!r}) must be above 0")
        self.server = server
        self.keys = keys
        self.delay_ms = max(1, int(delay * 1000))
        self.stats = stats
        self.owner = owner

    @classmethod
    def from_crawler(cls, crawler: Any) -> "HostGate":
        s = crawler.settings
        url = redis_url(s)
        delay = s.getfloat("DOWNLOAD_DELAY")
        if delay <= 0:
            raise NotConfigured("DOWNLOAD_DELAY is 0: no delay to keep across workers")
        if not is_asyncio_available():
            raise NotConfigured("HostGate needs Scrapy's asyncio reactor (TWISTED_REACTOR)")
        return cls(async_redis_client(url), keys_from_settings(s), delay, crawler.stats)

    async def process_request(self, request: Any, spider: Any = None) -> None:
        await self.wait_turn(urlsplit(request.url).netloc.lower())
        return None

    async def wait_turn(self, host: str, sleep: Callable[[float], Any] = asyncio.sleep) -> None:
        """Returns once this worker holds ``host``'s turn (nobody requested it in the last delay)."""
        key = self.keys.host(host)
        while not await self.server.set(key, self.owner, nx=True, px=self.delay_ms):
            if self.stats is not None:
                self.stats.inc_value("wirecrawl/redis/host_waits")
            left = await self.server.pttl(key)
            await sleep(max(int(left), 1) / 1000)
