"""Banded LSH over MinHash signatures in two flat numpy arrays.

datasketch's ``MinHashLSH`` keeps Python dicts of byte strings per band, about 9 KB per
document; at a million documents that does not fit the memory budget. Here every
(band, band-values) pair is hashed to one 64-bit key and stored with the document's
row number in a single open-addressing table (linear probing, keys ``uint64``, rows
``uint32``): 12 bytes per entry, load factor at most 1/2, grown by doubling. Inserting and
querying all bands of a document are a few numpy operations per probe step.

The table is a cache: it is rebuilt from signatures (``bulk_insert``) when a persistent
index is opened, so it is never written to disk itself.
"""

from __future__ import annotations

import numpy as np

from dedup.shingles import _fmix64

__all__ = ["BandTable", "band_keys"]

_EMPTY = np.uint64(0)


def band_keys(sigs: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """The 64-bit keys of each band of each signature.

    Args:
        sigs: uint32[n, num_perm] (or a single uint32[num_perm]) signature rows.
        bands: number of bands.
        rows: permutations per band (``bands * rows <= num_perm``).

    Returns:
        uint64[n, bands] (or uint64[bands]) keys, never 0 (0 marks an empty slot).
    """
    single = sigs.ndim == 1
    s = np.atleast_2d(sigs)[:, : bands * rows].astype(np.uint64).reshape(len(np.atleast_2d(sigs)), bands, rows)
    with np.errstate(over="ignore"):
        mult = (np.arange(1, rows + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)) | np.uint64(1)
        acc = (s * mult).sum(axis=2, dtype=np.uint64)
        acc = acc + np.arange(bands, dtype=np.uint64) * np.uint64(0xD6E8FEB86659FD93)
        keys = _fmix64(acc) | np.uint64(1)
    return keys[0] if single else keys


class BandTable:
    """Multi-map ``band key -> row numbers`` (open addressing, linear probing).

    Args:
        capacity: initial number of slots (rounded up to a power of two).
    """

    def __init__(self, capacity: int = 1 << 16) -> None:
        cap = 1 << max(4, int(capacity - 1).bit_length())
        self._keys = np.zeros(cap, dtype=np.uint64)
        self._rows = np.zeros(cap, dtype=np.uint32)
        self._count = 0

    def __len__(self) -> int:
        return self._count

    @property
    def nbytes(self) -> int:
        return self._keys.nbytes + self._rows.nbytes

    def insert(self, keys: np.ndarray, rows: np.ndarray | int) -> None:
        """Add ``(key, row)`` entries (duplicates of a key are kept: it is a multi-map).

        Args:
            keys: uint64 keys (non-zero).
            rows: row number per key, or one row for all keys.
        """
        keys = np.asarray(keys, dtype=np.uint64).ravel()
        rows = np.broadcast_to(np.asarray(rows, dtype=np.uint32), keys.shape).ravel()
        if (self._count + keys.size) * 2 > self._keys.size:
            self._grow(self._count + keys.size)
        self._place(keys, rows)
        self._count += keys.size

    def _place(self, keys: np.ndarray, rows: np.ndarray) -> None:
        mask = np.uint64(self._keys.size - 1)
        pos = keys & mask
        while keys.size:
            free = self._keys[pos] == _EMPTY
            # among pending entries aiming at the same free slot, the first one wins
            cand = np.flatnonzero(free)
            if cand.size:
                _, first = np.unique(pos[cand], return_index=True)
                win = cand[first]
                self._keys[pos[win]] = keys[win]
                self._rows[pos[win]] = rows[win]
                keep = np.ones(keys.size, dtype=bool)
                keep[win] = False
                keys, rows, pos = keys[keep], rows[keep], pos[keep]
            pos = (pos + np.uint64(1)) & mask

    def _grow(self, need: int) -> None:
        cap = self._keys.size
        while need * 2 > cap:
            cap *= 2
        used = self._keys != _EMPTY
        keys, rows = self._keys[used], self._rows[used]
        self._keys = np.zeros(cap, dtype=np.uint64)
        self._rows = np.zeros(cap, dtype=np.uint32)
        self._place(keys, rows)

    def query(self, keys: np.ndarray) -> np.ndarray:
        """Row numbers stored under any of ``keys`` (with repeats: one per matching band).

        Args:
            keys: uint64 band keys of one document.

        Returns:
            uint32 array of rows (unsorted, may repeat).
        """
        keys = np.asarray(keys, dtype=np.uint64).ravel()
        mask = np.uint64(self._keys.size - 1)
        pos = keys & mask
        found = []
        while keys.size:
            k = self._keys[pos]
            hit = k == keys
            if hit.any():
                found.append(self._rows[pos[hit]])
            live = k != _EMPTY
            keys, pos = keys[live], (pos[live] + np.uint64(1)) & mask
        return np.concatenate(found) if found else np.empty(0, dtype=np.uint32)

    def clear(self) -> None:
        """Drop every entry (capacity kept)."""
        self._keys[:] = _EMPTY
        self._count = 0
