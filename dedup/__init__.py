"""Story grouping: syndicated copies of one wire dispatch become one story.

Pure (no Scrapy import). ``StoryIndex`` is the whole public contract used by the crawler
pipeline and ``wirecrawl dedup``; ``MinHasher`` produces datasketch-compatible MinHash
signatures quickly, for anyone who wants the rest of datasketch.
"""

from dedup.index import Assignment, Story, StoryIndex
from dedup.signatures import MinHasher, Signature
from dedup.storage import SchemaMismatchError, StoryIndexError

__all__ = ["StoryIndex", "Assignment", "Story", "MinHasher", "Signature", "StoryIndexError", "SchemaMismatchError"]
