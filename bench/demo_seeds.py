"""Run ``wirecrawl demo --seed N`` over many seeds and print which worlds are not "all as expected".

A seed passes as ``tests/test_e2e_demo_seeds.py`` asks: the demo's verdict, and every article
found, its body exactly right and its date right (the verdict alone tolerates a body that
differs by a line).

Each seed draws a different demo world (outlets without metadata, split bodies, briefs,
zones stated only in feeds, comment sections, a Chinese or Japanese outlet), so a sweep over
seeds is how the crawler is checked on worlds no test names. The tests run a few seeds;
this runs as many as asked, one after another (each crawl uses both cores), as a user
runs the command, and prints the differences the demo reported for each failing seed.

    python bench/demo_seeds.py --seeds 0-143
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_COUNTS = ("articles found", "bodies exactly right", "published dates right")
_DIFFERENCES = ("missing:", "non-article emitted:", "emitted twice:", "body differs:", "date differs:",
                "leaked into the body:", "disallowed requested:", "bad line:")


def seed_range(text: str) -> list[int]:
    """``"0-9,20,30-31"`` -> the seeds, in order."""
    seeds: list[int] = []
    for part in text.split(","):
        lo, _, hi = part.strip().partition("-")
        seeds.extend(range(int(lo), int(hi or lo) + 1))
    return seeds


def run_seed(seed: int, out: Path) -> tuple[bool, dict[str, str], list[str]]:
    """(all as expected, the counts line by line, the demo's difference lines)."""
    proc = subprocess.run([sys.executable, "-m", "crawler.cli", "demo", "--seed", str(seed), "-o",
                           str(out / f"seed{seed}"), "--no-progress"],
                          capture_output=True, text=True, timeout=600, cwd=ROOT)
    text = proc.stdout
    counts = {name: m.group(1) for name in _COUNTS
              if (m := re.search(rf"{name}\s+(\d+/\d+)", text))}
    diffs = [line.strip() for line in text.splitlines()
             if line.strip().startswith(_DIFFERENCES)]
    whole = all(a == b for a, b in (c.split("/") for c in counts.values()))  # as the tests ask: every one
    ok = proc.returncode == 0 and "verdict: all as expected" in text and whole and len(counts) == len(_COUNTS)
    if not ok and not diffs:
        diffs = (text or proc.stderr).strip().splitlines()[-5:]
    return ok, counts, diffs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", default="0-19", help="seeds, e.g. 0-143 or 0-9,42 (default 0-19)")
    args = ap.parse_args(argv)
    seeds = seed_range(args.seeds)
    failed: list[int] = []
    t0 = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="wirecrawl-seeds-") as tmp:
        for seed in seeds:
            ok, counts, diffs = run_seed(seed, Path(tmp))
            if not ok:
                failed.append(seed)
                print(f"seed {seed}: " + ", ".join(f"{k} {v}" for k, v in counts.items()), flush=True)
                for line in diffs:
                    print(f"    {line}", flush=True)
    print(f"{len(seeds) - len(failed)}/{len(seeds)} seeds all as expected"
          + (f"; not: {', '.join(map(str, failed))}" if failed else "")
          + f" ({time.monotonic() - t0:.0f} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
