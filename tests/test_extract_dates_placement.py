"""ZonePlacer: the zone bookkeeping the crawl's zone stage and ``extract --warc`` share."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from crawler.extract.dates.placement import ZonePlacer
from crawler.items import Article
from spiders.feeds import Entry
from spiders.urls import dedup_key

UTC = timezone.utc
NOW = datetime(2026, 12, 1, tzinfo=UTC)
SITE = "quotidien.example"


def page(path: str, local: str) -> Article:
    """What the extractor makes of a French page printing ``local`` with no zone (placed in UTC)."""
    wall = datetime.fromisoformat(local)
    return Article(url=f"https://{SITE}{path}", site=SITE, text="x", language="fr",
                   published=wall.replace(tzinfo=UTC), published_zone="assumed", published_local=wall)


def test_a_listing_teaches_its_sites_zone_in_every_season():
    placer = ZonePlacer()
    placer.learn_listing([Entry(f"https://{SITE}/a", "2026-01-12T09:00:00+01:00"),
                          Entry(f"https://{SITE}/b", None, "2026-06-12T09:00:00+02:00")])
    placed = placer.place(page("/c", "2026-07-14T18:30:00"), now=NOW)
    assert placed.published == datetime(2026, 7, 14, 16, 30, tzinfo=UTC)  # Europe/Paris, summer
    assert placed.published_zone == "learned"


def test_a_page_without_a_feed_date_takes_the_one_a_listing_gave_its_url():
    placer = ZonePlacer(key=dedup_key)
    placer.learn_listing([Entry(f"https://{SITE}/a?utm_source=rss", "2026-11-19T08:03:00Z")])
    placed = placer.place(page("/a", "2026-11-19T09:03:00"), now=NOW)
    # The UTC feed date is an hour from the printed time: the page is in +01:00.
    assert (placed.published, placed.published_zone) == (datetime(2026, 11, 19, 8, 3, tzinfo=UTC), "learned")


def test_what_a_page_learns_serves_pages_placed_before_it_is():
    placer = ZonePlacer()
    placer.learn(page("/a", "2026-11-19T09:03:00"), datetime.fromisoformat("2026-11-19T08:03:00+00:00"))
    placed = placer.place(page("/b", "2026-11-20T17:45:00"), now=NOW)
    assert placed.published == datetime(2026, 11, 20, 16, 45, tzinfo=UTC)


def test_a_configured_site_is_left_as_extraction_placed_it():
    placer = ZonePlacer(configured={SITE: "America/New_York"})
    placer.learn_listing([Entry(f"https://{SITE}/a", "2026-11-19T09:03:00+01:00")])
    article = page("/a", "2026-11-19T09:03:00")
    assert not placer.needs_placing(article)
    assert placer.place(article, now=NOW) is article


def test_a_page_with_nothing_learned_or_nothing_naive_is_unchanged():
    placer = ZonePlacer()
    naive = page("/a", "2026-11-19T09:03:00")
    assert placer.needs_placing(naive) and placer.place(naive, now=NOW) is naive
    stated = Article(url=f"https://{SITE}/s", site=SITE, text="x", published=NOW, published_zone="stated")
    assert not placer.needs_placing(stated)


def test_listed_dates_are_bounded_the_least_recently_listed_leaving_first():
    placer = ZonePlacer(max_listed=1)
    placer.learn_listing([Entry(f"https://{SITE}/a", "2026-11-19T08:03:00Z"),
                          Entry(f"https://{SITE}/b", "2026-11-19T08:03:00Z")])
    assert placer.place(page("/a", "2026-11-19T09:03:00"), now=NOW).published_zone == "assumed"
    assert placer.place(page("/b", "2026-11-19T09:03:00"), now=NOW).published_zone == "learned"
    with pytest.raises(ValueError, match="-1"):
        ZonePlacer(max_listed=-1)
