"""Several ``wirecrawl crawl`` processes, on one machine or many, sharing one crawl through Redis.

Turned on by ``WIRECRAWL_REDIS_URL`` (``wirecrawl crawl --redis URL``) through
:class:`crawler.distributed.addon.RedisAddon`, which swaps in:

- ``scheduler.Scheduler`` — scrapy-redis's scheduler (one shared priority queue and one
  shared dupefilter), with ``queue.ReliableQueue``: a popped request is held in the
  worker's in-flight hash until Scrapy is done with it (downloaded, its callback's
  requests scheduled, its article written or dropped), and the in-flight requests of a
  worker whose heartbeat expired go back to the queue;
- ``dupefilter.RedisDupeFilter`` — scrapy-redis's set of fingerprints, computed by the
  crawler's request fingerprinter (``spiders.fingerprint.CanonicalFingerprinter``);
- ``politeness.HostGate`` — ``DOWNLOAD_DELAY`` per host kept across workers;
- ``group.SharedGroupPipeline`` — the story index replicated through a Redis log
  (``storylog.SharedStoryLog``), which also keeps one article from being written twice;
  ``group.SharedWritePipeline`` marks each line written, so that an article grouped by a
  worker killed before writing it is written by another.

Redis keys, all under ``WIRECRAWL_REDIS_KEY`` (``keys.CrawlKeys``), are listed in the README.
"""
