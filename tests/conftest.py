"""Shared test helpers."""

from __future__ import annotations

from typing import Any

import pytest
from scrapy import Spider
from scrapy.utils.test import get_crawler

import crawler.settings as project_settings_module
from crawler.demo import build_world


def project_settings(**overrides: Any) -> dict[str, Any]:
    """wirecrawl's settings module as a dict, with overrides (what ``scrapy crawl`` would use)."""
    settings = {k: getattr(project_settings_module, k) for k in dir(project_settings_module) if k.isupper()}
    settings.update(overrides)
    return settings


@pytest.fixture
def make_crawler():
    """Builds a Scrapy crawler over wirecrawl's settings: ``make_crawler(WIRECRAWL_X=...)``."""
    def make(spidercls: type = Spider, **overrides: Any):
        return get_crawler(spidercls, project_settings(**overrides))
    return make


@pytest.fixture(scope="module")
def world():
    """The demo world of seed 0, served on loopback for one test module, stopped after it."""
    with build_world(seed=0).serve() as running:
        yield running
