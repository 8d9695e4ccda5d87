"""The ``wirecrawl`` command: ``crawl``, ``extract``, ``dedup`` and ``demo``.

It validates what the user typed (exit code 2 with a clear message, before any crawling),
turns options into Scrapy settings and spider arguments, runs Scrapy's ``CrawlerProcess``
and prints the run's summary. Everything else lives in the components it configures.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
import time
import urllib.request
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Sequence
from urllib.parse import urlsplit

from crawler import __version__

logger = logging.getLogger(__name__)

EXIT_USAGE = 2


class UsageError(Exception):
    """A bad command line: reported in one line, exit code 2, nothing crawled."""


# --- validation ---------------------------------------------------------------------------

def check_url(value: str) -> str:
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"not an http(s) URL: {value!r} (give a homepage, feed, sitemap or robots.txt URL, or @FILE)")
    return value.strip()


def read_start_file(path: str) -> list[str]:
    p = Path(path)
    if not p.is_file():
        raise UsageError(f"@{path}: no such file")
    urls = []
    for n, line in enumerate(p.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            urls.append(check_url(line))
        except UsageError as exc:
            raise UsageError(f"@{path} line {n}: {exc}") from None
    if not urls:
        raise UsageError(f"@{path}: no URL in the file")
    return urls


def check_starts(starts: Sequence[str]) -> list[str]:
    """Each START checked; ``@file`` arguments are kept (made absolute) for the spider's ``list`` source."""
    out = []
    for s in starts:
        if s.startswith("@"):
            read_start_file(s[1:])
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
    if value is None:
        return None
    from crawler.extract.dates import to_utc

    dt = to_utc(value, default_tz="UTC")
    if dt is None:
        raise UsageError(f"--since {value!r} is not a date (try 2026-11-20 or 2026-11-20T08:00Z)")
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def check_state(overrides: dict[str, Any]) -> None:
    """Opens the state files once before crawling, so a corrupt or foreign one is a clear error."""
    from dedup import StoryIndex, StoryIndexError
    from spiders.seen import SeenArticles, SeenArticlesError

    state = overrides.get("WIRECRAWL_STATE_DIR")
    index = overrides.get("WIRECRAWL_DEDUP_INDEX") or (str(Path(state) / "stories.sqlite") if state else None)
    try:
        if state:
            SeenArticles(Path(state) / "seen.sqlite").close()
        if index:
            StoryIndex(path=index).close()
    except (SeenArticlesError, StoryIndexError) as exc:
        raise UsageError(f"state: {exc}") from None


