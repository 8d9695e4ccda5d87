"""Banded LSH over MinHash signatures in one flat numpy array, queried in batches.

datasketch's ``MinHashLSH`` keeps Python dicts of byte strings per band, about 9 KB per
document; at a million documents that does not fit the memory budget. Here every
(band, band-values) pair is hashed to one 32-bit key and stored with the document's
row number in a single open-addressing table (linear probing, one ``uint64`` per slot:
key high, row low), load factor at most 1/2 because every lookup walks to an empty
slot, grown by doubling and rehashed slice by slice. Inserting or querying a whole
batch of documents (tens of thousands of keys) is a few numpy operations per probe
step, so the per-document cost does not grow with the index (at 64 bands, 1M documents
make 64M entries: 1 GiB of slots at load 1/2). A 32-bit key collides by chance with probability
2^-32 per entry: a stray candidate, which verification then rejects.

The band values must be uniform for that to hold: the index stores remixed 16-bit
values (see ``dedup.verify.sig16``), not the raw top bits of each minimum, which take a
few hundred values only and made unrelated documents share bands as the index grew.

Buckets are capped: a band key shared by ``cap`` documents is boilerplate (a sentence
that recurs across the corpus makes the same band values in every document that holds
it), so it takes no more entries (``insert_capped``) and a query returns only the
``keep`` earliest of its rows (``query_capped``). Without the cap, the bucket of a
popular sentence grows with the corpus and so does every query that hits it: the
candidates per document, and the run time, grow with n. The earliest rows are kept
because a bucket can also be full of one big story's copies, whose first members are
what a late copy must find.

The table is a cache: it is rebuilt from the stored signatures when a persistent index
is opened, so it is never written to disk itself.
"""

from __future__ import annotations

import numpy as np

from dedup.shingles import _fmix64

__all__ = ["BandTable", "band_keys"]

_EMPTY = np.uint64(0)
_SHIFT = np.uint64(32)
_LOAD_NUM, _LOAD_DEN = 1, 2  # max load: a lookup walks ~2.5 slots (~8.5 at 3/4)
_ROWMASK = np.uint64(0xFFFFFFFF)
_REHASH = 1 << 22  # old slots rehashed per step when the table grows


