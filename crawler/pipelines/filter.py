"""FilterPipeline: drops bodies too short to be articles, and articles published before ``--since``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from scrapy.exceptions import DropItem, NotConfigured

from crawler.addon import with_defaults
from crawler.items import Record
from spiders.arguments import parse_since
from crawler.extract.script import weighted_len


class FilterPipeline:
    """Drops records whose text is shorter than ``min_chars`` or published before ``since``.

    Lengths are script-aware (``weighted_len``: a Chinese or Japanese character counts as
    three letters), so a Chinese brief of 130 characters is as long as a French one of 400.

    A record without any date (neither on the page nor in its feed/sitemap entry) is kept:
    ``--since`` is a date filter, not a date requirement.
    """

    def __init__(self, min_chars: int, since: datetime | None, stats: Any) -> None:
        self.min_chars = min_chars
        self.since = since
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Any) -> "FilterPipeline":
        s = with_defaults(crawler.settings)
        min_chars = s.getint("WIRECRAWL_MIN_TEXT_CHARS")
        if min_chars < 0:
            raise NotConfigured(f"WIRECRAWL_MIN_TEXT_CHARS ({min_chars!r}) must be 0 or more.")
        return cls(min_chars, parse_since(s.get("WIRECRAWL_SINCE"), "WIRECRAWL_SINCE"), crawler.stats)

    def process_item(self, item: Any, spider: Any = None) -> Any:
        if not isinstance(item, Record):
            return item
        url = item.article.url
        if weighted_len(item.article.text) < self.min_chars:
            self.stats.inc_value("wirecrawl/drop/short")
            raise DropItem(f"body shorter than {self.min_chars} chars: {url}")
        when = item.published_or_hint
        if self.since is not None and when is not None and when < self.since:
            self.stats.inc_value("wirecrawl/drop/before_since")
            raise DropItem(f"published {when.isoformat()} before --since: {url}")
        return item
