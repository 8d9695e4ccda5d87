"""Site-template lines learned across the pages of one site during a crawl.

Some boilerplate survives any single-page extractor because, on one page, it looks like
body text: a disclaimer under every article, a "Follow us on ..." line, a recurring
section name. Across many pages of the same site it gives itself away by recurring
verbatim. ``SiteTemplates`` counts, per site, on how many pages each line was seen; a line
seen on at least ``min_pages`` pages *and* on at least ``min_share`` of the site's pages is
template. It is mutable and shared per crawl (``ExtractOptions.templates``); every
extraction feeds it. Scrapy pipelines run in one thread, so no locking is done.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable


def line_key(line: str) -> str:
    """The comparison key of a line: whitespace collapsed, case folded."""
    return " ".join(line.split()).casefold()


class SiteTemplates:
    """Counts lines per site across pages and tells which lines are site template.

    Args:
        min_pages: a line must be seen on at least this many pages of a site
            (``WIRECRAWL_TEMPLATE_MIN_PAGES``).
        min_share: ... and on at least this share of the site's pages
            (``WIRECRAWL_TEMPLATE_MIN_SHARE``).
        max_lines_per_site: memory bound; when a site's table grows past it, lines seen
            only once are forgotten.

    Raises:
        ValueError: on a bad bound.

    Example:
        >>> t = SiteTemplates(min_pages=2, min_share=0.5)
        >>> t.observe("a.test", ["Follow us", "Body one"])
        >>> t.observe("a.test", ["Follow us", "Body two"])
        >>> t.is_template("a.test", "Follow us"), t.is_template("a.test", "Body two")
        (True, False)
    """

    def __init__(self, min_pages: int = 3, min_share: float = 0.5, *, max_lines_per_site: int = 50_000):
        if not isinstance(min_pages, int) or min_pages < 2:
            raise ValueError(f"min_pages ({min_pages!r}) must be an integer >= 2")
        if not 0.0 < float(min_share) <= 1.0:
            raise ValueError(f"min_share ({min_share!r}) must be in (0.0, 1.0]")
        if max_lines_per_site < 100:
            raise ValueError(f"max_lines_per_site ({max_lines_per_site!r}) must be >= 100")
        self.min_pages = min_pages
        self.min_share = float(min_share)
        self.max_lines_per_site = max_lines_per_site
        self._pages: Counter[str] = Counter()
        self._lines: dict[str, Counter[str]] = {}

    def observe(self, site: str, lines: Iterable[str]) -> None:
        """Record that one page of ``site`` carried these lines (each counted once per page)."""
        keys = {line_key(line) for line in lines}
        keys.discard("")
        self._pages[site] += 1
        table = self._lines.setdefault(site, Counter())
        table.update(keys)
        if len(table) > self.max_lines_per_site:
            for key in [k for k, n in table.items() if n <= 1]:
                del table[key]

    def pages(self, site: str) -> int:
        """How many pages of ``site`` were observed."""
        return self._pages[site]

    def is_template(self, site: str, line: str) -> bool:
        """True when ``line`` recurs on enough pages of ``site`` to be its template."""
        table = self._lines.get(site)
        if not table:
            return False
        seen = table.get(line_key(line), 0)
        return seen >= self.min_pages and seen >= self.min_share * self._pages[site]

    def __repr__(self) -> str:
        return f"SiteTemplates(min_pages={self.min_pages}, min_share={self.min_share}, sites={len(self._pages)})"
