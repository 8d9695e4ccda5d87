"""Crawl throughput: extraction in the crawler's process vs in worker processes.

With AutoThrottle on (the default), extraction in the reactor's thread also stalls
downloads, which AutoThrottle reads as server latency and answers by slowing down; worker
processes avoid both the single core and that stall.

Serves the 181 real pages of ../shared/bench/zyte on loopback behind a sitemap (one site,
no politeness delay), crawls them with ``wirecrawl crawl --workers 0`` and ``--workers 2``
in alternation, and prints elapsed time, articles/s and the speed-up, as medians over
``--repeat`` rounds. Machines are shared and noisy: read the ratio, not the absolute figures.

    python bench/crawl.py [--repeat 3] [--copies 2]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
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

from bench.zyte_pages import ZYTE_DIR  # noqa: E402

ZYTE = ZYTE_DIR / "html"


def load_pages(copies: int) -> dict[str, bytes]:
    pages = {}
    for c in range(copies):
        for f in sorted(ZYTE.glob("*.html.gz")):
            pages[f"/a/{c}/{f.name[:-8]}.html"] = gzip.decompress(f.read_bytes())
    return pages


def serve(pages: dict[str, bytes], host: str = "127.0.0.1") -> ThreadingHTTPServer:
    """Serves ``pages`` (path -> HTML) and ``/sitemap.xml`` listing them, on ``host``."""
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            if self.path == "/sitemap.xml":
                base = f"http://{self.headers['Host']}"
                body = ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                        + "".join(f"<url><loc>{base}{p}</loc></url>" for p in pages) + "</urlset>").encode()
                ctype = "application/xml"
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
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--copies", type=int, default=1, help="serve the 181 pages this many times")
    args = ap.parse_args()
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
