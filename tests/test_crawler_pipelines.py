"""The Scrapy adapters: built from settings with from_crawler, a typed Record between stages, counting in the stats."""

from __future__ import annotations

import asyncio
import inspect
import json
import os
import time
import signal
import threading
from datetime import datetime, timezone

import pytest
from scrapy.exceptions import DropItem, NotConfigured

from crawler.items import Article, Page, Record
from crawler.pipelines import ExtractPipeline, FilterPipeline, GroupPipeline, WritePipeline
from dedup import Assignment, StoryIndex
from output import RunWriter

UTC = timezone.utc
ARTICLE_FIELDS = ["id", "url", "canonical_url", "site", "title", "text", "published", "published_zone",
                  "modified", "authors", "language", "wire", "fetched_at", "source", "story_id", "duplicate_of", "revision"]

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


def settle(result):
    """A pipeline's result: a coroutine is run to completion on an asyncio loop, as Scrapy does."""
    return asyncio.run(result) if inspect.iscoroutine(result) else result


async def close_all(*pipes):
    """Scrapy starts every close_spider at once, the last pipeline's first."""
    await asyncio.gather(*(settle_async(p.close_spider()) for p in pipes))


async def settle_async(result):
    return await result if inspect.iscoroutine(result) else result


def record(url="http://a.example/1", text="x" * 60, published=None, hint=None, **kw):
    article = Article(url=url, site="a.example", text=text, published=published)
    return Record(article=article, id="id-" + url[-1], fetched_at=datetime(2026, 11, 21, tzinfo=UTC),
                  source="feed", published_hint=hint, **kw)


@pytest.fixture
def crawler_with(make_crawler):
    """In-process extraction, so process_item returns records synchronously."""
    def make(**overrides):
        return make_crawler(**{"WIRECRAWL_EXTRACT_WORKERS": 0, **overrides})
    return make


def page(url="http://127.0.0.2:8001/world/river-accord", html=None, hints=None):
    return Page(url=url, body=html or article_html(), headers={"content-type": "text/html; charset=utf-8"},
                source="feed", fetched_at=datetime(2026, 11, 21, tzinfo=UTC), hints=hints or {})


def test_extract_pipeline_turns_a_page_into_a_typed_record(crawler_with):
    crawler = crawler_with()
    pipe = ExtractPipeline.from_crawler(crawler)
    rec = pipe.process_item(page())
    assert isinstance(rec, Record)
    assert rec.article.url == "http://127.0.0.2:8001/world/river-accord"
    assert rec.source == "feed"
    assert rec.article.published == datetime(2026, 11, 20, 13, 32, tzinfo=UTC)
    assert rec.fetched_at == datetime(2026, 11, 21, tzinfo=UTC)
    assert rec.article.text.split("\n") == PARAS
    assert len(rec.id) == 16
    assert rec.published_hint is None and rec.published_or_hint == rec.article.published
    assert crawler.stats.get_value("wirecrawl/extract/articles") == 1


def test_extract_pipeline_records_per_site_extraction_time_at_close(crawler_with):
    crawler = crawler_with()
    pipe = ExtractPipeline.from_crawler(crawler)
    for n in range(2):
        pipe.process_item(page(f"http://127.0.0.2:8001/world/river-accord-{n}"))
    with pytest.raises(DropItem):  # a page without a body took time too
        pipe.process_item(page("http://127.0.0.2:8001/logo", html=b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4))
    pipe.close_spider()
    stats = crawler.stats.get_stats()
    key = "wirecrawl/extract_ms/127.0.0.2:8001"
    assert stats[f"{key}/pages"] == 3
    assert 0 < stats[f"{key}/median"] <= stats[f"{key}/p90"]


def test_extract_pipeline_keeps_a_feed_date_as_an_aware_hint_when_the_page_has_none(crawler_with):
    html = article_html().replace(b'<meta property="article:published_time" content="2026-11-20T08:32:00-05:00">', b"")
    pipe = ExtractPipeline.from_crawler(crawler_with())
    rec = pipe.process_item(page(html=html, hints={"published": "2026-11-18T06:00:00Z"}))
    assert rec.article.published is None
    assert rec.published_hint == datetime(2026, 11, 18, 6, tzinfo=UTC) and rec.hint_zone_stated
    assert rec.published_or_hint == rec.published_hint


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


