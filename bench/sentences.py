"""A seeded corpus of news-length documents drawn from a fixed pool of real sentences.

Unlike ``bench/synthetic.py scale_texts`` (whose sentence pool grows with the corpus),
the pool here is fixed: the sentences of the human-checked article bodies of the
extraction benchmark (``../shared/bench/zyte``, MIT licence, see its README). Documents
are drawn from it with a skewed, Zipf-like popularity (the sentence of rank ``r`` is
drawn with weight ``1 / r**zipf``, ranks in a seeded order), so, as in real news that
shares boilerplate, quotes and recurring facts, every sentence recurs in many unrelated
documents and the most popular ones in a large share of the corpus, more so the larger
the corpus. One document in ten (``copy_rate``) is a lightly edited copy of an earlier
one: a credit line added, a few words substituted, a sentence dropped or the end cut.

Nothing is downloaded; the corpus is a pure function of ``(n, seed, zipf, copy_rate)``.
Used by ``bench/dedup.py`` (scale runs on both corpora).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterator

import numpy as np

from bench.zyte_pages import ZYTE_DIR

__all__ = ["sentence_pool", "sentence_docs", "sentence_texts"]

_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[\"'“‘(\[A-Z0-9À-ÖØ-Þ])|\n+")
_CREDITS = ("PARIS (AFP) - ", "LONDON (Reuters) - ", "NEW YORK (AP) - ", "BERLIN (dpa) - ")


def sentence_pool(data: Path = ZYTE_DIR) -> list[str]:
    """The distinct sentences of 6 to 60 words of the benchmark's ground-truth bodies, sorted."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    out = set()
    for page in truth.values():
        for s in _SPLIT.split(page["articleBody"]):
            w = s.split()
            if 6 <= len(w) <= 60:
                out.add(" ".join(w))
    return sorted(out)


def sentence_docs(n: int, *, seed: int = 11, words: int = 400, zipf: float = 0.8, copy_rate: float = 0.1,
                  pool: list[str] | None = None) -> Iterator[tuple[str, str, int | None]]:
    """``(doc_id, text, copied_from)`` for ``n`` documents; ``copied_from`` is the index of
    the document an edited copy was made from, else ``None``.

    Args:
        n: number of documents.
        seed: RNG seed (the whole corpus follows from it).
        words: words per document, about (sentences are drawn until it is reached).
        zipf: popularity exponent: the sentence of rank r is drawn with weight r**-zipf.
        copy_rate: share of documents that are lightly edited copies of an earlier one.
        pool: the sentences (default :func:`sentence_pool`).
    """
    pool = pool if pool is not None else sentence_pool()
    lengths = np.array([s.count(" ") + 1 for s in pool])
    rng = np.random.default_rng(seed)
    weight = np.empty(len(pool))
    weight[rng.permutation(len(pool))] = 1.0 / np.arange(1, len(pool) + 1) ** zipf
    cdf = np.cumsum(weight / weight.sum())
    per_doc = int(2.5 * words / lengths.mean()) + 8
    vocab = sorted({w for s in pool[:2000] for w in s.split() if w.isalpha()})
    bases: list[int] = []  # documents that are not copies, by index

    def draw(i: int) -> list[int]:
        # one document's sentences, a function of (seed, i) only, so a copy can redraw them
        r = np.random.default_rng((seed, i))
        picks = np.searchsorted(cdf, r.random(per_doc), side="right").clip(0, len(pool) - 1)
        out, seen, total = [], set(), 0
        for p in picks.tolist():
            if p in seen:
                continue
            seen.add(p)
            out.append(p)
            total += int(lengths[p])
            if total >= words:
                break
        return out

    for i in range(n):
        if bases and rng.random() < copy_rate:
            src = bases[int(rng.integers(len(bases)))]
            sents = [pool[p] for p in draw(src)]
            edit = rng.random()
            if edit < 0.3:
                sents[0] = _CREDITS[int(rng.integers(len(_CREDITS)))] + sents[0]
            elif edit < 0.55:
                del sents[int(rng.integers(len(sents)))]
            elif edit < 0.75:
                sents = sents[: max(3, int(len(sents) * rng.uniform(0.6, 0.9)))]
            toks = " ".join(sents).split()
            for _ in range(max(1, len(toks) // 50)):  # about 2 % of the words substituted
                toks[int(rng.integers(len(toks)))] = vocab[int(rng.integers(len(vocab)))]
            yield f"z{i}", " ".join(toks), src
        else:
            bases.append(i)
            yield f"z{i}", " ".join(pool[p] for p in draw(i)), None


def sentence_texts(n: int, *, seed: int = 11, **kw) -> Iterator[tuple[str, str]]:
    """``(doc_id, text)`` pairs of :func:`sentence_docs` (the ``scale_texts`` interface)."""
    for doc_id, text, _ in sentence_docs(n, seed=seed, **kw):
        yield doc_id, text
