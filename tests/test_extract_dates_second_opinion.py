"""Tests for htmldate's second opinion in crawler.extract.dates.find_dates.

Small hand-written pages: a date printed where our own sources do not look (or in a
language they do not read) is found; pages with no date, or only a year, a month, a
modified date, a date in running prose, an ambiguous numeric date on a page of unknown
language or a date later than the fetch day, still get none; a weak date of ours
(the body's first lines) yields to htmldate's when they differ, and keeps its time of day
when they agree. ``NOW`` is fixed.
"""

from __future__ import annotations

from datetime import datetime, timezone

import lxml.html
import pytest

from crawler.extract import extract_article
from crawler.extract.dates import find_dates
from test_extract_dates import assert_utc

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=timezone.utc)
URL = "https://blog.example/posts/a-post"
PROSE = "The council met again and talked about the budget for the coming years. " * 5


def _page(body: str, lang: str | None = "en", head: str = "") -> str:
    attr = f' lang="{lang}"' if lang else ""
    return f"<html{attr}><head><title>t</title>{head}</head><body><h1>Title</h1>{body}</body></html>"


def _dates(html: str, *, second_opinion: bool = True, text: str | None = None,
           language: str | None = "en", tz: str = "Europe/Berlin"):
    return find_dates(lxml.html.fromstring(html), url=URL, text=text, language=language,
                      fetched_at=NOW, default_tz=tz, second_opinion=second_opinion)


# (id, html, language, expected published UTC ISO or None)
CASES = [
    # Dates our sources miss: a plain element (no date-ish class), a language we do not read.
    ("plain-div-german", _page('<div class="info">Eingestellt am 12.07.2024</div><p>Text.</p>', "de"),
     "de", "2024-07-11T22:00:00"),
    ("russian-month", _page('<div class="x">12 июля 2024</div><p>Текст.</p>', "ru"), "ru",
     "2024-07-11T22:00:00"),
    ("footer-of-a-blog-post", _page('<article><p>Text.</p><footer>Posted 14.10.2024</footer></article>',
                                    "de"), "de", "2024-10-13T22:00:00"),
    ("unknown-language-unambiguous-day", _page('<div class="x">2024-07-24</div><p>x</p>', None),
     None, "2024-07-23T22:00:00"),
    # Precision: nothing or an incomplete date stays nothing.
    ("no-date", _page("<p>Text without any date.</p>"), "en", None),
    ("copyright-year-only", _page("<p>Text.</p><div>© 2016 Example Media</div>"), "en", None),
    ("month-only", _page("<p>Text.</p><div>Archives: August 2024</div>"), "en", None),
    ("date-in-running-prose", _page(f"<p>{PROSE} The report, published on 3 March 2020, found "
                                    f"that {PROSE}</p>"), "en", None),
    ("ambiguous-numeric-unknown-language", _page('<span class="x">03/04/2026</span>', None), None,
     None),
    ("after-the-fetch-day", _page('<div class="x">22 November 2026</div><p>x</p>'), "en", None),
    ("modified-only", _page("<p>x</p>", head='<meta property="article:modified_time" '
                                             'content="2026-11-19T10:00:00Z">'), "en", None),
]


@pytest.mark.parametrize("html,language,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_second_opinion(html, language, expected):
    assert_utc(_dates(html, language=language)[0], expected)


def test_our_sources_alone_miss_what_the_second_opinion_finds():
    html = CASES[0][1]
    assert _dates(html, second_opinion=False, language="de") == (None, None)
    assert _dates(html, language="de")[0] is not None


def test_a_weak_body_date_yields_to_a_different_day():
    html = _page(f'<div class="x">12 July 2024</div><p>On 3 July 2024, {PROSE}</p>')
    body = f"On 3 July 2024, {PROSE}"
    ours, _ = _dates(html, second_opinion=False, text=body, tz="UTC")
    assert ours == datetime(2024, 7, 3, tzinfo=timezone.utc)  # the event's day
    assert _dates(html, text=body, tz="UTC")[0] == datetime(2024, 7, 12, tzinfo=timezone.utc)


def test_a_weak_body_date_on_the_same_day_keeps_its_time():
    html = _page('<div class="x">12 July 2024</div><p>x</p>')
    body = "BERLIN, 12 July 2024, 14:32 - The council met."
    published, _ = _dates(html, text=body, tz="UTC")
    assert published == datetime(2024, 7, 12, 14, 32, tzinfo=timezone.utc)


def test_a_trusted_date_is_never_second_guessed():
    html = _page('<div class="x">12 July 2024</div><p>x</p>',
                 head='<meta property="article:published_time" content="2024-07-10T08:00:00Z">')
    assert _dates(html)[0] == datetime(2024, 7, 10, 8, 0, tzinfo=timezone.utc)


def test_find_dates_leaves_the_tree_unchanged():
    html = _page(f"<p>{PROSE}</p><div>12.07.2024</div>", "de")
    tree = lxml.html.fromstring(html)
    before = lxml.html.tostring(tree)
    find_dates(tree, url=URL, text=None, language="de", fetched_at=NOW, default_tz="UTC")
    assert lxml.html.tostring(tree) == before


def test_extract_article_dates_a_blog_post_our_sources_miss():
    html = _page("<article><div class='entry-info'>Eingestellt am 12.07.2024</div>"
                 f"<p>{'Der Rat hat heute lange über den Haushalt der nächsten Jahre beraten. ' * 6}</p>"
                 "</article>", "de")
    article = extract_article(html, URL)
    assert article.text and article.published == datetime(2024, 7, 12, tzinfo=timezone.utc)
