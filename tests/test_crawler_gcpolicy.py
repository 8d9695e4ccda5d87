"""GarbagePolicy: the startup heap frozen and the youngest generation's threshold raised while
the spider runs; both given back when it closes."""

from __future__ import annotations

import gc

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from crawler.gcpolicy import GarbagePolicy
from tests.conftest import project_settings


def test_open_freezes_and_raises_the_threshold_close_gives_both_back():
    before = gc.get_threshold()
    frozen_before = gc.get_freeze_count()
    crawler = get_crawler(settings_dict=project_settings(WIRECRAWL_GC_THRESHOLD=12345))
    policy = GarbagePolicy.from_crawler(crawler)
    try:
        policy.spider_opened()
        assert gc.get_threshold() == (12345, *before[1:])
        assert gc.get_freeze_count() > frozen_before
    finally:
        policy.spider_closed()
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_threshold_only_leaves_the_heap_unfrozen():
    policy = GarbagePolicy(threshold=5000, freeze=False)
    before = gc.get_threshold()
    try:
        policy.spider_opened()
        assert gc.get_threshold()[0] == 5000 and gc.get_freeze_count() == 0
    finally:
        policy.spider_closed()
    assert gc.get_threshold() == before


@pytest.mark.parametrize("threshold,freeze,needle", [(-1, True, "-1"), (0, False, "nothing|0")])
def test_bad_or_empty_settings_switch_it_off(threshold, freeze, needle):
    with pytest.raises(NotConfigured, match=needle):
        GarbagePolicy(threshold=threshold, freeze=freeze)
