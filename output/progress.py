"""How long commands report progress: a live bar for people, JSON events for machines.

One place for the crawl (``crawler.extensions.RunReport``) and ``wirecrawl dedup``, so both
look and behave alike:

- ``ProgressLine`` formats the counters, the rate of one of them and an ETA (when the share
  of work done is known) or the elapsed time.
- ``Progress`` shows that line in a live ``rich`` progress bar on stderr — only when stderr
  is a terminal: in cron logs and pipes nothing is drawn — and writes ``EventLog`` events.
- ``EventLog`` (``--json-log FILE``, ``-`` for stderr) writes one JSON object a line:
  ``run_started``, ``progress`` (counters, rate, elapsed, share done), ``error`` (a kind's
  count grew since the last progress event; counted per update, not per error) and
  ``run_finished`` (the run's summary). Every event has ``event``, ``time`` (ISO 8601 UTC)
  and ``elapsed_s``.

Pure: the caller decides when to update (a Twisted ``LoopingCall`` in the crawl, every
record in dedup); ``every`` keeps frequent callers from flooding the terminal and the log.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import datetime, timezone
from typing import Any, Callable, Mapping, TextIO

_WIDTH = 78


class ProgressLine:
    """Formats and shows ``name count`` pairs, the rate of one of them and the time.

    Args:
        rate_of: the counter whose per-second rate is shown (``"pages"``, ``"docs"``).
        stream: where ``show`` writes the line (default: ``sys.stderr``).
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

    def elapsed(self) -> float:
        return max(self.clock() - self.t0, 1e-9)

    def rate(self, counts: Mapping[str, int]) -> float:
        """Per second, of ``rate_of``."""
        return counts.get(self.rate_of, 0) / self.elapsed()

    def text(self, counts: Mapping[str, int], fraction: float | None = None) -> str:
        """The line: each counter, the rate of ``rate_of``, then an ETA (``fraction`` of the
        work done, when known) or the elapsed seconds."""
        elapsed = self.elapsed()
        parts = [f"{name} {int(n):,}" for name, n in counts.items()]
        parts.append(f"{counts.get(self.rate_of, 0) / elapsed:,.1f} {self.rate_of}/s")
        if fraction:
            left = int(elapsed * (1 - fraction) / fraction)
            parts.append(f"{100 * fraction:4.1f}%  ETA {left // 60}:{left % 60:02d}")
        else:
            parts.append(f"{elapsed:.0f}s")
        return "  ".join(parts)

    def due(self, force: bool = False) -> bool:
        """Whether an update is due (``every`` seconds since the last, or since the start);
        when it is, the time is noted."""
        now = self.clock()
        if not force and now - (self.t0 if self._last is None else self._last) < self.every:
            return False
        self._last = now
        return True

    def show(self, counts: Mapping[str, int], fraction: float | None = None, *, force: bool = False) -> None:
        """Rewrites the line, unless it was shown less than ``every`` seconds ago."""
        if not self.due(force):
            return
        self.stream.write("\r" + self.text(counts, fraction).ljust(_WIDTH))
        self.stream.flush()
        self.shown = True

    def end(self) -> None:
        """Ends the line (a newline) when it was shown."""
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()
            self.shown = False


class EventLog:
    """One JSON object a line, flushed as written.

    Args:
        stream: an open text stream (the caller keeps it), or use :meth:`open`.
        clock: wall-clock time for ``time`` (for tests).
    """

    def __init__(self, stream: TextIO, *, close: bool = False,
                 clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc)) -> None:
        self.stream = stream
        self._close = close
        self.clock = clock

    @classmethod
    def open(cls, target: str) -> "EventLog":
        """``-`` for stderr, else a file path (appended to: a log outlives one run)."""
        if target == "-":
            return cls(sys.stderr)
        return cls(open(target, "a", encoding="utf-8", newline="\n"), close=True)

    @property
    def on_stderr(self) -> bool:
        return self.stream is sys.stderr

    def emit(self, event: str, **fields: Any) -> None:
        when = self.clock().astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        line = json.dumps({"event": event, "time": when, **fields}, ensure_ascii=False, default=str)
        self.stream.write(line + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self._close and not self.stream.closed:
            self.stream.close()


class Progress:
    """A run's live bar and its JSON events, fed the same counters.

    Args:
        rate_of: the counter whose rate is shown and logged (``"pages"``, ``"docs"``).
        bar: draw a live bar on ``stream`` — only done when ``stream`` is a terminal, and
            never when the event log is on the same stream.
        events: where JSON events go (``None``: none).
        stream: the bar's stream (default: ``sys.stderr``).
        every: seconds between updates shown or logged (0: every call).
        clock: monotonic seconds (for tests).
    """

    def __init__(self, rate_of: str, *, bar: bool = True, events: EventLog | None = None,
                 stream: TextIO | None = None, every: float = 0.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.line = ProgressLine(rate_of, stream, every=every, clock=clock)
        self.events = events
        stream = self.line.stream
        self.drawing = bool(bar and _is_terminal(stream) and not (events is not None and events.stream is stream))
        self._bar: Any = None
        self._task: Any = None
        self._errors: dict[str, int] = {}

    def start(self, **info: Any) -> None:
        """Starts counting time; logs ``run_started`` with ``info``."""
        self.line.restart()
        if self.drawing:
            from rich.console import Console
            from rich.progress import BarColumn, Progress as Bar, SpinnerColumn, TextColumn

            console = Console(file=self.line.stream, force_terminal=True)
            self._bar = Bar(SpinnerColumn(), BarColumn(bar_width=24), TextColumn("{task.description}"),
                            console=console, auto_refresh=False, transient=False)
            self._task = self._bar.add_task("", total=None)
            self._bar.start()
        if self.events is not None:
            self.events.emit("run_started", elapsed_s=0.0, **info)

    def update(self, counts: Mapping[str, int], fraction: float | None = None, *,
               errors: Mapping[str, int] | None = None, force: bool = False) -> None:
        """Shows and logs the counters (at most every ``every`` seconds unless ``force``).

        Args:
            counts: the counters, in display order.
            fraction: the share of the work done, when known (for the bar and the ETA).
            errors: errors counted so far by kind; kinds that grew are logged as ``error`` events.
        """
        if not self.line.due(force):
            return
        if self._bar is not None:
            self._bar.update(self._task, description=self.line.text(counts, fraction),
                             total=1.0 if fraction is not None else None, completed=fraction or 0.0)
            self._bar.refresh()
        if self.events is not None:
            elapsed = round(self.line.elapsed(), 3)
            for kind, n in sorted((errors or {}).items()):
                if n > self._errors.get(kind, 0):
                    self.events.emit("error", elapsed_s=elapsed, kind=kind, count=int(n),
                                     new=int(n - self._errors.get(kind, 0)))
                    self._errors[kind] = int(n)
            self.events.emit("progress", elapsed_s=elapsed, counts=dict(counts),
                             rate={f"{self.line.rate_of}_per_s": round(self.line.rate(counts), 2)},
                             fraction=None if fraction is None else round(fraction, 4))

    def finish(self, summary: Mapping[str, Any] | None = None, **info: Any) -> None:
        """Stops the bar; logs ``run_finished`` with the run's ``summary``."""
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
        if self.events is not None:
            self.events.emit("run_finished", elapsed_s=round(self.line.elapsed(), 3),
                             summary=dict(summary or {}), **info)

    def close(self) -> None:
        """Stops the bar if still running and closes the event log's file."""
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
        if self.events is not None:
            self.events.close()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False
