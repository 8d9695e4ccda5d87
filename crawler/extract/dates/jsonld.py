"""Dates: read publication dates out of a page's JSON-LD (schema.org) blocks.

The most trusted date source of a news page, and the messiest to walk: a single object,
a list, an ``@graph``, articles nested under ``mainEntity``, values as strings, lists or
``{"@value": ...}``, blocks wrapped in HTML comments or CDATA. Nothing is parsed as a date
here; ``crawler.extract.dates`` does that.
"""

from __future__ import annotations

import json
import logging
import re
from collections import deque
from typing import Any, Iterator

logger = logging.getLogger(__name__)

_LD_WRAPPER = re.compile(r"^\s*(?:<!--|//\s*<!\[CDATA\[|<!\[CDATA\[)|(?:-->|//\s*\]\]>|\]\]>)\s*$")
_MAX_DEPTH = 6

ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle",
    "askpublicnewsarticle", "satiricalarticle", "liveblogposting", "socialmediaposting",
    "discussionforumposting", "report", "scholarlyarticle", "techarticle",
    "advertisercontentarticle", "posting",
})


def _types(node: dict) -> set[str]:
    raw = node.get("@type") or ()
    values = [raw] if isinstance(raw, str) else raw if isinstance(raw, list) else []
    return {str(v).rsplit("/", 1)[-1].rsplit(":", 1)[-1].lower() for v in values}


def first_value(v: Any) -> str | None:
    if isinstance(v, list):
        v = v[0] if v else None
    if isinstance(v, dict):
        v = v.get("@value")
    return v.strip() if isinstance(v, str) and v.strip() else None


def _jsonld_objects(scripts) -> Iterator[dict]:
    """Every JSON object in the JSON-LD blocks among ``scripts``, breadth first, block by block."""
    for script in scripts:
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        body = _LD_WRAPPER.sub("", script.text or "").strip()
        try:
            data = json.loads(body, strict=False)
        except ValueError as exc:
            logger.debug("unreadable JSON-LD block skipped: %s", exc)
            continue
        queue: deque = deque([(data, 0)])
        while queue:
            node, depth = queue.popleft()
            if depth > _MAX_DEPTH:
                continue
            if isinstance(node, list):
                queue.extend((item, depth + 1) for item in node)
            elif isinstance(node, dict):
                yield node
                for key, child in node.items():
                    if key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement",
                               "item", "subjectOf") and isinstance(child, (list, dict)):
                        queue.append((child, depth + 1))


def jsonld_dates(tree) -> list[tuple[str, str]]:
    """(role, raw date) pairs from the JSON-LD of a whole page; see ``jsonld_dates_of_scripts``.

    Args:
        tree: lxml element of the whole page.
    """
    return jsonld_dates_of_scripts(tree.iter("script"))


def jsonld_dates_of_scripts(scripts) -> list[tuple[str, str]]:
    """(role, raw date) pairs from JSON-LD, article-typed objects first.

    Args:
        scripts: the page's ``<script>`` elements, in document order (others are skipped).

    Returns:
        ``("published" | "modified", value)`` pairs of the article-typed objects (NewsArticle,
        BlogPosting...) in document order, breadth first; only when they have none, those of
        any other object (WebPage, VideoObject...). Unreadable blocks are skipped.
    """
    objects = list(_jsonld_objects(scripts))
    articles = [o for o in objects if _types(o) & ARTICLE_TYPES]
    found: list[tuple[str, str]] = []
    for group in (articles, [o for o in objects if o not in articles]):
        for obj in group:
            for key, role in (("datePublished", "published"), ("dateCreated", "published"),
                              ("uploadDate", "published"), ("dateModified", "modified")):
                value = first_value(obj.get(key))
                if value:
                    found.append((role, value))
        if found:
            break
    return found
