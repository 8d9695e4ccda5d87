"""The ``wirecrawl`` command: ``crawl``, ``extract``, ``dedup``, ``status``, ``report`` and ``demo``.

Parses the command line, has ``crawler.cli.options`` check it (exit code 2 with a clear
message, before any crawling) and turn it into settings, runs the crawl through
``crawler.cli.runner`` and prints the run's summary. Everything else lives in the components
it configures.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import urllib.request
from contextlib import nullcontext
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Sequence
from urllib.parse import urlsplit

from crawler import __version__
from crawler import settings as defaults
from crawler.cli.options import (UsageError, check_formats, check_json_log, check_output_dir, check_site_tz, check_starts, check_state,
                                 check_tz, crawl_overrides, parse_window, show_progress, spider_arguments)
from crawler.cli.runner import run_crawl
from crawler.cli.status import cmd_status
from spiders.statelock import StateLock, StateLocked

logger = logging.getLogger(__name__)

EXIT_USAGE = 2
EXIT_BAD_INPUT = 3  # the run went through, but some input lines or entries were bad and skipped
EXIT_STATE_LOCKED = 75  # EX_TEMPFAIL: another run works on the --state; try again later


_OUTPUTS = ("articles.jsonl", "stories.jsonl", "canonical.jsonl", "articles.parquet", "stories.parquet",
            "canonical.parquet", "responses.warc.gz", "run.json")


def print_outputs(out_dir: Path) -> None:
    """The run directory's files, those this run may have written."""
    print("\noutput: " + "  ".join(f"{out_dir}/{name}" for name in _OUTPUTS if (out_dir / name).exists()))


def print_summary(manifest: dict[str, Any], out_dir: Path) -> None:
    from crawler.extensions import format_summary

    print(format_summary(manifest["summary"]))
    print_outputs(out_dir)


# --- commands -----------------------------------------------------------------------------

def cmd_crawl(args: argparse.Namespace) -> int:
    bad_lines: list[str] = []  # of @FILE start lists; the spider names each in its log
    starts = check_starts(args.start, bad_lines)
    sources = None
    if args.sources:
        from spiders.sources import SourcesError, load_sources

        try:
            sources = load_sources(args.sources)
        except SourcesError as exc:
            raise UsageError(str(exc)) from None
        for message in sources.skipped:
            print(f"wirecrawl crawl: {message}", file=sys.stderr)
        starts += sources.starts
    if not starts:
        raise UsageError("nothing to crawl: give START URLs, @FILE or --sources FILE")
    out_dir = check_output_dir(args.output)
    overrides = crawl_overrides(args)
    state = overrides.get("WIRECRAWL_STATE_DIR")
    with StateLock(state) if state else nullcontext():  # held until the crawl has ended
        return _crawl(starts, sources, out_dir, overrides, args, bad_lines)


