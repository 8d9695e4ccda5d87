"""Benchmark of story grouping: accuracy, signature speed, scale. Prints figures only.

    python bench/dedup.py                 # accuracy (2,000 base dispatches) + grid + speed + 100k/300k
    python bench/dedup.py --million       # add the 1M runs (generated on the fly)
    python bench/dedup.py --skip-grid --skip-scale
    python bench/dedup.py --skip-accuracy --corpus sentences --scale 100000 200000

Scale runs go over two corpora: ``synthetic`` (bench/synthetic.py, a sentence pool that
grows with n) and ``sentences`` (bench/sentences.py, a fixed pool of real sentences with
a skewed popularity, so documents share sentences with more and more others as n grows).
Each size runs in a fresh process; its peak memory is that of all its processes together
(sampled), and the growth exponent is log(t2/t1) / log(n2/n1) between consecutive sizes.
The texts are generated in a process of their own (the run's input, not its work); the
CPU seconds of each role (the grouping process, the signing workers, the generator) are
printed with the wall time, and the idle 2-core bound: the larger of the busiest
process's CPU and half of all the CPU, what the run would take alone on the machine.

No timed assertions: the machine is shared, so every timing is a median of repeats and
the speed claim is a ratio measured in the same run.
"""

from __future__ import annotations

import argparse
import glob
import json
import logging
import math
import os
import statistics
import subprocess
import sys
import threading
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


CORPORA = ("synthetic", "sentences")


