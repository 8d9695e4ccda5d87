"""StoryIndex: assign each arriving article to a story, the moment it arrives.

The index orchestrates the stages of one decision: strip the site's learned boilerplate
(``dedup.boilerplate``), sign the text (``dedup.signatures``, in worker processes for
``add_many``: ``dedup.workers``), find candidates in the LSH table (``dedup.lsh``), judge
them (``dedup.verify``: containment, numbers, lead, and why those), then choose the
story and its canonical member here. Documents are kept by row in ``dedup.table``,
persisted in ``dedup.storage``; settings are one ``IndexConfig`` (``dedup.config``).

Why batches: ``add_many`` signs documents in worker processes (their features and band
keys come back as arrays, ``dedup.workers``), then per batch inserts all documents in
the LSH table and finds their earlier candidates in one probe pass
(``BandTable.add_and_query``: a document also finds the earlier ones of its own
batch), verifies every candidate pair in one vectorised pass, and only the final choice
of story per document is a short Python loop. ``add`` is a batch of one: both give the
same assignments.

Why these defaults (containment ``threshold=0.5``, ``num_perm=128``, 5-word shingles):
on the labelled set of ``bench/synthetic.py`` they keep every hard-negative pair (two
events written from one template) apart while still joining copies cut to a third of
the dispatch; a lower threshold merges template events, a higher one drops truncated
copies; shorter shingles trade a little precision for a little recall; more
permutations gain little accuracy for twice the signature time and index memory. The
figures are what ``python bench/dedup.py`` prints (grid included) and the README's
Performance section quotes.

Why the candidates of a document are bounded: where articles share sentences with many
others, as real news shares boilerplate, quotes and recurring facts, the LSH buckets of
those sentences grow with the corpus, and so did the candidates of every document and
the time per document (a profile showed verification and de-duplicating the candidate
pairs taking nearly all of it). Full buckets are boilerplate (``dedup.lsh``), and only
the ``max_candidates`` candidates found in the most bands are verified: true copies
share many bands, documents sharing one recurring sentence one or two.

Canonical member of a story: earliest ``published`` (unknown = latest), ties: longest
text, then earliest arrival. A story's id is its first member's id, so it is stable
across runs of a persistent index.
"""

from __future__ import annotations

import logging
import math
from dataclasses import replace
from datetime import datetime, timezone
from typing import Any, Callable, Iterable, Iterator, Mapping

import numpy as np

from dedup.boilerplate import SiteBoilerplate
from dedup.config import IndexConfig
from dedup.lsh import BandTable, band_keys
from dedup.results import Assignment, IndexEntry, Story
from dedup.signatures import MinHasher
from dedup.storage import SQLiteStore, StoryIndexError
from dedup.table import DocTable
from dedup.verify import Features, verify_pairs
from dedup.workers import Signed, sign, sign_in_pool

__all__ = ["StoryIndex", "Assignment", "Story", "IndexConfig", "IndexEntry"]

logger = logging.getLogger(__name__)

_INF = math.inf


def _ts(dt: datetime | None) -> float:
    if dt is None:
        return _INF
    if dt.tzinfo is None:
        raise ValueError(f"naive datetime {dt!r}: published must be timezone-aware")
    return dt.timestamp()


def _best_candidates(qi: np.ndarray, cand: np.ndarray, most: int) -> tuple[np.ndarray, np.ndarray]:
    """Distinct ``(query, candidate)`` pairs, at most ``most`` per query: those found in the
    most LSH bands (one entry per band), ties to the earliest candidate row.

    Args:
        qi: per band hit, the query's index (int64, < 2**23: a batch's documents).
        cand: per band hit, the candidate row (int64, < 2**32).
        most: candidates kept per query.

    Returns:
        ``(qi, cand)``, grouped by query.
    """
    if not qi.size:
        return qi, cand
    pair = np.sort((qi << 32) | cand)
    head = np.flatnonzero(np.r_[True, pair[1:] != pair[:-1]])
    bands_hit = np.minimum(np.diff(np.r_[head, pair.size]), 255)
    pair = pair[head]
    # one int64 sort key: query, then most bands first, then earliest row (query < 2**23)
    order = np.sort(((pair >> 32) << 40) | ((255 - bands_hit) << 32) | (pair & 0xFFFFFFFF))
    qi, cand = order >> 40, order & 0xFFFFFFFF
    start = np.flatnonzero(np.r_[True, qi[1:] != qi[:-1]])
    rank = np.arange(qi.size) - np.repeat(start, np.diff(np.r_[start, qi.size]))
    keep = rank < most
    return qi[keep], cand[keep]


