"""Normalisation and shingle hashing (dedup.shingles)."""

import numpy as np

from dedup.shingles import numbers, shingle_hash, shingle_hashes, shingles, words


def test_typography_is_folded():
    a = "L\u2019indice \u00ab CAC\u00a040 \u00bb a gagn\u00e9 7\u202f345,12 points &amp; plus"
    b = "L'indice \"CAC 40\" a GAGNÉ 7 345,12 points & plus"
    c = "L&rsquo;indice &laquo; CAC&nbsp;40 &raquo; a gagn&eacute; 7345,12 points &amp; plus"
    assert words(a) == words(b) == words(c)
    assert "734512" in words(a)


def test_punctuation_dropped_and_numbers_whole():
    toks = words("Stocks rose 1.5% on Monday, to 7,345.12 points!")
    assert toks == ["stocks", "rose", "15", "on", "monday", "to", "734512", "points"]
    assert numbers(toks) == ["15", "734512"]


def test_vectorised_hash_equals_per_shingle_hash():
    toks = words("one two three four five six seven eight")
    vec = shingle_hashes(toks, 5)
    single = np.unique(np.array([shingle_hash(s) for s in shingles(toks, 5)], dtype=np.uint64))
    assert np.array_equal(vec, single)
    assert vec.size == 4


def test_short_and_empty_texts():
    assert shingle_hashes([], 5).size == 0
    assert shingle_hashes(["a", "b"], 5).size == 1
    assert shingle_hashes(["a", "b"], 5)[0] == shingle_hash("a b")


def test_order_matters():
    assert not np.array_equal(shingle_hashes(words("a b c d e"), 5), shingle_hashes(words("e d c b a"), 5))
