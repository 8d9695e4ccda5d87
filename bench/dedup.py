"""Benchmark of story grouping: accuracy, signature speed, scale. Prints figures only.

    python bench/dedup.py                 # accuracy (2,000 base dispatches) + grid + speed + 10k/100k
    python bench/dedup.py --million       # add the 1M run (generated on the fly)
    python bench/dedup.py --skip-grid --skip-scale

No timed assertions: the machine is shared, so every timing is a median of repeats and
the speed claim is a ratio measured in the same run.
"""

from __future__ import annotations

import argparse
import logging
import os
import resource
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from datasketch import MinHash  # noqa: E402

from dedup import IndexConfig, StoryIndex  # noqa: E402
from dedup.shingles import shingles, words  # noqa: E402
from dedup.signatures import MinHasher  # noqa: E402
from bench.synthetic import evaluate, labelled_corpus, scale_texts  # noqa: E402

log = logging.getLogger("bench.dedup")


def accuracy(corpus, config: IndexConfig | None = None) -> dict:
    idx = StoryIndex(config)
    t = time.perf_counter()
    pred = {d.doc_id: idx.add(d.doc_id, d.text, site=d.site, published=d.published).story_id for d in corpus.docs}
    m = evaluate(corpus, pred)
    m["seconds"] = time.perf_counter() - t
    return m


def fmt(m: dict) -> str:
    return (f"P={m['precision']:.4f} R={m['recall']:.4f} ARI={m['ari']:.4f} hardneg={m['hard_negative_pairs_merged']} "
            f"third={m['third_joined']:.3f} half={m['half_joined']:.3f} ({m['seconds']:.1f}s)")


def speed(texts: list[str], reps: int = 3) -> None:
    h = MinHasher()
    sub = texts[:300]
    ours, theirs = [], []
    for _ in range(reps):
        t = time.perf_counter()
        h.signatures(texts)
        ours.append(len(texts) / (time.perf_counter() - t))
        t = time.perf_counter()
        for x in sub:
            m = MinHash(num_perm=128, seed=1)
            for s in shingles(words(x), 5):
                m.update(s.encode("utf-8"))
        theirs.append(len(sub) / (time.perf_counter() - t))
    a, b = statistics.median(ours), statistics.median(theirs)
    print(f"signatures: ours {a:,.0f} docs/s, datasketch MinHash.update per shingle {b:,.0f} docs/s "
          f"-> {a / b:.1f}x (median of {reps}, 1 process, {sum(len(t.split()) for t in texts) / len(texts):.0f} words/doc)")


def scale(n: int, workers: int) -> None:
    """The engine of ``wirecrawl dedup`` (StoryIndex.add_many, signatures in workers) on n docs."""
    idx = StoryIndex(IndexConfig(workers=workers))
    t = time.perf_counter()
    new = 0
    words_total = 0

    def stream():
        nonlocal words_total
        for doc_id, text in scale_texts(n, seed=7):
            words_total += text.count(" ") + 1
            yield doc_id, text

    gen_t = time.perf_counter()
    for _ in scale_texts(min(n, 20000), seed=7):
        pass
    gen = (time.perf_counter() - gen_t) * n / min(n, 20000)  # generating the texts, not our work
    t = time.perf_counter()
    for a in idx.add_many(stream()):
        new += a.is_new_story
    wall = time.perf_counter() - t
    # query latency at this size (median over 1,000 fresh texts, signature included)
    qt = []
    for _, x in scale_texts(1000, seed=99):
        t0 = time.perf_counter()
        idx.query(x)
        qt.append(time.perf_counter() - t0)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rss_c = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"scale n={n:,} ({words_total / n:.0f} words/doc): {wall:.1f}s incl. ~{gen:.0f}s generating texts "
          f"({n / wall:,.0f} docs/s, {workers} workers), stories={new:,}, index arrays {idx.nbytes / 2**20:,.0f} MiB, "
          f"peak RSS main {rss:,.0f} MiB / worker {rss_c:,.0f} MiB (all processes <= {rss + workers * rss_c:,.0f} MiB), "
          f"query median {statistics.median(qt) * 1e3:.3f} ms at {len(idx):,} indexed, "
          f"LSH candidates {idx.stats['candidates'] / n:.1f}/doc",
          flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", type=int, default=2000, help="base dispatches in the labelled set")
    ap.add_argument("--scale", type=int, nargs="*", default=[10_000, 100_000], help="scale run sizes")
    ap.add_argument("--million", action="store_true", help="add the 1,000,000-document run")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--skip-grid", action="store_true")
    ap.add_argument("--skip-scale", action="store_true")
    args = ap.parse_args()
    corpus = labelled_corpus(args.base, seed=1)
    print(f"labelled set: {len(corpus.docs):,} docs, {args.base:,} base dispatches, "
          f"{len(corpus.hard_negatives):,} hard-negative story pairs")
    print("defaults:", fmt(accuracy(corpus)))
    if not args.skip_grid:
        for num_perm in (64, 128, 256):
            for k in (3, 4, 5):
                for th in (0.4, 0.5, 0.6):
                    print(f"  num_perm={num_perm:3d} shingle={k} threshold={th}:",
                          fmt(accuracy(corpus, IndexConfig(num_perm=num_perm, shingle_size=k, threshold=th))))
    speed([d.text for d in corpus.docs[:3000]])
    speed([x for _, x in scale_texts(3000, seed=5)])
    if not args.skip_scale:
        for n in args.scale + ([1_000_000] if args.million else []):
            scale(n, args.workers)


if __name__ == "__main__":
    main()
