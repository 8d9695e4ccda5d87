"""The pages a spider has already handed to Scrapy, and at which link depth.

Every page of a news site links to the same navigation, footer and most-read pages, and
every article was already requested from the sitemap: on a crawl of a loopback world,
thirty of a page's thirty-one links were requests Scrapy's dupefilter then dropped, each
after a ``Request``, the spider middlewares, the ``request_scheduled`` and
``request_dropped`` signals, a fingerprint and a trap-budget charge given back — most of
the crawler's time per article. :class:`RequestedPages` lets the spider skip a link it has
itself already requested at the same depth or nearer the start, before any of that.

Scrapy's dupefilter stays the judge of what is fetched: it still sees every page the spider
requests first (and drops repeats of other spellings, of other workers sharing a frontier,
of an earlier run's job directory). A link met again *nearer* the start is requested again,
so a page that ``DepthMiddleware`` refused deeper is not lost. Pure, no Scrapy import.
"""

from __future__ import annotations


class RequestedPages:
    """Page keys (``spiders.urls.dedup_key``) requested so far, each with its least depth.

    Bounded: after ``size`` keys it starts afresh (repeats then reach the dupefilter again).

    Args:
        size: how many keys to remember (≥ 1).

    Raises:
        ValueError: ``size`` below 1 (the value is in the message).
    """

    __slots__ = ("size", "_depth")

    def __init__(self, size: int = 200_000) -> None:
        if size < 1:
            raise ValueError(f"size ({size!r}) must be 1 or more")
        self.size = size
        self._depth: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._depth)

    def known(self, key: str, depth: int) -> bool:
        """True when ``key`` was requested at ``depth`` or nearer the start."""
        known = self._depth.get(key)
        return known is not None and known <= depth

    def add(self, key: str, depth: int) -> None:
        """Record that ``key`` was requested at ``depth``."""
        if len(self._depth) >= self.size and key not in self._depth:
            self._depth.clear()
        known = self._depth.get(key)
        if known is None or depth < known:
            self._depth[key] = depth
