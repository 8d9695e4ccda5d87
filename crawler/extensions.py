"""``RunReport``: the live progress bar and JSON events, the end-of-run summary and ``RUN_DIR/run.json``.

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

from crawler.addon import with_defaults
from output import iso_utc, write_json_atomic
from output.progress import EventLog, Progress

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
    extract_ms: dict[str, dict[str, float]] = {}  # per site: pages, median, p90 (ExtractPipeline)
    for k, v in sorted(stats.items()):
        if k.startswith("wirecrawl/extract_ms/"):
            site, _, figure = k[len("wirecrawl/extract_ms/"):].rpartition("/")
            extract_ms.setdefault(site, {})[figure] = v
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
        "extract_ms": extract_ms,
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
    """Progress while crawling; ``run.json`` and a logged summary when the spider closes.

    Args:
        stats: the crawler's stats collector.
        settings: a dict of settings recorded in run.json.
        output_dir: where run.json goes (None: nowhere).
        progress: draw a live progress bar on ``stream`` (only when it is a terminal).
        interval: seconds between progress updates.
        stream: the bar's stream (default: stderr).
        json_log: where JSON events go (a path, ``-`` for stderr, None: none).
    """

    def __init__(self, stats: Any, settings: dict[str, Any], output_dir: Path | None,
                 progress: bool = False, interval: float = 1.0, stream: TextIO | None = None,
                 json_log: str | None = None) -> None:
        self.stats = stats
        self.settings = settings
        self.output_dir = output_dir
        self.progress = progress
        self.interval = interval
        self.meter = Progress("pages", bar=progress, stream=stream,
                              events=EventLog.open(json_log) if json_log else None)
        self._loop: task.LoopingCall | None = None
        self._t0 = time.monotonic()
        self._max_pages: int | None = None
        self.started_at = datetime.now(timezone.utc)

    @classmethod
    def from_crawler(cls, crawler: Any) -> "RunReport":
        s = with_defaults(crawler.settings)
        interval = s.getfloat("WIRECRAWL_PROGRESS_INTERVAL")
        if interval <= 0:
            raise ValueError(f"WIRECRAWL_PROGRESS_INTERVAL ({interval!r}) must be higher than 0.")
        recorded = {k: s.get(k) for k in _RECORDED_SCRAPY_SETTINGS}
        recorded.update({k: s.get(k) for k in sorted(s.attributes) if k.startswith("WIRECRAWL_")})
        out = s.get("WIRECRAWL_OUTPUT_DIR")
        ext = cls(crawler.stats, recorded, Path(out) if out else None,
                  progress=s.getbool("WIRECRAWL_PROGRESS"), interval=interval,
                  json_log=s.get("WIRECRAWL_JSON_LOG") or None)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Any) -> None:
        self._t0 = time.monotonic()
        self.started_at = datetime.now(timezone.utc)
        max_pages = getattr(spider, "max_pages", None)
        self._max_pages = max_pages if isinstance(max_pages, int) and max_pages > 0 else None
        self.meter.start(command="crawl", spider=getattr(spider, "name", None), start_urls=start_urls(spider),
                         output_dir=str(self.output_dir) if self.output_dir else None,
                         max_pages=self._max_pages)
        if self.meter.drawing or self.meter.events is not None:
            self._loop = task.LoopingCall(self._tick)
            self._loop.start(self.interval, now=False)

    def progress_counts(self) -> dict[str, int]:
        """What the progress bar shows, from the stats collector."""
        st = self.stats.get_stats()
        return {
            "pages": int(st.get("response_received_count", 0)),
            "articles": int(st.get("wirecrawl/written", st.get("item_scraped_count", 0))),
            "stories": int(st.get("wirecrawl/group/new_story", 0)),
            "errors": sum(int(v) for k, v in st.items() if k.startswith("wirecrawl/error/")),
        }

    def error_counts(self) -> dict[str, int]:
        """Errors counted so far, by kind."""
        prefix = "wirecrawl/error/"
        return {k[len(prefix):]: int(v) for k, v in self.stats.get_stats().items() if k.startswith(prefix)}

    def progress_line(self) -> str:
        return self.meter.line.text(self.progress_counts())

    def _tick(self, force: bool = False) -> None:
        counts = self.progress_counts()
        fraction = min(counts["articles"] / self._max_pages, 1.0) if self._max_pages else None
        self.meter.update(counts, fraction, errors=self.error_counts(), force=force)

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self._loop is not None and self._loop.running:
            self._loop.stop()
            self._tick(force=True)
        stats = self.stats.get_stats()
        elapsed = time.monotonic() - self._t0
        summary = summarize(stats, elapsed)
        self.meter.finish(summary, finish_reason=reason)
        self.meter.close()
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