@pytest.mark.parametrize("noticed", [False, True], ids=["death-unnoticed", "pool-known-broken"])
def test_extract_pipeline_falls_back_to_this_process_when_a_worker_dies(crawler_with, noticed):
    crawler = crawler_with(WIRECRAWL_EXTRACT_WORKERS=1)
    pipe = ExtractPipeline.from_crawler(crawler)
    try:
        first = settle(pipe.process_item(page("http://127.0.0.2:8001/a")))
        (pid,) = pipe.pool.worker_pids()
        os.kill(pid, signal.SIGKILL)
        if noticed:  # the pool has marked itself broken: it refuses the next submission outright
            time.sleep(2)
        second = settle(pipe.process_item(page("http://127.0.0.2:8001/b")))
    finally:
        pipe.close_spider()
    assert first.article.text == second.article.text
    assert crawler.stats.get_value("wirecrawl/extract/pool_broken") == 1
    assert crawler.stats.get_value("wirecrawl/extract/articles") == 2
    # Both pages were timed: one in the worker, one here after it died.
    assert crawler.stats.get_value("wirecrawl/extract_ms/127.0.0.2:8001/pages") == 2


def test_filter_pipeline_drops_short_and_old_articles(crawler_with):
    crawler = crawler_with(WIRECRAWL_SINCE="2026-11-20T00:00:00Z", WIRECRAWL_MIN_TEXT_CHARS=50)
    pipe = FilterPipeline.from_crawler(crawler)
    ok = record("http://a.example/1", published=datetime(2026, 11, 20, 13, 32, tzinfo=UTC))
    assert pipe.process_item(ok) is ok
    with pytest.raises(DropItem):
        pipe.process_item(record("http://a.example/2", text="short"))
    with pytest.raises(DropItem):
        pipe.process_item(record("http://a.example/3", published=datetime(2026, 11, 19, 23, 59, tzinfo=UTC)))
    # No date on the page: the feed's date decides.
    with pytest.raises(DropItem):
        pipe.process_item(record("http://a.example/5", hint=datetime(2026, 11, 18, tzinfo=UTC)))
    # Unknown date: kept (never guessed), the user asked for a date filter, not a date requirement.
    unknown = record("http://a.example/4")
    assert pipe.process_item(unknown) is unknown
    assert crawler.stats.get_value("wirecrawl/drop/short") == 1
    assert crawler.stats.get_value("wirecrawl/drop/before_since") == 2


def test_filter_pipeline_counts_a_chinese_character_as_three_letters(crawler_with):
    pipe = FilterPipeline.from_crawler(crawler_with(WIRECRAWL_MIN_TEXT_CHARS=60))
    brief = record("http://a.example/zh", text="市交警支队发布通告，本周六滨江路北段将封闭施工。")   # 24 characters
    assert pipe.process_item(brief) is brief
    with pytest.raises(DropItem):
        pipe.process_item(record("http://a.example/fr", text="Le pont sera fermé samedi."))  # 26 letters


def test_bad_since_setting_fails_fast_with_the_value(crawler_with):
    with pytest.raises(ValueError, match="someday"):
        FilterPipeline.from_crawler(crawler_with(WIRECRAWL_SINCE="someday"))


def three_pages(extract):
    a = extract.process_item(page("http://127.0.0.2:8001/a"))
    copy = article_html("Countries strike deal on shared rivers", PARAS[:2] + ["An extra closing line."])
    b = extract.process_item(page("http://127.0.0.3:8002/b", copy))
    other = article_html("Storm closes mountain passes", [
        "Heavy snow closed three alpine passes on Wednesday and stranded hundreds of lorries near the border, "
        "officials said, as forecasters warned of more to come over the weekend.",
        "Road crews worked through the night but avalanche risk kept the main routes shut until further notice.",
    ])
    c = extract.process_item(page("http://127.0.0.4:8003/c", other))
    return a, b, c


