"""Dates: which timezone abbreviations a news page may print, and what they mean.

dateutil only knows UTC/GMT/Z by itself and otherwise falls back on the machine's local
zone names, so every abbreviation we accept is spelled out here and handed to it as
``tzinfos``. Generic names (ET, CT, MT, PT) map to the real IANA zone so that the offset
is the one in force on that date (EST in winter, EDT in summer). Explicit standard/summer
names (EST, CEST...) are fixed offsets, as written.

Deliberately left out because they are ambiguous: IST (India +5:30, Ireland +1, Israel +2),
CST in its China sense (we read CST as US Central), BST in its Bangladesh sense (read as
British Summer Time), AST. An unknown abbreviation leaves the time naive, so the site's
timezone applies.
"""

from __future__ import annotations

from datetime import tzinfo

from dateutil import tz as du_tz

_HOUR = 3600


def _fixed(name: str, hours: float) -> tzinfo:
    return du_tz.tzoffset(name, int(hours * _HOUR))


def _zone(name: str) -> tzinfo:
    zone = du_tz.gettz(name)
    if zone is None:  # pragma: no cover - tzdata is part of every supported platform
        raise RuntimeError(f"timezone database lacks {name!r}")
    return zone


#: Abbreviation (as printed, upper case) -> tzinfo. Passed to dateutil as ``tzinfos``.
TZINFOS: dict[str, tzinfo] = {
    "UTC": du_tz.UTC, "GMT": du_tz.UTC, "UT": du_tz.UTC, "Z": du_tz.UTC,
    # North America: generic names follow the zone's DST rules.
    "ET": _zone("America/New_York"), "EST": _fixed("EST", -5), "EDT": _fixed("EDT", -4),
    "CT": _zone("America/Chicago"), "CST": _fixed("CST", -6), "CDT": _fixed("CDT", -5),
    "MT": _zone("America/Denver"), "MST": _fixed("MST", -7), "MDT": _fixed("MDT", -6),
    "PT": _zone("America/Los_Angeles"), "PST": _fixed("PST", -8), "PDT": _fixed("PDT", -7),
    "AKST": _fixed("AKST", -9), "AKDT": _fixed("AKDT", -8), "HST": _fixed("HST", -10),
    # Europe (English and German spellings).
    "BST": _fixed("BST", 1), "WET": _fixed("WET", 0), "WEST": _fixed("WEST", 1),
    "CET": _fixed("CET", 1), "CEST": _fixed("CEST", 2),
    "MEZ": _fixed("MEZ", 1), "MESZ": _fixed("MESZ", 2),
    "EET": _fixed("EET", 2), "EEST": _fixed("EEST", 3), "MSK": _fixed("MSK", 3),
    # Asia / Pacific.
    "JST": _fixed("JST", 9), "KST": _fixed("KST", 9), "HKT": _fixed("HKT", 8),
    "SGT": _fixed("SGT", 8), "AEST": _fixed("AEST", 10), "AEDT": _fixed("AEDT", 11),
    "ACST": _fixed("ACST", 9.5), "AWST": _fixed("AWST", 8),
    "NZST": _fixed("NZST", 12), "NZDT": _fixed("NZDT", 13),
}

#: The abbreviations, longest first, for building the candidate-finding regex.
ABBREVIATIONS: tuple[str, ...] = tuple(sorted(TZINFOS, key=len, reverse=True))
