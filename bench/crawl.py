"""Crawl throughput: the 181 real pages, or a generated world of many sites.

Two benchmarks, each measured within one run (machines are shared and noisy: read the
ratios, and the load average printed with them).

**Real pages** (default): serves the 181 real pages of ../shared/bench/zyte on loopback
behind a sitemap (one site, no politeness delay) and crawls them with ``wirecrawl crawl
--workers 0`` and ``--workers 2`` in alternation; prints elapsed time, articles/s and the
speed-up, as medians over ``--repeat`` rounds. With AutoThrottle on (the default),
extraction in the reactor's thread also stalls downloads, which AutoThrottle reads as server
latency and answers by slowing down; worker processes avoid both the single core and that
stall.

    python bench/crawl.py [--repeat 3] [--copies 2]

**Generated world** (``--world N``): N article pages (``build_world``: ~400-word texts of
``bench.synthetic.scale_texts``, 30 % edited copies, a site template of ~20 KB, 8 related links each) on
``--sites`` loopback hosts (127.0.0.2, ...), each behind a sitemap index of sitemaps of
1,000 URLs, crawled from those indexes with the project's defaults plus no delay and a high
per-host concurrency (``--concurrency``, per host the same), by ``scrapy crawl news`` —
the old path (``WIRECRAWL_PARSE_ONCE=False``: the spider parses every page, the workers
parse articles again) and the new (``True``: one parse, in the workers) in alternation.
Prints, as medians over ``--repeat`` rounds: articles/s (whole command, startup
included), CPU cores used (user + system time of the crawl and its worker processes over
wall time), RSS growth of all its processes from a quarter of the run to its end (the
largest total after the quarter mark, less the total at it), and the reactor's largest lag
(``wirecrawl/reactor/max_lag_ms`` of ``run.json``).

    python bench/crawl.py --world 10000 [--sites 10] [--repeat 2] [--concurrency 32]
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.synthetic import scale_texts  # noqa: E402
from bench.zyte_pages import ZYTE_DIR  # noqa: E402

ZYTE = ZYTE_DIR / "html"


def load_pages(copies: int) -> dict[str, bytes]:
    pages = {}
    for c in range(copies):
        for f in sorted(ZYTE.glob("*.html.gz")):
            pages[f"/a/{c}/{f.name[:-8]}.html"] = gzip.decompress(f.read_bytes())
    return pages


def serve(pages: dict[str, bytes], host: str = "127.0.0.1", chunk: int = 1000) -> ThreadingHTTPServer:
    """Serves ``pages`` (path -> HTML) on ``host``, listed by ``/sitemap.xml`` (all of them) and
    by ``/sitemap_index.xml``, an index of ``/sitemap-K.xml`` files of ``chunk`` URLs each."""
    paths = list(pages)
    chunks = [paths[i:i + chunk] for i in range(0, len(paths), chunk)]

    def urlset(base: str, ps: list[str]) -> bytes:
        return ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                + "".join(f"<url><loc>{base}{p}</loc></url>" for p in ps) + "</urlset>").encode()

    class Handler(BaseHTTPRequestHandler):
        # Persistent connections, as news sites serve them (HTTP/1.0 cost the crawler a new
        # TCP connection per page, about a tenth of its CPU time).
        protocol_version = "HTTP/1.1"

        def do_GET(self):  # noqa: N802
            base = f"http://{self.headers['Host']}"
            ctype = "application/xml"
            if self.path == "/sitemap.xml":
                body = urlset(base, paths)
            elif self.path == "/sitemap_index.xml":
                body = ('<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                        + "".join(f"<sitemap><loc>{base}/sitemap-{k}.xml</loc></sitemap>"
                                  for k in range(len(chunks))) + "</sitemapindex>").encode()
            elif self.path.startswith("/sitemap-") and self.path[9:-4].isdigit() and int(self.path[9:-4]) < len(chunks):
                body = urlset(base, chunks[int(self.path[9:-4])])
            elif self.path in pages:
                body, ctype = pages[self.path], "text/html; charset=utf-8"
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    srv = ThreadingHTTPServer((host, 0), Handler)
    srv.daemon_threads = True
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} - Bench Herald</title>
<meta property="og:type" content="article"><meta property="og:title" content="{title}">
<meta property="article:published_time" content="{published}">{head}</head>
<body><header><a href="/">Bench Herald</a>{nav}</header><main><article>
<h1>{title}</h1>{byline}<time datetime="{published}">{published}</time>
{paragraphs}
{share}</article>{related}</main><footer>{footer}&copy; Bench Herald</footer></body></html>
"""
HEAD = """
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="canonical" href="{path}"><link rel="alternate" type="application/rss+xml" href="/feed.xml">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "{title}", "datePublished": "{published}", "publisher": {{"@type": "Organization",
"name": "Bench Herald"}}}}</script>
"""
COOKIES = """<div class="cookie-banner"><p>We use cookies to improve your experience and to measure our
audience. By continuing to browse you accept their use.</p><button>Accept</button></div>"""
# What a news site's template puts on every page: styles, scripts, navigation, a footer.
SECTIONS = ("world", "politics", "business", "markets", "technology", "science", "health", "sport",
            "culture", "opinion", "weather", "travel")
