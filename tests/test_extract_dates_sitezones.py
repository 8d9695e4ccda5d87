"""The site zone learner (``crawler.extract.dates.sitezones.SiteZones``) and what the extractor
tells it: naive wall times, stated instants, and how each published time's zone was known."""

from __future__ import annotations

from datetime import datetime, timezone

import lxml.html
import pytest

from crawler.extract import ExtractOptions, extract_article
from crawler.extract.dates import find_page_dates
from crawler.extract.dates.sitezones import SiteZones
from crawler.items import Article

UTC = timezone.utc
NOW = datetime(2026, 12, 1, tzinfo=UTC)


def at(iso: str) -> datetime:
    return datetime.fromisoformat(iso)


def naive_article(local: str, site="quotidien.example", language="fr", **kw) -> Article:
    """What the extractor makes of a page printing ``local`` with no zone (placed in UTC)."""
    wall = at(local)
    return Article(url=f"https://{site}/a", site=site, text="x", language=language,
                   published=wall.replace(tzinfo=UTC), published_zone="assumed", published_local=wall, **kw)


def test_winter_offset_and_language_give_the_iana_zone_dst_included():
    zones = SiteZones()
    assert zones.observe("quotidien.example", at("2026-01-12T09:00:00+01:00"))
    summer = zones.place("quotidien.example", at("2026-07-01T09:03:00"), language="fr")
    winter = zones.place("quotidien.example", at("2026-11-19T09:03:00"), language="fr")
    assert summer == at("2026-07-01T07:03:00+00:00") and winter == at("2026-11-19T08:03:00+00:00")


def test_without_a_language_a_season_never_seen_takes_the_nearest_stated_offset():
    zones = SiteZones()
    zones.observe("s.example", at("2026-01-12T09:00:00+01:00"))
    # Europe/Paris and Africa/Lagos both say +01:00 in January and differ in July: no guess.
    assert zones.place("s.example", at("2026-07-01T09:03:00")) == at("2026-07-01T08:03:00+00:00")


def test_offsets_of_both_seasons_single_out_the_zone_without_a_language():
    zones = SiteZones()
    zones.observe("s.example", at("2026-01-12T09:00:00+01:00"))
    zones.observe("s.example", at("2026-06-12T09:00:00+02:00"))
    assert zones.place("s.example", at("2026-11-19T09:03:00")) == at("2026-11-19T08:03:00+00:00")
    assert zones.place("s.example", at("2026-08-19T09:03:00")) == at("2026-08-19T07:03:00+00:00")


def test_a_region_picks_among_a_languages_zones():
    zones = SiteZones()
    zones.observe("daily.example", at("2026-01-12T09:00:00-05:00"))
    assert zones.place("daily.example", at("2026-07-01T09:00:00"), language="en-US") == at("2026-07-01T13:00:00+00:00")


def test_zero_offsets_and_other_sites_teach_nothing():
    zones = SiteZones()
    assert not zones.observe("s.example", at("2026-01-12T09:00:00+00:00"))
    zones.observe("other.example", at("2026-01-12T09:00:00+01:00"))
    assert not zones.knows("s.example") and zones.place("s.example", at("2026-11-19T09:03:00")) is None
    article = naive_article("2026-11-19T09:03:00", site="s.example")
    assert zones.place_article(article, now=NOW) is article


def test_the_pages_own_feed_hint_with_the_same_wall_time_gives_its_offset():
    zones = SiteZones()
    article = naive_article("2026-11-19T09:03:00", language=None)
    placed = zones.place_article(article, hint=at("2026-11-19T09:03:00+01:00"), now=NOW)
    assert placed.published == at("2026-11-19T08:03:00+00:00") and placed.published_zone == "learned"
    assert zones.knows("quotidien.example")  # and the site's next page benefits


def test_a_utc_feed_hint_a_whole_hour_away_gives_the_offset_by_the_difference():
    zones = SiteZones()
    placed = zones.place_article(naive_article("2026-11-19T09:03:00"), hint=at("2026-11-19T08:03:00+00:00"), now=NOW)
    assert placed.published == at("2026-11-19T08:03:00+00:00") and placed.published_zone == "learned"
    later = zones.place_article(naive_article("2026-11-20T17:45:00"), now=NOW)
    assert later.published == at("2026-11-20T16:45:00+00:00")


