"""Dates: the time zone of a site, learned from the instants it states with their offset.

A page that prints "Publié le 19/11/2026 à 09:03" names no zone, but the same site usually
states one elsewhere: its feed (``+01:00``), its sitemap, JSON-LD or ``<time datetime>`` on
other pages. ``SiteZones`` collects those offsets per site, with the instants they were
stated at, and places a naive wall time in the zone they point to.

An offset holds for one season only (``+01:00`` in Paris is ``+02:00`` in summer), so the
observations are matched against real IANA zones (``ZONES_BY_LANGUAGE``, ``COMMON_ZONES``):
a zone whose offset equals every observation at its instant is a candidate. When the
candidates agree at the wall time asked about, that is the answer; when they disagree
(``+01:00`` seen in winter only: Europe/Paris and Africa/Lagos differ in July), the page's
language breaks the tie (a weak hint: never used alone); failing that, the offset seen
nearest in time is used as a fixed offset.

An offset of zero is not evidence: many sites write machine times in UTC (``Z``) whatever
zone their pages print, and UTC is what is assumed anyway. Pure: no Scrapy, no I/O; the
crawl's zone stage (``crawler.pipelines.zones``) feeds it and asks it.
"""

from __future__ import annotations

from collections import Counter, OrderedDict
from dataclasses import replace
from datetime import datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from crawler.extract.dates.parse import CLOCK_SKEW
from crawler.items import Article

_ZERO = timedelta(0)
_MAX_OFFSET = timedelta(hours=14)
_OFFSET_STEP = timedelta(minutes=15)  # every offset in use is a multiple of a quarter hour


def _zones(*names: str) -> tuple[ZoneInfo, ...]:
    """The named zones this platform's tz database knows (older databases lack a few names)."""
    found = []
    for name in names:
        try:
            found.append(ZoneInfo(name))
        except (ZoneInfoNotFoundError, ValueError):  # pragma: no cover - depends on tzdata
            continue
    return tuple(found)


_US = ("America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
       "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu")
_LATAM = ("America/Mexico_City", "America/Bogota", "America/Lima", "America/Argentina/Buenos_Aires",
          "America/Santiago", "America/Caracas")

#: Language (``fr``) or language-region (``pt-br``) -> the zones its news sites are in, most
#: likely first. Only a tie-breaker between zones that all match what the site stated.
ZONES_BY_LANGUAGE: dict[str, tuple[ZoneInfo, ...]] = {
    "en": _zones("Europe/London", *_US, "Europe/Dublin", "Australia/Sydney", "Asia/Kolkata",
                 "Pacific/Auckland", "Africa/Johannesburg", "Africa/Lagos", "Asia/Singapore"),
    "en-us": _zones(*_US), "en-gb": _zones("Europe/London"), "en-ie": _zones("Europe/Dublin"),
    "en-au": _zones("Australia/Sydney", "Australia/Brisbane", "Australia/Adelaide", "Australia/Perth"),
    "en-ca": _zones("America/Toronto", "America/Vancouver", "America/Halifax"),
    "en-in": _zones("Asia/Kolkata"), "en-nz": _zones("Pacific/Auckland"),
    "fr": _zones("Europe/Paris", "Europe/Brussels", "Europe/Zurich", "America/Toronto",
                 "Africa/Abidjan", "Africa/Dakar"),
    "fr-ca": _zones("America/Toronto"),
    "de": _zones("Europe/Berlin", "Europe/Vienna", "Europe/Zurich"),
    "es": _zones("Europe/Madrid", *_LATAM),
    "es-es": _zones("Europe/Madrid"), "es-mx": _zones("America/Mexico_City"),
    "es-ar": _zones("America/Argentina/Buenos_Aires"),
    "it": _zones("Europe/Rome"),
    "pt": _zones("Europe/Lisbon", "America/Sao_Paulo"), "pt-br": _zones("America/Sao_Paulo"),
    "pt-pt": _zones("Europe/Lisbon"),
    "nl": _zones("Europe/Amsterdam", "Europe/Brussels"), "pl": _zones("Europe/Warsaw"),
    "sv": _zones("Europe/Stockholm"), "da": _zones("Europe/Copenhagen"),
    "nb": _zones("Europe/Oslo"), "no": _zones("Europe/Oslo"), "fi": _zones("Europe/Helsinki"),
    "cs": _zones("Europe/Prague"), "hu": _zones("Europe/Budapest"), "ro": _zones("Europe/Bucharest"),
    "el": _zones("Europe/Athens"), "ru": _zones("Europe/Moscow"), "tr": _zones("Europe/Istanbul"),
    "uk": _zones("Europe/Kyiv", "Europe/Kiev"),
    "ar": _zones("Asia/Riyadh", "Africa/Cairo", "Asia/Dubai"), "he": _zones("Asia/Jerusalem"),
    "hi": _zones("Asia/Kolkata"), "ja": _zones("Asia/Tokyo"), "ko": _zones("Asia/Seoul"),
    "zh": _zones("Asia/Shanghai", "Asia/Taipei", "Asia/Hong_Kong"),
}