def check_tz(value: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise UsageError(f"unknown time zone {value!r} (use an IANA name such as Europe/Paris)") from None
    return value


# --- running Scrapy -----------------------------------------------------------------------

def project_settings(overrides: dict[str, Any]) -> Any:
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    for k, v in overrides.items():
        settings.set(k, v, priority="cmdline")
    return settings


def run_crawl(starts: list[str], out_dir: Path, overrides: dict[str, Any],
              spider_args: dict[str, Any]) -> dict[str, Any]:
    """Runs the ``news`` spider to completion in this process; returns the run's ``run.json``."""
    from scrapy.crawler import CrawlerProcess

    from spiders.news import NewsSpider

    settings = project_settings({"WIRECRAWL_OUTPUT_DIR": str(out_dir), **overrides})
    process = CrawlerProcess(settings)
    process.crawl(NewsSpider, start=",".join(starts), **spider_args)
    process.start()
    manifest = out_dir / "run.json"
    if not manifest.exists():
        raise RuntimeError(f"the crawl ended without writing {manifest}; see the log above")
    return json.loads(manifest.read_text(encoding="utf-8"))


def show_progress(args: argparse.Namespace) -> bool:
    """A live progress line only for a person at a terminal (not in cron logs or pipes)."""
    return not args.no_progress and sys.stderr.isatty()


def crawl_overrides(args: argparse.Namespace) -> dict[str, Any]:
    o: dict[str, Any] = {"LOG_LEVEL": args.log_level.upper(), "WIRECRAWL_PROGRESS": show_progress(args)}
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
    if args.user_agent:
        o["USER_AGENT"] = args.user_agent
    if args.no_robots:
        o["ROBOTSTXT_OBEY"] = False
    if args.tz:
        o["WIRECRAWL_TIMEZONE"] = check_tz(args.tz)
    site_tz = {}
    for item in args.site_tz or []:
        site, sep, tz = item.partition("=")
        if not sep or not site:
            raise UsageError(f"--site-tz {item!r}: expected SITE=ZONE, e.g. lemonde.fr=Europe/Paris")
        site_tz[site.strip().lower()] = check_tz(tz.strip())
    if site_tz:
        o["WIRECRAWL_SITE_TIMEZONES"] = site_tz
    since = check_since(args.since)
    if since:
        o["WIRECRAWL_SINCE"] = since
    if args.max_pages is not None and args.max_pages < 1:
        raise UsageError(f"--max-pages ({args.max_pages}) must be 1 or more")
    if args.depth is not None:
        if args.depth < 0:
            raise UsageError(f"--depth ({args.depth}) must be 0 or more")
        o["DEPTH_LIMIT"] = args.depth
    if args.min_chars is not None:
        o["WIRECRAWL_MIN_TEXT_CHARS"] = args.min_chars
    if args.workers is not None:
        if args.workers < 0:
            raise UsageError(f"--workers ({args.workers}) must be 0 or more")
        o["WIRECRAWL_EXTRACT_WORKERS"] = args.workers
    if args.state:
        o["WIRECRAWL_STATE_DIR"] = str(check_output_dir(args.state))
    if args.refetch:
        o["WIRECRAWL_SKIP_SEEN"] = False
    if args.index:
        o["WIRECRAWL_DEDUP_INDEX"] = str(Path(args.index).expanduser().resolve())
    if args.window is not None:
        o["WIRECRAWL_DEDUP_WINDOW_DAYS"] = parse_window(args.window)
    return o


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
    if args.depth is not None:
        a["depth"] = str(args.depth)
    if args.follow_external:
        a["follow_external"] = "1"
    if args.since:
        a["since"] = check_since(args.since)
    return a


def print_summary(manifest: dict[str, Any], out_dir: Path) -> None:
    from crawler.extensions import format_summary

    print(format_summary(manifest["summary"]))
    print(f"\noutput: {out_dir}/articles.jsonl  {out_dir}/stories.jsonl  {out_dir}/run.json")


# --- commands -----------------------------------------------------------------------------

def cmd_crawl(args: argparse.Namespace) -> int:
    starts = check_starts(args.start)
    sources = None
    if args.sources:
        from crawler.sources import SourcesError, load_sources

        try:
            sources = load_sources(args.sources)
        except SourcesError as exc:
            raise UsageError(str(exc)) from None
        starts += sources.starts
    if not starts:
        raise UsageError("nothing to crawl: give START URLs, @FILE or --sources FILE")
    out_dir = check_output_dir(args.output)
    overrides = crawl_overrides(args)
    check_state(overrides)
    if sources is not None:
        # Command-line --tz / --site-tz win over the file.
        if sources.timezone and not args.tz:
            overrides["WIRECRAWL_TIMEZONE"] = sources.timezone
        overrides["WIRECRAWL_SITE_TIMEZONES"] = {**sources.site_timezones,
                                                 **overrides.get("WIRECRAWL_SITE_TIMEZONES", {})}
    spider_args = spider_arguments(args)
    manifest = run_crawl(starts, out_dir, overrides, spider_args)
    print_summary(manifest, out_dir)
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    target = args.target
    if urlsplit(target).scheme not in ("http", "https") and not Path(target).is_file():
        raise UsageError(f"no such file: {target!r} (give an HTML file or an http(s) URL)")
    from crawler.extract import ExtractOptions, extract_article

    headers: dict[str, str] = {}
    if urlsplit(target).scheme in ("http", "https"):
        req = urllib.request.Request(target, headers={"User-Agent": args.user_agent})
        try:
            with urllib.request.urlopen(req, timeout=args.timeout) as resp:
                body = resp.read()
                headers = {k.lower(): v for k, v in resp.headers.items()}
                url = args.url or resp.geturl()
        except (OSError, ValueError) as exc:
            print(f"wirecrawl extract: cannot fetch {target}: {exc}", file=sys.stderr)
            return 1
    else:
        path = Path(target)
        body = path.read_bytes()
        url = args.url or path.resolve().as_uri()
    options = ExtractOptions(default_tz=check_tz(args.tz) if args.tz else "UTC",
                             fetched_at=datetime.now(timezone.utc))
    article = extract_article(body, url, headers, options=options)
    print(json.dumps(article.as_dict(), ensure_ascii=False, indent=2))
    return 0 if article.text else 1


def cmd_dedup(args: argparse.Namespace) -> int:
    from crawler.dedup_run import run_dedup

    for p in args.inputs:
        if not Path(p).is_file():
            raise UsageError(f"no such input file: {p!r}")
    out_dir = check_output_dir(args.output)
    index_path = args.index
    if index_path is None and args.state:
        index_path = str(check_output_dir(args.state) / "stories.sqlite")
    window = parse_window(args.window) if args.window else None
    if args.workers is not None and args.workers < 1:
        raise UsageError(f"--workers ({args.workers}) must be 1 or more")
    summary = run_dedup(args.inputs, out_dir, threshold=args.threshold, num_perm=args.num_perm,
                        shingle_size=args.shingle_size, index_path=index_path, window_days=window,
                        progress=not args.no_progress, workers=args.workers)
    width = max(len(k) for k in summary)
    for k, v in summary.items():
        print(f"{k.ljust(width)}  {v}")
    print(f"\noutput: {out_dir}/articles.jsonl  {out_dir}/stories.jsonl  {out_dir}/run.json")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from crawler.demo import build_world
    from crawler.evaluation import compare_with_world

    out_dir = check_output_dir(args.output)
    for name in ("articles.jsonl", "stories.jsonl", "run.json"):
        (out_dir / name).unlink(missing_ok=True)
    world = build_world(seed=args.seed)
    overrides = {
        "LOG_LEVEL": args.log_level.upper(), "WIRECRAWL_PROGRESS": show_progress(args),
        # The demo world is on loopback: no need to be slow to it.
        "DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_TIMEOUT": 5,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    }
    with world.serve() as running:
        print(f"demo world: {len(running.start_urls)} outlets on loopback; crawling from:")
        for u in running.start_urls:
            print(f"  {u}")
        # What a user says with --site-tz SITE=ZONE: the zone of dates the pages print without one.
        overrides["WIRECRAWL_SITE_TIMEZONES"] = running.site_timezones
        manifest = run_crawl(running.start_urls, out_dir, overrides, {})
        check = compare_with_world(out_dir, running)
    print()
    print_summary(manifest, out_dir)
    print()
    print(check.format())
    return 0 if check.ok else 1


# --- argument parsing ---------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="wirecrawl", description=__doc__.splitlines()[0])
    p.add_argument("--version", action="version", version=f"wirecrawl {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    c = sub.add_parser("crawl", help="crawl news sites into a clean, story-grouped corpus")
    c.add_argument("start", nargs="*", metavar="START",
                   help="homepage/section, RSS/Atom feed, sitemap(-index) or robots.txt URL, or @FILE (one URL a line)")
    c.add_argument("-o", "--output", required=True, metavar="RUN_DIR", help="run directory (created)")
    c.add_argument("--sources", metavar="FILE.toml", help="sources file: start URLs and time zone per outlet")
    c.add_argument("--max-pages", type=int, help="stop after this many article pages")
    c.add_argument("--depth", type=int, help="link hops followed from a start page (default 3)")
    site = c.add_mutually_exclusive_group()
    site.add_argument("--same-site", dest="follow_external", action="store_false",
                      help="follow links only within the start sites (default)")
    site.add_argument("--follow-external", dest="follow_external", action="store_true",
                      help="follow links to other sites too")
    c.set_defaults(follow_external=False)
    c.add_argument("--since", metavar="DATE", help="skip articles published before DATE")
    c.add_argument("--concurrency", type=int, help="concurrent requests in all (per host: at most 8)")
    c.add_argument("--delay", type=float, help="seconds between requests to one host (AutoThrottle's start)")
    c.add_argument("--user-agent", help="User-Agent header")
    c.add_argument("--no-robots", action="store_true", help="ignore robots.txt (it is obeyed by default)")
    c.add_argument("--tz", help="time zone of visible dates that carry none (default UTC)")
    c.add_argument("--site-tz", action="append", metavar="SITE=ZONE", help="per-site time zone; repeatable")
    c.add_argument("--min-chars", type=int, help="drop bodies shorter than this (default 200)")
    c.add_argument("--workers", type=int, help="extraction processes (default 2; 0 = in the crawler's process)")
    c.add_argument("--state", metavar="DIR", help="directory for state kept across runs (story index)")
    c.add_argument("--refetch", action="store_true",
                   help="with --state, fetch again articles that earlier runs wrote (default: skip them)")
    c.add_argument("--index", metavar="PATH", help="persistent story index file (default: DIR/stories.sqlite with --state)")
    c.add_argument("--window", help="story index time window, e.g. 7d (default 7d)")
    c.add_argument("--no-progress", action="store_true", help="no progress line")
    c.add_argument("--log-level", default="WARNING", help="Scrapy log level (default WARNING)")
    c.set_defaults(func=cmd_crawl)

    e = sub.add_parser("extract", help="print the article record extracted from one page")
    e.add_argument("target", metavar="FILE.html|URL")
    e.add_argument("--url", help="the page's URL (for a file)")
    e.add_argument("--tz", help="time zone of visible dates that carry none (default UTC)")
    e.add_argument("--user-agent", default=f"wirecrawl/{__version__}")
    e.add_argument("--timeout", type=float, default=20.0)
    e.set_defaults(func=cmd_extract)

    d = sub.add_parser("dedup", help="group records that already have text into stories")
    d.add_argument("inputs", nargs="+", metavar="IN.jsonl")
    d.add_argument("-o", "--output", required=True, metavar="RUN_DIR")
    d.add_argument("--threshold", type=float, default=0.5)
    d.add_argument("--num-perm", type=int, default=128)
    d.add_argument("--shingle-size", type=int, default=5)
    d.add_argument("--state", metavar="DIR")
    d.add_argument("--index", metavar="PATH")
    d.add_argument("--window", help="e.g. 7d")
    d.add_argument("--workers", type=int, help="signature processes (default: the machine's cores, at most 4)")
    d.add_argument("--no-progress", action="store_true")
    d.set_defaults(func=cmd_dedup)

    m = sub.add_parser("demo", help="crawl a bundled fictional news world on loopback")
    m.add_argument("-o", "--output", default="wirecrawl-demo", metavar="RUN_DIR",
                   help="run directory (default ./wirecrawl-demo)")
    m.add_argument("--seed", type=int, default=0)
    m.add_argument("--no-progress", action="store_true")
    m.add_argument("--log-level", default="WARNING")
    m.set_defaults(func=cmd_demo)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except UsageError as exc:
        print(f"wirecrawl {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("\nwirecrawl: interrupted; every record written so far is intact", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
