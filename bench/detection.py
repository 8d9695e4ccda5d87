"""Article-page detection on real article pages: how many the spider would emit.

Every page of ../shared/bench/zyte is a real news or blog article, so each one judged "not
an article" is an article a crawl would miss. Prints the share and the misses with the
signals that voted (``spiders.pages.classify``). Measures recall only: the set has no
section or tag pages (the demo world and tests/test_spiders_pages.py cover those).

    python bench/detection.py
"""

from __future__ import annotations

import gzip
import json
import time
from pathlib import Path

from spiders.pages import classify, parse_html

ZYTE = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "zyte"


def main() -> None:
    truth = json.loads((ZYTE / "ground-truth.json").read_text(encoding="utf-8"))
    misses, times = [], []
    for pid, entry in sorted(truth.items()):
        html = gzip.decompress((ZYTE / "html" / f"{pid}.html.gz").read_bytes())
        t0 = time.perf_counter()
        decision = classify(parse_html(html, entry["url"]), entry["url"])
        times.append(time.perf_counter() - t0)
        if not decision.is_article:
            misses.append((entry["url"], decision))
    n = len(truth)
    times.sort()
    print(f"{n - len(misses)}/{n} real article pages judged articles ({(n - len(misses)) / n:.1%}); "
          f"classify median {times[n // 2] * 1000:.2f} ms/page (parse excluded)")
    for url, d in misses:
        print(f"  missed {url[:90]}  score {d.score}  {' '.join(d.reasons)}")


if __name__ == "__main__":
    main()
