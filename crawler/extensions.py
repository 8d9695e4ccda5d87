"""``RunReport``: the live progress line, the end-of-run summary and ``RUN_DIR/run.json``.

Everything it reports comes from Scrapy's stats collector, so a plain ``scrapy crawl``
and ``wirecrawl crawl`` tell the same story.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TextIO

from scrapy import signals
from twisted.internet import task

from output import ProgressLine, iso_utc, write_json_atomic

logger = logging.getLogger(__name__)

# Settings worth recording in run.json besides every WIRECRAWL_* one.
_RECORDED_SCRAPY_SETTINGS = (
    "USER_AGENT", "ROBOTSTXT_OBEY", "CONCURRENT_REQUESTS", "CONCURRENT_REQUESTS_PER_DOMAIN",
    "DOWNLOAD_DELAY", "AUTOTHROTTLE_ENABLED", "DEPTH_LIMIT", "CLOSESPIDER_PAGECOUNT",
    "DOWNLOAD_TIMEOUT", "LOG_LEVEL",
)


def summarize(stats: dict[str, Any], elapsed: float) -> dict[str, Any]:
    """The run's headline counts, from a stats dict."""
    def total(prefix: str) -> dict[str, int]:
        return {k[len(prefix):]: int(v) for k, v in sorted(stats.items())
                if k.startswith(prefix) and isinstance(v, (int, float))}

    pages = int(stats.get("response_received_count", 0))
    kept = int(stats.get("wirecrawl/written", stats.get("item_scraped_count", 0)))
    errors = total("wirecrawl/error/")
    return {
        "pages_fetched": pages,
        "articles_kept": kept,
        "articles_dropped": total("wirecrawl/drop/"),
        "stories": int(stats.get("wirecrawl/stories", stats.get("wirecrawl/group/new_story", 0))),
        "joined_existing_story": int(stats.get("wirecrawl/group/joined", 0)),
        "errors": errors,
        "errors_total": sum(errors.values()),
        "robots_forbidden": int(stats.get("robotstxt/forbidden", 0)),
        "traps": total("wirecrawl/trap/"),
        "per_site": total("wirecrawl/site/"),
        "revisits": total("wirecrawl/state/"),  # --state: skipped, not_modified, unchanged, revised...
        "elapsed_s": round(elapsed, 2),
        "pages_per_s": round(pages / elapsed, 2) if elapsed > 0 else None,
    }


def format_summary(summary: dict[str, Any]) -> str:
    """A small plain-text table of a ``summarize`` result, for terminals and logs."""
    rows = [
        ("pages fetched", summary["pages_fetched"]),
        ("articles kept", summary["articles_kept"]),
        ("stories", summary["stories"]),
        ("copies joined to a story", summary["joined_existing_story"]),
        ("errors", summary["errors_total"]),
        ("robots.txt forbidden", summary["robots_forbidden"]),
        ("elapsed (s)", summary["elapsed_s"]),
        ("pages/s", summary["pages_per_s"]),
    ]
    for kind, n in summary["articles_dropped"].items():
        rows.append((f"  dropped: {kind}", n))
    for kind, n in summary["errors"].items():
        rows.append((f"  error: {kind}", n))
    for kind, n in summary["traps"].items():
        rows.append((f"  trap bound: {kind}", n))
    for site, n in summary["per_site"].items():
        rows.append((f"  site {site}", n))
    for kind, n in summary.get("revisits", {}).items():
        rows.append((f"  revisit: {kind}", n))
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k.ljust(width)}  {v}" for k, v in rows)


def start_urls(spider: Any) -> list[str]:
    """The URLs a crawl started from: the news spider's ``starts`` (``(url, source)`` pairs),
    or a plain Scrapy spider's ``start_urls``."""
    starts = getattr(spider, "starts", None)
    if starts is not None:
        return [url for url, _ in starts]
    return list(getattr(spider, "start_urls", None) or [])


class RunReport:
    """Progress line while crawling; ``run.json`` and a logged summary when the spider closes.

    Args:
        stats: the crawler's stats collector.
        settings: a dict of settings recorded in run.json.
        output_dir: where run.json goes (None: nowhere).
        progress: write a progress line to ``stream`` every ``interval`` seconds.
    """

    def __init__(self, stats: Any, settings: dict[str, Any], output_dir: Path | None,
                 progress: bool = False, interval: float = 1.0, stream: TextIO | None = None) -> None:
        self.stats = stats
        self.settings = settings
        self.output_dir = output_dir
        self.progress = progress
        self.interval = interval
        self.line = ProgressLine("pages", stream)
        self._loop: task.LoopingCall | None = None
        self._t0 = time.monotonic()
        self.started_at = datetime.now(timezone.utc)

    @classmethod
    def from_crawler(cls, crawler: Any) -> "RunReport":
        s = crawler.settings
        interval = s.getfloat("WIRECRAWL_PROGRESS_INTERVAL")
        if interval <= 0:
            raise ValueError(f"WIRECRAWL_PROGRESS_INTERVAL ({interval!r}) must be higher than 0.")
        recorded = {k: s.get(k) for k in _RECORDED_SCRAPY_SETTINGS}
        recorded.update({k: s.get(k) for k in sorted(s.attributes) if k.startswith("WIRECRAWL_")})
        out = s.get("WIRECRAWL_OUTPUT_DIR")
        ext = cls(crawler.stats, recorded, Path(out) if out else None,
                  progress=s.getbool("WIRECRAWL_PROGRESS"), interval=interval)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Any) -> None:
        self._t0 = time.monotonic()
        self.line.restart()
        self.started_at = datetime.now(timezone.utc)
        if self.progress:
            self._loop = task.LoopingCall(self._tick)
            self._loop.start(self.interval, now=False)

    def progress_counts(self) -> dict[str, int]:
        """What the progress line shows, from the stats collector."""
        st = self.stats.get_stats()
        return {
            "pages": int(st.get("response_received_count", 0)),
            "articles": int(st.get("wirecrawl/written", st.get("item_scraped_count", 0))),
            "stories": int(st.get("wirecrawl/group/new_story", 0)),
            "errors": sum(int(v) for k, v in st.items() if k.startswith("wirecrawl/error/")),
        }

    def progress_line(self) -> str:
        return self.line.text(self.progress_counts())

    def _tick(self) -> None:
        self.line.show(self.progress_counts())

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self._loop is not None and self._loop.running:
            self._loop.stop()
            self._tick()
            self.line.end()
        stats = self.stats.get_stats()
        elapsed = time.monotonic() - self._t0
        summary = summarize(stats, elapsed)
        logger.info("wirecrawl run finished (%s):\n%s", reason, format_summary(summary))
        if self.output_dir is None:
            return
        manifest = {
            "wirecrawl": "run",
            "spider": getattr(spider, "name", None),
            "start_urls": start_urls(spider),
            "finish_reason": reason,
            "started_at": iso_utc(self.started_at),
            "finished_at": iso_utc(datetime.now(timezone.utc)),
            "settings": self.settings,
            "summary": summary,
            "stats": {k: (iso_utc(v) if isinstance(v, datetime) else v) for k, v in stats.items()},
        }
        write_json_atomic(self.output_dir / "run.json", manifest)
