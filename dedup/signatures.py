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

Why batches: a whole batch of documents is tokenised and hashed as one byte array
(``shingles.batch_words``), its shingles are permuted in cache-sized blocks of about
6,000 shingles x ``num_perm`` (one multiply, one add, one ``np.minimum.reduceat`` by
document offsets per block), so numpy's per-call overhead is paid per block, not per
document or per shingle.

Besides the hash values a ``Signature`` keeps what the story index needs to judge
containment rather than plain Jaccard: the number of distinct shingles and the hashes of
the numeric tokens (numbers tell two days' market reports apart) and fingerprints of
the first shingles (the lead: a copy keeps the dispatch's opening, a follow-up that
reuses a background paragraph opens with its own news).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

import numpy as np

from dedup.shingles import _fmix64, batch_shingles, batch_words

if TYPE_CHECKING:
    from datasketch import LeanMinHash, MinHash

__all__ = ["Signature", "SignatureBatch", "MinHasher", "MAX_NUMBERS"]

MAX_NUMBERS = 32  # numeric tokens kept per document (first distinct ones, in order)
LEAD = 64  # shingles of a document's opening kept as 16-bit fingerprints (its "lead")
_BLOCK = 6144  # shingles permuted per numpy block (128 perms: 6 MiB, stays in cache)


@dataclass(frozen=True, slots=True)
class Signature:
    """One document's sketch.

    Attributes:
        hashvalues: uint64[num_perm], datasketch ``affine64`` layout (all-max if empty).
        size: number of distinct shingles.
        numbers: uint32 hashes of the first ``MAX_NUMBERS`` distinct all-digit tokens.
        length: number of word tokens (ties for the canonical member).
        lead: uint16 fingerprints of the first ``LEAD`` shingles (the opening of the text).
    """

    hashvalues: np.ndarray
    size: int
    numbers: np.ndarray
    length: int
    lead: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.uint16))


