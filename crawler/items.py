"""The records handed from stage to stage: a fetched ``Page``, an extracted ``Article`` and the
``Record`` that carries it from extraction to the writer.

Plain dataclasses with aware datetimes, no Scrapy import: Scrapy accepts dataclass items as
they are, and the pure core (``crawler.extract``, ``dedup``, ``output``) can use them without
a reactor. Turning them into JSON is ``output.schema``'s job, done once, by the writer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Mapping
from urllib.parse import urlsplit

from output.schema import article_fields

SOURCES = ("feed", "sitemap", "link", "list")
#: How the zone of a published time was known (``Article.published_zone``), surest first.
ZONES = ("stated", "configured", "learned", "assumed")
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
    sitemap or feed entry (ISO strings, untrusted), ``feed_title``, ``depth``; with the
    analysis ran where the page was judged, ``extract_ms`` (how long it took).
    """

    url: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    status: int = 200
    source: str = "link"
    fetched_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    hints: dict[str, Any] = field(default_factory=dict)
    # The page's extraction when it was made with the article decision, on the same parse
    # (crawler.analysis): ExtractPipeline then uses it instead of extracting again.
    article: Article | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """What the extractor made of one page. Dates are timezone-aware UTC or ``None``.

    ``text`` is the cleaned body, paragraphs separated by ``\\n``. When it is empty,
    ``reason`` says why (``"no-body"``, ``"not-html"``, ``"empty-page"``...).

    ``published_zone`` says how the zone of ``published`` was known (``ZONES``): ``stated``
    by the page, ``configured`` (``--site-tz``, ``--tz``), ``learned`` from what the site
    states elsewhere (set by the zone stage, ``crawler.pipelines.zones``) or ``assumed``
    (UTC). For that stage, ``published_local`` / ``modified_local`` keep the wall times the
    page printed without a zone, and ``stated`` the instants it stated with their offset
    (aware, in that offset); none of the three is written.
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
    published_zone: str | None = None
    published_local: datetime | None = None
    modified_local: datetime | None = None
    stated: tuple[datetime, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready fields (dates as ISO 8601 UTC strings), as ``wirecrawl extract`` prints them."""
        return article_fields(self)


@dataclass(frozen=True, slots=True)
class Record:
    """One article on its way from ExtractPipeline to WritePipeline, typed throughout.

    ``id`` is ``output.schema.article_id`` of the canonical URL. ``published_hint`` is the
    feed or sitemap date of the page (aware, in the offset the feed stated), used by the
    ``--since`` filter when the page itself gives no date and by the zone stage;
    ``hint_zone_stated`` is true when the feed gave it with a time and an offset (a naive or
    date-only hint is taken as UTC and says nothing of the zone). Neither is written. ``story_id`` / ``duplicate_of`` are set by the
    grouping stage (``dataclasses.replace``); a record that already has a ``story_id`` (a
    new revision of an article written before) keeps it. ``revision`` is 1 for the first
    write of an article and counts up with each changed version (``--state``).
    ``output.schema.article_line`` makes the ``articles.jsonl`` line of it.
    """

    article: Article
    id: str
    fetched_at: datetime
    source: str = "link"
    published_hint: datetime | None = None
    hint_zone_stated: bool = False
    story_id: str | None = None
    duplicate_of: str | None = None
    revision: int = 1

    def __post_init__(self) -> None:
        for name in ("fetched_at", "published_hint"):
            value = getattr(self, name)
            if value is not None and value.tzinfo is None:
                raise ValueError(f"Record.{name} ({value!r}) must be timezone-aware")

    @property
    def published_or_hint(self) -> datetime | None:
        """The page's own publication date, else the feed/sitemap hint, else ``None``."""
        return self.article.published or self.published_hint


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
