"""Discovery functions: sniffing, feeds, sitemaps, hostile XML, URLs, traps, arguments."""

from __future__ import annotations

import gzip
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from spiders.arguments import parse_bool, parse_since, parse_starts
from crawler.extract.dates.hints import hint_datetime, hint_states_zone
from spiders.feeds import BadDocument, Entry, entry_is_older, gunzip, iso_hint, parse_listing, sniff_kind
from spiders.robots import robots_sitemaps
from spiders.traps import TrapGuard, url_pattern
from spiders.urls import ParamStripper, UrlKeys, canonicalize, dedup_key, site_of

FIX = Path(__file__).parent / "fixtures" / "spiders"


def fixture(name: str) -> bytes:
    return (FIX / name).read_bytes()


# --- sniffing -------------------------------------------------------------------------

@pytest.mark.parametrize("name,kind", [
    ("rss2.xml", "rss"), ("rss1.rdf", "rdf"), ("atom.xml", "atom"),
    ("news_sitemap.xml", "urlset"), ("sitemap_index.xml", "sitemapindex"),
])
def test_sniff_kind_of_fixtures(name, kind):
    assert sniff_kind(fixture(name)) == kind


@pytest.mark.parametrize("body,ctype,kind", [
    (b"<!DOCTYPE html><html><body>x</body></html>", None, "html"),
    (b"\xef\xbb\xbf  <html lang=en><head></head></html>", None, "html"),
    (b"<!-- <rss> in a comment --><div>partial page</div>", "text/html", "html"),
    (b"User-agent: *\nDisallow: /private/\nSitemap: https://x.example/s.xml\n", "text/plain", "robots"),
    (b"# hello\nuser-agent: *\nallow: /\n", None, "robots"),
    (gzip.compress(b"<urlset/>"), "application/octet-stream", "gzip"),
    (b"", None, "empty"), (b"   \n", None, "empty"),
    (b"%PDF-1.7 binary", "application/pdf", "unknown"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "image/png", "binary"),
    (b"<?xml version='1.0'?><foo:urlset xmlns:foo='x'/>", None, "urlset"),
])
def test_sniff_kind_from_content_not_url(body, ctype, kind):
    assert sniff_kind(body, ctype) == kind


# --- feeds ----------------------------------------------------------------------------

def test_rss2_entries_titles_and_dates():
    listing = parse_listing(fixture("rss2.xml"), "https://quotidien.example/rss")
    assert listing.kind == "rss" and listing.title == "Le Quotidien — International"
    urls = [e.url for e in listing.entries]
    assert urls == [
        "https://quotidien.example/international/2026/11/20/seisme-au-large_123.html",
        "https://quotidien.example/economie/2026/11/19/marches-en-baisse",
        "https://quotidien.example/guid-only-story",
        "https://quotidien.example/orig-link-story",
    ]
    assert listing.entries[0].published == "2026-11-20T14:32:00+01:00"  # the offset as stated
    assert listing.entries[1].published == "2026-11-19T08:00:00Z"
    assert listing.entries[0].title == "Séisme au large"


def test_rss1_rdf_entries():
    listing = parse_listing(fixture("rss1.rdf"), "https://zeitung.example/rss")
    assert listing.kind == "rdf" and listing.title == "Die Zeitung"
    assert [e.url for e in listing.entries] == [
        "https://zeitung.example/politik/wahl-ergebnis-123.html",
        "https://zeitung.example/sport/about-only-456.html",
    ]
    assert listing.entries[0].published == "2026-11-20T10:15:00+01:00"


def test_atom_alternate_links_and_xml_base():
    listing = parse_listing(fixture("atom.xml"), "https://blog.example/feed.atom")
    assert listing.kind == "atom" and listing.title == "Blog News"
    first, second = listing.entries
    assert first.url == "https://blog.example/news/2026/11/first-post"
    assert first.published == "2026-11-20T09:00:00-05:00" and first.modified == "2026-11-21T09:00:00Z"
    assert second.url == "https://blog.example/news/second-post" and second.modified == "2026-11-19"


