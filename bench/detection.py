"""Article-page detection on labelled real pages: precision, recall, non-article rejection.

The set (bench/pagetypes/labels.jsonl, how it was labelled: bench/pagetypes/README.md)
joins four groups of saved pages under ../shared/bench: ``zyte`` (181 news and blog
articles), ``dates-news`` (news pages from feeds, a few non-articles among them),
``trafilatura-eval`` (pages of many kinds; those whose URL shape makes the type plain) and
``frontpages`` (homepages, section, hub, imprint and privacy pages of news sites; not
committed, rebuilt by ``bench/pagetypes/frontpages.py`` into ``bench/pagetypes/frontpages/``). Prints
the figures over the whole set and per group, so that a rule that helps one group and
costs another shows, and each wrong call with the signals that voted
(``spiders.pages.classify``). Pages are judged alone, as a crawl meets a page it found by a
link; the ``(feed)`` line judges the feed-collected group again as feed entries.

    python bench/detection.py [--misses]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.pagetypes.frontpages import HOW as FRONTPAGES_HOW  # noqa: E402
from bench.pagetypes.frontpages import OUT as FRONTPAGES  # noqa: E402
from spiders.pages import PageHints, classify, parse_html  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "bench"
# Where each group lives; the shared folder unless named here.
GROUP_DIRS = {"frontpages": FRONTPAGES}
LABELS = ROOT / "bench" / "pagetypes" / "labels.jsonl"
# Groups whose pages were collected from their sites' feeds: also judged as a crawl reaching
# them through the feed would (``PageHints(listed="feed")``).
FEED_GROUPS = ("dates-news",)


def _html(group: str, pid: str) -> bytes:
    if group == "zyte":
        return (SHARED / "zyte" / "html" / f"{pid}.html.gz").read_bytes()
    items = _items(group)
    return (_dir(group) / items[pid]).read_bytes()


def _dir(group: str) -> Path:
    return GROUP_DIRS.get(group, SHARED / group)


_ITEMS: dict[str, dict[str, str]] = {}


def _items(group: str) -> dict[str, str]:
    if group not in _ITEMS:
        lines = (_dir(group) / "items.jsonl").read_text(encoding="utf-8").splitlines()
        _ITEMS[group] = {it["id"]: it["html"] for it in map(json.loads, lines)}
    return _ITEMS[group]


def _figures(rows: list[tuple[str, bool]]) -> str:
    tp = sum(1 for label, said in rows if label == "article" and said)
    fp = sum(1 for label, said in rows if label == "other" and said)
    arts = sum(1 for label, _ in rows if label == "article")
    others = len(rows) - arts
    precision = tp / (tp + fp) if tp + fp else float("nan")
    recall = tp / arts if arts else float("nan")
    rejection = (others - fp) / others if others else float("nan")
    return (f"precision {precision:.3f}  recall {recall:.3f} ({tp}/{arts})  "
            f"non-articles rejected {rejection:.3f} ({others - fp}/{others})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--misses", action="store_true", help="list every wrong call")
    args = ap.parse_args()
    labels = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines()]
    if not (FRONTPAGES / "items.jsonl").exists():
        sys.exit(FRONTPAGES_HOW)
    results: dict[str, list[tuple[str, bool]]] = {}
    wrong, times = [], []
    for row in labels:
        html = gzip.decompress(_html(row["set"], row["id"]))
        tree = parse_html(html, row["url"])
        t0 = time.perf_counter()
        decision = classify(tree, row["url"])
        times.append(time.perf_counter() - t0)
        results.setdefault(row["set"], []).append((row["label"], decision.is_article))
        if decision.is_article != (row["label"] == "article"):
            wrong.append((row, decision))
        if row["set"] in FEED_GROUPS:
            listed = classify(tree, row["url"], PageHints(listed="feed"))
            results.setdefault(f"{row['set']} (feed)", []).append((row["label"], listed.is_article))
    times.sort()
    every = [r for group, rows in results.items() if not group.endswith("(feed)") for r in rows]
    print(f"{len(every)} labelled pages: {_figures(every)}")
    for group, rows in sorted(results.items()):
        print(f"  {group:17s} {len(rows):4d}  {_figures(rows)}")
    print(f"classify median {times[len(times) // 2] * 1000:.2f} ms/page (parse excluded)")
    if args.misses:
        for row, d in wrong:
            print(f"  {row['label']:7s} judged {'article' if d.is_article else 'other':7s} "
                  f"{row['set']}:{row['id'][:24]} {row['url'][:80]}  {d.score} {' '.join(d.reasons)}")


if __name__ == "__main__":
    main()
