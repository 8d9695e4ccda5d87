import json

from scrapy import Spider

from crawler.extensions import RunReport, format_summary, summarize

STATS = {
    "response_received_count": 40, "wirecrawl/written": 12, "wirecrawl/stories": 7,
    "wirecrawl/group/joined": 5, "wirecrawl/error/http_404": 2, "wirecrawl/error/timeout": 1,
    "wirecrawl/drop/not-html": 1, "wirecrawl/site/a.example": 8, "wirecrawl/site/b.example": 4,
    "robotstxt/forbidden": 3, "wirecrawl/extract_ms/a.example:8080/pages": 8,
    "wirecrawl/extract_ms/a.example:8080/median": 12.5, "wirecrawl/extract_ms/a.example:8080/p90": 30.0,
}


def test_summary_counts_from_stats():
    s = summarize(STATS, elapsed=4.0)
    assert s["pages_fetched"] == 40 and s["articles_kept"] == 12 and s["stories"] == 7
    assert s["errors"] == {"http_404": 2, "timeout": 1} and s["errors_total"] == 3
    assert s["per_site"] == {"a.example": 8, "b.example": 4}
    assert s["pages_per_s"] == 10.0
    assert s["extract_ms"] == {"a.example:8080": {"pages": 8, "median": 12.5, "p90": 30.0}}
    table = format_summary(s)
    assert "articles kept" in table and "error: http_404" in table and "site a.example" in table


def test_run_report_writes_run_json(tmp_path, make_crawler):
    crawler = make_crawler(WIRECRAWL_OUTPUT_DIR=str(tmp_path))
    for k, v in STATS.items():
        crawler.stats.set_value(k, v)
    report = RunReport.from_crawler(crawler)
    assert report.progress_counts() == {"pages": 40, "articles": 12, "stories": 0, "errors": 3}
    spider = Spider(name="news")
    spider.starts = [("http://a.example/", "link"), ("http://b.example/feed.xml", "feed")]
    report.spider_closed(spider, "finished")
    run = json.loads((tmp_path / "run.json").read_text())
    assert run["start_urls"] == ["http://a.example/", "http://b.example/feed.xml"]
    assert run["finish_reason"] == "finished"
    assert run["summary"]["errors_total"] == 3
    assert run["settings"]["WIRECRAWL_OUTPUT_DIR"] == str(tmp_path)
    assert run["stats"]["wirecrawl/site/a.example"] == 8