CHROME_HEAD = ("<style>" + "".join(f".c{i}{{margin:{i}px;padding:{i % 7}px;color:#{i:03x}}}" for i in range(300))
               + "</style>" + "".join(f'<script src="/static/app-{i}.js" defer></script>' for i in range(8))
               + "<script>" + "window.dataLayer=window.dataLayer||[];" * 60 + "</script>")
NAV = ("<nav><ul>" + "".join(f'<li><a href="/section/{s}/">{s.title()}</a></li>' for s in SECTIONS)
       + "</ul></nav>" + COOKIES)
FOOTER = "<ul>" + "".join(f'<li><a href="/{p}/">{p.replace("-", " ").title()}</a></li>' for p in
                          ("about", "contact", "privacy", "terms", "cookies", "newsletter", "subscribe",
                           "jobs", "advertise", "corrections")) + "</ul>"


def _letters(i: int) -> str:
    """``i`` in base 26 letters: distinct URL paths without digits (the trap guard masks
    digits, so numbered paths would share one path pattern and its budget)."""
    s = ""
    while True:
        i, d = divmod(i, 26)
        s = chr(97 + d) + s
        if i == 0:
            return s


def build_world(n: int, sites: int, related: int = 0, template: bool = False) -> list[dict[str, bytes]]:
    """``sites`` dicts of path -> article page (:func:`serve` adds the sitemaps listing them).

    Texts are ``bench.synthetic.scale_texts`` (~400 words, 30 % edited copies of earlier
    ones, so the story index has real stories to join); with ``template``, in a news site's
    template (styles, scripts, navigation to section pages, a cookie banner, a footer: about
    20 KB a page); each page links to ``related`` other articles of its site (in an ``<aside>``).
    """
    docs = []
    for i, (_, text) in enumerate(scale_texts(n, seed=11)):
        words = text.split()
        slug = "-".join("".join(c for c in w.lower() if "a" <= c <= "z") for w in words[:4])
        docs.append((f"/news/{slug}-{_letters(i)}.html", words))
    worlds: list[dict[str, bytes]] = [{} for _ in range(sites)]
    for i, (path, words) in enumerate(docs):
        title = " ".join(words[:8]).rstrip(".,")
        paras = "\n".join(f"<p>{html.escape(' '.join(words[k:k + 60]))}</p>" for k in range(0, len(words), 60))
        minute = i % (24 * 60)
        published = f"2026-11-{1 + i % 28:02d}T{minute // 60:02d}:{minute % 60:02d}:00Z"
        others = [docs[j] for j in range(i % sites, n, sites)]  # same site
        links = "".join(f'<li><a href="{p}">{html.escape(" ".join(w[:8]))}</a></li>'
                        for p, w in (others[(i // sites + 1 + k * 7) % len(others)] for k in range(related))
                        if p != path)
        chrome = dict(head=CHROME_HEAD + HEAD.format(path=path, title=html.escape(title), published=published),
                      nav=NAV, footer=FOOTER, byline='<p class="byline">By the Bench Herald staff</p>',
                      share='<div class="share"><a href="#">Share</a> <a href="#">Email this story</a></div>'
                      ) if template else dict(head="", nav="", footer="", byline="", share="")
        worlds[i % sites][path] = PAGE.format(
            title=html.escape(title), published=published, paragraphs=paras, **chrome,
            related=f"<aside><h2>Most read</h2><ul>{links}</ul></aside>" if links else "").encode()
    return worlds


def crawl(url: str, workers: int) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as out:
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "crawler.cli", "crawl", url, "-o", out, "--no-robots",
                        "--delay", "0", "--concurrency", "16", "--workers", str(workers), "--no-progress",
                        "--min-chars", "0"],
                       check=True, cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)),
                       stdout=subprocess.DEVNULL)
        elapsed = time.perf_counter() - t0
        run = json.loads((Path(out) / "run.json").read_text())
        return elapsed, run["summary"]["articles_kept"]


