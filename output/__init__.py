"""Writers for a run directory: ``articles.jsonl`` (streamed), ``stories.jsonl``, ``run.json``.

Pure: no Scrapy import. The crawler's pipelines and the ``wirecrawl dedup`` command share them.
"""

from output.atomic import atomic_text, write_json_atomic
from output.jsonl import JsonlWriter, read_jsonl
from output.progress import ProgressLine
from output.stories import write_stories

__all__ = ["JsonlWriter", "ProgressLine", "atomic_text", "read_jsonl", "write_json_atomic", "write_stories"]
