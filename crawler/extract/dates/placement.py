"""Dates: what a crawl learns of its sites' zones, and the naive times of its pages placed in them.

The learning itself is ``SiteZones``; this is the bookkeeping around it that the crawl's
zone stage (``crawler.pipelines.zones``) and ``wirecrawl extract --warc``
(``crawler.cli.warc``) share, so that both place a page's times alike: the dated entries of
every feed and sitemap read, the date each listed URL was given (for a page that arrives
without a feed date of its own: reached by a link, or read back from a WARC), and the sites
whose zone is configured (``--site-tz``), which a learned zone never replaces.

The crawl learns and places each page as it comes; a WARC, complete, is learned from
first and placed after. Pure: no Scrapy, no I/O.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import datetime
from typing import Callable, Iterable, Protocol

from crawler.extract.dates.hints import hint_datetime, hint_states_zone
from crawler.extract.dates.sitezones import SiteZones
from crawler.items import Article, site_of

MAX_LISTED = 50_000  # listed dates kept for pages that arrive without their own (the oldest leave first)


class ListedEntry(Protocol):
    """One URL of a feed or sitemap with its date hints (``spiders.feeds.Entry``): ISO 8601
    strings as ``spiders.feeds.iso_hint`` writes them, or ``None``."""

    url: str
    published: str | None
    modified: str | None


class ZonePlacer:
    """Learns the zones sites state (listings, pages, feed dates) and places pages' naive times.

    >>> from types import SimpleNamespace as Entry
    >>> placer = ZonePlacer()
    >>> placer.learn_listing([Entry(url="https://q.example/a", published="2026-11-19T09:03:00+01:00",
    ...                             modified=None)])
    >>> page = Article(url="https://q.example/a", site="q.example", text="...",
    ...                published_local=datetime(2026, 11, 19, 9, 3))
    >>> placer.place(page).published.isoformat()
    '2026-11-19T08:03:00+00:00'

    Args:
        zones: the learner (a fresh one by default; ``SiteZones.from_json`` for one that
            knows what an earlier run saved).
        configured: sites whose zone is configured (``--site-tz``): left as extraction placed them.
        key: how a listed URL and a page URL are compared (the crawl's dedup key: tracking
            parameters stripped); the URL itself by default.
        max_listed: most listed dates kept (the oldest leave first).

    Raises:
        ValueError: ``max_listed`` below 0.
    """

    def __init__(self, zones: SiteZones | None = None, configured: Iterable[str] = (), *,
                 key: Callable[[str], str] = str, max_listed: int = MAX_LISTED) -> None:
        if max_listed < 0:
            raise ValueError(f"max_listed ({max_listed!r}) must be 0 or more")
        self.zones = zones if zones is not None else SiteZones()
        self.configured = frozenset(configured)
        self.key = key
        self.max_listed = max_listed
        # key of a listed URL -> its published date, stated with a time and an offset.
        self._listed: OrderedDict[str, datetime] = OrderedDict()

    def learn_listing(self, entries: Iterable[ListedEntry]) -> None:
        """Learn the offsets a feed or sitemap states for the sites of its entries, and keep
        the published date it gives each URL."""
        for entry in entries:
            for hint in (entry.published, entry.modified):
                if hint_states_zone(hint):
                    self.zones.observe(site_of(entry.url), hint_datetime(hint))
            if hint_states_zone(entry.published) and self.max_listed:
                key = self.key(entry.url)
                self._listed[key] = hint_datetime(entry.published)
                self._listed.move_to_end(key)
                if len(self._listed) > self.max_listed:
                    self._listed.popitem(last=False)

    def learn(self, article: Article, hint: datetime | None = None) -> None:
        """Learn what one page states of its site's zone.

        Args:
            article: the extracted page.
            hint: the page's own feed date, when its feed stated a time and an offset
                (else the date a listing read earlier gave its URL is used).
        """
        self.zones.learn(article, self._hint(article, hint))

    def needs_placing(self, article: Article) -> bool:
        """True when :meth:`place` may change ``article``: it printed a time without a zone
        and its site's zone is not configured."""
        return article.site not in self.configured and (
            article.published_local is not None or article.modified_local is not None)

    def place(self, article: Article, hint: datetime | None = None, *, now: datetime | None = None) -> Article:
        """``article`` with its naive times placed in its site's zone as learned so far
        (``SiteZones.place_article``); unchanged when its site's zone is configured or nothing
        was learned for it.

        Args:
            article: the extracted page.
            hint: as for :meth:`learn`.
            now: the fetch time (a placed time beyond it is refused).
        """
        if not self.needs_placing(article):
            return article
        return self.zones.place_article(article, hint=self._hint(article, hint), now=now)

    def learn_and_place(self, article: Article, hint: datetime | None = None, *,
                        now: datetime | None = None) -> Article:
        """:meth:`learn` then :meth:`place`, as a crawl does with each page as it comes, the
        listed date looked up once."""
        hint = self._hint(article, hint)
        self.zones.learn(article, hint)
        return self.place(article, hint, now=now)

    def _hint(self, article: Article, hint: datetime | None) -> datetime | None:
        """The page's own feed date, else — when it printed a time without a zone (the only
        case that needs it) — the date a listing gave its URL or canonical URL."""
        if hint is not None or article.published_local is None or not self._listed:
            return hint
        for url in (article.url, article.canonical_url):
            if url and (found := self._listed.get(self.key(url))) is not None:
                return found
        return None
