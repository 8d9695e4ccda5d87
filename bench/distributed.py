"""Distributed crawl throughput: one worker vs two workers sharing one Redis.

Generates a loopback news world of ``--articles`` article pages (default 2,400; texts from
``bench.synthetic.scale_texts``, ~400 words, 30 % of them edited copies of earlier ones,
so the shared story index has real stories to join) spread over ``--sites`` hosts
(127.0.0.2, 127.0.0.3, ...), each behind a sitemap and served with HTTP/1.1 persistent
connections (as news servers serve them; a connection per page costs the crawler and the
world's server CPU on the same two cores); starts its own ``redis-server`` on
loopback; and crawls the world, in each round:

- **1 worker on Redis**: ``wirecrawl crawl SITEMAPS -o A --redis URL --workers 0``;
- **2 workers on Redis**: the same command twice at once (``-o A``, ``-o B``), one crawl key;
- **1 process, default**: ``wirecrawl crawl SITEMAPS -o A --workers 2`` (no Redis,
  extraction in 2 worker processes — the single-machine way to use both cores);
- **2 separate crawls at once**: the 1-worker command twice at once under two keys, each
  crawling the whole world: nothing shared, so the CPU each spends per article over what
  one worker alone spends is what two busy processes cost each other on this machine
  (caches, memory, the host's cores), a share of the two-worker round no sharing can avoid.

Every worker runs the same command, extraction in the crawl's own process
(``--workers 0``): one worker is one process, so one worker uses one core and two use two,
and the comparison on a 2-core machine is fair. All runs: ``--delay 0 --no-robots
--concurrency 16 --min-chars 0``, no per-host delay to keep (the host gate is off when
``DOWNLOAD_DELAY`` is 0). Each round checks that the union of the workers'
``articles.jsonl`` holds every article once. Prints, per configuration, the medians over
``--repeat`` rounds of the elapsed time of the whole command (startup included) and of
the CPU time (user + system) of each crawl process, of ``redis-server`` and of the world's
server (this script's threads), then the ratio of two workers to one per round and its
median. Machines are shared and noisy: read the ratio and the CPU times, and the load
average printed with them. Two workers can only run twice as fast when two cores are free
for them; the CPU times give what the ratio would be on two otherwise idle cores (one
worker's CPU over half the CPU the two-worker round used, Redis and the world included).

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


def run(starts: list[str], workers: int, redis_url: str | None, key: str, separate: bool = False) -> dict:
    """One crawl (``separate``: one whole crawl per worker, each under its own key, at once):
    elapsed seconds, CPU seconds of each crawl process, of redis-server and of the world's
    server, article lines written and distinct ids."""
    import redis

    client = redis.Redis.from_url(redis_url) if redis_url else None
    with tempfile.TemporaryDirectory() as tmp:
        outs = [str(Path(tmp) / f"w{i}") for i in range(workers)]
        if redis_url:
            cmds = [_cmd(starts, o, "--workers", "0", "--redis", redis_url,
                         "--redis-key", f"{key}-{i}" if separate else key) for i, o in enumerate(outs)]
        else:
            cmds = [_cmd(starts, outs[0], "--workers", "2")]
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        r0 = _redis_cpu(client)
        s0 = resource.getrusage(resource.RUSAGE_SELF)
        t0 = time.perf_counter()
        procs = [subprocess.Popen(c, cwd=ROOT, env=env, stdout=subprocess.DEVNULL) for c in cmds]  # stderr: errors only
        cpu = []
        for p in procs:
            _, status, usage = os.wait4(p.pid, 0)
            p.returncode = os.waitstatus_to_exitcode(status)
            cpu.append(usage.ru_utime + usage.ru_stime)  # the process and its children (--workers 2)
        elapsed = time.perf_counter() - t0
        s1 = resource.getrusage(resource.RUSAGE_SELF)
        if any(p.returncode for p in procs):
            raise SystemExit("a crawl failed")
        ids = [json.loads(line)["id"] for o in outs
               for line in (Path(o) / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
        return {"elapsed": elapsed, "cpu": cpu, "redis": _redis_cpu(client) - r0,
                "world": (s1.ru_utime - s0.ru_utime) + (s1.ru_stime - s0.ru_stime),
                "lines": len(ids), "distinct": len(set(ids))}


def _redis_cpu(client) -> float:
    if client is None:
        return 0.0
    info = client.info("cpu")
    return info["used_cpu_user"] + info["used_cpu_sys"]


ONE, TWO, DEFAULT = "1 worker on Redis", "2 workers on Redis", "1 process, no Redis (--workers 2)"
PAIR = "2 separate 1-worker crawls at once"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--articles", type=int, default=2400)
    ap.add_argument("--sites", type=int, default=8)
    args = ap.parse_args()
    worlds = build_world(args.articles, args.sites)
    servers = [serve(pages, host=f"127.0.0.{2 + i}") for i, pages in enumerate(worlds)]
    starts = [f"http://127.0.0.{2 + i}:{s.server_address[1]}/sitemap.xml" for i, s in enumerate(servers)]
    configs = {ONE: 1, TWO: 2, DEFAULT: 0, PAIR: 2}
    got: dict[str, list[dict]] = {c: [] for c in configs}
    loads = [os.getloadavg()[0]]
    try:
        with tempfile.TemporaryDirectory() as rdir, redis_server(Path(rdir)) as url:
            for r in range(args.repeat):
                for c, (name, workers) in enumerate(configs.items()):
                    g = run(starts, workers or 1, url if workers else None, f"bench{r}c{c}", name == PAIR)
                    if g["lines"] != g["distinct"] * (2 if name == PAIR else 1) or g["distinct"] != args.articles:
                        raise SystemExit(f"{name}: {g['lines']} lines, {g['distinct']} distinct, "
                                         f"{args.articles} served")
                    got[name].append(g)
                loads.append(os.getloadavg()[0])
    finally:
        for s in servers:
            s.shutdown()
    med = statistics.median
    print(f"{args.articles} articles on {args.sites} loopback sites; medians of {args.repeat} rounds "
          f"(whole command, startup included); {os.cpu_count()} cores; 1-minute load average at the "
          f"start and after each round: {' '.join(f'{x:.1f}' for x in loads)}")
    for name in configs:
        gs = got[name]
        n = args.articles * (2 if name == PAIR else 1)  # articles written, by all its processes
        t = med(g["elapsed"] for g in gs)
        per = [med(g["cpu"][i] for g in gs) for i in range(len(gs[0]["cpu"]))]
        print(f"  {name:34s} {t:6.1f} s {n / t:6.1f} articles/s  CPU: crawl "
              f"{' + '.join(f'{c:.1f}' for c in per)} s ({1000 * sum(per) / n:.1f} ms/article), "
              f"redis {med(g['redis'] for g in gs):.1f} s, world {med(g['world'] for g in gs):.1f} s")
    ratios = [a["elapsed"] / b["elapsed"] for a, b in zip(got[ONE], got[TWO])]
    print(f"  two workers / one worker: {med(ratios):.2f}x (per round: {', '.join(f'{x:.2f}' for x in ratios)})")
    c1 = med(sum(g["cpu"]) for g in got[ONE])
    c2 = med(sum(g["cpu"]) + g["redis"] + g["world"] for g in got[TWO])
    print(f"  on two otherwise idle cores (from CPU times: one worker {c1:.1f} s on one core; two workers, "
          f"Redis and the world {c2:.1f} s on two): {2 * c1 / c2:.2f}x")
    alone = med(sum(g["cpu"]) for g in got[ONE]) / args.articles
    paired = med(sum(g["cpu"]) for g in got[PAIR]) / (2 * args.articles)
    print(f"  CPU per article of one worker alone {1000 * alone:.1f} ms, of each of two separate crawls "
          f"at once {1000 * paired:.1f} ms ({100 * (paired / alone - 1):+.0f} %: what two busy processes "
          f"cost each other on this machine, shared or not)")
    print(f"  two workers / one process with 2 extraction processes: "
          f"{med(g['elapsed'] for g in got[DEFAULT]) / med(g['elapsed'] for g in got[TWO]):.2f}x")


if __name__ == "__main__":
    main()
