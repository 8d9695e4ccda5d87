"""Dates: turn the date strings a news page carries into timezone-aware UTC datetimes.

Minimal first version (full multilingual support follows): python-dateutil parses,
naive results get the site's timezone, everything is returned in UTC or ``None``.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta, timezone, tzinfo

from dateutil import parser as du_parser
from dateutil import tz as du_tz

logger = logging.getLogger(__name__)

_MIN = datetime(1990, 1, 1, tzinfo=timezone.utc)
_SKEW = timedelta(minutes=15)


def _zone(default_tz: str | tzinfo) -> tzinfo:
    if isinstance(default_tz, tzinfo):
        return default_tz
    zone = du_tz.gettz(default_tz)
    if zone is None:
        raise ValueError(f"unknown timezone: {default_tz!r}")
    return zone


def to_utc(raw: str, *, default_tz: str | tzinfo = "UTC", language: str | None = None,
           now: datetime | None = None) -> datetime | None:
    """Parse one date string into an aware UTC datetime, or ``None``."""
    if not raw or not isinstance(raw, str):
        return None
    try:
        dt = du_parser.parse(raw.strip())
    except (du_parser.ParserError, OverflowError, ValueError):
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=_zone(default_tz))
    dt = dt.astimezone(timezone.utc)
    now = now or datetime.now(timezone.utc)
    if dt < _MIN or dt > now + _SKEW:
        return None
    return dt


def find_dates(tree, *, url: str, text: str | None, language: str | None,
               fetched_at: datetime | None, default_tz: str | tzinfo
               ) -> tuple[datetime | None, datetime | None]:
    """Find (published, modified) on a page; each aware UTC or ``None``."""
    published = modified = None
    if tree is None:
        return None, None
    for meta_name, slot in (("article:published_time", 0), ("article:modified_time", 1)):
        for value in tree.xpath(f'//meta[@property="{meta_name}"]/@content'):
            dt = to_utc(value, default_tz=default_tz, language=language, now=fetched_at)
            if dt is not None:
                if slot == 0 and published is None:
                    published = dt
                elif slot == 1 and modified is None:
                    modified = dt
    if modified is not None and published is not None and modified < published:
        modified = None
    return published, modified
