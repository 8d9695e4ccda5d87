"""Tests for crawler.extract.dates: to_utc and find_dates, table-driven.

Every case is data: (input, language, default_tz, expected ISO UTC or None). ``NOW`` is
fixed so relative forms and the future check are deterministic.
"""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import lxml.html
import pytest

from crawler.extract.dates import find_dates, find_page_dates, to_utc

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=timezone.utc)       # winter: CET, EST
SUMMER_NOW = datetime(2026, 7, 15, 12, 0, tzinfo=timezone.utc)  # summer: CEST, EDT

# (raw, language, default_tz, expected UTC ISO or None)
TO_UTC_CASES = [
    # ISO 8601 / machine formats
    ("2026-11-20T14:32:00+01:00", None, "UTC", "2026-11-20T13:32:00"),
    ("2026-11-20T14:32:00Z", None, "Europe/Paris", "2026-11-20T14:32:00"),
    ("2026-11-20T14:32:00.123456-05:00", None, "UTC", "2026-11-20T19:32:00.123456"),
    ("2026-11-20T14:32", None, "Europe/Paris", "2026-11-20T13:32:00"),
    ("2026-11-20 14:32:00", None, "Europe/Paris", "2026-11-20T13:32:00"),
    ("2026-11-20", None, "Europe/Paris", "2026-11-19T23:00:00"),
    ("2026-03-04", "fr", "UTC", "2026-03-04T00:00:00"),  # ISO is year-month-day, never dayfirst
    ("2026-03-04", "en-GB", "UTC", "2026-03-04T00:00:00"),
    ("2026/03/04 10:00", "fr", "UTC", "2026-03-04T10:00:00"),
    ("20261120T143200Z", None, "UTC", "2026-11-20T14:32:00"),
    ("Fri, 20 Nov 2026 14:32:00 GMT", None, "Europe/Paris", "2026-11-20T14:32:00"),
    ("Fri, 20 Nov 2026 14:32:00 +0100", None, "UTC", "2026-11-20T13:32:00"),
    ("2026-11-20 14:32 UTC-5", None, "UTC", "2026-11-20T19:32:00"),
    ("20 novembre 2026 14:32 (GMT+1)", "fr", "UTC", "2026-11-20T13:32:00"),
    ("Sat Nov 21 2026 09:00:00 GMT+0100 (Central European Standard Time)", None, "UTC",
     "2026-11-21T08:00:00"),
    ("Thursday 19 November 2026 22.15 GMT", "en-GB", "Europe/Paris", "2026-11-19T22:15:00"),
    ("12:30 20/11/2026", "fr", "Europe/Paris", "2026-11-20T11:30:00"),
    # CJK year-month-day
    ("2026年11月20日", None, "Asia/Tokyo", "2026-11-19T15:00:00"),
    ("投稿日：2026年11月20日(金) 14:32", None, "Asia/Tokyo", "2026-11-20T05:32:00"),
    ("2026년 11월 20일 (금) 14:32", None, "Asia/Seoul", "2026-11-20T05:32:00"),
    ("2026年13月20日", None, "UTC", None),
    # Chinese and Japanese: labels, times written with 时/時 and 分, relative forms
    ("发布时间：2026-11-20 14:32 更新时间：2026-11-21 09:05", "zh-CN", "Asia/Shanghai",
     "2026-11-20T06:32:00"),
    ("2026年11月20日 下午2时32分", "zh", "Asia/Shanghai", "2026-11-20T06:32:00"),
    ("配信日時：2026年11月20日 14時32分", "ja", "Asia/Tokyo", "2026-11-20T05:32:00"),
    ("3小时前", "zh", "Asia/Shanghai", "2026-11-21T09:00:00"),
    ("发布于 30分钟前", "zh-Hans", "Asia/Shanghai", "2026-11-21T11:30:00"),
    ("2天前", "zh", "Asia/Shanghai", "2026-11-18T16:00:00"),  # date only, local midnight
    ("昨天 18:05", "zh", "Asia/Shanghai", "2026-11-20T10:05:00"),
    ("3時間前", "ja", "Asia/Tokyo", "2026-11-21T09:00:00"),
    ("30分前", "ja-JP", "Asia/Tokyo", "2026-11-21T11:30:00"),
    ("2日前", "ja", "Asia/Tokyo", "2026-11-18T15:00:00"),
    ("昨日 18:05", "ja", "Asia/Tokyo", "2026-11-20T09:05:00"),
    ("20261120", None, "UTC", "2026-11-20T00:00:00"),
    ("1763640000", None, "UTC", None),  # epoch seconds: not a written date
    ("Nov 20", "en", "UTC", None),       # no year: not guessed
    # naive input gets the site's zone (fundus regression), DST-correct
    ("2026-07-01 12:00", None, "Europe/Paris", "2026-07-01T10:00:00"),
    ("2026-01-15 12:00", None, "Europe/Paris", "2026-01-15T11:00:00"),
    ("2026-07-01 12:00", None, "America/New_York", "2026-07-01T16:00:00"),
    ("2026-01-15 12:00", None, "America/New_York", "2026-01-15T17:00:00"),
    ("2026-03-29 03:30", None, "Europe/Paris", "2026-03-29T01:30:00"),  # first hour of CEST
    ("2026-03-28 03:30", None, "Europe/Paris", "2026-03-28T02:30:00"),  # day before: CET
    ("2026-11-20 14:32", None, ZoneInfo("Asia/Tokyo"), "2026-11-20T05:32:00"),
    # French
    ("20 novembre 2026 à 14h32", "fr", "Europe/Paris", "2026-11-20T13:32:00"),
    ("Publié le 20/11/2026 à 14h32", "fr", "Europe/Paris", "2026-11-20T13:32:00"),
    ("Le 1er mars 2026", "fr", "Europe/Paris", "2026-02-28T23:00:00"),
    ("mercredi 4 février 2026 - 09:15", "fr", "Europe/Paris", "2026-02-04T08:15:00"),
    ("Mis à jour le 21 nov. 2026 à 9h", "fr", "Europe/Paris", "2026-11-21T08:00:00"),
    ("14 juillet 2026 à 14 h 05", "fr", "Europe/Paris", "2026-07-14T12:05:00"),
    ("12 août 2026", "fr", "Europe/Paris", "2026-08-11T22:00:00"),
    # English
    ("Nov. 20, 2026 8:32 a.m. ET", "en-US", "UTC", "2026-11-20T13:32:00"),
    ("November 20, 2026, 8:32 AM EST", "en", "UTC", "2026-11-20T13:32:00"),
    ("July 4, 2026 8:32 p.m. ET", "en-US", "UTC", "2026-07-05T00:32:00"),  # ET = EDT in July
    ("Updated 3:15 PM PT, Jan 5, 2026", "en-US", "UTC", "2026-01-05T23:15:00"),
    ("June 5, 2026 10:00 AM PDT", "en", "UTC", "2026-06-05T17:00:00"),
    ("June 5, 2026 10:00 CT", "en", "UTC", "2026-06-05T15:00:00"),
    ("June 5, 2026 10:00 MT", "en", "UTC", "2026-06-05T16:00:00"),
    ("20th November 2026", "en-GB", "Europe/London", "2026-11-20T00:00:00"),
    ("Friday, November 20, 2026", "en", "UTC", "2026-11-20T00:00:00"),
    ("Published 20 June 2026, 10:00 BST", "en-GB", "UTC", "2026-06-20T09:00:00"),
    ("20 November 2026 14:32 GMT", "en-GB", "Europe/Paris", "2026-11-20T14:32:00"),
    ("11/20/2026", "en-US", "UTC", "2026-11-20T00:00:00"),
    ("11/20/26 8:32 pm", "en-US", "America/New_York", "2026-11-21T01:32:00"),
    ("Posted Nov 20 2026 at 10:00 AEDT", "en-AU", "UTC", "2026-11-19T23:00:00"),
    ("2026-11-20 09:00 JST", None, "UTC", "2026-11-20T00:00:00"),
    ("20 November 2026 14:32 UTC", "en-GB", "Europe/Paris", "2026-11-20T14:32:00"),
    ("Nov. 20, 2026 9:32 AM EDT", "en-US", "UTC", "2026-11-20T13:32:00"),  # as written
    ("15 July 2026 14:32 CEST", "en-GB", "UTC", "2026-07-15T12:32:00"),
    ("20 November 2026 14:32 CET", "en-GB", "UTC", "2026-11-20T13:32:00"),
    ("July 15, 2026 8:32 AM EDT", "en-US", "Europe/Paris", "2026-07-15T12:32:00"),
    ("Nov 20, 2026 8:32 AM PST", "en-US", "UTC", "2026-11-20T16:32:00"),
    ("20 November 2026 14:32 WET", "pt", "UTC", "2026-11-20T14:32:00"),
    # German
    ("20.11.2026, 14:32 Uhr", "de", "Europe/Berlin", "2026-11-20T13:32:00"),
    ("Veröffentlicht am 20. November 2026, 14:32 Uhr MEZ", "de", "UTC", "2026-11-20T13:32:00"),
    ("15. Juli 2026, 14:32 Uhr MESZ", "de", "UTC", "2026-07-15T12:32:00"),
    ("3. März 2026", "de", "Europe/Berlin", "2026-03-02T23:00:00"),
    ("Stand: 20.11.2026 14.32 Uhr", "de", "Europe/Berlin", "2026-11-20T13:32:00"),
    ("20.11.26", "de", "UTC", "2026-11-20T00:00:00"),
    ("20.11.2026 14:32 MEZ", "de", "UTC", "2026-11-20T13:32:00"),
    ("Zuletzt aktualisiert: 21.11.2026, 09:00 Uhr", "de", "Europe/Berlin", "2026-11-21T08:00:00"),
    # Spanish
    ("20 de noviembre de 2026", "es", "Europe/Madrid", "2026-11-19T23:00:00"),
    ("Actualizado: 20/11/2026 14:32 CET", "es", "UTC", "2026-11-20T13:32:00"),
    ("20 de noviembre de 2026 a las 14:32", "es", "Europe/Madrid", "2026-11-20T13:32:00"),
    ("5 de septiembre de 2026, 08:00 WEST", "es", "UTC", "2026-09-05T07:00:00"),
    # Italian
    ("20 novembre 2026, ore 14:32", "it", "Europe/Rome", "2026-11-20T13:32:00"),
    ("Pubblicato il 3 agosto 2026 alle 10:15", "it", "Europe/Rome", "2026-08-03T08:15:00"),
    ("20/11/2026 - 14.32", "it", "Europe/Rome", "2026-11-20T13:32:00"),
    # Portuguese
    ("20 de novembro de 2026 às 14h32", "pt", "Europe/Lisbon", "2026-11-20T14:32:00"),
    ("20 de novembro de 2026 às 14h32", "pt-BR", "America/Sao_Paulo", "2026-11-20T17:32:00"),
    ("Atualizado em 2 de março de 2026", "pt", "UTC", "2026-03-02T00:00:00"),
    # a month name of another supported language than the (possibly wrong) page language
    ("publiziert am 30. Juli 2018", "en", "UTC", "2018-07-30T00:00:00"),
    ("le 20 novembre 2026", "en", "Europe/Paris", "2026-11-19T23:00:00"),
    # day/month order follows the language
    ("03/04/2026", "en-US", "UTC", "2026-03-04T00:00:00"),
    ("03/04/2026", "en-GB", "UTC", "2026-04-03T00:00:00"),
    ("03/04/2026", "fr", "UTC", "2026-04-03T00:00:00"),
    ("03/04/2026", "de", "UTC", "2026-04-03T00:00:00"),
    ("03/04/2026", "es-ES", "UTC", "2026-04-03T00:00:00"),
    ("03/04/2026", None, "UTC", None),      # unknown language: ambiguous, not guessed
    ("04/04/2026", None, "UTC", "2026-04-04T00:00:00"),  # same either way
    ("20/11/2026", None, "UTC", "2026-11-20T00:00:00"),  # only one order is valid
    # relative forms against NOW = 2026-11-21 12:00 UTC
    ("il y a 3 heures", "fr", "UTC", "2026-11-21T09:00:00"),
    ("vor 2 Stunden", "de", "UTC", "2026-11-21T10:00:00"),
    ("2 hours ago", "en", "UTC", "2026-11-21T10:00:00"),
    ("an hour ago", "en", "UTC", "2026-11-21T11:00:00"),
    ("hace 3 horas", "es", "UTC", "2026-11-21T09:00:00"),
    ("3 ore fa", "it", "UTC", "2026-11-21T09:00:00"),
    ("há 2 horas", "pt", "UTC", "2026-11-21T10:00:00"),
    ("45 minutes ago", "en", "UTC", "2026-11-21T11:15:00"),
    ("vor einer Stunde", "de", "UTC", "2026-11-21T11:00:00"),
    ("il y a 2 jours", "fr", "Europe/Paris", "2026-11-18T23:00:00"),
    ("yesterday", "en", "America/New_York", "2026-11-20T05:00:00"),
    ("hier", "fr", "Europe/Paris", "2026-11-19T23:00:00"),
    ("gestern", "de", "Europe/Berlin", "2026-11-19T23:00:00"),
    ("ayer", "es", "Europe/Madrid", "2026-11-19T23:00:00"),
    ("ieri", "it", "UTC", "2026-11-20T00:00:00"),
    ("ontem", "pt", "UTC", "2026-11-20T00:00:00"),
    ("hier à 14h32", "fr", "Europe/Paris", "2026-11-20T13:32:00"),
    ("gestern, 14:32 Uhr", "de", "Europe/Berlin", "2026-11-20T13:32:00"),
    ("today at 5:32 am", "en", "America/New_York", "2026-11-21T10:32:00"),
    ("aujourd'hui à 10h00", "fr", "Europe/Paris", "2026-11-21T09:00:00"),
    ("today at 11:00 pm", "en", "UTC", None),  # later today = in the future
    # days, weeks and months ago: date only, the calendar day in the site's zone
    ("hace 3 días", "es", "Europe/Madrid", "2026-11-17T23:00:00"),
    ("vor 1 Woche", "de", "Europe/Berlin", "2026-11-13T23:00:00"),
    ("vor einer Woche", "de", "UTC", "2026-11-14T00:00:00"),
    ("vor 2 Tagen", "de", "UTC", "2026-11-19T00:00:00"),
    ("há 2 semanas", "pt", "UTC", "2026-11-07T00:00:00"),
    ("há 3 dias", "pt", "UTC", "2026-11-18T00:00:00"),
    ("3 dias atrás", "pt-BR", "UTC", "2026-11-18T00:00:00"),
    ("2 weeks ago", "en", "UTC", "2026-11-07T00:00:00"),
    ("a week ago", "en", "UTC", "2026-11-14T00:00:00"),
    ("2 days ago", "en", "America/New_York", "2026-11-19T05:00:00"),
    ("il y a une semaine", "fr", "UTC", "2026-11-14T00:00:00"),
    ("3 giorni fa", "it", "UTC", "2026-11-18T00:00:00"),
    ("2 settimane fa", "it", "UTC", "2026-11-07T00:00:00"),
    ("hace 2 semanas", "es", "UTC", "2026-11-07T00:00:00"),
    ("il y a 2 mois", "fr", "Europe/Paris", "2026-09-20T22:00:00"),  # CEST in September
    ("2 months ago", "en", "UTC", "2026-09-21T00:00:00"),
    ("a month ago", "en", "UTC", "2026-10-21T00:00:00"),
    ("vor 3 Monaten", "de", "UTC", "2026-08-21T00:00:00"),
    ("vor einem Monat", "de", "UTC", "2026-10-21T00:00:00"),
    ("hace un mes", "es", "UTC", "2026-10-21T00:00:00"),
    ("hace 2 meses", "es", "UTC", "2026-09-21T00:00:00"),
    ("2 mesi fa", "it", "UTC", "2026-09-21T00:00:00"),
    ("há 2 meses", "pt", "UTC", "2026-09-21T00:00:00"),
    ("há um mês", "pt", "UTC", "2026-10-21T00:00:00"),
    ("2 years ago", "en", "UTC", None),  # too vague to date an article: not resolved
    ("3 hrs ago", "en", "UTC", "2026-11-21T09:00:00"),
    ("vor 10 Min.", "de", "UTC", "2026-11-21T11:50:00"),
    # rejections: future beyond 15 minutes, before 1990, incomplete, garbage
    ("2026-11-21T12:10:00Z", None, "UTC", "2026-11-21T12:10:00"),  # within clock skew
    ("2026-11-21T12:20:00Z", None, "UTC", None),
    ("2027-01-01", None, "UTC", None),
    ("1989-12-31", None, "UTC", None),
    ("3 mars 1985", "fr", "UTC", None),
    ("1990-01-01T00:00:00Z", None, "UTC", "1990-01-01T00:00:00"),
    ("2026", None, "UTC", None),
    ("novembre 2026", "fr", "UTC", None),
    ("14:32", None, "UTC", None),
    ("20 novembre", "fr", "UTC", None),
    ("", None, "UTC", None),
    ("   ", None, "UTC", None),
    ("not a date at all", None, "UTC", None),
    ("2026-13-45", None, "UTC", None),
    ("31/02/2026", "fr", "UTC", None),
    ("99999999999999999999", None, "UTC", None),
    ("Breaking: 3 killed in crash", "en", "UTC", None),
    # French "et" (and) after a time is not US Eastern: zone names are case-sensitive
    ("Publié le 20 novembre 2026 à 14h32 et mis à jour ensuite", "fr", "Europe/Paris",
     "2026-11-20T13:32:00"),
    # several dates: the first one (published), not the update
    ("Publié le 20 novembre 2026 à 14h32, mis à jour le 21 novembre 2026 à 09h00", "fr",
     "Europe/Paris", "2026-11-20T13:32:00"),
    # an unknown/ambiguous abbreviation (IST) leaves the time in the site's zone
    ("20 November 2026 14:32 IST", "en-GB", "Europe/Dublin", "2026-11-20T14:32:00"),
    # a bare day word inside prose or a menu is not a date
    ("Hier klicken, um die heutigen Nachrichten zu lesen, Übersicht", "de", "UTC", None),
    ("Today's top stories and more from our newsroom here", "en", "UTC", None),
]


