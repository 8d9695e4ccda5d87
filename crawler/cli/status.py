"""``wirecrawl status --state DIR``: what a state directory knows, read without writing.

The latest runs (start, end, finish reason, articles written, revisits), each site's health
and counts, the story index's size and span, and the articles by revision. Safe while a
crawl runs on the same state (SQLite WAL readers do not block the writer; no lock is taken).
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from crawler import settings as defaults


class StatusError(Exception):
    """Nothing to show (the message names the file)."""


def _iso(t: float | None) -> str | None:
    return None if t is None else datetime.fromtimestamp(t, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def collect_status(directory: str | Path, *, runs: int = 10) -> dict[str, Any]:
    """The status of ``directory`` as a JSON-ready dict (times ISO 8601 UTC).

    Raises:
        StatusError: no readable state or story index there.
    """
    from dedup.storage import StoryIndexError, index_summary
    from spiders.state import StateError
    from spiders.statereport import read_status

    try:
        status = read_status(directory, runs=runs)
    except StateError as exc:
        raise StatusError(str(exc)) from None
    for r in status["runs"]:
        r["started_at"], r["finished_at"] = _iso(r["started_at"]), _iso(r["finished_at"])
    for s in status["sites"]:
        s["last_success"], s["last_failure"] = _iso(s["last_success"]), _iso(s["last_failure"])
    index = Path(directory) / "stories.sqlite"
    stories: dict[str, Any] = {"path": str(index), "documents": 0, "stories": 0,
                               "oldest_added": None, "newest_added": None,
                               "window_days": defaults.WIRECRAWL_DEDUP_WINDOW_DAYS}
    if index.exists():
        try:
            summary = index_summary(str(index))
        except StoryIndexError as exc:
            raise StatusError(str(exc)) from None
        stories.update(documents=summary["documents"], stories=summary["stories"],
                       oldest_added=_iso(summary["oldest_added"]), newest_added=_iso(summary["newest_added"]))
    status["story_index"] = stories
    return status


def format_status(status: dict[str, Any]) -> str:
    """Plain-text tables of :func:`collect_status`'s result."""
    out = [f"state: {status['state']}", "", "runs (latest first):"]
    for r in status["runs"]:
        c = r["counts"]
        revisits = (f"304 {c.get('not_modified', 0)}, feed-date skips {c.get('skipped', 0)}, "
                    f"unchanged {c.get('unchanged', 0)}, revised {c.get('revised', 0)}") if c else "-"
        out.append(f"  #{r['id']}  {r['started_at']} -> {r['finished_at'] or 'not finished'}  "
                   f"{r['finish_reason'] or 'killed or running'}  written {r['written']}"
                   f"{'  --full' if r['full'] else ''}  ({revisits})  pid {r['pid']}@{r['host']}")
    if not status["runs"]:
        out.append("  none")
    out += ["", "sites:"]
    width = max([len(s["site"]) for s in status["sites"]] + [4])
    out.append(f"  {'site'.ljust(width)}  pages  articles  failing  last success          last error")
    for s in status["sites"]:
        out.append(f"  {s['site'].ljust(width)}  {s['pages']:5d}  {s['articles']:8d}  {s['failures']:7d}  "
                   f"{(s['last_success'] or '-'):20s}  {s['last_error'] or '-'}")
    a = status["articles"]
    revs = ", ".join(f"revision {k}: {v}" for k, v in a["by_revision"].items()) or "none"
    si = status["story_index"]
    out += ["", f"articles: {a['total']} ({revs}); pages known: {status['pages']}",
            f"story index: {si['documents']} documents in {si['stories']} stories, added "
            f"{si['oldest_added'] or '-'} .. {si['newest_added'] or '-'} "
            f"(window {si['window_days']}d unless --window says otherwise)"]
    return "\n".join(out)


def cmd_status(args: argparse.Namespace) -> int:
    from crawler.cli.options import UsageError

    if args.runs < 1:
        raise UsageError(f"--runs ({args.runs}) must be 1 or more")
    try:
        status = collect_status(args.state, runs=args.runs)
    except StatusError as exc:
        raise UsageError(str(exc)) from None
    print(json.dumps(status, indent=2) if args.json else format_status(status))
    return 0
