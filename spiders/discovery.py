"""Discovery's pure core in one place: start lists, kinds, feeds/sitemaps, URLs, pages, traps.

The spider (``spiders/news.py``) is a thin Scrapy adapter over these functions. Each job has
its own module — :mod:`spiders.feeds` (sniffing, defused feed/sitemap/robots parsing),
:mod:`spiders.urls` (canonicalisation), :mod:`spiders.pages` (article detection, links),
:mod:`spiders.traps` (crawl-trap budgets) — re-exported here as the contract names them.
This module adds the parsing of spider arguments (start lists, booleans, ``since``).
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from spiders.feeds import (FEED_KINDS, SITEMAP_KINDS, BadDocument, Entry, Listing, gunzip,
                           hint_datetime, iso_hint, parse_listing, robots_sitemaps, sniff_kind)
from spiders.pages import Decision, PageLinks, classify, page_links, parse_html
from spiders.traps import TrapGuard, url_pattern
from spiders.urls import ParamStripper, canonicalize, dedup_key, is_http_url, site_of

__all__ = [
    "FEED_KINDS", "SITEMAP_KINDS", "BadDocument", "Entry", "Listing", "gunzip", "hint_datetime",
    "iso_hint", "parse_listing", "robots_sitemaps", "sniff_kind", "Decision", "PageLinks",
    "classify", "page_links", "parse_html", "TrapGuard", "url_pattern", "ParamStripper",
    "canonicalize", "dedup_key", "is_http_url", "site_of", "parse_starts", "parse_bool",
    "parse_since", "entry_is_older",
]


def parse_starts(arg: str | None) -> list[tuple[str, str]]:
    """The start URLs of a crawl and the ``source`` their pages get.

    Args:
        arg: comma-separated URLs (source ``"link"``), or ``@path`` to a file with one URL
            a line, blank lines and ``#`` comments skipped (source ``"list"``).

    Returns:
        ``[(url, source), ...]`` in order, without repeats.

    Raises:
        ValueError: no start, an unreadable file, or a value that is no http(s) URL.
    """
    if arg is None or not str(arg).strip():
        raise ValueError(f"start must name at least one URL or @file, got {arg!r}")
    arg = str(arg).strip()
    if arg.startswith("@"):
        path = Path(arg[1:]).expanduser()
        try:
            lines = path.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise ValueError(f"cannot read start list {str(path)!r}: {exc}") from exc
        raw, source = [ln.split(" #", 1)[0].strip() for ln in lines], "list"
        raw = [r for r in raw if r and not r.startswith("#")]
    else:
        raw, source = [u.strip() for u in arg.split(",") if u.strip()], "link"
    out: list[tuple[str, str]] = []
    for url in raw:
        if not is_http_url(url):
            raise ValueError(f"start URL must be an absolute http(s) URL, got {url!r}")
        if url not in (u for u, _ in out):
            out.append((url, source))
    if not out:
        raise ValueError(f"start {arg!r} lists no URL")
    return out


def parse_bool(value: object, name: str) -> bool:
    """A spider argument as a boolean: ``1/true/yes/on`` or ``0/false/no/off``.

    Raises:
        ValueError: any other value.
    """
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off", ""):
        return False
    raise ValueError(f"{name} must be 1/true/yes or 0/false/no, got {value!r}")


def parse_since(value: object) -> datetime | None:
    """The ``since`` argument as an aware UTC datetime (a date means its midnight UTC).

    Raises:
        ValueError: a value that is no ISO date or instant.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    text = str(value).strip()
    try:
        dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise ValueError(f"since must be an ISO date or instant, got {value!r}") from exc
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


def entry_is_older(entry: Entry, since: datetime | None) -> bool:
    """True when the entry's date hint (published, else modified) is before ``since``.

    Entries without a usable date are never judged older: they are fetched and the
    pipelines decide on the extracted date.
    """
    if since is None:
        return False
    when = hint_datetime(entry.published) or hint_datetime(entry.modified)
    return when is not None and when < since
