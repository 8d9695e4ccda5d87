"""Feeds, sitemaps and gzip bodies: what a start document is, and the article URLs it lists.

The kind of a document is sniffed from its bytes (root element, doctype, robots
directives), never from the spelling of its URL: ``/feed`` may be Atom, ``/news.xml`` may
be a sitemap. Any XML document that declares entities is refused outright, so
billion-laughs and external-entity (XXE) payloads never reach a parser. Sitemaps are read
with Scrapy's ``scrapy.utils.sitemap.Sitemap`` and gzip bodies inflated with
``scrapy.utils.gz.gunzip`` under a size bound; RSS/Atom feeds, which Scrapy does not parse,
with a hardened lxml parser (no entity resolution, no network, no huge trees).
"""

from __future__ import annotations

import email.utils
import re
import struct
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin

from dateutil import parser as _dateparser
from lxml import etree
from scrapy.utils.gz import gunzip as _scrapy_gunzip
from scrapy.utils.sitemap import Sitemap

from crawler.extract.body.decode import looks_binary
from crawler.extract.dates.hints import hint_datetime

FEED_KINDS = frozenset({"rss", "rdf", "atom"})
SITEMAP_KINDS = frozenset({"urlset", "sitemapindex"})
MAX_ENTRIES = 50_000               # the sitemap protocol's own limit per file

_ROOT_KINDS = {"rss": "rss", "rdf": "rdf", "feed": "atom", "urlset": "urlset",
               "sitemapindex": "sitemapindex", "html": "html"}
_HTML_TAGS = frozenset({"head", "body", "div", "meta", "title", "p", "a", "script", "link"})
_COMMENT = re.compile(rb"<!--.*?-->", re.DOTALL)
_FIRST_TAG = re.compile(rb"<([A-Za-z_][\w.:-]*)")
_ROBOTS_LINE = re.compile(rb"^\s*(user-agent|disallow|allow|sitemap|crawl-delay)\s*:", re.I | re.M)
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.I)


class BadDocument(ValueError):
    """A feed/sitemap that cannot be used. ``reason`` is a stats key fragment.

    Reasons: ``"hostile"`` (entity declarations), ``"malformed"`` (not well-formed XML, or
    not the expected root), ``"too_large"`` (gzip body beyond the limit).
    """

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Entry:
    """One URL listed by a feed or sitemap, with the untrusted date hints it carried.

    ``published`` / ``modified`` are ISO-8601 strings (with the offset the source stated,
    ``Z`` for UTC) or ``None``.
    """

    url: str
    published: str | None = None
    modified: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Listing:
    """A parsed feed or sitemap.

    ``kind`` is one of ``rss``, ``rdf``, ``atom``, ``urlset``, ``sitemapindex``. For a
    sitemap index, ``entries`` are the child sitemaps. ``recovered`` is True when the XML
    was not well-formed and lxml's recovery mode was needed.
    """

    kind: str
    entries: tuple[Entry, ...]
    title: str | None = None
    recovered: bool = False


def sniff_kind(body: bytes, content_type: str | None = None) -> str:
    """What a fetched document is, from its content.

    Args:
        body: the raw response body.
        content_type: the ``Content-Type`` header, used only as a tie-breaker for HTML.

    Returns:
        ``"gzip"``, ``"rss"``, ``"rdf"``, ``"atom"``, ``"urlset"``, ``"sitemapindex"``,
        ``"html"``, ``"robots"``, ``"empty"``, ``"binary"`` or ``"unknown"``.
    """
    if not body or not body.strip():
        return "empty"
    if body[:2] == b"\x1f\x8b":
        return "gzip"
    head = body[:8192].lstrip(b"\xef\xbb\xbf \t\r\n")
    if looks_binary(head):
        return "binary"
    if head[:1] == b"<":
        low = head.lower()
        if low.startswith(b"<!doctype html"):
            return "html"
        m = _FIRST_TAG.search(_COMMENT.sub(b"", head))
        if m:
            local = m.group(1).split(b":")[-1].decode("ascii", "replace").lower()
            if local in _ROOT_KINDS:
                return _ROOT_KINDS[local]
            if local in _HTML_TAGS:
                return "html"
        if b"<html" in low or b"<body" in low:
            return "html"
        return "unknown"
    if _ROBOTS_LINE.search(head):
        return "robots"
    if content_type and "html" in content_type.lower() and b"<" in head:
        return "html"
    return "unknown"


