"""Dates: the date hints a feed or sitemap gives its entries, as datetimes.

``spiders.feeds.iso_hint`` writes each entry's date as ISO 8601, keeping the offset the
source stated (``...+01:00``, ``Z`` for UTC). Those offsets teach a site's zone
(``crawler.extract.dates.placement``) only when the hint has a time of day and an offset;
this module tells which hints do and turns them into aware datetimes. Pure: no Scrapy.
"""

from __future__ import annotations

import re
from datetime import datetime

from output.schema import parse_iso_utc

_STATED_ZONE = re.compile(r"T\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$")


def hint_datetime(hint: str | None) -> datetime | None:
    """An ISO hint (from ``spiders.feeds.iso_hint``) as an aware datetime in the offset it
    stated; naive and date-only values taken as UTC."""
    if not hint:
        return None
    if hint_states_zone(hint):
        try:
            return datetime.fromisoformat(hint.replace("Z", "+00:00"))
        except ValueError:
            return None
    return parse_iso_utc(hint)


def hint_states_zone(hint: str | None) -> bool:
    """True for a hint with a time of day and the offset it is in (``...T09:03:00+01:00``)."""
    return bool(hint) and _STATED_ZONE.search(hint) is not None
