"""Dates: find date-like strings in visible text and tidy them for dateutil.

Regexes here only *locate* candidate strings ("Publié le 20/11/2026 à 14h32") and rewrite
their spelling ("14h32" -> "14:32", "a.m." -> "AM", "GMT+1" -> "+01:00", ordinal suffixes
dropped); they never compute a date. dateutil (with the language's ``parserinfo``) does
the parsing, in ``crawler.extract.dates``. This module also tells which candidates are
introduced by an "updated" marker, and recognises relative forms ("il y a 3 heures",
"gestern, 14:32") so the caller can resolve them against the fetch time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crawler.extract.dates.lang import LANGUAGES, Language, vocabulary
from crawler.extract.dates.zones import ABBREVIATIONS
from crawler.extract.script import SPACELESS


@dataclass(frozen=True, slots=True)
class Candidate:
    """One date string found in text.

    ``text`` is normalised for dateutil; ``kind`` is ``"iso"``, ``"ymd"`` (year first),
    ``"numeric"`` (day/month order depends on language) or ``"named"`` (month name);
    ``role`` is ``"modified"`` / ``"published"`` when a marker word precedes it, else ``None``.
    """

    start: int
    end: int
    text: str
    kind: str
    role: str | None


@dataclass(frozen=True, slots=True)
class Relative:
    """A relative date: ``amount`` ``unit`` ago (unit a relativedelta keyword), or a day
    word (``unit`` = ``"yesterday"``/``"today"``, amount 1/0) with an optional ``time``."""

    amount: int
    unit: str
    time: str | None = None


def is_cjk(word: str) -> bool:
    """True when ``word`` is written in a script without spaces between words (Chinese,
    Japanese, Korean): there a word has no boundary to look for, since its neighbours
    are letters too ("发布时间：" follows "来源：新华社" directly)."""
    return bool(SPACELESS.search(word))


def _alternation(words) -> str:
    """Regex alternation of literal ``words``, longest first, whitespace-tolerant."""
    unique = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in unique)


def trie_pattern(words) -> str:
    """Regex (no flags needed beyond the caller's) matching any of the literal ``words``,
    built as a trie; a space in a word matches any whitespace run.

    Python's ``re`` tries the branches of a plain alternation one by one at every offset;
    a trie follows only the letters present, which makes searching a whole page's text for
    a few dozen words faster.
    """
    root: dict = {}
    for word in set(words):
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [(r"\s+" if ch == " " else re.escape(ch)) + emit(child)
                    for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


_NOT_LETTER_BEFORE = r"(?<![^\W\d_])"
_NOT_LETTER_AFTER = r"(?![^\W\d_])"
_YEAR = r"(?:19|20)\d{2}"
_ORDINAL = r"(?:st|nd|rd|th|er|re|e|º|°|ª)"
_AMPM = r"[aApP]\.?\s?[mM]\.?"
_TIME = (r"(?<!\d)(?:(?:[01]?\d|2[0-3])(?:\s*[:hH.]\s*[0-5]\d(?::[0-5]\d)?(?:\s*(?:Uhr|h))?"
         rf"|\s*(?:Uhr|h)(?![^\W\d_]))(?:\s*{_AMPM})?|(?:1[0-2]|0?\d)\s*{_AMPM})")
# Zone names are matched case-sensitively: "et" in French is "and", not US Eastern.
# Offsets first, so that "GMT+0100" is not read as "GMT" followed by junk.
_TZ = (r"(?:\s*\(?\s*(?-i:(?:GMT|UTC)\s*[+\-−]\s*\d{1,2}(?::?\d{2})?|[+\-−][0-2]\d:?[0-5]\d|"
       + "|".join(ABBREVIATIONS) + r")(?![A-Za-z])\)?)")
_ISO = (rf"(?<!\d){_YEAR}-[01]\d-[0-3]\d[T ][0-2]\d:[0-5]\d(?::[0-5]\d(?:[.,]\d+)?)?"
        r"(?:\s*(?:Z|[+\-][0-2]\d:?[0-5]\d))?(?!\d)")
_YMD = rf"(?<!\d){_YEAR}(?P<s1>[./-])[01]?\d(?P=s1)[0-3]?\d(?!\d)"
_NUM = r"(?<![\d./-])[0-3]?\d(?P<s2>[./-])[0-3]?\d(?P=s2)(?:\d{4}|\d{2})(?!\d)"


def _month_pattern(langs: tuple[Language, ...]) -> str:
    names = [n for lang in langs for names in lang.months for n in names]
    return rf"{_NOT_LETTER_BEFORE}(?:{_alternation(names)})\.?{_NOT_LETTER_AFTER}"


def _connectors(langs: tuple[Language, ...]) -> str:
    return _alternation(w for lang in langs for w in lang.connectors)


def _build_candidate_regex(langs: tuple[Language, ...]) -> re.Pattern:
    month = _month_pattern(langs)
    named = (rf"(?<!\d)[0-3]?\d{_ORDINAL}?\.?\s*(?:(?:de|del|of)\s+)?{month},?\s*"
             rf"(?:(?:de|del)\s+|,\s*)?{_YEAR}(?!\d)"
             rf"|{month}\s+[0-3]?\d{_ORDINAL}?,?\s+{_YEAR}(?!\d)")
    connect = rf"(?:\s*[,|·•\-–—/]?\s*(?:(?:{_connectors(langs)}|kl\.?|a)\s+)*)"
    lead = r"\s*(?:[,|·•\-–—]|le|on|am)?\s*"
    return re.compile(
        rf"(?:(?P<t0>{_TIME})(?P<z0>{_TZ})?{lead})?"
        rf"(?:(?P<iso>{_ISO})|(?P<ymd>{_YMD})|(?P<num>{_NUM})|(?P<named>{named}))"
        rf"(?:{connect}(?P<t1>{_TIME})(?P<z1>{_TZ})?)?",
        re.IGNORECASE)


def _words_pattern(words) -> str:
    """Alternation of ``words``: whole words only, except CJK words (no word boundaries)."""
    words = set(words)
    cjk = {w for w in words if is_cjk(w)}
    branches = []
    if words - cjk:
        branches.append(rf"{_NOT_LETTER_BEFORE}(?:{_alternation(words - cjk)}){_NOT_LETTER_AFTER}")
    if cjk:
        branches.append(f"(?:{_alternation(cjk)})")
    return "|".join(branches) or r"(?!)"


def _build_marker_regex(langs: tuple[Language, ...], attr: str) -> re.Pattern:
    return re.compile(_words_pattern(w for lang in langs for w in getattr(lang, attr)),
                      re.IGNORECASE)


def _build_relative_regexes(langs: tuple[Language, ...]) -> tuple[re.Pattern, re.Pattern]:
    all_units = [u for lang in langs for u in lang.relative_units]
    units = _alternation(u for u in all_units if not is_cjk(u))
    ones = _alternation(w for lang in langs for w in lang.ones)
    before = _alternation(w for lang in langs for w in lang.ago_before)
    after = _alternation(w for lang in langs for w in lang.ago_after if not is_cjk(w))
    cjk_units = _alternation(u for u in all_units if is_cjk(u))
    cjk_after = _alternation(w for lang in langs for w in lang.ago_after if is_cjk(w))
    plural = r"(?:s|n|en|e|es)?\.?"
    forms = []
    if before:  # "il y a 3 heures", "vor 2 Stunden", "hace 3 horas", "há 2 horas"
        forms.append(rf"{_NOT_LETTER_BEFORE}(?:{before})\s+(?P<n1>\d+|{ones})\s*"
                     rf"(?P<u1>{units}){plural}{_NOT_LETTER_AFTER}")
    if after:  # "2 hours ago", "3 ore fa", "2 horas atrás"
        forms.append(rf"{_NOT_LETTER_BEFORE}(?P<n2>\d+|{ones})\s*(?P<u2>{units}){plural}"
                     rf"\s+(?:{after}){_NOT_LETTER_AFTER}")
    if cjk_after:  # "3小时前", "30分前": no spaces, no word boundaries
        forms.append(rf"(?<!\d)(?P<n3>\d+)\s*(?P<u3>{cjk_units})\s*(?:{cjk_after})")
    ago = re.compile("|".join(f"(?:{f})" for f in forms), re.IGNORECASE)
    days = _words_pattern(w for lang in langs for w in (*lang.yesterday, *lang.today))
    connect = rf"(?:\s*,?\s*(?:(?:{_connectors(langs)}|a)\s+)*)"
    day = re.compile(rf"(?P<word>{days})"
                     rf"(?:{connect}(?P<time>{_TIME})(?P<tz>{_TZ})?)?", re.IGNORECASE)
    return ago, day


@dataclass(frozen=True)
class _Patterns:
    langs: tuple[Language, ...]
    candidate: re.Pattern
    published: re.Pattern
    modified: re.Pattern
    ago: re.Pattern
    day: re.Pattern


def _patterns_for(code: str | None) -> _Patterns:
    langs = vocabulary(code)
    ago, day = _build_relative_regexes(langs)
    return _Patterns(langs, _build_candidate_regex(langs),
                     _build_marker_regex(langs, "published"),
                     _build_marker_regex(langs, "modified"), ago, day)


#: Compiled once at import, per supported language and for "unknown" (all languages).
PATTERNS: dict[str | None, _Patterns] = {code: _patterns_for(code)
                                         for code in (*LANGUAGES, None)}


def normalise_time(raw: str) -> str:
    """"14h32" / "14 h 32" / "14.32 Uhr" -> "14:32"; "14h" -> "14:00"; "8:32 a.m." -> "8:32 AM"."""
    s = re.sub(r"\bUhr\b", " ", raw, flags=re.IGNORECASE)
    s = re.sub(r"([aApP])\.?\s?[mM]\.?", lambda m: f" {m.group(1).upper()}M", s)
    s = re.sub(r"^\s*(\d{1,2})\s*[hH.]\s*(\d{2})", r"\1:\2", s)
    s = re.sub(r"^\s*(\d{1,2})\s*[hH]?\s*$", r"\1:00", s)
    s = re.sub(r"(\d)\s*[hH]\s*$", r"\1", s)
    return " ".join(s.split())


def normalise_tz(raw: str | None) -> str:
    """"(GMT+1)" -> "+01:00" (dateutil reads "GMT+1" POSIX-style, reversed); strip brackets."""
    if not raw:
        return ""
    s = raw.strip().strip("()").strip().replace("−", "-")
    m = re.fullmatch(r"(?:GMT|UTC)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?", s)
    if m:
        return f"{m.group(1)}{int(m.group(2)):02d}:{m.group(3) or '00'}"
    return s


_OFFSET_NAME = re.compile(r"\(?\b(?:GMT|UTC)\s*[+\-−]\s*\d{1,2}(?::?\d{2})?\b\)?")


def normalise_offsets(raw: str) -> str:
    """Rewrite every "GMT+1" / "(UTC-05:00)" in ``raw`` as "+01:00" / "-05:00"."""
    return _OFFSET_NAME.sub(lambda m: " " + normalise_tz(m.group(0)), raw)


def normalise_date(raw: str) -> str:
    """Drop ordinal suffixes and day dots ("1er", "20th", "20." before a month name)."""
    s = re.sub(rf"(?<!\d)(\d{{1,2}}){_ORDINAL}(?![^\W\d_])", r"\1", raw, flags=re.IGNORECASE)
    s = re.sub(r"(?<!\d)(\d{1,2})\.(?=\s*[^\W\d_])", r"\1", s)
    return " ".join(s.split())


# "2020年7月12日" (Chinese, Japanese) and "2020년 7월 12일" (Korean): year, month, day.
_CJK_DATE = re.compile(r"((?:19|20)\d{2})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]"
                       r"(?:\s*[(（][^)）\d]{1,3}[)）])?")  # and a weekday in brackets: "(土)"

# "14時32分" / "下午2时32分" (Chinese, Japanese): hour, minute, and "afternoon"/"morning".
_CJK_TIME = re.compile(r"(?:(上午|午前)|(下午|午後))?\s*(?<!\d)([01]?\d|2[0-3])\s*[時时点點]\s*"
                       r"([0-5]?\d)\s*分(?:\s*[0-5]?\d\s*秒)?")


def _cjk_time(m: re.Match) -> str:
    ampm = " AM" if m.group(1) else " PM" if m.group(2) else ""
    return f" {m.group(3)}:{int(m.group(4)):02d}{ampm} "


def clean_text(raw: str) -> str:
    """Collapse whitespace (incl. non-breaking and thin spaces) into single spaces; write
    CJK dates ("2020年7月12日") as ISO dates and CJK times ("14時32分") as "14:32", which
    the candidate regexes know."""
    s = _CJK_DATE.sub(lambda m: f" {m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d} ", raw)
    if "分" in s:  # most pages have none: skip the search
        s = _CJK_TIME.sub(_cjk_time, s)
    return " ".join(s.replace("\u00a0", " ").replace("\u202f", " ").split())


def find_candidates(text: str, code: str | None) -> list[Candidate]:
    """All date candidates in ``text``, in order, each tagged with its marker role.

    Args:
        text: visible text (any length; only the matches matter).
        code: supported language code from ``resolve_language``, or ``None`` for all.

    Returns:
        Candidates in document order; empty when none.
    """
    pats = PATTERNS.get(code, PATTERNS[None])
    text = clean_text(text)
    found: list[Candidate] = []
    last_end = 0
    for m in pats.candidate.finditer(text):
        kind = next(k for k in ("iso", "ymd", "num", "named") if m.group(k))
        date = m.group(kind)
        time = m.group("t1") or m.group("t0")
        zone = m.group("z1") or m.group("z0")
        parts = [normalise_date(date) if kind == "named" else date]
        if time:
            parts.append(normalise_time(time))
        if zone:
            parts.append(normalise_tz(zone))
        prefix = text[max(last_end, m.start() - 80):m.start()]
        role = None
        if pats.modified.search(prefix):
            role = "modified"
        elif pats.published.search(prefix):
            role = "published"
        found.append(Candidate(m.start(), m.end(), " ".join(parts),
                               "numeric" if kind == "num" else kind, role))
        last_end = m.end()
    return found


def find_relative(text: str, code: str | None) -> tuple[Relative, str | None] | None:
    """The first relative date in ``text`` ("3 hours ago", "hier à 14h32"), if any.

    Returns:
        ``(Relative, marker role)`` or ``None``. The role is ``"modified"`` when an
        "updated" word precedes it.
    """
    pats = PATTERNS.get(code, PATTERNS[None])
    text = clean_text(text)
    m = pats.ago.search(text)
    rel: Relative | None = None
    if m:
        groups = m.groupdict()
        n = groups.get("n1") or groups.get("n2") or groups.get("n3")
        unit_word = " ".join((groups.get("u1") or groups.get("u2") or groups.get("u3")
                              or "").lower().split())
        unit = next((lang.relative_units[w] for lang in pats.langs
                     for w in lang.relative_units if w == unit_word), None)
        amount = int(n) if n and n.isdigit() else 1
        if unit:
            rel = Relative(amount, unit)
    if rel is None:
        m = pats.day.search(text)
        if m:
            word = m.group("word").lower().replace("’", "'")
            yesterday = any(word == w for lang in pats.langs for w in lang.yesterday)
            time = None
            if m.group("time"):
                time = " ".join(filter(None, (normalise_time(m.group("time")),
                                              normalise_tz(m.group("tz")))))
            rel = Relative(1 if yesterday else 0, "yesterday" if yesterday else "today", time)
    if rel is None:
        return None
    prefix = text[max(0, m.start() - 80):m.start()]
    role = "modified" if pats.modified.search(prefix) else None
    return rel, role
