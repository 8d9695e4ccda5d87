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
  ones worth a line. Anything else is a bug and keeps its traceback. Every request that
  waited for a host's robots.txt is checked against it (Scrapy 2.19 checked only the first).
  As RFC 9309 asks, a robots.txt answering 4xx allows everything and one answering 5xx or
  429 forbids the whole host for the crawl (one WARNING line; Scrapy read the error page as rules).

Both exceptions reach the request's errback, where the spider counts them by type.

* :class:`PageAnalysisMiddleware` hands each HTML page of the news spider to the extraction
  workers, which parse it once for its links, the article decision and, for an article,
  the extraction (``crawler.analysis``); the spider reads the result from the request's
  meta (``wc_analysis``) instead of parsing the page again. Register it below every other
  downloader middleware (its ``process_response`` then runs last, on the final response).
"""

from __future__ import annotations

import logging
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urljoin

from scrapy import Request, signals
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as ScrapyRobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http.request import NO_CALLBACK
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

from crawler.addon import with_defaults
from crawler.analysis import analyse_page
from crawler.exceptions import RedirectLoop, RobotsForbidden, TooManyRedirects
from crawler.extract import ExtractOptions
from crawler.items import header_map, site_of
from crawler.pipelines.extract import extract_options, extract_pool
from crawler.pipelines.offthread import await_future
from crawler.pipelines.pool import ExtractPool
from spiders.failures import NETWORK_KINDS, exception_kind
from spiders.feeds import sniff_kind
from spiders.pages import PageAnalysis, PageHints
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
            # Scrapy 2.19 awaits the shared Deferred itself; its asFuture callback returns None,
            # so the 2nd, 3rd… request waiting for this host's robots.txt got None and went
            # out unchecked (scrapy/scrapy#6802 dropped the chaining callback). Each waiter
            # gets a Deferred of its own, and the shared one keeps its result for the next.
            return await maybe_deferred_to_future(_waiter(parser))
        return parser

    async def _parse_robots(self, response, netloc: str, request) -> None:
        # RFC 9309 2.3.1: a robots.txt that is "unavailable" (4xx) allows everything; one
        # that is "unreachable" (5xx, and 429 as Google treats it) forbids everything for
        # now. Scrapy parses whatever body came back: a 503 error page read as robots.txt
        # allowed the whole host while it was struggling.
        if 400 <= response.status < 500 and response.status != 429:
            response = response.replace(body=b"")
        elif response.status >= 500 or response.status == 429:
            self._stats.inc_value("wirecrawl/robots/unreachable/status")
            logger.warning("robots.txt of %s answered %d: none of its pages is fetched in this crawl "
                           "(RFC 9309: a server error there forbids all)", netloc, response.status)
            response = response.replace(body=DISALLOW_ALL)
        await super()._parse_robots(response, netloc, request)

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


DISALLOW_ALL = b"User-agent: *\nDisallow: /\n"


def _waiter(shared: Deferred) -> Deferred:
    """A Deferred firing with ``shared``'s result, leaving that result in ``shared``'s chain."""
    own: Deferred = Deferred()

    def relay(result):
        own.callback(result)
        return result

    shared.addCallback(relay)
    return own


class PageAnalysisMiddleware:
    """Parse each HTML page of the news spider once, where extraction runs.

    For a 2xx response to a page or start request of :class:`spiders.news.NewsSpider` (its
    ``wc_role`` meta) whose body sniffs as HTML, ``process_response`` awaits
    ``crawler.analysis.analyse_page`` — in the site's worker process of ``pool``, or here
    when there is none — and puts the :class:`spiders.pages.PageAnalysis` in the request's
    meta as ``wc_analysis``. Responses of other spiders, listings and non-HTML bodies pass
    untouched. A response waits here while its page is analysed, so the pool never holds
    more pages than ``CONCURRENT_REQUESTS`` (Scrapy counts it as active until then).

    Args:
        options: extraction options (in-process analysis; the workers have their own copy).
        stats: the crawler's stats collector (``wirecrawl/analysis/*``).
        pool: the worker processes, or ``None`` to analyse in the reactor's thread.
        extract: also extract the pages judged articles (``WIRECRAWL_EXTRACT_ENABLED``).
    """

    ROLES = frozenset({"start", "page"})

    def __init__(self, options: ExtractOptions, stats: Any = None, pool: ExtractPool | None = None,
                 extract: bool = True) -> None:
        self.options = options
        self.stats = stats
        self.pool = pool
        self.extract = extract

    @classmethod
    def from_crawler(cls, crawler: Any) -> "PageAnalysisMiddleware":
        s = with_defaults(crawler.settings)
        if not s.getbool("WIRECRAWL_PARSE_ONCE"):
            raise NotConfigured("WIRECRAWL_PARSE_ONCE is off")
        options = extract_options(s)
        mw = cls(options, crawler.stats, extract_pool(s, options), s.getbool("WIRECRAWL_EXTRACT_ENABLED"))
        crawler.signals.connect(mw.spider_closed, signal=signals.spider_closed)
        return mw

    def _inc(self, key: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(key)

    async def process_response(self, request: Any, response: Any, spider: Any = None) -> Any:
        if (request.meta.get("wc_role") not in self.ROLES or not 200 <= response.status < 300
                or "wc_analysis" in request.meta):
            return response
        body = response.body or b""
        ctype = response.headers.get(b"Content-Type", b"").decode("latin-1")
        if sniff_kind(body, ctype) != "html":
            return response
        hints = request.meta.get("wc_page_hints")
        analysis = await self._analyse(body, response.url, header_map(response.headers),
                                       hints if isinstance(hints, PageHints) else None)
        if analysis is not None:
            request.meta["wc_analysis"] = analysis
            self._inc("wirecrawl/analysis/pages")
        return response

    async def _analyse(self, body: bytes, url: str, headers: dict[str, str],
                       hints: PageHints | None = None) -> PageAnalysis | None:
        fetched_at = datetime.now(timezone.utc)
        if self.pool is not None:
            try:
                return await await_future(self.pool.submit_analysis(
                    body, url, headers, site=site_of(url), fetched_at=fetched_at, extract=self.extract,
                    hints=hints))
            except BrokenProcessPool as exc:
                if self.pool is not None:
                    logger.error("analysis worker died (%s); analysing in-process from now on", exc)
                    self._inc("wirecrawl/analysis/pool_broken")
                    pool, self.pool = self.pool, None
                    pool.close()
            except Exception as exc:  # noqa: BLE001 - the spider then parses the page itself
                logger.error("page analysis failed in a worker for %s: %r", url, exc)
                self._inc("wirecrawl/analysis/worker_error")
                return None
        return analyse_page(body, url, headers, options=replace(self.options, fetched_at=fetched_at),
                            extract=self.extract, hints=hints)

    def spider_closed(self, spider: Any = None) -> None:
        if self.pool is not None:
            self.pool.close()
