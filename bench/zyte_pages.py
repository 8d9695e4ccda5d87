"""The article-extraction benchmark pages (../shared/bench/zyte), loaded once for every bench script."""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path

# shared/ lies beside the checkout (the developers' machines and CI alike).
ZYTE_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "zyte"


@dataclass(frozen=True)
class BenchPage:
    pid: str
    url: str
    html: str
    truth: str  # the human-checked article body


def load_pages(data: Path = ZYTE_DIR, limit: int | None = None) -> list[BenchPage]:
    """The pages in id order (the first ``limit`` of them), decoded from UTF-8."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    return [BenchPage(pid, truth[pid]["url"],
                      gzip.decompress((data / "html" / f"{pid}.html.gz").read_bytes()).decode("utf-8"),
                      truth[pid]["articleBody"])
            for pid in sorted(truth)[:limit]]
