"""Revisits with --state: ConditionalGetMiddleware (crawler/revisit.py) and RevisionPipeline."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from scrapy import Request
from scrapy.exceptions import DropItem
from scrapy.http import HtmlResponse, Response
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from crawler.exceptions import ListedUnchanged, NotModified
from crawler.items import Article, Record
from crawler.pipelines.revision import RevisionPipeline
from crawler.revisit import ConditionalGetMiddleware
from spiders.state import CrawlState

URL = "http://127.0.0.2:8001/2026/11/20/river-accord"
UTC = timezone.utc


@pytest.fixture
def stats():
    return MemoryStatsCollector(get_crawler())


def state_with(tmp_path, *, finished=True, etag='"v1"', listed=None, written=None):
    """A state whose earlier run fetched URL (and wrote ``written``), reopened for a new run."""
    s = CrawlState(tmp_path)
    s.start_run(output=None)
    s.fetched(URL, site="127.0.0.2:8001", status=200, etag=etag,
              last_modified="Fri, 20 Nov 2026 10:00:00 GMT", listed=listed)
    if written:
        s.written(written, output=None, offset=None).result()
    if finished:
        s.finish_run("finished", written=0).result()
    s.close()
    s = CrawlState(tmp_path)
    s.start_run(output=None)
    return s


def page_request(url=URL, role="page", hints=None):
    return Request(url, meta={"wc_role": role, "wc_hints": hints or {}})


def test_a_known_page_is_asked_conditionally_and_a_304_emits_nothing(tmp_path, stats):
    state = state_with(tmp_path)
    mw = ConditionalGetMiddleware(state, stats)
    req = page_request()
    assert mw.process_request(req) is None
    assert req.headers[b"If-None-Match"] == b'"v1"'
    assert req.headers[b"If-Modified-Since"] == b"Fri, 20 Nov 2026 10:00:00 GMT"
    with pytest.raises(NotModified):
        mw.process_response(req, Response(URL, status=304))
    assert stats.get_value("wirecrawl/state/conditional") == 1
    assert stats.get_value("wirecrawl/state/not_modified") == 1
    state.close()


def test_a_page_whose_feed_date_is_not_newer_is_not_requested(tmp_path, stats):
    state = state_with(tmp_path, listed=datetime(2026, 11, 20, 10, tzinfo=UTC).timestamp())
    mw = ConditionalGetMiddleware(state, stats)
    with pytest.raises(ListedUnchanged):
        mw.process_request(page_request(hints={"lastmod": "2026-11-20T09:00:00Z"}))
    assert stats.get_value("wirecrawl/state/skipped") == 1
    # A feed date after the last fetch: asked again (conditionally).
    later = page_request(hints={"lastmod": "2999-01-01T00:00:00Z"})
    assert mw.process_request(later) is None and b"If-None-Match" in later.headers
    state.close()


def test_validators_of_an_unfinished_run_starts_robots_and_full_runs_are_not_used(tmp_path, stats):
    state = state_with(tmp_path, finished=False)
    req = page_request()
    ConditionalGetMiddleware(state, stats).process_request(req)
    assert b"If-None-Match" not in req.headers   # the killed run may not have written it
    state.close()
    state = state_with(tmp_path / "b")
    for req in (page_request(role="start"), page_request(role="doc"), Request(URL)):
        ConditionalGetMiddleware(state, stats).process_request(req)
        assert b"If-None-Match" not in req.headers
    req = page_request()
    ConditionalGetMiddleware(state, stats, full=True).process_request(req)
    assert b"If-None-Match" not in req.headers
    state.close()


def test_responses_record_validators_and_host_health(tmp_path, stats):
    state = CrawlState(tmp_path)
    state.start_run(output=None)
    mw = ConditionalGetMiddleware(state, stats)
    req = page_request()
    resp = HtmlResponse(URL, body=b"<html></html>", headers={"ETag": '"v9"'})
    assert mw.process_response(req, resp) is resp
    mw.process_response(page_request(URL + "x"), HtmlResponse(URL + "x", status=503, body=b""))
    mw.process_exception(page_request(), TimeoutError("slow"))
    state.finish_run("finished", written=0).result()
    state.close()
    state = CrawlState(tmp_path)
    assert state.page(URL).etag == '"v9"'
    state.close()
    from spiders.statereport import read_status
    (site,) = read_status(tmp_path)["sites"]
    assert site["failures"] == 2 and site["last_error"] == "TimeoutError" and site["responses"] == 1


def record(text="First version of the body.", title="River accord", modified=None):
    article = Article(url=URL, site="127.0.0.2:8001", title=title, text=text, modified=modified)
    return Record(article=article, id="abc", fetched_at=datetime(2026, 11, 22, tzinfo=UTC), story_id=None)


def written_line(rec, revision=1, story="story-1"):
    a = rec.article
    return {"id": rec.id, "url": a.url, "site": a.site, "title": a.title, "text": a.text,
            "story_id": story, "revision": revision}


def test_revision_pipeline_numbers_changes_and_drops_unchanged_bodies(tmp_path, stats):
    first = record()
    state = state_with(tmp_path, written=written_line(first))
    stage = RevisionPipeline(state, stats)
    fresh = Record(article=Article(url=URL + "/other", text="x"), id="new",
                   fetched_at=datetime(2026, 11, 22, tzinfo=UTC))
    assert stage.process_item(fresh) is fresh          # never written: revision 1, as it comes
    with pytest.raises(DropItem, match="unchanged since revision 1"):
        stage.process_item(record())
    changed = stage.process_item(record(text="Corrected version of the body."))
    assert changed.revision == 2 and changed.story_id == "story-1" and changed.id == "abc"
    assert changed.article.modified == datetime(2026, 11, 22, tzinfo=UTC)   # the fetch time
    stated = stage.process_item(record(title="New headline", modified=datetime(2026, 11, 21, 8, tzinfo=UTC)))
    assert stated.article.modified == datetime(2026, 11, 21, 8, tzinfo=UTC)  # the page's own date
    assert stats.get_value("wirecrawl/state/unchanged") == 1 and stats.get_value("wirecrawl/state/revised") == 2
    again = RevisionPipeline(state, stats, full=True).process_item(record())
    assert again.revision == 1 and again.story_id == "story-1"   # --full: written again, same revision
    state.close()