# --- sitemaps -------------------------------------------------------------------------

def test_google_news_sitemap_hints():
    listing = parse_listing(fixture("news_sitemap.xml"), "https://daily.example/news.xml")
    assert listing.kind == "urlset"
    rail, plain = listing.entries  # the <url> without <loc> is skipped
    assert rail == Entry("https://daily.example/2026/11/20/rail-strike-ends",
                         published="2026-11-20T09:30:00+01:00", modified=None, title="Rail strike ends")
    assert plain.url == "https://daily.example/2026/11/19/plain-entry" and plain.modified == "2026-11-19"


def test_sitemap_index_and_gzip():
    listing = parse_listing(gunzip(gzip.compress(fixture("sitemap_index.xml")), 1024 * 1024))
    assert listing.kind == "sitemapindex"
    assert [e.url for e in listing.entries] == [
        "https://daily.example/sitemaps/2026-11.xml.gz", "https://daily.example/sitemaps/2019-01.xml.gz"]
    assert listing.entries[1].modified == "2019-01-31"


def test_gzip_bomb_and_garbage_refused():
    bomb = gzip.compress(b"\0" * (2 * 1024 * 1024))
    with pytest.raises(BadDocument) as exc:
        gunzip(bomb, max_size=1024 * 1024)
    assert exc.value.reason == "too_large"
    with pytest.raises(BadDocument) as exc:
        gunzip(b"\x1f\x8bnot really gzip", 1024 * 1024)
    assert exc.value.reason == "malformed"


def test_robots_sitemap_lines():
    body = (b"User-agent: *\nDisallow: /private/\nSITEMAP: /sitemap_index.xml # main\n"
            b"Sitemap: https://cdn.example/news.xml\nsitemap: /sitemap_index.xml\n")
    assert robots_sitemaps(body, "https://daily.example/robots.txt") == [
        "https://daily.example/sitemap_index.xml", "https://cdn.example/news.xml"]


# --- hostile and malformed XML ----------------------------------------------------------

def test_billion_laughs_refused():
    with pytest.raises(BadDocument) as exc:
        parse_listing(fixture("billion_laughs.xml"))
    assert exc.value.reason == "hostile"


def test_external_entity_refused():
    with pytest.raises(BadDocument) as exc:
        parse_listing(fixture("xxe.xml"))
    assert exc.value.reason == "hostile"


def test_entities_refused_even_when_hidden_in_lowercase_doctype():
    body = b'<?xml version="1.0"?><!doctype r [<!entity x SYSTEM "file:///etc/passwd">]><rss/>'
    with pytest.raises(BadDocument):
        parse_listing(body)


def test_truncated_feed_recovered_with_flag():
    listing = parse_listing(fixture("truncated.xml"))
    assert listing.recovered is True
    assert listing.entries[0].url == "https://x.example/one-story"


@pytest.mark.parametrize("body", [b"<html><body>not a feed</body></html>", b"\x00\x01\x02",
                                  b"<?xml version='1.0'?><catalog><book/></catalog>"])
def test_non_listing_xml_is_bad_document(body):
    with pytest.raises(BadDocument) as exc:
        parse_listing(body)
    assert exc.value.reason == "malformed"


# --- dates and since ----------------------------------------------------------------------

@pytest.mark.parametrize("raw,iso", [
    ("Fri, 20 Nov 2026 14:32:00 +0100", "2026-11-20T14:32:00+01:00"),
    ("Fri, 20 Nov 2026 14:32:00 GMT", "2026-11-20T14:32:00Z"),
    ("2026-11-20T14:32:00+01:00", "2026-11-20T14:32:00+01:00"),
    ("2026-11-20", "2026-11-20"),
    ("2026-11-20T14:32:00", "2026-11-20T14:32:00"),
    ("not a date", None), ("", None), (None, None),
])
def test_iso_hint(raw, iso):
    assert iso_hint(raw) == iso


