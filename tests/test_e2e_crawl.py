"""End to end: the demo world crawled through the real CLI and through ``scrapy crawl``.

The world's servers run in this test process (loopback threads); each crawl runs in a
subprocess, as users run it, because Twisted's reactor cannot restart within one process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.demo.evaluation import compare_with_world, url_key
from output import read_jsonl

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[1]
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_TIMEOUT=5"]


def _env():
    return dict(os.environ, PYTHONPATH=str(ROOT))


def site_tz_options(world):
    """The demo sites print local times without a zone: tell the crawler each site's zone."""
    return [arg for site, tz in sorted(world.site_timezones.items()) for arg in ("--site-tz", f"{site}={tz}")]


@pytest.fixture(scope="module")
def cli_run(world, tmp_path_factory):
    out = tmp_path_factory.mktemp("cli-run")
    proc = subprocess.run(
        [sys.executable, "-m", "crawler.cli", "crawl", *world.start_urls, "-o", str(out),
         "--delay", "0", "--no-progress", "--log-level", "INFO", *site_tz_options(world)],
        capture_output=True, text=True, timeout=300, env=_env(), cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return out, proc


def test_cli_finds_every_article_once_and_nothing_else(world, cli_run):
    out, _ = cli_run
    cmp = compare_with_world(out, world)
    assert cmp.missing == []
    assert cmp.emitted_twice == []
    assert cmp.non_articles_emitted == []
    assert cmp.unexpected == []
    assert cmp.found == cmp.expected


def test_cli_never_requests_robots_disallowed_urls(world, cli_run):
    assert compare_with_world(cli_run[0], world).disallowed_requested == []


def test_cli_bodies_are_clean(world, cli_run):
    cmp = compare_with_world(cli_run[0], world)
    # Every body matches its ground truth to the word, or nearly (reported if not).
    assert cmp.mean_body_f1 >= 0.98, cmp.format()
    assert cmp.exact_bodies >= 0.9 * cmp.found, cmp.format()


def test_cli_dates_are_right(world, cli_run):
    cmp = compare_with_world(cli_run[0], world)
    assert cmp.dates_right == cmp.found, cmp.format()


def test_cli_groups_syndicated_copies_into_stories(world, cli_run):
    cmp = compare_with_world(cli_run[0], world)
    assert cmp.story_precision == 1.0 and cmp.story_recall == 1.0, cmp.format()


def test_cli_output_files_follow_the_schema(world, cli_run):
    out, proc = cli_run
    records = list(read_jsonl(out / "articles.jsonl"))
    fields = {"id", "url", "canonical_url", "site", "title", "text", "published", "published_zone", "modified", "authors",
              "language", "fetched_at", "story_id", "duplicate_of", "source"}
    for rec in records:
        assert fields <= set(rec), rec.keys()
        assert rec["source"] in {"feed", "sitemap", "link", "list"}
        assert rec["published"] is None or rec["published"].endswith("Z")
        assert (rec["published_zone"] is None) is (rec["published"] is None)
    stories = [json.loads(x) for x in (out / "stories.jsonl").read_text().splitlines()]
    assert sum(s["size"] for s in stories) == len(records)
    by_id = {r["id"]: r for r in records}
    for s in stories:
        assert s["canonical"]["id"] in by_id
        assert set(s["members"]) <= {r["url"] for r in records}
    # duplicate_of points to a member of the same story
    for rec in records:
        if rec["duplicate_of"] is not None:
            assert by_id[rec["duplicate_of"]]["story_id"] == rec["story_id"]
    run = json.loads((out / "run.json").read_text())
    assert run["summary"]["articles_kept"] == len(records)
    assert "articles kept" in proc.stdout


def test_cli_counts_broken_pages_and_goes_on(world, cli_run):
    run = json.loads((cli_run[0] / "run.json").read_text())
    errors = run["summary"]["errors"]
    assert errors, "the demo world links a 404, a 500, a redirect loop and a non-HTML page"
    assert errors.get("http_404") and errors.get("http_500"), errors
    assert errors.get("redirect_loop") and errors.get("empty"), errors


def test_scrapy_crawl_gives_the_same_corpus(world, cli_run, tmp_path):
    feed = tmp_path / "out.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "news", "-a", "start=" + ",".join(world.start_urls),
         "-O", str(feed), *FAST, "-s", "LOG_LEVEL=WARNING",
         "-s", "WIRECRAWL_SITE_TIMEZONES=" + json.dumps(world.site_timezones)],
        capture_output=True, text=True, timeout=300, env=_env(), cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    via_scrapy = {url_key(r["url"]) for r in read_jsonl(feed)}
    via_cli = {url_key(r["url"]) for r in read_jsonl(cli_run[0] / "articles.jsonl")}
    assert via_scrapy == via_cli
    # Feed exports get the full record, story ids included.
    assert all(r.get("story_id") for r in read_jsonl(feed))


