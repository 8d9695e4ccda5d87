"""What the user typed, checked and turned into Scrapy settings and spider arguments.

Every check fails with ``UsageError`` and a one-line message naming the bad value, before
anything is crawled (the CLI exits with code 2).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any, Sequence

from spiders.arguments import check_start_url, parse_since, read_start_file


class UsageError(Exception):
    """A bad command line: reported in one line, exit code 2, nothing crawled."""


def check_url(value: str) -> str:
    try:
        return check_start_url(value)
    except ValueError as exc:
        raise UsageError(f"{exc} (give a homepage, feed, sitemap or robots.txt URL, or @FILE)") from None


def check_starts(starts: Sequence[str], bad_lines: list[str] | None = None) -> list[str]:
    """Each START checked; ``@file`` arguments are read once here, to fail fast, and kept
    (made absolute) for the spider, whose pages from them get the ``list`` source.

    A bad line of a start list is appended to ``bad_lines`` and skipped; the spider,
    which reads the file again, names it in the log. A list with no URL left is a usage
    error, its first bad lines named on stderr."""
    out = []
    for s in starts:
        if s.startswith("@"):
            named: list[str] = []
            try:
                read_start_file(s[1:], on_bad=named.append)
            except ValueError as exc:
                for message in named[:5]:
                    print(f"wirecrawl crawl: {message}", file=sys.stderr)
                raise UsageError(str(exc)) from None
            if bad_lines is not None:
                bad_lines += named
            out.append("@" + str(Path(s[1:]).resolve()))
        else:
            out.append(check_url(s))
    return out


def check_output_dir(path: str) -> Path:
    p = Path(path).expanduser().resolve()
    try:
        p.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=p, prefix=".wirecrawl-write-test-"):
            pass
    except OSError as exc:
        raise UsageError(f"output directory {str(p)!r} is not writable: {exc.strerror or exc}") from None
    return p


def check_since(value: str | None) -> str | None:
    """``--since`` as the spider's argument (``spiders.arguments.parse_since``, strict ISO)."""
    try:
        dt = parse_since(value)
    except ValueError:
        raise UsageError(f"--since {value!r} is not an ISO date (try 2026-11-20 or 2026-11-20T08:00Z)") from None
    return None if dt is None else dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def check_state(overrides: dict[str, Any]) -> None:
    """Opens the state files once before crawling, so a corrupt or foreign one is a clear
    error (opening the crawl state also repairs it after a crash). Call it holding the
    state's lock (``spiders.statelock``)."""
    from dedup import StoryIndex, StoryIndexError
    from crawler.cli.runner import project_settings
    from spiders.state import CrawlState, StateError

    state = overrides.get("WIRECRAWL_STATE_DIR")
    index = overrides.get("WIRECRAWL_DEDUP_INDEX") or (str(Path(state) / "stories.sqlite") if state else None)
    try:
        if state:
            window = project_settings(overrides).getfloat("WIRECRAWL_STATE_WINDOW_DAYS")
            CrawlState(state, window_days=window if window > 0 else None).close()
        if index:
            StoryIndex(path=index).close()
    except (StateError, StoryIndexError) as exc:
        raise UsageError(f"state: {exc}") from None


