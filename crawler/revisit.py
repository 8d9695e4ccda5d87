"""Scheduled re-crawls: the crawl state opened for a run, and conditional GETs from it.

* :class:`CrawlStateExtension` opens ``spiders.state.CrawlState`` in ``WIRECRAWL_STATE_DIR``
  under the directory's lock (``spiders.statelock``), records the run (start, end, finish
  reason, counts) and closes the state when the spider closes, after the item pipelines.
  The other components find it with ``crawler.get_extension(CrawlStateExtension)``.
* :class:`ConditionalGetMiddleware` revisits article and link pages cheaply: a page whose
  feed/sitemap date says it has not changed since its last fetch is not requested
  (:class:`crawler.exceptions.ListedUnchanged`); the others are asked with
  ``If-None-Match`` / ``If-Modified-Since`` and a ``304`` ends there
  (:class:`crawler.exceptions.NotModified`: no body, nothing emitted). Starts, feeds,
  sitemaps and robots.txt are always fetched in full — only the news spider's page requests
(``wc_role`` meta ``page``) are revisited: a 304 for robots.txt would read as "no
robots.txt" to RobotsTxtMiddleware. It records each response's
  validators and each host's health in the state.

Why not Scrapy's ``HttpCacheMiddleware`` with ``RFC2616Policy``: it revalidates only
responses it stored itself — whole responses (headers and body) on disk, DBM or a folder per
request, keyed by request fingerprint (``scrapy/extensions/httpcache.py``:
``FilesystemCacheStorage.store_response`` writes ``response_body``; ``DbmCacheStorage``
pickles ``response.to_dict()``) — and on a 304 it hands the *cached* response to the spider,
which would emit the page again. wirecrawl needs the opposite: no bodies kept, one small
row per URL shared with the write path (which revision was written, with which content
hash), feed dates next to the validators, and a 304 that emits nothing.
"""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.threads import deferToThread
from scrapy.exceptions import IgnoreRequest, NotConfigured

from crawler.exceptions import ListedUnchanged, NotModified
from crawler.items import site_of
from crawler.extract.dates.hints import hint_datetime
from spiders.state import CrawlState
from spiders.statelock import StateLock
from spiders.urls import ParamStripper, dedup_key

logger = logging.getLogger(__name__)

# Stats counted under wirecrawl/state/ and recorded with the run.
COUNTS = ("skipped", "conditional", "not_modified", "unchanged", "revised", "repaired")
_PAGE_ROLE = "page"  # spiders.news.ROLE_PAGE: article and link pages


class CrawlStateExtension:
    """Owns the run's :class:`CrawlState`: opened under the lock, the run recorded, closed.

    Args:
        state: the opened state.
        lock: the directory's lock, held (released when the spider closes).
        stats: the crawler's stats collector.
        full: ``--full`` (``WIRECRAWL_STATE_FULL``): no skips, no conditional GETs, every
            article written again.
    """

    def __init__(self, state: CrawlState, lock: StateLock, stats: Any, *, full: bool = False) -> None:
        self.state = state
        self.lock = lock
        self.stats = stats
        self.full = full

    @classmethod
    def from_crawler(cls, crawler: Any) -> "CrawlStateExtension":
        s = crawler.settings
        directory = s.get("WIRECRAWL_STATE_DIR")
        if not directory:
            raise NotConfigured  # no --state: quietly off
        window = s.getfloat("WIRECRAWL_STATE_WINDOW_DAYS")
        lock = StateLock(directory).acquire()  # StateLocked: another run works on it
        try:
            strip = ParamStripper(s.getlist("WIRECRAWL_STRIP_QUERY_PARAMS"))
            state = CrawlState(directory, key=partial(dedup_key, strip=strip),
                               window_days=window if window > 0 else None)
        except BaseException:
            lock.release()
            raise
        full = s.getbool("WIRECRAWL_STATE_FULL")
        ext = cls(state, lock, crawler.stats, full=full)
        out = s.get("WIRECRAWL_OUTPUT_DIR")
        state.start_run(output=str(Path(out).resolve()) if out else None, full=full)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Any = None) -> None:
        if self.state.repaired:
            self.stats.set_value("wirecrawl/state/repaired", self.state.repaired)

    async def spider_closed(self, spider: Any = None, reason: str = "finished") -> None:
        """Records the run's end and closes the state, on a thread (awaited, not blocking the reactor)."""
        st = self.stats.get_stats()
        counts = {k: int(st.get(f"wirecrawl/state/{k}", 0)) for k in COUNTS}
        counts["fetched"] = int(st.get("response_received_count", 0))
        await maybe_deferred_to_future(
            deferToThread(self.finish, reason, int(st.get("wirecrawl/written", 0)), counts))

    def finish(self, reason: str, written: int, counts: dict[str, int]) -> None:
        """Blocking: the run's row, the state closed, the lock released."""
        try:
            self.state.finish_run(reason, written=written, counts=counts).result()
            self.state.close()
        finally:
            self.lock.release()


