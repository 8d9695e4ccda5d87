"""Story grouping: syndicated copies of one wire dispatch become one story.

Pure (no Scrapy import). ``StoryIndex`` (configured by one ``IndexConfig``) is the whole
public contract used by the crawler pipeline and ``wirecrawl dedup``; ``MinHasher``
produces datasketch-compatible MinHash signatures quickly, for anyone who wants the rest
of datasketch.
"""

from dedup.config import IndexConfig
from dedup.index import StoryIndex
from dedup.results import Assignment, IndexEntry, Story
from dedup.signatures import MinHasher, Signature
from dedup.storage import SchemaMismatchError, StoryIndexError

__all__ = ["StoryIndex", "IndexConfig", "Assignment", "Story", "IndexEntry", "MinHasher", "Signature", "StoryIndexError",
           "SchemaMismatchError"]
