"""No page makes the extractor raise: real benchmark pages, every demo-world page, hostile input.

A page without an article body gives an Article with empty text and a reason.
"""

from __future__ import annotations

import gzip
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from crawler.demo import build_world
from crawler.extract import extract_article

ZYTE = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "zyte" / "html"

HOSTILE = {
    "empty": b"",
    "whitespace": b"   \n\t ",
    "binary": bytes(range(256)) * 40,
    "pdf": b"%PDF-1.7\n" + b"\x00\x01\x02" * 500,
    "json": b'{"articles": [1, 2, 3], "html": "<p>not a page</p>"}',
    "only-scripts": b"<html><head><script>var a = 1;</script></head><body><script>x()</script></body></html>",
    "deep-nesting": b"<html><body>" + b"<div>" * 5000 + b"<p>deep text</p>" + b"</div>" * 5000 + b"</body></html>",
    "unclosed": b"<html><body><article><h1>T<p>one paragraph of words that goes on<p>and another",
    "bad-utf8": b"<html><meta charset=utf-8><body><article><p>caf\xe9 \xff\xfe broken bytes everywhere "
                + b"in this paragraph of text" * 20 + b"</p></article></body></html>",
    "huge-attribute": b"<html><body><div class='" + b"x" * 2_000_000 + b"'><p>text</p></div></body></html>",
    "comment-bomb": b"<html><body><!--" + b"-" * 100000 + b"--><p>after</p></body></html>",
    "entity-bomb": b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
                   b"<html><body><p>&lol2;</p></body></html>",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_never_raises(name):
    art = extract_article(HOSTILE[name], "https://n.example/a/1", {"content-type": "text/html"})
    assert isinstance(art.text, str)
    if not art.text:
        assert art.reason, name


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
            art = extract_article(body, url, headers)
            assert art.text or art.reason, url
        for url, want in exp.articles.items():
            with urllib.request.urlopen(url, timeout=10) as resp:
                art = extract_article(resp.read(), url, dict(resp.headers))
            assert art.text, url


@pytest.mark.skipif(not ZYTE.is_dir(), reason="../shared/bench/zyte not beside the checkout")
def test_every_benchmark_page_extracts_with_a_body():
    for f in sorted(ZYTE.glob("*.html.gz")):
        art = extract_article(gzip.decompress(f.read_bytes()), f"https://bench.example/{f.name[:-8]}")
        assert art.text, f.name
