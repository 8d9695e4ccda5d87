"""Judging LSH candidate pairs: containment, shared numbers and a shared lead, vectorised.

Why containment and not Jaccard: a syndicated copy cut to the first third of the
dispatch shares almost all of its shingles with the original, but only a third of their
union. So LSH is tuned for low Jaccard (``rows=2``: a pair at Jaccard J becomes a
candidate with probability ``1 - (1 - J**2)**bands``, high already at J=0.25 with 64
bands) and every candidate is then
judged on the *containment* of the smaller shingle set in the larger, estimated from the
two signatures and the two set sizes: ``|A∩B| ≈ J(|A|+|B|)/(1+J)``.

Why template text does not merge different events: two days' market reports share their
skeleton sentences but not their numbers. A candidate must (1) contain at least
``threshold`` of the smaller text, (2) share at least ``min_shared`` shingles, and (3)
when both texts carry numbers, share at least ``number_agreement`` of the smaller
text's numbers. Different events from one template fail (3) even when their skeleton
shares many words; a follow-up or another agency's story fails (1).

Why numbers allow one miss: a copy may carry one number of its own (a copyright year,
a substituted figure), a different event from one template disagrees on most of them.

Why the lead must agree on borderline candidates: a follow-up article reuses a
background paragraph of the original dispatch, and a copy of that follow-up cut to its
first half is then about half background, right at the containment threshold. What
tells them apart is the opening: syndicated copies keep the dispatch's lead (editors
cut from the end and rewrite the headline), a follow-up opens with its own news. So a
candidate whose containment is below ``lead_guard`` must also share at least
``lead_min`` of the first shingles of the two texts (fewer for very short texts).

All pairs of a batch are judged in one pass of numpy operations; the per-pair Python
loop would dominate the cost of a large run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from dedup.config import IndexConfig
from dedup.shingles import _fmix64
from dedup.signatures import LEAD, MAX_NUMBERS, SignatureBatch

__all__ = ["Features", "Verdict", "sig16", "verify_pairs"]


def sig16(hv: np.ndarray) -> np.ndarray:
    """The 16-bit fingerprints kept of 64-bit MinHash values (what the index stores).

    16 bits of each minimum *after remixing*: equal minima <=> equal (up to 2^-16). Not
    the raw top bits: a minimum of a few hundred uniform values is small, so its top 16
    bits take a few hundred values only; unrelated documents then agree on whole LSH
    bands by chance and candidates grow with the index size.
    """
    return (_fmix64(hv) >> np.uint64(48)).astype(np.uint16)


@dataclass(frozen=True, slots=True)
class Features:
    """What the checks compare, one row per document (or per pair, on the query side).

    Attributes:
        sig: ``(n, num_perm)`` uint16 signature fingerprints (``sig16``).
        size: shingle count per document.
        nums: ``(n, MAX_NUMBERS)`` hashes of the numbers, ``nnum`` of them valid.
        nnum: numbers per document.
        lead: ``(n, LEAD)`` fingerprints of the opening shingles, ``nlead`` valid.
        nlead: lead shingles per document.
    """

    sig: np.ndarray
    size: np.ndarray
    nums: np.ndarray
    nnum: np.ndarray
    lead: np.ndarray
    nlead: np.ndarray

    @classmethod
    def of_batch(cls, batch: SignatureBatch) -> Features:
        """The features of a freshly signed batch."""
        return cls(sig16(batch.hashvalues), batch.size, batch.numbers, batch.nnum, batch.lead, batch.nlead)

    def take(self, idx: np.ndarray) -> Features:
        """The rows ``idx`` (a copy, one row per index)."""
        return Features(self.sig[idx], self.size[idx], self.nums[idx], self.nnum[idx], self.lead[idx], self.nlead[idx])


class Verdict(NamedTuple):
    """The judgement of candidate pairs: per pair ``ok`` and ``containment``; rejection counts."""

    ok: np.ndarray
    containment: np.ndarray
    rejected_numbers: int
    rejected_lead: int


def _found(a: np.ndarray, na: np.ndarray, b: np.ndarray, nb: np.ndarray, width: int) -> np.ndarray:
    """Per pair, how many of the ``na`` valid values of ``a`` are among the ``nb`` of ``b``."""
    va = np.arange(width) < na[:, None]
    vb = np.arange(width) < nb[:, None]
    return (((a[:, :, None] == b[:, None, :]) & vb[:, None, :]).any(axis=2) & va).sum(axis=1)


def verify_pairs(cfg: IndexConfig, query: Features, stored: Features, rows: np.ndarray) -> Verdict:
    """Judge candidate pairs: ``query`` given per pair, the stored side by row.

    Args:
        cfg: the thresholds (``threshold``, ``min_shared``, ``number_agreement``,
            ``lead_guard``, ``lead_min``).
        query: the query side, one row per pair.
        stored: the stored documents (indexed by ``rows``).
        rows: per pair, the stored row.

    Returns:
        A ``Verdict``: which pairs pass every check, and their estimated containment.
    """
    j = (stored.sig[rows] == query.sig).mean(axis=1)
    a, b = query.size.astype(np.float64), stored.size[rows].astype(np.float64)
    inter = j * (a + b) / (1.0 + j)
    small = np.maximum(np.minimum(a, b), 1.0)
    cont = inter / small
    ok = (cont >= cfg.threshold) & (inter >= np.minimum(cfg.min_shared, cfg.threshold * small))
    rejected_numbers = rejected_lead = 0
    # numbers: the smaller list, less one, must be mostly found in the other
    idx = np.flatnonzero(ok)
    if idx.size:
        na, nb = query.nnum[idx].astype(np.int64), stored.nnum[rows[idx]].astype(np.int64)
        both = (na >= 2) & (nb >= 2)
        if both.any():
            sel = idx[both]
            na, nb = na[both], nb[both]
            common = _found(query.nums[sel], na, stored.nums[rows[sel]], nb, MAX_NUMBERS)
            agree = common >= cfg.number_agreement * (np.minimum(na, nb) - 1)
            rejected_numbers = int((~agree).sum())
            ok[sel[~agree]] = False
    # lead: borderline candidates must share the opening of the two texts
    idx = np.flatnonzero(ok & (cont < cfg.lead_guard))
    if idx.size:
        la, lb = query.nlead[idx].astype(np.int64), stored.nlead[rows[idx]].astype(np.int64)
        shared = _found(query.lead[idx], la, stored.lead[rows[idx]], lb, LEAD)
        need = np.minimum(cfg.lead_min, (np.minimum(la, lb) + 1) // 2)
        bad = shared < need
        rejected_lead = int(bad.sum())
        ok[idx[bad]] = False
    return Verdict(ok, cont, rejected_numbers, rejected_lead)
