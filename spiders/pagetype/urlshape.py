"""A site's article URL pattern, learned from the pages already judged on that site.

Most sites give their articles one or two URL shapes (``/section/slug-123456``,
``/2026/11/20/slug``) and their listings others (``/section/``, ``/tag/name``). The shape of
a path is its depth and the kind of each segment (word, slug, number, date, id-bearing
slug, file), so ``/politik/storm-hits-coast-123456.html`` and
``/sport/cup-final-won-654321.html`` share one. :class:`UrlShapes` counts, per host and
shape, the pages judged articles and not; once a shape has been seen on enough pages of a
host and nearly all went one way, a new URL of that shape gets a vote. Deterministic and
cheap (a regex per segment, a dict per host); it lives in the crawler's process (the
spider), which passes the vote to the page's analysis with the request.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_NUMBER = re.compile(r"\d+")
_DATE = re.compile(r"(?:19|20)\d{2}(?:[-_]?\d{2}){0,2}")
_FILE = re.compile(r"\.[a-z0-9]{2,5}$", re.I)
_HAS_ID = re.compile(r"\d{4,}")


def segment_kind(segment: str) -> str:
    """The kind of one path segment: ``num``, ``date``, ``idslug`` (a slug with a long
    number), ``slug`` (three or more words), ``word`` or ``file``-suffixed forms."""
    ext = ".f" if _FILE.search(segment) else ""
    stem = _FILE.sub("", segment)
    if _DATE.fullmatch(stem):
        kind = "date"
    elif _NUMBER.fullmatch(stem):
        kind = "num"
    elif len(re.split(r"[-_+,.]", stem)) >= 3:
        kind = "idslug" if _HAS_ID.search(stem) else "slug"
    elif _HAS_ID.search(stem):
        kind = "id"
    else:
        kind = "word"
    return kind + ext


def url_shape(url: str) -> tuple[str, ...]:
    """The shape of a URL's path: the kind of each segment, in order (query ignored)."""
    path = urlsplit(url).path
    return tuple(segment_kind(s) for s in path.split("/") if s)


class UrlShapes:
    """Per-host counts of judged pages by URL shape, and the vote they give a new URL.

    Args:
        min_pages: pages of one shape on one host before it votes.
        min_share: share of them that must have gone one way.

    Raises:
        ValueError: ``min_pages`` below 1 or ``min_share`` outside (0.5, 1].
    """

    def __init__(self, min_pages: int = 3, min_share: float = 0.9) -> None:
        if min_pages < 1:
            raise ValueError(f"min_pages must be >= 1, got {min_pages!r}")
        if not 0.5 < min_share <= 1.0:
            raise ValueError(f"min_share must be in (0.5, 1], got {min_share!r}")
        self.min_pages = min_pages
        self.min_share = min_share
        self._counts: dict[str, dict[tuple[str, ...], list[int]]] = {}

    def record(self, url: str, is_article: bool) -> None:
        """Count one judged page (judged on its content, not on this learner's vote)."""
        shape = url_shape(url)
        if not shape:
            return  # the site root says nothing about other URLs
        host = (urlsplit(url).hostname or "").lower()
        counts = self._counts.setdefault(host, {}).setdefault(shape, [0, 0])
        counts[0 if is_article else 1] += 1

    def vote(self, url: str) -> int:
        """+1 when the URL's shape has been an article shape on its host, -1 a listing
        shape, 0 when the host has not shown enough pages of that shape."""
        host = (urlsplit(url).hostname or "").lower()
        counts = self._counts.get(host, {}).get(url_shape(url))
        if not counts:
            return 0
        articles, others = counts
        total = articles + others
        if total < self.min_pages:
            return 0
        if articles >= self.min_share * total:
            return 1
        if others >= self.min_share * total:
            return -1
        return 0