def check_tz(value: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise UsageError(f"unknown time zone {value!r} (use an IANA name such as Europe/Paris)") from None
    return value


def check_site_tz(items: Sequence[str] | None) -> dict[str, str]:
    """``--site-tz SITE=ZONE`` arguments as ``{site: zone}``."""
    site_tz = {}
    for item in items or []:
        site, sep, tz = item.partition("=")
        if not sep or not site:
            raise UsageError(f"--site-tz {item!r}: expected SITE=ZONE, e.g. lemonde.fr=Europe/Paris")
        site_tz[site.strip().lower()] = check_tz(tz.strip())
    return site_tz


def check_formats(value: str | None, *, warc: bool = True) -> list[str]:
    """``--format`` as a list of ``output.formats`` names (``jsonl`` always first)."""
    from output.formats import parse_formats

    try:
        formats = list(parse_formats(value))
    except ValueError as exc:
        raise UsageError(f"--format: {exc}") from None
    if not warc and "warc" in formats:
        raise UsageError("--format warc: only a crawl fetches responses to archive")
    return formats


def show_progress(args: argparse.Namespace) -> bool:
    """A live progress bar unless ``--no-progress``; ``output.progress`` draws it only when
    stderr is a terminal (not in cron logs or pipes)."""
    return not args.no_progress


def check_json_log(value: str | None) -> str | None:
    """``--json-log FILE`` (``-``: stderr), its file opened once here to fail fast."""
    if not value or value == "-":
        return value or None
    path = Path(value).expanduser().resolve()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8"):
            pass
    except OSError as exc:
        raise UsageError(f"--json-log {value!r} cannot be written: {exc.strerror or exc}") from None
    return str(path)


def crawl_overrides(args: argparse.Namespace) -> dict[str, Any]:
    o: dict[str, Any] = {"LOG_LEVEL": args.log_level.upper(), "WIRECRAWL_PROGRESS": show_progress(args),
                         "WIRECRAWL_FORMATS": check_formats(args.format),
                         "WIRECRAWL_CANONICAL_ONLY": bool(args.canonical_only)}
    json_log = check_json_log(args.json_log)
    if json_log:
        o["WIRECRAWL_JSON_LOG"] = json_log
    if args.concurrency is not None:
        if args.concurrency < 1:
            raise UsageError(f"--concurrency ({args.concurrency}) must be 1 or more")
        o["CONCURRENT_REQUESTS"] = args.concurrency
        o["CONCURRENT_REQUESTS_PER_DOMAIN"] = min(args.concurrency, 8)
    if args.delay is not None:
        if args.delay < 0:
            raise UsageError(f"--delay ({args.delay}) must be 0 or more")
        o["DOWNLOAD_DELAY"] = args.delay
        o["AUTOTHROTTLE_START_DELAY"] = max(args.delay, 0.01)
    if args.timeout is not None:
        if args.timeout <= 0:
            raise UsageError(f"--timeout ({args.timeout}) must be more than 0")
        o["DOWNLOAD_TIMEOUT"] = args.timeout
    if args.user_agent:
        o["USER_AGENT"] = args.user_agent
    if args.no_robots:
        o["ROBOTSTXT_OBEY"] = False
    if args.tz:
        o["WIRECRAWL_TIMEZONE"] = check_tz(args.tz)
    site_tz = check_site_tz(args.site_tz)
    if site_tz:
        o["WIRECRAWL_SITE_TIMEZONES"] = site_tz
    since = check_since(args.since)
    if since:
        o["WIRECRAWL_SINCE"] = since
    if args.max_pages is not None and args.max_pages < 1:
        raise UsageError(f"--max-pages ({args.max_pages}) must be 1 or more")
    if args.depth is not None and args.depth < 0:
        raise UsageError(f"--depth ({args.depth}) must be 0 or more")
    if args.min_chars is not None:
        o["WIRECRAWL_MIN_TEXT_CHARS"] = args.min_chars
    if args.workers is not None:
        if args.workers < 0:
            raise UsageError(f"--workers ({args.workers}) must be 0 or more")
        o["WIRECRAWL_EXTRACT_WORKERS"] = args.workers
    if args.state:
        o["WIRECRAWL_STATE_DIR"] = str(check_output_dir(args.state))
    if args.full:
        o["WIRECRAWL_STATE_FULL"] = True
    if args.index:
        o["WIRECRAWL_DEDUP_INDEX"] = str(Path(args.index).expanduser().resolve())
    if args.window is not None:
        o["WIRECRAWL_DEDUP_WINDOW_DAYS"] = parse_window(args.window)
    if args.redis:
        if args.state or args.index:
            raise UsageError("--redis shares the story index on Redis: it cannot go with --state or --index")
        o["WIRECRAWL_REDIS_URL"] = check_redis(args.redis)
        o["WIRECRAWL_REDIS_KEY"] = args.redis_key
    return o


def check_redis(url: str) -> str:
    """``--redis``: a ``redis://``, ``rediss://`` or ``unix://`` URL of a server that answers."""
    from urllib.parse import urlsplit

    if urlsplit(url).scheme not in ("redis", "rediss", "unix"):
        raise UsageError(f"--redis {url!r}: expected redis://HOST:PORT/DB")
    from crawler.distributed.keys import redis_client

    try:
        redis_client(url).ping()
    except Exception as exc:  # noqa: BLE001 - any failure to reach it is the same usage error
        raise UsageError(f"--redis {url!r}: cannot reach the server ({exc})") from None
    return url


def parse_window(value: str) -> float:
    v = value.strip().lower()
    scale = 1.0
    if v.endswith("d"):
        v = v[:-1]
    elif v.endswith("h"):
        v, scale = v[:-1], 1 / 24
    try:
        days = float(v) * scale
    except ValueError:
        raise UsageError(f"--window {value!r}: expected days such as 7d, 36h or 3.5") from None
    if days <= 0:
        raise UsageError(f"--window {value!r} must be positive")
    return days


def spider_arguments(args: argparse.Namespace) -> dict[str, Any]:
    a: dict[str, Any] = {}
    if args.max_pages is not None:
        a["max_pages"] = str(args.max_pages)
    if args.depth is not None:  # the spider maps it onto DEPTH_LIMIT (0 = follow no links)
        a["depth"] = str(args.depth)
    if args.follow_external:
        a["follow_external"] = "1"
    if args.since:
        a["since"] = check_since(args.since)
    return a
