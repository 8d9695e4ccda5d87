"""``wirecrawl dedup``: group records that already have text into stories.

Reads JSON Lines from any tool (``url`` and ``text`` at least), assigns story ids with
``dedup.StoryIndex.add_many`` (signatures in worker processes, LSH and assignment in
batches in this one) and writes the same run directory as a crawl. Pure: no Scrapy
import. Progress on stderr: documents, docs/s and an ETA from the bytes read so far.

A bad line (not UTF-8, not JSON, not an object) costs only itself: it is skipped and
counted, the first few are named on stderr by file and line number, and every good line
is grouped; with ``strict`` the run stops at the first one, after grouping and writing
what came before it.
"""

from __future__ import annotations

import os
import sys
import time
from collections import deque
from dataclasses import fields
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator, Sequence

from dedup import IndexConfig, StoryIndex
from output import BadLine, BadLineError, RunWriter, article_id, iso_utc, parse_iso_utc, read_jsonl, write_json_atomic
from output.progress import EventLog, Progress

NAMED_BAD_LINES = 5  # bad lines named on stderr one by one; the rest are only counted


def run_dedup(inputs: Sequence[str], out_dir: Path, config: IndexConfig | None = None, *,
              index_path: str | None = None, progress: bool = True, formats: Sequence[str] = ("jsonl",),
              canonical_only: bool = False, json_log: str | None = None,
              strict: bool = False) -> dict[str, Any]:
    """Groups every record of ``inputs`` and writes ``out_dir``; returns the run's summary.

    Records without a ``url`` or a non-empty ``text`` are skipped and counted. A bad line
    is skipped and counted (``bad_lines`` in the summary), the first few named on stderr;
    the lines around it are read.

    Args:
        inputs: JSON Lines files.
        out_dir: run directory (articles.jsonl, stories.jsonl, run.json).
        config: the story index's settings (default: ``IndexConfig`` with signatures
            computed in as many processes as the machine has cores, at most 4).
        index_path: persistent story index (SQLite), or ``None`` for in memory.
        progress: draw a progress bar on stderr (when it is a terminal).
        formats: ``output.formats`` names (``jsonl`` always; ``parquet``).
        canonical_only: also write ``canonical.jsonl``, one record per story.
        json_log: where JSON progress events go (a path, ``-`` for stderr, None: none).
        strict: stop reading at the first bad line (named in the summary's ``stopped_at``);
            the records before it are grouped and written.

    Returns:
        The summary also written to ``run.json``.
    """
    started = datetime.now(timezone.utc)
    t0 = time.monotonic()
    if config is None:
        config = IndexConfig(workers=max(1, min(os.cpu_count() or 1, 4)))
    counts = {"read": 0, "skipped": 0, "new_story": 0, "joined": 0}
    errors: dict[str, int] = {}
    total = sum(os.path.getsize(p) for p in inputs if os.path.isfile(p))
    meter = Progress("docs", bar=progress, events=EventLog.open(json_log) if json_log else None, every=1.0)
    meter.start(command="dedup", inputs=[str(Path(p).resolve()) for p in inputs], output_dir=str(out_dir),
                input_bytes=total)
    done_bytes = 0  # of the inputs, estimated from the records read (for the ETA only)

    def show(force: bool = False) -> None:
        meter.update({"docs": counts["read"], "stories": counts["new_story"], "skipped": counts["skipped"]},
                     min(done_bytes / total, 0.999) if total else None, errors=errors, force=force)

    waiting: deque = deque()
    bad_lines: list[BadLine] = []
    stopped_at: BadLine | None = None

    def on_bad(bad: BadLine) -> None:
        bad_lines.append(bad)
        errors["bad_line"] = errors.get("bad_line", 0) + 1
        if len(bad_lines) <= NAMED_BAD_LINES:  # printed above a live bar by rich
            print(f"wirecrawl dedup: {bad} (line skipped)", file=sys.stderr)

    def records() -> Iterator[dict]:
        nonlocal done_bytes, stopped_at
        for path in inputs:
            before = done_bytes
            try:
                for rec in read_jsonl(path, on_bad=on_bad, strict=strict):
                    counts["read"] += 1
                    url, text = rec.get("url"), rec.get("text")
                    done_bytes += (len(text) if isinstance(text, str) else 0) + 200
                    if not isinstance(url, str) or not isinstance(text, str) or not text.strip():
                        counts["skipped"] += 1
                        errors["missing_url_or_text"] = errors.get("missing_url_or_text", 0) + 1
                        continue
                    rec.setdefault("id", article_id(rec.get("canonical_url") or url))
                    published = parse_iso_utc(rec["published"]) if isinstance(rec.get("published"), str) else None
                    waiting.append(rec)
                    yield {"doc_id": rec["id"], "text": text, "url": url, "site": rec.get("site"),
                           "published": published}
            except BadLineError as exc:
                stopped_at = exc.bad
                errors["bad_line"] = errors.get("bad_line", 0) + 1
                return
            done_bytes = before + (os.path.getsize(path) if os.path.isfile(path) else 0)

    try:
        with StoryIndex(config, path=index_path) as index, \
                RunWriter(out_dir, formats=formats, canonical_only=canonical_only) as run:
            for got in index.add_many(records()):
                rec = waiting.popleft()
                rec["story_id"], rec["duplicate_of"] = got.story_id, got.duplicate_of
                counts["new_story" if got.is_new_story else "joined"] += 1
                run.write_article(rec)
                show()
            n_stories = run.write_stories(index.stories())
        show(force=True)
    except BaseException:
        meter.close()
        raise
    if len(bad_lines) > NAMED_BAD_LINES:
        print(f"wirecrawl dedup: {len(bad_lines):,} bad lines skipped in all "
              f"(the first {NAMED_BAD_LINES} named above)", file=sys.stderr)
    if stopped_at is not None:
        print(f"wirecrawl dedup: {stopped_at}; stopped there (--strict), "
              f"the {counts['read']:,} records before it were written", file=sys.stderr)
    elapsed = time.monotonic() - t0
    summary = {"documents_read": counts["read"], "skipped": counts["skipped"], "stories": n_stories,
               "joined_existing_story": counts["joined"],
               "bad_lines": len(bad_lines) + (stopped_at is not None), "errors": errors,
               "elapsed_s": round(elapsed, 2),
               "docs_per_s": round(counts["read"] / elapsed, 1) if elapsed > 0 else None}
    if stopped_at is not None:
        summary["stopped_at"] = str(stopped_at)
    write_json_atomic(out_dir / "run.json", {
        "wirecrawl": "dedup", "inputs": [str(Path(p).resolve()) for p in inputs],
        "started_at": iso_utc(started),
        "finished_at": iso_utc(datetime.now(timezone.utc)),
        "settings": {"index": index_path, **{f.name: getattr(config, f.name) for f in fields(config)}},
        "summary": summary})
    meter.finish(summary)
    meter.close()
    return summary