@dataclass(frozen=True, slots=True)
class SignatureBatch:
    """Signatures of a batch of documents as arrays (cheap to send between processes).

    Attributes:
        hashvalues: uint64[n, num_perm].
        size: int32[n] distinct shingles.
        length: int32[n] word tokens.
        numbers: uint32[n, MAX_NUMBERS] number hashes (first ``nnum[i]`` valid).
        nnum: int8[n].
        lead: uint16[n, LEAD] fingerprints of the first shingles (first ``nlead[i]`` valid).
        nlead: int8[n].
    """

    hashvalues: np.ndarray
    size: np.ndarray
    length: np.ndarray
    numbers: np.ndarray
    nnum: np.ndarray
    lead: np.ndarray
    nlead: np.ndarray

    def __len__(self) -> int:
        return len(self.size)

    def get(self, i: int) -> Signature:
        """Document ``i`` as a ``Signature``."""
        return Signature(self.hashvalues[i], int(self.size[i]), self.numbers[i, : self.nnum[i]].copy(),
                         int(self.length[i]), self.lead[i, : self.nlead[i]].copy())


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
        self._a, self._b = affine64_permutations(num_perm, seed)
        self._buf = np.empty(0, dtype=np.uint64)

    def hash_shingles(self, hashes: np.ndarray) -> np.ndarray:
        """MinHash values of a set of 64-bit shingle hashes (all permutations at once).

        Args:
            hashes: uint64 array of shingle hashes.

        Returns:
            uint64[num_perm]; all ``2**64 - 1`` for an empty set (datasketch's empty value).
        """
        hashes = np.asarray(hashes, dtype=np.uint64)
        return self._permute(hashes, np.zeros(hashes.size, dtype=np.int64), 1)[0]

    def signature(self, text: str) -> Signature:
        """The ``Signature`` of one text.

        Args:
            text: the article body (any typography).

        Returns:
            A ``Signature``; an empty text gives size 0 and all-max hash values.
        """
        return self.sign_batch([text]).get(0)

    def signatures(self, texts: Iterable[str]) -> list[Signature]:
        """``signature`` of each text, in order (computed as one batch).

        Args:
            texts: article bodies; ``None`` counts as empty.

        Returns:
            One ``Signature`` per text, in order.
        """
        batch = self.sign_batch(list(texts))
        return [batch.get(i) for i in range(len(batch))]

    def sign_batch(self, texts: list[str]) -> SignatureBatch:
        """Signatures of a batch of texts as arrays (the fast path).

        Args:
            texts: article bodies; ``None`` counts as empty.

        Returns:
            A ``SignatureBatch`` in input order.
        """
        n = len(texts)
        wh, wdoc, isnum = batch_words([t or "" for t in texts])
        length = np.bincount(wdoc, minlength=n).astype(np.int32)
        sh, sdoc = batch_shingles(wh, wdoc, n, self.shingle_size)
        # distinct shingles per document: sort (document, hash) keys, count changes
        size = np.zeros(n, dtype=np.int32)
        if sh.size:
            key = np.sort((sdoc.astype(np.uint64) << np.uint64(44)) | (sh >> np.uint64(20)))
            new = np.ones(key.size, dtype=bool)
            new[1:] = key[1:] != key[:-1]
            size = np.bincount((key[new] >> np.uint64(44)).astype(np.int64), minlength=n).astype(np.int32)
        hv = self._permute(sh, sdoc, n)
        # lead: the first LEAD shingles of each document, in text order (16-bit fingerprints)
        lead = np.zeros((n, LEAD), dtype=np.uint16)
        nlead = np.zeros(n, dtype=np.int8)
        if sh.size:
            per_doc = np.bincount(sdoc, minlength=n)
            start = np.cumsum(per_doc) - per_doc  # shingles are grouped by document
            rank = np.arange(sdoc.size) - start[sdoc]
            keep = np.flatnonzero(rank < LEAD)
            lead[sdoc[keep], rank[keep]] = (sh[keep] >> np.uint64(48)).astype(np.uint16)
            nlead = np.minimum(per_doc, LEAD).astype(np.int8)
        # numbers: first MAX_NUMBERS distinct all-digit tokens of each document, in order
        nums = np.zeros((n, MAX_NUMBERS), dtype=np.uint32)
        nnum = np.zeros(n, dtype=np.int8)
        pos = np.flatnonzero(isnum)
        if pos.size:
            nh = (wh[pos] & np.uint64(0xFFFFFFFF)).astype(np.uint32)
            nd = wdoc[pos]
            _, first = np.unique((nd.astype(np.uint64) << np.uint64(32)) | nh.astype(np.uint64), return_index=True)
            first.sort()
            nh, nd = nh[first], nd[first]
            start = np.searchsorted(nd, nd, side="left")
            rank = np.arange(nd.size) - start
            keep = rank < MAX_NUMBERS
            nums[nd[keep], rank[keep]] = nh[keep]
            nnum = np.minimum(np.bincount(nd, minlength=n), MAX_NUMBERS).astype(np.int8)
        return SignatureBatch(hv, size, length, nums, nnum, lead, nlead)

    def _permute(self, sh: np.ndarray, sdoc: np.ndarray, n: int) -> np.ndarray:
        """Minimum of ``a * fmix64(h) + b`` per document and permutation (datasketch affine64)."""
        P = self.num_perm
        out = np.full((n, P), np.iinfo(np.uint64).max, dtype=np.uint64)
        if sh.size == 0:
            return out
        mixed = _fmix64(sh)
        docs, starts = np.unique(sdoc, return_index=True)
        bounds = np.append(starts, sh.size)
        block = max(_BLOCK * 128 // P, 64)
        if self._buf.size < P * block:
            self._buf = np.empty(P * block, dtype=np.uint64)
        i = 0
        with np.errstate(over="ignore"):
            while i < docs.size:
                # as many whole documents as fit in a block (at least one)
                j = max(int(np.searchsorted(bounds, bounds[i] + block, side="right")) - 1, i + 1)
                j = min(j, docs.size)
                lo, hi = bounds[i], bounds[j]
                if hi - lo > block:  # one long document: fold it block by block
                    acc = np.full(P, np.iinfo(np.uint64).max, dtype=np.uint64)
                    for s in range(lo, hi, block):
                        f = mixed[s: min(s + block, hi)]
                        m = self._buf[: P * f.size].reshape(P, f.size)
                        np.multiply(self._a[:, None], f[None, :], out=m)
                        np.add(m, self._b[:, None], out=m)
                        np.minimum(acc, m.min(axis=1), out=acc)
                    out[docs[i]] = acc
                else:
                    f = mixed[lo:hi]
                    m = self._buf[: P * f.size].reshape(P, f.size)
                    np.multiply(self._a[:, None], f[None, :], out=m)
                    np.add(m, self._b[:, None], out=m)
                    out[docs[i:j]] = np.minimum.reduceat(m, bounds[i:j] - lo, axis=1).T
                i = j
        return out

    def minhash(self, text: str) -> MinHash:
        """A ``datasketch.MinHash`` (scheme ``affine64``) of ``text``'s shingles."""
        return self.to_minhash(self.signature(text))

    def to_minhash(self, sig: Signature) -> MinHash:
        """Wrap a ``Signature`` as a ``datasketch.MinHash`` with this seed/num_perm."""
        from datasketch import MinHash

        return MinHash(num_perm=self.num_perm, seed=self.seed, hashvalues=sig.hashvalues, scheme="affine64")

    def to_lean(self, sig: Signature) -> LeanMinHash:
        """Wrap a ``Signature`` as a ``datasketch.LeanMinHash``."""
        from datasketch import LeanMinHash

        return LeanMinHash(seed=self.seed, hashvalues=sig.hashvalues, scheme="affine64")


def affine64_permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """``a`` (odd) and ``b`` of datasketch's ``affine64`` scheme, as
    ``MinHash(num_perm=, seed=, scheme="affine64").permutations`` draws them.

    Drawn here rather than read from datasketch because importing datasketch imports
    SciPy (for its LSH's parameter search): half a second of every crawl's start, for
    two arrays of random numbers. The tests hold them equal to datasketch's.
    """
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 63, num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = gen.randint(0, 1 << 64, num_perm, dtype=np.uint64)
    return a, b
