"""extract_article: decoding, bad input, site, canonical URL, options."""

from datetime import datetime, timezone
from pathlib import Path

import pytest

from crawler.extract import ExtractOptions, extract_article
from crawler.items import Article

PARA = ("Le conseil municipal a voté mardi soir la création d'une nouvelle ligne de tramway vers les "
        "quartiers de l'est, après presque dix ans de débats sur le tracé et le coût du projet.")


def page(charset_meta: str = "", lang: str = "fr") -> str:
    return (f"<html lang='{lang}'><head>{charset_meta}<title>Tramway à l'est : feu vert</title></head><body>"
            f"<div class='a'><h1>Tramway à l'est : feu vert</h1><p>{PARA}</p><p>{PARA.replace('mardi', 'jeudi')}</p></div></body></html>")


def test_cp1252_page_declared_only_in_meta_decodes_right():
    body = page("<meta http-equiv='Content-Type' content='text/html; charset=windows-1252'>").encode("cp1252")
    art = extract_article(body, "https://www.ex.test/a", {"Content-Type": "text/html"})
    assert "création d'une nouvelle ligne" in art.text and "débats" in art.text
    assert art.title == "Tramway à l'est : feu vert"


def test_latin1_meta_charset_and_header_charset():
    body = page("<meta charset='iso-8859-1'>").encode("latin-1")
    assert "débats" in extract_article(body, "https://ex.test/a").text
    body = page().encode("latin-1")
    assert "débats" in extract_article(body, "https://ex.test/a", {b"Content-Type": [b"text/html; charset=ISO-8859-1"]}).text


def test_undeclared_bytes_fall_back_sanely():
    assert "débats" in extract_article(page().encode("cp1252"), "https://ex.test/a").text
    assert "débats" in extract_article(page().encode("utf-8"), "https://ex.test/a").text
    assert "débats" in extract_article("\ufeff".encode() + page().encode("utf-8"), "https://ex.test/a").text


@pytest.mark.parametrize("body,headers,reason", [
    (b"", None, "empty-page"),
    (b"   \n", None, "empty-page"),
    ("", None, "empty-page"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", {"Content-Type": "text/html"}, "not-html"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", None, "not-html"),
    (b'{"items": [1, 2, 3], "title": "x"}', {"Content-Type": "text/html"}, "not-html"),
    (b"<html><body><p>x</p></body></html>", {"Content-Type": "application/pdf"}, "not-html"),
    (bytes(range(256)) * 8, None, "not-html"),
    (b"<html><body><nav></nav><script>var x = 1;</script></body></html>", None, "no-body"),
])
def test_bad_pages_never_raise(body, headers, reason):
    art = extract_article(body, "http://127.0.0.3:8000/p", headers)
    assert isinstance(art, Article)
    assert art.text == "" and art.reason == reason
    assert art.site == "127.0.0.3:8000"


def test_article_fields():
    html = page().replace("<head>", "<head><link rel='canonical' href='/canon/a'>")
    art = extract_article(html, "https://www.ex.test:8443/a?utm_source=x")
    assert art.site == "ex.test:8443"
    assert art.canonical_url == "https://www.ex.test:8443/canon/a"
    assert art.language == "fr"
    assert art.text.split("\n") == [PARA, PARA.replace("mardi", "jeudi")]
    assert art.reason is None


def test_options_validate_eagerly():
    with pytest.raises(ValueError, match="Mars/Olympus"):
        ExtractOptions(default_tz="Mars/Olympus")
    with pytest.raises(ValueError, match="Nowhere/City"):
        ExtractOptions(site_timezones={"a.test": "Nowhere/City"})
    with pytest.raises(ValueError, match="naive|aware"):
        ExtractOptions(fetched_at=datetime(2024, 1, 1))
    assert ExtractOptions(site_timezones={"a.test": "Europe/Paris"}).timezone_for("a.test") == "Europe/Paris"
    ExtractOptions(fetched_at=datetime(2024, 1, 1, tzinfo=timezone.utc))


def test_custom_processor_chain_is_used():
    def shout(lines, ctx):
        return [line.upper() for line in lines]

    art = extract_article(page(), "https://ex.test/a", options=ExtractOptions(processors=(shout,)))
    assert art.text.split("\n")[0] == PARA.upper()


