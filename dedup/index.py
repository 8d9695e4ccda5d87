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

Why the lead must agree on borderline candidates: a follow-up article reuses a
background paragraph of the original dispatch, and a copy of that follow-up cut to its
first half is then about half background, right at the containment threshold. What
tells them apart is the opening: syndicated copies keep the dispatch's lead (editors
cut from the end and rewrite the headline), a follow-up opens with its own news. So a
candidate whose containment is below ``lead_guard`` must also share at least
``lead_min`` of the first shingles of the two texts (fewer for very short texts).

Why numbers allow one miss: a copy may carry one number of its own (a copyright year,
a substituted figure), a different event from one template disagrees on most of them.

Why site boilerplate does not count: per site, the index learns which lines at the
start and end of its texts (subscription prompts, copyright, share buttons) recur
across that site's articles, and drops those lines before signing a text, so a third
of a dispatch wrapped in a site's template is judged on the dispatch alone, and two
short pieces of one site do not match on their shared template. Likewise a site's
link lines ("Read also: <another headline>"): short title-like lines whose first two
words open such lines in earlier texts of the site. The learned lines are
persisted with the index (a run split in two decides like one long run).

Why batches: ``add_many`` signs documents in worker processes (signatures and band keys
come back as arrays), then per batch queries the LSH table for all documents at once
(inserting the batch first, so a document also finds the earlier ones of its own
batch), verifies every candidate pair in one vectorised pass, and only the final choice
of story per document is a short Python loop. ``add`` is a batch of one: both give the
same assignments.

Why these defaults (``threshold=0.5, num_perm=128, shingle_size=5``): the grid of
``bench/dedup.py`` (num_perm 64/128/256 x shingle 3/4/5 x threshold 0.4/0.5/0.6 on the
labelled set) keeps no hard-negative pair merged at 0.5 with 5-word shingles, with the
best precision of the 128-permutation settings that reach recall 0.98 (P 0.998, R 0.983,
ARI 0.991, third-length copies joined 0.970; seeds 2 and 3 alike); 0.4 merges template
events, 0.6 drops truncated copies; 4-word shingles gain ~0.5 point of recall for ~0.2
of precision; 256 permutations are a little better still (P 1.0, R 0.989) but double
signature time and index memory, so a million documents no longer fit 5 min / 4 GiB.

