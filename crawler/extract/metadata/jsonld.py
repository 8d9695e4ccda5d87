"""The page's JSON-LD (schema.org): the one reader for metadata, dates and page detection.

The most trusted metadata of a news page, and the messiest to walk: a single object, a
list, an ``@graph``, the article nested under ``mainEntity``, values as strings, lists or
``{"@value": ...}``, blocks wrapped in HTML comments or CDATA, JSON with raw newlines in
strings. Every reader of the page's JSON-LD goes through ``read`` (title and authors,
dates, the spider's article detection), so they agree on what the page declares and on
which ``@type`` is an article (``ARTICLE_TYPES``). Nothing here interprets a value.
"""

from __future__ import annotations

import json
import logging
import re
from collections import deque
from typing import Any, Iterable

logger = logging.getLogger(__name__)

_LD_WRAPPER = re.compile(r"^\s*(?:<!--|//\s*<!\[CDATA\[|<!\[CDATA\[)|(?:-->|//\s*\]\]>|\]\]>)\s*$")
_MAX_DEPTH = 6

#: schema.org types (lower case, without their namespace) whose object is the article.
ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle",
    "askpublicnewsarticle", "satiricalarticle", "liveblogposting", "socialmediaposting",
    "discussionforumposting", "report", "scholarlyarticle", "techarticle",
    "advertisercontentarticle", "posting",
})

#: Keys under which an object names the page's own entities: followed by default.
PAGE_ENTITIES = ("@graph", "mainEntity", "mainEntityOfPage")
#: ... and under which it lists or links other objects (list items, a video's subject).
LINKED_ENTITIES = PAGE_ENTITIES + ("itemListElement", "item", "subjectOf")


def _scripts(page) -> Iterable:
    return page.iter("script") if hasattr(page, "iter") else page


def read(page, *, follow: tuple[str, ...] = PAGE_ENTITIES) -> list[dict]:
    """Every JSON-LD object of the page, breadth first, block by block.

    Args:
        page: the lxml tree of the page, or its ``<script>`` elements in document order
            (other scripts than ``application/ld+json`` are skipped).
        follow: keys whose object or list value is walked into (up to 6 levels), besides
            top-level lists; ``PAGE_ENTITIES`` by default, ``LINKED_ENTITIES`` for more.

    Returns:
        The objects in document order, each parent before what it names. A block that is
        not JSON (even once an HTML comment or CDATA wrapper is removed) is skipped.
    """
    out: list[dict] = []
    for script in _scripts(page):
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
                out.append(node)
                for key, child in node.items():
                    if key in follow and isinstance(child, (list, dict)):
                        queue.append((child, depth + 1))
    return out


def types_of(node: dict) -> set[str]:
    """The ``@type`` names of ``node``, lower case, without a namespace ("schema:NewsArticle")."""
    raw = node.get("@type") or ()
    values = [raw] if isinstance(raw, str) else raw if isinstance(raw, list) else []
    return {str(v).rsplit("/", 1)[-1].rsplit(":", 1)[-1].lower() for v in values}


def articles(nodes: Iterable[dict]) -> list[dict]:
    """The objects among ``nodes`` typed as an article (``ARTICLE_TYPES``), in order."""
    return [n for n in nodes if types_of(n) & ARTICLE_TYPES]


def first_value(v: Any) -> str | None:
    """The first non-empty string of a JSON-LD value (a string, a list, ``{"@value": ...}``)."""
    if isinstance(v, list):
        v = v[0] if v else None
    if isinstance(v, dict):
        v = v.get("@value")
    return v.strip() if isinstance(v, str) and v.strip() else None
