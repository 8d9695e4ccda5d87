"""The live progress line of long commands: counters, a rate and elapsed time or an ETA.

One terminal line, rewritten in place (``\\r``), so a crawl and ``wirecrawl dedup`` look and
behave alike. Pure: the caller decides when to show it (a Twisted ``LoopingCall`` in the
crawl, every batch in dedup); ``every`` keeps frequent callers from flooding the terminal.
"""

from __future__ import annotations

import sys
import time
from typing import Callable, Mapping, TextIO

_WIDTH = 78


class ProgressLine:
    """Formats and shows ``name count`` pairs, the rate of one of them and the time.

    Args:
        rate_of: the counter whose per-second rate is shown (``"pages"``, ``"docs"``).
        stream: where the line goes (default: ``sys.stderr``).
        every: show at most once per this many seconds (0: every call).
        clock: monotonic seconds (for tests).
    """

    def __init__(self, rate_of: str, stream: TextIO | None = None, *, every: float = 0.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.rate_of = rate_of
        self.stream = stream or sys.stderr
        self.every = every
        self.clock = clock
        self.restart()

    def restart(self) -> None:
        """Counts time from now."""
        self.t0 = self.clock()
        self._last: float | None = None
        self.shown = False

    def text(self, counts: Mapping[str, int], fraction: float | None = None) -> str:
        """The line: each counter, the rate of ``rate_of``, then an ETA (``fraction`` of the
        work done, when known) or the elapsed seconds."""
        elapsed = max(self.clock() - self.t0, 1e-9)
        parts = [f"{name} {int(n):,}" for name, n in counts.items()]
        parts.append(f"{counts.get(self.rate_of, 0) / elapsed:,.1f} {self.rate_of}/s")
        if fraction:
            left = int(elapsed * (1 - fraction) / fraction)
            parts.append(f"{100 * fraction:4.1f}%  ETA {left // 60}:{left % 60:02d}")
        else:
            parts.append(f"{elapsed:.0f}s")
        return "  ".join(parts)

    def show(self, counts: Mapping[str, int], fraction: float | None = None, *, force: bool = False) -> None:
        """Rewrites the line, unless it was shown less than ``every`` seconds ago."""
        now = self.clock()
        if not force and self._last is not None and now - self._last < self.every:
            return
        if not force and self._last is None and now - self.t0 < self.every:
            return
        self._last = now
        self.stream.write("\r" + self.text(counts, fraction).ljust(_WIDTH))
        self.stream.flush()
        self.shown = True

    def end(self) -> None:
        """Ends the line (a newline) when it was shown."""
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()
            self.shown = False