#: The world's main zones, one per rule set (offsets and DST rules), for any site: a site's
#: observations are matched against these after its language's zones.
COMMON_ZONES: tuple[ZoneInfo, ...] = _zones(
    "Europe/London", "Atlantic/Reykjavik", "Europe/Paris", "Africa/Lagos", "Europe/Athens",
    "Africa/Johannesburg", "Africa/Cairo", "Asia/Jerusalem", "Europe/Kaliningrad", "Europe/Moscow",
    "Europe/Istanbul", "Asia/Tehran", "Asia/Dubai", "Asia/Kabul", "Asia/Karachi", "Asia/Kolkata",
    "Asia/Kathmandu", "Asia/Dhaka", "Asia/Bangkok", "Asia/Shanghai", "Australia/Perth",
    "Asia/Tokyo", "Australia/Adelaide", "Australia/Darwin", "Australia/Sydney",
    "Australia/Brisbane", "Pacific/Auckland", "America/Sao_Paulo", "America/Santiago",
    "America/St_Johns", "America/Halifax", "America/New_York", "America/Bogota",
    "America/Chicago", "America/Mexico_City", "America/Denver", "America/Phoenix",
    "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu",
)


def language_zones(language: str | None) -> tuple[ZoneInfo, ...]:
    """The zones a page language hints at (region first: ``pt-BR`` -> Sao Paulo), or ``()``."""
    if not language:
        return ()
    code = language.strip().lower().replace("_", "-")
    return ZONES_BY_LANGUAGE.get(code) or ZONES_BY_LANGUAGE.get(code.split("-")[0], ())


def is_evidence(instant: datetime) -> bool:
    """True for an instant stated with a non-zero offset (the only kind that says a zone)."""
    offset = instant.utcoffset()
    return offset is not None and offset != _ZERO and abs(offset) <= _MAX_OFFSET


