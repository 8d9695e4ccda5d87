"""What ``wirecrawl status`` shows: a crawl state read without writing to it.

A crawl may be running on the same ``--state DIR``: the SQLite file is opened read-only,
so reading never takes its lock nor changes it. Pure: sqlite3, no Scrapy.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Any

from spiders.state import STATE_FILE, TABLES, StateError


def read_status(directory: str | os.PathLike[str], *, runs: int = 10) -> dict[str, Any]:
    """What ``wirecrawl status`` shows, read without writing (a crawl may be running).

    Args:
        directory: the state directory.
        runs: how many of the latest runs to list.

    Returns:
        ``{"state", "runs": [...], "sites": [...], "articles": {"total", "by_revision"},
        "pages"}``; times are epoch seconds.

    Raises:
        StateError: no state file in ``directory``, or not a wirecrawl state.
    """
    path = Path(directory) / STATE_FILE
    if not path.exists():
        raise StateError(f"{path}: no wirecrawl state here (run `wirecrawl crawl ... --state {directory}` first)")
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise StateError(f"{path}: cannot open ({exc})") from None
    try:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not TABLES <= tables:
            raise StateError(f"{path}: not a wirecrawl state (tables {sorted(tables)})")
        cols = ("id", "started_at", "finished_at", "finish_reason", "pid", "host", "output", "full",
                "written", "counts")
        run_rows = [dict(zip(cols, r)) for r in db.execute(
            f"SELECT {', '.join(cols)} FROM runs ORDER BY id DESC LIMIT ?", (runs,))]
        for r in run_rows:
            r["counts"] = json.loads(r["counts"]) if r["counts"] else {}
            r["full"] = bool(r["full"])
        sites: dict[str, dict[str, Any]] = {}

        def site(name: str | None) -> dict[str, Any]:
            return sites.setdefault(name or "", {
                "site": name or "", "pages": 0, "articles": 0, "failures": 0, "last_success": None,
                "last_failure": None, "last_error": None, "responses": 0, "failed": 0})

        for name, n in db.execute("SELECT site, count(*) FROM pages GROUP BY site"):
            site(name)["pages"] = n
        for name, n in db.execute("SELECT site, count(*) FROM articles GROUP BY site"):
            site(name)["articles"] = n
        for name, fails, ok_at, fail_at, err, ok, failed in db.execute(
                "SELECT site, failures, last_success, last_failure, last_error, ok, failed FROM hosts"):
            site(name).update(failures=fails, last_success=ok_at, last_failure=fail_at,
                              last_error=err, responses=ok, failed=failed)
        by_rev = {str(rev): n for rev, n in db.execute(
            "SELECT revision, count(*) FROM articles GROUP BY revision ORDER BY revision")}
        return {
            "state": str(path),
            "runs": run_rows,
            "sites": [sites[k] for k in sorted(sites)],
            "articles": {"total": sum(by_rev.values()), "by_revision": by_rev},
            "pages": db.execute("SELECT count(*) FROM pages").fetchone()[0],
        }
    except sqlite3.DatabaseError as exc:
        raise StateError(f"{path}: not a readable wirecrawl state ({exc})") from None
    finally:
        db.close()
