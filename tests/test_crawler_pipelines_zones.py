"""ZonePipeline: records' naive times placed in the zone their site states in its feeds and pages."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

import pytest
from scrapy.exceptions import NotConfigured

from crawler.items import Article, Record
from crawler.pipelines.zones import ZONES_FILE, ZonePipeline, load_zones
from spiders.feeds import Entry, Listing
from spiders.signals import listing_parsed

UTC = timezone.utc
FETCHED = datetime(2026, 12, 1, tzinfo=UTC)


def naive_record(url: str, local: str, *, hint: str | None = None) -> Record:
    """A record of a page that printed ``local`` with no zone (placed in UTC by extraction)."""
    wall = datetime.fromisoformat(local)
    article = Article(url=url, site="127.0.0.2:8001", text="x", language="fr", published=wall.replace(tzinfo=UTC),
                      published_zone="assumed", published_local=wall)
    when = datetime.fromisoformat(hint) if hint else None
    return Record(article=article, id=url[-1], fetched_at=FETCHED, published_hint=when, hint_zone_stated=bool(hint))


@pytest.fixture
def crawler(make_crawler):
    return make_crawler()


def test_a_feed_read_before_the_pages_teaches_their_site_zone(crawler):
    pipe = ZonePipeline.from_crawler(crawler)
    feed = Listing("rss", (Entry("http://127.0.0.2:8001/a", "2026-01-12T09:00:00+01:00"),
                           Entry("http://127.0.0.2:8001/b", "2026-06-12T09:00:00+02:00")))
    crawler.signals.send_catch_log(signal=listing_parsed, listing=feed, url="http://127.0.0.2:8001/feed")
    rec = pipe.process_item(naive_record("http://127.0.0.2:8001/c", "2026-07-14T18:30:00"))
    assert rec.article.published == datetime(2026, 7, 14, 16, 30, tzinfo=UTC)
    assert rec.article.published_zone == "learned"
    assert crawler.stats.get_value("wirecrawl/date/zone/learned") == 1


def test_before_any_evidence_the_zone_stays_assumed_and_the_pages_own_hint_is_enough(crawler):
    pipe = ZonePipeline.from_crawler(crawler)
    first = pipe.process_item(naive_record("http://127.0.0.2:8001/a", "2026-11-19T09:03:00"))
    assert first.article.published_zone == "assumed" and first.article.published.hour == 9
    own = pipe.process_item(naive_record("http://127.0.0.2:8001/b", "2026-11-19T10:15:00",
                                         hint="2026-11-19T10:15:00+01:00"))
    assert own.article.published == datetime(2026, 11, 19, 9, 15, tzinfo=UTC)
    assert crawler.stats.get_value("wirecrawl/date/zone/assumed") == 1


def test_a_configured_site_zone_wins_over_a_learned_one(make_crawler):
    crawler = make_crawler(WIRECRAWL_SITE_TIMEZONES={"127.0.0.2:8001": "America/New_York"})
    pipe = ZonePipeline.from_crawler(crawler)
    rec = naive_record("http://127.0.0.2:8001/a", "2026-11-19T09:03:00", hint="2026-11-19T09:03:00+01:00")
    assert pipe.process_item(rec) is rec


def test_items_that_are_not_records_pass_and_the_stage_can_be_turned_off(make_crawler):
    pipe = ZonePipeline.from_crawler(make_crawler())
    assert pipe.process_item({"url": "x"}) == {"url": "x"}
    with pytest.raises(NotConfigured):
        ZonePipeline.from_crawler(make_crawler(WIRECRAWL_ZONE_LEARNING=False))


def test_with_a_state_directory_the_next_crawl_starts_knowing_the_zones(make_crawler, tmp_path):
    first = ZonePipeline.from_crawler(make_crawler(WIRECRAWL_STATE_DIR=str(tmp_path)))
    first.process_item(naive_record("http://127.0.0.2:8001/a", "2026-01-12T09:00:00", hint="2026-01-12T09:00:00+01:00"))
    asyncio.run(first.close_spider())
    assert (tmp_path / ZONES_FILE).exists()
    second = ZonePipeline.from_crawler(make_crawler(WIRECRAWL_STATE_DIR=str(tmp_path)))
    rec = second.process_item(naive_record("http://127.0.0.2:8001/b", "2026-07-14T18:30:00"))
    assert rec.article.published == datetime(2026, 7, 14, 16, 30, tzinfo=UTC)  # Europe/Paris, summer


def test_a_damaged_zones_file_costs_only_what_it_lost(tmp_path, caplog):
    path = tmp_path / ZONES_FILE
    path.write_text('{"a.example": ["2026-01-12T09:00:00+01:00", "not a date", "2026-01-13T09:00:00"], "b": 3}')
    assert load_zones(path).observations() == {"a.example": [datetime.fromisoformat("2026-01-12T09:00:00+01:00")]}
    path.write_text("{broken")
    assert load_zones(path).observations() == {} and "unreadable" in caplog.text


def test_a_page_reached_by_a_link_takes_the_date_a_listing_gave_its_url(crawler):
    pipe = ZonePipeline.from_crawler(crawler)
    feed = Listing("rss", (Entry("http://127.0.0.2:8001/a?utm_source=rss", "2026-11-19T08:03:00Z"),))
    crawler.signals.send_catch_log(signal=listing_parsed, listing=feed, url="http://127.0.0.2:8001/feed")
    rec = pipe.process_item(naive_record("http://127.0.0.2:8001/a", "2026-11-19T09:03:00"))  # no hint of its own
    assert rec.article.published == datetime(2026, 11, 19, 8, 3, tzinfo=UTC)
    assert rec.article.published_zone == "learned"