def read_lines(path):
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def test_records_are_grouped_and_written_once_as_the_schema_says(tmp_path, crawler_with):
    crawler = crawler_with(WIRECRAWL_OUTPUT_DIR=str(tmp_path))
    extract = ExtractPipeline.from_crawler(crawler)
    group = GroupPipeline.from_crawler(crawler)
    write = WritePipeline(RunWriter(tmp_path), crawler.stats, group=group)
    out = [settle(write.process_item(settle(group.process_item(rec)))) for rec in three_pages(extract)]
    asyncio.run(close_all(write, group))
    a, b, c = out
    assert a["story_id"] == b["story_id"] != c["story_id"]
    assert b["duplicate_of"] == a["id"] and a["duplicate_of"] is None
    assert a["published"] == "2026-11-20T13:32:00Z" and a["fetched_at"] == "2026-11-21T00:00:00Z"
    # What the pipeline returns (feed exports, item_scraped) is exactly the articles.jsonl line.
    assert read_lines(tmp_path / "articles.jsonl") == out
    assert all(list(line) == ARTICLE_FIELDS for line in out)
    stories = read_lines(tmp_path / "stories.jsonl")
    assert sorted(s["size"] for s in stories) == [1, 2]
    assert crawler.stats.get_value("wirecrawl/stories") == 2


def test_write_pipeline_serialises_without_an_output_dir(tmp_path, crawler_with, monkeypatch):
    monkeypatch.chdir(tmp_path)
    crawler = crawler_with()
    extract, write = ExtractPipeline.from_crawler(crawler), WritePipeline.from_crawler(crawler)
    line = settle(write.process_item(extract.process_item(page())))
    asyncio.run(close_all(write))
    assert list(line) == ARTICLE_FIELDS and "published_hint" not in line
    assert line["url"] == "http://127.0.0.2:8001/world/river-accord"
    assert crawler.stats.get_value("wirecrawl/written") == 1
    assert list(tmp_path.iterdir()) == []


def test_stories_jsonl_lists_this_runs_stories_with_earlier_members(tmp_path, crawler_with):
    state = tmp_path / "state"
    state.mkdir()
    extract = ExtractPipeline.from_crawler(crawler_with())
    a, b, c = three_pages(extract)

    def run(out, records):
        crawler = crawler_with(WIRECRAWL_OUTPUT_DIR=str(out), WIRECRAWL_STATE_DIR=str(state))
        group = GroupPipeline.from_crawler(crawler)
        write = WritePipeline(RunWriter(out), crawler.stats, group=group)
        for rec in records:
            settle(write.process_item(settle(group.process_item(rec))))
        asyncio.run(close_all(write, group))
        return read_lines(out / "stories.jsonl")

    run(tmp_path / "r1", [a, c])
    (story,) = run(tmp_path / "r2", [b])  # c's story has no member in run 2: not listed
    assert set(story["members"]) == {a.article.url, b.article.url}
    assert story["size"] == 2


class FakeIndex:
    """Records the thread it is built and called on; assigns every document its own story."""

    def __init__(self):
        self.threads = [threading.get_ident()]

    def add(self, doc_id, text, **kw):
        self.threads.append(threading.get_ident())
        return Assignment(story_id="s-" + doc_id, duplicate_of=None, is_new_story=True)

    def close(self):
        self.threads.append(threading.get_ident())


def test_group_pipeline_uses_its_index_off_the_callers_thread(crawler_with):
    crawler = crawler_with()
    group = GroupPipeline(FakeIndex, crawler.stats)
    index = group.index
    got = [settle(group.process_item(record(f"http://a.example/{n}"))) for n in range(3)]
    asyncio.run(close_all(group))
    assert [r.story_id for r in got] == ["s-id-0", "s-id-1", "s-id-2"]
    assert len(set(index.threads)) == 1 and index.threads[0] != threading.get_ident()
    assert crawler.stats.get_value("wirecrawl/group/new_story") == 3


def test_a_real_story_index_works_from_its_thread(tmp_path, crawler_with):
    crawler = crawler_with()
    group = GroupPipeline(lambda: StoryIndex(path=str(tmp_path / "s.sqlite")), crawler.stats)
    got = settle(group.process_item(record()))
    asyncio.run(close_all(group))
    assert got.story_id and got.duplicate_of is None
