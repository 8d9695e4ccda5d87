"""Signing texts in worker processes (``StoryIndex.add_many`` with ``workers > 1``).

Workers compute everything about a batch that depends on that batch alone: the
signatures, and from them the features verification compares (``dedup.verify.Features``:
16-bit fingerprints, numbers, lead) and the LSH band keys (``dedup.lsh.band_keys``). The
parent is the busiest process of a run (it reads the input and holds the LSH table, the
verification and the stories), so the remixing and band hashing (a pass over
``n x num_perm`` values each) moved here, and what comes back is a quarter of the bytes
(16-bit fingerprints, not 64-bit hash values). The LSH table, verification and the
choice of story stay in the parent, in arrival order, so the result does not depend on
the number of workers. Processes are spawned (not forked): the parent may hold threads
(Scrapy's reactor, SQLite) that a fork would copy in an unknown state.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from typing import NamedTuple, TypeVar

import numpy as np

from dedup.lsh import band_keys
from dedup.signatures import MinHasher
from dedup.verify import Features

__all__ = ["Signed", "sign", "sign_in_pool"]

M = TypeVar("M")


class Signed(NamedTuple):
    """What the index needs of a signed batch (arrays only: cheap to send between processes).

    Attributes:
        features: the documents' ``Features`` (``size`` 0 for an empty text).
        length: int32[n] word tokens.
        keys: uint32[n, bands] LSH band keys.
    """

    features: Features
    length: np.ndarray
    keys: np.ndarray


def sign(hasher: MinHasher, texts: list[str], bands: int, rows: int) -> Signed:
    """Sign ``texts`` and derive their features and band keys (in whichever process runs it)."""
    batch = hasher.sign_batch(texts)
    f = Features.of_batch(batch)
    return Signed(f, batch.length, band_keys(f.sig, bands, rows))


# one hasher and banding per worker process, set by the pool initializer
# (multiprocessing needs importable module-level entry points)
_WORKER: dict[str, object] = {}


def _init_worker(num_perm: int, seed: int, shingle_size: int, bands: int, rows: int) -> None:
    _WORKER["hasher"] = MinHasher(num_perm=num_perm, seed=seed, shingle_size=shingle_size)
    _WORKER["banding"] = (bands, rows)


def _sign_in_worker(texts: list[str]) -> Signed:
    return sign(_WORKER["hasher"], texts, *_WORKER["banding"])  # type: ignore[arg-type]


def sign_in_pool(batches: Iterable[tuple[M, list[str]]], hasher: MinHasher, workers: int,
                 bands: int, rows: int) -> Iterator[tuple[M, Signed]]:
    """Sign batches of texts in ``workers`` processes, yielding results in input order.

    At most ``2 * workers`` batches are in flight, so memory stays bounded however long
    the input.

    Args:
        batches: ``(meta, texts)`` pairs; ``meta`` is passed through untouched.
        hasher: the parameters of the signatures (num_perm, seed, shingle size).
        workers: number of processes (>= 1).
        bands: LSH bands.
        rows: permutations per band.

    Yields:
        ``(meta, Signed)`` per input batch, in order.
    """
    ctx = multiprocessing.get_context("spawn")
    init = (hasher.num_perm, hasher.seed, hasher.shingle_size, bands, rows)
    with ctx.Pool(workers, initializer=_init_worker, initargs=init) as pool:
        pending: deque = deque()
        it = iter(batches)
        done = False
        while True:
            while not done and len(pending) < 2 * workers:
                nxt = next(it, None)
                if nxt is None:
                    done = True
                    break
                pending.append((nxt[0], pool.apply_async(_sign_in_worker, (nxt[1],))))
            if not pending:
                break
            meta, res = pending.popleft()
            yield meta, res.get()
