"""Orchestration of one extraction: decode, parse once, trafilatura, cleanup, metadata, dates.

The page is decoded (w3lib: header charset, then ``<meta>``, BOM, then a UTF-8 / cp1252
guess), parsed once with lxml, and that tree is handed to trafilatura (which works on its
own copy, pruned by ``structure.PRUNE_XPATH``; fast mode first, its full cascade only when
the result does not look like a body), to the metadata readers and to ``dates.find_dates``.
The body lines get back what trafilatura lost (embedded posts, later parts of a split
body: ``structure``), then go through the cleanup chain (``clean.PROCESSORS``) and feed the
crawl's template learner. Bad pages never raise: the ``Article`` comes back with empty
text and a ``reason``.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Mapping
from urllib.parse import urljoin, urlsplit

from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura import bare_extraction
from trafilatura.settings import Extractor
from trafilatura.utils import load_html
from w3lib.encoding import html_to_unicode

from crawler.extract import metadata
from crawler.extract.structure import PRUNE_XPATH, body_box, restore_embedded_posts, split_body_parts
from crawler.extract.clean import PROCESSORS, CleanContext, clean_lines
from crawler.extract.options import ExtractOptions
from crawler.items import Article, header_map, site_of

try:  # written in parallel by the dates owner; extraction works without it
    from crawler.extract.dates import find_dates
except ImportError:  # pragma: no cover - only while dates.py does not exist yet
    find_dates = None

logger = logging.getLogger(__name__)

_DEFAULT_OPTIONS = ExtractOptions()
_BINARY_MAGIC = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\x1f\x8b", b"RIFF", b"OggS",
                 b"ID3", b"\x00\x00\x00", b"BZh", b"7z\xbc\xaf", b"Rar!", b"\xd0\xcf\x11\xe0", b"wOF")
_NOT_HTML_TYPES = re.compile(r"^(?:application/(?:pdf|json|octet-stream|zip|gzip|x-|msword|vnd\.)|image/|audio/|video/|font/|text/(?:css|javascript|csv|plain))", re.I)
_HTML_TAG = re.compile(r"<(?:html|head|body|p|div|article|title|meta|h[1-6]|span|br|section|main|table)\b", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
_WORD = re.compile(r"\w+")


def _guess_encoding(body: bytes) -> str:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def decode_html(html: str | bytes, headers: Mapping[str, str]) -> str:
    """The page as text: header charset, then ``<meta>`` / BOM, then a UTF-8 / cp1252 guess."""
    if isinstance(html, str):
        return html
    _, text = html_to_unicode(headers.get("content-type"), html, auto_detect_fun=_guess_encoding)
    return text


def not_html_reason(html: str | bytes, headers: Mapping[str, str]) -> str | None:
    """``"empty-page"`` / ``"not-html"`` when the payload cannot be an HTML page, else ``None``."""
    head = html[:2048]
    if isinstance(head, bytes):
        if not head.strip():
            return "empty-page"
        stripped = head.lstrip()
        if stripped.startswith(_BINARY_MAGIC) or head.count(b"\x00") > 4:
            return "not-html"
    else:
        if not head.strip():
            return "empty-page"
        stripped = head.lstrip()
        if stripped.startswith("%PDF") or head.count("\x00") > 4:
            return "not-html"
    ctype = headers.get("content-type", "")
    if ctype and _NOT_HTML_TYPES.match(ctype.strip()) and "html" not in ctype.lower():
        return "not-html"
    text = head if isinstance(head, str) else head.decode("latin-1")
    first = text.lstrip("\ufeff \t\r\n")[:1]
    if first in "{[" and not _HTML_TAG.search(text):
        return "not-html"
    if len(_CONTROL.findall(text)) > 0.05 * len(text):
        return "not-html"
    if not _HTML_TAG.search(html[:200_000] if isinstance(html, str) else html[:200_000].decode("latin-1")):
        return "not-html"
    return None


@lru_cache(maxsize=16)
def _extractor(favor_precision: bool, favor_recall: bool, include_tables: bool, fast: bool) -> Extractor:
    return Extractor(output_format="python", precision=favor_precision, recall=favor_recall,
                     comments=False, tables=include_tables, fast=fast)


_FAST_MIN_CHARS = 500  # a fast result shorter than this may be a miss: try the full cascade
_FAST_MIN_PROSE = 0.5  # ... and one with less than this share of its text in sentences is a menu
_PROSE_WORDS = 8
_PROSE_CHARS = 60


def looks_like_body(text: str) -> bool:
    """Whether a fast-mode extraction is plausibly the article: long enough and mostly prose.

    A result made of short lines (menus, link lists) is what trafilatura's main extractor
    returns when it missed the article; its full cascade (readability / justext
    comparison) then has a better chance.
    """
    if len(text) < _FAST_MIN_CHARS:
        return False
    prose = sum(len(line) for line in text.split("\n")
                if line.count(" ") + 1 >= _PROSE_WORDS or len(line) >= _PROSE_CHARS)  # CJK: no spaces
    return prose >= _FAST_MIN_PROSE * len(text)


def body_lines(tree: HtmlElement, url: str, options: ExtractOptions) -> list[str] | None:
    """trafilatura's main text of ``tree`` as lines (comments excluded), or ``None``.

    trafilatura runs first in fast mode (its main extractor alone, without comparing
    with readability / justext, about a third of its time); only when that result does
    not look like an article body (``looks_like_body``) does the full cascade run.
    ``options.fast_first=False`` runs the full cascade directly.
    """
    prune = list(PRUNE_XPATH)
    knobs = (options.favor_precision, options.favor_recall, options.include_tables)
    doc = bare_extraction(tree, url=url, options=_extractor(*knobs, options.fast_first), prune_xpath=prune)
    if options.fast_first and (doc is None or not doc.text or not looks_like_body(doc.text)):
        logger.debug("fast extraction not plausible (%d chars), full cascade: %s", len(doc.text or "") if doc else 0, url)
        full = bare_extraction(tree, url=url, options=_extractor(*knobs, False), prune_xpath=prune)
        if full is not None and full.text:
            doc = full
    if doc is None or not doc.text:
        return None
    return unicodedata.normalize("NFC", doc.text).split("\n")


_ALL_TEXT = XPath("//text()", smart_strings=False)


def page_text_counter(tree: HtmlElement):
    """``wanted lines -> Counter``: how often each line is a whole text node of the page.

    Chrome included; one pass over plain strings (no element proxies, no smart strings).
    """

    def counts(wanted: set[str]) -> Counter[str]:
        c: Counter[str] = Counter()
        if not wanted:
            return c
        longest = max(map(len, wanted)) + 40
        for t in _ALL_TEXT(tree):
            if len(t) <= longest:
                t = t.strip()
                if t in wanted:
                    c[t] += 1
        return c

    return counts


_LINKS = XPath("//a")


_KEY = 12  # a link text is looked at only when it opens like one of the body's lines
_LEAD = re.compile(r"^[-–—•·*>»]\s*")


class PageLinks:
    """The page's link texts that open like a body line (whitespace-normalised), built lazily.

    The processors only ask whether a line, or its start, is the whole text of a link, so
    links are read only when their first ``_KEY`` characters open one of ``lines`` (less a
    bullet): one pass over the ``<a>`` elements, without building every link's text.
    ``texts()`` holds those of three words or more; ``internal()`` those of links to
    another page of the same site (a related story, a section), as opposed to external
    sources, shops or the page itself.

    Args:
        tree: the page.
        url: its URL, to resolve links and tell the same site.
        lines: the body lines; ``None`` to read every link.
    """

    def __init__(self, tree: HtmlElement, url: str, lines: list[str] | None = None):
        self._tree = tree
        self._url = url
        self._keys = None if lines is None else {_LEAD.sub("", " ".join(line.split()))[:_KEY] for line in lines} - {""}
        self._texts: frozenset[str] | None = None
        self._internal: frozenset[str] = frozenset()

    def _wanted(self, a: HtmlElement) -> str | None:
        keys = self._keys
        if keys is None:
            return " ".join(a.text_content().split())
        head = " ".join((a.text or "").split())
        if len(head) >= _KEY or not len(a):  # the first text node decides, or is the whole text
            return (head if not len(a) else " ".join(a.text_content().split())) if head[:_KEY] in keys else None
        text = " ".join(a.text_content().split())
        return text if text[:_KEY] in keys else None

    def _build(self) -> None:
        site, own = site_of(self._url), urlsplit(self._url).path.rstrip("/")
        texts, internal = set(), set()
        if self._keys is None or self._keys:
            for a in _LINKS(self._tree):
                t = self._wanted(a)
                if not t or t.count(" ") < 2:
                    continue
                texts.add(t)
                href = (a.get("href") or "").strip()
                if not href or href.startswith(("#", "javascript:", "mailto:")):
                    continue
                try:
                    target = urljoin(self._url, href)
                except ValueError:
                    continue
                if site_of(target) == site and urlsplit(target).path.rstrip("/") not in ("", own):
                    internal.add(t)
        self._texts, self._internal = frozenset(texts), frozenset(internal)

    def texts(self) -> frozenset[str]:
        """The link texts (three words or more) that open like a body line."""
        if self._texts is None:
            self._build()
        return self._texts  # type: ignore[return-value]

    def internal(self) -> frozenset[str]:
        """The same, for links to other pages of the same site."""
        if self._texts is None:
            self._build()
        return self._internal


def extract_article(html: str | bytes, url: str, headers: Mapping | None = None, *,
                    options: ExtractOptions | None = None) -> Article:
    """Extract the cleaned article of one page.

    Args:
        html: the page, as fetched (bytes are decoded) or as text.
        url: the URL it was fetched from.
        headers: response headers (Scrapy's bytes headers or a plain mapping).
        options: how to extract; ``ExtractOptions()`` by default.

    Returns:
        An ``Article``; on a page without a body, with ``text=""`` and ``reason`` set
        (``"empty-page"``, ``"not-html"``, ``"unparsable"``, ``"no-body"``).
    """
    options = options or _DEFAULT_OPTIONS
    hdrs = header_map(headers)
    site = site_of(url)
    if html is None:
        return Article(url=url, site=site, reason="empty-page")
    reason = not_html_reason(html, hdrs)
    if reason:
        logger.debug("%s: %s", reason, url)
        return Article(url=url, site=site, reason=reason)
    text_html = decode_html(html, hdrs)
    try:
        tree = load_html(text_html)
    except Exception as exc:  # lxml raises a zoo of errors on hostile input
        logger.debug("unparsable page %s: %r", url, exc)
        tree = None
    if tree is None:
        return Article(url=url, site=site, reason="unparsable")
    return _extract_tree(tree, url, hdrs, site, options)


_H1 = XPath("//h1")


def _headlines(tree: HtmlElement) -> tuple[str, ...]:
    """The whitespace-normalised texts of the page's first few ``<h1>`` elements."""
    return tuple(" ".join(h.text_content().split()) for h in _H1(tree)[:3])


def _structural_repairs(tree: HtmlElement, lines: list[str], url: str) -> list[str]:
    """Embedded posts and split-body parts trafilatura dropped, put back (``structure``)."""
    try:
        box = body_box(tree, lines)
        lines = restore_embedded_posts(box, lines)
        before, after = split_body_parts(tree, lines, box)
    except Exception as exc:  # a repair is best effort: the extracted body stands without it
        logger.warning("structural repair failed on %s: %r", url, exc)
        return lines
    return before + lines + after if before or after else lines


def _extract_tree(tree: HtmlElement, url: str, hdrs: dict[str, str], site: str, options: ExtractOptions) -> Article:
    ld = metadata.json_ld(tree)
    metas = metadata.meta_map(tree)
    title = metadata.find_title(tree, metas, ld, site)
    canonical = metadata.canonical_url(tree, url)
    raw_authors = metadata.author_sources(metas, ld)
    bylines = [] if raw_authors else metadata.find_bylines(tree)  # the DOM search is the costly one
    authors_raw = metadata.find_authors(raw_authors or bylines[:1])
    try:
        lines = body_lines(tree, url, options)
    except Exception as exc:  # trafilatura should not raise, but a crawl must not stop here
        logger.warning("trafilatura failed on %s: %r", url, exc)
        lines = None
    text = ""
    if lines:
        lines = _structural_repairs(tree, lines, url)
        links = PageLinks(tree, url, lines)
        ctx = CleanContext(site=site, urls=(url, canonical or ""), title=title, headlines=_headlines(tree),
                           templates=options.templates, page_text_counts=page_text_counter(tree),
                           link_texts=links.texts, internal_link_texts=links.internal)
        if options.templates is not None:
            options.templates.observe(site, lines)
        cleaned = clean_lines(lines, ctx, options.processors if options.processors is not None else PROCESSORS)
        text = "\n".join(cleaned)
    language = metadata.find_language(tree, metas, hdrs, text)
    wire = metadata.find_wire(text, raw_authors + bylines)
    authors = tuple(a for a in authors_raw if metadata._canon(a) is None)
    published = modified = None
    if find_dates is not None:
        try:
            published, modified = find_dates(tree, url=url, text=text or None, language=language,
                                              fetched_at=options.fetched_at, default_tz=options.timezone_for(site))
        except Exception as exc:  # dates are best effort; a bad date never loses the article
            logger.warning("find_dates failed on %s: %r", url, exc)
    return Article(
        url=url, canonical_url=canonical, site=site, title=title, text=text,
        published=published, modified=modified, authors=authors, language=language, wire=wire,
        reason=None if text else "no-body",
    )
