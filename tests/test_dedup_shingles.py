"""Normalisation, tokens and shingle hashing (dedup.shingles): vectorised == scalar."""

import numpy as np

from dedup.shingles import (batch_shingles, batch_words, numbers, shingle_hash, shingle_hashes, shingles,
                            word_hash, words)


def test_typography_is_folded():
    a = "L\u2019indice \u00ab CAC\u00a040 \u00bb a gagn\u00e9 7\u202f345,12 points &amp; plus \u2014 fin"
    b = "L'indice \"CAC 40\" a GAGNÉ 7345,12 points & plus - fin"
    c = "L&rsquo;indice &laquo; CAC&nbsp;40 &raquo; a gagn&eacute; 7,345.12 points &amp; plus &mdash; fin"
    assert words(a) == words(b) == words(c)
    assert "734512" in words(a)


def test_punctuation_dropped_and_numbers_whole():
    toks = words("Stocks rose 1.5% on Monday, to 7,345.12 points in 2019 12 (COVID19)!")
    assert toks == ["stocks", "rose", "15", "on", "monday", "to", "734512", "points", "in", "2019", "12", "covid19"]
    assert numbers(toks) == ["15", "734512", "2019", "12"]  # covid19 is a word, not a number


def test_batch_tokeniser_equals_scalar_definition():
    texts = ["Stocks 7,345.12 rose 1.5% \u201cCAF\u201d ok 123456789012345678 a1234 x",
             "", "verylongwordthatgoesonandonforeverandever 12,3 \u00e9t\u00e9 na\u00efve",
             "one", "Z\u00fcrich \u00fcber M\u00fcnchen \u2026 und 3'000 Franken"]
    wh, doc, isnum = batch_words(texts)
    expect = [(word_hash(w), d, w.isdigit()) for d, t in enumerate(texts) for w in words(t)]
    assert wh.tolist() == [e[0] for e in expect]
    assert doc.tolist() == [e[1] for e in expect]
    assert isnum.tolist() == [e[2] for e in expect]
    sh, sdoc = batch_shingles(wh, doc, len(texts), 3)
    for d, t in enumerate(texts):
        assert np.array_equal(np.unique(sh[sdoc == d]), shingle_hashes(words(t), 3))


def test_vectorised_hash_equals_per_shingle_hash():
    toks = words("one two three four five six seven eight")
    wh, doc, _ = batch_words(["one two three four five six seven eight"])
    sh, _ = batch_shingles(wh, doc, 1, 5)
    single = np.unique(np.array([shingle_hash(s) for s in shingles(toks, 5)], dtype=np.uint64))
    assert np.array_equal(np.unique(sh), single)
    assert sh.size == 4


def test_short_and_empty_texts():
    assert shingle_hashes([], 5).size == 0
    assert shingle_hashes(["a", "b"], 5).size == 1
    assert shingle_hashes(["a", "b"], 5)[0] == shingle_hash("a b")
    wh, doc, _ = batch_words(["a b", "", "c d e f g h"])
    sh, sdoc = batch_shingles(wh, doc, 3, 5)
    assert sdoc.tolist() == [0, 2, 2]
    assert sh[0] == shingle_hash("a b")


def test_order_matters():
    assert not np.array_equal(shingle_hashes(words("a b c d e"), 5), shingle_hashes(words("e d c b a"), 5))
