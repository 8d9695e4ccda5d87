"""Scheduler: scrapy-redis's shared scheduler, with acknowledged pops, heartbeats and a
frontier that ends only when every worker is done.

On top of ``scrapy_redis.scheduler.Scheduler`` (whose queue is
:class:`crawler.distributed.queue.ReliableQueue`):

- a request popped by this worker is acknowledged once Scrapy is done with it — it has left
  the engine's in-progress set, which happens after the download, the callback, the
  scheduling of the requests it yielded and the item pipelines (article written or
  dropped) — checked at each ``next_request`` and on every heartbeat;
- a heartbeat every third of ``WIRECRAWL_REDIS_HEARTBEAT`` seconds keeps this worker alive
  and puts back the in-flight requests of workers that stopped beating (also at start);
- when this worker runs dry it stays open (``DontCloseSpider``) while the shared queue has
  requests or another live worker holds some, polling every ``WIRECRAWL_REDIS_IDLE_POLL``
  seconds; it closes when the whole frontier is done;
- on close it puts back what it still holds (a stop before the end), and never flushes the
  shared queue or dupefilter (``SCHEDULER_PERSIST``).

Redis calls here are short, on the reactor's thread, as scrapy-redis's own are.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy_redis.scheduler import Scheduler as RedisScheduler
from twisted.internet import task

logger = logging.getLogger(__name__)


class Scheduler(RedisScheduler):
    """scrapy-redis's scheduler with reliable pops (settings as scrapy-redis's, plus
    ``WIRECRAWL_REDIS_HEARTBEAT`` and ``WIRECRAWL_REDIS_IDLE_POLL``)."""

    crawler: Any = None
    heartbeat = 10.0
    idle_poll = 0.25

    @classmethod
    def from_crawler(cls, crawler: Any) -> "Scheduler":
        instance = super().from_crawler(crawler)
        s = crawler.settings
        instance.crawler = crawler
        instance.heartbeat = s.getfloat("WIRECRAWL_REDIS_HEARTBEAT")
        instance.idle_poll = s.getfloat("WIRECRAWL_REDIS_IDLE_POLL")
        if instance.heartbeat <= 0:
            raise ValueError(f"WIRECRAWL_REDIS_HEARTBEAT ({instance.heartbeat!r}) must be above 0")
        if instance.idle_poll <= 0:
            raise ValueError(f"WIRECRAWL_REDIS_IDLE_POLL ({instance.idle_poll!r}) must be above 0")
        return instance

    def open(self, spider: Any) -> None:
        super().open(spider)
        self.queue.beat(self.heartbeat)
        self._count("requeued", self.queue.requeue_dead())
        logger.info("worker %s joined the crawl at %s (%d requests queued)",
                    self.queue.worker, self.queue.key, len(self.queue))
        self._loop = task.LoopingCall(self._tick)
        self._loop.start(self.heartbeat / 3, now=False)
        if self.crawler is not None:
            self.crawler.signals.connect(self._idle, signal=signals.spider_idle)

    def close(self, reason: str) -> None:
        if getattr(self, "_loop", None) is not None and self._loop.running:
            self._loop.stop()
        self._settle()
        self._count("released", self.queue.release())
        self.queue.retire()
        super().close(reason)

    def enqueue_request(self, request: Any) -> bool:
        # scrapy-redis's, without the spider argument Scrapy 2.19's stats deprecate
        if not request.dont_filter and self.df.request_seen(request):
            self.df.log(request, self.spider)
            return False
        if self.stats is not None:
            self.stats.inc_value("scheduler/enqueued/redis")
        self.queue.push(request)
        return True

    def next_request(self) -> Any:
        self._settle()
        request = self.queue.pop()
        if request is not None and self.stats is not None:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    # --- acknowledgement, heartbeat, idling ----------------------------------------------

    def _in_progress(self) -> Any:
        # The engine's set of requests between download and the end of their processing:
        # the one place Scrapy knows a request's outputs are all done.
        slot = getattr(getattr(self.crawler, "engine", None), "_slot", None)
        return slot.inprogress if slot is not None else ()

    def _settle(self) -> None:
        if self.queue.held:
            self._count("acked", self.queue.settle(self._in_progress()))

    def _tick(self) -> None:
        try:
            self.queue.beat(self.heartbeat)
            self._settle()
            self._count("requeued", self.queue.requeue_dead())
        except Exception:  # noqa: BLE001 - a Redis hiccup must not stop the heartbeat loop
            logger.exception("heartbeat to Redis failed")

    def _idle(self, spider: Any = None) -> None:
        self._settle()
        self._count("requeued", self.queue.requeue_dead())
        if len(self.queue) or self.queue.held or self.queue.busy_elsewhere():
            from twisted.internet import reactor

            reactor.callLater(self.idle_poll, self._wake)
            raise DontCloseSpider
        logger.info("worker %s: the shared frontier is done", self.queue.worker)

    def _wake(self) -> None:
        """Has the engine ask for requests now rather than at its next 5-second heartbeat."""
        slot = getattr(getattr(self.crawler, "engine", None), "_slot", None)
        if slot is not None and slot.closing is None:
            slot.nextcall.schedule()

    def _count(self, what: str, n: int) -> None:
        if n and self.stats is not None:
            self.stats.inc_value(f"wirecrawl/redis/{what}", n)
