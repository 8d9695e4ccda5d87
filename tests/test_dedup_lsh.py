"""BandTable: an exact multi-map through growth, queried in batches."""

import numpy as np

from dedup.lsh import BandTable, band_keys


def test_multimap_survives_growth_and_finds_every_entry():
    rng = np.random.default_rng(3)
    t = BandTable(capacity=16)
    truth: dict[int, list[int]] = {}
    row = 0
    for _ in range(20):
        keys = rng.integers(1, 5000, size=300).astype(np.uint32)  # many repeated keys
        rows = np.arange(row, row + keys.size, dtype=np.uint32)
        row += keys.size
        t.insert(keys, rows)
        for k, r in zip(keys.tolist(), rows.tolist()):
            truth.setdefault(k, []).append(r)
    assert len(t) == row and t.capacity >= 2 * row  # load kept at most 1/2
    probe = np.array(sorted(truth) + [6001, 7777], dtype=np.uint32)
    ki, rows = t.query_pairs(probe)
    got: dict[int, list[int]] = {}
    for i, r in zip(ki.tolist(), rows.tolist()):
        got.setdefault(int(probe[i]), []).append(r)
    assert {k: sorted(v) for k, v in got.items()} == {k: sorted(v) for k, v in truth.items()}
    t.clear()
    assert t.query(probe).size == 0


def test_band_keys_are_nonzero_and_band_specific():
    sig = np.zeros((2, 8), dtype=np.uint16)
    keys = band_keys(sig, 4, 2)
    assert keys.shape == (2, 4) and (keys != 0).all()
    assert len(set(keys[0].tolist())) == 4  # equal values in different bands give different keys
    assert (keys[0] == keys[1]).all()


def test_a_full_bucket_takes_no_more_entries_and_gives_its_earliest_rows():
    t = BandTable()
    k = np.uint32(12345)
    t.insert_capped(np.full(10, k), np.arange(10, 20), cap=6)          # 6 placed: rows 10..15
    t.insert_capped(np.array([k, 777], dtype=np.uint32), np.array([3, 4]), cap=6)  # key k is full
    assert sorted(t.query(np.array([k])).tolist()) == list(range(10, 16))
    ki, rows = t.query_capped(np.array([k, 777, 5], dtype=np.uint32), cap=6, keep=2)
    assert sorted(zip(ki.tolist(), rows.tolist())) == [(0, 10), (0, 11), (1, 4)]


def test_a_bucket_below_the_cap_gives_every_row():
    t = BandTable()
    t.insert_capped(np.full(3, 9, dtype=np.uint32), np.array([1, 2, 3]), cap=4)
    ki, rows = t.query_capped(np.array([9], dtype=np.uint32), cap=4, keep=1)
    assert sorted(rows.tolist()) == [1, 2, 3]


def test_add_and_query_gives_what_insert_then_query_gives_of_the_earlier_rows():
    rng = np.random.default_rng(5)
    one_pass, two_pass = BandTable(capacity=16), BandTable(capacity=16)
    row = 0
    for _ in range(40):
        docs = int(rng.integers(1, 50))
        # 6 distinct keys per document from a small range: buckets fill up and overflow
        keys = np.stack([rng.choice(np.arange(1, 400), 6, replace=False) for _ in range(docs)]).astype(np.uint32)
        rows = np.repeat(np.arange(row, row + docs), 6)
        row += docs
        two_pass.insert_capped(keys, rows, cap=5)
        ki, cand = two_pass.query_capped(keys, cap=5, keep=2)
        earlier = cand.astype(np.int64) < rows[ki]
        want = sorted(zip(ki[earlier].tolist(), cand[earlier].tolist()))
        ki, cand = one_pass.add_and_query(keys, rows, cap=5, keep=2)
        assert sorted(zip(ki.tolist(), cand.tolist())) == want
        assert len(one_pass) == len(two_pass)
    assert one_pass.query_pairs(np.arange(1, 400, dtype=np.uint32))[0].size == len(two_pass)
