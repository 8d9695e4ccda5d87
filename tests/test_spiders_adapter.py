"""The spider's Scrapy adapter without a reactor: arguments, settings, error kinds, redirect loops."""

from __future__ import annotations

import pytest
from scrapy.exceptions import DownloadConnectionRefusedError, DownloadTimeoutError, IgnoreRequest
from scrapy.http import HtmlResponse, Request, Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.crawler import Crawler
from scrapy.settings import Settings
from twisted.internet.error import DNSLookupError
from twisted.python.failure import Failure

from crawler.items import Page
from crawler.exceptions import RedirectLoop
from crawler.middlewares import RedirectLoopMiddleware
from spiders.news import NewsSpider, error_kind

SETTINGS = {"WIRECRAWL_PATTERN_BUDGET": 7, "DEPTH_LIMIT": 3}


def make_spider(settings=None, **args):
    """A spider built as ``scrapy crawl`` builds it: from_crawler while settings are mutable."""
    crawler = Crawler(NewsSpider, Settings({**SETTINGS, **(settings or {})}))
    return crawler._create_spider(**args), crawler


class FakeStats:
    def __init__(self):
        self.values = {}

    def inc_value(self, key, count=1, start=0):
        self.values[key] = self.values.get(key, start) + count


@pytest.mark.parametrize("args,needle", [
    ({}, "None"),
    ({"start": "https://a.example/", "max_pages": "ten"}, "'ten'"),
    ({"start": "https://a.example/", "depth": "-1"}, "'-1'"),
    ({"start": "https://a.example/", "follow_external": "perhaps"}, "'perhaps'"),
    ({"start": "https://a.example/", "since": "last week"}, "'last week'"),
    ({"start": "a.example"}, "'a.example'"),
])
def test_bad_arguments_raise_with_value(args, needle):
    with pytest.raises(ValueError, match=needle):
        NewsSpider(**args)


def test_from_crawler_reads_settings_and_arguments():
    spider, crawler = make_spider(start="https://a.example/,https://b.example:8080/feed")
    assert spider.max_depth == 3 and spider.guard.pattern_budget == 7
    assert spider.follow_external is False and spider.sites == {"a.example", "b.example:8080"}
    assert crawler.settings.getint("DEPTH_LIMIT") == 0  # the spider bounds hops itself
    spider, _ = make_spider(start="https://a.example/", depth="0", max_pages="5",
                            follow_external="1", since="2026-11-20")
    assert (spider.max_depth, spider.max_pages, spider.follow_external) == (0, 5, True)
    assert spider.since.isoformat() == "2026-11-20T00:00:00+00:00"
    spider, _ = make_spider({"DEPTH_LIMIT": 0, "WIRECRAWL_SAME_SITE": False},
                            start="https://a.example/")
    assert spider.max_depth is None and spider.follow_external is True


def response_for(spider, url, body, meta=None, cls=HtmlResponse, status=200):
    request = Request(url, meta={"wc_role": "page", "wc_source": "link", **(meta or {})})
    return cls(url=url, body=body, status=status, request=request,
               headers={"Content-Type": "text/html"})


ARTICLE = (b"<html><head><meta property='og:type' content='article'>"
           b"<link rel='canonical' href='https://a.example/2026/11/20/story'></head><body><article>"
           + b"<p>" + b"Words of the article body repeated for length. " * 20 + b"</p>" * 3
           + b"</article><a href='/tag/x/'>x</a><a href='https://other.example/y'>y</a></body></html>")


def test_parse_emits_article_once_and_follows_same_site_links():
    spider, _ = make_spider(start="https://a.example/")
    spider.stats = FakeStats()
    out = list(spider.parse(response_for(spider, "https://a.example/2026/11/20/story?utm_source=x", ARTICLE)))
    pages = [o for o in out if isinstance(o, Page)]
    requests = [o for o in out if isinstance(o, Request)]
    assert len(pages) == 1 and pages[0].hints["canonical"] == "https://a.example/2026/11/20/story"
    assert [r.url for r in requests] == ["https://a.example/tag/x/"]
    assert spider.stats.values["wirecrawl/discovery/offsite"] == 1
    again = list(spider.parse(response_for(spider, "https://a.example/2026/11/20/story/", ARTICLE)))
    assert not any(isinstance(o, Page) for o in again)
    assert spider.stats.values["wirecrawl/discovery/duplicate"] == 1


def test_parse_counts_non_html_and_empty():
    spider, _ = make_spider(start="https://a.example/")
    spider.stats = FakeStats()
    assert list(spider.parse(response_for(spider, "https://a.example/x.bin", b"%PDF-1.4 \x00\x01",
                                          cls=Response))) == []
    assert list(spider.parse(response_for(spider, "https://a.example/e", b"", cls=TextResponse))) == []
    assert spider.stats.values == {"wirecrawl/error/not_html": 1, "wirecrawl/error/empty": 1}


def test_errback_counts_by_kind():
    spider, _ = make_spider(start="https://a.example/")
    spider.stats = FakeStats()
    req = Request("https://a.example/gone", meta={"wc_role": "page"})
    for exc in (HttpError(Response("https://a.example/gone", status=404, request=req)),
                HttpError(Response("https://a.example/gone", status=503, request=req)),
                DownloadConnectionRefusedError("refused"), DownloadTimeoutError("slow"),
                DNSLookupError("no such host"), RedirectLoop("loop")):
        failure = Failure(exc)
        failure.request = req
        spider.on_error(failure)
    assert spider.stats.values == {
        "wirecrawl/error/http_404": 1, "wirecrawl/http_errors/4xx": 1,
        "wirecrawl/error/http_503": 1, "wirecrawl/http_errors/5xx": 1,
        "wirecrawl/error/connection_refused": 1, "wirecrawl/error/timeout": 1,
        "wirecrawl/error/dns": 1, "wirecrawl/error/redirect_loop": 1}


def test_error_kind_robots_and_other():
    assert error_kind(Failure(IgnoreRequest("Forbidden by robots.txt"))) == "robots_forbidden"
    assert error_kind(Failure(IgnoreRequest("max redirections reached"))) == "redirect_loop"
    assert error_kind(Failure(RuntimeError("?"))) == "other"


def test_redirect_loop_middleware():
    stats = FakeStats()
    mw = RedirectLoopMiddleware(stats)
    req = Request("https://a.example/b", meta={"redirect_urls": ["https://a.example/a"]})
    back = Response("https://a.example/b", status=302, headers={"Location": "/a?utm_source=x"},
                    request=req)
    with pytest.raises(RedirectLoop, match="https://a.example/a"):
        mw.process_response(req, back)
    onward = Response("https://a.example/b", status=301, headers={"Location": "/c"}, request=req)
    assert mw.process_response(req, onward) is onward
    self_loop = Request("https://a.example/s")
    with pytest.raises(RedirectLoop):
        mw.process_response(self_loop, Response("https://a.example/s", status=307,
                                                headers={"Location": "/s/"}, request=self_loop))
    assert stats.values == {"wirecrawl/redirect/loop": 2}
