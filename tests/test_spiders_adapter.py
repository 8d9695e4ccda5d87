"""The spider's Scrapy adapter without a reactor: arguments, settings, error kinds, redirects,
the request fingerprint and robots.txt refusals."""

from __future__ import annotations

import pytest
from scrapy.crawler import Crawler
from scrapy.exceptions import DownloadConnectionRefusedError, DownloadTimeoutError, IgnoreRequest
from scrapy.http import HtmlResponse, Request, Response, TextResponse
from scrapy.settings import Settings
from scrapy.spidermiddlewares.depth import DepthMiddleware
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler
from twisted.internet.error import DNSLookupError
from twisted.python.failure import Failure

from crawler.exceptions import RedirectLoop, RobotsForbidden, TooManyRedirects
from crawler.items import Page
from crawler.middlewares import RedirectLoopMiddleware, RobotsTxtMiddleware
from spiders.failures import error_kind
from spiders.fingerprint import CanonicalFingerprinter
from spiders.news import NewsSpider
from spiders.pages import PageHints
from spiders.robots import SitemapRobotParser
from tests.conftest import project_settings

SETTINGS = {"WIRECRAWL_PATTERN_BUDGET": 7, "DEPTH_LIMIT": 3}


def make_spider(settings=None, **args):
    """A spider built as ``scrapy crawl`` builds it: ``from_crawler`` before the crawler
    applies (and freezes) its settings."""
    crawler = Crawler(NewsSpider, Settings(project_settings(**{**SETTINGS, **(settings or {})})))
    return NewsSpider.from_crawler(crawler, **args), crawler


class FakeStats:
    def __init__(self):
        self.values = {}

    def inc_value(self, key, count=1, start=0):
        self.values[key] = self.values.get(key, start) + count

    def max_value(self, key, value):
        self.values[key] = max(self.values.get(key, value), value)


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


def depth_middleware(crawler):
    """Scrapy's DepthMiddleware as ``from_crawler`` builds it, from the crawler's settings."""
    s = crawler.settings
    mw = DepthMiddleware(s.getint("DEPTH_LIMIT"), FakeStats(), s.getbool("DEPTH_STATS_VERBOSE"),
                         s.getint("DEPTH_PRIORITY"))
    mw.crawler = crawler
    return mw


def depth_limit(crawler):
    """The link-hop bound DepthMiddleware enforces for this crawler (0 = unbounded)."""
    return depth_middleware(crawler).maxdepth


def test_from_crawler_reads_settings_and_arguments():
    spider, crawler = make_spider(start="https://a.example/,https://b.example:8080/feed")
    assert depth_limit(crawler) == 3 and spider.follow_links
    assert spider.guard.pattern_budget == 7
    assert spider.follow_external is False and spider.sites == {"a.example", "b.example:8080"}
    spider, crawler = make_spider(start="https://a.example/", depth="5", max_pages="5",
                                  follow_external="1", since="2026-11-20")
    assert depth_limit(crawler) == 5
    assert (spider.max_pages, spider.follow_external) == (5, True)
    assert spider.since.isoformat() == "2026-11-20T00:00:00+00:00"
    spider, _ = make_spider({"DEPTH_LIMIT": 0, "WIRECRAWL_SAME_SITE": False},
                            start="https://a.example/")
    assert spider.follow_links and spider.follow_external is True


def test_depth_zero_follows_no_links_but_listing_entries():
    spider, _ = make_spider(start="https://a.example/", depth="0")
    spider.stats = FakeStats()
    out = list(spider.parse(response_for(spider, "https://a.example/2026/11/20/story", ARTICLE)))
    assert [type(o) for o in out] == [Page]
    assert spider.stats.values["wirecrawl/trap/depth"] == 2   # its two links
    feed = (b"<rss version='2.0'><channel><item><link>https://a.example/2026/11/21/next</link>"
            b"</item></channel></rss>")
    out = list(spider.parse(response_for(spider, "https://a.example/feed", feed,
                                         meta={"wc_role": "doc"}, cls=TextResponse)))
    assert [r.url for r in out] == ["https://a.example/2026/11/21/next"]
    assert out[0].meta["depth_reset"] is True   # a feed entry is depth 0, like a start


def test_depth_reset_makes_listing_entries_depth_zero():
    spider, crawler = make_spider(start="https://a.example/")
    mw = depth_middleware(crawler)
    response = response_for(spider, "https://a.example/deep", b"", meta={"depth": 3})
    entry = Request("https://a.example/e", meta={"depth_reset": True})
    link = Request("https://a.example/l")
    assert list(mw.process_spider_output(response, [entry, link])) == [entry]
    assert entry.meta["depth"] == 0   # the link, at depth 4 > DEPTH_LIMIT 3, is dropped


def test_fingerprint_is_the_page_key():
    fp = CanonicalFingerprinter.from_crawler(get_crawler(settings_dict=project_settings()))
    same = [Request("https://A.example:443/x/?utm_source=a&b=1#top"), Request("https://a.example/x?b=1"),
            Request("https://a.example/x/?b=1&fbclid=z")]
    assert len({fp.fingerprint(r) for r in same}) == 1
    assert fp.fingerprint(Request("https://a.example/x?b=2")) != fp.fingerprint(same[1])
    post = Request("https://a.example/x?b=1", method="POST", body=b"q=1")
    assert fp.fingerprint(post) != fp.fingerprint(same[1])
    assert fp.fingerprint(post) != fp.fingerprint(post.replace(body=b"q=2"))


