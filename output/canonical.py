"""``--canonical-only``: one record per story, its canonical member, with the other members as ``copies``.

A story's canonical member is known only when the run ends (a copy published earlier may
arrive last), so ``canonical.jsonl`` is written at the end, atomically, beside ``articles.jsonl``
(which is still streamed: it is the record of truth). While the run goes, ``CanonicalRecords``
remembers where each article's line starts in ``articles.jsonl``; at the end it reads back the
canonical members' lines. A story whose canonical member an earlier run wrote (a persistent
story index) is not listed: that run's ``canonical.jsonl`` holds it; they are counted in
``elsewhere``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterable, Iterator

from output.schema import canonical_line

CANONICAL = "canonical.jsonl"


class CanonicalRecords:
    """Where each article of this run sits in ``articles.jsonl``, to read the canonical ones back.

    Args:
        articles: the ``articles.jsonl`` this run appends to.
    """

    def __init__(self, articles: str | os.PathLike[str]) -> None:
        self.articles = Path(articles)
        self._offset: dict[str, int] = {}   # article id -> byte offset of its line
        self._id_of: dict[str, str] = {}    # url -> article id
        self.elsewhere = 0

    def add(self, line: dict[str, Any], offset: int) -> None:
        """Remembers the line of one article, written at ``offset``."""
        self._offset[line["id"]] = offset
        if line.get("url"):
            self._id_of[line["url"]] = line["id"]

    def lines(self, stories: Iterable[Any]) -> Iterator[dict[str, Any]]:
        """The ``canonical.jsonl`` line of each story (a ``dedup.Story``) whose canonical
        member this run wrote."""
        with open(self.articles, "rb") as fh:
            for story in stories:
                offset = self._offset.get(story.canonical_id)
                if offset is None:
                    self.elsewhere += 1
                    continue
                fh.seek(offset)
                article = json.loads(fh.readline())
                yield canonical_line(article, self._copies(story))

    def _copies(self, story: Any) -> list[dict[str, str | None]]:
        ids = getattr(story, "member_ids", None) or [None] * len(story.members)
        copies = []
        for doc_id, member in zip(ids, story.members):
            doc_id = doc_id or self._id_of.get(member)
            if doc_id == story.canonical_id or (doc_id is None and member == story.canonical_url):
                continue
            url = None if member == doc_id else member
            copies.append({"id": doc_id, "url": url})
        return copies
