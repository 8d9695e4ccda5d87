"""The documents of a story index by row: numpy columns plus id, URL and site lists.

One row per document, in arrival order; the row number is what the LSH table stores
and what stories list as members. The numeric columns are what verification compares
(``Features``) and what persistence stores (``row_tuple``, ``load``); they grow by
doubling, so adding a batch is a few slice assignments.
"""

from __future__ import annotations

import math

import numpy as np

from dedup.signatures import LEAD, MAX_NUMBERS
from dedup.verify import Features

__all__ = ["DocTable"]

_INF = math.inf  # "published" of a document whose publication time is unknown
_COLUMNS = ("sig", "size", "length", "pub", "added", "nums", "nnum", "lead", "nlead", "story_of")


class DocTable:
    """Columns of the indexed documents.

    Args:
        num_perm: values per signature.
        cap: rows allocated up front.
    """

    def __init__(self, num_perm: int, cap: int = 1024) -> None:
        self.num_perm = num_perm
        self.n = 0
        self.sig = np.empty((cap, num_perm), dtype=np.uint16)
        self.size = np.empty(cap, dtype=np.int32)
        self.length = np.empty(cap, dtype=np.int32)
        self.pub = np.empty(cap, dtype=np.float64)
        self.added = np.empty(cap, dtype=np.float64)
        self.nums = np.zeros((cap, MAX_NUMBERS), dtype=np.uint32)
        self.nnum = np.zeros(cap, dtype=np.int8)
        self.lead = np.zeros((cap, LEAD), dtype=np.uint16)
        self.nlead = np.zeros(cap, dtype=np.int8)
        self.story_of = np.empty(cap, dtype=np.int32)
        self.ids: list[str] = []
        self.urls: list[str | None] = []
        self.sites: list[str | None] = []
        self.row_of: dict[str, int] = {}

    def __len__(self) -> int:
        return self.n

    @property
    def nbytes(self) -> int:
        """Bytes held by the numpy columns (not the Python lists)."""
        return sum(getattr(self, c).nbytes for c in _COLUMNS)

    def reserve(self, extra: int) -> None:
        """Make room for ``extra`` more rows."""
        need = self.n + extra
        if need <= len(self.size):
            return
        cap = max(len(self.size) * 2, need)
        for name in _COLUMNS:
            old = getattr(self, name)
            new = np.zeros((cap,) + old.shape[1:], dtype=old.dtype)
            new[: self.n] = old[: self.n]
            setattr(self, name, new)

    def features(self) -> Features:
        """The columns verification compares (views, valid until the next ``reserve``)."""
        return Features(self.sig, self.size, self.nums, self.nnum, self.lead, self.nlead)

    def put(self, rows: np.ndarray, f: Features, length: np.ndarray, added: float) -> None:
        """Write the numeric columns of new ``rows`` (room reserved) from their features."""
        self.sig[rows] = f.sig
        self.size[rows] = f.size
        self.length[rows] = length
        self.nums[rows] = f.nums
        self.nnum[rows] = f.nnum
        self.lead[rows] = f.lead
        self.nlead[rows] = f.nlead
        self.added[rows] = added

    def append(self, doc_id: str, url: str | None, site: str | None) -> int:
        """Register the next row's id, URL and site (its columns already written); returns the row."""
        r = self.n
        self.ids.append(doc_id)
        self.urls.append(url)
        self.sites.append(site)
        self.row_of[doc_id] = r
        self.n = r + 1
        return r

    def load(self, doc_id: str, url: str | None, site: str | None, pub: float | None, length: int, size: int,
             added: float, sig: np.ndarray, nums: bytes, lead: bytes, story: int) -> int:
        """Append one stored document (as kept by ``row_tuple``); returns its row."""
        self.reserve(1)
        r = self.n
        self.sig[r] = sig
        self.size[r], self.length[r], self.pub[r], self.added[r] = size, length, _INF if pub is None else pub, added
        nv = np.frombuffer(nums, dtype=np.uint32)[:MAX_NUMBERS]
        self.nums[r, : nv.size] = nv
        self.nnum[r] = nv.size
        lv = np.frombuffer(lead, dtype=np.uint16)[:LEAD]
        self.lead[r, : lv.size] = lv
        self.nlead[r] = lv.size
        self.story_of[r] = story
        return self.append(doc_id, url, site)

    def row_tuple(self, r: int, story_id: str) -> tuple:
        """Row ``r`` as stored (``dedup.storage`` column order)."""
        pub = self.pub[r]
        return (self.ids[r], story_id, self.urls[r], self.sites[r], None if pub == _INF else float(pub),
                int(self.length[r]), int(self.size[r]), float(self.added[r]), self.sig[r].tobytes(),
                self.nums[r, : self.nnum[r]].tobytes(), self.lead[r, : self.nlead[r]].tobytes())
