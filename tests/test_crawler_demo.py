"""The demo world: deterministic, self-consistent ground truth, served as it says.

Everything is served on loopback by the world itself and stopped by the test.
"""

from __future__ import annotations

import html
import json
import re
import socket
import urllib.error
import urllib.request
import urllib.robotparser
import xml.etree.ElementTree as ET
from collections import deque
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

import pytest

from crawler.demo import DemoWorld, build_world
from crawler.demo.locales import visible_date
from crawler.demo.texts import DISPATCHES

NOW = datetime(2026, 11, 20, 13, 32, 47, tzinfo=timezone.utc)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_plain = urllib.request.build_opener(_NoRedirect)


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    """GET without following redirects: (status, lower-cased headers, body)."""
    try:
        with _plain.open(url, timeout=5) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()


def text_of(body: bytes, encoding: str = "utf-8") -> str:
    return html.unescape(body.decode(encoding))


@pytest.fixture(scope="module")
def world() -> DemoWorld:
    return build_world(seed=0, now=NOW)


@pytest.fixture(scope="module")
def running(world):
    with world.serve() as r:
        yield r


# --- generation -------------------------------------------------------------------------

def test_same_seed_and_now_give_the_same_world():
    a, b = build_world(seed=3, now=NOW), build_world(seed=3, now=NOW)
    assert a == b
    c = build_world(seed=4, now=NOW)
    assert [x.path for x in a.articles] != [x.path for x in c.articles]


def test_now_defaults_to_the_present_and_naive_now_is_refused():
    w = build_world()
    assert abs(w.now - datetime.now(timezone.utc)) < timedelta(minutes=2)
    with pytest.raises(ValueError, match="naive"):
        build_world(now=datetime(2026, 1, 1))


def test_every_date_is_a_past_whole_minute(world):
    assert len(world.articles) >= 30
    for a in world.articles:
        for d in filter(None, (a.published, a.modified)):
            assert d.tzinfo is not None and d.second == 0 and d.microsecond == 0
            assert world.now - timedelta(days=4) <= d < world.now - timedelta(minutes=5), a.path
        if a.modified:
            assert a.modified > a.published


def test_wire_stories_are_syndicated_within_one_language(world):
    stories: dict[str, list] = {}
    for a in world.articles:
        stories.setdefault(a.story, []).append(a)
    for d in DISPATCHES:
        copies = stories[d.key]
        assert 2 <= len(copies) <= 4, d.key
        assert len({c.site for c in copies}) == len(copies)
        assert {c.language for c in copies} == {d.language}
        assert len({c.title for c in copies}) == len(copies)      # headlines rewritten
    credited = [c for d in DISPATCHES for c in stories[d.key]]
    assert any(c.paragraphs[0].startswith(("LYON (AFP) - ", "LONDON (Reuters) — "))
               for c in credited)
    assert any(c.wire is None for c in credited)                 # a desk dropped the credit
    assert any(c.paragraphs[-1].endswith(" — dpa") for c in credited)


def _shingles(paragraphs, k=5):
    words = re.findall(r"\w+", " ".join(paragraphs).lower())
    return {tuple(words[i:i + k]) for i in range(len(words) - k + 1)}


def test_copies_overlap_and_hard_negatives_do_not(world):
    by_story: dict[str, list] = {}
    for a in world.articles:
        by_story.setdefault(a.story, []).append(a)
    for d in DISPATCHES:
        first, *others = by_story[d.key]
        for o in others:
            small, big = sorted((_shingles(first.paragraphs), _shingles(o.paragraphs)), key=len)
            assert len(small & big) / len(small) > 0.6, (d.key, o.site)
    for kind in ("market", "weather"):
        pair = [a for a in world.articles if a.kind == kind]
        assert len(pair) == 2 and pair[0].story != pair[1].story
        x, y = (_shingles(p.paragraphs) for p in pair)
        assert len(x & y) / len(x | y) < 0.25, kind                  # separable at 0.5 ...
        assert 0.15 < len(x & y) / min(len(x), len(y)) < 0.45, kind  # ... yet a shared template


def test_visible_dates_in_each_style():
    t = datetime(2026, 11, 20, 13, 32, tzinfo=timezone.utc)
    assert visible_date(t, "fr-long", "Europe/Paris") == "20 novembre 2026 à 14h32"
    assert visible_date(t, "en-us", "America/New_York") == "Nov. 20, 2026 8:32 a.m. ET"
    assert visible_date(t, "de-num", "Europe/Berlin") == "20.11.2026, 14:32 Uhr"
    assert visible_date(t, "es-long", "Europe/Madrid") == "20 de noviembre de 2026, 14:32"
    assert visible_date(t, "en-uk", "Europe/London") == "20 November 2026 • 13:32 GMT"
    summer = datetime(2026, 7, 1, 9, 5, tzinfo=timezone.utc)
    assert visible_date(summer, "en-uk", "Europe/London") == "1 July 2026 • 10:05 BST"
    assert visible_date(summer, "en-us", "America/New_York") == "July 1, 2026 5:05 a.m. ET"
    with pytest.raises(ValueError, match="unknown date style"):
        visible_date(t, "klingon", "UTC")


