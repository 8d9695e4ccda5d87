"""RedisAddon: one switch, ``WIRECRAWL_REDIS_URL``, turns a crawl into a worker of a shared one.

A Scrapy add-on (``ADDONS``): when ``WIRECRAWL_REDIS_URL`` is set it points scrapy-redis at
it (``REDIS_URL``, ``SCHEDULER``, ``SCHEDULER_QUEUE_CLASS``, ``DUPEFILTER_CLASS``, the
queue and dupefilter keys under ``WIRECRAWL_REDIS_KEY``, ``SCHEDULER_PERSIST``), adds
``HostGate`` to the downloader middlewares, puts ``SharedGroupPipeline`` in place of
``GroupPipeline`` and ``SharedWritePipeline`` in place of ``WritePipeline``, and names this worker
(``WIRECRAWL_REDIS_WORKER``). Unset, it does nothing: the crawl is the single-process one.
"""

from __future__ import annotations

from typing import Any

from crawler.distributed.keys import keys_from_settings, redis_url
from crawler.distributed.queue import new_worker_id

HOST_GATE_ORDER = 960  # late: after robots.txt refusals, just before the download


class RedisAddon:
    def update_settings(self, settings: Any) -> None:
        url = redis_url(settings)
        keys = keys_from_settings(settings)
        if not settings.get("WIRECRAWL_REDIS_WORKER"):
            # at the priority of the declared None, which an add-on's priority would not beat
            settings.set("WIRECRAWL_REDIS_WORKER", new_worker_id(),
                         priority=settings.getpriority("WIRECRAWL_REDIS_WORKER") or "addon")
        for name, value in {
            "REDIS_URL": url,
            "SCHEDULER": "crawler.distributed.scheduler.Scheduler",
            "SCHEDULER_QUEUE_CLASS": "crawler.distributed.queue.ReliableQueue",
            "SCHEDULER_QUEUE_KEY": keys.requests,
            "DUPEFILTER_CLASS": "crawler.distributed.dupefilter.RedisDupeFilter",
            "SCHEDULER_DUPEFILTER_KEY": keys.dupefilter,
            "SCHEDULER_PERSIST": True,  # one worker's end is not the crawl's
        }.items():
            settings.set(name, value, priority="addon")
        from crawler.distributed.group import SharedGroupPipeline, SharedWritePipeline
        from crawler.distributed.politeness import HostGate
        from crawler.pipelines.group import GroupPipeline
        from crawler.pipelines.write import WritePipeline

        settings.set_in_component_priority_dict("DOWNLOADER_MIDDLEWARES", HostGate, HOST_GATE_ORDER)
        settings.replace_in_component_priority_dict("ITEM_PIPELINES", GroupPipeline, SharedGroupPipeline)
        settings.replace_in_component_priority_dict("ITEM_PIPELINES", WritePipeline, SharedWritePipeline)
