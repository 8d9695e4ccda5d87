"""Distributed crawl throughput: one worker vs two workers sharing one Redis.

Generates a loopback news world of ``--articles`` article pages (default 2,400; texts from
``bench.synthetic.scale_texts``, ~400 words, 30 % of them edited copies of earlier ones,
so the shared story index has real stories to join) spread over ``--sites`` hosts
(127.0.0.2, 127.0.0.3, ...), each behind a sitemap; starts its own ``redis-server`` on
loopback; and crawls the world, in each round:

- **1 worker on Redis**: ``wirecrawl crawl SITEMAPS -o A --redis URL --workers 0``;
- **2 workers on Redis**: the same command twice at once (``-o A``, ``-o B``), one crawl key;
- **1 process, default**: ``wirecrawl crawl SITEMAPS -o A --workers 2`` (no Redis,
  extraction in 2 worker processes — the single-machine way to use both cores).

Every worker extracts in its own process (``--workers 0``), so two workers use two cores
the way two processes of the default use them, and the comparison on a 2-core machine is
fair. All runs: ``--delay 0 --no-robots --concurrency 16 --min-chars 0``, no per-host
delay to keep (the host gate is off when ``DOWNLOAD_DELAY`` is 0). Each round checks that
the union of the workers' ``articles.jsonl`` holds every article once. Prints the medians
over ``--repeat`` rounds (elapsed time of the whole command, startup included; CPU time
of the crawl processes, user + system, which does not depend on the machine's other load)
and the ratio of two workers to one, measured in the same run. Machines are shared and noisy:
read the ratio, not the absolute figures, and note the load printed with them: two
workers can only run twice as fast when two cores are free for them, so the script also
prints the bound that the CPU times give (twice the one worker's CPU over the two workers').

    python bench/distributed.py [--repeat 3] [--articles 2400] [--sites 8]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.crawl import build_world, serve  # noqa: E402
from tests.redis_server import redis_server  # noqa: E402

def _cmd(starts: list[str], out: str, *extra: str) -> list[str]:
    return [sys.executable, "-m", "crawler.cli", "crawl", *starts, "-o", out, "--no-robots", "--delay", "0",
            "--concurrency", "16", "--min-chars", "0", "--no-progress", "--log-level", "ERROR", *extra]


def run(starts: list[str], workers: int, redis_url: str | None, key: str) -> tuple[float, float, int, int]:
    """Elapsed seconds, CPU seconds of the crawl processes, article lines written, distinct ids."""
    with tempfile.TemporaryDirectory() as tmp:
        outs = [str(Path(tmp) / f"w{i}") for i in range(workers)]
        if redis_url:
            cmds = [_cmd(starts, o, "--workers", "0", "--redis", redis_url, "--redis-key", key) for o in outs]
        else:
            cmds = [_cmd(starts, outs[0], "--workers", "2")]
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        procs = [subprocess.Popen(c, cwd=ROOT, env=env, stdout=subprocess.DEVNULL) for c in cmds]  # stderr: errors only
        if any(p.wait() for p in procs):
            raise SystemExit("a crawl failed")
        elapsed = time.perf_counter() - t0
        cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
        ids = [json.loads(line)["id"] for o in outs
               for line in (Path(o) / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
        return elapsed, cpu, len(ids), len(set(ids))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--articles", type=int, default=2400)
    ap.add_argument("--sites", type=int, default=8)
    args = ap.parse_args()
    worlds = build_world(args.articles, args.sites)
    servers = [serve(pages, host=f"127.0.0.{2 + i}") for i, pages in enumerate(worlds)]
    starts = [f"http://127.0.0.{2 + i}:{s.server_address[1]}/sitemap.xml" for i, s in enumerate(servers)]
    configs = {"1 worker on Redis (--workers 0)": 1, "2 workers on Redis (--workers 0 each)": 2,
               "1 process, no Redis (--workers 2)": 0}
    times: dict[str, list[float]] = {c: [] for c in configs}
    cpus: dict[str, list[float]] = {c: [] for c in configs}
    counts: dict[str, tuple[int, int]] = {}
    try:
        with tempfile.TemporaryDirectory() as rdir, redis_server(Path(rdir)) as url:
            for r in range(args.repeat):
                for name, workers in configs.items():
                    t, cpu, lines, distinct = run(starts, workers or 1, url if workers else None, f"bench{r}w{workers}")
                    if lines != distinct or distinct != args.articles:
                        raise SystemExit(f"{name}: {lines} lines, {distinct} distinct, {args.articles} served")
                    times[name].append(t)
                    cpus[name].append(cpu)
                    counts[name] = (lines, distinct)
    finally:
        for s in servers:
            s.shutdown()
    load = os.getloadavg()
    print(f"{args.articles} articles on {args.sites} loopback sites; medians of {args.repeat} rounds "
          f"(whole command, startup included); load average after: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} "
          f"on {os.cpu_count()} cores")
    med = {name: statistics.median(ts) for name, ts in times.items()}
    for name in configs:
        print(f"  {name:40s} {med[name]:6.1f} s  {args.articles / med[name]:6.1f} articles/s  "
              f"CPU {statistics.median(cpus[name]):6.1f} s  ({counts[name][0]} articles, each once)")
    one, two = med["1 worker on Redis (--workers 0)"], med["2 workers on Redis (--workers 0 each)"]
    print(f"  two workers / one worker: {one / two:.2f}x")
    c1 = statistics.median(cpus["1 worker on Redis (--workers 0)"])
    c2 = statistics.median(cpus["2 workers on Redis (--workers 0 each)"])
    print(f"  CPU of two workers / one: {c2 / c1:.2f} (the second process's start-up, replaying the other's "
          f"articles into its index); on two otherwise idle cores that bounds the ratio at {2 * c1 / c2:.2f}x")
    print(f"  two workers / one process with 2 extraction processes: "
          f"{med['1 process, no Redis (--workers 2)'] / two:.2f}x")


if __name__ == "__main__":
    main()
