"""Runs the ``news`` spider to completion with wirecrawl's settings (Scrapy's ``CrawlerProcess``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def project_settings(overrides: dict[str, Any]) -> Any:
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    for k, v in overrides.items():
        settings.set(k, v, priority="cmdline")
    return settings


def run_crawl(starts: list[str], out_dir: Path, overrides: dict[str, Any],
              spider_args: dict[str, Any]) -> dict[str, Any]:
    """Runs the ``news`` spider to completion in this process; returns the run's ``run.json``."""
    from scrapy.crawler import CrawlerProcess

    from spiders.news import NewsSpider

    settings = project_settings({"WIRECRAWL_OUTPUT_DIR": str(out_dir), **overrides})
    process = CrawlerProcess(settings)
    process.crawl(NewsSpider, start=",".join(starts), **spider_args)
    process.start()
    manifest = out_dir / "run.json"
    if not manifest.exists():
        raise RuntimeError(f"the crawl ended without writing {manifest}; see the log above")
    return json.loads(manifest.read_text(encoding="utf-8"))
