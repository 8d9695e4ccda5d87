"""Everything wirecrawl writes: the output schema and the run directory's files.

Pure: no Scrapy import. The crawler's WritePipeline and the ``wirecrawl dedup`` command
share these writers, so both produce the same run directory.
"""

from output.atomic import atomic_text, write_json_atomic
from output.jsonl import BadLine, BadLineError, JsonlWriter, read_jsonl
from output.progress import ProgressLine
from output.rundir import RunWriter
from output.schema import article_fields, article_id, article_line, iso_utc, parse_iso_utc, story_line

__all__ = [
    "BadLine", "BadLineError", "JsonlWriter", "ProgressLine", "RunWriter", "article_fields", "article_id", "article_line",
    "atomic_text", "iso_utc", "parse_iso_utc", "read_jsonl", "story_line", "write_json_atomic",
]
