"""Dates: the ones a page shows in its elements and text, and the one in its URL.

Below the declared dates (``dates.markup``) in trust: ``itemprop`` elements, ``<time>``
elements, the visible text of date-ish elements ("byline", "dateline" classes), short
texts saying "published"/"updated" before a date, the first lines of the body, the URL
path. Nothing is parsed here.

This runs on every page next to trafilatura: class/id or text scans fetch attribute/text
values with one XPath and search them joined, with one regex call, rather than visiting
every element from Python.
"""

from __future__ import annotations

import re
from copy import deepcopy
from urllib.parse import urlsplit

from lxml import etree

from crawler.extract.dates.lang import LANGUAGES
from crawler.extract.dates.markup import RawDate
from crawler.extract.dates.text import is_cjk, trie_pattern

_EXCLUDED_TAGS = frozenset({"nav", "footer", "aside", "script", "style", "noscript", "template"})
_EXCLUDED_CLASS = re.compile(
    r"related|teaser|comment|recommend|sidebar|footer|widget|popular|trending|newsletter|"
    r"promo|more-|read-?next|outbrain|taboola", re.IGNORECASE)
_DATEISH_CLASS = re.compile(
    r"date|time|publi|meta|byline|dateline|posted|stamp|datum|fecha|zeit|heure|updat|modif|"
    r"(?<![a-z])data(?![a-z])",  # Italian/Portuguese "data", not "metadata" or "dataset"
    re.IGNORECASE)
_MODIFIED_CLASS = re.compile(r"updat|modif|\bmaj\b|aktualis|actualiz|aggiorn|atualiz|revis",
                             re.IGNORECASE)
_PUBLISHED_CLASS = re.compile(r"publi|posted|created|pubdate", re.IGNORECASE)
_URL_DATES = (
    re.compile(r"/((?:19|20)\d{2})/([01]?\d)/([0-3]?\d)(?=/|$|[-_.])"),
    re.compile(r"(?<![\d])((?:19|20)\d{2})-([01]\d)-([0-3]\d)(?!\d)"),
    re.compile(r"(?<![\d])((?:19|20)\d{2})([01]\d)([0-3]\d)(?!\d)"),
)
_MAX_DATEISH_TEXT = 250
_BODY_LINES = 3
_SHORT_LINE = 160
_DATELINE_PREFIX = 80


def _attr_text(el) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}"


def _text_of(el) -> str:
    return " ".join(t for t in el.itertext() if t and t.strip())


def _short_text_of(el, limit: int) -> str | None:
    """``_text_of(el)``, or ``None`` as soon as it is known to exceed ``limit`` characters
    (a date-ish class on a whole article must not make us join its full text)."""
    parts: list[str] = []
    size = -1
    for t in el.itertext():
        if t and t.strip():
            size += len(t) + 1
            if size > limit:
                return None
            parts.append(t)
    return " ".join(parts)


def _is_excluded(el, memo: dict | None = None) -> bool:
    """True when ``el`` sits in navigation, footer, teaser lists or comments.

    ``memo`` (element -> verdict), shared by the calls of one page, saves re-walking the
    ancestors that date-ish elements have in common.
    """
    path = []
    node = el
    verdict = False
    while node is not None:
        if memo is not None and node in memo:
            verdict = memo[node]
            break
        path.append(node)
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag.lower() in _EXCLUDED_TAGS or _EXCLUDED_CLASS.search(_attr_text(node)):
            verdict = True
            break
        node = node.getparent()
    if memo is not None:
        for seen in path:
            memo[seen] = verdict
    return verdict


_PARAGRAPHS = etree.XPath("//p")


def without_long_paragraphs(tree):
    """A copy of the page without its long paragraphs, for a dater that reads the whole
    page: a date inside running prose ("the report, published on 3 March 2020, found")
    dates an event, not the page, as ``from_marked_text`` holds."""
    copy = deepcopy(tree)
    for p in _PARAGRAPHS(copy):
        if _short_text_of(p, _MAX_DATEISH_TEXT) is None:
            p.drop_tree()
    return copy