@pytest.mark.parametrize("raw,language,default_tz,expected", TO_UTC_CASES,
                         ids=[f"{i}:{c[0][:40]}" for i, c in enumerate(TO_UTC_CASES)])
def test_to_utc(raw, language, default_tz, expected):
    got = to_utc(raw, default_tz=default_tz, language=language, now=NOW)
    if expected is None:
        assert got is None
    else:
        assert got is not None, raw
        assert got.tzinfo is not None and got.utcoffset().total_seconds() == 0
        assert got.replace(tzinfo=None).isoformat() == expected


def test_to_utc_naive_result_is_aware_fundus_regression():
    """A naive string must come back aware in the default zone, not naive or as UTC."""
    got = to_utc("2026-11-20 14:32", default_tz="Europe/Paris", now=NOW)
    assert got.tzinfo is timezone.utc
    assert got.hour == 13


def test_to_utc_unknown_zone_fails_fast():
    with pytest.raises(ValueError, match="Mars/Olympus"):
        to_utc("2026-11-20", default_tz="Mars/Olympus", now=NOW)


def test_to_utc_non_string_is_none():
    assert to_utc(None, now=NOW) is None  # type: ignore[arg-type]
    assert to_utc(20261120, now=NOW) is None  # type: ignore[arg-type]


