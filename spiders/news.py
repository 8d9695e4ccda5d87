"""The one wirecrawl spider: start documents of any kind in, article ``Page`` items out.

A thin Scrapy adapter over :mod:`spiders.discovery`. Each response is sniffed (feed,
sitemap, sitemap index, robots.txt, HTML); listings yield requests for their entries,
HTML pages are classified and their links followed within the start sites. Only pages
judged to be articles are yielded, once each (canonical URL keys, ``rel=canonical``
respected). Requests pass the trap budgets first; every failure reaches :meth:`on_error`
and is counted by kind under ``wirecrawl/error/*``. The spider never extracts text.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import CloseSpider, IgnoreRequest

from twisted.internet.error import (ConnectionLost, ConnectionRefusedError, DNSLookupError,
                                    TCPTimedOutError, TimeoutError)

try:  # Scrapy >= 2.14 wraps Twisted's download errors in its own
    from scrapy.exceptions import (CannotResolveHostError, DownloadConnectionRefusedError,
                                   DownloadFailedError, DownloadTimeoutError,
                                   ResponseDataLossError)
except ImportError:  # pragma: no cover - older Scrapy
    CannotResolveHostError = DownloadConnectionRefusedError = DownloadTimeoutError = DNSLookupError
    DownloadFailedError = ResponseDataLossError = ConnectionLost
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.web._newclient import ResponseFailed

from crawler.items import Page, header_map
from crawler.exceptions import RedirectLoop
from spiders.seen import SeenArticles
from spiders.discovery import (FEED_KINDS, SITEMAP_KINDS, BadDocument, ParamStripper,
                               TrapGuard, canonicalize, classify, dedup_key, entry_is_older,
                               gunzip, is_http_url, page_links, parse_bool, parse_html,
                               parse_listing, parse_since, parse_starts, robots_sitemaps,
                               site_of, sniff_kind)

logger = logging.getLogger(__name__)

ROLE_START, ROLE_DOC, ROLE_ROBOTS, ROLE_PAGE = "start", "doc", "robots", "page"


def _open_seen(settings: Any) -> SeenArticles | None:
    """The seen-articles store of ``WIRECRAWL_STATE_DIR``, unless ``WIRECRAWL_SKIP_SEEN`` is off."""
    state = settings.get("WIRECRAWL_STATE_DIR")
    if not state or not settings.getbool("WIRECRAWL_SKIP_SEEN", True):
        return None
    return SeenArticles(Path(state) / "seen.sqlite",
                        window_days=settings.getfloat("WIRECRAWL_SEEN_WINDOW_DAYS", 30.0))


def _positive_int(value: Any, name: str) -> int:
    try:
        n = int(str(value).strip())
    except ValueError:
        raise ValueError(f"{name} must be an integer >= 0, got {value!r}") from None
    if n < 0:
        raise ValueError(f"{name} must be an integer >= 0, got {value!r}")
    return n


def error_kind(failure) -> str:
    """The stats key fragment for a failed request: ``dns``, ``timeout``, ``http_404``...

    Args:
        failure: the Twisted ``Failure`` an errback receives.

    Returns:
        One of ``http_<status>``, ``dns``, ``timeout``, ``connection_refused``,
        ``connection_lost``, ``redirect_loop``, ``robots_forbidden``, ``ignored``, ``other``.
    """
    if failure.check(HttpError):
        return f"http_{failure.value.response.status}"
    if failure.check(DNSLookupError, CannotResolveHostError):
        return "dns"
    if failure.check(TimeoutError, TCPTimedOutError, DownloadTimeoutError):
        return "timeout"
    if failure.check(ConnectionRefusedError, DownloadConnectionRefusedError):
        return "connection_refused"
    if failure.check(ConnectionLost, ResponseFailed, DownloadFailedError, ResponseDataLossError):
        return "connection_lost"
    if failure.check(RedirectLoop):
        return "redirect_loop"
    if failure.check(IgnoreRequest):
        msg = str(failure.value).lower()
        if "redirect" in msg:
            return "redirect_loop"
        if "robots.txt" in msg:
            return "robots_forbidden"
        return "ignored"
    return "other"


class NewsSpider(scrapy.Spider):
    """Crawl news sites from homepages, feeds, sitemaps, robots.txt or URL lists.

    Spider arguments (strings, ``-a name=value``): ``start`` (comma-separated URLs or
    ``@file``), ``max_pages`` (most articles emitted), ``depth`` (link hops from a start
    page or a feed/sitemap entry; 0 = follow no links; default ``DEPTH_LIMIT``),
    ``follow_external`` (``1``/``true``), ``since`` (ISO date: skip feed/sitemap entries
    dated before). Other defaults come from the ``WIRECRAWL_*`` settings.

    Raises:
        ValueError: a missing start or a bad argument value (the value is in the message).
    """

    name = "news"

    def __init__(self, start: str | None = None, max_pages: str | None = None,
                 depth: str | None = None, follow_external: str | None = None,
                 since: str | None = None, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.starts = parse_starts(start)
        self.max_pages = None if max_pages is None else _positive_int(max_pages, "max_pages")
        self.depth = None if depth is None else _positive_int(depth, "depth")
        self.follow_external = (None if follow_external is None
                                else parse_bool(follow_external, "follow_external"))
        self.since = None if since is None else parse_since(since)

    @classmethod
    def from_crawler(cls, crawler, *args: Any, **kwargs: Any):
        spider = super().from_crawler(crawler, *args, **kwargs)
        s = crawler.settings
        # Link hops are bounded by the spider itself (meta "wc_hops"): feed and sitemap
        # entries count as hop 0 like starts, however deep the sitemap index nesting, which
        # DepthMiddleware cannot express. Its own limit is switched off; it still orders
        # requests breadth-first (DEPTH_PRIORITY). DEPTH_LIMIT keeps Scrapy's meaning
        # (0 = unbounded); the ``depth`` argument 0 means "no links followed".
        limit = s.getint("DEPTH_LIMIT")
        max_depth = spider.depth if spider.depth is not None else (limit or None)
        if not s.frozen:
            s.set("DEPTH_LIMIT", 0, priority="spider")
        elif limit:
            logger.warning("settings frozen: DepthMiddleware keeps DEPTH_LIMIT=%d on top of "
                           "the spider's hop limit", limit)
        spider.configure(
            max_depth=max_depth,
            max_pages=(spider.max_pages if spider.max_pages is not None
                       else _positive_int(s.get("WIRECRAWL_MAX_PAGES") or 0,
                                          "WIRECRAWL_MAX_PAGES")),
            follow_external=(spider.follow_external if spider.follow_external is not None
                             else not s.getbool("WIRECRAWL_SAME_SITE", True)),
            since=spider.since if spider.since is not None
            else parse_since(s.get("WIRECRAWL_SINCE")),
            guard=TrapGuard(site_budget=s.getint("WIRECRAWL_SITE_PAGE_BUDGET", 2000),
                            pattern_budget=s.getint("WIRECRAWL_PATTERN_BUDGET", 50),
                            max_query_variants=s.getint("WIRECRAWL_MAX_QUERY_VARIANTS", 5)),
            strip=ParamStripper(s.getlist("WIRECRAWL_STRIP_QUERY_PARAMS")),
            sitemap_max_depth=s.getint("WIRECRAWL_SITEMAP_MAX_DEPTH", 3),
            discover_sitemaps=s.getbool("WIRECRAWL_DISCOVER_SITEMAPS", True),
            known=_open_seen(s),
        )
        if spider.known is not None:
            crawler.signals.connect(spider._written, signal=signals.item_scraped)
            crawler.signals.connect(spider._close_known, signal=signals.spider_closed)
        return spider

    def _written(self, item: Any, response: Any = None, spider: Any = None) -> None:
        """An article went through every pipeline: remember it for later runs."""
        if self.known is None or not isinstance(item, dict) or "url" not in item:
            return
        keys = {dedup_key(item["url"], self.strip)}
        if item.get("canonical_url"):
            keys.add(dedup_key(item["canonical_url"], self.strip))
        self.known.add(keys)

    def _close_known(self, spider: Any = None) -> None:
        if self.known is not None:
            self.known.close()

    def configure(self, *, max_depth: int | None, max_pages: int, follow_external: bool,
                  since: datetime | None, guard: TrapGuard, strip: ParamStripper,
                  sitemap_max_depth: int, discover_sitemaps: bool, stats=None,
                  known: SeenArticles | None = None) -> None:
        """Set the crawl's bounds and state (``from_crawler`` passes settings through here).

        ``stats`` defaults to the crawler's stats collector, which exists only once the
        crawl starts.
        """
        if (max_depth is not None and max_depth < 0) or sitemap_max_depth < 0:
            raise ValueError(f"depth limits must be >= 0, got {max_depth!r}/{sitemap_max_depth!r}")
        self.max_depth = max_depth
        self.max_pages = max_pages
        self.follow_external = follow_external
        self.since = since
        self.guard = guard
        self.strip = strip
        self.sitemap_max_depth = sitemap_max_depth
        self.discover_sitemaps = discover_sitemaps
        self.stats = stats
        self.sites = {site_of(u) for u, _ in self.starts}
        self.seen: set[str] = set()
        self.emitted: set[str] = set()
        self.emitted_count = 0
        self.robots_done: set[str] = set()
        self.known = known  # articles written by earlier runs (--state): not fetched again

    # --- requests -----------------------------------------------------------------------

    async def start(self):
        for url, source in self.starts:
            req = self._request(url, role=ROLE_START, source=source, parent=None, force=True)
            if req is not None:
                yield req

    def _inc(self, key: str, n: int = 1) -> None:
        stats = self.stats or getattr(getattr(self, "crawler", None), "stats", None)
        if stats is not None:
            stats.inc_value(key, n)

    def _full(self) -> bool:
        return bool(self.max_pages) and self.emitted_count >= self.max_pages

    def _request(self, url: str, *, role: str, source: str, parent: Response | None,
                 hints: dict | None = None, reset_depth: bool = False, sitemap_depth: int = 0,
                 same_site_only: bool = False, force: bool = False) -> scrapy.Request | None:
        """A request for ``url`` if it is new, allowed and within budgets, else ``None``."""
        if self._full() or not is_http_url(url):
            return None
        url = canonicalize(url, self.strip)
        key = dedup_key(url, self.strip)
        if key in self.seen:
            return None
        if role == ROLE_PAGE and not force and self.known is not None and key in self.known:
            self.seen.add(key)
            self._inc("wirecrawl/seen/skipped")
            return None
        if same_site_only and not self.follow_external and site_of(url) not in self.sites:
            self._inc("wirecrawl/discovery/offsite")
            return None
        hops = 0 if parent is None or role != ROLE_PAGE or source != "link" else (
            parent.meta.get("wc_hops", 0) + 1)
        if not force and self.max_depth is not None and hops > self.max_depth:
            self._inc("wirecrawl/trap/depth")
            return None
        if not force:
            refused = self.guard.admit(url)
            if refused:
                self._inc(f"wirecrawl/trap/{refused}")
                logger.debug("trap bound %s: not requesting %s", refused, url)
                return None
        self.seen.add(key)
        meta = {"wc_role": role, "wc_source": source, "wc_hints": dict(hints or {}), "wc_hops": hops,
                "wc_admitted": url, "wc_sitemap_depth": sitemap_depth}
        if reset_depth:
            meta["depth_reset"] = True
        if role == ROLE_ROBOTS:
            meta["dont_obey_robotstxt"] = True
        return scrapy.Request(url, callback=self.parse, errback=self.on_error, meta=meta)

    # --- responses ----------------------------------------------------------------------

    def parse(self, response: Response, **kwargs: Any):
        """Dispatch a response on what its body is, whatever its URL says."""
        role = response.meta.get("wc_role", ROLE_PAGE)
        body = response.body or b""
        ctype = response.headers.get(b"Content-Type", b"").decode("latin-1")
        kind = sniff_kind(body, ctype)
        if kind == "gzip":
            try:
                body = gunzip(body)
            except BadDocument as exc:
                self._bad("sitemap", exc, response.url)
                return
            kind = sniff_kind(body, None)
        if role in (ROLE_START, ROLE_DOC):
            self._inc(f"wirecrawl/discovery/kind/{kind}")
        if role == ROLE_ROBOTS and kind != "robots":
            self._inc("wirecrawl/discovery/no_robots")
            return
        if kind in FEED_KINDS or kind in SITEMAP_KINDS:
            yield from self._parse_listing(response, body)
        elif kind == "robots":
            yield from self._parse_robots(response, body)
        elif kind == "html":
            yield from self._parse_html(response, role)
        elif kind == "empty":
            self._failed(response.url, "empty", role)
        elif role == ROLE_DOC:
            self._bad("feed", BadDocument("malformed", f"not a feed or sitemap ({kind})"),
                      response.url)
        else:
            self._failed(response.url, "not_html", role)

    def _bad(self, what: str, exc: BadDocument, url: str) -> None:
        self._inc(f"wirecrawl/discovery/bad_{what}")
        self._inc(f"wirecrawl/discovery/xml_{exc.reason}")
        logger.warning("skipping bad %s %s: %s", what, url, exc)

    def _failed(self, url: str, kind: str, role: str) -> None:
        self._inc(f"wirecrawl/error/{kind}")
        logger.warning("%s fetching %s (%s)", kind, url, role)

    def _parse_robots(self, response: Response, body: bytes):
        for url in robots_sitemaps(body, response.url):
            self._inc("wirecrawl/discovery/robots_sitemap")
            req = self._request(url, role=ROLE_DOC, source="sitemap", parent=response,
                                reset_depth=True)
            if req is not None:
                yield req

    def _parse_listing(self, response: Response, body: bytes):
        level = response.meta.get("wc_sitemap_depth", 0)
        try:
            listing = parse_listing(body, response.url)
        except BadDocument as exc:
            kind = sniff_kind(body)
            self._bad("sitemap" if kind in SITEMAP_KINDS else "feed", exc, response.url)
            return
        self._inc(f"wirecrawl/discovery/{listing.kind}")
        if listing.recovered:
            self._inc("wirecrawl/discovery/xml_recovered")
        if listing.kind == "sitemapindex":
            if level + 1 > self.sitemap_max_depth:
                self._inc("wirecrawl/trap/sitemap_depth")
                logger.warning("sitemap index nesting beyond %d at %s", self.sitemap_max_depth,
                               response.url)
                return
            for entry in self.entry_filter(listing.entries):
                req = self._request(entry.url, role=ROLE_DOC, source="sitemap", parent=response,
                                    reset_depth=True, sitemap_depth=level + 1)
                if req is not None:
                    yield req
            return
        source = "sitemap" if listing.kind in SITEMAP_KINDS else "feed"
        for entry in self.entry_filter(listing.entries):
            hints = {k: v for k, v in (("published", entry.published),
                                       ("lastmod", entry.modified), ("title", entry.title),
                                       ("feed_title", listing.title)) if v}
            self._inc(f"wirecrawl/discovery/{source}_entry")
            req = self._request(entry.url, role=ROLE_PAGE, source=source, parent=response,
                                hints=hints)
            if req is not None:
                yield req

    def entry_filter(self, entries):
        """The feed/sitemap entries worth requesting (the ``sitemap_filter`` hook of Scrapy's
        SitemapSpider, for feeds too): by default those not dated before ``since``.

        Args:
            entries: the :class:`spiders.feeds.Entry` items of one listing, in order.

        Returns:
            An iterable of the entries to request; override to filter further.
        """
        for entry in entries:
            if entry_is_older(entry, self.since):
                self._inc("wirecrawl/discovery/since_skipped")
                continue
            yield entry

    def _parse_html(self, response: Response, role: str):
        if isinstance(response, TextResponse):
            tree = response.selector.root
        else:
            tree = parse_html(response.body, response.url)
        if tree is None or not isinstance(getattr(tree, "tag", None), str):
            self._failed(response.url, "not_html", role)
            return
        if role == ROLE_START:
            self.sites.add(site_of(response.url))
            yield from self._discover_site(response)
        links = page_links(tree, response.url)
        decision = classify(tree, response.url)
        if decision.is_article:
            page = self._emit(response, decision, links.canonical)
            if page is not None:
                yield page
        else:
            self._inc("wirecrawl/discovery/not_article")
            logger.debug("not an article (%d: %s): %s", decision.score,
                         " ".join(decision.reasons), response.url)
        if role == ROLE_START:
            for feed in links.feeds:
                req = self._request(feed, role=ROLE_DOC, source="feed", parent=response,
                                    reset_depth=True, same_site_only=True)
                if req is not None:
                    yield req
        for url in (*links.next, *links.links):
            req = self._request(url, role=ROLE_PAGE, source="link", parent=response,
                                same_site_only=True)
            if req is not None:
                yield req
        if self._full():
            raise CloseSpider("max_pages")

    def _discover_site(self, response: Response):
        """For an HTML start: read the site's robots.txt for ``Sitemap:`` lines, once."""
        site = site_of(response.url)
        if not self.discover_sitemaps or site in self.robots_done:
            return
        self.robots_done.add(site)
        parts = urlsplit(response.url)
        robots = urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))
        req = self._request(robots, role=ROLE_ROBOTS, source="sitemap", parent=response,
                            reset_depth=True, force=True)
        if req is not None:
            yield req

    def _emit(self, response: Response, decision, canonical: str | None) -> Page | None:
        if self._full():
            return None
        if canonical and site_of(canonical) != site_of(response.url):
            canonical = None
        keys = {dedup_key(response.url, self.strip)}
        if canonical:
            keys.add(dedup_key(canonical, self.strip))
        self.seen.update(keys)
        if keys & self.emitted:
            self._inc("wirecrawl/discovery/duplicate")
            return None
        self.emitted.update(keys)
        self.emitted_count += 1
        self.guard.article_found(response.meta.get("wc_admitted", response.url))
        hints = dict(response.meta.get("wc_hints") or {})
        hints["depth"] = response.meta.get("wc_hops", 0)
        hints["score"] = decision.score
        if canonical:
            hints["canonical"] = canonical
        source = response.meta.get("wc_source", "link")
        self._inc("wirecrawl/discovery/article")
        self._inc(f"wirecrawl/discovery/article/{source}")
        return Page(url=response.url, body=response.body, headers=header_map(response.headers),
                    status=response.status, source=source,
                    fetched_at=datetime.now(timezone.utc), hints=hints)

    # --- failures -----------------------------------------------------------------------

    def on_error(self, failure) -> None:
        """Count a failed request by kind and go on; robots.txt probes fail quietly."""
        request = getattr(failure, "request", None)
        url = request.url if request is not None else "?"
        role = request.meta.get("wc_role", ROLE_PAGE) if request is not None else ROLE_PAGE
        kind = error_kind(failure)
        if kind == "robots_forbidden":
            self._inc("wirecrawl/robots/forbidden")
            logger.debug("forbidden by robots.txt: %s", url)
            return
        if role == ROLE_ROBOTS:
            self._inc("wirecrawl/discovery/no_robots")
            logger.info("no robots.txt sitemaps from %s (%s)", url, kind)
            return
        self._inc(f"wirecrawl/error/{kind}")
        if kind.startswith("http_"):
            # Per class too, kept apart so that summing wirecrawl/error/* counts each failure once.
            self._inc(f"wirecrawl/http_errors/{kind[5]}xx")
        logger.warning("%s fetching %s", kind, url)
