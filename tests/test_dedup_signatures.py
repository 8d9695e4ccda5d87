"""Vectorised MinHash: bit-exact with datasketch, usable by datasketch, well spread."""

import numpy as np
import pytest
from datasketch import LeanMinHash, MinHash, MinHashLSH

from dedup.shingles import shingle_hash, shingles, words
from dedup.signatures import MinHasher, affine64_permutations
from bench.synthetic import labelled_corpus


def test_bit_exact_with_datasketch_update():
    h = MinHasher(num_perm=64, seed=3, shingle_size=4)
    texts = [d.text for d in labelled_corpus(10, seed=2).docs[:25]] + ["", "two words"]
    for text, sig in zip(texts, h.signatures(texts)):
        m = MinHash(num_perm=64, seed=3, hashfunc=shingle_hash, scheme="affine64")
        for s in shingles(words(text), 4):
            m.update(s)
        assert np.array_equal(m.hashvalues, sig.hashvalues)


@pytest.mark.parametrize("num_perm,seed", [(2, 0), (64, 3), (128, 1), (256, 42)])
def test_permutations_are_datasketchs(num_perm, seed):
    a, b = MinHash(num_perm=num_perm, seed=seed, scheme="affine64").permutations
    mine = affine64_permutations(num_perm, seed)
    assert np.array_equal(mine[0], a) and np.array_equal(mine[1], b)
    assert mine[0].dtype == mine[1].dtype == np.uint64


def test_objects_work_with_the_rest_of_datasketch():
    h = MinHasher()
    docs = labelled_corpus(10, seed=4).docs
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    for d in docs:
        lsh.insert(d.doc_id, h.to_lean(h.signature(d.text)))
    base = next(d for d in docs if d.kind == "base")
    hits = lsh.query(h.minhash(base.text))
    assert base.doc_id in hits
    m = h.minhash(base.text)
    assert isinstance(h.to_lean(h.signature(base.text)), LeanMinHash)
    assert m.jaccard(h.minhash(base.text)) == 1.0


def test_estimator_spread_matches_theory():
    """Jaccard estimates scatter like sqrt(J(1-J)/k) (correlated permutations scatter wider)."""
    rng = np.random.default_rng(5)
    h = MinHasher(num_perm=128, seed=1)
    k, trials = 128, 400
    for true_j in (0.2, 0.5, 0.8):
        n_shared = 300
        n_only = int(round(n_shared * (1 / true_j - 1) / 2))
        est = []
        for _ in range(trials):
            pool = rng.integers(1, 2**63, n_shared + 2 * n_only, dtype=np.uint64)
            a = np.concatenate([pool[:n_shared], pool[n_shared : n_shared + n_only]])
            b = np.concatenate([pool[:n_shared], pool[n_shared + n_only :]])
            est.append(np.mean(h.hash_shingles(a) == h.hash_shingles(b)))
        j = n_shared / (n_shared + 2 * n_only)
        theory = np.sqrt(j * (1 - j) / k)
        assert abs(np.mean(est) - j) < 0.01
        assert np.std(est) < 1.15 * theory


@pytest.mark.parametrize("bad", [dict(num_perm=1), dict(shingle_size=0), dict(seed=-1)])
def test_bad_parameters_fail_fast(bad):
    with pytest.raises(ValueError, match=str(list(bad.values())[0])):
        MinHasher(**bad)


def test_stored_16_bit_values_are_spread_over_all_values():
    # the index keeps 16 bits of each MinHash value; the raw top bits of a minimum over a
    # few hundred shingles take only a few hundred values (unrelated documents would agree
    # on whole LSH bands by chance); the remixed bits use the whole 16-bit range
    import random

    from dedup.verify import sig16

    r = random.Random(5)
    vocab = [f"w{i}" for i in range(5000)]
    texts = [" ".join(r.choice(vocab) for _ in range(300)) for _ in range(500)]
    fp = sig16(MinHasher().sign_batch(texts).hashvalues)
    assert fp.dtype == np.uint16
    for p in (0, 63, 127):
        assert len(np.unique(fp[:, p])) >= 490
    assert fp.max() > 60000
