"""A user's news sources as data: one TOML file that ``wirecrawl crawl --sources`` reads.

Scheduled crawls come back to the same outlets; their start URLs and the time zone their
pages print dates in belong together in one file, not in a long command line::

    timezone = "UTC"                  # optional: zone of dates that state none

    [[source]]
    name = "Courrier du Matin"
    start = ["https://www.courrier.example/", "https://www.courrier.example/rss.xml"]
    timezone = "Europe/Paris"         # this outlet's pages print Paris time

A bad ``[[source]]`` entry (a start that is no http(s) URL, an unknown time zone or key)
costs only itself: it is named in ``Sources.skipped`` and left out, and the good entries
are kept. A file that is not TOML, names a bad default time zone or has no usable entry
is refused whole (:class:`SourcesError`). Pure: ``tomllib`` and ``zoneinfo``, no Scrapy import.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from crawler.items import site_of


class SourcesError(ValueError):
    """The sources file is unreadable or wrong; the message names the file and the entry."""


@dataclass(frozen=True)
class Source:
    name: str
    starts: tuple[str, ...]
    timezone: str | None = None

    @property
    def sites(self) -> set[str]:
        return {site_of(u) for u in self.starts}


@dataclass(frozen=True)
class Sources:
    sources: tuple[Source, ...]
    timezone: str | None = None
    skipped: tuple[str, ...] = ()  # one message per bad [[source]] entry left out

    @property
    def starts(self) -> list[str]:
        return [u for s in self.sources for u in s.starts]

    @property
    def site_timezones(self) -> dict[str, str]:
        """``{site: zone}`` for ``WIRECRAWL_SITE_TIMEZONES``."""
        return {site: s.timezone for s in self.sources if s.timezone for site in sorted(s.sites)}


def _zone(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise SourcesError(f"{where}: timezone must be a string, got {value!r}")
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise SourcesError(f"{where}: unknown time zone {value!r} (use an IANA name such as Europe/Paris)") from None
    return value


def load_sources(path: str | Path) -> Sources:
    """Reads and checks a sources file; bad entries are left out and named in ``skipped``.

    Raises:
        SourcesError: unreadable file, bad TOML, an unknown default time zone, or no
            usable source at all (the first bad entries named).
    """
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SourcesError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except UnicodeDecodeError as exc:
        raise SourcesError(f"{path}: not UTF-8 (byte {exc.start + 1})") from None
    except tomllib.TOMLDecodeError as exc:
        raise SourcesError(f"{path}: not valid TOML ({exc})") from None
    default_tz = _zone(data["timezone"], f"{path}") if "timezone" in data else None
    entries = data.get("source", [])
    if not isinstance(entries, list) or not entries:
        raise SourcesError(f"{path}: no [[source]] entries")
    out, skipped = [], []
    for i, entry in enumerate(entries, 1):
        try:
            out.append(_source(entry, i, path))
        except SourcesError as exc:
            skipped.append(f"{exc}; entry skipped")
    if not out:
        raise SourcesError(f"{path}: no usable [[source]] entry ({'; '.join(str(m) for m in skipped[:3])})")
    return Sources(sources=tuple(out), timezone=default_tz, skipped=tuple(skipped))


def _source(entry: object, i: int, path: Path) -> Source:
    """One ``[[source]]`` entry, checked.

    Raises:
        SourcesError: the entry is bad (the message names it).
    """
    where = f"{path}: source {i}"
    if not isinstance(entry, dict):
        raise SourcesError(f"{where}: expected a table")
    name = str(entry.get("name") or f"source {i}")
    where = f"{path}: source {name!r}"
    starts = entry.get("start")
    if isinstance(starts, str):
        starts = [starts]
    if not isinstance(starts, list) or not starts:
        raise SourcesError(f"{where}: 'start' must be a URL or a list of URLs")
    for u in starts:
        parts = urlsplit(u) if isinstance(u, str) else None
        if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
            raise SourcesError(f"{where}: not an http(s) URL: {u!r}")
    tz = _zone(entry["timezone"], where) if "timezone" in entry else None
    unknown = set(entry) - {"name", "start", "timezone"}
    if unknown:
        raise SourcesError(f"{where}: unknown keys {sorted(unknown)} (known: name, start, timezone)")
    return Source(name=name, starts=tuple(s.strip() for s in starts), timezone=tz)
