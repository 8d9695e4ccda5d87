"""StoryIndex: assign each arriving article to a story, the moment it arrives.

Why containment and not Jaccard: a syndicated copy cut to the first third of the
dispatch shares almost all of its shingles with the original, but only a third of their
union. So LSH is tuned for low Jaccard (``rows=2``: a pair at J=0.25 is a candidate with
probability ~0.98 at 128 permutations) and every candidate is then judged on the
*containment* of the smaller shingle set in the larger, estimated from the two
signatures and the two set sizes: ``|A∩B| ≈ J(|A|+|B|)/(1+J)``.

Why template text does not merge different events: two days' market reports share their
skeleton sentences but not their numbers. A candidate must (1) contain at least
``threshold`` of the smaller text, (2) share at least ``min_shared`` shingles, and (3)
when both texts carry numbers, share at least ``number_agreement`` of the smaller
text's numbers. Different events from one template fail (3) even when their skeleton
shares many words; a follow-up or another agency's story fails (1).

Why site boilerplate does not count: per site, the index learns which shingles at the
start and end of its texts (subscription lines, copyright, share buttons) recur across
that site's articles. Those shingles are taken out of both set sizes, and out of the
estimated intersection when the two texts come from the same site, so a third of a
dispatch wrapped in a site's template still counts as (almost) fully contained.

Canonical member of a story: earliest ``published`` (unknown = latest), ties: longest
text, then earliest arrival. A story's id is its first member's id, so it is stable
across runs of a persistent index.
"""

from __future__ import annotations

import logging
import math
import multiprocessing
import time
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable, Iterable, Iterator, Mapping

import numpy as np

from dedup.lsh import BandTable, band_keys
from dedup.signatures import MAX_NUMBERS, MinHasher, Signature, _init_worker, _sign_in_worker
from dedup.storage import SQLiteStore, StoryIndexError

__all__ = ["StoryIndex", "Assignment", "Story"]

logger = logging.getLogger(__name__)