class SiteZones:
    """Per site, the offsets it stated (with when), and the zone of a wall time it prints.

    >>> zones = SiteZones()
    >>> zones.observe("lemonde.fr", datetime.fromisoformat("2026-01-10T09:00:00+01:00"))
    True
    >>> zones.place("lemonde.fr", datetime(2026, 7, 1, 9, 3), language="fr").isoformat()
    '2026-07-01T07:03:00+00:00'

    Args:
        max_per_site: most observations kept per site (the oldest of the most repeated
            offset are forgotten first).

    Raises:
        ValueError: ``max_per_site`` below 1.
    """

    def __init__(self, max_per_site: int = 64) -> None:
        if max_per_site < 1:
            raise ValueError(f"max_per_site ({max_per_site!r}) must be 1 or more")
        self.max_per_site = max_per_site
        # site -> {(UTC instant, offset)}: insertion ordered, oldest first.
        self._seen: dict[str, OrderedDict[tuple[datetime, timedelta], None]] = {}
        # site -> language -> the zones matching its observations (dropped on a new one).
        self._candidates: dict[str, dict[str | None, tuple[ZoneInfo, ...]]] = {}

    def observe(self, site: str, instant: datetime) -> bool:
        """Record that ``site`` stated ``instant`` with its offset (aware, in that offset).

        Returns:
            True when it counts as evidence (a non-zero offset not seen before at that instant).
        """
        if not site or not is_evidence(instant):
            return False
        key = (instant.astimezone(timezone.utc), instant.utcoffset())
        seen = self._seen.setdefault(site, OrderedDict())
        if key in seen:
            return False
        seen[key] = None
        if len(seen) > self.max_per_site:
            # The oldest of the most repeated offset leaves, so that an offset seen rarely
            # (summer time, the season that tells zones apart) is not forgotten.
            counts = Counter(offset for _, offset in seen)
            commonest = max(counts, key=lambda offset: (counts[offset], offset))
            del seen[next(k for k in seen if k[1] == commonest)]
        self._candidates.pop(site, None)
        return True

    def knows(self, site: str) -> bool:
        """True once ``site`` stated at least one non-zero offset."""
        return bool(self._seen.get(site))

    def zone_for(self, site: str, local: datetime, *, language: str | None = None) -> tzinfo | None:
        """The zone of the wall time ``local`` (naive) printed on ``site``, or ``None`` when the
        site never stated an offset. An IANA zone when the observations single one out at that
        time (the language breaking ties), else the offset stated nearest in time."""
        seen = self._seen.get(site)
        if not seen:
            return None
        candidates = self._matching(site, language)
        if candidates:
            if len({_offset_at(z, local) for z in candidates}) == 1:
                return candidates[0]
            hinted = [z for z in candidates if z in language_zones(language)]
            if hinted and len({_offset_at(z, local) for z in hinted}) == 1:
                return hinted[0]
        nearest = min(seen, key=lambda k: (abs(k[0].astimezone(timezone(k[1])).replace(tzinfo=None)
                                                   - local), k[0]))
        return timezone(nearest[1])

    def place(self, site: str, local: datetime, *, language: str | None = None) -> datetime | None:
        """``local`` (a naive wall time printed on ``site``) as aware UTC in the site's learned
        zone, or ``None`` when nothing was learned for the site."""
        zone = self.zone_for(site, local, language=language)
        if zone is None:
            return None
        return local.replace(tzinfo=zone).astimezone(timezone.utc)

    def learn(self, article: Article, hint: datetime | None = None) -> None:
        """Observe what one page states: the instants it gave with an offset and, when its
        feed or sitemap stated one (time and offset), that hint (aware, in its offset) and
        the offset it gives the time the page printed (:meth:`place_article`)."""
        for when in article.stated:
            self.observe(article.site, when)
        if hint is not None:
            self.observe(article.site, hint)
            self._observe_hinted(article, hint)

    def place_article(self, article: Article, *, hint: datetime | None = None,
                      now: datetime | None = None) -> Article:
        """``article`` with the times it printed without a zone placed in its site's zone.

        The page's own feed hint is the strongest evidence: when its wall time equals the
        printed one, its offset is the page's; a UTC hint (``Z``, ``+0000``) a whole number
        of quarter hours away from the printed time gives the offset by the difference (and
        is learned for the site). Otherwise the site's learned zone (:meth:`zone_for`).

        Args:
            article: an extracted article (``published_local`` / ``modified_local`` set when
                the page printed times without a zone).
            hint: the page's feed/sitemap published date, aware in the offset it stated
                (only a hint that stated a time and an offset).
            now: the fetch time: a placed time beyond it (plus the clock skew) is refused.

        Returns:
            The article with ``published`` / ``modified`` placed and ``published_zone``
            ``"learned"``; the same article when nothing was learned for it.
        """
        local = article.published_local or article.modified_local
        if local is None:
            return article
        zone = self._observe_hinted(article, hint)
        zone = zone or self.zone_for(article.site, local, language=article.language)
        if zone is None:
            return article
        published, modified = article.published, article.modified
        if article.published_local is not None:
            published = _placed(article.published_local, zone, now)
            if published is None:
                return article
        if article.modified_local is not None:
            modified = _placed(article.modified_local, zone, now) or modified
        if published is not None and modified is not None and modified < published:
            modified = None
        zone_by = "learned" if article.published_local is not None else article.published_zone
        return replace(article, published=published, modified=modified, published_zone=zone_by)

    def _observe_hinted(self, article: Article, hint: datetime | None) -> tzinfo | None:
        """The zone the page's own feed hint gives the time it printed (``None`` when it gives
        none), observed for its site when not UTC."""
        local = article.published_local
        zone = _zone_from_hint(local, hint) if local is not None else None
        if zone is not None and zone.utcoffset(None):
            self.observe(article.site, local.replace(tzinfo=zone))
        return zone

    def observations(self) -> dict[str, list[datetime]]:
        """Every site's observations, aware in their stated offsets, oldest first (for saving)."""
        return {site: [when.astimezone(timezone(offset)) for when, offset in seen]
                for site, seen in self._seen.items()}

    def to_json(self) -> dict[str, list[str]]:
        """The observations as ``{site: [ISO 8601 with offset, ...]}``, to save between runs."""
        return {site: [when.isoformat() for when in seen] for site, seen in self.observations().items()}

    @classmethod
    def from_json(cls, data: object, max_per_site: int = 64) -> "SiteZones":
        """A learner knowing what :meth:`to_json` saved; entries that are not ISO instants
        with an offset are skipped (a damaged file costs only what it lost)."""
        zones = cls(max_per_site)
        for site, values in (data.items() if isinstance(data, dict) else ()):
            for value in values if isinstance(values, list) else ():
                try:
                    when = datetime.fromisoformat(value)
                except (TypeError, ValueError):
                    continue
                if isinstance(site, str) and when.utcoffset() is not None:
                    zones.observe(site, when)
        return zones

    def _matching(self, site: str, language: str | None) -> tuple[ZoneInfo, ...]:
        """The zones (the language's first, then the common ones) that agree with every
        observation of ``site``."""
        cached = self._candidates.setdefault(site, {})
        if language not in cached:
            seen = self._seen[site]
            ordered = dict.fromkeys(language_zones(language) + COMMON_ZONES)
            cached[language] = tuple(
                z for z in ordered if all(when.astimezone(z).utcoffset() == off for when, off in seen))
        return cached[language]


def _offset_at(zone: tzinfo, local: datetime) -> timedelta | None:
    return local.replace(tzinfo=zone).utcoffset()


def _zone_from_hint(local: datetime, hint: datetime | None) -> tzinfo | None:
    """The page's offset from its own feed hint: the hint's when its wall time is the printed
    one (to the minute); for a UTC hint, the whole quarter hours between the two."""
    if hint is None or hint.utcoffset() is None:
        return None
    offset = hint.utcoffset()
    if abs(hint.replace(tzinfo=None) - local) < timedelta(minutes=1):
        return timezone(offset)
    if offset != _ZERO:
        return None
    gap = _minute(local) - _minute(hint.replace(tzinfo=None))
    if gap and abs(gap) <= _MAX_OFFSET and not gap % _OFFSET_STEP:
        return timezone(gap)
    return None


def _minute(when: datetime) -> datetime:
    return when.replace(second=0, microsecond=0)


def _placed(local: datetime, zone: tzinfo, now: datetime | None) -> datetime | None:
    """``local`` in ``zone``, as aware UTC; ``None`` when that is after ``now`` (plus skew)."""
    placed = local.replace(tzinfo=zone).astimezone(timezone.utc)
    return None if now is not None and placed > now + CLOCK_SKEW else placed
