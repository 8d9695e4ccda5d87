"""Dates: the ones a page declares as data, in JSON-LD and ``<meta>`` tags.

The most trusted sources of ``find_dates``, read from the ``<script>`` and ``<meta>``
elements that ``PageTags`` collects in one walk of the tree. ``RawDate`` is what every
source (here and in ``dates.visible``) hands on; nothing is parsed here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from crawler.extract.metadata.jsonld import LINKED_ENTITIES, articles, first_value, read


@dataclass(frozen=True, slots=True)
class RawDate:
    """One raw date found on a page.

    ``role`` is ``"published"``, ``"modified"`` or ``None`` (unmarked text: published unless
    an "updated" marker is found inside it). ``kind`` is ``"value"`` (a single date string,
    e.g. a meta content), ``"text"`` (visible text to scan) or ``"url"`` (date-only ISO).
    """

    source: str
    role: str | None
    raw: str
    kind: str = "value"


#: Meta keys (name / property / itemprop / http-equiv, lower case) per source, in order.
META_SOURCES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("og",
     ("article:published_time", "og:article:published_time", "og:published_time",
      "article:published", "og:pubdate"),
     ("article:modified_time", "og:article:modified_time", "og:updated_time",
      "article:modified", "og:modified_time", "article:updated_time")),
    ("itemprop_meta", ("datepublished", "datecreated"), ("datemodified",)),
    ("dublin_core",
     ("dc.date.issued", "dcterms.issued", "dc.date.created", "dcterms.created",
      "dc.date.published", "dcterms.date", "dc.date", "dc:date"),
     ("dcterms.modified", "dc.date.modified", "dc:modified")),
    ("meta",
     ("pubdate", "publishdate", "publish-date", "publish_date", "published_time",
      "sailthru.date", "parsely-pub-date", "article.published", "article_date_original",
      "original-publish-date", "cxenseparse:recs:publishtime", "date", "og:date"),
     ("lastmod", "last-modified", "article.updated", "updated_time", "modified_time",
      "date.modified", "revised")),
)


@dataclass(slots=True)
class PageTags:
    """The ``<script>``, ``<meta>`` and ``<time>`` elements of a page, from one walk.

    lxml's tag-filtered ``iter`` walks the tree in C and builds Python objects only for
    the matching elements: one walk serves the JSON-LD, meta and ``<time>`` sources.
    """

    scripts: list
    metas: list
    times: list

    @classmethod
    def of(cls, tree) -> "PageTags":
        scripts, metas, times = [], [], []
        by_tag = {"script": scripts, "meta": metas, "time": times}
        for el in tree.iter("script", "meta", "time"):
            by_tag[el.tag].append(el)
        return cls(scripts, metas, times)


# --- JSON-LD -------------------------------------------------------------------------------

_JSONLD_DATES = (("datePublished", "published"), ("dateCreated", "published"),
                 ("uploadDate", "published"), ("dateModified", "modified"))


def from_jsonld(scripts) -> list[RawDate]:
    """Dates of the JSON-LD objects, those of article-typed objects first.

    Args:
        scripts: the page's ``<script>`` elements, in document order (``PageTags.scripts``).

    Returns:
        The dates of the article-typed objects (NewsArticle, BlogPosting...) in document
        order, breadth first; only when they have none, those of any other object
        (WebPage, VideoObject...), including listed and linked ones.
    """
    objects = read(scripts, follow=LINKED_ENTITIES)
    arts = articles(objects)
    found: list[RawDate] = []
    for group in (arts, [o for o in objects if o not in arts]):
        for obj in group:
            for key, role in _JSONLD_DATES:
                value = first_value(obj.get(key))
                if value:
                    found.append(RawDate("jsonld", role, value))
        if found:
            break
    return found


# --- metas ---------------------------------------------------------------------------------

def _metas(meta_elements) -> dict[str, list[str]]:
    metas: dict[str, list[str]] = {}
    for meta in meta_elements:
        content = (meta.get("content") or "").strip()
        if not content:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = (meta.get(attr) or "").strip().lower()
            if key:
                metas.setdefault(key, []).append(content)
    return metas


def meta_sources(meta_elements) -> list[tuple[str, list[RawDate]]]:
    """One (source name, dates) entry per meta group of ``META_SOURCES``, in trust order.

    Args:
        meta_elements: the page's ``<meta>`` elements (``PageTags.metas``).
    """
    metas = _metas(meta_elements)
    groups = []
    for name, published, modified in META_SOURCES:
        found = [RawDate(name, "published", v) for key in published for v in metas.get(key, ())]
        found += [RawDate(name, "modified", v) for key in modified for v in metas.get(key, ())]
        if name == "meta":
            for blob in metas.get("parsely-page", ()):
                try:
                    value = first_value(json.loads(blob).get("pub_date"))
                except (ValueError, AttributeError):
                    value = None
                if value:
                    found.append(RawDate(name, "published", value))
        groups.append((name, found))
    return groups