def test_robots_parser_lists_sitemaps_and_refusals_are_typed():
    rp = SitemapRobotParser(b"User-agent: *\nDisallow: /private/\nSitemap: /s.xml # main\n", None)
    assert rp.sitemaps == ["/s.xml"]
    crawler = get_crawler(settings_dict=project_settings())
    mw = build_from_crawler(RobotsTxtMiddleware, crawler)
    mw.process_request_2(rp, Request("https://a.example/news/1"))
    with pytest.raises(RobotsForbidden):
        mw.process_request_2(rp, Request("https://a.example/private/x"))
    assert crawler.stats.get_value("robotstxt/forbidden") == 1


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


def test_a_link_already_requested_is_not_requested_again_unless_nearer_the_start():
    spider, _ = make_spider(start="https://a.example/")
    spider.stats = FakeStats()

    def links_of(url, depth):
        out = spider.parse(response_for(spider, url, ARTICLE, meta={"depth": depth}))
        return [o.url for o in out if isinstance(o, Request)]

    assert links_of("https://a.example/2026/11/20/one", 2) == ["https://a.example/tag/x/"]
    # The same link from another page, as deep or deeper: skipped before any Request is made.
    assert links_of("https://a.example/2026/11/20/two", 2) == []
    assert links_of("https://a.example/2026/11/20/three", 3) == []
    assert spider.stats.values["wirecrawl/discovery/repeat"] == 2
    # Nearer the start it is requested again: DepthMiddleware may have refused it deeper.
    assert links_of("https://a.example/2026/11/20/four", 0) == ["https://a.example/tag/x/"]
    # The trap budget was charged once per request made, not per link seen.
    assert spider.guard.requested("a.example") == 2


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


def test_error_kind_by_type_not_message():
    assert error_kind(Failure(RobotsForbidden("x"))) == "robots_forbidden"
    assert error_kind(Failure(TooManyRedirects("x"))) == "too_many_redirects"
    assert error_kind(Failure(IgnoreRequest("Forbidden by robots.txt"))) == "ignored"
    assert error_kind(Failure(IgnoreRequest("max redirections reached"))) == "ignored"
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


def test_redirect_chain_beyond_max_times_is_its_own_kind():
    mw = RedirectLoopMiddleware(FakeStats(), max_times=2)
    req = Request("https://a.example/c", meta={"redirect_urls": ["https://a.example/a", "https://a.example/b"]})
    onward = Response(req.url, status=302, headers={"Location": "/d"}, request=req)
    with pytest.raises(TooManyRedirects):
        mw.process_response(req, onward)
    first = Request("https://a.example/a")
    ok = Response(first.url, status=302, headers={"Location": "/b"}, request=first)
    assert mw.process_response(first, ok) is ok


def brief(n: int = 2) -> bytes:
    """A short page with no metadata: a headline over two paragraphs."""
    return (b"<html><body><div id='main'><h2>Ferry fares rise</h2><div class='t'>"
            + (b"<p>" + b"Fares on the river ferry rise in January, the operator said. " * 3 + b"</p>") * n
            + b"</div></div></body></html>")


def test_feed_entries_are_judged_as_listed_in_the_feed():
    spider, _ = make_spider(start="https://a.example/")
    spider.stats = FakeStats()
    feed = (b"<rss version='2.0'><channel><item><link>https://a.example/briefs/ferry</link>"
            b"</item></channel></rss>")
    entry, = spider.parse(response_for(spider, "https://a.example/feed", feed, meta={"wc_role": "doc"},
                                       cls=TextResponse))
    assert entry.meta["wc_page_hints"] == PageHints(listed="feed")
    out = list(spider.parse(response_for(spider, entry.url, brief(), meta=entry.meta)))
    assert [type(o) for o in out] == [Page]   # the same page reached by a link is not emitted
    assert not any(isinstance(o, Page) for o in spider.parse(
        response_for(spider, "https://a.example/briefs/ferry-2", brief())))


def test_site_url_shape_learned_from_judged_pages_rides_on_link_requests():
    spider, _ = make_spider(start="https://a.example/")
    spider.stats = FakeStats()
    for i in range(3):
        list(spider.parse(response_for(spider, f"https://a.example/2026/11/2{i}/story-{i}", ARTICLE)))
    link = spider._request("https://a.example/2026/11/24/another-one", role="page", source="link")
    assert link.meta["wc_page_hints"] == PageHints(url_vote=1)
    other = spider._request("https://b.example/2026/11/24/another-one", role="page", source="link")
    assert other is None or other.meta["wc_page_hints"].url_vote == 0


def test_a_page_judged_out_by_link_is_judged_again_when_a_feed_lists_it():
    spider, _ = make_spider(start="https://a.example/")
    spider.stats = FakeStats()
    url = "https://a.example/briefs/ferry"
    assert not any(isinstance(o, Page) for o in spider.parse(response_for(spider, url, brief())))
    feed = f"<rss version='2.0'><channel><item><link>{url}</link></item></channel></rss>".encode()
    entry, = spider.parse(response_for(spider, "https://a.example/feed", feed, meta={"wc_role": "doc"},
                                       cls=TextResponse))
    assert entry.dont_filter and entry.meta["wc_page_hints"] == PageHints(listed="feed")
    assert spider.stats.values["wirecrawl/discovery/relisted"] == 1
    assert [type(o) for o in spider.parse(response_for(spider, url, brief(), meta=entry.meta))] == [Page]
