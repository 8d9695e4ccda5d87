"""Published times right to the minute when no site's zone is given: what learning zones is worth.

Crawls the demo world (``crawler.demo``, whose outlets print local times without a zone)
through the real CLI, without ``--site-tz``, once per seed, and prints the published dates
right against the world's truth and how each one's zone was known (``published_zone``).
With ``--site-tz`` every outlet's zone is given instead (the configured reference);
``--root DIR`` crawls with another wirecrawl tree's CLI (e.g. the code before a change),
against the same world. ``--warc`` also saves the crawl's responses (``--format warc``),
extracts them again (``wirecrawl extract --warc RUN/responses.warc.gz -o X``) and prints the
same figures for that, with how many articles got the crawl's published time and zone.

Usage: python bench/zones.py [--seeds 0 1] [--site-tz] [--warc] [--root DIR]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.demo import build_world  # noqa: E402
from crawler.demo.evaluation import compare_with_world  # noqa: E402
from output import read_jsonl  # noqa: E402


def run_cli(root: Path, *args: str) -> None:
    proc = subprocess.run([sys.executable, "-m", "crawler.cli", *args], capture_output=True, text=True, cwd=root,
                          env=dict(os.environ, PYTHONPATH=str(root)))
    if proc.returncode != 0:
        raise SystemExit(proc.stderr[-2000:])


def judged(what: str, out: Path, world) -> tuple[str, dict[str, tuple]]:
    """One line of figures for the run directory ``out``, and its articles' (published, zone) by URL."""
    cmp = compare_with_world(out, world)
    records = {r["url"]: (r.get("published"), r.get("published_zone")) for r in read_jsonl(out / "articles.jsonl")}
    zones = Counter(str(zone) for _, zone in records.values())
    shown = ", ".join(f"{k} {v}" for k, v in sorted(zones.items()))
    return (f"{what}: published right {cmp.dates_right}/{cmp.found} (articles expected {cmp.expected}); "
            f"zone: {shown}"), records


def crawl_seed(seed: int, site_tz: bool, root: Path, warc: bool = False) -> str:
    with build_world(seed=seed).serve() as world, tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "crawl"
        tz = [a for site, zone in sorted(world.site_timezones.items()) for a in ("--site-tz", f"{site}={zone}")]
        run_cli(root, "crawl", *world.start_urls, "-o", str(out), "--delay", "0", "--no-progress",
                *(tz if site_tz else []), *(["--format", "jsonl,warc"] if warc else []))
        line, crawled = judged(f"seed {seed}", out, world)
        if not warc:
            return line
        again = Path(tmp) / "extract"
        run_cli(root, "extract", "--warc", str(out / "responses.warc.gz"), "-o", str(again),
                *(tz if site_tz else []))
        warc_line, extracted = judged(f"seed {seed}, extract --warc", again, world)
        same = sum(extracted.get(url) == got for url, got in crawled.items())
    return f"{line}\n{warc_line}; the crawl's published time and zone: {same}/{len(crawled)}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1])
    ap.add_argument("--site-tz", action="store_true", help="give every outlet's zone (the reference)")
    ap.add_argument("--warc", action="store_true", help="also extract the crawl's saved responses again")
    ap.add_argument("--root", type=Path, default=ROOT, help="the wirecrawl tree whose CLI crawls")
    args = ap.parse_args(argv)
    print("with --site-tz for every outlet" if args.site_tz else "no --site-tz: zones stated, learned or assumed")
    for seed in args.seeds:
        print(crawl_seed(seed, args.site_tz, args.root.resolve(), args.warc))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
