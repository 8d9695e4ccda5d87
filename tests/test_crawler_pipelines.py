"""The Scrapy adapters: built from settings with from_crawler, counting in the stats."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
from scrapy import Spider
from scrapy.exceptions import DropItem, NotConfigured

from crawler.items import Page
from crawler.pipelines import ExtractPipeline, FilterPipeline, GroupPipeline, WritePipeline, parse_since

PARAS = [
    "GENEVA (AFP) - Delegates from forty countries agreed on Tuesday to a new framework for sharing "
    "river water across borders, after eleven days of talks that several times seemed close to collapse.",
    "The accord sets out how upstream states must warn their neighbours before building dams, and "
    "creates a standing commission to settle disputes over seasonal flows and drought allocations.",
    "Negotiators said the breakthrough came late on Monday when the two largest delegations accepted "
    "a compromise on how quickly new projects must be disclosed to the commission's secretariat.",
]


def article_html(title="Forty countries agree on river water framework", paras=PARAS):
    body = "".join(f"<p>{p}</p>" for p in paras)
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title} | Daily</title>
<meta property="og:type" content="article">
<meta property="article:published_time" content="2026-11-20T08:32:00-05:00"></head>
<body><header><nav><a href="/">Home</a></nav></header>
<article><h1>{title}</h1>{body}</article><footer>© Daily</footer></body></html>""".encode()


@pytest.fixture
def crawler_with(make_crawler):
    """In-process extraction, so process_item returns records synchronously."""
    def make(**overrides):
        return make_crawler(**{"WIRECRAWL_EXTRACT_WORKERS": 0, **overrides})
    return make


def page(url="http://127.0.0.2:8001/world/river-accord", html=None):
    return Page(url=url, body=html or article_html(), headers={"content-type": "text/html; charset=utf-8"},
                source="feed", fetched_at=datetime(2026, 11, 21, tzinfo=timezone.utc))


def test_extract_pipeline_turns_a_page_into_a_record(crawler_with):
    crawler = crawler_with()
    pipe = ExtractPipeline.from_crawler(crawler)
    rec = pipe.process_item(page())
    assert rec["url"] == "http://127.0.0.2:8001/world/river-accord"
    assert rec["source"] == "feed"
    assert rec["published"] == "2026-11-20T13:32:00Z"
    assert rec["fetched_at"] == "2026-11-21T00:00:00Z"
    assert rec["text"].split("\n") == PARAS
    assert crawler.stats.get_value("wirecrawl/extract/articles") == 1


def test_extract_pipeline_drops_a_page_without_body_and_counts_why(crawler_with):
    crawler = crawler_with()
    pipe = ExtractPipeline.from_crawler(crawler)
    with pytest.raises(DropItem):
        pipe.process_item(page(html=b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4))
    drops = {k: v for k, v in crawler.stats.get_stats().items() if k.startswith("wirecrawl/drop/")}
    assert sum(drops.values()) == 1, drops


def test_extract_pipeline_can_be_switched_off(crawler_with):
    with pytest.raises(NotConfigured):
        ExtractPipeline.from_crawler(crawler_with(WIRECRAWL_EXTRACT_ENABLED=False))


def test_filter_pipeline_drops_short_and_old_articles(crawler_with):
    crawler = crawler_with(WIRECRAWL_SINCE="2026-11-20", WIRECRAWL_MIN_TEXT_CHARS=50)
    pipe = FilterPipeline.from_crawler(crawler)
    ok = {"url": "u1", "text": "x" * 60, "published": "2026-11-20T13:32:00Z"}
    assert pipe.process_item(ok) is ok
    with pytest.raises(DropItem):
        pipe.process_item({"url": "u2", "text": "short", "published": None})
    with pytest.raises(DropItem):
        pipe.process_item({"url": "u3", "text": "x" * 60, "published": "2026-11-19T23:59:00Z"})
    # Unknown date: kept (never guessed), the user asked for a date filter, not a date requirement.
    unknown = {"url": "u4", "text": "x" * 60, "published": None}
    assert pipe.process_item(unknown) is unknown
    assert crawler.stats.get_value("wirecrawl/drop/short") == 1
    assert crawler.stats.get_value("wirecrawl/drop/before_since") == 1


def test_bad_since_setting_fails_fast_with_the_value():
    with pytest.raises(ValueError, match="someday"):
        parse_since("someday")


def test_group_pipeline_assigns_story_ids_and_writes_stories(tmp_path, crawler_with):
    crawler = crawler_with(WIRECRAWL_OUTPUT_DIR=str(tmp_path))
    extract = ExtractPipeline.from_crawler(crawler)
    group = GroupPipeline.from_crawler(crawler)
    write = WritePipeline.from_crawler(crawler)
    a = extract.process_item(page("http://127.0.0.2:8001/a"))
    copy = article_html("Countries strike deal on shared rivers", PARAS[:2] + ["An extra closing line."])
    b = extract.process_item(page("http://127.0.0.3:8002/b", copy))
    other = article_html("Storm closes mountain passes", [
        "Heavy snow closed three alpine passes on Wednesday and stranded hundreds of lorries near the border, "
        "officials said, as forecasters warned of more to come over the weekend.",
        "Road crews worked through the night but avalanche risk kept the main routes shut until further notice.",
    ])
    c = extract.process_item(page("http://127.0.0.4:8003/c", other))
    for rec in (a, b, c):
        write.process_item(group.process_item(rec))
    assert a["story_id"] == b["story_id"] != c["story_id"]
    assert b["duplicate_of"] == a["id"] and a["duplicate_of"] is None
    group.close_spider()
    write.close_spider()
    lines = [json.loads(x) for x in (tmp_path / "articles.jsonl").read_text().splitlines()]
    assert [r["id"] for r in lines] == [a["id"], b["id"], c["id"]]
    stories = [json.loads(x) for x in (tmp_path / "stories.jsonl").read_text().splitlines()]
    assert sorted(s["size"] for s in stories) == [1, 2]
    assert crawler.stats.get_value("wirecrawl/stories") == 2
