"""``stories.jsonl``: one line per story, rewritten whole (atomically) at the end of a run."""

from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable


def story_record(story: Any) -> dict[str, Any]:
    """The output line for a ``dedup.Story`` (see README, "Output schema")."""
    first = story.first_published
    if isinstance(first, datetime):
        first = first.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {
        "story_id": story.story_id,
        "canonical": {"id": story.canonical_id, "url": story.canonical_url},
        "members": list(story.members),
        "sites": sorted(set(story.sites)),
        "first_published": first,
        "size": story.size,
    }


def write_stories(path: str | os.PathLike[str], stories: Iterable[Any]) -> int:
    """Writes every story to ``path`` through a temporary file; returns how many."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    n = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            for story in stories:
                fh.write(json.dumps(story_record(story), ensure_ascii=False) + "\n")
                n += 1
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return n
