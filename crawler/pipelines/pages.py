"""Which items are pages to extract: wirecrawl's ``Page``, or any item carrying a page.

wirecrawl's spider yields ``crawler.items.Page``. A Scrapy project of someone else's (the
add-on, ``crawler.addon``) yields what it likes: a dict, a Scrapy ``Item``, a dataclass or
an attrs object, handled through ``itemadapter``. Such an item is a page when it has a
``url`` and a ``body`` (bytes or text) or an ``html`` (text); ``headers`` (a dict, Scrapy's
``Headers`` or pairs), ``status``, ``source`` and ``fetched_at`` are used when present. Any
other item is not a page and goes on untouched.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from itemadapter import ItemAdapter

from crawler.items import SOURCES, Page, header_map
from output.schema import parse_iso_utc


def page_from_item(item: Any) -> Page | None:
    """The ``Page`` an item carries, or ``None`` when it carries none."""
    if isinstance(item, Page):
        return item
    if not ItemAdapter.is_item(item):
        return None
    a = ItemAdapter(item)
    url = a.get("url")
    body = a.get("body")
    if body is None:
        body = a.get("html")
    if not isinstance(url, str) or not url or not isinstance(body, (bytes, str)):
        return None
    raw_headers = a.get("headers") or {}
    if isinstance(raw_headers, (list, tuple)):
        raw_headers = dict(raw_headers)
    headers = header_map(raw_headers)
    if isinstance(body, str):
        # Text is encoded here as UTF-8; a charset the headers name no longer applies.
        body = body.encode("utf-8")
        headers["content-type"] = "text/html; charset=utf-8"
    status = a.get("status")
    source = a.get("source")
    fetched_at = a.get("fetched_at")
    if isinstance(fetched_at, str):
        fetched_at = parse_iso_utc(fetched_at)
    if not isinstance(fetched_at, datetime) or fetched_at.tzinfo is None:
        fetched_at = datetime.now(timezone.utc)
    return Page(url=url, body=body, headers=headers,
                status=status if isinstance(status, int) else 200,
                source=source if source in SOURCES else "link",
                fetched_at=fetched_at)
