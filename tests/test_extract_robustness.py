"""wirecrawl's contract on any input: ``extract_article`` never raises, and its ``Article``
is always well formed.

Well formed: ``text`` is a str, empty exactly when ``reason`` says why (one of the
documented reasons); a non-empty text holds no control characters and none of the
page's markup; dates are aware UTC or ``None``; the URL and site are the page's. Checked
on hostile payloads, every demo-world page and every benchmark page.
"""

from __future__ import annotations

import gzip
import re
import urllib.error
import urllib.request
from datetime import timedelta
from pathlib import Path

import pytest

from crawler.demo import build_world
from crawler.extract import extract_article
from crawler.items import Article

ZYTE = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "zyte" / "html"
REASONS = {"empty-page", "not-html", "unparsable", "no-body"}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_MARKUP = re.compile(r"</?(?:html|head|body|div|p|span|article|section|script|style|a|h[1-6]|meta|br)\b[^>]*>", re.I)

PARA = "A paragraph long enough to be the body of a small article about the town council meeting. "

HOSTILE = {
    "empty": b"",
    "whitespace": b"   \n\t ",
    "binary": bytes(range(256)) * 40,
    "pdf": b"%PDF-1.7\n" + b"\x00\x01\x02" * 500,
    "json": b'{"articles": [1, 2, 3], "html": "<p>not a page</p>"}',
    "json-list": b'[{"a": "<div>x</div>"}, [[[[[[1]]]]]]]',
    "only-scripts": b"<html><head><script>var a = 1;</script></head><body><script>x()</script></body></html>",
    "deep-nesting": b"<html><body>" + b"<div>" * 5000 + b"<p>deep text</p>" + b"</div>" * 5000 + b"</body></html>",
    "unclosed": b"<html><body><article><h1>T<p>one paragraph of words that goes on<p>and another",
    "bad-utf8": b"<html><meta charset=utf-8><body><article><p>caf\xe9 \xff\xfe broken bytes everywhere "
                + b"in this paragraph of text" * 20 + b"</p></article></body></html>",
    "control-chars": ("<html><body><article><h1>Council</h1><p>" + PARA * 3 + "bell\x07 esc\x1b vt\x0b</p><p>"
                      + PARA.replace("town", "city") * 3 + "</p></article></body></html>").encode(),
    "nul-in-text": "<html><body><article><p>" + PARA * 4 + "a\x00b</p></article></body></html>",
    "huge-attribute": b"<html><body><div class='" + b"x" * 2_000_000 + b"'><p>text</p></div></body></html>",
    "comment-bomb": b"<html><body><!--" + b"-" * 100000 + b"--><p>after</p></body></html>",
    "entity-bomb": b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
                   b"<html><body><p>&lol2;</p></body></html>",
    "bad-dates": ("<html><head><meta property='article:published_time' content='2026-13-45T99:99'>"
                  "<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"datePublished\": "
                  "\"9999-01-01\", \"dateModified\": [{}]}</script></head><body><article><p>"
                  + PARA * 4 + "</p></article></body></html>").encode(),
}

# What the documented reasons promise for the payloads that cannot be a page.
EXPECTED_REASON = {"empty": "empty-page", "whitespace": "empty-page", "binary": "not-html", "pdf": "not-html",
                   "json": "not-html", "json-list": "not-html", "only-scripts": "no-body"}
# Text that survives broken markup or bytes.
EXPECTED_TEXT = {"unclosed": "one paragraph of words that goes on", "bad-utf8": "broken bytes everywhere",
                 "control-chars": "bell esc vt", "nul-in-text": PARA.strip(), "huge-attribute": "text",
                 "comment-bomb": "after", "bad-dates": PARA.strip()}


def assert_well_formed(art: Article, url: str) -> None:
    assert isinstance(art, Article)
    assert art.url == url
    assert isinstance(art.text, str)
    if art.text:
        assert art.reason is None, (url, art.reason)
        assert not _CONTROL.search(art.text), url
        assert not _MARKUP.search(art.text), (url, _MARKUP.search(art.text))
    else:
        assert art.reason in REASONS, (url, art.reason)
    for dt in (art.published, art.modified):
        assert dt is None or (dt.tzinfo is not None and dt.utcoffset() == timedelta(0)), (url, dt)
    if art.published and art.modified:
        assert art.modified >= art.published
    assert isinstance(art.authors, tuple) and all(isinstance(a, str) and a for a in art.authors)
    assert art.title is None or (isinstance(art.title, str) and not _MARKUP.search(art.title))


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_gives_a_well_formed_article(name):
    url = "https://n.example/a/1"
    art = extract_article(HOSTILE[name], url, {"content-type": "text/html"})
    assert_well_formed(art, url)
    assert art.site == "n.example"
    if name in EXPECTED_REASON:
        assert art.reason == EXPECTED_REASON[name]
    if name in EXPECTED_TEXT:
        assert EXPECTED_TEXT[name] in art.text


def test_impossible_dates_are_dropped_not_raised():
    art = extract_article(HOSTILE["bad-dates"], "https://n.example/a/1")
    assert art.published is None and art.modified is None


def test_every_demo_world_page_extracts():
    world = build_world(seed=0)
    with world.serve() as running:
        exp = running.expected
        urls = list(exp.articles) + list(exp.non_articles) + list(exp.broken)
        urls += running.start_urls
        for url in urls:
            try:
                with urllib.request.urlopen(url, timeout=10) as resp:
                    body, headers = resp.read(), dict(resp.headers)
            except urllib.error.HTTPError as err:
                body, headers = err.read(), dict(err.headers)
            except urllib.error.URLError:
                continue  # the redirect loop
            assert_well_formed(extract_article(body, url, headers), url)
        for url in exp.articles:
            with urllib.request.urlopen(url, timeout=10) as resp:
                art = extract_article(resp.read(), url, dict(resp.headers))
            assert art.text, url


@pytest.mark.skipif(not ZYTE.is_dir(), reason="../shared/bench/zyte not beside the checkout")
def test_every_benchmark_page_extracts_with_a_body():
    for f in sorted(ZYTE.glob("*.html.gz")):
        url = f"https://bench.example/{f.name[:-8]}"
        art = extract_article(gzip.decompress(f.read_bytes()), url)
        assert art.text, f.name
        assert_well_formed(art, url)