# --- serving ----------------------------------------------------------------------------

def test_start_urls_cover_every_kind_on_distinct_hosts(running):
    kinds = [urlsplit(u).path for u in running.start_urls]
    assert {"/", "/rss.xml", "/feed.atom", "/sitemap_index.xml", "/robots.txt"} <= set(kinds)
    hosts = {urlsplit(u).hostname for u in running.start_urls}
    assert len(hosts) == len(running.start_urls) == len(running.world.sites)


def test_homepage_has_the_template_a_real_scrape_has(running):
    status, headers, body = fetch(running.url("courrier", "/"))
    page = text_of(body)
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert page.count("Rechercher") == 2 and "Dernières Infos" in page
    assert "newsletter" in page and "cookies" in page
    assert "utm_source=homepage" in page and "/private/" in page


def test_feeds_sitemaps_and_robots_parse(running):
    _, h, body = fetch(running.url("courrier", "/rss.xml"))
    items = ET.fromstring(body).findall("./channel/item")
    assert h["content-type"].startswith("application/rss+xml")
    assert len(items) == len(running.world.articles_of("courrier"))
    assert all("utm_source=rss" in i.findtext("link") for i in items)

    atom = ET.fromstring(fetch(running.url("harbor", "/feed.atom"))[2])
    ns = {"a": "http://www.w3.org/2005/Atom"}
    links = [e.find("a:link", ns).get("href") for e in atom.findall("a:entry", ns)]
    assert set(links) == {running.url("harbor", a.path)
                          for a in running.world.articles_of("harbor")}

    sm = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    index = ET.fromstring(fetch(running.url("ledger", "/sitemap_index.xml"))[2])
    maps = [e.text for e in index.iter(f"{sm}loc")]
    assert running.url("ledger", "/sitemaps/news.xml") in maps
    news = ET.fromstring(fetch(running.url("ledger", "/sitemaps/news.xml"))[2])
    nn = "{http://www.google.com/schemas/sitemap-news/0.9}"
    dates = [e.text for e in news.iter(f"{nn}publication_date")]
    assert dates and all(d.endswith("+00:00") for d in dates)

    robots = text_of(fetch(running.url("laurentien", "/robots.txt"))[2])
    assert "Disallow: /private/" in robots
    assert f"Sitemap: {running.url('laurentien', '/sitemap_index.xml')}" in robots


def test_article_pages_carry_their_ground_truth(running):
    exp = running.expected
    for url, truth in exp.articles.items():
        status, headers, body = fetch(url + "?utm_source=test#top")
        assert status == 200, url
        charset = "cp1252" if exp.broken.get(url) == "cp1252-meta-charset" else "utf-8"
        page = text_of(body, charset)
        assert truth["title"] in page, url
        for p in truth["paragraphs"]:
            assert p in page, (url, p[:40])
        site = running.world.site(truth["site_key"])
        published = datetime.fromisoformat(truth["published"].replace("Z", "+00:00"))
        assert visible_date(published, site.date_style, site.tz) in page, url
        assert ('"datePublished"' in page) == site.jsonld, url
        assert ("article:published_time" in page) == site.meta, url
        if site.jsonld:
            ld = json.loads(re.search(r'application/ld\+json">(.*?)</script>', page).group(1))
            got = datetime.fromisoformat(ld["datePublished"]).astimezone(timezone.utc)
            assert got == published


def test_quirky_pages_are_served_as_documented(running):
    exp = running.expected
    kinds = {v: k for k, v in exp.broken.items()}
    _, headers, body = fetch(kinds["cp1252-meta-charset"])
    assert headers["content-type"] == "text/html" and b'charset="windows-1252"' in body
    assert "’" in body.decode("cp1252") and "’".encode() not in body
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    assert b"</p>" not in fetch(kinds["unclosed-html"])[2]
    assert fetch(kinds["404"])[0] == 404
    assert fetch(kinds["500"])[0] == 500
    status, headers, _ = fetch(kinds["redirect-loop"])
    hop = urljoin(kinds["redirect-loop"], headers["location"])
    assert status == 302 and hop != kinds["redirect-loop"]
    status, headers, _ = fetch(hop)
    assert status == 302 and urljoin(hop, headers["location"]) == kinds["redirect-loop"]
    status, headers, body = fetch(kinds["binary"])
    assert status == 200 and headers["content-type"] == "text/html" and len(body) == 4096
    status, _, body = fetch(kinds["empty"])
    assert status == 200 and body == b""