def _in_article(el) -> bool:
    node = el.getparent()
    while node is not None:
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if tag in ("article", "main") or node.get("itemprop") == "articleBody" \
                or "Article" in (node.get("itemtype") or ""):
            return True
        node = node.getparent()
    return False


#: Attribute-only XPaths: libxml2 walks the tree, Python sees only the (few) values.
_ITEMPROP_ATTRS = etree.XPath("//@itemprop")
_CLASS_ID_ATTRS = etree.XPath("//@class | //@id")


_ITEMPROP_DATES = {"datepublished": "published", "datecreated": "published",
                   "datemodified": "modified"}


def from_itemprop(tree) -> list[RawDate]:
    """Non-meta elements carrying itemprop=datePublished/dateModified (content, datetime, text)."""
    found = []
    for attr in _ITEMPROP_ATTRS(tree):
        role = _ITEMPROP_DATES.get(attr.strip().lower())
        if role is None:
            continue
        el = attr.getparent()
        if el.tag == "meta":
            continue
        value = el.get("content") or el.get("datetime") or _text_of(el)
        if value and value.strip():
            found.append(RawDate("itemprop", role, value.strip(),
                                 "value" if el.get("content") or el.get("datetime") else "text"))
    return found


# --- <time> and visible text -----------------------------------------------------------------

def from_time_elements(time_elements) -> list[RawDate]:
    """``<time datetime>`` elements, best first: marked pubdate/itemprop, inside the article.

    Args:
        time_elements: the page's ``<time>`` elements in document order (``PageTags.times``).
    """
    scored = []
    memo: dict = {}
    for order, el in enumerate(time_elements):
        value = (el.get("datetime") or "").strip()
        if not value or _is_excluded(el, memo):
            continue
        hints = _attr_text(el) + " " + (el.get("itemprop") or "")
        role = "modified" if _MODIFIED_CLASS.search(hints) else "published"
        score = (2 * (el.get("pubdate") is not None or "datepublished" in hints.lower())
                 + 2 * _in_article(el) + bool(_PUBLISHED_CLASS.search(hints)))
        scored.append((-score, order, RawDate("time", role, value)))
    return [raw for _, _, raw in sorted(scored, key=lambda t: t[:2])]


_NOT_DATEISH_TAGS = frozenset({"html", "body", "head", "meta", "script", "style"})


_DATEISH_LOWER = re.compile(_DATEISH_CLASS.pattern)  # on lowered text: far faster than re.I


def _dateish_elements(tree) -> list:
    """Elements whose class or id says date, time, byline..., in document order, once each.

    The page's class/id values are joined into one lowered string searched once: a regex
    call per value (hundreds per page) costs more than the tree walk.
    """
    values = _CLASS_ID_ATTRS(tree)
    joined = "\x00".join(values).lower()  # NUL cannot occur in a parsed HTML attribute
    elements = []
    last = None
    index = pos = 0
    for m in _DATEISH_LOWER.finditer(joined):
        index += joined.count("\x00", pos, m.start())
        pos = m.start()
        el = values[index].getparent()
        if el is not last:  # class and id of one element, or two words in one value
            elements.append(el)
            last = el
    return elements


def from_dateish_text(tree) -> list[RawDate]:
    """Visible text of short elements whose class/id says date, time, byline..., article first."""
    scored = []
    memo: dict = {}
    for order, el in enumerate(_dateish_elements(tree)):
        if not isinstance(el.tag, str) or el.tag in _NOT_DATEISH_TAGS:
            continue
        text = _short_text_of(el, _MAX_DATEISH_TEXT)
        if not text or _is_excluded(el, memo):
            continue
        role = "modified" if _MODIFIED_CLASS.search(_attr_text(el)) else None
        scored.append((not _in_article(el), order, RawDate("text", role, text, "text")))
    return [raw for _, _, raw in sorted(scored, key=lambda t: t[:2])]


#: "published"/"updated" words of every language (lower case), as one trie regex.
_MARKER_WORDS = re.compile(trie_pattern(
    w for lang in LANGUAGES.values() for w in (*lang.published, *lang.modified)))
