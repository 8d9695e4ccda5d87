"""Leaked boilerplate: lines that recur across many articles of one site in the output.

Extraction already drops the lines its template learner recognises (``crawler.extract.template``);
what still recurs verbatim in the written bodies of one site — a disclaimer, a "Follow us"
line, a subscription prompt the learner saw too late or too rarely — is likely template
that leaked into the corpus. Counted with the crawl's one site line learner
(``SiteLines``, lines compared by ``line_key``), each line once per article. Pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from crawler.extract.template import SiteLines, line_hash

__all__ = ["Leak", "recurring_lines"]


@dataclass(frozen=True)
class Leak:
    """``line`` (as first seen) recurs in ``articles`` of the ``site_articles`` articles of ``site``."""

    site: str
    line: str
    articles: int
    site_articles: int

    @property
    def share(self) -> float:
        return self.articles / self.site_articles if self.site_articles else 0.0


def recurring_lines(articles: Iterable[Mapping[str, Any]], *, min_articles: int = 3,
                    min_share: float = 0.2, min_words: int = 3) -> list[Leak]:
    """Lines found in at least ``min_articles`` articles of one site and in at least
    ``min_share`` of that site's articles, most frequent first.

    Args:
        articles: records with ``site`` and ``text`` (``articles.jsonl`` lines).
        min_articles: fewest articles a line must recur in.
        min_share: smallest share of the site's articles it must recur in.
        min_words: shorter lines (a dateline, "AFP") are not reported.

    Raises:
        ValueError: when ``min_articles`` is below 2 or ``min_share`` is outside [0, 1].
    """
    if min_articles < 2:
        raise ValueError(f"min_articles ({min_articles!r}) must be 2 or more")
    if not 0.0 <= min_share <= 1.0:
        raise ValueError(f"min_share ({min_share!r}) must be in [0, 1]")
    counts = SiteLines()
    first_seen: dict[tuple[str, int], str] = {}
    for rec in articles:
        site, text = str(rec.get("site") or ""), rec.get("text")
        if not isinstance(text, str):
            continue
        keys: dict[int, str] = {}
        for line in text.split("\n"):
            line = line.strip()
            if len(line.split()) >= min_words:
                keys.setdefault(line_hash(line), line)
        counts.observe(site, keys)
        for key, line in keys.items():
            first_seen.setdefault((site, key), line)
    leaks = []
    for (site, key), line in first_seen.items():
        n, total = counts.count(site, key), counts.texts(site)
        if n >= min_articles and n >= min_share * total:
            leaks.append(Leak(site, line, n, total))
    return sorted(leaks, key=lambda x: (-x.articles, x.site, x.line))
