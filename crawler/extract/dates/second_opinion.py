"""Dates: htmldate's publication day, asked when the page's own sources say little.

wirecrawl's sources (``dates.sources``) read the places news sites put dates. Blogs, small
sites and pages in unsupported scripts often print their date in forms those rules miss;
htmldate (installed with trafilatura) knows many of them, so its day is one more source
(``dates.sources.harvest``), read when nothing down to the date-ish elements gave a
published date, before the weakest ones (marker-word text, the first lines of the body,
which often date the event, and the URL). Like our day-only dates, it is placed at the
start of the day in the site's zone; a later source on the same day gives its time of day.

htmldate reads the page without its long paragraphs (a date in running prose dates an
event; our sources ignore it too). Its fast search (full dates in markup and date-ish
elements) is asked first, its extensive search (free text too) when that finds nothing.
The extensive search also returns days it completed itself — a year alone ("© 2016") or a
month ("August 2007") becomes the 1st — so, as wirecrawl never invents a day, a 1st found
by the extensive search alone is not taken. What ``find_dates`` does with the day:
``dates.parse``.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time

from htmldate import find_date

from crawler.extract.dates.markup import RawDate
from crawler.extract.dates.visible import without_long_paragraphs

logger = logging.getLogger(__name__)


def _ask(tree, url: str, now: datetime, extensive: bool) -> date | None:
    found = find_date(tree, url=url, original_date=True, extensive_search=extensive,
                      max_date=datetime.combine(now.date(), time.max))  # day-granular: cached
    return date.fromisoformat(found) if found else None


def htmldate_day(tree, url: str, now: datetime) -> date | None:
    """The publication day htmldate finds on the page, or ``None``.

    Args:
        tree: lxml HTML element of the whole page (read, not changed).
        url: page URL (htmldate reads a full date in it first).
        now: fetch time; htmldate returns nothing later than its day.

    Returns:
        The day, or ``None`` when htmldate finds none, or only a year or month.
    """
    try:
        tree = without_long_paragraphs(tree)
        day = _ask(tree, url, now, extensive=False)
        if day is None:
            day = _ask(tree, url, now, extensive=True)
            if day is not None and day.day == 1:
                return None  # completed from a year or month alone
    except Exception as exc:  # noqa: BLE001 - a second opinion must never lose the article
        logger.warning("htmldate failed on %s: %r", url, exc)
        return None
    return day


def from_htmldate(tree, url: str, now: datetime, language: str | None,
                  modified_day: date | None) -> list[RawDate]:
    """htmldate's day as a raw date (``YYYY-MM-DD``), held to wirecrawl's rules.

    Not taken: the day of the page's modified date (a page that states only when it was
    updated keeps no published date), and on a page of unknown language a day that reads
    as well with day and month swapped (htmldate orders "03/04/2026" itself; we do not).

    Args:
        tree: lxml HTML element of the whole page (read, not changed).
        url: page URL.
        now: fetch time.
        language: page language, or ``None``.
        modified_day: the day, in the site's zone, of the modified date found so far.
    """
    day = htmldate_day(tree, url, now)
    if day is None or day == modified_day or (language is None and day.day <= 12 and day.day != day.month):
        return []
    return [RawDate("htmldate", None, day.isoformat())]