def gunzip(body: bytes, max_size: int) -> bytes:
    """Decompress a gzip body (Scrapy's ``gunzip``) without inflating beyond ``max_size``.

    Args:
        body: the gzip bytes.
        max_size: most bytes inflated (``DOWNLOAD_MAXSIZE``); 0 = unbounded.

    Raises:
        BadDocument: ``too_large`` beyond ``max_size`` (gzip bombs), ``malformed`` when the
            stream is not gzip.
    """
    try:
        return _scrapy_gunzip(body, max_size=max_size)
    except (OSError, EOFError, struct.error) as exc:
        raise BadDocument("malformed", f"bad gzip stream: {exc}") from exc
    except ValueError as exc:  # scrapy.utils._compression's size error, a ValueError
        raise BadDocument("too_large", f"gzip body inflates beyond {max_size} bytes") from exc


def unpacked(body: bytes, content_type: str | None, max_size: int) -> tuple[str, bytes]:
    """What a fetched document is (:func:`sniff_kind`) and its bytes, inflated first when it
    is gzip (a ``.xml.gz`` sitemap): the spider and ``wirecrawl extract --warc`` read a
    response alike.

    Raises:
        BadDocument: a gzip body that is not gzip or inflates beyond ``max_size``.
    """
    kind = sniff_kind(body, content_type)
    if kind == "gzip":
        body = gunzip(body, max_size)
        kind = sniff_kind(body, None)
    return kind, body


def iso_hint(raw: str | None) -> str | None:
    """A date string from a feed or sitemap as ISO-8601, or ``None`` when unparseable.

    RFC 822 (RSS ``pubDate``) and W3C/ISO dates are accepted. Aware values keep the offset
    the source stated (``...+01:00``, ``...Z`` for UTC): it tells the site's time zone
    (``crawler.pipelines.zones``); naive ones stay naive; date-only values stay ``YYYY-MM-DD``.
    """
    if not raw or not raw.strip():
        return None
    raw = raw.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
        return raw
    dt: datetime | None = None
    try:
        dt = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        dt = None
    if dt is None:
        try:
            dt = _dateparser.isoparse(raw)
        except (ValueError, OverflowError):
            try:
                dt = _dateparser.parse(raw)
            except (ValueError, OverflowError, TypeError):
                return None
    offset = dt.utcoffset() if dt.tzinfo is not None else None
    if offset is None:
        return dt.replace(tzinfo=None).isoformat(timespec="seconds")
    if not offset:
        return dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    return dt.replace(microsecond=0).isoformat(timespec="seconds")


def entry_is_older(entry: Entry, since: datetime | None) -> bool:
    """True when the entry's date hint (published, else modified) is before ``since``.

    Entries without a usable date are never judged older: they are fetched and the
    pipelines decide on the extracted date.
    """
    if since is None:
        return False
    when = hint_datetime(entry.published) or hint_datetime(entry.modified)
    return when is not None and when < since


def _refuse_entities(body: bytes) -> None:
    if _ENTITY_DECL.search(body):
        raise BadDocument("hostile", "XML declares entities (entity expansion / XXE refused)")


def _parse_xml(body: bytes) -> tuple[etree._Element, bool]:
    body = body.lstrip(b" \t\r\n")
    common = dict(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                  dtd_validation=False, remove_comments=True, remove_pis=True)
    try:
        return etree.fromstring(body, etree.XMLParser(**common)), False
    except etree.XMLSyntaxError:
        pass
    try:
        root = etree.fromstring(body, etree.XMLParser(recover=True, **common))
    except etree.XMLSyntaxError as exc:
        raise BadDocument("malformed", f"not well-formed XML: {exc}") from exc
    if root is None:
        raise BadDocument("malformed", "not well-formed XML, nothing recoverable")
    return root, True


def _local(el: etree._Element) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _child_text(el: etree._Element, *names: str) -> str | None:
    for name in names:
        for child in el:
            if _local(child) == name and child.text and child.text.strip():
                return child.text.strip()
    return None


def _abs(url: str | None, base: str) -> str | None:
    if not url:
        return None
    url = url.strip()
    return urljoin(base, url) if url else None