def _page(head: str = "", body: str = "") -> str:
    return f"<html><head><title>t</title>{head}</head><body>{body}</body></html>"


def _ld(obj: str) -> str:
    return f'<script type="application/ld+json">{obj}</script>'


URL = "https://news.example/world/story"

# (id, html, url, body text, language, default_tz, fetched_at, published, modified)
FIND_DATES_CASES = [
    # --- JSON-LD ---
    ("jsonld-newsarticle",
     _page(_ld('{"@context":"https://schema.org","@type":"NewsArticle",'
               '"datePublished":"2026-11-20T14:32:00+01:00","dateModified":"2026-11-21T09:00:00+01:00"}')),
     URL, None, "fr", "UTC", NOW, "2026-11-20T13:32:00", "2026-11-21T08:00:00"),
    ("jsonld-graph",
     _page(_ld('{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},'
               '{"@type":"WebPage","datePublished":"2026-01-01T00:00:00Z"},'
               '{"@type":"ReportageNewsArticle","datePublished":"2026-11-20T10:00:00Z"}]}')),
     URL, None, None, "UTC", NOW, "2026-11-20T10:00:00", None),
    ("jsonld-list-of-objects",
     _page(_ld('[{"@type":"BreadcrumbList","itemListElement":[]},'
               '{"@type":["BlogPosting"],"datePublished":"2026-11-19","dateModified":"2026-11-20T08:00:00Z"}]')),
     URL, None, None, "UTC", NOW, "2026-11-19T00:00:00", "2026-11-20T08:00:00"),
    ("jsonld-naive-gets-site-zone",
     _page(_ld('{"@type":"NewsArticle","datePublished":"2026-07-10T14:32:00"}')),
     URL, None, "fr", "Europe/Paris", SUMMER_NOW, "2026-07-10T12:32:00", None),
    ("jsonld-schema-url-type",
     _page(_ld('{"@type":"http://schema.org/NewsArticle","datePublished":"2026-11-20T10:00:00-05:00"}')),
     URL, None, None, "UTC", NOW, "2026-11-20T15:00:00", None),
    ("jsonld-beats-meta",
     _page(_ld('{"@type":"Article","datePublished":"2026-11-20T10:00:00Z"}')
           + '<meta property="article:published_time" content="2026-11-18T10:00:00Z">'),
     URL, None, None, "UTC", NOW, "2026-11-20T10:00:00", None),
    ("jsonld-broken-falls-back",
     _page(_ld('{"@type":"Article", "datePublished": ')
           + '<meta property="article:published_time" content="2026-11-18T10:00:00Z">'),
     URL, None, None, "UTC", NOW, "2026-11-18T10:00:00", None),
    ("jsonld-future-rejected-next-source",
     _page(_ld('{"@type":"NewsArticle","datePublished":"2027-05-01T10:00:00Z"}')
           + '<meta property="article:published_time" content="2026-11-18T10:00:00Z">'),
     URL, None, None, "UTC", NOW, "2026-11-18T10:00:00", None),
    # --- metas ---
    ("og-article-times",
     _page('<meta property="article:published_time" content="2026-11-20T14:32:00+01:00">'
           '<meta property="article:modified_time" content="2026-11-20T16:00:00+01:00">'),
     URL, None, None, "UTC", NOW, "2026-11-20T13:32:00", "2026-11-20T15:00:00"),
    ("og-updated-time",
     _page('<meta property="og:updated_time" content="2026-11-21T07:00:00Z">'
           '<meta name="pubdate" content="2026-11-20T07:00:00Z">'),
     URL, None, None, "UTC", NOW, "2026-11-20T07:00:00", "2026-11-21T07:00:00"),
    ("itemprop-meta",
     _page('<meta itemprop="datePublished" content="2026-11-20T09:00:00+00:00">'
           '<meta itemprop="dateModified" content="2026-11-20T11:00:00+00:00">'),
     URL, None, None, "UTC", NOW, "2026-11-20T09:00:00", "2026-11-20T11:00:00"),
    ("itemprop-span-text",
     _page(body='<article><span itemprop="datePublished">20 novembre 2026 à 14h32</span>'
                '<p>Texte.</p></article>'),
     URL, None, "fr", "Europe/Paris", NOW, "2026-11-20T13:32:00", None),
    ("dublin-core",
     _page('<meta name="DC.date.issued" content="2026-11-20">'
           '<meta name="dcterms.modified" content="2026-11-21">'),
     URL, None, None, "Europe/Paris", NOW, "2026-11-19T23:00:00", "2026-11-20T23:00:00"),
    ("dcterms-created",
     _page('<meta name="dcterms.created" content="2026-11-20T10:00:00Z">'),
     URL, None, None, "UTC", NOW, "2026-11-20T10:00:00", None),
    ("meta-sailthru",
     _page('<meta name="sailthru.date" content="2026-11-20 10:00:00">'),
     URL, None, "en-US", "America/New_York", NOW, "2026-11-20T15:00:00", None),
    ("meta-parsely-pub-date",
     _page('<meta name="parsely-pub-date" content="2026-11-20T10:00:00Z">'),
     URL, None, None, "UTC", NOW, "2026-11-20T10:00:00", None),
    ("meta-publishdate",
     _page('<meta name="publishdate" content="2026-11-20T10:00:00Z">'),
     URL, None, None, "UTC", NOW, "2026-11-20T10:00:00", None),
    ("meta-date",
     _page('<meta name="date" content="2026-11-20">'),
     URL, None, None, "UTC", NOW, "2026-11-20T00:00:00", None),
    ("og-beats-dublin-core",
     _page('<meta name="DC.date.issued" content="2026-11-01">'
           '<meta property="article:published_time" content="2026-11-20T10:00:00Z">'),
     URL, None, None, "UTC", NOW, "2026-11-20T10:00:00", None),
    ("date-only-meta-takes-time-of-same-day",
     _page('<meta name="date" content="2026-11-20">',
           '<article><time datetime="2026-11-20T14:32:00+01:00">20/11</time></article>'),
     URL, None, "fr", "Europe/Paris", NOW, "2026-11-20T13:32:00", None),
    # --- <time> ---
    ("time-in-article",
     _page(body='<header><time datetime="2026-11-01T10:00:00Z">menu</time></header>'
                '<article><time datetime="2026-11-20T10:00:00Z">20 Nov</time></article>'),
     URL, None, None, "UTC", NOW, "2026-11-20T10:00:00", None),
    ("time-pubdate-and-updated-class",
     _page(body='<article><time class="updated" datetime="2026-11-21T08:00:00Z">x</time>'
                '<time pubdate datetime="2026-11-20T08:00:00Z">y</time></article>'),
     URL, None, None, "UTC", NOW, "2026-11-20T08:00:00", "2026-11-21T08:00:00"),
    ("time-in-related-ignored",
     _page(body='<article><p>No date here.</p></article>'
                '<aside class="related"><time datetime="2026-11-10T10:00:00Z">x</time></aside>'),
     URL, None, None, "UTC", NOW, None, None),
    ("time-naive-dst-new-york",
     _page(body='<article><time datetime="2026-07-10T08:00">x</time></article>'),
     URL, None, "en-US", "America/New_York", SUMMER_NOW, "2026-07-10T12:00:00", None),
    # --- visible text per language ---
    ("text-fr-published-and-updated",
     _page(body='<article><p class="article-date">Publié le 20 novembre 2026 à 14h32, '
                'mis à jour le 21 novembre 2026 à 09h00</p><p>Corps.</p></article>'),
     URL, None, "fr", "Europe/Paris", NOW, "2026-11-20T13:32:00", "2026-11-21T08:00:00"),
    ("text-fr-numeric",
     _page(body='<div class="meta">Publié le 20/11/2026 à 14h32</div>'),
     URL, None, "fr", "Europe/Paris", NOW, "2026-11-20T13:32:00", None),
    ("text-en-us-et",
     _page(body='<div class="byline">By A. Writer | Nov. 20, 2026 8:32 a.m. ET</div>'),
     URL, None, "en-US", "UTC", NOW, "2026-11-20T13:32:00", None),
    ("text-en-updated-first",
     _page(body='<div class="timestamp">Updated November 21, 2026, 7:00 AM EST. '
                'Published November 20, 2026, 8:32 AM EST</div>'),
     URL, None, "en", "UTC", NOW, "2026-11-20T13:32:00", "2026-11-21T12:00:00"),
    ("text-de",
     _page(body='<span class="datum">Veröffentlicht am 20. November 2026, 14:32 Uhr MEZ</span>'),
     URL, None, "de", "Europe/Berlin", NOW, "2026-11-20T13:32:00", None),
    ("text-de-numeric-aktualisiert",
     _page(body='<p class="dateline">20.11.2026, 14:32 Uhr (aktualisiert 21.11.2026, 08:00 Uhr)</p>'),
     URL, None, "de", "Europe/Berlin", NOW, "2026-11-20T13:32:00", "2026-11-21T07:00:00"),
    ("text-es",
     _page(body='<div class="fecha">20 de noviembre de 2026</div>'
                '<div class="fecha-actualizacion">Actualizado: 21/11/2026 10:32 CET</div>'),
     URL, None, "es", "Europe/Madrid", NOW, "2026-11-19T23:00:00", "2026-11-21T09:32:00"),
    ("text-it",
     _page(body='<div class="date">20 novembre 2026, ore 14:32</div>'),
     URL, None, "it", "Europe/Rome", NOW, "2026-11-20T13:32:00", None),
    ("text-it-aggiornato",
     _page(body='<div class="meta">Pubblicato il 20/11/2026 alle 10:00 - '
                'aggiornato il 20/11/2026 alle 18:00</div>'),
     URL, None, "it", "Europe/Rome", NOW, "2026-11-20T09:00:00", "2026-11-20T17:00:00"),
    ("text-pt",
     _page(body='<div class="data-publicacao">20 de novembro de 2026 às 14h32</div>'),
     URL, None, "pt", "Europe/Lisbon", NOW, "2026-11-20T14:32:00", None),
    ("text-pt-atualizado",
     _page(body='<div class="date">Publicado em 20/11/2026 às 10h00 | '
                'Atualizado em 20/11/2026 às 12h30</div>'),
     URL, None, "pt-BR", "America/Sao_Paulo", NOW, "2026-11-20T13:00:00", "2026-11-20T15:30:00"),
    ("text-us-numeric-month-first",
     _page(body='<span class="date">11/20/2026</span>'),
     URL, None, "en-US", "UTC", NOW, "2026-11-20T00:00:00", None),
    ("text-ambiguous-follows-language",
     _page(body='<span class="date">03/04/2026 10:00</span>'),
     URL, None, "fr", "UTC", NOW, "2026-04-03T10:00:00", None),
    ("text-ambiguous-unknown-language-none",
     _page(body='<span class="date">03/04/2026 10:00</span>'),
     URL, None, None, "UTC", NOW, None, None),
    ("text-dst-paris-summer",
     _page(body='<span class="date">15 juillet 2026 à 14h32</span>'),
     URL, None, "fr", "Europe/Paris", NOW, "2026-07-15T12:32:00", None),
    ("text-dst-paris-winter",
     _page(body='<span class="date">15 janvier 2026 à 14h32</span>'),
     URL, None, "fr", "Europe/Paris", NOW, "2026-01-15T13:32:00", None),
    ("text-dst-new-york-summer-et",
     _page(body='<span class="date">July 15, 2026 8:32 AM ET</span>'),
     URL, None, "en-US", "UTC", NOW, "2026-07-15T12:32:00", None),
    ("text-dst-new-york-winter-naive",
     _page(body='<span class="date">January 15, 2026 8:32 AM</span>'),
     URL, None, "en-US", "America/New_York", NOW, "2026-01-15T13:32:00", None),
    ("text-in-footer-ignored",
     _page(body='<article><p>Body.</p></article><footer><span class="date">20/11/2026</span></footer>'),
     URL, None, "fr", "UTC", NOW, None, None),
    # --- relative forms against fetched_at ---
    ("relative-fr", _page(body='<span class="time">il y a 3 heures</span>'),
     URL, None, "fr", "UTC", NOW, "2026-11-21T09:00:00", None),
    ("relative-de", _page(body='<span class="zeit">vor 2 Stunden</span>'),
     URL, None, "de", "UTC", NOW, "2026-11-21T10:00:00", None),
    ("relative-en", _page(body='<span class="posted">2 hours ago</span>'),
     URL, None, "en", "UTC", NOW, "2026-11-21T10:00:00", None),
    ("relative-es-ayer", _page(body='<span class="fecha">ayer</span>'),
     URL, None, "es", "Europe/Madrid", NOW, "2026-11-19T23:00:00", None),
    ("relative-updated-marker",
     _page('<meta property="article:published_time" content="2026-11-20T10:00:00Z">',
           '<span class="meta">Updated 2 hours ago</span>'),
     URL, None, "en", "UTC", NOW, "2026-11-20T10:00:00", "2026-11-21T10:00:00"),
    ("relative-es-days", _page(body='<span class="fecha">hace 3 días</span>'),
     URL, None, "es", "Europe/Madrid", NOW, "2026-11-17T23:00:00", None),
    ("relative-de-week", _page(body='<span class="datum">vor 1 Woche</span>'),
     URL, None, "de", "Europe/Berlin", NOW, "2026-11-13T23:00:00", None),
    ("relative-pt-weeks", _page(body='<span class="data-publicacao">há 2 semanas</span>'),
     URL, None, "pt", "UTC", NOW, "2026-11-07T00:00:00", None),
    ("relative-en-weeks", _page(body='<div class="post-date">Posted 2 weeks ago</div>'),
     URL, None, "en", "UTC", NOW, "2026-11-07T00:00:00", None),
    ("relative-fr-months", _page(body='<p class="date">Publié il y a 2 mois</p>'),
     URL, None, "fr", "Europe/Paris", NOW, "2026-09-20T22:00:00", None),
    ("relative-it-aggiornato",
     _page('<meta property="article:published_time" content="2026-11-20T10:00:00Z">',
           '<span class="meta">Aggiornato 3 ore fa</span>'),
     URL, None, "it", "Europe/Rome", NOW, "2026-11-20T10:00:00", "2026-11-21T09:00:00"),
    ("relative-es-actualizado",
     _page('<meta property="article:published_time" content="2026-11-20T10:00:00Z">',
           '<span class="fecha">Actualizado hace 2 horas</span>'),
     URL, None, "es", "Europe/Madrid", NOW, "2026-11-20T10:00:00", "2026-11-21T10:00:00"),
    ("relative-pt-atualizado",
     _page('<meta property="article:published_time" content="2026-11-20T10:00:00Z">',
           '<span class="data">Atualizado há 1 hora</span>'),
     URL, None, "pt", "Europe/Lisbon", NOW, "2026-11-20T10:00:00", "2026-11-21T11:00:00"),
    ("text-it-data-class",  # "data" is date in Italian and Portuguese
     _page(body='<p class="data">20 novembre 2026, ore 14:32</p>'),
     URL, None, "it", "Europe/Rome", NOW, "2026-11-20T13:32:00", None),
    ("relative-de-aktualisiert",
     _page('<meta property="article:published_time" content="2026-11-20T10:00:00Z">',
           '<span class="zeit">Aktualisiert vor 30 Minuten</span>'),
     URL, None, "de", "Europe/Berlin", NOW, "2026-11-20T10:00:00", "2026-11-21T11:30:00"),
    # --- the fast path (stop once both dates have a time) must not lose anything ---
    ("jsonld-published-text-only-modified",
     _page(_ld('{"@type":"NewsArticle","datePublished":"2026-11-20T10:00:00Z"}'),
           '<div class="timestamp">Last updated November 21, 2026 6:00 AM EST</div>'),
     URL, None, "en-US", "UTC", NOW, "2026-11-20T10:00:00", "2026-11-21T11:00:00"),
    ("jsonld-date-only-takes-time-from-later-text",
     _page(_ld('{"@type":"NewsArticle","datePublished":"2026-11-20",'
               '"dateModified":"2026-11-21T08:00:00Z"}'),
           '<p class="byline">By A. Writer, November 20, 2026 10:15 AM GMT</p>'),
     URL, None, "en-GB", "UTC", NOW, "2026-11-20T10:15:00", "2026-11-21T08:00:00"),
    ("jsonld-both-with-time-later-sources-ignored",
     _page(_ld('{"@type":"NewsArticle","datePublished":"2026-11-20T10:00:00Z",'
               '"dateModified":"2026-11-20T12:00:00Z"}')
           + '<meta property="article:published_time" content="2026-11-01T10:00:00Z">',
           '<span class="date">Updated 1 hour ago</span>'),
     URL, None, "en", "UTC", NOW, "2026-11-20T10:00:00", "2026-11-20T12:00:00"),
    ("itemprop-on-time-elements",
     _page(body='<article><time itemprop="datePublished" datetime="2026-11-20T10:00:00+01:00">'
                'x</time><time itemprop="dateModified" datetime="2026-11-20T12:00:00+01:00">'
                'y</time></article>'),
     URL, None, None, "UTC", NOW, "2026-11-20T09:00:00", "2026-11-20T11:00:00"),
    ("jsonld-graph-modified-of-the-article",
     _page(_ld('{"@graph":[{"@type":"WebPage","datePublished":"2026-11-01T00:00:00Z",'
               '"dateModified":"2026-11-21T11:00:00Z"},{"@type":"NewsArticle",'
               '"datePublished":"2026-11-20T10:00:00Z","dateModified":"2026-11-20T18:00:00Z"}]}')),
     URL, None, None, "UTC", NOW, "2026-11-20T10:00:00", "2026-11-20T18:00:00"),
    # --- date-ish elements found by class or id, whatever their case ---
    ("text-dateish-id-only",
     _page(body='<p id="publish-date">20/11/2026 10:00</p>'),
     URL, None, "fr", "Europe/Paris", NOW, "2026-11-20T09:00:00", None),
    ("text-dateish-camel-case-class",
     _page(body='<div class="ArticlePublishedDate">Nov. 20, 2026 8:32 a.m. ET</div>'),
     URL, None, "en-US", "UTC", NOW, "2026-11-20T13:32:00", None),
    ("text-long-dateish-container-uses-short-child",
     _page(body='<div class="article-meta-wrapper"><p>' + "Un long chapeau. " * 20 + '</p>'
                '<span class="posted-on">20 novembre 2026 à 14h32</span></div>'),
     URL, None, "fr", "Europe/Paris", NOW, "2026-11-20T13:32:00", None),
    ("text-future-rejected-url-used",
     _page(body='<span class="date">25 novembre 2026</span>'),
     "https://news.example/2026/11/19/story", None, "fr", "UTC", NOW,
     "2026-11-19T00:00:00", None),
    ("text-before-1990-rejected",
     _page(body='<span class="date">Publié le 3 mars 1985</span>'),
     URL, None, "fr", "UTC", NOW, None, None),
    ("text-en-gb-day-first",
     _page(body='<span class="date">03/04/2026 10:00 BST</span>'),
     URL, None, "en-GB", "UTC", NOW, "2026-04-03T09:00:00", None),
    ("text-de-day-first-mez",
     _page(body='<span class="datum">03.04.2026, 10:00 Uhr MESZ</span>'),
     URL, None, "de-AT", "UTC", NOW, "2026-04-03T08:00:00", None),
    ("dublin-core-modified-only-from-dc",
     _page('<meta property="article:published_time" content="2026-11-20T10:00:00Z">'
           '<meta name="DC.date.modified" content="2026-11-21">'),
     URL, None, None, "UTC", NOW, "2026-11-20T10:00:00", "2026-11-21T00:00:00"),
    # --- short texts found by their "published"/"updated" word, whatever their class ---
    ("marked-text-wrong-page-language",  # a German page declared English
     _page(body='<p><span class="about__block">Jane Doe</span> '
                '<span class="about__block dimmed">publiziert am 30. Juli 2018</span></p>'),
     URL, None, "en", "UTC", NOW, "2018-07-30T00:00:00", None),
    ("marked-text-date-in-child",
     _page(body='<article><p class="x">Published on <b>20 November 2026</b></p></article>'),
     URL, None, "en-GB", "Europe/London", NOW, "2026-11-20T00:00:00", None),
    ("marked-text-fr-mis-en-ligne",
     _page(body='<div class="infos">Mis en ligne le 20/11/2026 à 14h32</div>'),
     URL, None, "fr", "Europe/Paris", NOW, "2026-11-20T13:32:00", None),
    ("marked-text-es-publicado",
     _page(body='<p>Publicado el 20 de noviembre de 2026</p>'),
     URL, None, "es", "Europe/Madrid", NOW, "2026-11-19T23:00:00", None),
    ("marked-text-only-without-better-source",
     _page('<meta property="article:published_time" content="2026-11-20T10:00:00Z">',
           '<p>Published 1 January 2020</p>'),
     URL, None, "en", "UTC", NOW, "2026-11-20T10:00:00", None),
    ("marked-text-in-footer-ignored",
     _page(body='<article><p>Body.</p></article><footer><p>Published 20 November 2026</p></footer>'),
     URL, None, "en", "UTC", NOW, None, None),
    ("marked-text-in-long-paragraph-ignored",
     _page(body='<p>' + "The agency said more. " * 10 + 'The report, published on 3 March 2020, '
                'found that ' + "things changed a lot. " * 5 + '</p>'),
     URL, None, "en", "UTC", NOW, None, None),
    # --- body first lines ---
    ("body-first-line",
     _page(body="<article><p>x</p></article>"), URL,
     "Publié le 20 novembre 2026 à 14h32\nLe corps de l'article commence ici.",
     "fr", "Europe/Paris", NOW, "2026-11-20T13:32:00", None),
    ("body-dateline",
     _page(), URL,
     "BERLIN, 20. November 2026 (dpa) - " + "Der lange erste Absatz geht weiter. " * 8,
     "de", "Europe/Berlin", NOW, "2026-11-19T23:00:00", None),
    ("body-late-date-ignored",
     _page(), URL,
     "Premier paragraphe. " * 12 + "Le 3 mars 2020, la pandémie a commencé.",
     "fr", "UTC", NOW, None, None),
    # --- URL path ---
    ("url-path-slashes", _page(), "https://news.example/2026/11/20/story-slug",
     None, None, "Europe/Paris", NOW, "2026-11-19T23:00:00", None),
    ("url-path-compact", _page(), "https://news.example/politics/20261120/story.html",
     None, None, "UTC", NOW, "2026-11-20T00:00:00", None),
    ("url-path-dashes", _page(), "https://news.example/2026-11-20-story",
     None, None, "UTC", NOW, "2026-11-20T00:00:00", None),
    ("url-invalid-date", _page(), "https://news.example/2026/13/45/story",
     None, None, "UTC", NOW, None, None),
    ("url-future-rejected", _page(), "https://news.example/2027/01/05/story",
     None, None, "UTC", NOW, None, None),
    ("url-after-text",
     _page(body='<span class="date">20 novembre 2026 à 14h32</span>'),
     "https://news.example/2026/11/19/story", None, "fr", "Europe/Paris", NOW,
     "2026-11-20T13:32:00", None),
    # --- rejections and consistency ---
    ("nothing-found", _page(body="<p>Hello.</p>"), URL, "Hello.", "en", "UTC", NOW, None, None),
    ("before-1990-rejected",
     _page('<meta property="article:published_time" content="1985-03-01T10:00:00Z">'),
     URL, None, None, "UTC", NOW, None, None),
    ("future-meta-rejected",
     _page('<meta property="article:published_time" content="2026-11-21T13:00:00Z">'),
     URL, None, None, "UTC", NOW, None, None),
    ("modified-before-published-dropped",
     _page('<meta property="article:published_time" content="2026-11-20T10:00:00Z">'
           '<meta property="article:modified_time" content="2026-11-19T10:00:00Z">'),
     URL, None, None, "UTC", NOW, "2026-11-20T10:00:00", None),
    ("modified-only",
     _page('<meta property="article:modified_time" content="2026-11-19T10:00:00Z">'),
     URL, None, None, "UTC", NOW, None, "2026-11-19T10:00:00"),
    ("jsonld-html-comment-wrapper",
     _page('<script type="application/ld+json"><!-- {"@type":"NewsArticle",'
           '"datePublished":"2026-11-20T10:00:00Z"} --></script>'),
     URL, None, None, "UTC", NOW, "2026-11-20T10:00:00", None),
    ("jsonld-article-beats-video-first",
     _page(_ld('[{"@type":"VideoObject","uploadDate":"2026-11-01T10:00:00Z"},'
               '{"@type":"NewsArticle","datePublished":"2026-11-20T10:00:00Z"}]')),
     URL, None, None, "UTC", NOW, "2026-11-20T10:00:00", None),
    ("jsonld-value-object-and-list",
     _page(_ld('{"@type":"NewsArticle","datePublished":[{"@value":"2026-11-20T10:00:00Z"}]}')),
     URL, None, None, "UTC", NOW, "2026-11-20T10:00:00", None),
    ("body-relative-words-not-a-date",
     _page(), URL, "Yesterday, the minister said the plan would go ahead.\nMore text.",
     "en", "UTC", NOW, None, None),
    ("text-fr-et-is-not-eastern",
     _page(body='<p class="date">Publié le 20 novembre 2026 à 14h32 et modifié depuis</p>'),
     URL, None, "fr", "Europe/Paris", NOW, "2026-11-20T13:32:00", None),
    ("text-split-published-updated-elements",
     _page(body='<article><span class="date-published">Publié le 20/11/2026 à 10h00</span>'
                '<span class="date-updated">21/11/2026 à 08h15</span></article>'),
     URL, None, "fr", "Europe/Paris", NOW, "2026-11-20T09:00:00", "2026-11-21T07:15:00"),
    ("text-absolute-published-relative-update",
     _page(body='<div class="meta">Publié le 21/11/2026 à 08h00 — Mis à jour il y a 2 heures</div>'),
     URL, None, "fr", "Europe/Paris", NOW, "2026-11-21T07:00:00", "2026-11-21T10:00:00"),
    ("text-absolute-then-unmarked-relative-ignored",
     _page(body='<div class="meta">21/11/2026 08h00 · lecture 3 min · il y a 2 heures</div>'),
     URL, None, "fr", "Europe/Paris", NOW, "2026-11-21T07:00:00", None),
    ("text-yesterday-with-time-de",
     _page(body='<span class="datum">Aktualisiert gestern, 18:05 Uhr</span>'
                '<meta name="date" content="2026-11-19T10:00:00+01:00">'),
     URL, None, "de", "Europe/Berlin", NOW, "2026-11-19T09:00:00", "2026-11-20T17:05:00"),
    # --- Chinese and Japanese labels: no word boundaries, year-first numeric dates ---
    ("zh-published-and-updated-labels",
     _page(body='<h1>标题</h1><time>发布时间： 2026-11-20 14:32</time> '
                '<span class="upd">更新时间： 2026-11-21 09:05</span>'),
     URL, None, "zh", "Asia/Shanghai", NOW, "2026-11-20T06:32:00", "2026-11-21T01:05:00"),
    ("zh-updated-label-first",
     _page(body='<p>来源：新华社 更新时间：2026-11-21 09:05</p><p>发布时间：2026-11-20 14:32</p>'),
     URL, None, "zh-Hans", "Asia/Shanghai", NOW, "2026-11-20T06:32:00", "2026-11-21T01:05:00"),
    ("zh-published-label-only",
     _page(body='<time>发布时间： 2026-11-20 14:32</time><p>正文。</p>'),
     URL, None, "zh-CN", "Asia/Shanghai", NOW, "2026-11-20T06:32:00", None),
    ("zh-prose-word-is-no-label",  # "发布" inside a sentence, then a date: not a dateline
     _page(body='<p>市政府发布通知，2026年11月1日起施行。</p>'),
     URL, None, "zh", "Asia/Shanghai", NOW, None, None),
    ("ja-published-and-updated-labels",
     _page(body='<p>更新日：2026年11月21日 9時05分</p><p>公開日：2026年11月20日 14時32分</p>'),
     URL, None, "ja-JP", "Asia/Tokyo", NOW, "2026-11-20T05:32:00", "2026-11-21T00:05:00"),
    ("ja-published-label-only",
     _page(body='<div>配信 2026/11/20 14:32</div><p>本文。</p>'),
     URL, None, "ja", "Asia/Tokyo", NOW, "2026-11-20T05:32:00", None),
    ("garbage-meta-values",
     _page('<meta property="article:published_time" content="soon">'
           '<meta name="date" content="2026-11-20T10:00:00Z">'),
     URL, None, None, "UTC", NOW, "2026-11-20T10:00:00", None),
]


