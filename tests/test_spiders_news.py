"""End-to-end: the news spider crawls a small loopback site in a subprocess (fresh reactor).

One site (tests/spider_site.py) with homepage, section + pagination + sort variants, tag,
author, search and about pages, articles linked with tracking/session/fragment variants, an
AMP copy with ``rel=canonical``, an RSS feed, a sitemap index with a Google News and a gzip
sitemap, robots.txt (Disallow + Sitemap), an endless calendar and broken links; plus a dead
host. Several crawls run in parallel, each against its own site instance.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from spiders.urls import dedup_key
from tests.spider_site import AMP_COPY, ARTICLES, NON_ARTICLES, PRIVATE, Site, unused_port

ROOT = Path(__file__).resolve().parent.parent
FAST = ["-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0", "-s", "DOWNLOAD_TIMEOUT=1",
        "-s", "EXTENSIONS={}", "-s", "LOG_LEVEL=INFO", "-s", "TELNETCONSOLE_ENABLED=0"]


class Crawl:
    """One ``scrapy crawl news`` subprocess writing Pages + stats through tests/spider_probe.py."""

    def __init__(self, tmp: Path, name: str, args: list[str]):
        self.out = tmp / f"{name}.jsonl"
        cmd = [sys.executable, "-m", "scrapy", "crawl", "news", *args, *FAST,
               "-s", 'ITEM_PIPELINES={"tests.spider_probe.ProbePipeline": 1}',
               "-s", f"SPIDER_PROBE_PATH={self.out}"]
        self.proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True)

    def wait(self) -> "Crawl":
        _, self.log = self.proc.communicate(timeout=120)
        assert self.proc.returncode == 0, self.log[-3000:]
        self.pages = [json.loads(l) for l in self.out.read_text().splitlines()] if self.out.exists() else []
        self.stats = json.loads(Path(f"{self.out}.stats.json").read_text())
        return self


@pytest.fixture(scope="module")
def crawls(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("crawls")
    with Site("127.0.0.7") as ext, Site("127.0.0.2", external=ext.url) as main, \
            Site("127.0.0.4") as listed, Site("127.0.0.5") as capped, \
            Site("127.0.0.6", external=ext.url) as default, Site("127.0.0.8") as unobeyed, \
            Site("127.0.0.9") as crowded, Site("127.0.0.10") as struggling, Site("127.0.0.11") as gone:
        dead = f"http://127.0.0.3:{unused_port('127.0.0.3')}/"
        starts = tmp / "starts.txt"
        starts.write_text(f"# articles\n{listed.url}/opinion/why-the-river-plan-needs-work-now\n\n"
                          f"{listed.url}/2026/11/16/tag-linked-story-about-forests/?utm_source=x\n"
                          f"{listed.url}/sitemap_index.xml\n{listed.url}/evil.xml\n", encoding="utf-8")
        # every page of one host asked for at once, before its robots.txt has come back: the
        # forbidden ones come after several others, so they wait on the robots.txt fetch too
        crowd = [*ARTICLES, *NON_ARTICLES, PRIVATE, PRIVATE + "-2", PRIVATE + "-3"]
        crowd_starts = tmp / "crowd.txt"
        crowd_starts.write_text("".join(f"{crowded.url}{p}\n" for p in crowd), encoding="utf-8")
        struggling.routes["/robots.txt"] = (503, "text/html", b"<h1>Service unavailable</h1>", {})
        gone.routes["/robots.txt"] = (404, "text/plain", b"User-agent: *\nDisallow: /\n", {})
        running = {
            "main": Crawl(tmp, "main", ["-a", f"start={main.url}/,{main.url}/feed,{dead}",
                                        "-a", "depth=20", "-s", "WIRECRAWL_PATTERN_BUDGET=5",
                                        "-s", "WIRECRAWL_MAX_QUERY_VARIANTS=3"]),
            "listed": Crawl(tmp, "listed", ["-a", f"start=@{starts}", "-a", "depth=0",
                                            "-a", "since=2026-11-19"]),
            "capped": Crawl(tmp, "capped", ["-a", f"start={capped.url}/", "-a", "max_pages=2"]),
            "default": Crawl(tmp, "default", ["-a", f"start={default.url}/",
                                              "-a", "follow_external=true"]),
            "unobeyed": Crawl(tmp, "unobeyed", ["-a", f"start={unobeyed.url}/", "-a", "depth=1",
                                                "-s", "ROBOTSTXT_OBEY=0"]),
            "crowded": Crawl(tmp, "crowded", ["-a", f"start=@{crowd_starts}", "-a", "depth=0"]),
            "struggling": Crawl(tmp, "struggling", ["-a", f"start={struggling.url}/,{struggling.url}/feed"]),
            "gone": Crawl(tmp, "gone", ["-a", f"start={gone.url}/", "-a", "depth=1"]),
        }
        done = {k: c.wait() for k, c in running.items()}
        yield {"sites": {"main": main, "listed": listed, "capped": capped, "default": default,
                         "ext": ext, "unobeyed": unobeyed, "crowded": crowded,
                         "struggling": struggling, "gone": gone}, **done}


def keys(crawl, site):
    return [dedup_key(p["hints"].get("canonical") or p["url"]) for p in crawl.pages]


def test_every_article_found_exactly_once(crawls):
    main, site = crawls["main"], crawls["sites"]["main"]
    found = keys(main, site)
    expected = sorted(dedup_key(site.url + path) for path in ARTICLES)
    assert sorted(found) == expected, main.log[-3000:]


def test_no_listing_page_emitted(crawls):
    site = crawls["sites"]["main"]
    listing_keys = {dedup_key(site.url + p) for p in NON_ARTICLES}
    for crawl in ("main", "default", "capped"):
        for page in crawls[crawl].pages:
            path = page["url"].split("/", 3)[3] if page["url"].count("/") >= 3 else ""
            assert not path.startswith(("world/?", "tag/", "author/", "search", "about", "archive/"))
            assert dedup_key(page["url"].replace(crawls["sites"][crawl].url, site.url)) not in listing_keys


def test_sources_and_hints(crawls):
    by_path = {p["url"].split(crawls["sites"]["main"].url, 1)[1]: p for p in crawls["main"].pages}
    ports = by_path["/2026/11/19/feed-only-story-about-ports/"]
    assert ports["source"] == "feed"
    assert ports["hints"]["published"] == "2026-11-19T08:00:00Z"
    assert ports["hints"]["feed_title"] == "Example Daily - All"
    rail = by_path["/2026/11/20/google-news-sitemap-story-on-rail"]
    assert rail["source"] == "sitemap" and rail["hints"]["published"] == "2026-11-20T09:30:00+01:00"
    assert rail["hints"]["title"] == "Rail story"
    election = by_path["/2026/11/18/sitemap-only-election-result-story"]
    assert election["source"] == "sitemap" and election["hints"]["lastmod"] == "2026-11-18T12:00:00Z"
    rivers = by_path["/world/2026/11/17/page-three-only-article-about-rivers"]
    # home > world > p2 > p3 > article, or world straight from the feed (a feed entry is hop 0)
    assert rivers["source"] == "link" and rivers["hints"]["depth"] in (3, 4)
    assert all(isinstance(p["hints"]["depth"], int) and p["status"] == 200 and p["bytes"] > 0
               for p in crawls["main"].pages)


def test_variants_fetched_once(crawls):
    site = crawls["sites"]["main"]
    storm = [r for r in site.requests if "storm-hits-coast-villages" in r and not r.startswith("/amp")]
    assert len(storm) == 1 and storm[0].rstrip("/") == "/2026/11/20/storm-hits-coast-villages"
    assert site.fetched("/news/12345") == ["/news/12345-markets-rally-on-rate-hopes"]
    amp_or_main = [p for p in crawls["main"].pages if "storm-hits-coast-villages" in p["url"]]
    assert len(amp_or_main) == 1
    if amp_or_main[0]["url"].endswith(AMP_COPY):
        assert amp_or_main[0]["hints"]["canonical"].endswith("/2026/11/20/storm-hits-coast-villages/")


def test_robots_disallowed_never_requested_but_sitemaps_discovered(crawls):
    for name in ("main", "listed", "capped", "default"):
        assert crawls["sites"][name].fetched("/private/") == [], name
    main = crawls["sites"]["main"]
    assert main.fetched("/sitemap_index.xml") and main.fetched("/sitemaps/archive.xml.gz")
    assert crawls["main"].stats["wirecrawl/robots/forbidden"] >= 1


def test_robots_obeyed_by_every_request_that_waited_for_it(crawls):
    # Scrapy 2.19's RobotsTxtMiddleware handed the parser to the first waiting request only;
    # the others got None and went through unchecked (crawler.middlewares.RobotsTxtMiddleware)
    site = crawls["sites"]["crowded"]
    assert site.fetched("/private/") == []
    assert crawls["crowded"].stats["wirecrawl/robots/forbidden"] == 3
    assert site.fetched("/robots.txt") == ["/robots.txt"]
    assert len(site.fetched("/")) >= len(ARTICLES) + len(NON_ARTICLES)


def test_robots_txt_answering_a_server_error_forbids_the_host(crawls):
    # RFC 9309: 5xx means "unreachable", complete disallow (the 503 page is not read as rules)
    site, crawl = crawls["sites"]["struggling"], crawls["struggling"]
    assert set(site.requests) == {"/robots.txt"}       # RetryMiddleware may ask it twice
    assert crawl.stats["wirecrawl/robots/unreachable/status"] == 1
    assert crawl.stats["wirecrawl/robots/forbidden"] == 2
    assert crawl.pages == []


def test_robots_txt_answering_404_allows_everything(crawls):
    # RFC 9309: 4xx means "unavailable", no rules (the 404 page's text is not read as rules)
    site, crawl = crawls["sites"]["gone"], crawls["gone"]
    assert site.fetched("/2026/11/20/storm-hits-coast-villages/")
    assert site.fetched("/private/")                  # linked, and no rule forbids it
    assert crawl.stats.get("wirecrawl/robots/forbidden", 0) == 0


def test_robots_txt_fetched_once_per_host(crawls):
    # RobotsTxtMiddleware reads it; its Sitemap: lines reach the spider without a second fetch
    for name in ("main", "listed", "capped", "default"):
        assert crawls["sites"][name].fetched("/robots.txt") == ["/robots.txt"], name
    assert crawls["main"].stats["wirecrawl/discovery/robots_sitemap"] >= 1


def test_without_robots_obeyed_the_spider_reads_robots_txt_for_sitemaps_once(crawls):
    site = crawls["sites"]["unobeyed"]
    assert site.fetched("/robots.txt") == ["/robots.txt"]
    assert site.fetched("/sitemap_index.xml") and site.fetched("/private/")  # not obeyed


def test_traps_bounded_and_counted(crawls):
    site, stats = crawls["sites"]["main"], crawls["main"].stats
    assert 1 <= len(site.fetched("/archive/")) <= 5        # pattern budget, despite depth=20
    assert len(site.fetched("/world/?sort=")) <= 3         # query-variant limit
    assert site.fetched("/world/?page=3")                  # pagination still followed
    assert stats["wirecrawl/trap/pattern"] >= 1
    assert stats.get("wirecrawl/trap/query_variants", 0) + stats["wirecrawl/trap/pattern"] >= 7
    assert site.fetched("/files/") == []                   # non-page links never requested
    assert crawls["sites"]["ext"].requests == [] or crawls["default"].pages  # see follow_external


def test_errors_counted_by_kind(crawls):
    stats = crawls["main"].stats
    assert stats["finish_reason"] == "finished"
    for kind in ("http_404", "http_500", "redirect_loop", "not_html",
                 "empty", "timeout", "connection_refused"):
        assert stats.get(f"wirecrawl/error/{kind}", 0) >= 1, kind
    assert stats["wirecrawl/http_errors/4xx"] >= 1 and stats["wirecrawl/http_errors/5xx"] >= 1
    assert stats["wirecrawl/discovery/offsite"] >= 1


def test_url_list_since_and_depth_zero(crawls):
    crawl, site = crawls["listed"], crawls["sites"]["listed"]
    by_path = {p["url"].split(site.url, 1)[1]: p for p in crawl.pages}
    assert by_path["/opinion/why-the-river-plan-needs-work-now"]["source"] == "list"
    assert by_path["/2026/11/16/tag-linked-story-about-forests/"]["source"] == "list"
    assert by_path["/2026/11/20/google-news-sitemap-story-on-rail"]["source"] == "sitemap"
    # since=2026-11-19: the index's 2026-11-18 gzip sitemap is skipped, with its article
    assert site.fetched("/sitemaps/archive.xml.gz") == []
    assert crawl.stats["wirecrawl/discovery/since_skipped"] >= 1
    # a hostile feed among the starts is refused, counted, and the crawl goes on
    assert crawl.stats["wirecrawl/discovery/bad_feed"] == 1
    assert crawl.stats["wirecrawl/discovery/xml_hostile"] == 1
    # depth=0: no links followed from the listed pages (listed pages and sitemap entries are hop 0)
    assert site.fetched("/tag/") == [] and site.fetched("/world/") == []


def test_max_pages_caps_emission(crawls):
    crawl = crawls["capped"]
    assert len(crawl.pages) == 2
    assert crawl.stats["finish_reason"] == "max_pages"


def test_default_options_end_by_themselves(crawls):
    crawl, site = crawls["default"], crawls["sites"]["default"]
    assert crawl.stats["finish_reason"] == "finished"
    assert len(site.fetched("/archive/")) <= 5             # DEPTH_LIMIT=3: 1 + 2 + 2 months
    assert len({dedup_key(p["url"]) for p in crawl.pages}) == len(crawl.pages)
    # follow_external=true: the other loopback site was reached
    assert crawls["sites"]["ext"].fetched("/elsewhere")
    assert crawls["sites"]["main"].fetched("/elsewhere") == []
