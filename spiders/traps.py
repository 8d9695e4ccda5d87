"""Crawl-trap bounds: a crawl started with no options always ends by itself.

Calendars (``/archive/2026/11/`` → next month, forever), endless pagination, and
sort/filter query variants of one listing generate unbounded URLs. :class:`TrapGuard`
admits each URL before it is requested, under three budgets:

* per site: at most ``site_budget`` requests;
* per URL pattern (host + path with digit runs masked, query keys kept): at most
  ``pattern_budget`` requests *that did not turn out to be articles* — an id-numbered
  article site (``/news/12345``) keeps crawling, a calendar stops;
* per path: at most ``max_query_variants`` distinct query strings, pagination parameters
  (``page``, ``offset``...) left out (pagination is bounded by the pattern budget).

Depth (link hops, ``DEPTH_LIMIT``) is bounded by Scrapy's DepthMiddleware, repeats are dropped
by Scrapy's dupefilter (their charge is given back, :meth:`TrapGuard.release`). The budgets'
defaults are the ``WIRECRAWL_*`` settings. Pure, no Scrapy import.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from urllib.parse import parse_qsl, urlsplit

from spiders.urls import site_of

_DIGITS = re.compile(r"\d+")
PAGINATION_PARAMS = frozenset({"page", "p", "pg", "paged", "offset", "start", "from"})
TRAP_REASONS = ("site_budget", "pattern", "query_variants")


def url_pattern(url: str) -> str:
    """The shape of a URL: site, path with digit runs as ``#``, sorted query keys.

    ``/archive/2026/11/`` and ``/archive/2025/3/`` share ``/archive/#/#/``;
    ``/list?page=3`` and ``/list?page=4`` share ``/list?page``.
    """
    parts = urlsplit(url)
    keys = sorted({k for k, _ in parse_qsl(parts.query, keep_blank_values=True)})
    path = _DIGITS.sub("#", parts.path or "/")
    return f"{site_of(url)}{path}" + ("?" + "&".join(keys) if keys else "")


class TrapGuard:
    """Admits URLs under the per-site, per-pattern and per-path query-variant budgets.

    Args:
        site_budget: most requests per site; 0 = unbounded.
        pattern_budget: most non-article requests per URL pattern; 0 = unbounded.
        max_query_variants: most distinct query strings per path; 0 = unbounded.

    Raises:
        ValueError: a negative budget.
    """

    def __init__(self, *, site_budget: int, pattern_budget: int, max_query_variants: int):
        for name, value in (("site_budget", site_budget), ("pattern_budget", pattern_budget),
                            ("max_query_variants", max_query_variants)):
            if not isinstance(value, int) or value < 0:
                raise ValueError(f"{name} must be an int >= 0, got {value!r}")
        self.site_budget = site_budget
        self.pattern_budget = pattern_budget
        self.max_query_variants = max_query_variants
        self._sites: Counter[str] = Counter()
        self._patterns: Counter[str] = Counter()
        self._articles: Counter[str] = Counter()
        self._variants: defaultdict[str, set[str]] = defaultdict(set)

    def admit(self, url: str) -> str | None:
        """Record ``url`` as requested if every budget allows it.

        Returns:
            ``None`` when admitted, else the reason it was refused (one of
            ``TRAP_REASONS``); a refused URL is not recorded.
        """
        parts = urlsplit(url)
        site = site_of(url)
        if self.site_budget and self._sites[site] >= self.site_budget:
            return "site_budget"
        pattern = url_pattern(url)
        if self.pattern_budget and (
                self._patterns[pattern] - self._articles[pattern] >= self.pattern_budget):
            return "pattern"
        query = "&".join(sorted(f"{k}={v}" for k, v in parse_qsl(parts.query, keep_blank_values=True)
                                if k.lower() not in PAGINATION_PARAMS))
        variants = self._variants[f"{site}{parts.path}"] if query else None
        if (variants is not None and self.max_query_variants
                and query not in variants and len(variants) >= self.max_query_variants):
            return "query_variants"
        if variants is not None:
            variants.add(query)
        self._sites[site] += 1
        self._patterns[pattern] += 1
        return None

    def release(self, url: str) -> None:
        """Give back what admitting ``url`` spent: the request was never made (a duplicate
        dropped by Scrapy's dupefilter). Its query variant stays known."""
        site, pattern = site_of(url), url_pattern(url)
        if self._sites[site]:
            self._sites[site] -= 1
        if self._patterns[pattern]:
            self._patterns[pattern] -= 1

    def article_found(self, url: str) -> None:
        """Give the URL's pattern its budget back: articles are what we came for."""
        self._articles[url_pattern(url)] += 1

    def requested(self, site: str) -> int:
        """How many requests were admitted for ``site`` so far."""
        return self._sites[site]