@pytest.mark.parametrize(
    "html,url,text,language,default_tz,fetched_at,published,modified",
    [c[1:] for c in FIND_DATES_CASES], ids=[c[0] for c in FIND_DATES_CASES])
def test_find_dates(html, url, text, language, default_tz, fetched_at, published, modified):
    # Our own sources alone; htmldate's second opinion: test_extract_dates_second_opinion.py
    tree = lxml.html.fromstring(html)
    got_pub, got_mod = find_dates(tree, url=url, text=text, language=language,
                                  fetched_at=fetched_at, default_tz=default_tz,
                                  second_opinion=False)
    assert_utc(got_pub, published)
    assert_utc(got_mod, modified)


@pytest.mark.parametrize("language,tz,html", [
    ("zh", "Asia/Shanghai", '<time>发布时间： 2026-11-20 14:32</time>'),
    ("ja", "Asia/Tokyo", '<div>公開： 2026/11/20 14:32</div>'),
])
def test_cjk_label_gives_time_of_day_beside_htmldate(language, tz, html):
    """With htmldate's second opinion (its day only), the labelled text still gives the
    time of day, and an update label placed first is not taken as the publication."""
    upd = {"zh": "更新时间： 2026-11-21 09:05", "ja": "更新： 2026/11/21 09:05"}[language]
    page = _page(body=f'<span class="upd">{upd}</span> {html}<p>正文。</p>')
    pub, mod = find_dates(lxml.html.fromstring(page), url=URL, text=None, language=language,
                          fetched_at=NOW, default_tz=tz)
    local = ZoneInfo(tz)
    assert pub == datetime(2026, 11, 20, 14, 32, tzinfo=local)
    assert mod == datetime(2026, 11, 21, 9, 5, tzinfo=local)


