"""IndexConfig: one validated, immutable object for every StoryIndex setting."""

import dataclasses

import pytest

from dedup import IndexConfig, StoryIndex


@pytest.mark.parametrize("bad", [
    dict(threshold=0), dict(threshold=1.5), dict(threshold="0.5"), dict(num_perm=1), dict(seed=-1),
    dict(shingle_size=0), dict(rows=0), dict(bands=100, rows=2), dict(bands=0), dict(min_shared=-1),
    dict(bucket_cap=0), dict(bucket_keep=0), dict(bucket_cap=4, bucket_keep=5), dict(max_candidates=0),
    dict(batch=1 << 23),
    dict(number_agreement=1.2), dict(lead_guard=-0.1), dict(lead_min=-1), dict(site_repeats=0),
    dict(window_days=0), dict(window_days=-3.0), dict(workers=0), dict(batch=0), dict(workers=True),
])
def test_bad_value_fails_fast_and_is_named(bad):
    name, value = next(iter(bad.items()))
    with pytest.raises(ValueError, match="must be") as err:
        IndexConfig(**bad)
    assert name in str(err.value) and repr(value) in str(err.value)


def test_defaults_and_derived_values():
    cfg = IndexConfig()
    assert cfg.lsh_bands == cfg.num_perm // cfg.rows
    assert IndexConfig(num_perm=64, rows=4).lsh_bands == 16
    assert IndexConfig(bands=10).lsh_bands == 10
    assert set(cfg.schema) == {"num_perm", "seed", "shingle_size", "scheme"}


def test_frozen_and_replace_validates():
    cfg = IndexConfig()
    with pytest.raises(dataclasses.FrozenInstanceError):
        cfg.threshold = 0.9
    with pytest.raises(ValueError, match="threshold"):
        dataclasses.replace(cfg, threshold=2.0)


def test_index_takes_a_config_or_keywords_that_build_one():
    cfg = IndexConfig(threshold=0.6, window_days=3)
    assert StoryIndex(cfg).config == cfg
    assert StoryIndex(threshold=0.6, window_days=3).config == cfg
    assert StoryIndex(cfg, workers=2).config == dataclasses.replace(cfg, workers=2)
    with pytest.raises(TypeError):
        StoryIndex(treshold=0.6)
    with pytest.raises(TypeError):
        StoryIndex({"threshold": 0.6})