def state_extension(crawler: Any) -> CrawlStateExtension | None:
    """The crawl's :class:`CrawlStateExtension`, or ``None`` (no state, or no extensions yet)."""
    try:
        return crawler.get_extension(CrawlStateExtension)
    except RuntimeError:  # a crawler whose extension manager is not built (tests)
        return None


class StateReader:
    """Base of the components that use the run's crawl state (off without ``--state``).

    Args:
        state: the crawl state.
        stats: the crawler's stats collector (``wirecrawl/state/*``).
        full: ``--full``: revisit nothing, write everything.
    """

    def __init__(self, state: CrawlState, stats: Any, *, full: bool = False) -> None:
        self.state = state
        self.stats = stats
        self.full = full

    @classmethod
    def from_crawler(cls, crawler: Any):
        ext = state_extension(crawler)
        if ext is None:
            raise NotConfigured  # no --state: quietly off
        return cls(ext.state, crawler.stats, full=ext.full)


class ConditionalGetMiddleware(StateReader):
    """Skips pages whose feed date is unchanged, asks the others conditionally, counts 304s
    (with ``full``: sends no conditional request and skips nothing)."""

    @staticmethod
    def _listed(request: Any) -> float | None:
        """The feed/sitemap date the spider found the request's URL with (epoch seconds)."""
        hints = request.meta.get("wc_hints") or {}
        when = hint_datetime(hints.get("lastmod")) or hint_datetime(hints.get("published"))
        return when.timestamp() if when is not None else None

    def process_request(self, request: Any, spider: Any = None) -> None:
        if self.full or request.meta.get("wc_role") != _PAGE_ROLE:
            return None
        known = self.state.page(request.url)
        if known is None or not known.settled:
            return None
        listed = self._listed(request)
        if listed is not None and known.unchanged_since(listed):
            self.stats.inc_value("wirecrawl/state/skipped")
            raise ListedUnchanged(f"unchanged since its last fetch, says its feed/sitemap: {request.url}")
        if not (known.etag or known.last_modified):
            return None
        if known.etag:
            request.headers[b"If-None-Match"] = known.etag
        if known.last_modified:
            request.headers[b"If-Modified-Since"] = known.last_modified
        request.meta["wc_conditional"] = True
        self.stats.inc_value("wirecrawl/state/conditional")
        return None

    def process_response(self, request: Any, response: Any, spider: Any = None) -> Any:
        site = site_of(response.url)
        self.state.host_result(site, ok=response.status < 500,
                               error=None if response.status < 500 else f"http_{response.status}")
        if request.meta.get("wc_role") != _PAGE_ROLE:
            return response
        listed = self._listed(request)
        if response.status == 304 and request.meta.get("wc_conditional"):
            self.state.fetched(response.url, site=site, status=304, listed=listed)
            self.stats.inc_value("wirecrawl/state/not_modified")
            raise NotModified(f"not modified since its last fetch: {response.url}")
        header = response.headers.get
        self.state.fetched(response.url, site=site, status=response.status,
                           etag=_text(header(b"ETag")), last_modified=_text(header(b"Last-Modified")),
                           listed=listed)
        return response

    def process_exception(self, request: Any, exception: BaseException, spider: Any = None) -> None:
        if not isinstance(exception, IgnoreRequest):
            self.state.host_result(site_of(request.url), ok=False, error=type(exception).__name__)
        return None


def _text(value: bytes | None) -> str | None:
    return value.decode("latin-1") if value else None