def test_alias_names_the_main_url_as_canonical(running):
    exp = running.expected
    (alias, main), = exp.aliases.items()
    page = text_of(fetch(alias)[2])
    assert f'<link rel="canonical" href="{main}">' in page
    assert exp.canonical(alias + "?utm_source=x#c") == main
    assert exp.canonical(running.url("ledger", "/")) is None


def test_calendar_is_endless(running):
    far = running.url("harbor", "/archive/1999/01/01/")
    status, _, body = fetch(far)
    assert status == 200 and '/archive/1998/12/31/' in body.decode()
    assert fetch(running.url("harbor", "/archive/2026/02/30/"))[0] == 404


def _links(url: str, body: bytes, content_type: str) -> list[str]:
    text = body.decode("utf-8", "replace")
    if "xml" in content_type:
        found = re.findall(r"<loc>(.*?)</loc>|<link>(.*?)</link>|<link[^>]*href=\"(.*?)\"", text)
        raw = [next(g for g in m if g) for m in found]
    elif content_type.startswith("text/plain"):
        raw = re.findall(r"^Sitemap:\s*(\S+)", text, re.M)
    else:
        raw = re.findall(r'href="(.*?)"', text)
    return [urljoin(url, html.unescape(r)).split("#")[0] for r in raw]


def test_every_article_is_discoverable_from_the_start_urls(running):
    """A small polite crawler (robots obeyed, calendar capped) finds every article."""
    exp = running.expected
    robots = {}
    for key, base in running.bases.items():
        rp = urllib.robotparser.RobotFileParser()
        rp.parse(text_of(fetch(base + "/robots.txt")[2]).splitlines())
        robots[urlsplit(base).netloc] = rp
    seen, queue, found, archive = set(), deque(running.start_urls), set(), 0
    while queue and len(seen) < 1500:
        url = queue.popleft()
        parts = urlsplit(url)
        if url in seen or parts.netloc not in robots or not robots[parts.netloc].can_fetch("*", url):
            continue
        if "/archive/" in parts.path:
            archive += 1
            if archive > 10:
                continue
        seen.add(url)
        status, headers, body = fetch(url)
        if status != 200:
            continue
        if exp.canonical(url):
            found.add(exp.canonical(url))
        queue.extend(_links(url, body, headers.get("content-type", "")))
    assert found == set(exp.articles)
    assert not any(exp.is_disallowed(u) for u in seen)
    assert not running.disallowed_requests()
    assert len(running.requests) >= len(seen)
    assert set(exp.broken) - set(exp.articles) <= seen


def test_ground_truth_is_self_consistent(running):
    exp = running.expected
    assert set(u for urls in exp.stories.values() for u in urls) == set(exp.articles)
    assert not set(exp.non_articles) & set(exp.articles)
    assert not set(exp.broken) - set(exp.articles) & set(exp.articles)
    for url in exp.non_articles:
        if not exp.is_disallowed(url):
            assert fetch(url)[0] == 200, url
    for url, truth in exp.articles.items():
        assert urlsplit(url).netloc == truth["site"]
        assert truth["published"].endswith("Z") and len(truth["paragraphs"]) >= 2
        # Briefs are short; Chinese and Japanese say in one character what takes a word.
        assert sum(map(len, truth["paragraphs"])) >= (100 if "cjk" in truth["traits"] else 200)
    assert len(exp.zones) == len(running.world.sites)
    told = {truth["site"] for truth in exp.articles.values() if "zone_in_feed" not in truth["traits"]}
    assert set(exp.site_timezones) == told < set(exp.zones)


def test_servers_stop_after_the_block_even_on_error():
    world = build_world(seed=1, now=NOW)
    with pytest.raises(RuntimeError):
        with world.serve() as r:
            urls = list(r.bases.values())
            assert fetch(urls[0] + "/")[0] == 200
            raise RuntimeError("boom")
    for base in urls:
        parts = urlsplit(base)
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection((parts.hostname, parts.port), timeout=2).close()


def test_a_bad_line_in_articles_jsonl_is_named_and_fails_the_comparison(tmp_path):
    from types import SimpleNamespace

    from crawler.demo.evaluation import compare_with_world

    url = "http://127.0.0.2/a"
    (tmp_path / "articles.jsonl").write_bytes(
        b'{"url": "' + url.encode() + b'", "text": "t", "story_id": "s"}\n{"url": "\xff"}\n')
    running = SimpleNamespace(expected={"articles": {url: {"paragraphs": ["t"]}}, "stories": {}},
                              disallowed_requests=lambda: [])
    cmp = compare_with_world(tmp_path, running)
    assert cmp.found == 1 and not cmp.ok
    assert cmp.bad_lines == [f"{tmp_path / 'articles.jsonl'}:2: not UTF-8 (byte 10 of the line)"]
    assert "bad line:" in cmp.format()