def band_keys(sigs: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """The 32-bit keys of each band of each signature.

    Args:
        sigs: unsigned int[n, num_perm] (or a single [num_perm]) signature rows.
        bands: number of bands.
        rows: permutations per band (``bands * rows <= num_perm``).

    Returns:
        uint32[n, bands] (or uint32[bands]) keys, never 0 (0 marks an empty slot).
    """
    single = sigs.ndim == 1
    s2 = np.atleast_2d(sigs)
    s = s2[:, : bands * rows].astype(np.uint64).reshape(len(s2), bands, rows)
    with np.errstate(over="ignore"):
        mult = (np.arange(1, rows + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)) | np.uint64(1)
        acc = (s * mult).sum(axis=2, dtype=np.uint64)
        acc = acc + np.arange(bands, dtype=np.uint64) * np.uint64(0xD6E8FEB86659FD93)
        keys = (_fmix64(acc) >> np.uint64(32)).astype(np.uint32) | np.uint32(1)
    return keys[0] if single else keys


class BandTable:
    """Multi-map ``band key -> row numbers`` (open addressing, linear probing).

    One ``uint64`` slot per entry (key in the high 32 bits, row in the low 32; 0 = empty),
    so an entry is one memory access, and the load stays at most 1/2 so that a lookup
    (which walks to an empty slot) touches about 2.5 slots.

    Args:
        capacity: initial number of slots (rounded up to a power of two).
    """

    def __init__(self, capacity: int = 1 << 16) -> None:
        cap = 1 << max(4, int(capacity - 1).bit_length())
        self._slots = np.zeros(cap, dtype=np.uint64)
        self._count = 0

    def __len__(self) -> int:
        return self._count

    @property
    def capacity(self) -> int:
        return self._slots.size

    @property
    def nbytes(self) -> int:
        return self._slots.nbytes

    def insert(self, keys: np.ndarray, rows: np.ndarray | int) -> None:
        """Add ``(key, row)`` entries (duplicates of a key are kept: it is a multi-map).

        Args:
            keys: uint32 keys (non-zero).
            rows: row number per key, or one row for all keys.
        """
        keys = np.asarray(keys, dtype=np.uint32).ravel()
        rows = np.broadcast_to(np.asarray(rows, dtype=np.uint32), keys.shape).ravel()
        if (self._count + keys.size) * _LOAD_DEN > self._slots.size * _LOAD_NUM:
            self._grow(self._count + keys.size)
        self._place((keys.astype(np.uint64) << _SHIFT) | rows.astype(np.uint64))
        self._count += keys.size

    def _place(self, vals: np.ndarray) -> None:
        slots = self._slots
        mask = np.uint64(slots.size - 1)
        pos = ((vals >> _SHIFT) & mask).astype(np.int64)
        imask = slots.size - 1
        while vals.size:
            free = slots[pos] == _EMPTY
            if free.any():
                fp, fv = pos[free], vals[free]
                # several pending entries may aim at one free slot: the last write wins,
                # reading back tells which one did; the others probe on
                slots[fp] = fv
                won = np.zeros(vals.size, dtype=bool)
                won[free] = slots[fp] == fv
                keep = ~won
                vals, pos = vals[keep], pos[keep]
            pos = (pos + 1) & imask

    def _grow(self, need: int) -> None:
        cap = self._slots.size
        while need * _LOAD_DEN > cap * _LOAD_NUM:
            cap *= 2
        old = self._slots
        self._slots = np.zeros(cap, dtype=np.uint64)
        # rehash slice by slice: temporaries stay small (at 1M documents the table is
        # 1 GiB; extracting every entry at once would add another gigabyte of copies)
        for lo in range(0, old.size, _REHASH):
            v = old[lo: lo + _REHASH]
            self._place(v[v != _EMPTY])

    def query_pairs(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Every stored row under each key (a batch of keys at once).

        Args:
            keys: uint32 keys (any shape; flattened).

        Returns:
            ``(key_index, row)`` int64 / uint32 arrays, one pair per stored entry found
            (a row repeats once per matching band).
        """
        keys = np.asarray(keys, dtype=np.uint32).ravel()
        slots = self._slots
        imask = slots.size - 1
        pos = keys.astype(np.int64) & imask
        ki = np.arange(keys.size)
        want = keys.astype(np.uint64)
        out_k, out_r = [], []
        while ki.size:
            v = slots[pos]
            hit = (v >> _SHIFT) == want
            if hit.any():
                out_k.append(ki[hit])
                out_r.append((v[hit] & _ROWMASK).astype(np.uint32))
            live = v != _EMPTY
            want, pos, ki = want[live], (pos[live] + 1) & imask, ki[live]
        if not out_k:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.uint32)
        return np.concatenate(out_k), np.concatenate(out_r)

    def insert_capped(self, keys: np.ndarray, rows: np.ndarray | int, cap: int) -> None:
        """Add ``(key, row)`` entries, but none to a key that holds ``cap`` entries already.

        Entries are taken in order: within one call, the first of several equal keys are
        the ones placed while there is room.

        Args:
            keys: uint32 keys (non-zero).
            rows: row number per key, or one row for all keys.
            cap: most entries a key holds.
        """
        keys = np.asarray(keys, dtype=np.uint32).ravel()
        rows = np.broadcast_to(np.asarray(rows, dtype=np.uint32), keys.shape).ravel()
        if not keys.size:
            return
        have = np.bincount(self.query_pairs(keys)[0], minlength=keys.size)
        order = np.argsort(keys, kind="stable")
        sk = keys[order]
        start = np.flatnonzero(np.r_[True, sk[1:] != sk[:-1]])
        rank = np.empty(keys.size, dtype=np.int64)
        rank[order] = np.arange(keys.size) - np.repeat(start, np.diff(np.r_[start, keys.size]))
        # equal keys of this call share `have`; count them as they come
        ok = have + rank < cap
        if ok.any():
            self.insert(keys[ok], rows[ok])

    def query_capped(self, keys: np.ndarray, cap: int, keep: int) -> tuple[np.ndarray, np.ndarray]:
        """Like ``query_pairs``, but a key holding ``cap`` entries (boilerplate) gives only
        its ``keep`` smallest rows (the earliest documents)."""
        ki, rows = self.query_pairs(keys)
        if not ki.size:
            return ki, rows
        full = np.bincount(ki, minlength=np.asarray(keys).size)[ki] >= cap
        if full.any():
            # the full keys' entries sorted by (key, row) as one int64; the first `keep` of each key stay
            both = np.sort((ki[full] << 32) | rows[full].astype(np.int64))
            fk = both >> 32
            start = np.flatnonzero(np.r_[True, fk[1:] != fk[:-1]])
            rank = np.arange(both.size) - np.repeat(start, np.diff(np.r_[start, both.size]))
            both = both[rank < keep]
            part = ~full
            ki = np.concatenate([ki[part], both >> 32])
            rows = np.concatenate([rows[part], (both & 0xFFFFFFFF).astype(np.uint32)])
        return ki, rows

    def add_and_query(self, keys: np.ndarray, rows: np.ndarray, cap: int, keep: int) -> tuple[np.ndarray, np.ndarray]:
        """``insert_capped`` then ``query_capped`` of the same entries in one probe pass,
        giving each entry only the rows stored before it (smaller row numbers).

        The result equals ``insert_capped(keys, rows, cap)`` followed by
        ``query_capped(keys, cap, keep)`` with the pairs whose row is not smaller than the
        entry's own row dropped, but the table is probed once, for the distinct keys only
        (a batch repeats the keys of its popular sentences): each bucket after the insert
        is the stored rows plus the placed rows of this call, so it is built here, not read
        back.

        Args:
            keys: uint32 keys (non-zero), one per entry.
            rows: the entries' rows, non-decreasing and larger than every stored row (new
                documents, in arrival order).
            cap: most entries a key holds.
            keep: rows a full bucket gives.

        Returns:
            ``(entry_index, row)`` int64 arrays, one pair per earlier row found.
        """
        keys = np.asarray(keys, dtype=np.uint32).ravel()
        rows = np.asarray(rows, dtype=np.int64).ravel()
        m = keys.size
        if not m:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
        uk, inv = np.unique(keys, return_inverse=True)
        inv = inv.ravel().astype(np.int64)
        eki, erows = self.query_pairs(uk)
        have = np.bincount(eki, minlength=uk.size)
        # rank of each entry among this call's entries of its key, in entry order
        order = np.argsort(inv, kind="stable")
        sinv = inv[order]
        start = np.flatnonzero(np.r_[True, sinv[1:] != sinv[:-1]])
        rank = np.empty(m, dtype=np.int64)
        rank[order] = np.arange(m) - np.repeat(start, np.diff(np.r_[start, m]))
        placed = have[inv] + rank < cap
        if placed.any():
            self.insert(keys[placed], rows[placed])
        # every bucket as it now stands, as sorted (key index, row) int64 values
        bucket = np.concatenate([(eki << 32) | erows.astype(np.int64), (inv[placed] << 32) | rows[placed]])
        bucket.sort()
        size = np.bincount(bucket >> 32, minlength=uk.size)
        first = np.cumsum(size) - size
        pos = np.arange(bucket.size) - np.repeat(first, size)
        bucket = bucket[(size < cap)[bucket >> 32] | (pos < keep)]  # a full bucket gives its `keep` earliest
        # per entry, the rows of its bucket below its own row: a prefix of the sorted bucket
        # (looked up in `order`, where the needles are sorted too: a binary search then
        # starts where the last ended instead of from the whole array)
        lo, count = np.empty(m, dtype=np.int64), np.empty(m, dtype=np.int64)
        lo[order] = np.searchsorted(bucket, sinv << 32)
        count[order] = np.searchsorted(bucket, (sinv << 32) | rows[order])
        count -= lo
        total = int(count.sum())
        ki = np.repeat(np.arange(m), count)
        at = np.repeat(lo - (np.cumsum(count) - count), count) + np.arange(total)
        return ki, bucket[at] & 0xFFFFFFFF

    def query(self, keys: np.ndarray) -> np.ndarray:
        """Row numbers stored under any of ``keys`` (with repeats: one per matching band)."""
        return self.query_pairs(keys)[1]

    def clear(self) -> None:
        """Drop every entry (capacity kept)."""
        self._slots[:] = _EMPTY
        self._count = 0