ES_PARAS = [
    "La confederación hidrográfica anunció este miércoles nuevas restricciones de riego para los agricultores "
    "del valle ante la falta de lluvias de los últimos meses.",
    "Los embalses de la cuenca se encuentran al cuarenta y dos por ciento de su capacidad, casi veinte puntos "
    "por debajo de la media de la última década.",
    "Las organizaciones agrarias calificaron la medida de inevitable pero reclamaron ayudas directas para "
    "compensar las pérdidas de las cosechas de este verano.",
]


def test_paragraph_that_is_one_link_to_another_story_of_the_site_is_not_body():
    related = "El precio del cereal se dispara en los mercados europeos"
    source = "Informe anual de la confederación hidrográfica"
    html = ("<html lang='es'><head><title>Restricciones de riego</title></head><body><div class='noticia'>"
            f"<h1>Restricciones de riego</h1><p>{ES_PARAS[0]}</p>"
            f"<p><a href='/campo/precio-cereal-mercados-891.html'>{related}</a></p><p>{ES_PARAS[1]}</p>"
            f"<p><a href='https://www.chebro.test/informe-2024.pdf'>{source}</a></p><p>{ES_PARAS[2]}</p>"
            "</div></body></html>")
    art = extract_article(html, "https://www.diario.test/aragon/riego-771.html")
    assert art.text.split("\n") == [ES_PARAS[0], ES_PARAS[1], source, ES_PARAS[2]]


def test_page_links_tell_internal_from_external_and_self():
    from lxml.html import fromstring

    from crawler.extract.clean import LinkTexts
    tree = fromstring(
        "<html><body><a href='/politique/budget-2025'>Le budget de la ville</a>"
        "<a href='https://www.journal.test/sport/match-nul-a-domicile'>Match nul à domicile</a>"
        "<a href='https://shop.test/p/123'>Logitech MX Master 3</a>"
        "<a href='/ville/tram#commentaires'>Voir les commentaires ici</a>"
        "<a href='#haut'>Retour en haut de page</a><a href='/x'>Court</a></body></html>")
    links = LinkTexts(tree, "https://journal.test/ville/tram")
    assert links.internal() == {"Le budget de la ville", "Match nul à domicile"}
    assert links.texts() == {"Le budget de la ville", "Match nul à domicile", "Logitech MX Master 3",
                             "Voir les commentaires ici", "Retour en haut de page"}


def test_looks_like_body_tells_prose_from_menus_and_short_results():
    from crawler.extract.body.main_text import looks_like_body
    prose = "\n".join(PARA.replace("mardi", day) for day in ("mardi", "jeudi", "lundi", "mercredi", "vendredi", "samedi"))
    menu = "\n".join(["Accueil", "Politique", "Économie", "Sport", "Culture", "Météo", "Contact"] * 12)
    assert looks_like_body(prose)
    assert not looks_like_body(menu)
    assert not looks_like_body(PARA)  # too short to trust: the full cascade gets a chance
    assert not looks_like_body("\n".join([PARA, PARA, PARA]))  # three short paragraphs: a lead, maybe
    assert looks_like_body(prose + "\n" + "\n".join(["Accueil", "Sport", "Contact"]))
    cjk = "\n".join(["東京都は火曜日、来年の春から新しい路面電車の路線を東部の地区に延ばす計画を正式に決めたと発表した。"
                     "工事は三年ほどかかる見通しだ。"] * 8)
    assert looks_like_body(cjk, cjk=True)  # no spaces between words: long lines are prose


def test_short_brief_goes_through_the_full_cascade_and_keeps_its_text(caplog):
    html = (f"<html lang='fr'><head><title>Brève</title></head><body><div class='article'><h1>Brève</h1>"
            f"<p>{PARA}</p></div></body></html>")
    with caplog.at_level("DEBUG", logger="crawler.extract.body.main_text"):
        art = extract_article(html, "https://ex.test/breve")
    assert art.text == PARA
    assert any("full cascade" in r.getMessage() for r in caplog.records)


def test_fast_first_off_runs_the_full_cascade_and_gives_the_same_body(caplog):
    html = (f"<html lang='fr'><head><title>Brève</title></head><body><div class='article'><h1>Brève</h1>"
            f"<p>{PARA}</p></div></body></html>")
    with caplog.at_level("DEBUG", logger="crawler.extract.body.main_text"):
        art = extract_article(html, "https://ex.test/breve", options=ExtractOptions(fast_first=False))
    assert art.text == PARA
    assert not any("full cascade" in r.getMessage() for r in caplog.records)  # no fast try to fall back from


