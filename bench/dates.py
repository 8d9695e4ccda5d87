"""Dates: ``find_dates`` against htmldate on labelled real pages, and its speed and coverage.

``--sets`` (default ``dates-news url-dated``, see ``bench/dated_pages.py``): each page goes
once through ``extract_article`` with ``article.find_page_dates`` wrapped so that the exact
arguments it receives (the parsed tree, the cleaned body, the detected language) are
recorded; then on those arguments wirecrawl's ``find_dates`` (with and without htmldate's
second opinion) and htmldate's ``find_date(original_date=True, extensive_search=True /
False)`` (on the same parsed tree) each date every page, timed. Prints accuracy, precision,
right/wrong/none (the metric of ``../shared/bench/score_sets.py``) and median / p90 ms per
page of each, in one run.

Then, on the Zyte benchmark pages: ``find_dates`` alone timed ``--repeat`` times per page
on the recorded arguments (per-page median kept), with our own sources only and with
htmldate's second opinion; prints the median and 90th percentile ms/page, the total, and the share of pages with a ``published`` date (the coverage figure
of issue 4). ``--profile`` prints the top functions of a cProfile run over all pages.

Usage: python bench/dates.py [--data /work/shared/bench/zyte] [--repeat 5] [--limit N]
       [--sets dates-news url-dated | --sets] [--profile] [--show-missing]
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
from crawler.extract.dates import find_dates  # noqa: E402
from htmldate import find_date  # noqa: E402

from bench.dated_pages import news_pages, scorer, url_dated_pages  # noqa: E402
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


SETS = {"dates-news": news_pages, "url-dated": url_dated_pages}


def _timed(fn, *args, **kwargs):
    t0 = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - t0


def daters(pages) -> dict[str, list[tuple[object, float]]]:
    """(answer, seconds) of each dater on each page. ``find_dates`` gets the tree extraction
    parsed (parsing not timed); htmldate gets the page bytes, as a user calls it (its
    parsing is timed; on a tree of ours it answers a little differently)."""
    calls = {pid: (a, kw) for pid, a, kw, _ in capture([(p.pid, p.url, p.html) for p in pages])}
    out: dict[str, list[tuple[object, float]]] = {
        "wirecrawl find_dates": [], "wirecrawl, own sources only": [],
        "htmldate extensive_search=True": [], "htmldate extensive_search=False": []}
    for page in pages:
        a, kw = calls.get(page.pid, ((None,), {}))
        for name, second in (("wirecrawl find_dates", True), ("wirecrawl, own sources only", False)):
            out[name].append(_timed(lambda: find_dates(*a, **kw, second_opinion=second)[0])
                             if kw else (None, 0.0))
        for name, extensive in (("htmldate extensive_search=True", True),
                                ("htmldate extensive_search=False", False)):
            out[name].append(_timed(find_date, page.html, url=page.url, original_date=True,
                                    extensive_search=extensive))
    return out


def print_sets(names: list[str]) -> None:
    day_right = scorer()._day_right
    for name in names:
        pages = SETS[name]()
        print(f"{name}: {len(pages)} pages")
        print(f"  {'dater':34} accuracy  precision  right/wrong/none  ms/page median  p90    mean")
        for dater, answers in daters(pages).items():
            verdicts = [day_right(ans, p.day) for (ans, _), p in zip(answers, pages)]
            right, wrong, none = (verdicts.count(v) for v in ("right", "wrong", "none"))
            ms = sorted(t * 1000 for _, t in answers)
            print(f"  {dater:34} {right / len(pages):.3f}     {right / max(1, right + wrong):.3f}"
                  f"      {right}/{wrong}/{none:<12} {statistics.median(ms):7.2f}  "
                  f"{ms[int(0.9 * (len(ms) - 1))]:6.2f}  {statistics.mean(ms):6.2f}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=ZYTE_DIR)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--show-missing", action="store_true")
    ap.add_argument("--sets", nargs="*", choices=sorted(SETS), default=list(SETS),
                    help="labelled sets to compare with htmldate on (none: --sets alone)")
    args = ap.parse_args(argv)
    if args.repeat < 1:
        ap.error(f"--repeat ({args.repeat!r}) must be >= 1")
    logging.basicConfig(level=logging.ERROR)
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    print_sets(args.sets)
    pages = load(args.data, args.limit)
    calls = capture(pages)
    print(f"{len(calls)} pages, repeat {args.repeat} (per-page time = median of repeats)")
    for label, second in (("own sources only", False), ("find_dates", True)):
        times: list[list[float]] = [[] for _ in calls]
        results = [None] * len(calls)
        for _ in range(args.repeat):
            for i, (_, a, kw, _) in enumerate(calls):
                t0 = time.perf_counter()
                results[i] = find_dates(*a, **kw, second_opinion=second)
                times[i].append(time.perf_counter() - t0)
        med = sorted(statistics.median(t) * 1000 for t in times)
        print(f"{label} ms/page: median {statistics.median(med):.3f}  "
              f"p90 {med[int(0.9 * (len(med) - 1))]:.3f}  max {med[-1]:.3f}  total {sum(med):.1f}")
    found = sum(r[0] is not None for r in results)
    modified = sum(r[1] is not None for r in results)
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
            find_dates(*a, **kw)
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