def assert_utc(got: datetime | None, expected: str | None) -> None:
    """``got`` is ``None`` when ``expected`` is, else aware UTC and equal to it (naive ISO)."""
    if expected is None:
        assert got is None
    else:
        assert got is not None and got.utcoffset().total_seconds() == 0
        assert got.replace(tzinfo=None).isoformat() == expected


def test_find_dates_without_tree_uses_body_and_url():
    pub, mod = find_dates(None, url="https://news.example/2026/11/20/x", text=None,
                          language=None, fetched_at=NOW, default_tz="UTC")
    assert pub == datetime(2026, 11, 20, tzinfo=timezone.utc) and mod is None


def test_find_dates_unknown_zone_fails_fast():
    with pytest.raises(ValueError, match="Nowhere/City"):
        find_dates(lxml.html.fromstring(_page()), url=URL, text=None, language=None,
                   fetched_at=NOW, default_tz="Nowhere/City")


def test_to_utc_accepts_datetime():
    naive = datetime(2026, 7, 1, 12, 0)
    assert to_utc(naive, default_tz="Europe/Paris", now=NOW) == datetime(
        2026, 7, 1, 10, 0, tzinfo=timezone.utc)  # type: ignore[arg-type]
    assert to_utc(datetime(2030, 1, 1, tzinfo=timezone.utc), now=NOW) is None  # type: ignore


