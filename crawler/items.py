"""The records handed from stage to stage: a fetched ``Page`` and an extracted ``Article``.

Plain dataclasses, no Scrapy import: Scrapy accepts dataclass items as they are, and the
pure core (``crawler.extract``, ``dedup``, ``output``) can use them without a reactor.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Any, Mapping
from urllib.parse import urlsplit

SOURCES = ("feed", "sitemap", "link", "list")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def site_of(url: str) -> str:
    """The site a URL belongs to: lowercased host without ``www.``, port kept when not default.

    One definition for every stage (``Article.site``, the spider's same-site rule, per-site
    time zones and budgets), so distinct loopback ports are distinct sites everywhere.

    >>> site_of("https://www.Example.com:443/a"), site_of("http://127.0.0.2:8080/x")
    ('example.com', '127.0.0.2:8080')

    Returns:
        The site, or ``""`` for a URL without a host.
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return ""
    host = (parts.hostname or "").lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    if not host:
        return ""
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    if port is None or port == _DEFAULT_PORTS.get(parts.scheme.lower()):
        return host
    return f"{host}:{port}"


@dataclass(slots=True)
class Page:
    """A fetched page the spider believes is an article, before any extraction.

    ``hints`` carries what discovery knew about it: ``lastmod`` / ``published`` from a
    sitemap or feed entry (ISO strings, untrusted), ``feed_title``, ``depth``.
    """

    url: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    status: int = 200
    source: str = "link"
    fetched_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    hints: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Article:
    """What the extractor made of one page. Dates are timezone-aware UTC or ``None``.

    ``text`` is the cleaned body, paragraphs separated by ``\\n``. When it is empty,
    ``reason`` says why (``"no-body"``, ``"not-html"``, ``"empty-page"``...).
    """

    url: str
    canonical_url: str | None = None
    site: str = ""
    title: str | None = None
    text: str = ""
    published: datetime | None = None
    modified: datetime | None = None
    authors: tuple[str, ...] = ()
    language: str | None = None
    wire: str | None = None
    reason: str | None = None

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["authors"] = list(self.authors)
        d["published"] = iso_utc(self.published)
        d["modified"] = iso_utc(self.modified)
        return d


def iso_utc(dt: datetime | None) -> str | None:
    """``2026-11-20T13:32:00Z`` for an aware datetime; ``None`` stays ``None``."""
    if dt is None:
        return None
    if dt.tzinfo is None:
        raise ValueError(f"naive datetime {dt!r}: wirecrawl only handles aware instants")
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def article_id(url: str) -> str:
    """Stable id of an article: the first 16 hex digits of SHA-1 of its canonical URL."""
    return hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]


def make_record(
    article: Article,
    *,
    fetched_at: datetime,
    source: str,
    story_id: str | None = None,
    duplicate_of: str | None = None,
) -> dict[str, Any]:
    """The output record (see README, "Output schema") for one article."""
    rec = article.as_dict()
    key = article.canonical_url or article.url
    rec = {"id": article_id(key), **rec}
    rec["fetched_at"] = iso_utc(fetched_at)
    rec["source"] = source
    rec["story_id"] = story_id
    rec["duplicate_of"] = duplicate_of
    rec.pop("reason", None)
    return rec


def header_map(headers: Mapping[Any, Any] | None) -> dict[str, str]:
    """Lower-cased ``str -> str`` headers from Scrapy's bytes headers or a plain mapping."""
    out: dict[str, str] = {}
    for k, v in (headers or {}).items():
        if isinstance(v, (list, tuple)):
            v = v[0] if v else b""
        if isinstance(k, bytes):
            k = k.decode("latin-1")
        if isinstance(v, bytes):
            v = v.decode("latin-1")
        out[str(k).lower()] = str(v)
    return out
