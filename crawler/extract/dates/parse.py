"""Dates: turn what a news page says about its publication into timezone-aware UTC.

Owns the two functions the rest of wirecrawl uses: ``to_utc`` (one string -> UTC datetime
or ``None``) and ``find_dates`` (a whole page -> (published, modified)). python-dateutil
does all parsing, fed with a per-language ``parserinfo`` (``dates.lang``) and explicit
``tzinfos`` (``dates.zones``); our regexes only find and tidy candidate strings
(``dates.text``) and pick them off the page (``dates.sources``).

Rules kept here: a result is always aware UTC (a naive time gets the site's zone, DST
included, then is converted); nothing before 1990 or more than 15 minutes after the fetch
time; no date is invented (a string lacking day, month or year is rejected, and so is an
ambiguous numeric date when the page language is unknown); "modified" is never before
"published".
"""

from __future__ import annotations

import logging
import re
import warnings
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo

from dateutil import parser as du_parser
from dateutil import tz as du_tz
from dateutil.relativedelta import relativedelta

from crawler.extract.dates.lang import LANGUAGES, build_parserinfo, resolve_language
from crawler.extract.dates.second_opinion import from_htmldate
from crawler.extract.dates.sources import harvest
from crawler.extract.dates.text import (Relative, clean_text, find_candidates, find_relative,
                                        normalise_offsets)
from crawler.extract.dates.zones import TZINFOS

logger = logging.getLogger(__name__)

EARLIEST = datetime(1990, 1, 1, tzinfo=timezone.utc)
CLOCK_SKEW = timedelta(minutes=15)
_EASTMOST = timedelta(hours=14)  # the furthest zone ahead of UTC (Line Islands)
_MAX_DIRECT = 80  # longer strings are searched for candidates instead of parsed whole
_DAY_WORDS = ("yesterday", "today")
_MAX_BARE_DAY_TEXT = 40

#: One dateutil parser per supported language, and one knowing all of them (key ``None``).
_PARSERS: dict[str | None, du_parser.parser] = {
    **{code: du_parser.parser(build_parserinfo((code,))()) for code in LANGUAGES},
    None: du_parser.parser(build_parserinfo(tuple(LANGUAGES))()),
}
# Two defaults that differ in every field: a field dateutil filled in from the default
# differs between the two parses, so we can tell what the string really said.
_DEFAULT_A = datetime(2001, 1, 1, 0, 0)
_DEFAULT_B = datetime(2002, 2, 2, 1, 0)
_ISO_START = re.compile(r"^\s*(?:19|20)\d{2}-[01]\d-[0-3]\d")
_YEAR_FIRST = re.compile(r"^\s*(?:19|20)\d{2}[./-]")


@dataclass(frozen=True, slots=True)
class Dated:
    """A parsed date: aware UTC ``dt``, whether the string gave a time of day, its role.

    ``local`` is the wall time as printed when the string named no zone (``dt`` then holds
    it in the site's configured or assumed zone), ``None`` when it stated the instant;
    ``offset`` is the UTC offset the string stated, when it stated one.
    """

    dt: datetime
    has_time: bool
    role: str | None = None
    local: datetime | None = None
    offset: timedelta | None = None

    def with_role(self, role: str | None) -> "Dated":
        return Dated(self.dt, self.has_time, role, self.local, self.offset)


@dataclass(frozen=True, slots=True)
class PageDates:
    """What :func:`find_page_dates` found: the dates and how their zone was known.

    ``published`` / ``modified`` are aware UTC or ``None``. ``published_local`` /
    ``modified_local`` are the naive wall times the page printed when it named no zone and
    gave a time of day (a later stage may place them in a zone learned for the site);
    ``stated`` lists the instants the page stated with their offset (aware, in that offset),
    evidence of the site's zone.
    """

    published: datetime | None = None
    modified: datetime | None = None
    published_local: datetime | None = None
    modified_local: datetime | None = None
    published_stated: bool = False
    stated: tuple[datetime, ...] = ()


def zone_of(default_tz: str | tzinfo) -> tzinfo:
    """The tzinfo for a zone name ("Europe/Paris") or a tzinfo passed through.

    Raises:
        ValueError: unknown zone name (bad configuration: fail fast, with the value).
    """
    if isinstance(default_tz, tzinfo):
        return default_tz
    zone = du_tz.gettz(default_tz) if isinstance(default_tz, str) and default_tz else None
    if zone is None:
        raise ValueError(f"unknown timezone {default_tz!r}: use an IANA name like 'Europe/Paris'")
    return zone


