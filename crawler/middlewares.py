"""Downloader middleware for the news spider: redirect loops end at once, counted.

Scrapy's RedirectMiddleware follows ``A -> B -> A`` until ``REDIRECT_MAX_TIMES``, or hands
the repeated URL to the dupefilter, which drops it without a word. A news crawl wants to
know: :class:`RedirectLoopMiddleware` sees each redirect before RedirectMiddleware does and,
when its target is a URL already in this redirect chain (same page by
:func:`spiders.urls.dedup_key`, so session-id ping-pong counts too), raises
:class:`RedirectLoop`, which reaches the request's errback.
"""

from __future__ import annotations

import logging
from urllib.parse import urljoin

from crawler.exceptions import RedirectLoop
from spiders.urls import dedup_key

logger = logging.getLogger(__name__)
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


class RedirectLoopMiddleware:
    """Refuse redirects back into the current chain (register above RedirectMiddleware's 600).

    Args:
        stats: the crawler's stats collector (``wirecrawl/redirect/loop`` counted).
    """

    def __init__(self, stats=None):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

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
        return response