@pytest.mark.parametrize("head,binary", [
    (b"\x89PNG\r\n\x1a\n", True),                                   # a file signature
    (b"  PK\x03\x04rest", True),                                     # ... after whitespace
    (b"<html><body>a stray \x00 byte</body></html>", True),          # a NUL
    (bytes(range(1, 32)) * 20, True),                                # mostly control characters
    ("<!doctype html><p>é</p>".encode("utf-16"), False),            # UTF-16: NULs, but a BOM
    (b"%PDF-1.7 header only", False),                                # a PDF's header is text
    (b"<?xml version='1.0'?><rss><channel/></rss>", False),
    (b"", False),
])
def test_looks_binary_is_the_one_check_for_pages_and_feeds(head, binary):
    from crawler.extract.body.decode import looks_binary
    from spiders import feeds
    assert looks_binary(head) is binary
    assert feeds.looks_binary is looks_binary


def test_a_short_chinese_or_japanese_brief_keeps_only_its_paragraphs():
    """150 CJK characters say what 450 Latin letters do: not "too short", so trafilatura's
    whole-page rescue must not replace the brief with the byline, tags and newsletter box."""
    paras = ["市は、海岸通りの一部区間で土曜と日曜の夜間、道路の補修工事のため通行止めにすると発表した。",
             "時間は午後９時から翌朝６時まで。迂回路として駅前通りを案内する。",
             "市によると、工事は老朽化した舗装の打ち替えで、来月中旬までに全区間を終える予定だ。"]
    html = ("<html lang='ja'><head><title>海岸通り、週末に夜間通行止め</title></head><body>"
            "<div id='content'><div class='article'><h1>海岸通り、週末に夜間通行止め</h1>"
            "<p class='byline'>編集局</p><div class='article-body'>" + "".join(f"<p>{p}</p>" for p in paras)
            + "</div><p class='tags'>キーワード： <a href='/tag/k/'>交通</a></p></div></div>"
            "<div class='newsletter-box'><p>毎朝、その日の主なニュースをメールでお届けします。</p></div></body></html>")
    art = extract_article(html.encode(), "https://ex.test/shakai/1.html")
    assert art.text.split("\n") == paras


def test_a_date_line_above_the_body_leaves_the_text_but_still_dates_the_page():
    """Broken markup (no element to read the date from): the line is the page's only date."""
    html = ("<html lang='es'><head><title>Feria del libro</title></head><body><div class='main'>"
            "<h1>Feria del libro</h1><div class='meta'>Por Ana Prieto · Publicado el 28 de noviembre de 2026, 07:53"
            f"<p>{PARA}<p>{PARA.replace('mardi', 'jeudi')}<p>{PARA.replace('mardi', 'lundi')}</body></html>")
    art = extract_article(html.encode(), "https://ex.test/cultura/feria.html",
                          options=ExtractOptions(fetched_at=datetime(2026, 11, 29, tzinfo=timezone.utc)))
    assert "Publicado" not in art.text and art.text.startswith("Le conseil municipal")
    assert art.published == datetime(2026, 11, 28, 7, 53, tzinfo=timezone.utc)


def test_fast_result_of_two_paragraphs_is_not_trusted_and_the_full_body_comes_back():
    """A lead of two paragraphs in the marked body container, the rest of the story in plain
    ``<div>`` blocks after it: fast mode returns the lead alone (about 800 characters), which
    must not pass as the body (tests/fixtures/extract/en_body_beyond_fast.html)."""
    from crawler.extract.body.main_text import looks_like_body
    html = (Path(__file__).parent / "fixtures" / "extract" / "en_body_beyond_fast.html").read_bytes()
    art = extract_article(html, "https://www.lindenbrook-courier.test/town/stone-bridge-rebuilt.html")
    paragraphs = art.text.split("\n")
    assert len(paragraphs) == 6
    assert paragraphs[-1].startswith("Residents will be able to see the detailed plans")
    assert not looks_like_body("\n".join(paragraphs[:2]))  # what fast mode alone returned
    assert looks_like_body(art.text)
