"""Thin Scrapy adapters over the pure core, one stage a module: extract -> filter -> group -> write.

``ExtractPipeline`` turns a ``crawler.items.Page`` into a typed ``crawler.items.Record``;
``FilterPipeline`` and ``GroupPipeline`` read and refine that record; ``WritePipeline``
serialises it once (``output.schema``) and returns the plain dict that ``articles.jsonl``
holds. Each stage turns settings into plain values in ``from_crawler``, counts what it does
in the stats collector under ``wirecrawl/``, and keeps blocking work off the reactor's thread
(``crawler.pipelines.offthread``).
"""

from crawler.pipelines.extract import ExtractPipeline
from crawler.pipelines.filter import FilterPipeline
from crawler.pipelines.group import GroupPipeline
from crawler.pipelines.write import WritePipeline

__all__ = ["ExtractPipeline", "FilterPipeline", "GroupPipeline", "WritePipeline"]