@pytest.mark.parametrize("hint,offset_hours,utc_hour,stated", [
    ("2026-11-20T14:32:00+01:00", 1, 13, True), ("2026-11-20T14:32:00Z", 0, 14, True),
    ("2026-11-20T14:32:00", 0, 14, False), ("2026-11-20", 0, 0, False),  # taken as UTC
])
def test_hint_datetime_keeps_the_stated_offset(hint, offset_hours, utc_hour, stated):
    when = hint_datetime(hint)
    assert when.utcoffset() == timedelta(hours=offset_hours) and hint_states_zone(hint) is stated
    assert when.astimezone(timezone.utc).hour == utc_hour


def test_since_filters_only_dated_older_entries():
    since = parse_since("2026-11-20")
    assert since == datetime(2026, 11, 20, tzinfo=timezone.utc)
    assert entry_is_older(Entry("u", published="2026-11-19T23:00:00Z"), since)
    assert not entry_is_older(Entry("u", published="2026-11-20T00:00:00Z"), since)
    assert entry_is_older(Entry("u", modified="2019-01-31"), since)
    assert not entry_is_older(Entry("u"), since)           # undated: fetched, judged later
    assert not entry_is_older(Entry("u", published="2001-01-01"), None)
    with pytest.raises(ValueError, match="'yesterday'"):
        parse_since("yesterday")


# --- URLs -----------------------------------------------------------------------------

@pytest.mark.parametrize("url,canon", [
    ("HTTP://News.Example.COM:80/a/b?utm_source=x&utm_medium=y#frag", "http://news.example.com/a/b"),
    ("https://news.example:443/a?b=2&a=1", "https://news.example/a?a=1&b=2"),
    ("https://news.example/a?fbclid=abc&id=7&gclid=z", "https://news.example/a?id=7"),
    ("https://news.example/a;jsessionid=ABC123?x=1", "https://news.example/a?x=1"),
    ("https://news.example/a?PHPSESSID=1&sid=2&SessionId=3", "https://news.example/a"),
    ("https://news.example/caf%c3%a9 story", "https://news.example/caf%C3%A9%20story"),
    ("https://news.example", "https://news.example/"),
    ("http://127.0.0.2:8080/x/", "http://127.0.0.2:8080/x/"),
    ("mailto:desk@news.example", "mailto:desk@news.example"),
])
def test_canonicalize_table(url, canon):
    assert canonicalize(url) == canon


def test_dedup_key_ignores_trailing_slash_and_noise():
    variants = ["https://n.example/2026/11/20/story/", "https://n.example/2026/11/20/story",
                "https://N.example/2026/11/20/story/?utm_campaign=rss#top",
                "https://n.example:443/2026/11/20/story?sid=9"]
    assert len({dedup_key(v) for v in variants}) == 1
    assert dedup_key("https://n.example/") == "https://n.example/"
    assert dedup_key("https://n.example/a?page=2") != dedup_key("https://n.example/a?page=3")


def test_param_stripper_globs_and_bad_pattern():
    strip = ParamStripper(["utm_*", "ref"])
    assert strip("UTM_Source") and strip("ref") and not strip("reference") and not strip("id")
    with pytest.raises(ValueError, match="''"):
        ParamStripper([""])


def test_site_of():
    assert site_of("https://www.News.example/a") == "news.example"
    assert site_of("http://127.0.0.2:8080/a") == "127.0.0.2:8080"
    assert site_of("http://127.0.0.2:80/a") == "127.0.0.2"
    assert site_of("not a url") == ""


# --- traps ------------------------------------------------------------------------------

def test_url_pattern_masks_digits():
    assert url_pattern("https://n.example/archive/2026/11/") == "n.example/archive/#/#/"
    assert url_pattern("https://n.example/list?page=3&b=1") == "n.example/list?b&page"


