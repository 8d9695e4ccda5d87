"""ReactorLag: how long the reactor's thread was ever kept from its other work.

A ``LoopingCall`` ticks every ``interval`` seconds; the time between two ticks beyond
``interval`` is how long something held the reactor (a parse, an extraction in-process, a
blocking call). The largest such lag of the run is kept in the stats as
``wirecrawl/reactor/max_lag_ms``, with the number of ticks later than one second
(``wirecrawl/reactor/stalls``), so ``run.json`` tells whether the progress line stayed
alive. One call every 0.1 s costs nothing measurable.
"""

from __future__ import annotations

import time
from typing import Any, Callable

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task

from crawler.addon import with_defaults

STALL_SECONDS = 1.0


class ReactorLag:
    """Record the reactor's largest lag between ticks of a ``LoopingCall``.

    Args:
        stats: the crawler's stats collector.
        interval: seconds between ticks (``WIRECRAWL_REACTOR_LAG_INTERVAL``).
        clock: a monotonic clock, for tests.

    Raises:
        NotConfigured: ``interval`` is not above 0 (the value is in the message).
    """

    def __init__(self, stats: Any, interval: float = 0.1, clock: Callable[[], float] = time.monotonic) -> None:
        if interval <= 0:
            raise NotConfigured(f"WIRECRAWL_REACTOR_LAG_INTERVAL ({interval!r}) must be higher than 0.")
        self.stats = stats
        self.interval = interval
        self.clock = clock
        self.max_lag = 0.0
        self._last: float | None = None
        self._loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> "ReactorLag":
        s = with_defaults(crawler.settings)
        if not s.getbool("WIRECRAWL_REACTOR_LAG_ENABLED"):
            raise NotConfigured("WIRECRAWL_REACTOR_LAG_ENABLED is off")
        ext = cls(crawler.stats, s.getfloat("WIRECRAWL_REACTOR_LAG_INTERVAL"))
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def tick(self) -> None:
        """One tick: the lag since the last one beyond ``interval`` is recorded."""
        now = self.clock()
        if self._last is not None:
            lag = max(0.0, now - self._last - self.interval)
            if lag > STALL_SECONDS:
                self.stats.inc_value("wirecrawl/reactor/stalls")
            if lag > self.max_lag:
                self.max_lag = lag
                self.stats.set_value("wirecrawl/reactor/max_lag_ms", round(lag * 1000, 1))
        self._last = now

    def spider_opened(self, spider: Any = None) -> None:
        self.stats.set_value("wirecrawl/reactor/max_lag_ms", 0.0)
        self._loop = task.LoopingCall(self.tick)
        self._loop.start(self.interval, now=True)

    def spider_closed(self, spider: Any = None, reason: str | None = None) -> None:
        if self._loop is not None and self._loop.running:
            self._loop.stop()
        self._loop = None
