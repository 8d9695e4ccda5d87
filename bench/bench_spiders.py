"""Discovery core throughput: article detection, link extraction, sitemap parsing, URL keys.

Prints medians of repeated runs (the machine is shared, figures are noisy). Run:
    python bench/bench_spiders.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from spiders.feeds import parse_listing  # noqa: E402
from spiders.pages import classify, page_links, parse_html  # noqa: E402
from spiders.urls import dedup_key  # noqa: E402

REPEATS = 5


def median_seconds(fn, repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def article_html(i: int) -> bytes:
    paras = "".join(f"<p>{'Paragraph text of a typical wire dispatch, reworded. ' * 8} {j}</p>"
                    for j in range(12))
    links = "".join(f'<a href="/2026/11/{j % 28 + 1:02d}/related-story-{j}-about-things">r{j}</a>'
                    for j in range(150))
    return (f"<!DOCTYPE html><html><head><meta property='og:type' content='article'>"
            f"<title>Story {i}</title></head><body><nav>{links}</nav><article><h1>Story {i}</h1>"
            f"{paras}</article><footer>{links}</footer></body></html>").encode()


def main() -> None:
    pages = [article_html(i) for i in range(200)]
    trees = [parse_html(p, f"https://n.example/2026/11/20/story-{i}") for i, p in enumerate(pages)]
    n = len(pages)
    t_parse = median_seconds(lambda: [parse_html(p) for p in pages])
    t_classify = median_seconds(lambda: [classify(t, f"https://n.example/2026/11/20/story-{i}")
                                         for i, t in enumerate(trees)])
    t_links = median_seconds(lambda: [page_links(t, "https://n.example/") for t in trees])
    print(f"html pages: {sum(map(len, pages)) // n} bytes each, {n} pages")
    print(f"parse_html   {n / t_parse:8.0f} pages/s  ({t_parse / n * 1e3:.2f} ms/page)")
    print(f"classify     {n / t_classify:8.0f} pages/s  ({t_classify / n * 1e3:.2f} ms/page)")
    print(f"page_links   {n / t_links:8.0f} pages/s  ({t_links / n * 1e3:.2f} ms/page, 300 links)")

    entries = "".join(f"<url><loc>https://n.example/2026/11/{i % 28 + 1:02d}/story-{i}</loc>"
                      f"<lastmod>2026-11-{i % 28 + 1:02d}T10:00:00+01:00</lastmod></url>"
                      for i in range(50_000))
    sitemap = (f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
               f"{entries}</urlset>").encode()
    t_sitemap = median_seconds(lambda: parse_listing(sitemap), repeats=3)
    print(f"sitemap      50,000 entries ({len(sitemap) / 1e6:.1f} MB) in {t_sitemap:.2f} s "
          f"({50_000 / t_sitemap:,.0f} entries/s)")

    urls = [f"https://N.example:443/2026/11/20/story-{i}/?utm_source=x&b={i}&a=1#c" for i in range(20_000)]
    t_keys = median_seconds(lambda: [dedup_key(u) for u in urls])
    print(f"dedup_key    {len(urls) / t_keys:8,.0f} urls/s")


if __name__ == "__main__":
    main()
