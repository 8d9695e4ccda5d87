"""Speed and coverage of ``find_page_dates`` alone on the Zyte benchmark pages.

``bench/extraction.py`` measures the whole extractor; this isolates the dates stage. Each
page goes once through ``extract_article`` with ``article.find_page_dates`` wrapped so that the
exact arguments it receives (the parsed tree, the cleaned body, the detected language)
are recorded; then ``find_page_dates`` alone is timed on those arguments, ``--repeat`` times
per page, and the per-page median is kept. Prints the median and 90th percentile ms/page,
the total, and the share of pages with a ``published`` date (the coverage figure of
issue 4). ``--profile`` prints the top functions of a cProfile run over all pages.

Usage: python bench/dates.py [--data /work/shared/bench/zyte] [--repeat 5] [--limit N]
       [--profile] [--show-missing]
"""

from __future__ import annotations

import argparse
import cProfile
import logging
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from crawler.extract import article, extract_article  # noqa: E402
from crawler.extract.dates import find_page_dates  # noqa: E402

from bench.zyte_pages import ZYTE_DIR, load_pages  # noqa: E402

logger = logging.getLogger("bench.dates")


def load(data: Path, limit: int | None) -> list[tuple[str, str, str]]:
    return [(p.pid, p.url, p.html) for p in load_pages(data, limit)]


def capture(pages) -> list[tuple[str, tuple, dict, float]]:
    """The (page id, args, kwargs, seconds) of the ``find_page_dates`` call of ``extract_article``
    on each page: its arguments and the time of that first call on the fresh tree."""
    calls: list[tuple[str, tuple, dict, float]] = []
    saved = article.find_page_dates

    def recorder(*args, **kwargs):
        t0 = time.perf_counter()
        result = saved(*args, **kwargs)
        calls.append((current, args, kwargs, time.perf_counter() - t0))
        return result

    article.find_page_dates = recorder
    try:
        for current, url, html in pages:
            extract_article(html, url)
    finally:
        article.find_page_dates = saved
    return calls


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=ZYTE_DIR)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--show-missing", action="store_true")
    args = ap.parse_args(argv)
    if args.repeat < 1:
        ap.error(f"--repeat ({args.repeat!r}) must be >= 1")
    logging.basicConfig(level=logging.ERROR)
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    pages = load(args.data, args.limit)
    calls = capture(pages)
    times: list[list[float]] = [[] for _ in calls]
    results = [None] * len(calls)
    for _ in range(args.repeat):
        for i, (_, a, kw, _) in enumerate(calls):
            t0 = time.perf_counter()
            found = find_page_dates(*a, **kw)
            results[i] = (found.published, found.modified)
            times[i].append(time.perf_counter() - t0)
    med = sorted(statistics.median(t) * 1000 for t in times)
    found = sum(r[0] is not None for r in results)
    modified = sum(r[1] is not None for r in results)
    print(f"{len(calls)} pages, repeat {args.repeat} (per-page time = median of repeats)")
    print(f"find_page_dates ms/page: median {statistics.median(med):.3f}  "
          f"p90 {med[int(0.9 * (len(med) - 1))]:.3f}  max {med[-1]:.3f}  total {sum(med):.1f}")
    first = sorted(c[3] * 1000 for c in calls)
    print(f"first call (inside extract_article, fresh tree): median {statistics.median(first):.3f}  "
          f"p90 {first[int(0.9 * (len(first) - 1))]:.3f}  total {sum(first):.1f}")
    print(f"published found: {found}/{len(calls)} = {found / len(calls):.1%}  "
          f"(modified: {modified / len(calls):.1%})")
    if args.show_missing:
        for (pid, a, kw, _), r in zip(calls, results):
            if r[0] is None:
                print("missing:", pid, kw.get("url"), kw.get("language"))
    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        for _, a, kw, _ in calls:
            find_page_dates(*a, **kw)
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