class StoryIndex:
    """Streaming grouping of syndicated copies into stories (MinHash + LSH + containment).

    Args:
        config: the index settings (default ``IndexConfig()``).
        path: SQLite file keeping the index across runs; ``None`` keeps it in memory.
        clock: returns "now" (aware datetime), for arrival times and expiry.
        **settings: ``IndexConfig`` fields overriding those of ``config``, a convenience:
            ``StoryIndex(threshold=0.6, window_days=7)`` is
            ``StoryIndex(IndexConfig(threshold=0.6, window_days=7))``.

    Raises:
        ValueError: on a bad setting value.
        TypeError: on an unknown setting name.
        StoryIndexError: the file at ``path`` is corrupt or not a story index.
        SchemaMismatchError: the file was built with other num_perm / seed / shingle_size.

    Example:
        >>> with StoryIndex(path="stories.sqlite", window_days=7) as idx:
        ...     a = idx.add("id1", text, url=url, site="example.org", published=when)
        ...     a.story_id, a.duplicate_of
    """

    def __init__(self, config: IndexConfig | None = None, *, path: str | None = None,
                 clock: Callable[[], datetime] | None = None, **settings: Any) -> None:
        config = config if config is not None else IndexConfig()
        if not isinstance(config, IndexConfig):
            raise TypeError(f"config must be an IndexConfig, got {config!r}")
        self.config = cfg = replace(config, **settings) if settings else config
        self.hasher = MinHasher(num_perm=cfg.num_perm, seed=cfg.seed, shingle_size=cfg.shingle_size)
        self._bands = cfg.lsh_bands
        self.boilerplate = SiteBoilerplate(cfg.site_repeats)
        self._clock = clock or (lambda: datetime.now(timezone.utc))
        self.stats: dict[str, int] = {"added": 0, "new_stories": 0, "joined": 0, "empty": 0, "repeated_id": 0,
                                      "band_hits": 0, "candidates": 0, "rejected_numbers": 0, "rejected_lead": 0,
                                      "expired_docs": 0, "applied": 0}
        self._reset()
        self._store: SQLiteStore | None = None
        self.path = path
        if path is not None:
            self._store = SQLiteStore(path, cfg.schema)
            self.boilerplate.restore(self._store.site_state())
            self._load(self._store.rows())
            logger.info("story index %s: loaded %d documents in %d stories", path, len(self), len(self._sids))
            if cfg.window_days is not None:
                self.expire()

    # --- state -------------------------------------------------------------------------
    def _reset(self, cap: int = 1024) -> None:
        self._docs = DocTable(self.config.num_perm, cap)
        self._sids: list[str] = []
        self._sid_index: dict[str, int] = {}
        self._canon: list[int] = []
        self._members: list[list[int]] = []
        self._table = BandTable()

    def __len__(self) -> int:
        return self._docs.n

    @property
    def nbytes(self) -> int:
        """Bytes held by the numpy arrays and the LSH table (not the Python lists)."""
        return self._docs.nbytes + self._table.nbytes

    def _canon_key(self, row: int) -> tuple[float, int, int]:
        return (self._docs.pub[row], -int(self._docs.length[row]), row)

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
        return self._docs.ids[c]

    def _load(self, rows: Iterable[tuple]) -> None:
        n0 = self._docs.n
        for row in rows:
            self._load_row(*row)
        self._insert_bands(n0)

    def _load_row(self, doc_id: str, sid: str, url: str | None, site: str | None, pub: float | None,
                  length: int, size: int, added: float, sig: bytes, nums: bytes, lead: bytes) -> Assignment:
        """Append one stored document to its story, as decided when it was added."""
        s = self._sid_index.get(sid)
        new = s is None
        if new:
            s = self._new_story(sid)
        sig16v = np.frombuffer(sig, dtype=np.uint16)
        if sig16v.size != self.config.num_perm:
            raise StoryIndexError(f"{self.path}: signature of {doc_id!r} has {sig16v.size} values, "
                                  f"not {self.config.num_perm}")
        r = self._docs.load(doc_id, url, site, pub, length, size, added, sig16v, nums, lead, s)
        return Assignment(sid, self._join(s, r), new)

    def _insert_bands(self, n0: int) -> None:
        """Put the rows from ``n0`` on (the loaded ones) in the LSH table."""
        docs = self._docs
        live = n0 + np.flatnonzero(docs.size[n0: docs.n] > 0)
        if live.size:
            keys = band_keys(docs.sig[live], self._bands, self.config.rows)
            self._table.insert_capped(keys, np.repeat(live.astype(np.uint32), self._bands), self.config.bucket_cap)

    def _known(self, r: int) -> Assignment:
        """The assignment of a document added again (row ``r``): its story, unchanged."""
        s = int(self._docs.story_of[r])
        c = self._canon[s]
        return Assignment(self._sids[s], None if c == r else self._docs.ids[c], False)

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
        return self._add(doc_id, text, url, site, published)[0]

    def _add(self, doc_id: str, text: str, url: str | None, site: str | None,
             published: datetime | None) -> tuple[Assignment, list[int] | None]:
        pub = _ts(published)
        clean, keys = self.boilerplate.strip_keyed(site, text or "")
        return self._assign_batch([(doc_id, url, site, pub)], self._sign([clean]))[0], keys

    def add_entry(self, doc_id: str, text: str, *, url: str | None = None, site: str | None = None,
                  published: datetime | None = None) -> tuple[Assignment, IndexEntry]:
        """``add``; returns its ``Assignment`` and the ``IndexEntry`` another index with the same
        history needs to hold the article as this one does (``apply``)."""
        got, keys = self._add(doc_id, text, url, site, published)
        return got, IndexEntry(self._row_tuple(self._docs.row_of[doc_id]), keys)

    def apply(self, entries: Iterable[IndexEntry]) -> list[Assignment]:
        """Holds the articles another index added (``add_entry``) as that index holds them.

        Applied in the order they were added there, on top of the same history, the entries
        give this index the same stories, canonical members, LSH buckets and site
        boilerplate — without shingling a text or verifying a candidate: the decision
        travels, not the input (how workers sharing a crawl keep one index).

        Args:
            entries: ``IndexEntry`` values, in the order they were added.

        Returns:
            Each article's ``Assignment``, as ``add`` gave it there (a doc id this index
            holds already keeps its story, as with ``add``).
        """
        n0, out = self._docs.n, []
        for e in entries:
            if e.lines is not None:
                self.boilerplate.observe(e.row[3], e.lines)
            r0 = self._docs.row_of.get(e.doc_id)
            out.append(self._known(r0) if r0 is not None else self._load_row(*e.row))
        self._insert_bands(n0)
        self.stats["applied"] += self._docs.n - n0
        if self._store is not None:
            self._store.add_many([self._row_tuple(r) for r in range(n0, self._docs.n)], self.boilerplate.take_dirty())
        return out

    def add_many(self, records: Iterable[Mapping[str, Any] | tuple], *, workers: int | None = None,
                 chunk: int | None = None) -> Iterator[Assignment]:
        """Assign many articles in order, computing signatures in worker processes.

        Args:
            records: mappings with ``doc_id``, ``text`` and optionally ``url``, ``site``,
                ``published``; or ``(doc_id, text)`` tuples.
            workers: processes for signatures (default: the config's ``workers``).
            chunk: documents per batch (default: the config's ``batch``).

        Yields:
            One ``Assignment`` per record, in input order (each final when yielded; the
            same as ``add`` one by one would give).

        Raises:
            ValueError: a ``published`` is a naive datetime.
        """
        workers = self.config.workers if workers is None else workers
        size = chunk or self.config.batch

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
                yield from self._assign_batch(metas, self._sign(texts))
            return
        for metas, signed in sign_in_pool(batches(), self.hasher, workers, self._bands, self.config.rows):
            yield from self._assign_batch(metas, signed)

    def query(self, text: str) -> list[tuple[str, float]]:
        """Stories ``text`` would match, best first, without adding it.

        Args:
            text: an article body.

        Returns:
            ``(story_id, containment)`` pairs passing every test, best first.
        """
        signed = self._sign([text])
        f = signed.features
        if f.size[0] == 0 or self._docs.n == 0:
            return []
        cfg = self.config
        _, rows = self._table.query_capped(signed.keys, cfg.bucket_cap, cfg.bucket_keep)
        _, rows = _best_candidates(np.zeros(rows.size, dtype=np.int64), rows.astype(np.int64), cfg.max_candidates)
        v = self._verify(f.take(np.zeros(rows.size, dtype=np.int64)), rows)
        best: dict[int, float] = {}
        for r, c in zip(rows[v.ok].tolist(), v.containment[v.ok].tolist()):
            s = int(self._docs.story_of[r])
            best[s] = max(best.get(s, -1.0), c)
        return [(self._sids[s], c) for s, c in sorted(best.items(), key=lambda x: -x[1])]

    def stories(self) -> Iterator[Story]:
        """Every story currently in the index, in order of creation.

        Yields:
            ``Story`` records (members listed by URL, or doc id when the URL is unknown).
        """
        d = self._docs
        for s, sid in enumerate(self._sids):
            rows = self._members[s]
            if not rows:
                continue
            c = self._canon[s]
            pubs = [d.pub[r] for r in rows if d.pub[r] != _INF]
            sites = list(dict.fromkeys(d.sites[r] for r in rows if d.sites[r]))
            yield Story(
                story_id=sid,
                canonical_id=d.ids[c],
                canonical_url=d.urls[c],
                members=[d.urls[r] or d.ids[r] for r in rows],
                sites=sites,
                first_published=datetime.fromtimestamp(min(pubs), timezone.utc) if pubs else None,
                size=len(rows),
                member_ids=[d.ids[r] for r in rows],
            )

    def story_of(self, doc_id: str) -> str | None:
        """The story id of a known document, else ``None``."""
        r = self._docs.row_of.get(doc_id)
        return None if r is None else self._sids[self._docs.story_of[r]]

    def expire(self, now: datetime | None = None) -> int:
        """Drop stories with no member added within ``window_days`` of ``now``.

        Args:
            now: reference time (default: the clock).

        Returns:
            The number of documents dropped (0 when ``window_days`` is None).
        """
        d = self._docs
        if self.config.window_days is None or d.n == 0:
            return 0
        cutoff = (now or self._clock()).timestamp() - self.config.window_days * 86400.0
        last = np.full(len(self._sids), -_INF)
        np.maximum.at(last, d.story_of[: d.n], d.added[: d.n])
        dead = {s for s in range(len(self._sids)) if self._members[s] and last[s] < cutoff}
        if not dead:
            return 0
        keep = [r for r in range(d.n) if d.story_of[r] not in dead]
        dropped = d.n - len(keep)
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
        return self._docs.row_tuple(r, self._sids[self._docs.story_of[r]])

    def _verify(self, query: Features, rows: np.ndarray):
        v = verify_pairs(self.config, query, self._docs.features(), rows)
        self.stats["rejected_numbers"] += v.rejected_numbers
        self.stats["rejected_lead"] += v.rejected_lead
        return v

    def _sign(self, texts: list[str]) -> Signed:
        return sign(self.hasher, texts, self._bands, self.config.rows)

    def _assign_batch(self, metas: list[tuple], signed: Signed) -> list[Assignment]:
        """Assign a batch of signed documents in order (the whole engine)."""
        n = len(metas)
        d = self._docs
        f = signed.features
        # rows for documents not seen before (a repeated id keeps its first assignment)
        new_row = np.full(n, -1, dtype=np.int64)
        first_in_batch: dict[str, int] = {}
        r = d.n
        for i, (doc_id, _, _, _) in enumerate(metas):
            if doc_id in d.row_of or doc_id in first_in_batch:
                continue
            first_in_batch[doc_id] = i
            new_row[i] = r
            r += 1
        fresh = np.flatnonzero(new_row >= 0)
        d.reserve(fresh.size)
        rows_new = new_row[fresh]
        d.put(rows_new, f.take(fresh), signed.length[fresh], self._clock().timestamp())
        for i in fresh.tolist():
            d.pub[new_row[i]] = metas[i][3]
        # LSH: insert the batch, then query it; keep candidates that arrived earlier
        live = fresh[f.size[fresh] > 0]
        best_row = np.full(n, -1, dtype=np.int64)
        bands = self._bands
        if live.size:
            cfg = self.config
            ki, cand = self._table.add_and_query(signed.keys[live], np.repeat(new_row[live], bands),
                                                 cfg.bucket_cap, cfg.bucket_keep)
            self.stats["band_hits"] += int(cand.size)
            qi, cand = _best_candidates(live[ki // bands], cand, cfg.max_candidates)
            self.stats["candidates"] += int(cand.size)
            if cand.size:
                v = self._verify(f.take(qi), cand)
                qi, cand, cont = qi[v.ok], cand[v.ok], v.containment[v.ok]
                if qi.size:
                    # best candidate per document: highest containment, then earliest row
                    order = np.lexsort((cand, -cont, qi))
                    qi, cand = qi[order], cand[order]
                    head = np.ones(qi.size, dtype=bool)
                    head[1:] = qi[1:] != qi[:-1]
                    best_row[qi[head]] = cand[head]
        # the only per-document loop: stories, canonical members, bookkeeping
        out: list[Assignment] = []
        for i, (doc_id, url, site, _) in enumerate(metas):
            r = int(new_row[i])
            if r < 0:
                self.stats["repeated_id"] += 1
                r0 = d.row_of.get(doc_id)
                if r0 is None:  # repeated within this batch: its first occurrence is placed by now
                    r0 = int(new_row[first_in_batch[doc_id]])
                out.append(self._known(r0))
                continue
            br = int(best_row[i])
            if br >= 0:
                s = int(d.story_of[br])
                isnew = False
                self.stats["joined"] += 1
            else:
                s = self._new_story(doc_id)
                isnew = True
                self.stats["new_stories"] += 1
            d.story_of[r] = s
            d.append(doc_id, url, site)
            dup = self._join(s, r)
            if f.size[i] == 0:
                self.stats["empty"] += 1
            self.stats["added"] += 1
            out.append(Assignment(self._sids[s], dup, isnew))
        if self._store is not None:
            self._store.add_many([self._row_tuple(int(r)) for r in rows_new], self.boilerplate.take_dirty())
        return out
