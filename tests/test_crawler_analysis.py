"""One parse per page: crawler.analysis.analyse_page, PageAnalysisMiddleware, and the spider
and ExtractPipeline reading what it found instead of parsing or extracting again."""

from __future__ import annotations

import asyncio

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from crawler.analysis import analyse_page
from crawler.extract import ExtractOptions, extract_article
from crawler.items import Article, Page
from crawler.middlewares import PageAnalysisMiddleware
from crawler.pipelines.extract import ExtractPipeline
from crawler.pipelines.pool import ExtractPool
from spiders.pages import PageAnalysis, classify, page_links, parse_html
from tests.test_spiders_adapter import FakeStats, make_spider

URL = "https://a.example/2026/11/20/harbour-ferry-crossing-reopens"
ARTICLE = ("<html><head><title>Harbour ferry reopens</title><meta property='og:type' content='article'>"
           f"<link rel='canonical' href='{URL}'></head><body><article><h1>Harbour ferry reopens</h1>"
           + "".join(f"<p>The harbour ferry crossing reopened on Monday after {n} weeks of repairs, "
                     "the council said, and commuters welcomed the shorter journey into town.</p>"
                     for n in range(2, 8))
           + "</article><a href='/tag/ferries/'>Ferries</a><a href='https://other.example/y'>y</a>"
           "</body></html>").encode()
LISTING = ("<html><head><title>Ferries</title></head><body><ul>"
           + "".join(f"<li><a href='/2026/11/{n:02d}/story-about-the-ferry-number-{n}'>A story about the ferry "
                     f"number {n}</a></li>" for n in range(1, 21))
           + "</ul></body></html>").encode()
HEADERS = {"content-type": "text/html; charset=utf-8"}


def test_analysis_matches_the_spider_and_the_extractor_on_one_parse():
    analysis = analyse_page(ARTICLE, URL, HEADERS, options=ExtractOptions())
    tree = parse_html(ARTICLE, URL)
    assert analysis.decision == classify(tree, URL) and analysis.decision.is_article
    assert analysis.links == page_links(tree, URL)
    assert analysis.article == extract_article(ARTICLE, URL, HEADERS)
    assert analysis.article.text and analysis.seconds > 0


def test_a_listing_is_judged_not_extracted_and_a_non_page_is_left_to_the_spider():
    listing = analyse_page(LISTING, "https://a.example/tag/ferries/", HEADERS, options=ExtractOptions())
    assert not listing.decision.is_article and listing.article is None
    assert len(listing.links.links) == 20
    assert analyse_page(b"%PDF-1.4 \x00\x01", URL, {}, options=ExtractOptions()) is None
    no_extract = analyse_page(ARTICLE, URL, HEADERS, options=ExtractOptions(), extract=False)
    assert no_extract.decision.is_article and no_extract.article is None


def _respond(mw, url, body, meta=None, status=200, ctype="text/html"):
    request = Request(url, meta=meta if meta is not None else {"wc_role": "page"})
    response = HtmlResponse(url, body=body, status=status, request=request, headers={"Content-Type": ctype})
    out = asyncio.run(mw.process_response(request, response))
    assert out is response
    return request.meta.get("wc_analysis")


def test_middleware_analyses_html_pages_of_the_news_spider_only():
    stats = FakeStats()
    mw = PageAnalysisMiddleware(ExtractOptions(), stats)
    assert isinstance(_respond(mw, URL, ARTICLE), PageAnalysis)
    assert _respond(mw, URL, ARTICLE, meta={}) is None                      # another spider's request
    assert _respond(mw, URL, ARTICLE, meta={"wc_role": "doc"}) is None      # a feed or sitemap
    assert _respond(mw, URL, ARTICLE, status=404) is None
    assert _respond(mw, URL, b"<?xml version='1.0'?><rss><channel></channel></rss>",
                    ctype="application/rss+xml") is None
    assert stats.values == {"wirecrawl/analysis/pages": 1}


def test_middleware_analyses_in_the_site_worker():
    options = ExtractOptions()
    pool = ExtractPool(1, options, min_pages=3, min_share=0.5)
    try:
        analysis = _respond(PageAnalysisMiddleware(options, FakeStats(), pool), URL, ARTICLE)
    finally:
        pool.close()
    assert analysis.decision.is_article and analysis.article.text == extract_article(ARTICLE, URL, HEADERS).text


def test_middleware_is_off_with_the_setting():
    with pytest.raises(NotConfigured):
        PageAnalysisMiddleware.from_crawler(get_crawler(settings_dict={"WIRECRAWL_PARSE_ONCE": False}))


def test_spider_reads_the_analysis_instead_of_parsing():
    spider, _ = make_spider(start="https://a.example/")
    spider.stats = FakeStats()
    analysis = analyse_page(ARTICLE, URL, HEADERS, options=ExtractOptions())
    # The body says nothing: what the spider emits and follows comes from the analysis.
    request = Request(URL, meta={"wc_role": "page", "wc_source": "sitemap", "wc_analysis": analysis})
    out = list(spider.parse(HtmlResponse(URL, body=b"<html><body><p>x</p></body></html>", request=request,
                                         headers={"Content-Type": "text/html"})))
    pages = [o for o in out if isinstance(o, Page)]
    assert len(pages) == 1 and pages[0].article is analysis.article
    assert pages[0].hints["extract_ms"] >= 0 and pages[0].source == "sitemap"
    assert [o.url for o in out if isinstance(o, Request)] == ["https://a.example/tag/ferries/"]


def test_pipeline_uses_the_ready_article():
    stats = FakeStats()
    article = Article(url=URL, site="a.example", text="Ready body.\nNot extracted again.")
    page = Page(url=URL, body=b"", headers=HEADERS, hints={"extract_ms": 12.5}, article=article)
    record = ExtractPipeline(ExtractOptions(), stats).process_item(page)
    assert record.article is article
    assert stats.values["wirecrawl/extract/with_analysis"] == 1
    assert ExtractPipeline(ExtractOptions(), stats).process_item(Page(url=URL, body=ARTICLE, headers=HEADERS)
                                                                 ).article.text == extract_article(ARTICLE, URL, HEADERS).text