def test_a_feed_hint_that_is_not_the_printed_time_in_another_zone_is_not_used():
    zones = SiteZones()
    article = naive_article("2026-11-19T09:03:00")
    assert zones.place_article(article, hint=at("2026-11-19T10:00:00+00:00"), now=NOW) is article


def test_stated_instants_of_a_page_are_learned_and_the_page_is_left_as_it_is():
    zones = SiteZones()
    stated = Article(url="https://q.example/1", site="q.example", text="x", published=at("2026-11-18T07:00:00+00:00"),
                     published_zone="stated", stated=(at("2026-11-18T08:00:00+01:00"),))
    zones.learn(stated)
    assert zones.place_article(stated, now=NOW) is stated
    placed = zones.place_article(naive_article("2026-11-19T09:03:00", site="q.example"), now=NOW)
    assert placed.published == at("2026-11-19T08:03:00+00:00")


def test_modified_is_placed_too_and_a_time_after_the_fetch_is_refused():
    zones = SiteZones()
    zones.observe("s.example", at("2026-01-12T09:00:00-05:00"))
    article = naive_article("2026-11-19T09:03:00", site="s.example", language="en",
                            modified=at("2026-11-19T10:00:00+00:00"), modified_local=at("2026-11-19T10:00:00"))
    placed = zones.place_article(article, now=NOW)
    assert (placed.published, placed.modified) == (at("2026-11-19T14:03:00+00:00"), at("2026-11-19T15:00:00+00:00"))
    fresh = naive_article("2026-11-30T21:00:00", site="s.example", language="en")
    assert zones.place_article(fresh, now=at("2026-11-30T21:30:00+00:00")) is fresh  # 02:00Z is in the future


def test_a_full_site_forgets_the_oldest_of_its_commonest_offset_not_the_rare_season():
    zones = SiteZones(max_per_site=3)
    zones.observe("s.example", at("2026-07-12T09:00:00+02:00"))  # the one summer observation
    for day in (10, 11, 12):
        zones.observe("s.example", at(f"2026-11-{day}T09:00:00+01:00"))
    assert zones.observations() == {"s.example": [at("2026-07-12T09:00:00+02:00"), at("2026-11-11T09:00:00+01:00"),
                                                  at("2026-11-12T09:00:00+01:00")]}
    assert zones.place("s.example", at("2026-08-01T09:00:00")) == at("2026-08-01T07:00:00+00:00")
    with pytest.raises(ValueError, match="0"):
        SiteZones(max_per_site=0)


PAGE = """<html lang="fr"><head><title>Grève</title>{head}</head><body><article><h1>Grève des trains</h1>
<p class="date">Publié le 19/11/2026 à 09:03</p><p>{para}</p><p>{para}</p></article></body></html>"""
PARA = "Les trains régionaux resteront à quai toute la journée selon la direction de la compagnie. " * 3


@pytest.mark.parametrize("head,options,published,zone,local", [
    ("", ExtractOptions(), "2026-11-19T09:03:00+00:00", "assumed", "2026-11-19T09:03:00"),
    ("", ExtractOptions(site_timezones={"q.example": "Europe/Paris"}), "2026-11-19T08:03:00+00:00",
     "configured", "2026-11-19T09:03:00"),
    ('<meta property="article:published_time" content="2026-11-19T09:03:00+01:00">', ExtractOptions(),
     "2026-11-19T08:03:00+00:00", "stated", None),
])
def test_the_extractor_says_how_the_published_zone_was_known(head, options, published, zone, local):
    article = extract_article(PAGE.format(head=head, para=PARA), "https://q.example/greve", options=options)
    assert article.published == at(published) and article.published_zone == zone
    assert article.published_local == (at(local) if local else None)
    assert article.as_dict()["published_zone"] == zone


def test_page_dates_list_the_instants_stated_with_their_offset():
    tree = lxml.html.fromstring('<html><body><time datetime="2026-11-19T09:03:00+01:00">19 nov.</time>'
                                '<p class="updated">Mis à jour le 19/11/2026 à 11:00</p></body></html>')
    found = find_page_dates(tree, url="https://q.example/a", text=None, language="fr", fetched_at=NOW,
                            default_tz="UTC")
    assert found.published_stated and found.published == at("2026-11-19T08:03:00+00:00")
    assert found.stated == (at("2026-11-19T09:03:00+01:00"),) and found.stated[0].utcoffset().seconds == 3600
