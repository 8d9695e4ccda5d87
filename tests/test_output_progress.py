"""The progress line shared by the crawl and ``wirecrawl dedup``."""

import io

from output import ProgressLine


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_line_shows_counters_rate_and_eta():
    clock, stream = Clock(), io.StringIO()
    line = ProgressLine("docs", stream, clock=clock)
    clock.now += 10
    assert line.text({"docs": 500}) == "docs 500  50.0 docs/s  10s"
    # Half done after 10 s: 10 s left.
    assert line.text({"docs": 500}, fraction=0.5).endswith("ETA 0:10")


def test_show_is_rate_limited_and_end_closes_the_line():
    clock, stream = Clock(), io.StringIO()
    line = ProgressLine("pages", stream, every=1.0, clock=clock)
    line.show({"pages": 1})  # too soon after start
    assert stream.getvalue() == ""
    clock.now += 1.5
    line.show({"pages": 2})
    line.show({"pages": 3})  # too soon after the last
    clock.now += 1.5
    line.show({"pages": 4}, force=True)
    line.end()
    shown = stream.getvalue().split("\r")[1:]
    assert [s.split()[1] for s in shown] == ["2", "4"]
    assert stream.getvalue().endswith("\n")


def test_end_writes_nothing_when_never_shown():
    stream = io.StringIO()
    line = ProgressLine("docs", stream)
    line.end()
    assert stream.getvalue() == ""
