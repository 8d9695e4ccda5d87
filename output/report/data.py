"""What ``wirecrawl report`` reads from a run directory, gathered into one ``RunData``.

A run directory comes from ``wirecrawl crawl`` (``run.json`` with ``summary``, ``settings``
and Scrapy's ``stats``) or from ``wirecrawl dedup`` (``run.json`` with ``inputs`` and a
smaller ``summary``); either may lack fields, or carry fields this version does not know
(they are ignored). A malformed line of ``articles.jsonl`` or ``stories.jsonl`` (a killed
run's last line, a byte gone bad) costs only itself: it is skipped and noted, not fatal. Pure: no Scrapy import.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from output.jsonl import BadLine, read_jsonl

__all__ = ["RunData", "SiteRow", "load_run", "site_rows"]

NAMED_BAD_LINES = 5  # bad lines noted one by one; the rest are only counted


@dataclass
class RunData:
    """One run directory's contents, as the report uses them.

    ``kind`` is ``"crawl"``, ``"dedup"`` or ``"unknown"``; ``notes`` lists what could not be
    read (shown on the page).
    """

    path: Path
    run: dict[str, Any]
    articles: list[dict[str, Any]]
    stories: list[dict[str, Any]]
    notes: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        kind = self.run.get("wirecrawl")
        if kind == "dedup":
            return "dedup"
        if kind == "run" or "stats" in self.run:
            return "crawl"
        return "unknown"

    @property
    def summary(self) -> dict[str, Any]:
        s = self.run.get("summary")
        return s if isinstance(s, dict) else {}

    def headline(self) -> dict[str, int | float | None]:
        """The run's figures shown first: what run.json says, else counted from the files."""
        s = self.summary
        return {
            "articles_kept": _int(s.get("articles_kept"), default=len(self.articles)),
            "stories": _int(s.get("stories"), default=len(self.stories)),
            "pages_fetched": _int(s.get("pages_fetched")),
            "documents_read": _int(s.get("documents_read")),
            "joined_existing_story": _int(s.get("joined_existing_story")),
            "errors_total": _int(s.get("errors_total"),
                                 default=sum(_counts(s.get("errors")).values()) if "errors" in s else None),
            "robots_forbidden": _int(s.get("robots_forbidden")),
            "elapsed_s": s.get("elapsed_s") if isinstance(s.get("elapsed_s"), (int, float)) else None,
        }

    def errors(self) -> dict[str, int]:
        """Errors per kind for the whole run (the crawl does not attribute them to sites)."""
        return _counts(self.summary.get("errors"))

    def dropped(self) -> dict[str, int]:
        """Articles dropped per reason (crawl runs)."""
        return _counts(self.summary.get("articles_dropped"))


@dataclass(frozen=True)
class SiteRow:
    """One line of the per-site table; ``None`` where the run did not record the figure."""

    site: str
    articles: int
    pages: int | None
    dropped: int | None
    median_ms: float | None
    p90_ms: float | None


def _int(value: Any, default: int | None = None) -> int | None:
    return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else default


def _counts(value: Any) -> dict[str, int]:
    if not isinstance(value, dict):
        return {}
    return {str(k): int(v) for k, v in value.items() if _int(v) is not None}


def _read_json(path: Path, notes: list[str]) -> dict[str, Any]:
    if not path.is_file():
        notes.append(f"{path.name} is missing")
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        notes.append(f"{path.name} could not be read ({exc})")
        return {}
    if not isinstance(data, dict):
        notes.append(f"{path.name} is not a JSON object")
        return {}
    return data


def _read_lines(path: Path, notes: list[str]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if not path.is_file():
        notes.append(f"{path.name} is missing")
        return out
    bad: list[BadLine] = []
    out.extend(read_jsonl(path, on_bad=bad.append))
    notes.extend(f"{path.name}:{b.lineno}: {b.reason}; line skipped" for b in bad[:NAMED_BAD_LINES])
    if len(bad) > NAMED_BAD_LINES:
        notes.append(f"{path.name}: {len(bad)} bad lines skipped in all")
    return out


def load_run(run_dir: str | Path) -> RunData:
    """Reads ``run.json``, ``articles.jsonl`` and ``stories.jsonl`` of ``run_dir``.

    Raises:
        FileNotFoundError: when ``run_dir`` is not a directory or holds none of the three.
    """
    path = Path(run_dir)
    if not path.is_dir():
        raise FileNotFoundError(f"no such run directory: {str(path)!r}")
    if not any((path / n).is_file() for n in ("run.json", "articles.jsonl", "stories.jsonl")):
        raise FileNotFoundError(f"{str(path)!r} holds no run.json, articles.jsonl or stories.jsonl")
    notes: list[str] = []
    run = _read_json(path / "run.json", notes)
    articles = [a for a in _read_lines(path / "articles.jsonl", notes) if isinstance(a.get("url"), str)]
    stories = [s for s in _read_lines(path / "stories.jsonl", notes) if isinstance(s.get("members"), list)]
    return RunData(path=path, run=run, articles=articles, stories=stories, notes=notes)


def site_rows(data: RunData) -> list[SiteRow]:
    """Per site: articles (run.json's count, else articles.jsonl's), article pages extracted,
    dropped, and the median / p90 extraction time in ms (crawls that recorded it)."""
    s = data.summary
    counted = Counter(str(a.get("site") or "") for a in data.articles)
    per_site = _counts(s.get("per_site")) or dict(counted)
    timing = s.get("extract_ms") if isinstance(s.get("extract_ms"), dict) else {}
    rows = []
    for site in sorted(set(per_site) | set(timing), key=lambda x: (-per_site.get(x, 0), x)):
        t = timing.get(site) if isinstance(timing.get(site), dict) else {}
        pages = _int(t.get("pages"))
        kept = per_site.get(site, 0)
        rows.append(SiteRow(site=site, articles=kept, pages=pages,
                            dropped=max(pages - kept, 0) if pages is not None else None,
                            median_ms=_num(t.get("median")), p90_ms=_num(t.get("p90"))))
    return rows


def _num(value: Any) -> float | None:
    return float(value) if _int(value) is not None else None
