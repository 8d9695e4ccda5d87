"""Date coverage of a run's articles: which carry a published / modified date, per site, how
their time zone was known when the records say so, and when they were published.

A record carrying ``ZONE_FIELD`` (``"stated"``, ``"configured"``, ``"learned"``,
``"assumed"``: ``output.schema`` writes it since the zone stage exists) is counted by that
value; the page says when no record carries it (runs written before). Dates are read with ``output.schema.parse_iso_utc``. Pure.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from output.schema import parse_iso_utc

__all__ = ["ZONE_FIELD", "Coverage", "DateCoverage", "date_coverage"]

ZONE_FIELD = "published_zone"  # how the published date's zone was known, when recorded


@dataclass
class Coverage:
    """Counts for one group of articles (a site, or all)."""

    articles: int = 0
    published: int = 0
    modified: int = 0
    zones: Counter = field(default_factory=Counter)

    def share(self, n: int) -> float:
        return n / self.articles if self.articles else 0.0


@dataclass
class DateCoverage:
    """``total`` and ``per_site`` coverage; published instants counted per UTC hour and day."""

    total: Coverage
    per_site: dict[str, Coverage]
    by_hour: list[int]
    by_day: dict[str, int]

    @property
    def zones_recorded(self) -> bool:
        return bool(self.total.zones)


def _instant(value: Any) -> datetime | None:
    return parse_iso_utc(value) if isinstance(value, str) else None


def date_coverage(articles: Iterable[Mapping[str, Any]]) -> DateCoverage:
    """Counts dates over ``articles`` (``articles.jsonl`` lines)."""
    total = Coverage()
    per_site: dict[str, Coverage] = {}
    by_hour = [0] * 24
    by_day: Counter = Counter()
    for rec in articles:
        site = per_site.setdefault(str(rec.get("site") or ""), Coverage())
        published, modified = _instant(rec.get("published")), _instant(rec.get("modified"))
        zone = rec.get(ZONE_FIELD)
        for c in (total, site):
            c.articles += 1
            c.published += published is not None
            c.modified += modified is not None
            if isinstance(zone, str) and zone:
                c.zones[zone] += 1
        if published is not None:
            by_hour[published.hour] += 1
            by_day[published.strftime("%Y-%m-%d")] += 1
    return DateCoverage(total, dict(sorted(per_site.items())), by_hour, dict(sorted(by_day.items())))
