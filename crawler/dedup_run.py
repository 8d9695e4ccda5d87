"""``wirecrawl dedup``: group records that already have text into stories.

Reads JSON Lines from any tool (``url`` and ``text`` at least), assigns story ids with
``dedup.StoryIndex`` and writes the same run directory as a crawl. Pure: no Scrapy import.
"""

from __future__ import annotations

import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Sequence

from crawler.extract.dates import to_utc
from crawler.items import article_id
from dedup import StoryIndex
from output import JsonlWriter, read_jsonl, write_json_atomic, write_stories


def run_dedup(inputs: Sequence[str], out_dir: Path, *, threshold: float = 0.5, num_perm: int = 128,
              shingle_size: int = 5, index_path: str | None = None, window_days: float | None = None,
              progress: bool = True) -> dict[str, Any]:
    """Groups every record of ``inputs`` and writes ``out_dir``; returns the run's summary.

    Records without a ``url`` or a non-empty ``text`` are skipped and counted; a malformed
    line stops reading that file (counted) and the run goes on with the next.
    """
    started = datetime.now(timezone.utc)
    t0 = time.monotonic()
    counts = {"read": 0, "skipped": 0, "new_story": 0, "joined": 0}
    errors: dict[str, int] = {}
    with StoryIndex(threshold=threshold, num_perm=num_perm, shingle_size=shingle_size,
                    path=index_path, window_days=window_days) as index, \
            JsonlWriter(out_dir / "articles.jsonl") as writer:
        for path in inputs:
            try:
                for rec in read_jsonl(path):
                    counts["read"] += 1
                    url, text = rec.get("url"), rec.get("text")
                    if not isinstance(url, str) or not isinstance(text, str) or not text.strip():
                        counts["skipped"] += 1
                        errors["missing_url_or_text"] = errors.get("missing_url_or_text", 0) + 1
                        continue
                    rec.setdefault("id", article_id(rec.get("canonical_url") or url))
                    published = to_utc(rec["published"]) if isinstance(rec.get("published"), str) else None
                    got = index.add(rec["id"], text, url=url, site=rec.get("site"), published=published)
                    rec["story_id"], rec["duplicate_of"] = got.story_id, got.duplicate_of
                    counts["new_story" if got.is_new_story else "joined"] += 1
                    writer.write(rec)
                    if progress and counts["read"] % 1000 == 0:
                        rate = counts["read"] / max(time.monotonic() - t0, 1e-9)
                        print(f"\r{counts['read']} docs  {rate:.0f} docs/s", end="", file=sys.stderr)
            except ValueError as exc:
                errors["bad_input"] = errors.get("bad_input", 0) + 1
                print(f"wirecrawl dedup: {exc}; the rest of {path} is skipped", file=sys.stderr)
        n_stories = write_stories(out_dir / "stories.jsonl", index.stories())
    elapsed = time.monotonic() - t0
    if progress and counts["read"] >= 1000:
        print(file=sys.stderr)
    summary = {"documents_read": counts["read"], "skipped": counts["skipped"], "stories": n_stories,
               "joined_existing_story": counts["joined"], "errors": errors,
               "elapsed_s": round(elapsed, 2),
               "docs_per_s": round(counts["read"] / elapsed, 1) if elapsed > 0 else None}
    write_json_atomic(out_dir / "run.json", {
        "wirecrawl": "dedup", "inputs": [str(Path(p).resolve()) for p in inputs],
        "started_at": started.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "finished_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "settings": {"threshold": threshold, "num_perm": num_perm, "shingle_size": shingle_size,
                     "index": index_path, "window_days": window_days},
        "summary": summary})
    return summary