def test_trap_guard_calendar_bounded_by_pattern_budget():
    guard = TrapGuard(site_budget=1000, pattern_budget=5, max_query_variants=5)
    admitted = [guard.admit(f"https://n.example/archive/{y}/{m:02d}/") for y in range(2000, 2030)
                for m in range(1, 13)]
    assert admitted.count(None) == 5 and set(admitted[5:]) == {"pattern"}


def test_trap_guard_articles_give_their_pattern_budget_back():
    guard = TrapGuard(site_budget=1000, pattern_budget=3, max_query_variants=5)
    for i in range(100):  # an id-numbered article site is not a trap
        url = f"https://n.example/news/{10000 + i}"
        assert guard.admit(url) is None
        guard.article_found(url)


def test_trap_guard_query_variants_but_not_pagination():
    guard = TrapGuard(site_budget=1000, pattern_budget=100, max_query_variants=3)
    sorts = [guard.admit(f"https://n.example/world/?sort=v{i}") for i in range(6)]
    assert sorts == [None, None, None, "query_variants", "query_variants", "query_variants"]
    assert guard.admit("https://n.example/world/?sort=v1") is None  # a known variant
    assert all(guard.admit(f"https://n.example/world/?page={i}") is None for i in range(2, 20))


def test_trap_guard_site_budget_and_bad_values():
    guard = TrapGuard(site_budget=2, pattern_budget=0, max_query_variants=0)
    assert [guard.admit(f"https://a.example/{w}") for w in ("x", "y", "z")] == [None, None, "site_budget"]
    assert guard.admit("https://b.example/x") is None and guard.requested("a.example") == 2
    with pytest.raises(ValueError, match="-1"):
        TrapGuard(site_budget=-1, pattern_budget=0, max_query_variants=0)


# --- spider arguments -------------------------------------------------------------------

def test_parse_starts_comma_list_and_file(tmp_path):
    assert parse_starts(" https://a.example/ , https://b.example/feed,https://a.example/ ") == [
        ("https://a.example/", "link"), ("https://b.example/feed", "link")]
    f = tmp_path / "urls.txt"
    f.write_text("# my list\n\nhttps://a.example/x\n  https://a.example/y  # note\n", encoding="utf-8")
    assert parse_starts(f"@{f}") == [("https://a.example/x", "list"), ("https://a.example/y", "list")]


@pytest.mark.parametrize("arg,needle", [
    (None, "None"), ("", "''"), ("ftp://a.example/", "ftp://a.example/"),
    ("news.example.com", "news.example.com"), ("@/nonexistent/list.txt", "/nonexistent/list.txt"),
])
def test_parse_starts_bad_values(arg, needle):
    with pytest.raises(ValueError, match=__import__("re").escape(needle)):
        parse_starts(arg)


def test_parse_bool():
    assert parse_bool("1", "x") and parse_bool("TRUE", "x") and not parse_bool("0", "x")
    with pytest.raises(ValueError, match="'maybe'"):
        parse_bool("maybe", "follow_external")


def test_sniff_kind_tells_binary_bodies_apart():
    import random
    rng = random.Random(0)
    garbage = bytes(rng.randrange(256) for _ in range(4096))
    assert sniff_kind(garbage, "text/html") == "binary"
    assert sniff_kind(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00<<>>", "text/html") == "binary"
    assert sniff_kind("<!doctype html><p>é</p>".encode("utf-16"), "text/html") != "binary"
    assert sniff_kind(b"<html><body><p>ok</p></body></html>", "text/html") == "html"


def test_url_keys_answer_as_the_functions_and_stay_bounded():
    strip = ParamStripper(["utm_*"])
    keys = UrlKeys(strip, size=2)
    urls = ["HTTP://A.example:80/x/?utm_source=q&b=2&a=1#f", "https://a.example/y/", "https://b.example/z"]
    for url in urls * 2:
        assert keys.canonical(url) == canonicalize(url, strip)
        assert keys.key(url) == dedup_key(url, strip)
    assert len(keys._canonical) <= 2 and len(keys._key) <= 2
    with pytest.raises(ValueError, match="0"):
        UrlKeys(strip, size=0)
