"""Dates: where on a news page the publication and update dates are written.

Harvests raw date strings from an lxml page tree, tagged with the source they come from,
in the order of trust that ``crawler.extract.dates.find_dates`` applies: JSON-LD, Open
Graph / ``article:`` metas, ``itemprop``, Dublin Core, other common metas, ``<time>``
elements, visible text of date-ish elements, htmldate's day (``dates.second_opinion``),
short texts saying "published"/"updated" before a date, the first lines of the body, the
URL path. Nothing is parsed here; each source is a named function so its selectors read
as data.

Sources are read lazily so the caller can stop at the first trusted ones (this runs on
every page, next to trafilatura); the ``<script>``/``<meta>``/``<time>`` elements come
from one C-level walk (``PageTags``). The sources themselves live in ``dates.markup``
(declared as data) and ``dates.visible`` (shown on the page, and the URL).
"""

from __future__ import annotations

import logging
from typing import Callable, Iterator

from crawler.extract.dates.markup import PageTags, RawDate, from_jsonld, meta_sources
from crawler.extract.dates.visible import (from_body, from_dateish_text, from_itemprop, from_marked_text,
                                           from_time_elements, from_url)

logger = logging.getLogger(__name__)


#: Source names in order of trust (``harvest`` yields them in this order).
SOURCE_ORDER: tuple[str, ...] = ("jsonld", "og", "itemprop", "dublin_core", "meta", "time",
                                 "text", "htmldate", "marked", "body", "url")


def harvest(tree, url: str, text: str | None, skip: Callable[[str], bool] | None = None,
            htmldate: Callable[[], list[RawDate]] | None = None
            ) -> Iterator[tuple[str, list[RawDate]]]:
    """Raw dates of every source, as (source name, dates) in ``SOURCE_ORDER``, lazily.

    A source is read only when the caller asks for it, so a caller that stops at the first
    trusted sources never pays for the visible-text scan. The ``<script>``, ``<meta>`` and
    ``<time>`` elements are collected in one walk of the tree, on first need.

    Args:
        tree: lxml HTML element (or ElementTree) of the whole page, or ``None``.
        url: the page URL (its path may carry a date).
        text: the cleaned article body, or ``None``.
        skip: asked with a source name just before that source is read; ``True`` leaves
            it unread (yielded with no dates).
        htmldate: reads the "htmldate" source (``dates.second_opinion``, which needs what
            the caller knows: fetch time, language, modified date); ``None``: no dates.

    Yields:
        One entry per source, possibly with an empty list. A source that fails on a
        malformed page is logged and contributes nothing; the others still run.
    """
    if tree is not None and hasattr(tree, "getroot"):
        tree = tree.getroot()
    steps: list[tuple[str, Callable[[], list[RawDate]]]] = [
        ("body", lambda: from_body(text)), ("url", lambda: from_url(url))]
    if tree is not None:
        cache: dict = {}

        def tags() -> PageTags:
            if "tags" not in cache:
                cache["tags"] = PageTags.of(tree)
            return cache["tags"]

        def meta(name: str) -> list[RawDate]:
            if "metas" not in cache:
                cache["metas"] = dict(meta_sources(tags().metas))
            return cache["metas"][name]

        steps = [
            ("jsonld", lambda: from_jsonld(tags().scripts)),
            ("og", lambda: meta("og")),
            ("itemprop", lambda: meta("itemprop_meta") + from_itemprop(tree)),
            ("dublin_core", lambda: meta("dublin_core")),
            ("meta", lambda: meta("meta")),
            ("time", lambda: from_time_elements(tags().times)),
            ("text", lambda: from_dateish_text(tree)),
            ("htmldate", htmldate or list),
            ("marked", lambda: from_marked_text(tree)),
            *steps,
        ]
    for name, step in steps:
        if skip is not None and skip(name):
            yield name, []
            continue
        try:
            found = step()
        except Exception as exc:  # noqa: BLE001 - one broken source must not lose the others
            logger.warning("date source %s failed on %s: %r", name, url, exc)
            found = []
        yield name, found
