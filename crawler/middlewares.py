"""Downloader middlewares for the news spider: refusals that say why, by exception type.

* :class:`RedirectLoopMiddleware` sees each redirect before Scrapy's RedirectMiddleware
  (register it above 600). A redirect back into the current chain (same page by
  :func:`spiders.urls.dedup_key`, so session-id ping-pong counts too) raises
  :class:`RedirectLoop` at once instead of bouncing until ``REDIRECT_MAX_TIMES``; a chain
  longer than ``REDIRECT_MAX_TIMES`` raises :class:`TooManyRedirects`.
* :class:`RobotsTxtMiddleware` is Scrapy's, raising :class:`RobotsForbidden` (an
  ``IgnoreRequest``) for a URL robots.txt forbids; register it in place of Scrapy's.

Both exceptions reach the request's errback, where the spider counts them by type.
"""

from __future__ import annotations

import logging
from urllib.parse import urljoin

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as ScrapyRobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest

from crawler.exceptions import RedirectLoop, RobotsForbidden, TooManyRedirects
from spiders.urls import dedup_key

logger = logging.getLogger(__name__)
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


class RedirectLoopMiddleware:
    """Refuse redirects back into the current chain, or beyond ``max_times`` hops.

    Args:
        stats: the crawler's stats collector (``wirecrawl/redirect/loop`` counted).
        max_times: ``REDIRECT_MAX_TIMES``, the longest chain followed.
    """

    def __init__(self, stats=None, max_times: int = 0):
        self.stats = stats
        self.max_times = max_times

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats, crawler.settings.getint("REDIRECT_MAX_TIMES"))

    def process_response(self, request, response, spider=None):
        if response.status not in REDIRECT_STATUSES or request.meta.get("dont_redirect"):
            return response
        location = response.headers.get(b"Location")
        if not location:
            return response
        target = urljoin(request.url, location.decode("latin-1").strip())
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if dedup_key(target) in {dedup_key(u) for u in chain}:
            if self.stats is not None:
                self.stats.inc_value("wirecrawl/redirect/loop")
            raise RedirectLoop(f"redirect loop: {' -> '.join(chain)} -> {target}")
        if self.max_times and len(chain) > self.max_times:
            raise TooManyRedirects(f"more than {self.max_times} redirects: {' -> '.join(chain)} -> {target}")
        return response


class RobotsTxtMiddleware(ScrapyRobotsTxtMiddleware):
    """Scrapy's RobotsTxtMiddleware whose refusals are :class:`RobotsForbidden`."""

    def process_request_2(self, rp, request) -> None:
        try:
            super().process_request_2(rp, request)
        except IgnoreRequest as exc:
            raise RobotsForbidden(str(exc)) from None