_MARKER_REACH = 40  # the date's first digit must follow the marker within this many characters
_TEXT_VALUES = etree.XPath("//text()", smart_strings=False)
_TEXT_NODES = etree.XPath("//text()")
_MAX_MARKED = 5


def _marker_positions(text: str) -> list[int]:
    """Offsets in lowered ``text`` of a whole marker word followed closely by a digit.

    A CJK marker ("发布时间", "公開") has no word boundary to check, as its neighbours are
    letters too; it must instead be followed by the date with no letter in between
    ("发布时间：2026-11-28", not "发布通知，2026年起"), as a label is.
    """
    found = []
    for m in _MARKER_WORDS.finditer(text):
        start, end = m.span()
        after = text[end:end + _MARKER_REACH]
        if is_cjk(m.group()):
            gap = next((after[:i] for i, ch in enumerate(after) if ch.isdigit()), None)
            if gap is not None and not any(ch.isalpha() for ch in gap):
                found.append(start)
        elif (start == 0 or not text[start - 1].isalpha()) \
                and (end == len(text) or not text[end].isalpha()) \
                and any(ch.isdigit() for ch in after):
            found.append(start)
    return found


def from_marked_text(tree) -> list[RawDate]:
    """Short elements whose text says "published"/"updated" and then a date, whatever
    their class ("<span class='about'>publiziert am 30. Juli 2018</span>"), article first.

    All text nodes are joined and searched once; elements are looked up only on a match.
    """
    values = _TEXT_VALUES(tree)
    # A text node longer than a date-ish element may be (scripts, paragraphs) can never
    # yield one: blank it, keeping node indices, so the search covers only short texts.
    joined = "\x00".join(v if len(v) <= _MAX_DATEISH_TEXT else "" for v in values).lower()
    matches = _marker_positions(joined)
    if not matches:
        return []
    nodes = _TEXT_NODES(tree)
    if len(nodes) != len(values):  # pragma: no cover - same XPath, same tree
        return []
    scored = []
    seen: list = []
    memo: dict = {}
    index = pos = 0
    for start in matches:
        index += joined.count("\x00", pos, start)
        pos = start
        node = nodes[index]
        el = node.getparent()
        if el is None:
            continue
        if node.is_tail:
            el = el.getparent()
        el = _date_container(el)
        if el is None or any(el is other for other in seen) or _is_excluded(el, memo):
            continue
        seen.append(el)
        text = _short_text_of(el, _MAX_DATEISH_TEXT)
        if text:
            scored.append((not _in_article(el), len(seen), RawDate("marked", None, text, "text")))
        if len(seen) >= _MAX_MARKED:
            break
    return [raw for _, _, raw in sorted(scored, key=lambda t: t[:2])]


def _date_container(el):
    """``el``, or its nearest short ancestor whose text holds the digits of the date."""
    while el is not None and isinstance(el.tag, str) and el.tag not in _NOT_DATEISH_TAGS:
        text = _short_text_of(el, _MAX_DATEISH_TEXT)
        if text is None:
            return None
        if any(ch.isdigit() for ch in text):
            return el
        el = el.getparent()
    return None


def from_body(text: str | None) -> list[RawDate]:
    """The first lines of the cleaned body: short lines whole, long ones by their dateline."""
    if not text:
        return []
    found = []
    for line in [ln.strip() for ln in text.split("\n") if ln.strip()][:_BODY_LINES]:
        snippet = line if len(line) <= _SHORT_LINE else line[:_DATELINE_PREFIX]
        found.append(RawDate("body", None, snippet, "text"))
    return found


def from_url(url: str) -> list[RawDate]:
    """A date in the URL path ("/2026/11/20/", "/20261120/") as a date-only ISO string."""
    try:
        path = urlsplit(url or "").path
    except ValueError:
        return []
    for pattern in _URL_DATES:
        m = pattern.search(path)
        if m:
            y, mo, d = m.groups()
            return [RawDate("url", "published", f"{y}-{int(mo):02d}-{int(d):02d}", "url")]
    return []