def test_find_dates_on_malformed_tree_does_not_raise():
    tree = lxml.html.fromstring("<div><time datetime='x'>??</time><meta content=''></div>")
    assert find_dates(tree, url="not a url", text="", language="zz", fetched_at=NOW,
                      default_tz="UTC") == (None, None)


def test_case_table_is_large():
    assert len(TO_UTC_CASES) + len(FIND_DATES_CASES) >= 100


def test_marker_in_html_comment_is_not_a_date_but_text_after_it_is():
    html = _page(body="<div><!-- Published 1 March 2021 --></div>"
                      "<p><!-- x -->Published 20 November 2026</p>")
    pub, _ = find_dates(lxml.html.fromstring(html), url=URL, text=None, language="en",
                        fetched_at=NOW, default_tz="UTC")
    assert pub == datetime(2026, 11, 20, tzinfo=timezone.utc)


def test_harvest_is_lazy_and_skips_on_request():
    from crawler.extract.dates.sources import SOURCE_ORDER, harvest
    tree = lxml.html.fromstring(_page(
        _ld('{"@type":"NewsArticle","datePublished":"2026-11-20T10:00:00Z"}')
        + '<meta property="article:published_time" content="2026-11-19T10:00:00Z">'))
    asked = []
    sources = harvest(tree, URL, None, skip=lambda name: asked.append(name) or name == "jsonld")
    assert asked == []  # nothing read before the caller asks
    first = next(sources)
    assert first == ("jsonld", []) and asked == ["jsonld"]
    name, dates = next(sources)
    assert name == "og" and [d.raw for d in dates] == ["2026-11-19T10:00:00Z"]
    assert [n for n, _ in sources] == list(SOURCE_ORDER[2:])


