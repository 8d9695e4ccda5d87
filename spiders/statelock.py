"""One run per ``--state`` directory at a time: an exclusive ``fcntl.flock`` on ``DIR/lock``.

A second ``wirecrawl crawl`` (cron firing while the last run still works) or ``wirecrawl
dedup`` on the same state fails at once with :class:`StateLocked`, whose message names the
lock file and its holder (pid, host, start time — written into the file by the holder).
The kernel releases the lock when the holder's process ends, however it ends, so a lock left
by a killed run never blocks the next one; the file itself stays and means nothing alone.

A flock belongs to one open file, so two opens in one process would lock each other out:
the command line takes the lock, and the crawl's components open the same state in the same
process. :class:`StateLock` therefore shares one open file per path within a process
(counted; released with the last holder). Pure: ``fcntl``, no Scrapy. POSIX only.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import threading
from datetime import datetime, timezone
from pathlib import Path

LOCK_FILE = "lock"

# path -> [fd, holders]: the locks this process holds (see the module docstring).
_held: dict[str, list[int]] = {}
_guard = threading.Lock()


class StateLocked(Exception):
    """Another process holds the state's lock (the message names the file and the holder)."""


def describe_holder(text: str) -> str:
    """``pid 12 on host h since 2026-11-30T09:00:00Z`` from the lock file's content."""
    try:
        info = json.loads(text)
        return f"pid {info['pid']} on host {info['host']} since {info['since']}"
    except (ValueError, KeyError, TypeError):
        return "a process that has not written its name yet"


class StateLock:
    """The lock of one state directory.

    Args:
        directory: the ``--state`` directory (created when missing).

    Example:
        >>> with StateLock("state"):
        ...     ...  # crawl
    """

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.directory = Path(directory)
        self.path = self.directory / LOCK_FILE
        self._key: str | None = None

    def acquire(self) -> "StateLock":
        """Take the lock, or fail at once.

        Raises:
            StateLocked: another process holds it.
        """
        if self._key is not None:
            return self
        self.directory.mkdir(parents=True, exist_ok=True)
        key = str(self.path.resolve())
        with _guard:
            held = _held.get(key)
            if held is not None:
                held[1] += 1
                self._key = key
                return self
            fd = os.open(key, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.pread(fd, 4096, 0).decode("utf-8", "replace")
                os.close(fd)
                raise StateLocked(f"state {self.directory} is in use: lock {self.path} is held by "
                                  f"{describe_holder(holder)}") from None
            since = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            os.ftruncate(fd, 0)
            os.pwrite(fd, json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                                      "since": since}).encode() + b"\n", 0)
            _held[key] = [fd, 1]
            self._key = key
        return self

    def release(self) -> None:
        """Give the lock back (the file is closed with the last holder in this process)."""
        if self._key is None:
            return
        with _guard:
            held = _held[self._key]
            held[1] -= 1
            if held[1] == 0:
                del _held[self._key]
                fcntl.flock(held[0], fcntl.LOCK_UN)
                os.close(held[0])
        self._key = None

    def __enter__(self) -> "StateLock":
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()