_INF = math.inf
_PRUNE = 64  # texts of one site between prunings of its edge-shingle counts


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where an article went: its story, and the story's canonical member at arrival.

    Attributes:
        story_id: stable id of the story (its first member's id).
        duplicate_of: doc id of the story's canonical member, or ``None`` when this
            article is (now) the canonical one.
        is_new_story: the article started a new story.
    """

    story_id: str
    duplicate_of: str | None
    is_new_story: bool


@dataclass(frozen=True, slots=True)
class Story:
    """A story as it stands: its canonical member and all members."""

    story_id: str
    canonical_id: str
    canonical_url: str | None
    members: list[str]
    sites: list[str]
    first_published: datetime | None
    size: int


def _ts(dt: datetime | None) -> float:
    if dt is None:
        return _INF
    if dt.tzinfo is None:
        raise ValueError(f"naive datetime {dt!r}: published must be timezone-aware")
    return dt.timestamp()


class StoryIndex:
    """Streaming grouping of syndicated copies into stories (MinHash + LSH + containment).

    Args:
        threshold: minimum containment of the smaller text in the larger (0 < t <= 1).
        num_perm: MinHash permutations (index schema).
        shingle_size: words per shingle (index schema).
        seed: permutation seed (index schema).
        path: SQLite file keeping the index across runs; ``None`` keeps it in memory.
        window_days: stories with no new member for longer than this are expired when
            the index is opened and by ``expire()``; ``None`` keeps everything.
        rows: permutations per LSH band (low = catches low-Jaccard, i.e. truncated, copies).
        bands: number of LSH bands (default ``num_perm // rows``).
        min_shared: minimum estimated number of shared shingles (capped at
            ``threshold`` times the smaller set, so very short texts can still match).
        number_agreement: minimum share of the smaller text's numbers found in the other
            (applies when both have at least 2 numbers).
        workers: processes computing signatures in ``add_many`` (1 = in process).
        commit_every: documents per SQLite transaction.
        site_repeats: an edge shingle seen in this many earlier texts of the same site
            is that site's boilerplate.
        clock: returns "now" (aware datetime), for arrival times and expiry.

    Raises:
        ValueError: on a bad parameter value.
        StoryIndexError: the file at ``path`` is corrupt or not a story index.
        SchemaMismatchError: the file was built with other num_perm / seed / shingle_size.

    Example:
        >>> with StoryIndex(path="stories.sqlite", window_days=7) as idx:
        ...     a = idx.add("id1", text, url=url, site="example.org", published=when)
        ...     a.story_id, a.duplicate_of
    """

    def __init__(
        self,
        *,
        threshold: float = 0.5,
        num_perm: int = 128,
        shingle_size: int = 5,
        seed: int = 1,
        path: str | None = None,
        window_days: float | None = None,
        rows: int = 2,
        bands: int | None = None,
        min_shared: int = 8,
        number_agreement: float = 0.67,
        workers: int = 1,
        commit_every: int = 500,
        site_repeats: int = 2,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        if not isinstance(threshold, (int, float)) or not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0.0, 1.0], got {threshold!r}")
        if window_days is not None and not window_days > 0:
            raise ValueError(f"window_days must be > 0 or None, got {window_days!r}")
        if not isinstance(rows, int) or rows < 1:
            raise ValueError(f"rows must be an int >= 1, got {rows!r}")
        bands = bands if bands is not None else num_perm // rows if isinstance(num_perm, int) else 0
        self.hasher = MinHasher(num_perm=num_perm, seed=seed, shingle_size=shingle_size)
        if not isinstance(bands, int) or bands < 1 or bands * rows > num_perm:
            raise ValueError(f"bands * rows must be <= num_perm ({num_perm}), got bands={bands!r} rows={rows!r}")
        if not 0.0 <= number_agreement <= 1.0:
            raise ValueError(f"number_agreement must be in [0.0, 1.0], got {number_agreement!r}")
        if not isinstance(workers, int) or workers < 1:
            raise ValueError(f"workers must be an int >= 1, got {workers!r}")
        self.threshold = float(threshold)
        self.num_perm, self.seed, self.shingle_size = num_perm, seed, shingle_size
        self.window_days = window_days
        self.bands, self.rows = bands, rows
        self.min_shared = min_shared
        self.number_agreement = number_agreement
        self.workers = workers
        self.commit_every = commit_every
        self.site_repeats = site_repeats
        # site -> {edge shingle hash -> texts seen}; pruned of one-offs every _PRUNE texts
        self._site_edges: dict[str, dict[int, int]] = {}
        self._site_seen: dict[str, int] = {}
        self._clock = clock or (lambda: datetime.now(timezone.utc))
        self.stats: dict[str, int] = {"added": 0, "new_stories": 0, "joined": 0, "empty": 0, "repeated_id": 0,
                                      "candidates": 0, "rejected_numbers": 0, "expired_docs": 0}
        self._reset()
        self._store: SQLiteStore | None = None
        self.path = path
        if path is not None:
            self._store = SQLiteStore(path, {"num_perm": num_perm, "seed": seed, "shingle_size": shingle_size,
                                             "scheme": "affine64/xxh3-shingles/v1"})
            self._load(self._store.rows())
            if window_days is not None:
                self.expire()

    # --- state -------------------------------------------------------------------------
    def _reset(self, cap: int = 1024) -> None:
        P = self.num_perm
        self._n = 0
        self._sig = np.empty((cap, P), dtype=np.uint32)
        self._size = np.empty(cap, dtype=np.int32)
        self._common = np.zeros(cap, dtype=np.int32)
        self._len = np.empty(cap, dtype=np.int32)
        self._pub = np.empty(cap, dtype=np.float64)
        self._added = np.empty(cap, dtype=np.float64)
        self._nums = np.zeros((cap, MAX_NUMBERS), dtype=np.uint32)
        self._nnum = np.zeros(cap, dtype=np.int8)
        self._story_of = np.empty(cap, dtype=np.int32)
        self._ids: list[str] = []
        self._urls: list[str | None] = []
        self._sites: list[str | None] = []
        self._row_of: dict[str, int] = {}
        self._sids: list[str] = []
        self._sid_index: dict[str, int] = {}
        self._canon: list[int] = []
        self._members: list[list[int]] = []
        self._table = BandTable()

    def _grow(self) -> None:
        cap = len(self._size) * 2
        for name in ("_sig", "_size", "_common", "_len", "_pub", "_added", "_nums", "_nnum", "_story_of"):
            old = getattr(self, name)
            new = np.zeros((cap,) + old.shape[1:], dtype=old.dtype)
            new[: self._n] = old[: self._n]
            setattr(self, name, new)

    def __len__(self) -> int:
        return self._n

    @property
    def nbytes(self) -> int:
        """Bytes held by the numpy arrays and the LSH table (not the Python lists)."""
        arrays = (self._sig, self._size, self._common, self._len, self._pub, self._added, self._nums, self._nnum, self._story_of)
        return sum(a.nbytes for a in arrays) + self._table.nbytes

    def _canon_key(self, row: int) -> tuple[float, int, int]:
        return (self._pub[row], -int(self._len[row]), row)

    def _append(self, doc_id: str, sig32: np.ndarray, size: int, common: int, length: int, nums: np.ndarray,
                url, site, pub: float, added: float, story: int) -> int:
        if self._n == len(self._size):
            self._grow()
        r = self._n
        self._sig[r] = sig32
        self._size[r], self._common[r], self._len[r] = size, common, length
        self._pub[r], self._added[r] = pub, added
        k = min(len(nums), MAX_NUMBERS)
        self._nums[r, :k] = nums[:k]
        self._nnum[r] = k
        self._story_of[r] = story
        self._ids.append(doc_id)
        self._urls.append(url)
        self._sites.append(site)
        self._row_of[doc_id] = r
        self._n += 1
        return r

    def _new_story(self, sid: str) -> int:
        s = len(self._sids)
        self._sids.append(sid)
        self._sid_index[sid] = s
        self._canon.append(-1)
        self._members.append([])
        return s

    def _join(self, s: int, r: int) -> str | None:
        """Add row r to story s; returns the canonical doc id as known before, or None."""
        self._members[s].append(r)
        c = self._canon[s]
        if c < 0 or self._canon_key(r) < self._canon_key(c):
            self._canon[s] = r
            return None
        return self._ids[c]

    def _load(self, rows: Iterable[tuple]) -> None:
        n = 0
        for doc_id, sid, url, site, pub, length, size, common, added, sig, nums in rows:
            s = self._sid_index.get(sid)
            if s is None:
                s = self._new_story(sid)
            sig32 = np.frombuffer(sig, dtype=np.uint32)
            if sig32.size != self.num_perm:
                raise StoryIndexError(f"{self.path}: signature of {doc_id!r} has {sig32.size} values, not {self.num_perm}")
            r = self._append(doc_id, sig32, size, common, length, np.frombuffer(nums, dtype=np.uint32), url, site,
                             _INF if pub is None else pub, added, s)
            self._join(s, r)
            n += 1
        if n:
            live = np.flatnonzero(self._size[: self._n] > 0)
            keys = band_keys(self._sig[live], self.bands, self.rows)
            self._table.insert(keys, np.repeat(live.astype(np.uint32), self.bands))
        logger.info("story index %s: loaded %d documents in %d stories", self.path, n, len(self._sids))

    # --- public API --------------------------------------------------------------------
    def add(self, doc_id: str, text: str, *, url: str | None = None, site: str | None = None,
            published: datetime | None = None) -> Assignment:
        """Assign one article to a story (joining an existing one or starting a new one).

        Args:
            doc_id: stable id of the article (e.g. ``crawler.items.article_id``).
            text: the article body.
            url: its URL (listed in ``Story.members``).
            site: its site (listed in ``Story.sites``).
            published: aware publication time, or ``None`` if unknown.

        Returns:
            The ``Assignment``. Adding a known ``doc_id`` again returns its story unchanged.

        Raises:
            ValueError: ``published`` is a naive datetime.
        """
        return self._assign(doc_id, self.hasher.signature(text), url, site, published)

    def add_many(self, records: Iterable[Mapping[str, Any] | tuple], *, workers: int | None = None,
                 chunk: int = 128) -> Iterator[Assignment]:
        """Assign many articles in order, computing signatures in worker processes.

        Args:
            records: mappings with ``doc_id``, ``text`` and optionally ``url``, ``site``,
                ``published``; or ``(doc_id, text)`` tuples.
            workers: processes for signatures (default: the index's ``workers``).
            chunk: documents per unit of work.

        Yields:
            One ``Assignment`` per record, in input order (streaming: each assignment is
            final when yielded).
        """
        workers = self.workers if workers is None else workers

        def norm(rec):
            if isinstance(rec, Mapping):
                return rec["doc_id"], rec.get("text") or "", rec.get("url"), rec.get("site"), rec.get("published")
            return rec[0], rec[1] or "", None, None, None

        def chunks():
            buf = []
            for rec in records:
                buf.append(norm(rec))
                if len(buf) >= chunk:
                    yield buf
                    buf = []
            if buf:
                yield buf

        if workers <= 1:
            for buf in chunks():
                for (doc_id, _, url, site, pub), sig in zip(buf, self.hasher.signatures([b[1] for b in buf])):
                    yield self._assign(doc_id, sig, url, site, pub)
            return
        ctx = multiprocessing.get_context("spawn")
        with ctx.Pool(workers, initializer=_init_worker, initargs=(self.num_perm, self.seed, self.shingle_size)) as pool:
            pending: deque = deque()
            it = chunks()
            done = False
            while True:
                while not done and len(pending) < 3 * workers:
                    buf = next(it, None)
                    if buf is None:
                        done = True
                        break
                    pending.append((buf, pool.apply_async(_sign_in_worker, ([b[1] for b in buf],))))
                if not pending:
                    break
                buf, res = pending.popleft()
                for (doc_id, _, url, site, pub), sig in zip(buf, res.get()):
                    yield self._assign(doc_id, sig, url, site, pub)

    def query(self, text: str) -> list[tuple[str, float]]:
        """Stories ``text`` would match, best first, without adding it.

        Args:
            text: an article body.

        Returns:
            ``(story_id, containment)`` pairs passing every test, best first.
        """
        sig = self.hasher.signature(text)
        return [(self._sids[s], c) for s, c in self._matches(self._sig32(sig), sig, 0, None)]

    def stories(self) -> Iterator[Story]:
        """Every story currently in the index, in order of creation.

        Yields:
            ``Story`` records (members listed by URL, or doc id when the URL is unknown).
        """
        for s, sid in enumerate(self._sids):
            rows = self._members[s]
            if not rows:
                continue
            c = self._canon[s]
            pubs = [self._pub[r] for r in rows if self._pub[r] != _INF]
            sites = list(dict.fromkeys(self._sites[r] for r in rows if self._sites[r]))
            yield Story(
                story_id=sid,
                canonical_id=self._ids[c],
                canonical_url=self._urls[c],
                members=[self._urls[r] or self._ids[r] for r in rows],
                sites=sites,
                first_published=datetime.fromtimestamp(min(pubs), timezone.utc) if pubs else None,
                size=len(rows),
            )

    def story_of(self, doc_id: str) -> str | None:
        """The story id of a known document, else ``None``."""
        r = self._row_of.get(doc_id)
        return None if r is None else self._sids[self._story_of[r]]

    def expire(self, now: datetime | None = None) -> int:
        """Drop stories with no member added within ``window_days`` of ``now``.

        Args:
            now: reference time (default: the clock).

        Returns:
            The number of documents dropped (0 when ``window_days`` is None).
        """
        if self.window_days is None or self._n == 0:
            return 0
        cutoff = (now or self._clock()).timestamp() - self.window_days * 86400.0
        last = np.full(len(self._sids), -_INF)
        np.maximum.at(last, self._story_of[: self._n], self._added[: self._n])
        dead = {s for s in range(len(self._sids)) if self._members[s] and last[s] < cutoff}
        if not dead:
            return 0
        keep = [r for r in range(self._n) if self._story_of[r] not in dead]
        dropped = self._n - len(keep)
        if self._store is not None:
            self._store.delete_stories(self._sids[s] for s in dead)
        rows = [self._row_tuple(r) for r in keep]
        self._reset(max(1024, len(keep)))
        self._load(rows)
        self.stats["expired_docs"] += dropped
        logger.info("story index: expired %d stories (%d documents)", len(dead), dropped)
        return dropped

    def close(self) -> None:
        """Commit and close the SQLite file (no-op in memory). Idempotent."""
        if self._store is not None:
            self._store.close()
            self._store = None

    def __enter__(self) -> "StoryIndex":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- core --------------------------------------------------------------------------
    def _row_tuple(self, r: int) -> tuple:
        pub = self._pub[r]
        return (self._ids[r], self._sids[self._story_of[r]], self._urls[r], self._sites[r],
                None if pub == _INF else float(pub), int(self._len[r]), int(self._size[r]), int(self._common[r]),
                float(self._added[r]),
                self._sig[r].tobytes(), self._nums[r, : self._nnum[r]].tobytes())

    @staticmethod
    def _sig32(sig: Signature) -> np.ndarray:
        # the top 32 bits of each 64-bit minimum: equal minima <=> equal (up to 2^-32)
        return (sig.hashvalues >> np.uint64(32)).astype(np.uint32)

    def _site_common(self, site: str | None, edges: np.ndarray) -> int:
        """How many of this text's edge shingles are its site's boilerplate; learn them."""
        if not site or edges.size == 0:
            return 0
        counts = self._site_edges.setdefault(site, {})
        get = counts.get
        keys = edges.tolist()
        common = sum(1 for h in keys if get(h, 0) >= self.site_repeats)
        for h in keys:
            counts[h] = get(h, 0) + 1
        seen = self._site_seen[site] = self._site_seen.get(site, 0) + 1
        if seen % _PRUNE == 0:
            self._site_edges[site] = {h: c for h, c in counts.items() if c > 1}
        return common

    def _matches(self, q: np.ndarray, sig: Signature, common: int, site: str | None) -> list[tuple[int, float]]:
        if sig.size == 0 or self._n == 0:
            return []
        found = self._table.query(band_keys(q, self.bands, self.rows))
        if found.size == 0:
            return []
        cand = np.unique(found)
        self.stats["candidates"] += int(cand.size)
        j = (self._sig[cand] == q).mean(axis=1)
        a, b = float(sig.size), self._size[cand].astype(np.float64)
        inter = j * (a + b) / (1.0 + j)
        # site boilerplate is not content: out of the sizes, and out of the intersection
        # when both texts come from the same site (they then share that boilerplate)
        cb = self._common[cand].astype(np.float64)
        if site and common:
            same = np.fromiter((self._sites[r] == site for r in cand.tolist()), dtype=bool, count=cand.size)
            inter = inter - np.where(same, np.minimum(common, cb), 0.0)
        small = np.maximum(np.minimum(a - common, b - cb), 1.0)
        cont = inter / np.maximum(small, 1.0)
        ok = (cont >= self.threshold) & (inter >= np.minimum(self.min_shared, self.threshold * small))
        best: dict[int, float] = {}
        qn = sig.numbers
        for i in np.flatnonzero(ok):
            r = int(cand[i])
            if not self._numbers_agree(qn, r):
                self.stats["rejected_numbers"] += 1
                continue
            s = int(self._story_of[r])
            if cont[i] > best.get(s, -1.0):
                best[s] = float(cont[i])
        return sorted(best.items(), key=lambda x: -x[1])

    def _numbers_agree(self, qn: np.ndarray, r: int) -> bool:
        k = int(self._nnum[r])
        if len(qn) < 2 or k < 2:
            return True
        common = np.intersect1d(qn, self._nums[r, :k], assume_unique=True).size
        return common >= self.number_agreement * min(len(qn), k)

    def _assign(self, doc_id: str, sig: Signature, url, site, published) -> Assignment:
        pub = _ts(published)
        r0 = self._row_of.get(doc_id)
        if r0 is not None:
            self.stats["repeated_id"] += 1
            s = int(self._story_of[r0])
            c = self._canon[s]
            return Assignment(self._sids[s], None if c == r0 else self._ids[c], False)
        q = self._sig32(sig)
        common = self._site_common(site, sig.edges)
        matches = self._matches(q, sig, common, site)
        added = self._clock().timestamp()
        if matches:
            s = matches[0][0]
            new = False
            self.stats["joined"] += 1
        else:
            s = self._new_story(doc_id)
            new = True
            self.stats["new_stories"] += 1
        r = self._append(doc_id, q, sig.size, common, sig.length, sig.numbers, url, site, pub, added, s)
        dup = self._join(s, r)
        if sig.size:
            self._table.insert(band_keys(q, self.bands, self.rows), r)
        else:
            self.stats["empty"] += 1
            logger.debug("story index: %s has no text, kept as its own story", doc_id)
        if self._store is not None:
            self._store.add(self._row_tuple(r), commit_every=self.commit_every)
        self.stats["added"] += 1
        return Assignment(self._sids[s], dup, new)
