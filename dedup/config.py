"""IndexConfig: every setting of a story index, in one validated, immutable object.

The settings fall in four groups: the index *schema* (``num_perm``, ``seed``,
``shingle_size``, with the hash scheme: signatures made with other values are not
comparable, so a persisted index refuses to open with others), the LSH banding, the
checks a candidate pair must pass, and how the work is run and kept. Values are checked
when the object is built, and a bad one is named in the error.

``crawler/settings.py`` declares the ``WIRECRAWL_DEDUP_*`` settings; the Scrapy pipeline
and ``wirecrawl dedup`` translate them into an ``IndexConfig`` (or pass the common ones
as keyword arguments of ``StoryIndex``).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["SCHEME", "IndexConfig"]

# version of the signature / fingerprint scheme, part of the index schema
SCHEME = "affine64/bytewords-k/sig16mix-lead64/v3"


def _is_int(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_number(v: object) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


@dataclass(frozen=True, slots=True)
class IndexConfig:
    """Settings of a ``StoryIndex``.

    Args:
        threshold: minimum containment of the smaller text in the larger (0 < t <= 1).
        num_perm: MinHash permutations (index schema).
        shingle_size: words per shingle (index schema).
        seed: permutation seed (index schema).
        rows: permutations per LSH band (low = catches low-Jaccard, i.e. truncated, copies).
        bands: number of LSH bands (``None``: ``num_perm // rows``; see ``lsh_bands``).
        bucket_cap: a band key shared by this many documents is boilerplate: its bucket
            takes no more documents and gives only its ``bucket_keep`` earliest ones as
            candidates. Sentences that recur across a corpus (boilerplate, quotes,
            recurring facts) otherwise make buckets that grow with the corpus, and the
            candidates of every document with them. The default is far above the number
            of copies that share one band by chance within a story of ordinary size, and
            small enough that walking a full bucket costs about as much as verifying
            the candidates it gives.
        bucket_keep: candidates a full bucket still gives: its earliest documents, so a
            late copy of a story with more copies than ``bucket_cap`` finds the story's
            first members. A few are enough because such a copy hits many of the
            story's buckets; more would bring back boilerplate candidates.
        max_candidates: most candidates verified per document, those sharing the most
            LSH bands first (ties: the earliest). True copies share many bands, documents
            that only share a recurring sentence share one or two, so the best few
            decide; the default leaves room for the many template siblings a short
            truncated copy may have while keeping verification's cost per document flat.
        min_shared: minimum estimated number of shared shingles (capped at
            ``threshold`` times the smaller set, so very short texts can still match).
        number_agreement: minimum share of the smaller text's numbers, less one, found in
            the other (applies when both have at least 2 numbers).
        lead_guard: candidates with containment below this must also share their lead
            (1.0: always; 0.0: never).
        lead_min: shared opening shingles required by the lead test (at most half of
            the shorter lead).
        site_repeats: an edge line seen in this many earlier texts of the same site is
            that site's boilerplate.
        window_days: stories with no new member for longer than this are expired when
            the index is opened and by ``StoryIndex.expire()``; ``None`` keeps everything.
        workers: processes computing signatures in ``add_many`` (1 = in process).
        batch: documents per batch in ``add_many`` (and per SQLite transaction).

    Raises:
        ValueError: on a bad value (named, with the value, in the message).

    Example:
        >>> IndexConfig(threshold=0.6, window_days=7).lsh_bands
        64
    """

    # schema: stored with a persisted index and checked when it is reopened
    num_perm: int = 128
    seed: int = 1
    shingle_size: int = 5
    # LSH banding
    rows: int = 2
    bands: int | None = None
    bucket_cap: int = 16
    bucket_keep: int = 4
    max_candidates: int = 32
    # checks of a candidate pair
    threshold: float = 0.5
    min_shared: int = 8
    number_agreement: float = 0.67
    lead_guard: float = 0.8
    lead_min: int = 3
    site_repeats: int = 2
    # running and keeping
    window_days: float | None = None
    workers: int = 1
    batch: int = 1024

    def __post_init__(self) -> None:
        if not _is_int(self.num_perm) or self.num_perm < 2:
            raise ValueError(f"num_perm must be an int >= 2, got {self.num_perm!r}")
        if not _is_int(self.seed) or self.seed < 0:
            raise ValueError(f"seed must be a non-negative int, got {self.seed!r}")
        if not _is_int(self.shingle_size) or self.shingle_size < 1:
            raise ValueError(f"shingle_size must be an int >= 1, got {self.shingle_size!r}")
        if not _is_int(self.rows) or self.rows < 1:
            raise ValueError(f"rows must be an int >= 1, got {self.rows!r}")
        bands = self.lsh_bands
        if not _is_int(bands) or bands < 1 or bands * self.rows > self.num_perm:
            raise ValueError(f"bands * rows must be <= num_perm ({self.num_perm}), "
                             f"got bands={bands!r} rows={self.rows!r}")
        if not _is_int(self.bucket_cap) or self.bucket_cap < 1:
            raise ValueError(f"bucket_cap must be an int >= 1, got {self.bucket_cap!r}")
        if not _is_int(self.bucket_keep) or not 1 <= self.bucket_keep <= self.bucket_cap:
            raise ValueError(f"bucket_keep must be an int in [1, bucket_cap={self.bucket_cap}], "
                             f"got {self.bucket_keep!r}")
        if not _is_int(self.max_candidates) or self.max_candidates < 1:
            raise ValueError(f"max_candidates must be an int >= 1, got {self.max_candidates!r}")
        if not _is_number(self.threshold) or not 0.0 < self.threshold <= 1.0:
            raise ValueError(f"threshold must be in (0.0, 1.0], got {self.threshold!r}")
        if not _is_number(self.min_shared) or self.min_shared < 0:
            raise ValueError(f"min_shared must be >= 0, got {self.min_shared!r}")
        if not _is_number(self.number_agreement) or not 0.0 <= self.number_agreement <= 1.0:
            raise ValueError(f"number_agreement must be in [0.0, 1.0], got {self.number_agreement!r}")
        if not _is_number(self.lead_guard) or not 0.0 <= self.lead_guard <= 1.0:
            raise ValueError(f"lead_guard must be in [0.0, 1.0], got {self.lead_guard!r}")
        if not _is_int(self.lead_min) or self.lead_min < 0:
            raise ValueError(f"lead_min must be an int >= 0, got {self.lead_min!r}")
        if not _is_int(self.site_repeats) or self.site_repeats < 1:
            raise ValueError(f"site_repeats must be an int >= 1, got {self.site_repeats!r}")
        if self.window_days is not None and (not _is_number(self.window_days) or not self.window_days > 0):
            raise ValueError(f"window_days must be > 0 or None, got {self.window_days!r}")
        if not _is_int(self.workers) or self.workers < 1:
            raise ValueError(f"workers must be an int >= 1, got {self.workers!r}")
        if not _is_int(self.batch) or not 1 <= self.batch <= 1 << 22:
            raise ValueError(f"batch must be an int in [1, 4194304], got {self.batch!r}")

    @property
    def lsh_bands(self) -> int:
        """The number of LSH bands used: ``bands``, or ``num_perm // rows`` when unset."""
        return self.bands if self.bands is not None else self.num_perm // self.rows

    @property
    def schema(self) -> dict[str, object]:
        """The values a persisted index must share to be reopened with this config."""
        return {"num_perm": self.num_perm, "seed": self.seed, "shingle_size": self.shingle_size, "scheme": SCHEME}
