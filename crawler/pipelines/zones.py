"""ZonePipeline: times a page printed without a zone, placed in the zone its site states elsewhere.

Extraction runs in worker processes, one page at a time; what a site says about its zone is
spread over its feed, its sitemaps and its other pages. This stage, in the crawl's process,
gathers that evidence in one ``crawler.extract.dates.placement.ZonePlacer`` (the pure core
``wirecrawl extract --warc`` uses too; this is its Scrapy adapter) — the dates of every feed
and sitemap the spider parses (``spiders.signals.listing_parsed``), the instants each page
states with an offset, each page's own feed date — and places each record's naive times
with it. A site given a zone by ``--site-tz`` (``WIRECRAWL_SITE_TIMEZONES``) keeps it.
A page reached by a link whose URL a listing read earlier also lists has that listing's
date as its own feed date (the request that won the dupefilter did not carry it).

A page that arrives before anything was learned for its site keeps its assumed (or
``--tz``) zone: records are written as they come, so the answer depends on what the crawl
had read by then; a site's feed is usually read before the pages it lists. With ``--state
DIR`` the observations are saved in ``DIR/zones.json`` when the crawl closes (off the
reactor's thread, under the state's lock) and read when the next one starts, so a
scheduled crawl starts knowing its sites' zones.
"""

from __future__ import annotations

import functools
import json
import logging
from dataclasses import replace
from pathlib import Path
from typing import Any

from scrapy.exceptions import NotConfigured

from crawler.addon import with_defaults
from crawler.extract.dates.placement import ZonePlacer
from crawler.extract.dates.sitezones import SiteZones
from crawler.items import Record
from crawler.pipelines.offthread import SerialThread
from output.atomic import write_json_atomic
from spiders.feeds import Listing
from spiders.signals import listing_parsed
from spiders.urls import ParamStripper, dedup_key

ZONES_FILE = "zones.json"

logger = logging.getLogger(__name__)


class ZonePipeline:
    """``Record`` -> ``Record`` with its naive times placed in the site's learned zone.

    Counts ``wirecrawl/date/zone/<how>`` (``stated``, ``configured``, ``learned``,
    ``assumed``) for each record with a published date.

    Args:
        placer: the learner and placer (one per crawl; it knows the configured sites).
        stats: Scrapy's stats collector (or anything with ``inc_value``).
        path: where the observations are saved at close (``--state``: ``DIR/zones.json``).
    """

    def __init__(self, placer: ZonePlacer, stats: Any, path: Path | None = None) -> None:
        self.placer = placer
        self.stats = stats
        self.path = path

    @classmethod
    def from_crawler(cls, crawler: Any) -> "ZonePipeline":
        s = with_defaults(crawler.settings)
        if not s.getbool("WIRECRAWL_ZONE_LEARNING"):
            raise NotConfigured("WIRECRAWL_ZONE_LEARNING is off")
        directory = s.get("WIRECRAWL_STATE_DIR")
        path = Path(directory) / ZONES_FILE if directory else None
        strip = ParamStripper(s.getlist("WIRECRAWL_STRIP_QUERY_PARAMS"))
        placer = ZonePlacer(load_zones(path), s.getdict("WIRECRAWL_SITE_TIMEZONES"),
                            key=functools.partial(dedup_key, strip=strip))
        pipe = cls(placer, crawler.stats, path)
        crawler.signals.connect(pipe.listing_parsed, signal=listing_parsed)
        return pipe

    def listing_parsed(self, listing: Listing, url: str = "") -> None:
        """Learn the offsets a feed or sitemap states for the sites of its entries."""
        self.placer.learn_listing(listing.entries)

    def process_item(self, item: Any, spider: Any = None) -> Any:
        if not isinstance(item, Record):
            return item
        article = item.article
        hint = item.published_hint if item.hint_zone_stated else None
        placed = self.placer.learn_and_place(article, hint, now=item.fetched_at)
        if placed is not article:
            item = replace(item, article=placed)
        if item.article.published_zone:
            self.stats.inc_value(f"wirecrawl/date/zone/{item.article.published_zone}")
        return item

    async def close_spider(self, spider: Any = None) -> None:
        if self.path is None:
            return
        thread = SerialThread("wirecrawl-zones")
        try:
            await thread.run(write_json_atomic, self.path, self.placer.zones.to_json())
        finally:
            thread.shutdown()


def load_zones(path: Path | None) -> SiteZones:
    """The learner, knowing what an earlier run saved at ``path`` (a missing or unreadable
    file: a fresh one, said once in the log)."""
    if path is None or not path.exists():
        return SiteZones()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        logger.warning("%s unreadable (%s): site zones are learned afresh", path, exc)
        return SiteZones()
    return SiteZones.from_json(data)
