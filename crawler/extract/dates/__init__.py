"""Dates: what a news page says about its publication, as timezone-aware UTC.

``to_utc`` (one string -> aware UTC datetime or ``None``) and ``find_dates`` (a whole page
-> (published, modified)) are the two functions the rest of wirecrawl uses; ``parse``
holds them. ``sources`` harvests raw date strings from the page in order of trust
(``markup``: JSON-LD and metas; ``visible``: elements, text, URL), ``text`` locates and
tidies them, ``lang`` and ``zones`` are the vocabulary dateutil is given;
``second_opinion`` asks htmldate for the day where those sources find little.
"""

from crawler.extract.dates.parse import PageDates, find_dates, find_page_dates, to_utc

__all__ = ["PageDates", "find_dates", "find_page_dates", "to_utc"]
