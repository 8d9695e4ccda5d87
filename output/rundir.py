"""A run directory's record files, written by one class for ``wirecrawl crawl`` and ``wirecrawl dedup``.

``articles.jsonl`` is streamed: one line per article, flushed as it is written (see
``output.jsonl``); it is always written, whatever the formats: it is the append-safe record
of truth. ``stories.jsonl`` is written once, atomically, when the run ends, and means
the same for both commands: **every story that has a member among the articles this run
wrote, each with all the members the story index knows** — with a persistent index
(``--state``) that includes members written by earlier runs, so a story is always complete,
while stories no article of this run joined are left out. ``run.json`` is written by the
command itself through ``output.atomic.write_json_atomic``.

With ``parquet`` among the formats, ``articles.parquet/`` is written a part at a time as
the articles arrive and ``stories.parquet`` at the end (``output.parquet``). With
``canonical_only``, ``canonical.jsonl`` (and ``canonical.parquet``) list one record per story
at the end (``output.canonical``). ``responses.warc.gz`` is the crawl's business
(``output.warc``): a run read from JSON Lines has no responses.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterable

from output.atomic import atomic_text
from output.canonical import CANONICAL, CanonicalRecords
from output.formats import parse_formats
from output.jsonl import JsonlWriter
from output.schema import ARTICLE_COLUMNS, CANONICAL_COLUMNS, STORY_COLUMNS, story_line

ARTICLES = "articles.jsonl"
STORIES = "stories.jsonl"
ARTICLES_PARQUET = "articles.parquet"
STORIES_PARQUET = "stories.parquet"
CANONICAL_PARQUET = "canonical.parquet"


class RunWriter:
    """Writes ``articles.jsonl`` line by line and ``stories.jsonl`` at the end.

    Args:
        out_dir: the run directory, created when missing; ``None`` writes no file but still
            keeps count (a crawl that only feeds Scrapy's feed exports).
        formats: ``output.formats`` names; ``parquet`` adds the Parquet files (``warc`` is
            written by the crawl, not here).
        canonical_only: also write ``canonical.jsonl``, one record per story.
        parquet_rows: articles per Parquet part.
        fsync: ``os.fsync`` each ``articles.jsonl`` line (before a crawl state commits it).
    """

    def __init__(self, out_dir: str | os.PathLike[str] | None, *, formats: Iterable[str] = ("jsonl",),
                 canonical_only: bool = False, parquet_rows: int = 1000, fsync: bool = False) -> None:
        self.out_dir = Path(out_dir) if out_dir is not None else None
        self.formats = parse_formats(formats)
        self._articles = (JsonlWriter(self.out_dir / ARTICLES, fsync=fsync)
                          if self.out_dir is not None else None)
        self._parquet = None
        self.canonical: CanonicalRecords | None = None
        if self.out_dir is not None and "parquet" in self.formats:
            from output.parquet import ParquetParts  # pyarrow only when asked for

            self._parquet = ParquetParts(self.out_dir / ARTICLES_PARQUET, ARTICLE_COLUMNS,
                                         rows_per_part=parquet_rows)
        if self.out_dir is not None and canonical_only:
            self.canonical = CanonicalRecords(self.out_dir / ARTICLES)
        self.story_ids: set[str] = set()  # stories with a member among this run's articles
        self.articles = 0

    @property
    def articles_path(self) -> Path | None:
        """The ``articles.jsonl`` written to (``None`` without a run directory)."""
        return self._articles.path if self._articles is not None else None

    def write_article(self, line: dict[str, Any]) -> int | None:
        """Appends one ``articles.jsonl`` line (a dict from ``output.schema.article_line``).

        Returns:
            The file's size after the line (flushed), or ``None`` without a run directory.
        """
        end = None
        if self._articles is not None:
            start = self._articles.size
            end = self._articles.write(line)
            if self.canonical is not None:
                self.canonical.add(line, start)
        if self._parquet is not None:
            self._parquet.write(line)
        self.articles += 1
        if line.get("story_id"):
            self.story_ids.add(line["story_id"])
        return end

    def write_stories(self, stories: Iterable[Any]) -> int:
        """Writes the stories this run's articles belong to; returns how many.

        Args:
            stories: every ``dedup.Story`` the index knows; those without a member among
                this run's articles are skipped.
        """
        mine = [s for s in stories if s.story_id in self.story_ids]
        if self.out_dir is None:
            return len(mine)
        lines = [story_line(s) for s in mine]
        with atomic_text(self.out_dir / STORIES) as fh:
            for line in lines:
                fh.write(json.dumps(line, ensure_ascii=False) + "\n")
        canonical = []
        if self.canonical is not None:
            canonical = list(self.canonical.lines(mine))
            with atomic_text(self.out_dir / CANONICAL) as fh:
                for line in canonical:
                    fh.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n")
        if self._parquet is not None:
            from output.parquet import write_parquet

            write_parquet(self.out_dir / STORIES_PARQUET, lines, STORY_COLUMNS)
            if self.canonical is not None:
                write_parquet(self.out_dir / CANONICAL_PARQUET, canonical, CANONICAL_COLUMNS)
        return len(lines)

    def close(self) -> None:
        if self._articles is not None:
            self._articles.close()
        if self._parquet is not None:
            self._parquet.close()
            self._parquet = None

    def __enter__(self) -> "RunWriter":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
