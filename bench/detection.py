"""Article-page detection on real article pages: how many the spider would emit.

Every page of ../shared/bench/zyte is a real news or blog article, so each one judged "not
an article" is an article a crawl would miss. Prints the share and the misses with the
signals that voted (``spiders.pages.classify``). Measures recall only: the set has no
section or tag pages (the demo world and tests/test_spiders_pages.py cover those).

    python bench/detection.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from spiders.pages import classify, parse_html  # noqa: E402
from bench.zyte_pages import load_pages  # noqa: E402


def main() -> None:
    pages = load_pages()
    misses, times = [], []
    for page in pages:
        tree = parse_html(page.html, page.url)
        t0 = time.perf_counter()
        decision = classify(tree, page.url)
        times.append(time.perf_counter() - t0)
        if not decision.is_article:
            misses.append((page.url, decision))
    n = len(pages)
    times.sort()
    print(f"{n - len(misses)}/{n} real article pages judged articles ({(n - len(misses)) / n:.1%}); "
          f"classify median {times[n // 2] * 1000:.2f} ms/page (parse excluded)")
    for url, d in misses:
        print(f"  missed {url[:90]}  score {d.score}  {' '.join(d.reasons)}")


if __name__ == "__main__":
    main()