class PeakRSS:
    """Peak resident memory of this process and its children together, sampled twice a second."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    @staticmethod
    def _rss(pid: int) -> int:
        try:
            with open(f"/proc/{pid}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) * 1024
        except OSError:
            pass
        return 0

    def _tree(self) -> list[int]:
        pids, todo = [], [os.getpid()]
        while todo:
            pid = todo.pop()
            pids.append(pid)
            for task in glob.glob(f"/proc/{pid}/task/*/children"):
                try:
                    todo += [int(x) for x in open(task).read().split()]
                except OSError:
                    pass
        return pids

    def _run(self) -> None:
        while not self._stop.wait(0.5):
            self.peak = max(self.peak, sum(self._rss(p) for p in self._tree()))

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def _produce(corpus: str, n: int, queue) -> None:
    """Generate the corpus in chunks into ``queue`` (a process of its own, the run's reader):
    the texts are the input, not the work measured, and generating them in the process that
    groups them made the benchmark's own generator the largest cost of that process. Ends
    with ``("done", words, cpu seconds)``."""
    from bench.sentences import sentence_docs

    gen = sentence_docs(n) if corpus == "sentences" else ((d, x, None) for d, x in scale_texts(n, seed=7))
    chunk, words = [], 0
    for rec in gen:
        chunk.append(rec)
        words += rec[1].count(" ") + 1
        if len(chunk) == 1024:
            queue.put(chunk)
            chunk = []
    if chunk:
        queue.put(chunk)
    queue.put(("done", words, time.process_time()))


def scale_one(corpus: str, n: int, workers: int) -> dict:
    """The engine of ``wirecrawl dedup`` (StoryIndex.add_many, signatures in workers) on n docs
    of one corpus, in this process (run it in a fresh one: peak memory is per process). The
    texts come from a generator process; CPU seconds are counted per role (this process, the
    signing workers, the generator), since on a shared machine they say more than the wall time."""
    import multiprocessing
    import resource

    mem = PeakRSS()
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue(maxsize=8)
    producer = ctx.Process(target=_produce, args=(corpus, n, queue), daemon=True)
    producer.start()
    idx = StoryIndex(IndexConfig(workers=workers))
    copies: list[tuple[int, int]] = []
    end: list = []

    def stream():
        while True:
            chunk = queue.get()
            if isinstance(chunk, tuple):
                end.extend(chunk[1:])
                return
            for doc_id, text, src in chunk:
                if src is not None:
                    copies.append((int(doc_id[1:]), src))
                yield doc_id, text

    t = time.perf_counter()
    cpu = time.process_time()
    new = 0
    for a in idx.add_many(stream()):
        new += a.is_new_story
    wall = time.perf_counter() - t
    main_cpu = time.process_time() - cpu
    producer.join()
    words_total, gen_cpu = end
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    workers_cpu = used.ru_utime + used.ru_stime - gen_cpu
    out = {"corpus": corpus, "n": n, "workers": workers, "wall": wall, "gen_cpu": gen_cpu, "main_cpu": main_cpu,
           "workers_cpu": workers_cpu, "stories": new,
           "words": words_total / n, "candidates": idx.stats["candidates"] / n,
           "band_hits": idx.stats["band_hits"] / n, "index_mib": idx.nbytes / 2**20}
    if copies:
        copy_ids = {c for c, _ in copies}
        joined = sum(idx.story_of(f"z{c}") == idx.story_of(f"z{src}") for c, src in copies)
        out["copies_joined"] = joined / len(copies)
        # a document that is no copy joined another's story: a false merge
        merged = sum(1 for i in range(n) if i not in copy_ids and idx.story_of(f"z{i}") != f"z{i}")
        out["bases_merged"] = merged / (n - len(copies))
    out["peak_mib"] = mem.stop() / 2**20
    return out


def _engine(m: dict) -> float:
    """CPU seconds of the grouping itself: this process and the signing workers."""
    return m["main_cpu"] + m["workers_cpu"]


def scale(corpus: str, sizes: list[int], workers: int) -> None:
    """Each size in a fresh process; prints docs/s, memory, candidates and the growth exponent."""
    prev = None
    for n in sizes:
        proc = subprocess.run([sys.executable, os.path.abspath(__file__), "--one", corpus, str(n),
                               "--workers", str(workers)], capture_output=True, text=True)
        if proc.returncode:
            print(f"scale {corpus} n={n:,}: failed\n{proc.stderr[-2000:]}", flush=True)
            return
        m = json.loads(proc.stdout.strip().splitlines()[-1])
        growth = (f", growth exponent {math.log(m['wall'] / prev['wall']) / math.log(n / prev['n']):.2f} "
                  f"(CPU of this process and the signing workers "
                  f"{math.log(_engine(m) / _engine(prev)) / math.log(n / prev['n']):.2f}) vs n={prev['n']:,}") if prev else ""
        extra = (f", copies joined {m['copies_joined']:.4f}, non-copies merged {m['bases_merged']:.4f}"
                 if "copies_joined" in m else "")
        # on an idle machine the run takes at least the CPU of its busiest process and half of all
        # of its CPU (2 cores); a run under load takes longer, the CPU seconds stay
        bound = max(m["main_cpu"], (_engine(m) + m["gen_cpu"]) / 2)
        print(f"scale {corpus} n={n:,} ({m['words']:.0f} words/doc): {m['wall']:.1f}s ({n / m['wall']:,.0f} docs/s, "
              f"{workers} workers, load {os.getloadavg()[0]:.1f}), CPU s: main {m['main_cpu']:.1f}, signing workers "
              f"{m['workers_cpu']:.1f}, text generator {m['gen_cpu']:.1f} (idle 2-core bound {bound:.0f}s), "
              f"stories={m['stories']:,}, "
              f"peak memory of all processes {m['peak_mib']:,.0f} MiB (index arrays {m['index_mib']:,.0f} MiB), "
              f"candidates verified {m['candidates']:.1f}/doc (band hits {m['band_hits']:.0f}/doc){extra}{growth}",
              flush=True)
        prev = m


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", type=int, default=2000, help="base dispatches in the labelled set")
    ap.add_argument("--scale", type=int, nargs="*", default=[100_000, 300_000], help="scale run sizes")
    ap.add_argument("--million", action="store_true", help="add the 1,000,000-document run")
    ap.add_argument("--corpus", choices=(*CORPORA, "both"), default="both",
                    help="scale corpus: synthetic (bench/synthetic.py scale_texts), sentences (bench/sentences.py)")
    ap.add_argument("--skip-accuracy", action="store_true", help="no labelled set, no signature speed")
    ap.add_argument("--one", nargs=2, metavar=("CORPUS", "N"), help=argparse.SUPPRESS)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--skip-grid", action="store_true")
    ap.add_argument("--skip-scale", action="store_true")
    args = ap.parse_args()
    if args.one:
        print(json.dumps(scale_one(args.one[0], int(args.one[1]), args.workers)))
        return
    if not args.skip_accuracy:
        accuracy_and_speed(args)
    if not args.skip_scale:
        print(f"load average at start {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
        for corpus in (CORPORA if args.corpus == "both" else (args.corpus,)):
            scale(corpus, args.scale + ([1_000_000] if args.million else []), args.workers)


def accuracy_and_speed(args) -> None:
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


if __name__ == "__main__":
    main()
