"""``wirecrawl extract --warc``: a WARC's pages placed in the zones its feeds and sitemaps state.

The WARC is written by wirecrawl's own writer: the article pages of ``Le Quotidien`` (the
site of ``test_e2e_zones``: French pages printing "Publié le 19/11/2026 à 09:03" with no
zone), and its RSS feed, which states each instant with its offset. The feed comes last in
the file: the whole file is learned from before any time is placed.
"""

from __future__ import annotations

import gzip
import io
import json
from datetime import datetime, timezone

import pytest

from crawler.cli.warc import extract_options, print_warc, warc_to_run
from output import read_jsonl
from output.warc import WarcWriter
from test_e2e_zones import ARTICLES, EXPECTED, article_page, feed

BASE = "http://127.0.0.9:8001"
SITE = "127.0.0.9:8001"
FETCHED = datetime(2026, 12, 1, 8, 0, tzinfo=timezone.utc)
HTML = {"content-type": "text/html; charset=utf-8"}


def sitemap() -> bytes:
    """A gzipped sitemap giving the feed's instants as ``lastmod`` (W3C dates with offsets)."""
    urls = "".join(f"<url><loc>{BASE}{path}</loc><lastmod>{iso}</lastmod></url>" for path, iso in (
        ("/greve-des-trains", "2026-11-19T09:03:00+01:00"), ("/fete-de-la-musique", "2026-06-21T18:30:00+02:00")))
    return gzip.compress(f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns='
                         f'"http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'.encode())


def write_warc(path, *, listing: str | None = "feed", pages=ARTICLES):
    with WarcWriter(path) as w:
        for page in pages:
            w.write(f"{BASE}{page}", 200, HTML, article_page(page), fetched_at=FETCHED, source="feed")
        if listing == "feed":
            w.write(f"{BASE}/feed.xml", 200, {"content-type": "application/rss+xml"}, feed(BASE), fetched_at=FETCHED)
        elif listing == "sitemap":
            w.write(f"{BASE}/sitemap.xml.gz", 200, {"content-type": "application/gzip"}, sitemap(),
                    fetched_at=FETCHED)
    return path


def printed(path, options) -> dict[str, dict]:
    out = io.StringIO()
    print_warc(str(path), options, out=out)
    return {x["url"].removeprefix(BASE): x for x in map(json.loads, out.getvalue().splitlines())}


def placed(records: dict[str, dict]) -> dict[str, tuple[str, str]]:
    return {path: (x["published"], x["published_zone"]) for path, x in records.items()}


def test_printed_records_take_the_zone_the_feed_in_the_warc_states(tmp_path):
    records = printed(write_warc(tmp_path / "r.warc.gz"), extract_options())
    assert placed(records) == EXPECTED  # the feed itself is read as a listing, not printed as a page


def test_a_run_directory_gets_the_same_instants(tmp_path):
    summary = warc_to_run(str(write_warc(tmp_path / "r.warc.gz")), tmp_path / "run", extract_options())
    records = {x["url"].removeprefix(BASE): x for x in read_jsonl(tmp_path / "run" / "articles.jsonl")}
    assert placed(records) == EXPECTED
    assert summary["listings"] == 1 and summary["responses"] == len(ARTICLES)
    assert summary["published_zone"] == {"learned": 3, "stated": 1}


def test_a_gzipped_sitemap_teaches_the_zone_as_the_spider_reads_it(tmp_path):
    path = write_warc(tmp_path / "r.warc.gz", listing="sitemap", pages=["/hors-flux-canicule"])
    assert placed(printed(path, extract_options())) == {"/hors-flux-canicule": EXPECTED["/hors-flux-canicule"]}


def test_site_tz_still_wins_and_tz_is_still_the_fallback(tmp_path):
    path = write_warc(tmp_path / "r.warc.gz")
    configured = printed(path, extract_options(site_timezones={SITE: "America/New_York"}))
    assert configured["/greve-des-trains"]["published"] == "2026-11-19T14:03:00Z"
    assert configured["/greve-des-trains"]["published_zone"] == "configured"
    # Nothing to learn from (no listing, no page stating an offset): --tz places the time.
    alone = write_warc(tmp_path / "alone.warc.gz", listing=None, pages=["/greve-des-trains"])
    fallback = printed(alone, extract_options("America/New_York"))
    assert placed(fallback) == {"/greve-des-trains": ("2026-11-19T14:03:00Z", "configured")}
    assert placed(printed(alone, extract_options())) == {"/greve-des-trains": ("2026-11-19T09:03:00Z", "assumed")}


@pytest.mark.parametrize("pages", [["/greve-des-trains", "/budget-vote"], ["/budget-vote", "/greve-des-trains"]])
def test_an_offset_a_page_states_serves_every_page_of_its_site_wherever_it_is_in_the_file(tmp_path, pages):
    records = printed(write_warc(tmp_path / "r.warc.gz", listing=None, pages=pages), extract_options())
    assert placed(records) == {page: EXPECTED[page] for page in pages}
