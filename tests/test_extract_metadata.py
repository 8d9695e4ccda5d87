"""Metadata readers: site, canonical URL, title, authors, wire, language."""

import pytest
from lxml import html

from crawler.extract import metadata as md
from crawler.extract.metadata import jsonld


def tree(s):
    return html.fromstring(s)


@pytest.mark.parametrize("url,site", [
    ("https://www.example.com/a", "example.com"),
    ("http://127.0.0.2:8081/x", "127.0.0.2:8081"),
    ("http://127.0.0.2:80/x", "127.0.0.2"),
    ("https://News.Example.org:443/", "news.example.org"),
    ("not a url", ""),
])
def test_site_of(url, site):
    from crawler.items import site_of

    assert site_of(url) == site


def test_canonical_url_absolute_or_none():
    t = tree("<html><head><link rel='Canonical' href='/a/b?x=1'></head><body></body></html>")
    assert md.canonical_url(t, "https://ex.test/z") == "https://ex.test/a/b?x=1"
    t = tree("<html><head><link rel='canonical' href='https://other.test/c'></head><body></body></html>")
    assert md.canonical_url(t, "https://ex.test/z") == "https://other.test/c"
    assert md.canonical_url(tree("<html><body><p>x</p></body></html>"), "https://ex.test/") is None


def title_of(s, site="ex.test"):
    t = tree(s)
    return md.find_title(t, md.meta_map(t), jsonld.read(t), site)


def test_title_prefers_confirmed_h1_and_drops_site_suffix():
    assert title_of("<html><head><title>Big win | The Daily</title></head><body><h1>The Daily</h1><h1>Big win</h1></body></html>") == "Big win"
    assert title_of("<html><head><title>Storm hits coast, thousands flee - The Daily Planet</title></head><body></body></html>") == "Storm hits coast, thousands flee"
    assert title_of("<html><head><meta property='og:site_name' content='Courier'><title>Courier</title>"
                    "<meta property='og:title' content='Courier: Rates rise again'></head><body></body></html>") == "Rates rise again"


@pytest.mark.parametrize("raw,names", [
    ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
    ("Par Marie Dupont et Luc Martin, avec AFP", ["Marie Dupont", "Luc Martin"]),
    ("Von Anna Becker und Jonas Wolf", ["Anna Becker", "Jonas Wolf"]),
    ("Por Lucía Fernández y Marcos Ruiz", ["Lucía Fernández", "Marcos Ruiz"]),
    ("Ursula von der Leyen", ["Ursula von der Leyen"]),
    ("AFP", []),
    ("Jane Doe (Reuters)", ["Jane Doe"]),
])
def test_split_authors(raw, names):
    assert md.split_authors(raw) == names


def test_find_authors_from_json_ld_meta_and_byline():
    t = tree('<html><head><script type="application/ld+json">{"@graph":[{"@type":"NewsArticle",'
             '"author":[{"name":"A One"},{"name":"B Two"}]}]}</script></head><body></body></html>')
    assert md.find_authors(md.author_sources(md.meta_map(t), jsonld.read(t))) == ("A One", "B Two")
    t = tree("<html><head><meta name='author' content='By C Three'></head><body></body></html>")
    assert md.find_authors(md.author_sources(md.meta_map(t), [])) == ("C Three",)
    t = tree("<html><body><div class='byline'>By D Four - Published 12/03/2024</div></body></html>")
    assert md.author_sources({}, []) == []
    assert md.find_authors(md.find_bylines(t)[:1]) == ("D Four",)


@pytest.mark.parametrize("text,bylines,wire", [
    ("PARIS (AFP) - Le président a annoncé...\nSuite.", [], "AFP"),
    ("WASHINGTON (Reuters) — Stocks fell.", [], "Reuters"),
    ("Body line one.\nLast line of the body. — dpa", [], "dpa"),
    ("MADRID, 3 Ene. (EUROPA PRESS) - El Gobierno...", [], "Europa Press"),
    ("Text.\nAgence France-Presse", [], "AFP"),
    ("Plain text.", ["By Jane Doe | Associated Press"], "AP"),
    ("Analysts told AFP on Monday that the market would recover.", [], None),
    ("Nothing here at all.", ["By Jane Doe"], None),
])
def test_find_wire(text, bylines, wire):
    assert md.find_wire(text, bylines) == wire


def test_find_language_sources():
    t = tree("<html lang='fr-FR'><body></body></html>")
    assert md.find_language(t, {}, {}, "") == "fr"
    t = tree("<html><head><meta http-equiv='Content-Language' content='de'></head><body></body></html>")
    assert md.find_language(t, md.meta_map(t), {}, "") == "de"
    t = tree("<html><body></body></html>")
    assert md.find_language(t, {}, {"content-language": "es-ES"}, "") == "es"
    text = "El gobierno de la región anunció que los agricultores del valle recibirán ayudas por la sequía " * 3
    assert md.find_language(t, {}, {}, text) == "es"
    assert md.find_language(t, {}, {}, "too short") is None


def test_find_locale_keeps_the_region_of_the_pages_language():
    t = html.fromstring('<html xml:lang="en-GB"><head></head><body></body></html>')
    assert md.find_locale(t, {}, {}, "en") == "en-GB"
    t = html.fromstring('<html lang="en"><head><meta property="og:locale" content="en_AU"></head></html>')
    assert md.find_locale(t, md.meta_map(t), {}, "en") == "en-AU"  # the first tag with a region
    assert md.find_locale(t, md.meta_map(t), {}, "fr") is None     # a region of another language
    assert md.find_locale(html.fromstring("<html lang='de'></html>"), {}, {}, "de") is None


def test_a_british_page_reads_its_numeric_date_day_first():
    from crawler.extract import extract_article
    page = ('<html xml:lang="en-GB"><head><title>Halls too full to be safe</title></head><body>'
            '<div class="article"><h1>Halls too full to be safe</h1><span class="time">02/10/2020</span>'
            + "".join(f"<p>Students returning to campus found their halls of residence full, paragraph {i}, "
                      "with experts warning that shared kitchens would spread the virus.</p>" for i in range(4))
            + "</div></body></html>")
    art = extract_article(page, "https://news.example.test/education/halls-too-full")
    assert art.published is not None and (art.published.month, art.published.day) == (10, 2)
    us = page.replace('xml:lang="en-GB"', 'lang="en-US"')
    assert (extract_article(us, "https://news.example.test/education/halls-too-full").published.month) == 2