Canonical member of a story: earliest ``published`` (unknown = latest), ties: longest
text, then earliest arrival. A story's id is its first member's id, so it is stable
across runs of a persistent index.
"""

from __future__ import annotations

import logging
import math
import multiprocessing
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable, Iterable, Iterator, Mapping

import numpy as np
from dedup.boilerplate import SiteBoilerplate
from dedup.lsh import BandTable, band_keys
from dedup.shingles import _fmix64
from dedup.signatures import LEAD, MAX_NUMBERS, MinHasher, SignatureBatch
from dedup.storage import SQLiteStore, StoryIndexError

__all__ = ["StoryIndex", "Assignment", "Story"]

logger = logging.getLogger(__name__)

_INF = math.inf
_SCHEME = "affine64/bytewords-k/sig16mix-lead64/v3"


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
        number_agreement: minimum share of the smaller text's numbers, less one, found in
            the other (applies when both have at least 2 numbers).
        lead_guard: candidates with containment below this must also share their lead
            (1.0: always; 0.0: never).
        lead_min: shared opening shingles required by the lead test (at most half of
            the shorter lead).
        workers: processes computing signatures in ``add_many`` (1 = in process).
        batch: documents per batch in ``add_many`` (and per SQLite transaction).
        site_repeats: an edge line seen in this many earlier texts of the same site is
            that site's boilerplate.
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
        lead_guard: float = 0.8,
        lead_min: int = 3,
        workers: int = 1,
        batch: int = 1024,
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
        if not 0.0 <= lead_guard <= 1.0:
            raise ValueError(f"lead_guard must be in [0.0, 1.0], got {lead_guard!r}")
        if not isinstance(lead_min, int) or lead_min < 0:
            raise ValueError(f"lead_min must be an int >= 0, got {lead_min!r}")
        if not isinstance(workers, int) or workers < 1:
            raise ValueError(f"workers must be an int >= 1, got {workers!r}")
        if not isinstance(batch, int) or batch < 1:
            raise ValueError(f"batch must be an int >= 1, got {batch!r}")
        self.threshold = float(threshold)
        self.num_perm, self.seed, self.shingle_size = num_perm, seed, shingle_size
        self.window_days = window_days
        self.bands, self.rows = bands, rows
        self.min_shared = min_shared
        self.number_agreement = number_agreement
        self.lead_guard, self.lead_min = float(lead_guard), lead_min
        self.workers = workers
        self.batch = batch
        self.boilerplate = SiteBoilerplate(site_repeats)
        self._clock = clock or (lambda: datetime.now(timezone.utc))
        self.stats: dict[str, int] = {"added": 0, "new_stories": 0, "joined": 0, "empty": 0, "repeated_id": 0,
                                      "candidates": 0, "rejected_numbers": 0, "rejected_lead": 0, "expired_docs": 0}
        self._reset()
        self._store: SQLiteStore | None = None
        self.path = path
        if path is not None:
            self._store = SQLiteStore(path, {"num_perm": num_perm, "seed": seed, "shingle_size": shingle_size,
                                             "scheme": _SCHEME})
            self.boilerplate.restore(self._store.site_state())
            self._load(self._store.rows())
            if window_days is not None:
                self.expire()

    # --- state -------------------------------------------------------------------------
    def _reset(self, cap: int = 1024) -> None:
        self._n = 0
        self._sig = np.empty((cap, self.num_perm), dtype=np.uint16)
        self._size = np.empty(cap, dtype=np.int32)
        self._len = np.empty(cap, dtype=np.int32)
        self._pub = np.empty(cap, dtype=np.float64)
        self._added = np.empty(cap, dtype=np.float64)
        self._nums = np.zeros((cap, MAX_NUMBERS), dtype=np.uint32)
        self._nnum = np.zeros(cap, dtype=np.int8)
        self._lead = np.zeros((cap, LEAD), dtype=np.uint16)
        self._nlead = np.zeros(cap, dtype=np.int8)
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

    def _reserve(self, extra: int) -> None:
        need = self._n + extra
        if need <= len(self._size):
            return
        cap = max(len(self._size) * 2, need)
        for name in ("_sig", "_size", "_len", "_pub", "_added", "_nums", "_nnum", "_lead", "_nlead", "_story_of"):
            old = getattr(self, name)
            new = np.zeros((cap,) + old.shape[1:], dtype=old.dtype)
            new[: self._n] = old[: self._n]
            setattr(self, name, new)

    def __len__(self) -> int:
        return self._n

    @property
    def nbytes(self) -> int:
        """Bytes held by the numpy arrays and the LSH table (not the Python lists)."""
        arrays = (self._sig, self._size, self._len, self._pub, self._added, self._nums, self._nnum, self._lead,
                  self._nlead, self._story_of)
        return sum(a.nbytes for a in arrays) + self._table.nbytes

    def _canon_key(self, row: int) -> tuple[float, int, int]:
        return (self._pub[row], -int(self._len[row]), row)

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
        for doc_id, sid, url, site, pub, length, size, added, sig, nums, lead in rows:
            s = self._sid_index.get(sid)
            if s is None:
                s = self._new_story(sid)
            sig16 = np.frombuffer(sig, dtype=np.uint16)
            if sig16.size != self.num_perm:
                raise StoryIndexError(f"{self.path}: signature of {doc_id!r} has {sig16.size} values, not {self.num_perm}")
            self._reserve(1)
            r = self._n
            self._sig[r] = sig16
            self._size[r], self._len[r], self._pub[r], self._added[r] = size, length, _INF if pub is None else pub, added
            nv = np.frombuffer(nums, dtype=np.uint32)[:MAX_NUMBERS]
            self._nums[r, : nv.size] = nv
            self._nnum[r] = nv.size
            lv = np.frombuffer(lead, dtype=np.uint16)[:LEAD]
            self._lead[r, : lv.size] = lv
            self._nlead[r] = lv.size
            self._story_of[r] = s
            self._ids.append(doc_id)
            self._urls.append(url)
            self._sites.append(site)
            self._row_of[doc_id] = r
            self._n += 1
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
        pub = _ts(published)
        clean = self.boilerplate.strip(site, text or "")
        return self._assign_batch([(doc_id, url, site, pub)], self.hasher.sign_batch([clean]))[0]

    def add_many(self, records: Iterable[Mapping[str, Any] | tuple], *, workers: int | None = None,
                 chunk: int | None = None) -> Iterator[Assignment]:
        """Assign many articles in order, computing signatures in worker processes.

        Args:
            records: mappings with ``doc_id``, ``text`` and optionally ``url``, ``site``,
                ``published``; or ``(doc_id, text)`` tuples.
            workers: processes for signatures (default: the index's ``workers``).
            chunk: documents per batch (default: the index's ``batch``).

        Yields:
            One ``Assignment`` per record, in input order (each final when yielded; the
            same as ``add`` one by one would give).

        Raises:
            ValueError: a ``published`` is a naive datetime.
        """
        workers = self.workers if workers is None else workers
        size = chunk or self.batch

        def batches():
            metas, texts = [], []
            for rec in records:
                if isinstance(rec, Mapping):
                    doc_id, text, url, site, pub = (rec["doc_id"], rec.get("text") or "", rec.get("url"),
                                                    rec.get("site"), rec.get("published"))
                else:
                    doc_id, text, url, site, pub = rec[0], rec[1] or "", None, None, None
                metas.append((doc_id, url, site, _ts(pub)))
                texts.append(self.boilerplate.strip(site, text))
                if len(metas) >= size:
                    yield metas, texts
                    metas, texts = [], []
            if metas:
                yield metas, texts

        if workers <= 1:
            for metas, texts in batches():
                yield from self._assign_batch(metas, self.hasher.sign_batch(texts))
            return
        ctx = multiprocessing.get_context("spawn")
        with ctx.Pool(workers, initializer=_init_worker, initargs=(self.num_perm, self.seed, self.shingle_size)) as pool:
            pending: deque = deque()
            it = batches()
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
                metas, res = pending.popleft()
                yield from self._assign_batch(metas, res.get())

    def query(self, text: str) -> list[tuple[str, float]]:
        """Stories ``text`` would match, best first, without adding it.

        Args:
            text: an article body.

        Returns:
            ``(story_id, containment)`` pairs passing every test, best first.
        """
        b = self.hasher.sign_batch([text])
        q = self._sig16(b.hashvalues)
        if b.size[0] == 0 or self._n == 0:
            return []
        _, rows = self._table.query_pairs(band_keys(q, self.bands, self.rows))
        rows = np.unique(rows)
        z = np.zeros(rows.size, dtype=np.int64)
        ok, cont = self._verify(q[z], b.size[z], b.numbers[z], b.nnum[z], b.lead[z], b.nlead[z], rows)
        best: dict[int, float] = {}
        for r, c in zip(rows[ok].tolist(), cont[ok].tolist()):
            s = int(self._story_of[r])
            best[s] = max(best.get(s, -1.0), c)
        return [(self._sids[s], c) for s, c in sorted(best.items(), key=lambda x: -x[1])]

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
        """Close the SQLite file (every batch is already committed; no-op in memory). Idempotent."""
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
                None if pub == _INF else float(pub), int(self._len[r]), int(self._size[r]),
                float(self._added[r]), self._sig[r].tobytes(), self._nums[r, : self._nnum[r]].tobytes(),
                self._lead[r, : self._nlead[r]].tobytes())

    @staticmethod
    def _sig16(hv: np.ndarray) -> np.ndarray:
        # 16 bits of each 64-bit minimum *after remixing*: equal minima <=> equal (up to
        # 2^-16). Not the raw top bits: a minimum of a few hundred uniform values is small,
        # so its top 16 bits take a few hundred values only; unrelated documents then
        # agree on whole LSH bands by chance and candidates grow with the index size.
        return (_fmix64(hv) >> np.uint64(48)).astype(np.uint16)

    def _verify(self, q: np.ndarray, qsize: np.ndarray, qnums: np.ndarray, qnnum: np.ndarray,
                qlead: np.ndarray, qnlead: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Judge candidate pairs (query side given per pair, stored side by row), vectorised.

        Returns:
            ``(ok, containment)`` per pair.
        """
        j = (self._sig[rows] == q).mean(axis=1)
        a, b = qsize.astype(np.float64), self._size[rows].astype(np.float64)
        inter = j * (a + b) / (1.0 + j)
        small = np.maximum(np.minimum(a, b), 1.0)
        cont = inter / small
        ok = (cont >= self.threshold) & (inter >= np.minimum(self.min_shared, self.threshold * small))
        # numbers: the smaller list, less one, must be mostly found in the other
        idx = np.flatnonzero(ok)
        if idx.size:
            na, nb = qnnum[idx].astype(np.int64), self._nnum[rows[idx]].astype(np.int64)
            both = (na >= 2) & (nb >= 2)
            if both.any():
                sel = idx[both]
                A, B = qnums[sel], self._nums[rows[sel]]
                va = np.arange(MAX_NUMBERS) < na[both][:, None]
                vb = np.arange(MAX_NUMBERS) < nb[both][:, None]
                found = ((A[:, :, None] == B[:, None, :]) & vb[:, None, :]).any(axis=2) & va
                common = found.sum(axis=1)
                agree = common >= self.number_agreement * (np.minimum(na[both], nb[both]) - 1)
                self.stats["rejected_numbers"] += int((~agree).sum())
                ok[sel[~agree]] = False
        # lead: borderline candidates must share the opening of the two texts
        idx = np.flatnonzero(ok & (cont < self.lead_guard))
        if idx.size:
            la, lb = qnlead[idx].astype(np.int64), self._nlead[rows[idx]].astype(np.int64)
            A, B = qlead[idx], self._lead[rows[idx]]
            va = np.arange(LEAD) < la[:, None]
            vb = np.arange(LEAD) < lb[:, None]
            found = ((A[:, :, None] == B[:, None, :]) & vb[:, None, :]).any(axis=2) & va
            need = np.minimum(self.lead_min, (np.minimum(la, lb) + 1) // 2)
            bad = found.sum(axis=1) < need
            self.stats["rejected_lead"] += int(bad.sum())
            ok[idx[bad]] = False
        return ok, cont

    def _assign_batch(self, metas: list[tuple], batch: SignatureBatch) -> list[Assignment]:
        """Assign a batch of signed documents in order (the whole engine)."""
        n = len(metas)
        q = self._sig16(batch.hashvalues)
        # rows for documents not seen before (a repeated id keeps its first assignment)
        new_row = np.full(n, -1, dtype=np.int64)
        first_in_batch: dict[str, int] = {}
        r = self._n
        for i, (doc_id, _, _, _) in enumerate(metas):
            if doc_id in self._row_of or doc_id in first_in_batch:
                continue
            first_in_batch[doc_id] = i
            new_row[i] = r
            r += 1
        fresh = np.flatnonzero(new_row >= 0)
        self._reserve(fresh.size)
        rows_new = new_row[fresh]
        self._sig[rows_new] = q[fresh]
        self._size[rows_new] = batch.size[fresh]
        self._len[rows_new] = batch.length[fresh]
        self._nums[rows_new] = batch.numbers[fresh]
        self._nnum[rows_new] = batch.nnum[fresh]
        self._lead[rows_new] = batch.lead[fresh]
        self._nlead[rows_new] = batch.nlead[fresh]
        now = self._clock().timestamp()
        self._added[rows_new] = now
        for i in fresh.tolist():
            self._pub[new_row[i]] = metas[i][3]
        # LSH: insert the batch, then query it; keep candidates that arrived earlier
        live = fresh[batch.size[fresh] > 0]
        best_row = np.full(n, -1, dtype=np.int64)
        if live.size:
            keys = band_keys(q[live], self.bands, self.rows)
            self._table.insert(keys, np.repeat(new_row[live].astype(np.uint32), self.bands))
            ki, cand = self._table.query_pairs(keys)
            qi = live[ki // self.bands]
            cand = cand.astype(np.int64)
            keep = cand < new_row[qi]
            pair = np.unique(qi[keep] * (1 << 32) + cand[keep])
            qi, cand = pair >> 32, pair & 0xFFFFFFFF
            self.stats["candidates"] += int(cand.size)
            if cand.size:
                ok, cont = self._verify(q[qi], batch.size[qi], batch.numbers[qi], batch.nnum[qi], batch.lead[qi],
                                        batch.nlead[qi], cand)
                qi, cand, cont = qi[ok], cand[ok], cont[ok]
                if qi.size:
                    # best candidate per document: highest containment, then earliest row
                    order = np.lexsort((cand, -cont, qi))
                    qi, cand = qi[order], cand[order]
                    head = np.ones(qi.size, dtype=bool)
                    head[1:] = qi[1:] != qi[:-1]
                    best_row[qi[head]] = cand[head]
        # the only per-document loop: stories, canonical members, bookkeeping
        out: list[Assignment] = []
        story_of = self._story_of
        for i, (doc_id, url, site, _) in enumerate(metas):
            r = int(new_row[i])
            if r < 0:
                self.stats["repeated_id"] += 1
                r0 = self._row_of.get(doc_id)
                if r0 is None:  # repeated within this batch: its first occurrence is placed by now
                    r0 = int(new_row[first_in_batch[doc_id]])
                s = int(story_of[r0])
                c = self._canon[s]
                out.append(Assignment(self._sids[s], None if c == r0 else self._ids[c], False))
                continue
            br = int(best_row[i])
            if br >= 0:
                s = int(story_of[br])
                isnew = False
                self.stats["joined"] += 1
            else:
                s = self._new_story(doc_id)
                isnew = True
                self.stats["new_stories"] += 1
            story_of[r] = s
            self._ids.append(doc_id)
            self._urls.append(url)
            self._sites.append(site)
            self._row_of[doc_id] = r
            self._n = r + 1
            dup = self._join(s, r)
            if batch.size[i] == 0:
                self.stats["empty"] += 1
            self.stats["added"] += 1
            out.append(Assignment(self._sids[s], dup, isnew))
        if self._store is not None:
            self._store.add_many([self._row_tuple(int(r)) for r in rows_new], self.boilerplate.take_dirty())
        return out


# --- worker-process entry points (multiprocessing needs importable functions) ---------
_WORKER: dict[str, MinHasher] = {}


def _init_worker(num_perm: int, seed: int, shingle_size: int) -> None:
    """Pool initializer: one ``MinHasher`` per worker process."""
    _WORKER["hasher"] = MinHasher(num_perm=num_perm, seed=seed, shingle_size=shingle_size)


def _sign_in_worker(texts: list[str]) -> SignatureBatch:
    return _WORKER["hasher"].sign_batch(texts)
