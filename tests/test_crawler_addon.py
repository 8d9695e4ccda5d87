"""wirecrawl inside someone else's Scrapy project: the add-on, items that carry a page, end to end."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
import scrapy
from scrapy import Spider
from scrapy.http import Headers
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

from crawler.addon import PIPELINES, Addon, with_defaults
from crawler.demo.evaluation import compare_with_world
from crawler.items import Page, Record
from crawler.pipelines import ExtractPipeline, FilterPipeline
from crawler.pipelines.pages import page_from_item
from output import read_jsonl
from test_crawler_pipelines import article_html, settle

ROOT = Path(__file__).resolve().parents[1]
PROJECT = Path(__file__).parent / "addon_project"
UTC = timezone.utc
URL = "http://127.0.0.2:8001/world/river-accord"


class PageItem(scrapy.Item):
    url = scrapy.Field()
    body = scrapy.Field()
    headers = scrapy.Field()


def test_the_addon_installs_the_pipelines_and_defaults_and_the_project_wins():
    settings = Settings({"WIRECRAWL_MIN_TEXT_CHARS": 50, "ITEM_PIPELINES": {"myproject.pipelines.Mine": 500}},
                        priority="project")
    Addon().update_settings(settings)
    pipelines = settings.getdict("ITEM_PIPELINES")
    assert pipelines["myproject.pipelines.Mine"] == 500
    assert {k: pipelines[k] for k in PIPELINES} == PIPELINES
    assert settings.getdict("EXTENSIONS")["crawler.extensions.RunReport"] == 500
    assert settings.getint("WIRECRAWL_MIN_TEXT_CHARS") == 50          # the project's value
    assert settings.getbool("WIRECRAWL_EXTRACT_ENABLED") is True       # the declared default
    assert settings.getlist("WIRECRAWL_FORMATS") == ["jsonl"]


def test_pipelines_listed_by_hand_get_the_declared_defaults():
    crawler = get_crawler(Spider, {"ITEM_PIPELINES": {"crawler.pipelines.extract.ExtractPipeline": 100},
                                   "WIRECRAWL_EXTRACT_WORKERS": 0})
    assert with_defaults(crawler.settings).getint("WIRECRAWL_TEMPLATE_MIN_PAGES") == 3
    pipe = ExtractPipeline.from_crawler(crawler)
    assert pipe.pool is None and pipe.options.default_tz == "UTC"
    assert FilterPipeline.from_crawler(crawler).min_chars == 200


@pytest.mark.parametrize("item", [
    {"url": URL, "body": article_html(), "headers": {"Content-Type": "text/html; charset=utf-8"}},
    {"url": URL, "html": article_html().decode(), "headers": [("Content-Type", "text/html; charset=latin-1")]},
    PageItem(url=URL, body=article_html(), headers=Headers({"Content-Type": "text/html"})),
])
def test_items_that_carry_a_page_become_pages(item):
    page = page_from_item(item)
    assert isinstance(page, Page) and page.url == URL and page.body == article_html()
    assert page.headers["content-type"].startswith("text/html") and page.source == "link"
    assert page.fetched_at.tzinfo is not None


@pytest.mark.parametrize("item", [
    {"url": URL}, {"body": b"<html></html>"}, {"url": 3, "body": b"x"}, {"title": "not a page"}, "text",
])
def test_other_items_are_not_pages(item):
    assert page_from_item(item) is None


def test_a_page_stays_itself():
    page = Page(url=URL, body=b"x")
    assert page_from_item(page) is page


def test_extract_pipeline_takes_a_dict_item_and_leaves_other_items_alone(make_crawler):
    pipe = ExtractPipeline.from_crawler(make_crawler(WIRECRAWL_EXTRACT_WORKERS=0))
    rec = settle(pipe.process_item({"url": URL, "body": article_html(), "source": "feed",
                                    "fetched_at": "2026-11-21T00:00:00Z",
                                    "headers": {"content-type": "text/html; charset=utf-8"}}))
    assert isinstance(rec, Record)
    assert rec.article.published == datetime(2026, 11, 20, 13, 32, tzinfo=UTC)
    assert rec.source == "feed" and rec.fetched_at == datetime(2026, 11, 21, tzinfo=UTC)
    other = {"title": "a user's own item"}
    assert pipe.process_item(other) is other
    assert pipe.stats.get_value("wirecrawl/extract/pages") == 1


@pytest.mark.e2e
def test_a_scrapy_project_with_only_the_addon_gets_articles_and_stories(world, tmp_path):
    urls = sorted(world.expected.articles)
    out = tmp_path / "run"
    # Only article pages are fetched, never a feed: no zone can be learned, so every site's is told.
    proc = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "pages", "-a", "urls=" + ",".join(urls),
         "-s", f"WIRECRAWL_OUTPUT_DIR={out}", "-s", f"WIRECRAWL_SITE_TIMEZONES={json.dumps(world.expected.zones)}",
         "-s", "LOG_LEVEL=INFO", "-O", str(tmp_path / "feed.jsonl")],
        capture_output=True, text=True, timeout=300, cwd=PROJECT,
        env=dict(os.environ, PYTHONPATH=os.pathsep.join([str(PROJECT), str(ROOT)])))
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "crawler.addon.Addon" in proc.stderr  # Scrapy logs the enabled add-ons
    cmp = compare_with_world(out, world)
    assert cmp.missing == [] and cmp.emitted_twice == [] and cmp.unexpected == [], cmp.format()
    assert cmp.dates_right == cmp.found, cmp.format()
    assert cmp.story_precision == 1.0 and cmp.story_recall == 1.0, cmp.format()
    articles = list(read_jsonl(out / "articles.jsonl"))
    stories = list(read_jsonl(out / "stories.jsonl"))
    assert sum(s["size"] for s in stories) == len(articles) == len(urls)
    # Feed exports receive exactly the articles.jsonl lines.
    assert sorted(x["id"] for x in read_jsonl(tmp_path / "feed.jsonl")) == sorted(x["id"] for x in articles)
    run = json.loads((out / "run.json").read_text())
    assert run["spider"] == "pages" and run["summary"]["articles_kept"] == len(articles)