def _crawl(starts, sources, out_dir: Path, overrides: dict[str, Any], args: argparse.Namespace,
           bad_lines: list[str]) -> int:
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
    skipped = len(bad_lines) + (len(sources.skipped) if sources is not None else 0)
    if skipped:
        print(f"wirecrawl crawl: {skipped} bad start-list lines or sources entries were skipped "
              f"(named above); exit status {EXIT_BAD_INPUT}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    if args.warc:
        return cmd_extract_warc(args)
    target = args.target
    if target is None:
        raise UsageError("give an HTML file or URL, or --warc FILE")
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


def cmd_extract_warc(args: argparse.Namespace) -> int:
    from crawler.cli.warc import extract_options, print_warc, warc_to_run

    if args.target is not None:
        raise UsageError("give either FILE.html|URL or --warc FILE, not both")
    if not Path(args.warc).is_file():
        raise UsageError(f"no such WARC file: {args.warc!r}")
    options = extract_options(check_tz(args.tz) if args.tz else "UTC", check_site_tz(args.site_tz))
    try:
        if args.output is None:
            print_warc(args.warc, options)
            return 0
        out_dir = check_output_dir(args.output)
        summary = warc_to_run(args.warc, out_dir, options, formats=check_formats(args.format, warc=False),
                              canonical_only=args.canonical_only)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    for k, v in summary.items():
        print(f"{k}  {v}")
    print_outputs(out_dir)
    return 0


def cmd_dedup(args: argparse.Namespace) -> int:
    for p in args.inputs:
        if not Path(p).is_file():
            raise UsageError(f"no such input file: {p!r}")
    out_dir = check_output_dir(args.output)
    index_path = args.index
    if index_path is None and args.state:
        index_path = str(check_output_dir(args.state) / "stories.sqlite")
    with StateLock(args.state) if args.state else nullcontext():
        return _dedup(args, out_dir, index_path)


def _dedup(args: argparse.Namespace, out_dir: Path, index_path: str | None) -> int:
    from dedup import IndexConfig
    from dedup.run import run_dedup

    window = parse_window(args.window) if args.window else (
        defaults.WIRECRAWL_DEDUP_WINDOW_DAYS if index_path else None)
    if args.workers is not None and args.workers < 1:
        raise UsageError(f"--workers ({args.workers}) must be 1 or more")
    try:
        config = IndexConfig(threshold=args.threshold, num_perm=args.num_perm,
                             shingle_size=args.shingle_size, seed=defaults.WIRECRAWL_DEDUP_SEED,
                             window_days=window,
                             workers=args.workers or max(1, min(os.cpu_count() or 1, 4)))
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    formats = check_formats(args.format, warc=False)
    summary = run_dedup(args.inputs, out_dir, config, index_path=index_path,
                        progress=show_progress(args), formats=formats, canonical_only=args.canonical_only,
                        json_log=check_json_log(args.json_log), strict=args.strict)
    width = max(len(k) for k in summary)
    for k, v in summary.items():
        print(f"{k.ljust(width)}  {v}")
    print_outputs(out_dir)
    return EXIT_BAD_INPUT if summary["bad_lines"] else 0


def cmd_demo(args: argparse.Namespace) -> int:
    from crawler.demo import build_world
    from crawler.demo.evaluation import compare_with_world

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


def cmd_report(args: argparse.Namespace) -> int:
    from output.report import Limits, build_report

    given = {"stories": args.max_stories, "members": args.max_members, "chars": args.max_chars}
    for field, value in given.items():
        if value is not None and value < 1:
            raise UsageError(f"--max-{field} ({value}) must be 1 or more")
    limits = Limits(**{k: v for k, v in given.items() if v is not None})
    try:
        path = build_report(args.run_dir, args.output, limits=limits)
    except FileNotFoundError as exc:
        raise UsageError(str(exc)) from None
    print(f"report: {path}")
    return 0


# --- argument parsing ---------------------------------------------------------------------

def add_output_options(parser: argparse.ArgumentParser, *, formats: str) -> None:
    """The output and progress options ``crawl`` and ``dedup`` share."""
    parser.add_argument("--format", metavar="FMT[,FMT]",
                        help=f"output formats besides jsonl (always written): {formats}")
    parser.add_argument("--canonical-only", action="store_true",
                        help="also write canonical.jsonl: one record per story, its canonical member with its copies")
    parser.add_argument("--no-progress", action="store_true",
                        help="no progress bar (none is drawn when stderr is not a terminal)")
    parser.add_argument("--json-log", metavar="FILE", help="JSON events, one a line, for machines (- for stderr)")


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
    c.add_argument("--depth", type=int, help="link hops followed from a start page or feed/sitemap entry; 0 = none (default 3)")
    site = c.add_mutually_exclusive_group()
    site.add_argument("--same-site", dest="follow_external", action="store_false",
                      help="follow links only within the start sites (default)")
    site.add_argument("--follow-external", dest="follow_external", action="store_true",
                      help="follow links to other sites too")
    c.set_defaults(follow_external=False)
    c.add_argument("--since", metavar="DATE", help="skip articles published before DATE (ISO: 2026-11-20 or 2026-11-20T08:00Z)")
    c.add_argument("--concurrency", type=int, help="concurrent requests in all (per host: at most 8)")
    c.add_argument("--delay", type=float, help="seconds between requests to one host (AutoThrottle's start)")
    c.add_argument("--timeout", type=float, help="seconds before a request times out (default 20)")
    c.add_argument("--user-agent", help="User-Agent header")
    c.add_argument("--no-robots", action="store_true", help="ignore robots.txt (it is obeyed by default)")
    c.add_argument("--tz", help="time zone of visible dates that carry none (default UTC)")
    c.add_argument("--site-tz", action="append", metavar="SITE=ZONE", help="per-site time zone; repeatable")
    c.add_argument("--min-chars", type=int, help="drop bodies shorter than this (default 200)")
    c.add_argument("--workers", type=int, help="extraction processes (default 2; 0 = in the crawler's process)")
    c.add_argument("--state", metavar="DIR",
                   help="directory for state kept across runs: what was fetched and written, the story index")
    c.add_argument("--full", "--refetch", dest="full", action="store_true",
                   help="with --state, fetch everything in full and write every article again "
                        "(default: skip unchanged pages, write only new and changed ones)")
    c.add_argument("--index", metavar="PATH", help="persistent story index file (default: DIR/stories.sqlite with --state)")
    c.add_argument("--window", help="story index time window, e.g. 7d (default 7d)")
    c.add_argument("--redis", metavar="redis://HOST:PORT/DB",
                   help="share the crawl with other workers on this Redis server (frontier, politeness, story index)")
    c.add_argument("--redis-key", default=defaults.WIRECRAWL_REDIS_KEY, metavar="NAME",
                   help="key prefix of the shared crawl; workers of one crawl give the same (default %(default)s)")
    add_output_options(c, formats="parquet, warc; e.g. jsonl,parquet,warc")
    c.add_argument("--log-level", default="WARNING", help="Scrapy log level (default WARNING)")
    c.set_defaults(func=cmd_crawl)

    e = sub.add_parser("extract", help="print the article record extracted from one page")
    e.add_argument("target", metavar="FILE.html|URL", nargs="?")
    e.add_argument("--warc", metavar="FILE", help="extract every response of a WARC file (e.g. RUN_DIR/responses.warc.gz)")
    e.add_argument("-o", "--output", metavar="RUN_DIR", help="with --warc: group and write a run directory (default: JSON lines on stdout)")
    e.add_argument("--format", metavar="FMT[,FMT]", help="with --warc -o: formats besides jsonl: parquet")
    e.add_argument("--canonical-only", action="store_true",
                   help="also write canonical.jsonl: one record per story, its canonical member with its copies")
    e.add_argument("--url", help="the page's URL (for a file)")
    e.add_argument("--tz", help="time zone of visible dates that carry none (default UTC)")
    e.add_argument("--site-tz", action="append", metavar="SITE=ZONE", help="with --warc: per-site time zone; repeatable")
    e.add_argument("--user-agent", default=defaults.USER_AGENT)
    e.add_argument("--timeout", type=float, default=defaults.DOWNLOAD_TIMEOUT)
    e.set_defaults(func=cmd_extract)

    d = sub.add_parser("dedup", help="group records that already have text into stories")
    d.add_argument("inputs", nargs="+", metavar="IN.jsonl")
    d.add_argument("-o", "--output", required=True, metavar="RUN_DIR")
    d.add_argument("--threshold", type=float, default=defaults.WIRECRAWL_DEDUP_THRESHOLD,
                   help="containment of the smaller text in the larger (default %(default)s)")
    d.add_argument("--num-perm", type=int, default=defaults.WIRECRAWL_DEDUP_NUM_PERM,
                   help="MinHash permutations, part of the index schema (default %(default)s)")
    d.add_argument("--shingle-size", type=int, default=defaults.WIRECRAWL_DEDUP_SHINGLE_SIZE,
                   help="words per shingle, part of the index schema (default %(default)s)")
    d.add_argument("--state", metavar="DIR")
    d.add_argument("--index", metavar="PATH")
    d.add_argument("--window", help="how long stories stay in a persistent index, e.g. 7d (default 7d)")
    d.add_argument("--workers", type=int, help="signature processes (default: the machine's cores, at most 4)")
    d.add_argument("--strict", action="store_true",
                   help="stop at the first bad input line (default: skip bad lines, exit 3 at the end)")
    add_output_options(d, formats="parquet")
    d.set_defaults(func=cmd_dedup)

    t = sub.add_parser("status", help="what a --state directory knows: runs, sites, revisions, stories")
    t.add_argument("--state", metavar="DIR", required=True)
    t.add_argument("--runs", type=int, default=10, help="how many of the latest runs to list (default 10)")
    t.add_argument("--json", action="store_true", help="print JSON instead of tables")
    t.set_defaults(func=cmd_status)

    m = sub.add_parser("demo", help="crawl a bundled fictional news world on loopback")
    m.add_argument("-o", "--output", default="wirecrawl-demo", metavar="RUN_DIR",
                   help="run directory (default ./wirecrawl-demo)")
    m.add_argument("--seed", type=int, default=0)
    m.add_argument("--no-progress", action="store_true")
    m.add_argument("--log-level", default="CRITICAL",
                   help="Scrapy's log level (default CRITICAL: the demo's broken pages are counted in the summary)")
    m.set_defaults(func=cmd_demo)

    r = sub.add_parser("report", help="write RUN_DIR/report.html: one static page about a run")
    r.add_argument("run_dir", metavar="RUN_DIR", help="a run directory of crawl, demo or dedup")
    r.add_argument("-o", "--output", metavar="FILE.html", help="where to write (default RUN_DIR/report.html)")
    r.add_argument("--max-stories", type=int, help="stories shown side by side (default 30)")
    r.add_argument("--max-members", type=int, help="members shown per story (default 4)")
    r.add_argument("--max-chars", type=int, help="characters shown per member text (default 1500)")
    r.set_defaults(func=cmd_report)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except UsageError as exc:
        print(f"wirecrawl {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except StateLocked as exc:
        print(f"wirecrawl {args.command}: {exc}", file=sys.stderr)
        return EXIT_STATE_LOCKED
    except KeyboardInterrupt:
        print("\nwirecrawl: interrupted; every record written so far is intact", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
