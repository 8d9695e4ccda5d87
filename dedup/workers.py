"""Signing texts in worker processes (``StoryIndex.add_many`` with ``workers > 1``).

Only signatures are computed in workers: they are the costly, independent part, and
they come back as arrays (``SignatureBatch``), cheap to send. LSH, verification and the
choice of story stay in the parent, in arrival order, so the result does not depend on
the number of workers. Processes are spawned (not forked): the parent may hold threads
(Scrapy's reactor, SQLite) that a fork would copy in an unknown state.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from typing import TypeVar

from dedup.signatures import MinHasher, SignatureBatch

__all__ = ["sign_in_pool"]

M = TypeVar("M")

# one hasher per worker process, set by the pool initializer (multiprocessing needs
# importable module-level entry points)
_WORKER: dict[str, MinHasher] = {}


def _init_worker(num_perm: int, seed: int, shingle_size: int) -> None:
    _WORKER["hasher"] = MinHasher(num_perm=num_perm, seed=seed, shingle_size=shingle_size)


def _sign_in_worker(texts: list[str]) -> SignatureBatch:
    return _WORKER["hasher"].sign_batch(texts)


def sign_in_pool(batches: Iterable[tuple[M, list[str]]], hasher: MinHasher,
                 workers: int) -> Iterator[tuple[M, SignatureBatch]]:
    """Sign batches of texts in ``workers`` processes, yielding results in input order.

    At most ``2 * workers`` batches are in flight, so memory stays bounded however long
    the input.

    Args:
        batches: ``(meta, texts)`` pairs; ``meta`` is passed through untouched.
        hasher: the parameters of the signatures (num_perm, seed, shingle size).
        workers: number of processes (>= 1).

    Yields:
        ``(meta, SignatureBatch)`` per input batch, in order.
    """
    ctx = multiprocessing.get_context("spawn")
    init = (hasher.num_perm, hasher.seed, hasher.shingle_size)
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
