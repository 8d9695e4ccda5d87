"""ReactorLag: the largest gap between ticks beyond the interval, in the stats."""

from __future__ import annotations

import pytest
from scrapy.exceptions import NotConfigured

from crawler.reactorlag import ReactorLag
from tests.test_spiders_adapter import FakeStats


class StatsWithSet(FakeStats):
    def set_value(self, key, value):
        self.values[key] = value


def test_largest_lag_beyond_the_interval_is_recorded_and_stalls_counted():
    now = [0.0]
    stats = StatsWithSet()
    ext = ReactorLag(stats, interval=0.1, clock=lambda: now[0])
    for t in (0.0, 0.1, 0.25, 0.35, 1.75, 1.85):
        now[0] = t
        ext.tick()
    assert stats.values["wirecrawl/reactor/max_lag_ms"] == pytest.approx(1300.0)
    assert stats.values["wirecrawl/reactor/stalls"] == 1


def test_bad_interval_is_refused_with_its_value():
    with pytest.raises(NotConfigured, match="0"):
        ReactorLag(StatsWithSet(), interval=0)
