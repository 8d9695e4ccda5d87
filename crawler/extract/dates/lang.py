"""Dates: the words of each language that dateutil must know to read a news page's dates.

Kept apart from the parsing code because it is pure data: month and weekday names, filler
words, "published"/"updated" markers and relative-date vocabulary for English, French,
German, Spanish, Italian, Portuguese, Chinese and Japanese. Each language becomes a
``dateutil.parser.parserinfo`` subclass, so dateutil, not our code, turns names into numbers.
Adding a language means adding one ``Language`` entry below.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dateutil import parser as du_parser


@dataclass(frozen=True)
class Language:
    """Date vocabulary of one language.

    ``months`` / ``weekdays`` hold the extra tokens per month (January first) / weekday
    (Monday first), lower case, without trailing dots. ``jump`` words are skipped by dateutil;
    ``connectors`` are dropped before parsing because they clash with dateutil tokens
    (``a`` is its "am" marker). ``relative_units`` maps a unit word to a relativedelta
    keyword (seconds to months; a month-ago date is date-only, and years are left out as
    too vague to date an article); ``ago_before`` / ``ago_after`` surround the amount
    ("il y a 3 heures", "3 hours ago").
    """

    code: str
    dayfirst: bool
    months: tuple[tuple[str, ...], ...]
    weekdays: tuple[tuple[str, ...], ...] = ()
    jump: tuple[str, ...] = ()
    pertain: tuple[str, ...] = ()
    connectors: tuple[str, ...] = ()
    published: tuple[str, ...] = ()
    modified: tuple[str, ...] = ()
    relative_units: dict[str, str] = field(default_factory=dict)
    ones: tuple[str, ...] = ()
    ago_before: tuple[str, ...] = ()
    ago_after: tuple[str, ...] = ()
    yesterday: tuple[str, ...] = ()
    today: tuple[str, ...] = ()


LANGUAGES: dict[str, Language] = {
    "en": Language(
        code="en", dayfirst=False,
        months=(("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
                ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
                ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
                ("december", "dec")),
        weekdays=(("monday", "mon"), ("tuesday", "tue", "tues"), ("wednesday", "wed"),
                  ("thursday", "thu", "thur", "thurs"), ("friday", "fri"),
                  ("saturday", "sat"), ("sunday", "sun")),
        jump=("at", "on", "of", "the"),
        connectors=("at", "on"),
        published=("first published", "published", "posted", "created", "released"),
        modified=("last updated", "last modified", "updated", "modified", "revised", "edited"),
        relative_units={"second": "seconds", "sec": "seconds", "minute": "minutes",
                        "min": "minutes", "hour": "hours", "hr": "hours", "day": "days",
                        "week": "weeks", "month": "months"},
        ones=("a", "an", "one"),
        ago_after=("ago",),
        yesterday=("yesterday",), today=("today",),
    ),
    "fr": Language(
        code="fr", dayfirst=True,
        months=(("janvier", "janv"), ("février", "fevrier", "févr", "fevr", "fév", "fev"),
                ("mars",), ("avril", "avr"), ("mai",), ("juin",), ("juillet", "juil"),
                ("août", "aout"), ("septembre", "sept"), ("octobre", "oct"),
                ("novembre", "nov"), ("décembre", "decembre", "déc", "dec")),
        weekdays=(("lundi",), ("mardi",), ("mercredi",), ("jeudi",), ("vendredi",),
                  ("samedi",), ("dimanche",)),
        jump=("le", "à", "er"),
        connectors=("à", "le"),
        published=("publié", "publie", "publiée", "mis en ligne", "paru", "créé"),
        modified=("mis à jour", "mise à jour", "mis a jour", "mise a jour", "actualisé",
                  "modifié", "màj", "maj"),
        relative_units={"seconde": "seconds", "sec": "seconds", "minute": "minutes",
                        "min": "minutes", "mn": "minutes", "heure": "hours", "h": "hours",
                        "jour": "days", "semaine": "weeks", "mois": "months"},
        ones=("un", "une"),
        ago_before=("il y a",),
        yesterday=("hier",), today=("aujourd'hui", "aujourd’hui"),
    ),
    "de": Language(
        code="de", dayfirst=True,
        months=(("januar", "jänner", "jan", "jän"), ("februar", "feber", "feb"),
                ("märz", "maerz", "mär", "mrz"), ("april", "apr"), ("mai",), ("juni", "jun"),
                ("juli", "jul"), ("august", "aug"), ("september", "sep", "sept"),
                ("oktober", "okt"), ("november", "nov"), ("dezember", "dez")),
        weekdays=(("montag",), ("dienstag",), ("mittwoch",), ("donnerstag",), ("freitag",),
                  ("samstag", "sonnabend"), ("sonntag",)),
        jump=("am", "um", "uhr", "den"),
        connectors=("am", "um", "uhr"),
        published=("veröffentlicht", "erschienen", "publiziert", "erstellt"),
        modified=("zuletzt aktualisiert", "aktualisiert", "geändert", "aktualisierung",
                  "update"),
        relative_units={"sekunde": "seconds", "sek": "seconds", "minute": "minutes",
                        "min": "minutes", "stunde": "hours", "std": "hours", "tag": "days",
                        "woche": "weeks", "monat": "months"},
        ones=("einer", "einem", "ein", "eine"),
        ago_before=("vor",),
        yesterday=("gestern",), today=("heute",),
    ),
    "es": Language(
        code="es", dayfirst=True,
        months=(("enero", "ene"), ("febrero", "feb"), ("marzo", "mar"), ("abril", "abr"),
                ("mayo", "may"), ("junio", "jun"), ("julio", "jul"), ("agosto", "ago"),
                ("septiembre", "setiembre", "sep", "sept", "set"), ("octubre", "oct"),
                ("noviembre", "nov"), ("diciembre", "dic")),
        weekdays=(("lunes",), ("martes",), ("miércoles", "miercoles"), ("jueves",),
                  ("viernes",), ("sábado", "sabado"), ("domingo",)),
        jump=("de", "del", "el", "las", "la"),
        pertain=("de", "del"),
        connectors=("a las", "a la", "de", "del", "el"),
        published=("publicado", "publicada", "creado"),
        modified=("actualizado", "actualizada", "actualización", "modificado", "modificada"),
        relative_units={"segundo": "seconds", "seg": "seconds", "minuto": "minutes",
                        "min": "minutes", "hora": "hours", "h": "hours", "día": "days",
                        "dia": "days", "semana": "weeks", "mes": "months"},
        ones=("un", "una"),
        ago_before=("hace",),
        yesterday=("ayer",), today=("hoy",),
    ),
    "it": Language(
        code="it", dayfirst=True,
        months=(("gennaio", "gen"), ("febbraio", "feb"), ("marzo", "mar"), ("aprile", "apr"),
                ("maggio", "mag"), ("giugno", "giu"), ("luglio", "lug"), ("agosto", "ago"),
                ("settembre", "set", "sett"), ("ottobre", "ott"), ("novembre", "nov"),
                ("dicembre", "dic")),
        weekdays=(("lunedì", "lunedi"), ("martedì", "martedi"), ("mercoledì", "mercoledi"),
                  ("giovedì", "giovedi"), ("venerdì", "venerdi"), ("sabato",),
                  ("domenica",)),
        jump=("ore", "alle", "il", "del"),
        connectors=("ore", "alle", "il"),
        published=("pubblicato", "pubblicata", "creato"),
        modified=("aggiornato", "aggiornata", "aggiornamento", "modificato", "modificata"),
        relative_units={"secondo": "seconds", "secondi": "seconds", "minuto": "minutes",
                        "minuti": "minutes", "min": "minutes", "ora": "hours",
                        "ore": "hours", "giorno": "days", "giorni": "days",
                        "settimana": "weeks", "settimane": "weeks", "mese": "months",
                        "mesi": "months"},
        ones=("un", "una", "uno"),
        ago_after=("fa",),
        yesterday=("ieri",), today=("oggi",),
    ),
    "pt": Language(
        code="pt", dayfirst=True,
        months=(("janeiro", "jan"), ("fevereiro", "fev"), ("março", "marco", "mar"),
                ("abril", "abr"), ("maio", "mai"), ("junho", "jun"), ("julho", "jul"),
                ("agosto", "ago"), ("setembro", "set"), ("outubro", "out"),
                ("novembro", "nov"), ("dezembro", "dez")),
        weekdays=(("segunda",), ("terça", "terca"), ("quarta",), ("quinta",), ("sexta",),
                  ("sábado", "sabado"), ("domingo",)),
        jump=("de", "do", "da", "às", "as", "feira"),
        pertain=("de",),
        connectors=("às", "as", "de", "do"),
        published=("publicado", "publicada", "criado"),
        modified=("atualizado", "atualizada", "actualizado", "actualizada", "atualização",
                  "modificado"),
        relative_units={"segundo": "seconds", "minuto": "minutes", "min": "minutes",
                        "hora": "hours", "h": "hours", "dia": "days", "semana": "weeks",
                        "mês": "months", "mes": "months", "meses": "months"},
        ones=("um", "uma"),
        ago_before=("há", "ha"),
        ago_after=("atrás", "atras"),
        yesterday=("ontem",), today=("hoje",),
    ),
    # Chinese and Japanese write dates year first with digits ("2026-11-28 23:14",
    # "2026年11月28日", rewritten to ISO by ``dates.text.clean_text``): no month names.
    # Their words are matched without word boundaries (``dates.text.is_cjk``).
    "zh": Language(
        code="zh", dayfirst=False,
        months=((),) * 12,
        published=("发布时间", "发布日期", "发布于", "发表于", "发表时间", "发表日期", "发布",
                   "发表", "时间", "日期", "發佈時間", "發布時間", "發表於", "發佈於", "時間"),
        modified=("更新时间", "更新日期", "更新于", "最后更新于", "最后更新", "修改时间", "修改",
                  "更新時間", "更新於", "最後更新"),
        relative_units={"秒": "seconds", "秒钟": "seconds", "分钟": "minutes",
                        "分鐘": "minutes", "小时": "hours", "个小时": "hours", "小時": "hours",
                        "個小時": "hours", "天": "days", "周": "weeks", "个星期": "weeks",
                        "星期": "weeks", "个月": "months", "個月": "months"},
        ago_after=("前",),
        yesterday=("昨天",), today=("今天",),
    ),
    "ja": Language(
        code="ja", dayfirst=False,
        months=((),) * 12,
        published=("公開日時", "公開日", "公開", "配信日時", "配信日", "配信", "掲載日時",
                   "掲載日", "掲載", "投稿日時", "投稿日", "投稿", "発行日"),
        modified=("最終更新日時", "最終更新日", "最終更新", "更新日時", "更新日", "更新"),
        relative_units={"秒": "seconds", "分": "minutes", "時間": "hours", "日": "days",
                        "週間": "weeks", "か月": "months", "ヶ月": "months", "カ月": "months",
                        "ヵ月": "months"},
        ago_after=("前",),
        yesterday=("昨日",), today=("今日", "本日"),
    ),
}

#: English first: English month names appear on pages of every language (ISO-ish metas,
#: wire datelines), and no other language's month token means a different month in English.
ALL_CODES: tuple[str, ...] = tuple(LANGUAGES)

#: Regions of English that write numeric dates month first; every other region is day first.
MONTH_FIRST_REGIONS = frozenset({"us", "ph", "fm", "mh", "pw", "as", "gu", "mp", "um", "vi"})


def resolve_language(language: str | None) -> tuple[str | None, bool | None]:
    """Split a page language ("en-US", "fr_FR", "de") into (supported code, dayfirst).

    Args:
        language: a BCP 47-ish tag or ``None``.

    Returns:
        The primary code when it is one of ``LANGUAGES`` (else ``None``), and whether
        numeric dates put the day first (``None`` when unknown: ambiguous dates rejected).
    """
    if not language or not isinstance(language, str):
        return None, None
    parts = language.strip().lower().replace("_", "-").split("-")
    code = parts[0]
    region = parts[1] if len(parts) > 1 else ""
    if code == "en":
        # Plain "en" follows dateutil's (US) convention; any other English region: day first.
        return "en", not (region == "" or region in MONTH_FIRST_REGIONS)
    if code in LANGUAGES:
        return code, LANGUAGES[code].dayfirst
    return None, True  # other languages of the world overwhelmingly write day first


def _merged_months(codes: tuple[str, ...]) -> list[list[str]]:
    """Month token lists for ``codes``; a token already claimed by another month is skipped."""
    months: list[list[str]] = [[] for _ in range(12)]
    owner: dict[str, int] = {}
    for code in codes:
        for index, names in enumerate(LANGUAGES[code].months):
            for name in names:
                if owner.setdefault(name, index) == index and name not in months[index]:
                    months[index].append(name)
    return months


def _merged(codes: tuple[str, ...], attr: str) -> list[str]:
    seen: list[str] = []
    for code in codes:
        for word in getattr(LANGUAGES[code], attr):
            if word not in seen:
                seen.append(word)
    return seen


def build_parserinfo(codes: tuple[str, ...]) -> type[du_parser.parserinfo]:
    """A ``parserinfo`` subclass knowing the month/weekday names and fillers of ``codes``.

    English is always merged in (after the page's own language), since English names
    also appear on non-English pages. A token claimed by two months is kept for the first
    language only; weekday tokens that are also month tokens are dropped (dateutil checks
    weekdays first).

    Args:
        codes: keys of ``LANGUAGES``, in priority order.

    Returns:
        The subclass; instantiate it and hand it to ``dateutil.parser.parser``.
    """
    codes = tuple(dict.fromkeys((*codes, "en")))
    base = du_parser.parserinfo
    months = _merged_months(codes)
    weekdays: list[list[str]] = [[] for _ in range(7)]
    month_tokens = {name for names in months for name in names}
    for code in codes:
        for index, names in enumerate(LANGUAGES[code].weekdays):
            weekdays[index].extend(n for n in names
                                   if n not in month_tokens and n not in weekdays[index])
    extra_jump = [w for w in _merged(codes, "jump") if w not in base.AMPM[0] + base.AMPM[1]]
    name = "ParserInfo_" + "_".join(codes)
    return type(name, (base,), {
        "__doc__": f"dateutil parserinfo for {', '.join(codes)}.",
        "MONTHS": [tuple(names) for names in months],
        "WEEKDAYS": [tuple(names) for names in weekdays],
        "JUMP": list(base.JUMP) + extra_jump,
        "PERTAIN": list(base.PERTAIN) + _merged(codes, "pertain"),
    })


def vocabulary(code: str | None) -> tuple[Language, ...]:
    """The languages whose words apply to a page: its own, or all of them when unknown.

    Args:
        code: a supported code from ``resolve_language``, or ``None``.

    Returns:
        The page's language then English, or every language when ``code`` is unknown.
    """
    if code in LANGUAGES:
        return (LANGUAGES[code],) if code == "en" else (LANGUAGES[code], LANGUAGES["en"])
    return tuple(LANGUAGES[c] for c in ALL_CODES)
