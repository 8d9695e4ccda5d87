"""--format jsonl,parquet,warc and --canonical-only, end to end, read the way users read them."""

from __future__ import annotations

import json
import subprocess
import sys

import duckdb
import pandas as pd
import pytest
from warcio.archiveiterator import ArchiveIterator

from output import read_jsonl
from output.schema import ARTICLE_COLUMNS, STORY_COLUMNS
from test_e2e_crawl import ROOT, _env
from test_output_parquet import as_lines

pytestmark = pytest.mark.e2e


def wirecrawl(*args):
    return subprocess.run([sys.executable, "-m", "crawler.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=300, env=_env(), cwd=ROOT)


def groups(records):
    by_story: dict[str, set[str]] = {}
    for x in records:
        by_story.setdefault(x["story_id"], set()).add(x["id"])
    return sorted(sorted(g) for g in by_story.values())


@pytest.fixture(scope="module")
def run_dir(world, tmp_path_factory):
    out = tmp_path_factory.mktemp("formats-run")
    # No --site-tz: the crawl learns the zones of the sites whose pages print naive times.
    proc = wirecrawl("crawl", *world.start_urls, "-o", out, "--delay", "0", "--no-progress",
                     "--format", "jsonl,parquet,warc", "--canonical-only")
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "articles.parquet" in proc.stdout and "responses.warc.gz" in proc.stdout
    return out


def test_articles_parquet_is_articles_jsonl_record_for_record(run_dir):
    lines = list(read_jsonl(run_dir / "articles.jsonl"))
    assert len(lines) > 20
    assert as_lines(pd.read_parquet(run_dir / "articles.parquet")) == lines
    # The query the README gives.
    assert duckdb.sql(f"SELECT count(*) FROM '{run_dir}/articles.parquet/*.parquet'").fetchall() == [(len(lines),)]
    got = duckdb.sql(f"SELECT id, published FROM '{run_dir}/articles.parquet/*.parquet' ORDER BY id").fetchall()
    assert [i for i, _ in got] == sorted(x["id"] for x in lines)


def test_stories_parquet_is_stories_jsonl(run_dir):
    stories = list(read_jsonl(run_dir / "stories.jsonl"))
    df = pd.read_parquet(run_dir / "stories.parquet")
    assert list(df.columns) == [n for n, _ in STORY_COLUMNS]
    assert list(df["story_id"]) == [s["story_id"] for s in stories]
    assert [list(m) for m in df["members"]] == [s["members"] for s in stories]
    assert [dict(c) for c in df["canonical"]] == [s["canonical"] for s in stories]
    assert list(df["size"]) == [s["size"] for s in stories]


def test_datasets_loads_the_articles(run_dir, tmp_path):
    datasets = pytest.importorskip("datasets")
    ds = datasets.load_dataset("parquet", data_files=f"{run_dir}/articles.parquet/*.parquet", split="train",
                               cache_dir=str(tmp_path / "hf-cache"))
    lines = list(read_jsonl(run_dir / "articles.jsonl"))
    assert ds.column_names == [n for n, _ in ARTICLE_COLUMNS]
    assert ds["text"] == [x["text"] for x in lines]


def test_warc_holds_a_request_and_a_response_for_every_article_page_and_listing(run_dir):
    with open(run_dir / "responses.warc.gz", "rb") as fh:
        records = [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI"),
                    r.http_headers.get_statuscode() if r.rec_type == "response" else None)
                   for r in ArchiveIterator(fh)]
    responses = [u for t, u, _ in records if t == "response"]
    assert sorted(u for t, u, _ in records if t == "request") == sorted(responses)
    assert {x["url"] for x in read_jsonl(run_dir / "articles.jsonl")} <= set(responses)
    assert all(status == "200" for t, _, status in records if t == "response")
    run = json.loads((run_dir / "run.json").read_text())
    stats = run["stats"]
    assert stats["wirecrawl/warc/responses"] + stats["wirecrawl/warc/listings"] == len(responses)
    listings = sum(stats.get(f"wirecrawl/discovery/{kind}", 0) for kind in ("rss", "rdf", "atom", "urlset", "sitemapindex"))
    assert stats["wirecrawl/warc/listings"] == listings > 0


def test_extract_warc_gives_the_same_corpus_again(world, run_dir, tmp_path):
    # The zones are learned again from the feeds and sitemaps the WARC holds: the same instants,
    # known the same way, as the crawl's.
    proc = wirecrawl("extract", "--warc", run_dir / "responses.warc.gz", "-o", tmp_path, "--format", "parquet")
    assert proc.returncode == 0, proc.stderr[-3000:]
    before = {x["id"]: x for x in read_jsonl(run_dir / "articles.jsonl")}
    after = {x["id"]: x for x in read_jsonl(tmp_path / "articles.jsonl")}
    assert after.keys() == before.keys()
    assert "learned" in {x["published_zone"] for x in before.values()}
    for key in ("url", "title", "text", "published", "published_zone", "authors", "source"):
        assert {i: x[key] for i, x in after.items()} == {i: x[key] for i, x in before.items()}, key
    # The same stories (a story's id is its first member's, and arrival order may differ).
    assert groups(after.values()) == groups(before.values())
    assert len(pd.read_parquet(tmp_path / "articles.parquet")) == len(after)
    # Without -o: one JSON line per response on stdout.
    proc = wirecrawl("extract", "--warc", run_dir / "responses.warc.gz")
    printed = [json.loads(x) for x in proc.stdout.splitlines()]
    assert {x["url"] for x in printed if x["text"]} == {x["url"] for x in before.values()}
    crawled = {x["url"]: x["published"] for x in before.values()}
    assert {x["url"]: x["published"] for x in printed if x["url"] in crawled} == crawled


def test_canonical_only_lists_each_story_once_with_its_copies(run_dir):
    stories = list(read_jsonl(run_dir / "stories.jsonl"))
    canonical = list(read_jsonl(run_dir / "canonical.jsonl"))
    articles = {x["id"]: x for x in read_jsonl(run_dir / "articles.jsonl")}
    assert [c["id"] for c in canonical] == [s["canonical"]["id"] for s in stories]
    for story, rec in zip(stories, canonical):
        assert {k: v for k, v in rec.items() if k != "copies"} == articles[rec["id"]]
        assert sorted(c["url"] for c in rec["copies"]) == sorted(set(story["members"]) - {rec["url"]})
        assert all(articles[c["id"]]["story_id"] == story["story_id"] for c in rec["copies"])
    assert len(pd.read_parquet(run_dir / "canonical.parquet")) == len(canonical)


def test_dedup_writes_the_same_formats(run_dir, tmp_path):
    proc = wirecrawl("dedup", run_dir / "articles.jsonl", "-o", tmp_path, "--format", "parquet",
                     "--canonical-only", "--no-progress", "--workers", "1")
    assert proc.returncode == 0, proc.stderr[-3000:]
    lines = list(read_jsonl(tmp_path / "articles.jsonl"))
    assert as_lines(pd.read_parquet(tmp_path / "articles.parquet")) == lines
    assert len(list(read_jsonl(tmp_path / "canonical.jsonl"))) == len(pd.read_parquet(tmp_path / "stories.parquet"))


@pytest.mark.parametrize("args, message", [
    (["crawl", "http://127.0.0.2:9/", "--format", "jsonl,xml"], "unknown format 'xml'"),
    (["dedup", "IN", "--format", "warc"], "only a crawl fetches responses"),
    (["extract", "--warc", "no-such.warc.gz"], "no such WARC file"),
])
def test_bad_format_options_are_usage_errors(tmp_path, args, message):
    (tmp_path / "IN").write_text('{"url": "http://a/1", "text": "x"}\n')
    args = [str(tmp_path / "IN") if a == "IN" else a for a in args]
    proc = wirecrawl(*args, "-o", tmp_path / "out")
    assert proc.returncode == 2 and message in proc.stderr, proc.stderr
