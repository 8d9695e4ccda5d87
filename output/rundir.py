"""A run directory's two record files, written by one class for ``wirecrawl crawl`` and ``wirecrawl dedup``.

``articles.jsonl`` is streamed: one line per article, flushed as it is written (see
``output.jsonl``). ``stories.jsonl`` is written once, atomically, when the run ends, and means
the same for both commands: **every story that has a member among the articles this run
wrote, each with all the members the story index knows** — with a persistent index
(``--state``) that includes members written by earlier runs, so a story is always complete,
while stories no article of this run joined are left out. ``run.json`` is written by the
command itself through ``output.atomic.write_json_atomic``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterable

from output.atomic import atomic_text
from output.jsonl import JsonlWriter
from output.schema import story_line

ARTICLES = "articles.jsonl"
STORIES = "stories.jsonl"


class RunWriter:
    """Writes ``articles.jsonl`` line by line and ``stories.jsonl`` at the end.

    Args:
        out_dir: the run directory, created when missing; ``None`` writes no file but still
            keeps count (a crawl that only feeds Scrapy's feed exports).
        fsync: ``os.fsync`` each ``articles.jsonl`` line (before a crawl state commits it).
    """

    def __init__(self, out_dir: str | os.PathLike[str] | None, *, fsync: bool = False) -> None:
        self.out_dir = Path(out_dir) if out_dir is not None else None
        self._articles = (JsonlWriter(self.out_dir / ARTICLES, fsync=fsync)
                          if self.out_dir is not None else None)
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
        offset = self._articles.write(line) if self._articles is not None else None
        self.articles += 1
        if line.get("story_id"):
            self.story_ids.add(line["story_id"])
        return offset

    def write_stories(self, stories: Iterable[Any]) -> int:
        """Writes the stories this run's articles belong to; returns how many.

        Args:
            stories: every ``dedup.Story`` the index knows; those without a member among
                this run's articles are skipped.
        """
        mine = (story_line(s) for s in stories if s.story_id in self.story_ids)
        if self.out_dir is None:
            return sum(1 for _ in mine)
        n = 0
        with atomic_text(self.out_dir / STORIES) as fh:
            for line in mine:
                fh.write(json.dumps(line, ensure_ascii=False) + "\n")
                n += 1
        return n

    def close(self) -> None:
        if self._articles is not None:
            self._articles.close()

    def __enter__(self) -> "RunWriter":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
