import pytest

from spiders.seen import SeenArticles, SeenArticlesError


class Clock:
    def __init__(self, t=1_000_000.0):
        self.t = t

    def __call__(self):
        return self.t


def test_keys_persist_and_expire_after_the_window(tmp_path):
    clock = Clock()
    path = tmp_path / "seen.sqlite"
    s = SeenArticles(path, window_days=2, clock=clock)
    s.add(["http://a.example/1", "http://a.example/2"])
    s.close()
    clock.t += 86400
    s = SeenArticles(path, window_days=2, clock=clock)
    assert "http://a.example/1" in s and len(s) == 2
    s.add(["http://a.example/3"])
    assert "http://a.example/3" in s  # known at once; the row is written by the writer thread
    s.close()
    clock.t += 1.5 * 86400  # the first two are now 2.5 days old, the third 1.5
    s = SeenArticles(path, window_days=2, clock=clock)
    assert "http://a.example/1" not in s and "http://a.example/3" in s and len(s) == 1
    s.close()


def test_a_foreign_file_is_refused_with_its_path(tmp_path):
    bad = tmp_path / "seen.sqlite"
    bad.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(SeenArticlesError, match="seen.sqlite"):
        SeenArticles(bad, window_days=30)


def test_bad_window_fails_fast(tmp_path):
    with pytest.raises(ValueError, match="window_days"):
        SeenArticles(tmp_path / "s.sqlite", window_days=0)