def _tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and every process below it (from /proc)."""
    parents: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat", "rb") as f:
                    parents[int(d)] = int(f.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                pass
    tree, frontier = {root}, [root]
    while frontier:
        p = frontier.pop()
        kids = [c for c, pp in parents.items() if pp == p and c not in tree]
        tree.update(kids)
        frontier.extend(kids)
    total = 0
    for pid in tree:
        try:
            with open(f"/proc/{pid}/statm") as f:
                total += int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            pass
    return total


def crawl_world(starts: list[str], parse_once: bool, concurrency: int) -> dict[str, float]:
    """One ``scrapy crawl news`` of the world: its figures (see the module docstring)."""
    with tempfile.TemporaryDirectory() as out:
        cmd = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", "start=" + ",".join(starts),
               "-s", f"WIRECRAWL_OUTPUT_DIR={out}", "-s", f"WIRECRAWL_PARSE_ONCE={parse_once}",
               "-s", "DOWNLOAD_DELAY=0", "-s", f"CONCURRENT_REQUESTS={concurrency}",
               "-s", f"CONCURRENT_REQUESTS_PER_DOMAIN={concurrency}", "-s", "LOG_LEVEL=ERROR"]
        cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)),
                                stdout=subprocess.DEVNULL)
        samples: list[tuple[float, int]] = []
        while proc.poll() is None:
            samples.append((time.perf_counter() - t0, _tree_rss(proc.pid)))
            time.sleep(0.5)
        if proc.returncode:
            raise SystemExit(f"the crawl failed ({proc.returncode})")
        wall = time.perf_counter() - t0
        cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
        run = json.loads((Path(out) / "run.json").read_text())
    quarter = min(samples, key=lambda s: abs(s[0] - wall / 4))
    later = [rss for t, rss in samples if t >= quarter[0]]
    kept = run["summary"]["articles_kept"]
    return {"articles": kept, "wall": wall, "rate": kept / wall, "cores": cpu / wall,
            "rss_growth_mb": (max(later) - quarter[1]) / 2**20,
            "lag_ms": run["stats"].get("wirecrawl/reactor/max_lag_ms", float("nan"))}


def main_world(args: argparse.Namespace) -> None:
    worlds = build_world(args.world, args.sites, related=8, template=True)
    servers = [serve(pages, host=f"127.0.0.{2 + i}") for i, pages in enumerate(worlds)]
    starts = [f"http://127.0.0.{2 + i}:{s.server_address[1]}/sitemap_index.xml" for i, s in enumerate(servers)]
    paths = {"old path (WIRECRAWL_PARSE_ONCE=False)": False, "one parse (WIRECRAWL_PARSE_ONCE=True)": True}
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in paths}
    loads = [os.getloadavg()[0]]
    try:
        for _ in range(args.repeat):
            for name, once in paths.items():
                runs[name].append(crawl_world(starts, once, args.concurrency))
                loads.append(os.getloadavg()[0])
    finally:
        for s in servers:
            s.shutdown()
    print(f"{args.world} articles on {args.sites} loopback sites, from their sitemap indexes; "
          f"concurrency {args.concurrency} (per host too), no delay; medians of {args.repeat} rounds; "
          f"1-min load average {min(loads):.1f}-{max(loads):.1f} on {os.cpu_count()} cores")
    for name, rs in runs.items():
        med = {k: statistics.median(r[k] for r in rs) for k in rs[0]}
        print(f"  {name:38s} {med['rate']:6.1f} articles/s ({int(med['articles'])} articles, {med['wall']:.1f} s)  "
              f"CPU {med['cores']:.2f} cores  RSS growth {med['rss_growth_mb']:+.0f} MB  "
              f"max reactor lag {med['lag_ms']:.0f} ms")
        print("    rounds: " + "; ".join(f"{r['rate']:.1f}/s {r['cores']:.2f} cores {r['rss_growth_mb']:+.0f} MB "
                                      f"{r['lag_ms']:.0f} ms" for r in rs))
    old, new = (statistics.median(r["rate"] for r in rs) for rs in runs.values())
    print(f"  one parse / old path: {new / old:.2f}x")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--copies", type=int, default=1, help="serve the 181 pages this many times")
    ap.add_argument("--world", type=int, default=0, metavar="N", help="crawl a generated world of N articles instead")
    ap.add_argument("--sites", type=int, default=10, help="with --world: loopback hosts")
    ap.add_argument("--concurrency", type=int, default=32, help="with --world: concurrent requests, in all and per host")
    args = ap.parse_args()
    if args.world:
        main_world(args)
        return
    pages = load_pages(args.copies)
    srv = serve(pages)
    url = f"http://127.0.0.1:{srv.server_address[1]}/sitemap.xml"
    times: dict[int, list[float]] = {0: [], 2: []}
    kept: dict[int, int] = {}
    try:
        for _ in range(args.repeat):
            for w in (0, 2):
                t, n = crawl(url, w)
                times[w].append(t)
                kept[w] = n
    finally:
        srv.shutdown()
    print(f"{len(pages)} pages served; medians of {args.repeat} rounds (whole command, startup included)")
    for w in (0, 2):
        med = statistics.median(times[w])
        print(f"  --workers {w}: {med:6.1f} s  {kept[w]} articles  {kept[w] / med:6.1f} articles/s")
    print(f"  speed-up with 2 worker processes: {statistics.median(times[0]) / statistics.median(times[2]):.2f}x")


if __name__ == "__main__":
    main()