def _now(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(timezone.utc)
    return now if now.tzinfo is not None else now.replace(tzinfo=timezone.utc)


def _dateutil(s: str, code: str | None, dayfirst: bool | None, kind: str
              ) -> tuple[datetime, bool] | None:
    """Parse ``s`` with dateutil; ``None`` unless it states day, month and year unambiguously."""
    p = _PARSERS.get(code, _PARSERS[None])
    year_first = kind in ("iso", "ymd") or bool(_YEAR_FIRST.match(s))
    orders = [False] if year_first else [dayfirst] if dayfirst is not None else [True, False]
    results = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", du_parser.UnknownTimezoneWarning)
        for order in orders:
            try:
                a = p.parse(s, default=_DEFAULT_A, tzinfos=TZINFOS, dayfirst=order,
                            yearfirst=year_first)
                b = p.parse(s, default=_DEFAULT_B, tzinfos=TZINFOS, dayfirst=order,
                            yearfirst=year_first)
            except (du_parser.ParserError, OverflowError, ValueError, TypeError):
                return None
            if a.date() != b.date():
                return None  # day, month or year missing: we will not guess it
            results.append((a, a.hour == b.hour))
    if len({r[0] for r in results}) > 1:
        return None  # "03/04/2026" on a page of unknown language: day or month first?
    return results[0]


def _iso(s: str) -> tuple[datetime, bool] | None:
    try:
        dt = du_parser.isoparse(s.strip())
    except (ValueError, OverflowError):
        return None
    return dt, "T" in s or ":" in s


def _aware_utc(dt: datetime, zone: tzinfo) -> datetime:
    if dt.tzinfo is None or dt.tzinfo.utcoffset(dt) is None:
        dt = dt.replace(tzinfo=zone)  # keep the result: fundus lost it here
    return dt.astimezone(timezone.utc)


def _in_range(dt: datetime, now: datetime, ahead: timedelta = CLOCK_SKEW) -> bool:
    if dt < EARLIEST or dt > now + ahead:
        logger.debug("date %s rejected: before 1990 or in the future of %s", dt, now)
        return False
    return True


def _parse_string(s: str, kind: str, zone: tzinfo, code: str | None, dayfirst: bool | None,
                  now: datetime) -> Dated | None:
    parsed = (_iso(s) if kind == "iso" or _ISO_START.match(s) else None) \
        or _dateutil(s, code, dayfirst, kind)
    if parsed is None:
        return None
    dt = _aware_utc(parsed[0], zone)
    offset = parsed[0].utcoffset()
    # A wall time printed without a zone may be ahead of ``now`` in the assumed zone while
    # its site's zone (up to UTC+14), learned later, places it in the past: keep it for that.
    ahead = _EASTMOST - zone.utcoffset(parsed[0]) + CLOCK_SKEW \
        if offset is None and parsed[1] else CLOCK_SKEW
    if not _in_range(dt, now, ahead):
        return None
    if offset is None:
        return Dated(dt, parsed[1], local=parsed[0].replace(tzinfo=None))
    return Dated(dt, parsed[1], offset=offset)


def _resolve_relative(rel: Relative, zone: tzinfo, code: str | None, now: datetime
                      ) -> Dated | None:
    """"3 hours ago" / "yesterday at 14:32" against ``now`` (in the site's zone for days)."""
    if rel.unit in ("seconds", "minutes", "hours"):
        return Dated(now - relativedelta(**{rel.unit: rel.amount}), True)
    local = now.astimezone(zone)
    back = relativedelta(days=rel.amount) if rel.unit in ("yesterday", "today") \
        else relativedelta(**{rel.unit: rel.amount})
    day = (local - back).date()
    if rel.time is None:
        return Dated(datetime(day.year, day.month, day.day, tzinfo=zone)
                     .astimezone(timezone.utc), False)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", du_parser.UnknownTimezoneWarning)
            dt = _PARSERS.get(code, _PARSERS[None]).parse(
                rel.time, default=datetime(day.year, day.month, day.day), tzinfos=TZINFOS)
    except (du_parser.ParserError, OverflowError, ValueError):
        return None
    local = dt.replace(tzinfo=None) if dt.utcoffset() is None else None  # "hier à 14:32"
    dt = _aware_utc(dt, zone)
    return Dated(dt, True, local=local) if _in_range(dt, now) else None


def _scan_text(text: str, zone: tzinfo, code: str | None, dayfirst: bool | None,
               now: datetime, role: str | None, allow_relative: bool = True) -> list[Dated]:
    """Every parseable date in visible ``text``, then a relative form: the only date when
    there is no absolute one, or an update ("Publié le 20/11/2026 - mis à jour il y a 2 h")."""
    found = []
    rest = text
    cands, cand_code = find_candidates(text, code), code
    if not cands and code is not None:
        # The detected page language can be wrong ("publiziert am 30. Juli 2018" on a page
        # declared English): a month name of any supported language is still a date.
        # Only named months: numeric and ISO forms were already found above.
        cands = [c for c in find_candidates(text, None) if c.kind == "named"]
        cand_code = None
    for cand in cands:
        dated = _parse_string(cand.text, cand.kind, zone, cand_code, dayfirst, now)
        if dated is not None:
            found.append(dated.with_role(cand.role or role))
            rest = text[cand.end:]
    if not allow_relative or any(d.role == "modified" for d in found):
        return found
    rel = find_relative(rest, code)
    # A bare "today"/"hier" in a long text is more likely prose or a menu than a date.
    if rel is None or (rel[0].time is None and rel[0].unit in _DAY_WORDS
                       and len(text) > _MAX_BARE_DAY_TEXT):
        return found
    if found and rel[1] != "modified":
        return found  # an unmarked relative date after an absolute one: nothing to add
    dated = _resolve_relative(rel[0], zone, code, now)
    if dated is not None:
        found.append(dated.with_role(rel[1] or role))
    return found


def _parse_raw(raw: object, zone: tzinfo, language: str | None, now: datetime,
               role: str | None = None, kind: str = "value",
               allow_relative: bool = True) -> list[Dated]:
    if not isinstance(raw, str) or not raw.strip():
        return []
    code, dayfirst = resolve_language(language)
    s = clean_text(raw)
    if kind != "text" and len(s) <= _MAX_DIRECT:
        dated = _parse_string(normalise_offsets(s), "iso" if kind == "url" else "value", zone,
                              code, dayfirst, now)
        if dated is not None:
            return [dated.with_role(role)]
    return _scan_text(s, zone, code, dayfirst, now, role, allow_relative)


def to_utc(raw: str, *, default_tz: str | tzinfo = "UTC", language: str | None = None,
           now: datetime | None = None) -> datetime | None:
    """Parse one date string into a timezone-aware UTC datetime.

    Accepts ISO 8601, RFC 2822, numeric and written dates in English, French, German,
    Spanish, Italian, Portuguese, Chinese and Japanese ("20 novembre 2026 à 14h32", "Nov. 20,
    2026 8:32 a.m. ET", "2026年11月20日 14時32分"), strings with words around the date
    ("Publié le 20/11/2026", "发布时间：2026-11-20"), and relative forms ("il y a 3 heures",
    "gestern, 14:32", "3小时前") resolved against ``now``.

    Args:
        raw: the string as found on the page (a ``datetime`` is accepted too: made aware
            with ``default_tz`` when naive, converted and range-checked).
        default_tz: zone of a string that names none (IANA name or tzinfo), DST-correct.
        language: page language ("fr", "en-US"); decides day/month order of "03/04/2026"
            and which month names apply. ``None``: all languages, ambiguous dates rejected.
        now: the fetch time; later dates (beyond 15 minutes) are rejected. Default: now.

    Returns:
        Aware UTC datetime, or ``None`` when there is no complete, plausible date.

    Raises:
        ValueError: ``default_tz`` is not a known timezone.
    """
    zone = zone_of(default_tz)
    now = _now(now)
    if isinstance(raw, datetime):  # already parsed upstream: only make it aware UTC and check
        dt = _aware_utc(raw, zone)
        return dt if _in_range(dt, now) else None
    found = _parse_raw(raw, zone, language, now)
    return found[0].dt if found and _in_range(found[0].dt, now) else None


class _Choice:
    """Streaming form of the rule "first date found; a date-only first takes the time of
    day of the first later date on the same day". Dates are fed in trust order; ``settled``
    turns true once no later date can change the choice, so the caller may stop reading.

    A day from htmldate is a guess (it also reads the dates of links: an archive's "today"
    link dates an article of yesterday): a later date the page marks as published, with its
    time of day, replaces it whatever its day."""

    __slots__ = ("first", "best", "settled", "guessed")

    def __init__(self) -> None:
        self.first: Dated | None = None
        self.best: Dated | None = None
        self.settled = False
        self.guessed = False

    def feed(self, dated: Dated, guess: bool = False) -> None:
        if self.settled:
            return
        if self.first is None:
            self.first = self.best = dated
            self.settled = dated.has_time
            self.guessed = guess
        elif dated.has_time and timedelta(0) <= dated.dt - self.first.dt < timedelta(days=1):
            self.best = dated
            self.settled = True
        elif self.guessed and dated.has_time and dated.role == "published":
            self.first = self.best = dated
            self.settled = True

    @property
    def dt(self) -> datetime | None:
        return self.best.dt if self.best is not None else None


def find_dates(tree, *, url: str, text: str | None, language: str | None,
               fetched_at: datetime | None, default_tz: str | tzinfo, second_opinion: bool = True
               ) -> tuple[datetime | None, datetime | None]:
    """Find when a page was published and last modified: :func:`find_page_dates`'s
    ``(published, modified)``, naive times placed in ``default_tz``."""
    found = find_page_dates(tree, url=url, text=text, language=language, fetched_at=fetched_at,
                            default_tz=default_tz, second_opinion=second_opinion)
    return found.published, found.modified


def find_page_dates(tree, *, url: str, text: str | None, language: str | None,
                    fetched_at: datetime | None, default_tz: str | tzinfo,
                    second_opinion: bool = True) -> PageDates:
    """Find when a page was published and last modified, and whether it said in which zone.

    Sources in order of trust: JSON-LD, ``article:``/``og:`` metas, ``itemprop``, Dublin
    Core, other common metas, ``<time datetime>``, visible text of date-ish elements, short
    texts saying "published"/"updated" then a date (only while no published date is found),
    the first lines of the body, the URL path (date only). The first source that has a date
    wins; a date-only winner takes the time of day of a later source giving the same day.
    Where nothing down to the date-ish elements has a published date, htmldate's day is
    asked for before the weaker sources (``dates.second_opinion``).

    Args:
        tree: lxml HTML element of the whole page (``None`` allowed: body and URL only).
        url: page URL.
        text: cleaned article body, or ``None``.
        language: page language, or ``None``.
        fetched_at: fetch time (aware), anchor of relative dates and of the future check.
        default_tz: zone of dates printed without one.
        second_opinion: ask htmldate as above (``False``: our own sources alone).

    Returns:
        ``PageDates``: published and modified, each aware UTC or ``None`` (modified never
        before published); the wall times printed without a zone; the stated instants.

    Raises:
        ValueError: ``default_tz`` is not a known timezone.
    """
    zone = zone_of(default_tz)
    now = _now(fetched_at)
    pub, mod = _Choice(), _Choice()
    stated: dict[datetime, datetime] = {}
    # htmldate's day is read only when no published date came from anything better; text
    # found by its marker word alone (the weakest page source) only while the published
    # date lacks a time of day (htmldate's never has one: the marked text may give it).
    ask = (lambda: from_htmldate(tree, url, now, language, mod.dt and mod.dt.astimezone(zone).date())
           ) if second_opinion else None
    for source, raws in harvest(tree, url, text, htmldate=ask,
                                skip=lambda name: _unread(name, pub)):
        for raw in raws:
            # Relative words in the body ("Yesterday, the minister said") date the
            # events, not the article: only date-ish elements may use them.
            for dated in _parse_raw(raw.raw, zone, language, now, raw.role, raw.kind,
                                    allow_relative=source != "body"):
                (mod if dated.role == "modified" else pub).feed(dated, guess=source == "htmldate")
                if dated.offset is not None and dated.has_time:
                    stated.setdefault(dated.dt, dated.dt.astimezone(timezone(dated.offset)))
            if pub.settled and mod.settled:
                break  # both dates carry a time of day: no later source can change them
        if pub.settled and mod.settled:
            break
    published, modified = pub.best, mod.best
    if published is not None and modified is not None and modified.dt < published.dt:
        logger.debug("modified %s before published %s on %s: dropped", modified.dt, published.dt, url)
        modified = None
    return PageDates(
        published=_until(published, now), modified=_until(modified, now),
        published_local=_printed_local(published), modified_local=_printed_local(modified),
        published_stated=published is not None and published.local is None and (
            published.offset is not None or published.has_time),
        stated=tuple(stated.values()))


def _unread(source: str, pub: _Choice) -> bool:
    if source == "htmldate":
        return pub.first is not None
    return source == "marked" and pub.settled


def _until(dated: Dated | None, now: datetime) -> datetime | None:
    """The instant of ``dated`` unless it lies ahead of ``now``: then only its wall time
    (``PageDates.published_local``), placed in its site's learned zone, can date the page."""
    return dated.dt if dated is not None and _in_range(dated.dt, now) else None


def _printed_local(dated: Dated | None) -> datetime | None:
    """The naive wall time of a date printed with a time of day and no zone."""
    return dated.local if dated is not None and dated.has_time else None