def crawl_with_state(world, out, state, *extra):
    proc = subprocess.run(
        [sys.executable, "-m", "crawler.cli", "crawl", *world.start_urls, "-o", str(out), "--state", str(state),
         "--delay", "0", "--no-progress", *site_tz_options(world), *extra],
        capture_output=True, text=True, timeout=300, env=_env(), cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return {url_key(r["url"]): r for r in read_jsonl(out / "articles.jsonl")}


def test_scheduled_crawls_write_only_new_articles_revisit_cheaply_and_keep_story_ids(world, tmp_path):
    state = tmp_path / "state"
    day1 = crawl_with_state(world, tmp_path / "day1", state, "--max-pages", "12")
    day2 = crawl_with_state(world, tmp_path / "day2", state)
    truth = {url_key(u) for u in world.expected["articles"]}
    assert len(day1) == 12
    assert not day1.keys() & day2.keys(), "day 2 wrote again what day 1 wrote"
    assert day1.keys() | day2.keys() == truth
    # Copies found on day 2 join the stories of day 1.
    both = {**day1, **day2}
    for members in world.expected["stories"].values():
        ids = {both[url_key(u)]["story_id"] for u in members}
        assert len(ids) == 1, members
    # Day 3, after a finished run: no article page is downloaded in full — each is skipped
    # on its feed/sitemap date or answered 304 to a conditional GET — and nothing is written.
    day3 = crawl_with_state(world, tmp_path / "day3", state)
    stats = json.loads((tmp_path / "day3" / "run.json").read_text())["stats"]
    assert day3 == {}
    assert stats.get("wirecrawl/extract/pages", 0) == 0, stats
    assert stats["wirecrawl/state/not_modified"] > 0 and stats["wirecrawl/state/skipped"] > 0
    assert stats["wirecrawl/state/not_modified"] == stats["downloader/response_status_count/304"]
    # --full writes everything again, under the same ids, story ids and revisions.
    day4 = crawl_with_state(world, tmp_path / "day4", state, "--full")
    assert day4.keys() == truth
    assert all(day4[k]["story_id"] == both[k]["story_id"] and day4[k]["id"] == both[k]["id"] for k in truth)
    assert {r["revision"] for r in day4.values()} == {1}
    assert (state / "stories.sqlite").exists() and (state / "state.sqlite").exists()


def test_killed_crawl_leaves_finished_lines_intact_and_a_rerun_appends(world, tmp_path):
    import signal
    import time

    out = tmp_path / "run"
    articles = out / "articles.jsonl"
    proc = subprocess.Popen(
        [sys.executable, "-m", "crawler.cli", "crawl", *world.start_urls, "-o", str(out),
         "--delay", "0.3", "--concurrency", "2", "--no-progress", *site_tz_options(world)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env(), cwd=ROOT)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if articles.exists() and articles.read_bytes().count(b"\n") >= 3:
                break
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    lines = articles.read_bytes().split(b"\n")
    finished = [json.loads(x) for x in lines[:-1]]
    assert len(finished) >= 3 and all(r["text"] for r in finished)
    # A rerun into the same directory appends after the finished lines.
    proc = subprocess.run(
        [sys.executable, "-m", "crawler.cli", "crawl", *world.start_urls, "-o", str(out),
         "--delay", "0", "--no-progress", *site_tz_options(world)],
        capture_output=True, text=True, timeout=300, env=_env(), cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    again = list(read_jsonl(articles))
    assert [r["id"] for r in again[:len(finished)]] == [r["id"] for r in finished]
    assert len(again) == len(finished) + len(world.expected["articles"])
