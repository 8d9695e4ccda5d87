"""Site-template lines learned across the pages of one site: the one line learner.

Some boilerplate survives any single-page extractor because, on one page, it looks like
body text: a disclaimer under every article, a "Follow us on ..." line, a recurring
section name, "Read also: <another headline>". Across many pages of the same site it
gives itself away by recurring verbatim. ``SiteLines`` is the one counting mechanism for
that: per site, how many texts were seen and how often each line was counted (lines
compared by ``line_key``, counted by its hash ``line_hash``). Two policies read it:

- ``SiteTemplates`` (here, extraction's cleanup): every line of a page is counted once
  per page; a line seen on at least ``min_pages`` pages *and* on at least ``min_share``
  of the site's pages is template. It is mutable and shared per crawl
  (``ExtractOptions.templates``); every extraction feeds it.
- ``dedup.boilerplate.SiteBoilerplate`` (story grouping): only the edge lines of a text
  and the opening words of short link lines are counted, and a line counted in at least
  ``repeats`` earlier texts is dropped before the text is signed.

Pure and single-threaded: Scrapy pipelines and ``StoryIndex`` feed it from one thread,
so no locking is done.
"""

from __future__ import annotations

from collections.abc import Iterable

import xxhash

__all__ = ["SiteLines", "SiteTemplates", "line_hash", "line_key"]


def line_key(line: str) -> str:
    """The comparison key of a line: whitespace collapsed, case folded."""
    return " ".join(line.split()).casefold()


def line_hash(line: str) -> int:
    """``line_key`` as a non-negative 63-bit integer (what ``SiteLines`` counts and stores)."""
    return xxhash.xxh3_64_intdigest(line_key(line).encode("utf-8")) & 0x7FFFFFFFFFFFFFFF


class SiteLines:
    """Per site, the number of texts seen and a count per line hash.

    Args:
        prune_every: after every this many texts of a site, forget its keys counted once
            (``None``: never on a schedule).
        max_keys: when a site's table grows past this many keys, forget its keys counted
            once (``None``: no bound).

    Raises:
        ValueError: on a bound below 1.
    """

    def __init__(self, *, prune_every: int | None = None, max_keys: int | None = None) -> None:
        for name, v in (("prune_every", prune_every), ("max_keys", max_keys)):
            if v is not None and (not isinstance(v, int) or v < 1):
                raise ValueError(f"{name} must be an int >= 1 or None, got {v!r}")
        self.prune_every = prune_every
        self.max_keys = max_keys
        self._texts: dict[str, int] = {}
        self._counts: dict[str, dict[int, int]] = {}

    def observe(self, site: str, keys: Iterable[int]) -> list[int]:
        """Count one more text of ``site`` carrying ``keys`` (in order; repeats count again).

        Args:
            site: the text's site.
            keys: line hashes (``line_hash``) to count, in order.

        Returns:
            Per key, its count before it was counted here (so a key repeated within
            ``keys`` sees its own earlier occurrence).
        """
        counts = self._counts.setdefault(site, {})
        before = []
        for k in keys:
            c = counts.get(k, 0)
            before.append(c)
            counts[k] = c + 1
        n = self._texts[site] = self._texts.get(site, 0) + 1
        if (self.prune_every and n % self.prune_every == 0) or (self.max_keys and len(counts) > self.max_keys):
            self._counts[site] = {k: c for k, c in counts.items() if c > 1}
        return before

    def texts(self, site: str) -> int:
        """How many texts of ``site`` were observed."""
        return self._texts.get(site, 0)

    def count(self, site: str, key: int) -> int:
        """How often ``key`` was counted for ``site``."""
        return self._counts.get(site, {}).get(key, 0)

    def size(self, site: str) -> int:
        """How many keys ``site``'s table holds (its memory)."""
        return len(self._counts.get(site, ()))

    def state(self, site: str) -> tuple[int, dict[int, int]]:
        """``(texts seen, {line hash: count})`` of ``site``, for persistence."""
        return self._texts.get(site, 0), self._counts.get(site, {})

    def restore(self, site: str, texts: int, counts: dict[int, int]) -> None:
        """Set the state of ``site`` (as returned by ``state``)."""
        self._texts[site] = texts
        self._counts[site] = counts

    def sites(self) -> int:
        """How many sites were observed."""
        return len(self._texts)


class SiteTemplates:
    """Counts lines per site across pages and tells which lines are site template.

    Args:
        min_pages: a line must be seen on at least this many pages of a site
            (``WIRECRAWL_TEMPLATE_MIN_PAGES``).
        min_share: ... and on at least this share of the site's pages
            (``WIRECRAWL_TEMPLATE_MIN_SHARE``).
        max_lines_per_site: memory bound; when a site's table grows past it, lines seen
            only once are forgotten.

    Attributes:
        lines: the underlying per-site line counts.

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
        self.lines = SiteLines(max_keys=max_lines_per_site)

    def observe(self, site: str, lines: Iterable[str]) -> None:
        """Record that one page of ``site`` carried these lines (each counted once per page)."""
        self.lines.observe(site, {line_hash(line) for line in lines if line.strip()})

    def pages(self, site: str) -> int:
        """How many pages of ``site`` were observed."""
        return self.lines.texts(site)

    def is_template(self, site: str, line: str) -> bool:
        """True when ``line`` recurs on enough pages of ``site`` to be its template."""
        seen = self.lines.count(site, line_hash(line))
        return seen >= self.min_pages and seen >= self.min_share * self.lines.texts(site)

    def __repr__(self) -> str:
        return f"SiteTemplates(min_pages={self.min_pages}, min_share={self.min_share}, sites={self.lines.sites()})"
