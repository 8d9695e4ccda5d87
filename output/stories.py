"""``stories.jsonl``: one line per story, rewritten whole (atomically) at the end of a run."""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from typing import Any, Iterable

from output.atomic import atomic_text


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
    n = 0
    with atomic_text(path) as fh:
        for story in stories:
            fh.write(json.dumps(story_record(story), ensure_ascii=False) + "\n")
            n += 1
    return n
