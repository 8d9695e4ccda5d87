"""Extraction quality and speed on the Zyte article-extraction benchmark pages.

Prints, in one run, ``extract_article`` (trafilatura + wirecrawl cleanup) against plain
``trafilatura.extract(html, include_comments=False)`` and the same with
``favor_precision=True``: precision, recall, F1 (± bootstrap std), accuracy, pages/s, the
median per-page time ratio against plain trafilatura, and the share of pages where a
``published`` date was found. ``wirecrawl-nodate`` switches the dates stage (another
module) off; ``wc-full-nodate`` also runs trafilatura's full cascade on every page
(``fast_first=False``), so its ratio is the overhead of our own stages alone. Metric as
the benchmark's README defines it: multisets of 4-token shingles over ``\\w+``; precision
averaged over non-empty predictions, recall over all pages, F1 of the two means.

Usage: python bench/extraction.py [--data /work/shared/bench/zyte] [--repeat N] [--limit N]
       [--dump DIR]  (writes per-page predictions and scores for inspection)
       python bench/extraction.py --ablation [--limit N] [--workers N] [--only trafilatura,-prune]
       (every stage's effect on P and R on both extraction sets: ``bench/ablation.py``)
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import trafilatura  # noqa: E402
from bench.zyte_pages import ZYTE_DIR, load_pages  # noqa: E402

from crawler.extract import ExtractOptions, extract_article  # noqa: E402

logger = logging.getLogger("bench.extraction")
_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN.findall(text or "")
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def page_scores(pred: str, truth: str) -> tuple[float | None, float, bool]:
    """(precision or None for an empty prediction, recall, exact token match)."""
    p, t = shingles(pred), shingles(truth)
    tp = sum((p & t).values())
    fp = sum(p.values()) - tp
    fn = sum(t.values()) - tp
    precision = 1.0 if fp == 0 and fn == 0 else (tp / (tp + fp) if tp + fp else 0.0)
    recall = 1.0 if fp == 0 and fn == 0 else (tp / (tp + fn) if tp + fn else 0.0)
    exact = _TOKEN.findall(pred or "") == _TOKEN.findall(truth or "")
    return (precision if _TOKEN.findall(pred or "") else None), recall, exact


def summary(scores: list[tuple[float | None, float, bool]]) -> tuple[float, float, float, float]:
    precs = [s[0] for s in scores if s[0] is not None]
    p = sum(precs) / len(precs) if precs else 0.0
    r = sum(s[1] for s in scores) / len(scores)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    acc = sum(s[2] for s in scores) / len(scores)
    return p, r, f1, acc


def bootstrap_std(scores, n: int = 1000, seed: int = 0) -> float:
    rng = random.Random(seed)
    f1s = []
    for _ in range(n):
        sample = [scores[rng.randrange(len(scores))] for _ in scores]
        f1s.append(summary(sample)[2])
    return statistics.pstdev(f1s)


def load(data: Path, limit: int | None):
    return [(p.pid, p.url, p.html, p.truth) for p in load_pages(data, limit)]


def run(pages, repeat: int):
    from crawler.extract import article
    from crawler.extract.dates import PageDates

    def no_dates(*args, **kwargs):
        return PageDates()

    def without_dates(html, url):  # our own cost, the dates stage (another module) switched off
        saved, article.find_page_dates = article.find_page_dates, no_dates
        try:
            return extract_article(html, url)
        finally:
            article.find_page_dates = saved

    full_cascade = ExtractOptions(fast_first=False)

    def full_without_dates(html, url):  # trafilatura's full cascade every time: our cleanup's own overhead
        saved, article.find_page_dates = article.find_page_dates, no_dates
        try:
            return extract_article(html, url, options=full_cascade)
        finally:
            article.find_page_dates = saved

    systems = {
        "wirecrawl": lambda html, url: extract_article(html, url),
        "wirecrawl-nodate": without_dates,
        "wc-full-nodate": full_without_dates,
        "trafilatura": lambda html, url: trafilatura.extract(html, url=url, include_comments=False),
        "traf-precision": lambda html, url: trafilatura.extract(html, url=url, include_comments=False, favor_precision=True),
    }
    times = {name: [[] for _ in pages] for name in systems}
    outputs: dict[str, list] = {name: [None] * len(pages) for name in systems}
    for _ in range(repeat):
        for i, (pid, url, html, _) in enumerate(pages):
            for name, fn in systems.items():  # interleaved so load noise hits all alike
                t0 = time.perf_counter()
                out = fn(html, url)
                times[name][i].append(time.perf_counter() - t0)
                outputs[name][i] = out
    return systems, times, outputs


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=ZYTE_DIR)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--dump", type=Path, default=None)
    ap.add_argument("--ablation", action="store_true", help="each stage off in turn, on both extraction sets")
    ap.add_argument("--workers", type=int, default=None, help="--ablation: processes (default: every core)")
    ap.add_argument("--only", default="", help="--ablation: comma-separated parts of the variant names to run")
    args = ap.parse_args(argv)
    if args.repeat < 1:
        ap.error(f"--repeat ({args.repeat!r}) must be >= 1")
    logging.basicConfig(level=logging.ERROR)
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    if args.ablation:
        from bench.ablation import main as ablation
        return ablation(args.limit, args.workers, tuple(filter(None, args.only.split(","))))
    pages = load(args.data, args.limit)
    systems, times, outputs = run(pages, args.repeat)
    plain_med = [statistics.median(t) for t in times["trafilatura"]]
    print(f"{len(pages)} pages, repeat {args.repeat} (per-page time = median of repeats)")
    print(f"{'system':<16} {'P':>6} {'R':>6} {'F1':>6} {'±std':>6} {'acc':>6} {'pages/s':>8} {'ratio':>6} {'published':>9}")
    for name in systems:
        texts = [o.text if hasattr(o, "text") else (o or "") for o in outputs[name]]
        scores = [page_scores(t, p[3]) for t, p in zip(texts, pages)]
        p, r, f1, acc = summary(scores)
        std = bootstrap_std(scores)
        med = [statistics.median(t) for t in times[name]]
        pps = len(pages) / sum(med)
        ratio = statistics.median(m / b for m, b in zip(med, plain_med) if b > 0)
        pub = ""
        if name == "wirecrawl":
            pub = f"{sum(o.published is not None for o in outputs[name]) / len(pages):.1%}"
        print(f"{name:<16} {p:6.3f} {r:6.3f} {f1:6.3f} {std:6.3f} {acc:6.3f} {pps:8.1f} {ratio:6.2f} {pub:>9}")
        if args.dump:
            args.dump.mkdir(parents=True, exist_ok=True)
            rows = [{"id": pg[0], "url": pg[1], "precision": s[0], "recall": s[1], "pred": t, "truth": pg[3]}
                    for pg, s, t in zip(pages, scores, texts)]
            (args.dump / f"{name}.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
