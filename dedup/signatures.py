"""MinHash signatures of whole documents, vectorised and datasketch-compatible.

datasketch's ``MinHash.update`` hashes and permutes one shingle per Python call. Here
every shingle is hashed once (``shingles.shingle_hashes``) and all ``num_perm``
permutations are applied to all shingles of a document in one numpy operation. The
permutation family is datasketch 2.0's ``"affine64"`` scheme exactly: the 64-bit
input hash is pre-mixed with the MurmurHash3 finalizer, then ``a_k * h + b_k mod 2^64``
with odd ``a_k`` drawn from ``RandomState(seed)``. So a ``Signature`` converts to a
real ``datasketch.MinHash`` / ``LeanMinHash`` (same ``seed``, ``num_perm``, scheme and
hashvalues, bit for bit equal to ``MinHash(hashfunc=shingle_hash, scheme="affine64")``
fed the same shingles) and the rest of datasketch works on it.

Besides the hash values a ``Signature`` keeps what the story index needs to judge
containment rather than plain Jaccard: the number of distinct shingles and the hashes of
the numeric tokens (numbers tell two days' market reports apart).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import numpy as np
import xxhash
from datasketch import LeanMinHash, MinHash

from dedup.shingles import _fmix64, numbers, shingle_hashes, words

__all__ = ["Signature", "MinHasher", "MAX_NUMBERS"]

MAX_NUMBERS = 32  # numeric tokens kept per document (first ones, in order)
EDGE_SHINGLES = 30  # shingles at each end of a text checked against the site's boilerplate
_CHUNK_ROWS = 16384  # shingles permuted per numpy block (bounds temporary memory: 16 MiB)
_CACHE_MAX = 1 << 20  # word-hash cache entries before it is emptied


@dataclass(frozen=True, slots=True)
class Signature:
    """One document's sketch.

    Attributes:
        hashvalues: uint64[num_perm], datasketch ``affine64`` layout (all-max if empty).
        size: number of distinct shingles.
        numbers: uint32 hashes of the first ``MAX_NUMBERS`` distinct numeric tokens.
        length: number of word tokens (ties for the canonical member).
        edges: distinct hashes of the first and last ``EDGE_SHINGLES`` shingles, where
            site boilerplate sits (the index learns which of them a site repeats).
    """

    hashvalues: np.ndarray
    size: int
    numbers: np.ndarray
    length: int
    edges: np.ndarray


class MinHasher:
    """Computes datasketch-compatible MinHash signatures of texts, many at a time.

    Args:
        num_perm: number of permutations (>= 2).
        seed: permutation seed, as datasketch's ``seed``.
        shingle_size: words per shingle (>= 1).

    Raises:
        ValueError: on a bad parameter (the value is in the message).

    Example:
        >>> h = MinHasher(num_perm=128, seed=1, shingle_size=5)
        >>> m = h.minhash("PARIS (AFP) - The minister said on Monday ...")
        >>> m.jaccard(h.minhash("The minister said on Monday ..."))
    """

    def __init__(self, num_perm: int = 128, seed: int = 1, shingle_size: int = 5) -> None:
        if not isinstance(num_perm, int) or num_perm < 2:
            raise ValueError(f"num_perm must be an int >= 2, got {num_perm!r}")
        if not isinstance(shingle_size, int) or shingle_size < 1:
            raise ValueError(f"shingle_size must be an int >= 1, got {shingle_size!r}")
        if not isinstance(seed, int) or seed < 0:
            raise ValueError(f"seed must be a non-negative int, got {seed!r}")
        self.num_perm = num_perm
        self.seed = seed
        self.shingle_size = shingle_size
        a, b = MinHash(num_perm=num_perm, seed=seed, scheme="affine64").permutations
        self._a = np.asarray(a, dtype=np.uint64)
        self._b = np.asarray(b, dtype=np.uint64)
        self._cache: dict[str, int] = {}

    def hash_shingles(self, hashes: np.ndarray) -> np.ndarray:
        """MinHash values of a set of 64-bit shingle hashes (all permutations at once).

        Args:
            hashes: uint64 array of shingle hashes.

        Returns:
            uint64[num_perm]; all ``2**64 - 1`` for an empty set (datasketch's empty value).
        """
        out = np.full(self.num_perm, np.iinfo(np.uint64).max, dtype=np.uint64)
        if hashes.size == 0:
            return out
        with np.errstate(over="ignore"):
            mixed = _fmix64(hashes.astype(np.uint64, copy=False))
            for s in range(0, mixed.size, _CHUNK_ROWS):
                blk = mixed[s : s + _CHUNK_ROWS, None] * self._a + self._b
                np.minimum(out, blk.min(axis=0), out=out)
        return out

    def signature(self, text: str) -> Signature:
        """The ``Signature`` of one text.

        Args:
            text: the article body (any typography).

        Returns:
            A ``Signature``; an empty text gives size 0 and all-max hash values.
        """
        return self.signatures([text])[0]

    def signatures(self, texts: Iterable[str]) -> list[Signature]:
        """``signature`` of each text, in order, permuting the whole batch at once.

        The shingle hashes of all texts are concatenated and permuted in blocks; each
        document's minimum is taken with ``np.minimum.reduceat``, so numpy's per-call
        overhead is paid per block, not per document.

        Args:
            texts: article bodies; ``None`` counts as empty.

        Returns:
            One ``Signature`` per text, in order.
        """
        if len(self._cache) > _CACHE_MAX:
            self._cache.clear()
        sets, lengths, nums, edges = [], [], [], []
        for text in texts:
            toks = words(text or "")
            sh, edge = shingle_hashes(toks, self.shingle_size, self._cache, edges=EDGE_SHINGLES)
            sets.append(sh)
            edges.append(edge)
            lengths.append(len(toks))
            nl = numbers(toks)[:MAX_NUMBERS]
            nums.append(
                np.fromiter((xxhash.xxh32_intdigest(t.encode("utf-8")) for t in nl), dtype=np.uint32, count=len(nl))
            )
        hv = self._permute_many(sets)
        return [Signature(hv[i], int(sets[i].size), nums[i], lengths[i], edges[i]) for i in range(len(sets))]

    def _permute_many(self, sets: list[np.ndarray]) -> np.ndarray:
        out = np.full((len(sets), self.num_perm), np.iinfo(np.uint64).max, dtype=np.uint64)
        # group consecutive non-empty sets into blocks of about _CHUNK_ROWS shingles
        i, n = 0, len(sets)
        with np.errstate(over="ignore"):
            while i < n:
                j, rows = i, 0
                while j < n and (rows == 0 or rows + sets[j].size <= _CHUNK_ROWS):
                    rows += sets[j].size
                    j += 1
                idx = [d for d in range(i, j) if sets[d].size]
                if idx:
                    flat = _fmix64(np.concatenate([sets[d] for d in idx]))
                    starts = np.cumsum([0] + [sets[d].size for d in idx[:-1]])
                    # permutations x shingles: reduceat then runs along contiguous rows
                    blk = np.multiply.outer(self._a, flat)
                    np.add(blk, self._b[:, None], out=blk)
                    out[idx] = np.minimum.reduceat(blk, starts, axis=1).T
                i = j
        return out

    def minhash(self, text: str) -> MinHash:
        """A ``datasketch.MinHash`` (scheme ``affine64``) of ``text``'s shingles."""
        return self.to_minhash(self.signature(text))

    def to_minhash(self, sig: Signature) -> MinHash:
        """Wrap a ``Signature`` as a ``datasketch.MinHash`` with this seed/num_perm."""
        return MinHash(num_perm=self.num_perm, seed=self.seed, hashvalues=sig.hashvalues, scheme="affine64")

    def to_lean(self, sig: Signature) -> LeanMinHash:
        """Wrap a ``Signature`` as a ``datasketch.LeanMinHash``."""
        return LeanMinHash(seed=self.seed, hashvalues=sig.hashvalues, scheme="affine64")


# --- worker-process entry points (multiprocessing needs importable functions) ---------
_WORKER: dict[str, MinHasher] = {}


def _init_worker(num_perm: int, seed: int, shingle_size: int) -> None:
    """Pool initializer: one ``MinHasher`` per worker process."""
    _WORKER["hasher"] = MinHasher(num_perm=num_perm, seed=seed, shingle_size=shingle_size)


def _sign_in_worker(texts: list[str]) -> list[Signature]:
    return _WORKER["hasher"].signatures(texts)
