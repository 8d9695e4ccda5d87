"""RequestedPages: what the spider already asked Scrapy for, at which depth, within a bound."""

from __future__ import annotations

import pytest

from spiders.requested import RequestedPages


def test_known_at_the_same_depth_or_deeper_only():
    seen = RequestedPages()
    assert not seen.known("https://a.example/x", 2)
    seen.add("https://a.example/x", 2)
    assert seen.known("https://a.example/x", 2) and seen.known("https://a.example/x", 5)
    assert not seen.known("https://a.example/x", 1)
    seen.add("https://a.example/x", 1)   # requested again nearer the start: that depth now
    assert seen.known("https://a.example/x", 1)
    seen.add("https://a.example/x", 4)   # a deeper request never raises the depth known
    assert seen.known("https://a.example/x", 1)


def test_bounded_memory_starts_afresh():
    seen = RequestedPages(size=3)
    for k in "abc":
        seen.add(k, 0)
    assert len(seen) == 3
    seen.add("d", 0)
    assert len(seen) == 1 and seen.known("d", 0) and not seen.known("a", 0)
    with pytest.raises(ValueError, match="'0'|0"):
        RequestedPages(size=0)