def test_trie_pattern_matches_the_longest_word_and_any_whitespace():
    import re

    from crawler.extract.dates.text import trie_pattern
    pattern = re.compile(trie_pattern(["update", "updated", "mis à jour", "maj"]))
    assert [m.group(0) for m in pattern.finditer("updated; mis \n à jour; maj; update")] == [
        "updated", "mis \n à jour", "maj", "update"]
    assert pattern.fullmatch("upd") is None


def test_a_published_line_with_its_time_outweighs_htmldates_day_from_a_link():
    # htmldate also reads dates in links: an archive's "today" link gave the 30th, and the
    # page's own "Published … ET" (the 29th in New York) could not refine a different day
    html = ("<html><head><title>Miner to acquire rival</title></head><body>"
            "<nav><a href='/archive/2026/11/30/'>Today's archive</a></nav>"
            "<h1>Miner to acquire rival for $4.2 bln</h1>"
            "<time>Published Nov. 29, 2026 7:50 p.m. ET</time>"
            "<p>The companies said on Sunday that the deal values the rival at a premium.</p>"
            "</body></html>")
    found = find_page_dates(lxml.html.fromstring(html), url="https://harbor.example/business/miner-acquires-rival",
                            text=None, language="en", fetched_at=datetime(2026, 11, 30, 14, tzinfo=timezone.utc),
                            default_tz="America/New_York")
    assert found.published == datetime(2026, 11, 30, 0, 50, tzinfo=timezone.utc)