def parse_listing(body: bytes, base_url: str = "") -> Listing:
    """Parse a feed (RSS 2.0, RSS 1.0/RDF, Atom) or a sitemap (urlset, index, Google News).

    Args:
        body: the XML document (already gunzipped).
        base_url: the document's URL, to resolve relative links.

    Returns:
        The :class:`Listing`; entries without a usable URL are skipped.

    Raises:
        BadDocument: hostile or malformed XML, or a root that is no feed or sitemap.
    """
    _refuse_entities(body)
    if sniff_kind(body) in SITEMAP_KINDS:
        return _sitemap(body, base_url)
    root, recovered = _parse_xml(body)
    kind = _ROOT_KINDS.get(_local(root))
    if kind in SITEMAP_KINDS:
        return _sitemap(body, base_url)
    if kind not in FEED_KINDS:
        raise BadDocument("malformed", f"root element <{_local(root)}> is no feed or sitemap")
    parse = {"rss": _rss, "rdf": _rdf, "atom": _atom}[kind]
    title, entries = parse(root, base_url)
    return Listing(kind=kind, entries=tuple(entries[:MAX_ENTRIES]), title=title,
                   recovered=recovered)


def _rss(root: etree._Element, base: str) -> tuple[str | None, list[Entry]]:
    channel = next((c for c in root if _local(c) == "channel"), root)
    entries = []
    for item in channel.iter():
        if _local(item) != "item":
            continue
        link = _child_text(item, "origlink", "link")
        if not link:
            for child in item:
                if _local(child) == "guid" and child.get("isPermaLink", "true").lower() != "false":
                    link = (child.text or "").strip() or None
        url = _abs(link, base)
        if url:
            entries.append(Entry(url, iso_hint(_child_text(item, "pubdate", "date")),
                                 iso_hint(_child_text(item, "updated")),
                                 _child_text(item, "title")))
    return _child_text(channel, "title"), entries


def _rdf(root: etree._Element, base: str) -> tuple[str | None, list[Entry]]:
    channel = next((c for c in root if _local(c) == "channel"), None)
    entries = []
    for item in root.iter():
        if _local(item) != "item":
            continue
        about = next((v for k, v in item.attrib.items() if k.rsplit("}", 1)[-1] == "about"), None)
        url = _abs(_child_text(item, "link") or about, base)
        if url:
            entries.append(Entry(url, iso_hint(_child_text(item, "date")), None,
                                 _child_text(item, "title")))
    return (_child_text(channel, "title") if channel is not None else None), entries


def _atom(root: etree._Element, base: str) -> tuple[str | None, list[Entry]]:
    entries = []
    feed_base = _abs(root.get("{http://www.w3.org/XML/1998/namespace}base"), base) or base
    for entry in root:
        if _local(entry) != "entry":
            continue
        href = None
        for link in entry:
            if _local(link) == "link" and link.get("rel", "alternate") == "alternate":
                href = link.get("href")
                if href:
                    break
        entry_base = _abs(entry.get("{http://www.w3.org/XML/1998/namespace}base"), feed_base)
        url = _abs(href, entry_base or feed_base)
        if url:
            entries.append(Entry(url, iso_hint(_child_text(entry, "published", "issued")),
                                 iso_hint(_child_text(entry, "updated", "modified")),
                                 _child_text(entry, "title")))
    return _child_text(root, "title"), entries


class _NewsSitemap(Sitemap):
    """Scrapy's Sitemap, keeping the Google News ``<news:news>`` date and title, which its
    element processing (direct children's text only) drops."""

    def _process_sitemap_element(self, elem: etree._Element):
        news = next((c for c in elem if _local(c) == "news"), None)
        extra = {} if news is None else {
            "news_published": _child_text(news, "publication_date"),
            "news_title": _child_text(news, "title")}
        entry = super()._process_sitemap_element(elem)
        if entry is not None:
            entry.update(extra)
        return entry


def _sitemap(body: bytes, base: str) -> Listing:
    try:
        sitemap = _NewsSitemap(body.lstrip(b" \t\r\n"))
    except (etree.XMLSyntaxError, StopIteration) as exc:
        raise BadDocument("malformed", f"not well-formed XML: {exc}") from exc
    kind = sitemap.type.lower()
    if kind not in SITEMAP_KINDS:
        raise BadDocument("malformed", f"root element <{kind}> is no feed or sitemap")
    entries: list[Entry] = []
    recovered = False
    try:
        for node in sitemap:
            url = _abs(node.get("loc"), base)
            if url:
                entries.append(Entry(url, iso_hint(node.get("news_published")),
                                     iso_hint(node.get("lastmod")), node.get("news_title")))
            if len(entries) >= MAX_ENTRIES:
                break
    except etree.XMLSyntaxError:
        recovered = True  # truncated: the entries read so far are kept
    return Listing(kind=kind, entries=tuple(entries), recovered=recovered)
