"""Writers for a run directory: ``articles.jsonl`` (streamed), ``stories.jsonl``, ``run.json``.

Pure: no Scrapy import. The crawler's pipelines and the ``wirecrawl dedup`` command share them.
"""

from output.jsonl import JsonlWriter, read_jsonl
from output.manifest import write_json_atomic
from output.stories import write_stories

__all__ = ["JsonlWriter", "read_jsonl", "write_json_atomic", "write_stories"]
