"""Downloader middlewares for the news spider: refusals that say why, by exception type.

* :class:`RedirectLoopMiddleware` sees each redirect before Scrapy's RedirectMiddleware
  (register it above 600). A redirect back into the current chain (same page by
  :func:`spiders.urls.dedup_key`, so session-id ping-pong counts too) raises
  :class:`RedirectLoop` at once instead of bouncing until ``REDIRECT_MAX_TIMES``; a chain
  longer than ``REDIRECT_MAX_TIMES`` raises :class:`TooManyRedirects`.
* :class:`RobotsTxtMiddleware` is Scrapy's, raising :class:`RobotsForbidden` (an
  ``IgnoreRequest``) for a URL robots.txt forbids; register it in place of Scrapy's. A
  robots.txt fetch that fails as networks fail (refused, DNS, timeout, TLS, lost
  connection) is counted and logged at DEBUG, without Scrapy's traceback: the host's
  pages are then fetched as if it had no robots.txt, and their own failures are the
  ones worth a line. Anything else is a bug and keeps its traceback.

Both exceptions reach the request's errback, where the spider counts them by type.
"""

from __future__ import annotations

import logging
from urllib.parse import urljoin

from scrapy import Request
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as ScrapyRobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http.request import NO_CALLBACK
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

from crawler.exceptions import RedirectLoop, RobotsForbidden, TooManyRedirects
from spiders.failures import NETWORK_KINDS, exception_kind
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
    """Scrapy's RobotsTxtMiddleware whose refusals are :class:`RobotsForbidden` and whose
    expected robots.txt fetch failures cost one DEBUG line (``wirecrawl/robots/unreachable/<kind>``)."""

    async def robot_parser(self, request):
        # Scrapy 2.19's robot_parser, but for the except clause: Scrapy logs every failed
        # robots.txt fetch at ERROR with a traceback (a dead host printed one before its
        # one-line summary).
        netloc = urlparse_cached(request).netloc
        if netloc not in self._parsers:
            self._parsers[netloc] = Deferred()
            url = urlparse_cached(request)
            robotsreq = Request(f"{url.scheme}://{netloc}/robots.txt", priority=self.DOWNLOAD_PRIORITY,
                                meta={"dont_obey_robotstxt": True}, callback=NO_CALLBACK)
            try:
                resp = await self.crawler.engine.download_async(robotsreq)
                await self._parse_robots(resp, netloc, request)
            except Exception as exc:  # noqa: BLE001 - classified below; bugs keep their traceback
                self._robots_failed(exc, robotsreq)
                self._robots_error(exc, netloc)
            self._stats.inc_value("robotstxt/request_count")
        parser = self._parsers[netloc]
        if isinstance(parser, Deferred):
            return await maybe_deferred_to_future(parser)
        return parser

    def _robots_failed(self, exc: Exception, robotsreq) -> None:
        if isinstance(exc, IgnoreRequest):
            return
        kind = exception_kind(exc)
        if kind in NETWORK_KINDS:
            self._stats.inc_value(f"wirecrawl/robots/unreachable/{kind}")
            logger.debug("robots.txt unreachable (%s): %s", kind, robotsreq.url)
        else:
            logger.error("Error downloading %s: %s", robotsreq, exc, exc_info=exc,
                         extra={"spider": self.crawler.spider})

    def process_request_2(self, rp, request) -> None:
        try:
            super().process_request_2(rp, request)
        except IgnoreRequest as exc:
            raise RobotsForbidden(str(exc)) from None
