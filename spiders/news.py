"""The one wirecrawl spider: start documents of any kind in, article ``Page`` items out.

Each response is sniffed (feed, sitemap, sitemap index, robots.txt, HTML); listings yield
requests for their entries, HTML pages are classified and their links followed within the
start sites. Only pages judged to be articles are yielded, once each (``rel=canonical``
respected). Scrapy does the rest of the bookkeeping: its dupefilter drops repeated pages
(by :class:`spiders.fingerprint.CanonicalFingerprinter`), DepthMiddleware bounds link
hops (feed/sitemap entries and listing documents count as depth 0, like starts, through
the ``depth_reset`` request meta key), RobotsTxtMiddleware reads each host's robots.txt
once and the spider requests the sitemaps it lists (the ``robots_parsed`` signal).
Requests pass the trap budgets first; every failure reaches :meth:`on_error` and is
counted by kind under ``wirecrawl/error/*``. The spider never extracts text: an HTML page
comes with its links and article decision already read (and, for an article, its
extraction, which rides on the ``Page``) when ``PageAnalysisMiddleware`` analysed it where
extraction runs; otherwise the spider reads links and decision itself.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import CloseSpider
from scrapy.http import Response, TextResponse

from crawler.items import Page, header_map
from spiders.arguments import non_negative_int, parse_bool, parse_since, parse_starts
from spiders.failures import error_kind
from spiders.feeds import (FEED_KINDS, SITEMAP_KINDS, BadDocument, entry_is_older, parse_listing,
                           sniff_kind, unpacked)
from spiders.pages import ARTICLE_THRESHOLD, PageAnalysis, PageHints, classify, page_links, parse_html
from spiders.pagetype.urlshape import UrlShapes
from spiders.requested import RequestedPages
from spiders.robots import absolute_sitemaps, robots_sitemaps
from spiders.signals import listing_parsed
from spiders.traps import TrapGuard
from spiders.urls import ParamStripper, UrlKeys, is_http_url, site_of

logger = logging.getLogger(__name__)

ROLE_START, ROLE_DOC, ROLE_ROBOTS, ROLE_PAGE = "start", "doc", "robots", "page"


class NewsSpider(scrapy.Spider):
    """Crawl news sites from homepages, feeds, sitemaps, robots.txt or URL lists.

    Spider arguments (strings, ``-a name=value``): ``start`` (comma-separated URLs or
    ``@file``), ``max_pages`` (most articles emitted), ``depth`` (link hops from a start
    page or a feed/sitemap entry: sets ``DEPTH_LIMIT``; 0 = follow no links, unlike
    ``DEPTH_LIMIT=0`` which is Scrapy's "unbounded"), ``follow_external`` (``1``/``true``),
    ``since`` (ISO date: skip feed/sitemap entries dated before). Other defaults come from
    the settings.

    Raises:
        ValueError: a missing start or a bad argument value (the value is in the message).
    """

    name = "news"

    def __init__(self, start: str | None = None, max_pages: str | None = None,
                 depth: str | None = None, follow_external: str | None = None,
                 since: str | None = None, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.starts = parse_starts(start)
        self.max_pages = None if max_pages is None else non_negative_int(max_pages, "max_pages")
        self.depth = None if depth is None else non_negative_int(depth, "depth")
        self.follow_external = (None if follow_external is None
                                else parse_bool(follow_external, "follow_external"))
        self.since = None if since is None else parse_since(since)

    @classmethod
    def from_crawler(cls, crawler, *args: Any, **kwargs: Any):
        spider = super().from_crawler(crawler, *args, **kwargs)
        s = crawler.settings
        if spider.depth:  # the argument is DEPTH_LIMIT for DepthMiddleware (0 is handled here)
            if not s.frozen:
                s.set("DEPTH_LIMIT", spider.depth, priority="cmdline")
            elif s.getint("DEPTH_LIMIT") != spider.depth:
                logger.warning("settings frozen: DEPTH_LIMIT stays %d, not depth=%d",
                               s.getint("DEPTH_LIMIT"), spider.depth)
        spider.configure(
            follow_links=spider.depth != 0,
            max_pages=(spider.max_pages if spider.max_pages is not None
                       else non_negative_int(s.get("WIRECRAWL_MAX_PAGES") or 0, "WIRECRAWL_MAX_PAGES")),
            follow_external=(spider.follow_external if spider.follow_external is not None
                             else not s.getbool("WIRECRAWL_SAME_SITE")),
            since=spider.since if spider.since is not None else parse_since(s.get("WIRECRAWL_SINCE")),
            guard=TrapGuard(site_budget=s.getint("WIRECRAWL_SITE_PAGE_BUDGET"),
                            pattern_budget=s.getint("WIRECRAWL_PATTERN_BUDGET"),
                            max_query_variants=s.getint("WIRECRAWL_MAX_QUERY_VARIANTS")),
            strip=ParamStripper(s.getlist("WIRECRAWL_STRIP_QUERY_PARAMS")),
            sitemap_max_depth=s.getint("WIRECRAWL_SITEMAP_MAX_DEPTH"),
            discover_sitemaps=s.getbool("WIRECRAWL_DISCOVER_SITEMAPS"),
            robots_obeyed=s.getbool("ROBOTSTXT_OBEY"),
        )
        crawler.signals.connect(spider._request_dropped, signal=signals.request_dropped)
        crawler.signals.connect(spider._robots_parsed, signal=signals.robots_parsed)
        return spider

    def configure(self, *, follow_links: bool, max_pages: int, follow_external: bool,
                  since: datetime | None, guard: TrapGuard, strip: ParamStripper,
                  sitemap_max_depth: int, discover_sitemaps: bool, robots_obeyed: bool,
                  stats=None) -> None:
        """Set the crawl's bounds and state (``from_crawler`` passes settings through here).

        ``stats`` defaults to the crawler's stats collector, which exists only once the
        crawl starts.
        """
        if sitemap_max_depth < 0:
            raise ValueError(f"sitemap_max_depth must be >= 0, got {sitemap_max_depth!r}")
        self.follow_links = follow_links
        self.max_pages = max_pages
        self.follow_external = follow_external
        self.since = since
        self.guard = guard
        self.strip = strip
        self.urls = UrlKeys(strip)
        self.sitemap_max_depth = sitemap_max_depth
        self.discover_sitemaps = discover_sitemaps
        self.robots_obeyed = robots_obeyed
        self.stats = stats
        self.sites = {site_of(u) for u, _ in self.starts}
        # Canonical keys of the articles emitted by this run: a page reached under two URLs
        # with one rel=canonical is emitted once (request dedup is Scrapy's dupefilter).
        self.emitted: set[str] = set()
        self.emitted_count = 0
        # Each site's article URL shapes, learned from the pages judged so far.
        self.url_shapes = UrlShapes()
        # Keys of pages reached by a link and judged not articles: if a feed or sitemap
        # lists one later, it is judged again as listed (see _relisted).
        self.judged_out: set[str] = set()
        # Pages already handed to Scrapy: a repeat link is skipped before it costs a Request.
        self.requested = RequestedPages()
        self._repeats = 0  # links skipped as already requested, not yet counted in the stats

    # --- signals ------------------------------------------------------------------------

    def _request_dropped(self, request: scrapy.Request, spider: Any = None) -> None:
        """The dupefilter dropped a request: give back the trap budget it was charged."""
        if request.meta.get("wc_charged") and request.url == request.meta.get("wc_admitted"):
            self.guard.release(request.url)

    def _robots_parsed(self, robotparser: Any, request: scrapy.Request) -> None:
        """RobotsTxtMiddleware read a host's robots.txt: request the sitemaps it lists
        (hosts of the start sites only; ``ROBOTSTXT_PARSER`` is :class:`SitemapRobotParser`)."""
        if not self.discover_sitemaps or site_of(request.url) not in self.sites:
            return
        parts = urlsplit(request.url)
        robots_url = urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))
        for url in absolute_sitemaps(getattr(robotparser, "sitemaps", ()), robots_url):
            self._inc("wirecrawl/discovery/robots_sitemap")
            req = self._request(url, role=ROLE_DOC, source="sitemap")
            if req is not None:
                req.meta.pop("depth_reset", None)
                req.meta["depth"] = 0  # not through DepthMiddleware: scheduled directly
                self.crawler.engine.crawl(req)

    # --- requests -----------------------------------------------------------------------

    async def start(self):
        for url, source in self.starts:
            req = self._request(url, role=ROLE_START, source=source, force=True)
            if req is not None:
                yield req

    def _inc(self, key: str, n: int = 1) -> None:
        stats = self.stats or getattr(getattr(self, "crawler", None), "stats", None)
        if stats is not None:
            stats.inc_value(key, n)

    def _full(self) -> bool:
        return bool(self.max_pages) and self.emitted_count >= self.max_pages

    def _request(self, url: str, *, role: str, source: str, hints: dict | None = None,
                 sitemap_depth: int = 0, same_site_only: bool = False,
                 force: bool = False, depth: int = 0) -> scrapy.Request | None:
        """A request for ``url`` if it is allowed and within budgets, else ``None``.

        ``depth`` is the link depth the request will have (``DepthMiddleware``'s: 0 for
        starts, listings and their entries). A page this spider already requested at that
        depth or nearer is skipped (``wirecrawl/discovery/repeat``, :mod:`spiders.requested`);
        other repeats are left to Scrapy's dupefilter: charged to the trap budgets here and
        given back when the dupefilter drops them (``request_dropped``). A link that
        DepthMiddleware drops keeps its charge.
        """
        if self._full() or not is_http_url(url):
            return None
        url = self.urls.canonical(url)
        link = role == ROLE_PAGE and source == "link"
        if link and not self.follow_links:
            self._inc("wirecrawl/trap/depth")
            return None
        key = self.urls.key(url)
        if not force:
            if self.requested.known(key, depth):
                self._repeats += 1  # counted once per page: stats calls cost more than the check
                return None
            if role == ROLE_PAGE and key in self.emitted:
                return None
        if same_site_only and not self.follow_external and site_of(url) not in self.sites:
            self._inc("wirecrawl/discovery/offsite")
            return None
        if not force:
            refused = self.guard.admit(url)
            if refused:
                self._inc(f"wirecrawl/trap/{refused}")
                logger.debug("trap bound %s: not requesting %s", refused, url)
                return None
        meta = {"wc_role": role, "wc_source": source, "wc_hints": dict(hints or {}),
                "wc_admitted": url, "wc_charged": not force, "wc_sitemap_depth": sitemap_depth}
        if not link:
            meta["depth_reset"] = True  # starts, listings and their entries are depth 0
        if role == ROLE_ROBOTS:
            meta["dont_obey_robotstxt"] = True
        if role == ROLE_PAGE:
            meta["wc_page_hints"] = PageHints(listed=source if source in ("feed", "sitemap") else None,
                                              url_vote=self.url_shapes.vote(url))
        self.requested.add(key, depth)
        return scrapy.Request(url, callback=self.parse, errback=self.on_error, meta=meta)

    # --- responses ----------------------------------------------------------------------

    def parse(self, response: Response, **kwargs: Any):
        """Dispatch a response on what its body is, whatever its URL says."""
        role = response.meta.get("wc_role", ROLE_PAGE)
        body = response.body or b""
        ctype = response.headers.get(b"Content-Type", b"").decode("latin-1")
        try:
            kind, body = unpacked(body, ctype, self.max_gunzipped)
        except BadDocument as exc:
            self._bad("sitemap", exc, response.url)
            return
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
        if self._repeats:
            self._inc("wirecrawl/discovery/repeat", self._repeats)
            self._repeats = 0

    @property
    def max_gunzipped(self) -> int:
        """Most bytes a gzip body may inflate to: ``DOWNLOAD_MAXSIZE`` (0 = unbounded)."""
        crawler = getattr(self, "crawler", None)
        return crawler.settings.getint("DOWNLOAD_MAXSIZE") if crawler is not None else 0

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
            req = self._request(url, role=ROLE_DOC, source="sitemap")
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
        crawler = getattr(self, "crawler", None)
        if crawler is not None:
            crawler.signals.send_catch_log(signal=listing_parsed, listing=listing, url=response.url,
                                           response=response)
        if listing.recovered:
            self._inc("wirecrawl/discovery/xml_recovered")
        if listing.kind == "sitemapindex":
            if level + 1 > self.sitemap_max_depth:
                self._inc("wirecrawl/trap/sitemap_depth")
                logger.warning("sitemap index nesting beyond %d at %s", self.sitemap_max_depth,
                               response.url)
                return
            for entry in self.entry_filter(listing.entries):
                req = self._request(entry.url, role=ROLE_DOC, source="sitemap",
                                    sitemap_depth=level + 1)
                if req is not None:
                    yield req
            return
        source = "sitemap" if listing.kind in SITEMAP_KINDS else "feed"
        for entry in self.entry_filter(listing.entries):
            hints = {k: v for k, v in (("published", entry.published),
                                       ("lastmod", entry.modified), ("title", entry.title),
                                       ("feed_title", listing.title)) if v}
            self._inc(f"wirecrawl/discovery/{source}_entry")
            req = self._request(entry.url, role=ROLE_PAGE, source=source, hints=hints)
            if req is not None:
                yield self._relisted(req)

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

    def _analysis(self, response: Response) -> PageAnalysis | None:
        """The page's links and article decision: as analysed where it was extracted (the
        ``wc_analysis`` meta, ``crawler.middlewares.PageAnalysisMiddleware``), else read here."""
        analysis = response.meta.get("wc_analysis")
        if isinstance(analysis, PageAnalysis):
            return analysis
        if isinstance(response, TextResponse):
            tree = response.selector.root
        else:
            tree = parse_html(response.body, response.url)
        if tree is None or not isinstance(getattr(tree, "tag", None), str):
            return None
        hints = response.meta.get("wc_page_hints")
        return PageAnalysis(page_links(tree, response.url),
                            classify(tree, response.url, hints if isinstance(hints, PageHints) else None))

    def _parse_html(self, response: Response, role: str):
        analysis = self._analysis(response)
        if analysis is None:
            self._failed(response.url, "not_html", role)
            return
        if role == ROLE_START:
            self.sites.add(site_of(response.url))
            yield from self._read_robots_unobeyed(response)
        links, decision = analysis.links, analysis.decision
        self._learn_url_shape(response, decision.score)
        if not decision.is_article and response.meta.get("wc_source") == "link":
            self.judged_out.add(self.urls.key(response.url))
        if decision.is_article:
            page = self._emit(response, analysis)
            if page is not None:
                yield page
        else:
            self._inc("wirecrawl/discovery/not_article")
            logger.debug("not an article (%d: %s): %s", decision.score,
                         " ".join(decision.reasons), response.url)
        if role == ROLE_START:
            for feed in links.feeds:
                req = self._request(feed, role=ROLE_DOC, source="feed", same_site_only=True)
                if req is not None:
                    yield req
        depth = response.meta.get("depth", 0) + 1
        for url in (*links.next, *links.links):
            req = self._request(url, role=ROLE_PAGE, source="link", same_site_only=True, depth=depth)
            if req is not None:
                yield req
        if self._full():
            raise CloseSpider("max_pages")

    def _relisted(self, req: scrapy.Request) -> scrapy.Request:
        """A feed or sitemap entry already fetched through a link and judged not an article
        is fetched again (past the dupefilter) to be judged as listed: the listing says what
        the link did not (a brief linked from the homepage before the feed was read)."""
        key = self.urls.key(req.url)
        if key not in self.judged_out:
            return req
        self.judged_out.discard(key)
        self._inc("wirecrawl/discovery/relisted")
        return req.replace(dont_filter=True)

    def _learn_url_shape(self, response: Response, score: int) -> None:
        """Count the page's URL shape as its site's article or listing shape, on the decision
        without the shape's own vote (so a shape never confirms itself)."""
        hints = response.meta.get("wc_page_hints")
        own = hints.url_vote if isinstance(hints, PageHints) else 0
        self.url_shapes.record(response.url, score - own >= ARTICLE_THRESHOLD)

    def _read_robots_unobeyed(self, response: Response):
        """With ``ROBOTSTXT_OBEY`` off nobody reads robots.txt: for an HTML start, request
        it for its ``Sitemap:`` lines (the dupefilter keeps it to once per host)."""
        if not self.discover_sitemaps or self.robots_obeyed:
            return
        parts = urlsplit(response.url)
        robots = urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))
        req = self._request(robots, role=ROLE_ROBOTS, source="sitemap", force=True)
        if req is not None:
            yield req

    def _emit(self, response: Response, analysis: PageAnalysis) -> Page | None:
        if self._full():
            return None
        decision, canonical = analysis.decision, analysis.links.canonical
        if canonical and site_of(canonical) != site_of(response.url):
            canonical = None
        keys = {self.urls.key(response.url)}
        if canonical:
            keys.add(self.urls.key(canonical))
        if keys & self.emitted:
            self._inc("wirecrawl/discovery/duplicate")
            return None
        self.emitted.update(keys)
        self.emitted_count += 1
        self.guard.article_found(response.meta.get("wc_admitted", response.url))
        hints = dict(response.meta.get("wc_hints") or {})
        hints["depth"] = response.meta.get("depth", 0)
        hints["score"] = decision.score
        if canonical:
            hints["canonical"] = canonical
        if analysis.article is not None:
            hints["extract_ms"] = round(analysis.seconds * 1000, 1)
        source = response.meta.get("wc_source", "link")
        self._inc("wirecrawl/discovery/article")
        self._inc(f"wirecrawl/discovery/article/{source}")
        return Page(url=response.url, body=response.body, headers=header_map(response.headers),
                    status=response.status, source=source,
                    fetched_at=datetime.now(timezone.utc), hints=hints, article=analysis.article)

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
        if kind in ("not_modified", "listed_unchanged"):
            logger.debug("%s, not fetched again: %s", kind, url)  # counted under wirecrawl/state/
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