# --- traits drawn per seed ----------------------------------------------------------------

SEEDS = (0, 1, 2, 3)


def test_every_trait_is_drawn_in_every_seed_on_varying_outlets():
    from crawler.demo.traits import TRAITS, traits_of

    drawn = {}
    for seed in SEEDS:
        sites = build_world(seed=seed, now=NOW).sites
        assert sites == build_world(seed=seed, now=NOW).sites          # deterministic
        for trait in TRAITS:
            assert any(getattr(s, trait) for s in sites), (seed, trait)
        assert sum(s.language in ("zh", "ja") for s in sites) == 1, seed
        drawn[seed] = {s.key: traits_of(s) for s in sites}
    assert len({tuple(sorted(d.items())) for d in drawn.values()}) == len(SEEDS)
    languages = {s.language for seed in SEEDS[:2] for s in build_world(seed=seed, now=NOW).sites}
    assert {"zh", "ja"} <= languages


def _page(url: str) -> str:
    return text_of(fetch(url)[2])


def _main_block(page: str) -> str:
    """The page between the end of <head> and the sidebar: where the article is."""
    return page[page.index("</head>"):page.index("sidebar")]


@pytest.mark.parametrize("seed", SEEDS)
def test_trait_pages_are_served_as_their_truth_says(seed):
    with build_world(seed=seed, now=NOW).serve() as r:
        exp = r.expected
        for url, truth in exp.articles.items():
            if exp.broken.get(url):
                continue
            traits, page = set(truth["traits"]), _page(url)
            main = _main_block(page)
            paras = [html.escape(p, quote=False) for p in truth["paragraphs"]]
            for text in truth["absent"]:                 # the ad and the comments are there ...
                assert html.escape(text, quote=False) in page or text in page, (url, text)
            if "bare" in traits:
                for marker in ("og:type", "ld+json", "<article", "datetime=", "canonical"):
                    assert marker not in page, (url, marker)
                assert not re.search(r"/\d{4}/\d{2}/\d{2}/", urlsplit(url).path), url
                assert "<h1>" in main
            if "ads" in traits:                          # ... the ad between two body blocks
                first, ad, second = main.partition('<div class="ad ')
                assert ad and first.count('<div class="text-block">') == 1, url
                assert paras[0] in first and paras[-1] in second, url
            if "comments" in traits:                      # ... the comments below the body
                assert main.index('id="comments"') > main.index(paras[-1]), url
            if "brief" in traits:
                assert 3 <= len(truth["paragraphs"]) <= 4, url
                assert all(len(p) <= 160 for p in truth["paragraphs"]), url
            if "cjk" in traits:
                assert len(re.findall(r"[\u3040-\u30ff\u4e00-\u9fff]", truth["paragraphs"][0])) >= 20, url


@pytest.mark.parametrize("seed", SEEDS)
def test_a_zone_stated_only_in_the_feed_is_the_pages_naive_local_time(seed):
    """Pages print "19/11/2026 à 09:03"; the feed gives the same instant with its offset."""
    with build_world(seed=seed, now=NOW).serve() as r:
        exp, ns = r.expected, {"a": "http://www.w3.org/2005/Atom"}
        for site in (s for s in r.world.sites if s.zone_in_feed):
            assert r.url(site.key, "/").split("//")[1].rstrip("/") not in exp.site_timezones
            feed = ET.fromstring(fetch(r.url(site.key, "/rss.xml" if site.feed == "rss" else "/feed.atom"))[2])
            if site.feed == "rss":
                stamps = {i.findtext("link").split("?")[0]: parsedate_to_datetime(i.findtext("pubDate"))
                          for i in feed.iter("item")}
            else:
                stamps = {e.find("a:link", ns).get("href"): datetime.fromisoformat(e.findtext("a:published", "", ns))
                          for e in feed.findall("a:entry", ns)}
            for a in r.world.articles_of(site.key):
                url, local = r.url(site.key, a.path), a.published.astimezone(ZoneInfo(site.tz))
                assert stamps[url] == a.published and stamps[url].utcoffset() == local.utcoffset(), url
                page = text_of(fetch(url)[2], "cp1252" if a.quirk == "cp1252-meta-charset" else "utf-8")
                assert visible_date(a.published, site.date_style, site.tz) in page
                assert "datetime=" not in page and "ld+json" not in page, url
                assert f"{local.hour:02d}:{local.minute:02d}" in page or f"{local.hour}h" in page, url
