"""Append-safe JSON Lines: one record a line, flushed as it is written.

A crawl killed mid-write leaves at most one partial last line; the next writer opened on
the same file cuts that fragment off first, so every finished line stays intact and the
file stays loadable by ``pandas.read_json(lines=True)``, ``jq`` or DuckDB.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

logger = logging.getLogger(__name__)


class JsonlWriter:
    """Appends records to ``path``, one JSON object a line, flushed after each.

    Args:
        path: the file; created with its parent directories when missing.
        fsync: also ``os.fsync`` after each record (survives power loss, costs time).
    """

    def __init__(self, path: str | os.PathLike[str], *, fsync: bool = False) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._repair_tail()
        self._fh = open(self.path, "a", encoding="utf-8", newline="\n")
        self._fsync = fsync
        self.count = 0

    def _repair_tail(self) -> None:
        """Cut a partial last line left by a killed writer."""
        if not self.path.exists() or self.path.stat().st_size == 0:
            return
        with open(self.path, "rb+") as fh:
            fh.seek(0, os.SEEK_END)
            size = fh.tell()
            fh.seek(max(0, size - 1))
            if fh.read(1) == b"\n":
                return
            # Walk back to the last newline, in blocks.
            pos, block = size, 65536
            while pos > 0:
                start = max(0, pos - block)
                fh.seek(start)
                chunk = fh.read(pos - start)
                nl = chunk.rfind(b"\n")
                if nl >= 0:
                    cut = start + nl + 1
                    break
                pos = start
            else:
                cut = 0
            logger.warning("%s: dropped a partial last line (%d bytes) left by an interrupted run",
                           self.path, size - cut)
            fh.truncate(cut)

    def write(self, record: dict[str, Any]) -> int:
        """Appends ``record`` as one line; returns the file's size after it (flushed)."""
        line = json.dumps(record, ensure_ascii=False, separators=(",", ":"), default=str)
        self._fh.write(line + "\n")
        self._fh.flush()
        if self._fsync:
            os.fsync(self._fh.fileno())
        self.count += 1
        return self._fh.tell()

    @property
    def size(self) -> int:
        """Bytes in the file so far (the offset where the next line starts)."""
        return self._fh.tell()

    def close(self) -> None:
        if not self._fh.closed:
            self._fh.close()

    def __enter__(self) -> "JsonlWriter":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass(frozen=True)
class BadLine:
    """A line of a JSON Lines file that holds no record: its file, number and why."""

    path: str
    lineno: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.lineno}: {self.reason}"


class BadLineError(ValueError):
    """A bad line met by a strict reader; ``bad`` names it."""

    def __init__(self, bad: BadLine) -> None:
        super().__init__(str(bad))
        self.bad = bad


def _log_bad(bad: BadLine) -> None:
    logger.warning("%s (line skipped)", bad)


def read_jsonl(path: str | os.PathLike[str], *, on_bad: Callable[[BadLine], None] | None = None,
               strict: bool = False) -> Iterator[dict[str, Any]]:
    """Yields the records of a JSON Lines file; a bad line costs only itself.

    A line that is not UTF-8, not JSON or not a JSON object is skipped and handed to
    ``on_bad``; every good line before and after it is read. Blank lines are skipped
    silently, and so is a UTF-8 byte order mark at the start of the file.

    Args:
        path: the file.
        on_bad: called with each bad line (default: a warning logged by this module).
        strict: raise at the first bad line instead of skipping it.

    Raises:
        BadLineError: with ``strict``, the first bad line (a ``ValueError``).
    """
    report = on_bad or _log_bad
    with open(path, "rb") as fh:
        for lineno, raw in enumerate(fh, 1):
            if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            raw = raw.strip()
            if not raw:
                continue
            reason = None
            try:
                rec = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError as exc:
                reason = f"not UTF-8 (byte {exc.start + 1} of the line)"
            except json.JSONDecodeError as exc:
                reason = f"not a JSON line ({exc.msg}, column {exc.colno})"
            else:
                if not isinstance(rec, dict):
                    reason = f"expected a JSON object, got {type(rec).__name__}"
            if reason is None:
                yield rec
                continue
            bad = BadLine(str(path), lineno, reason)
            if strict:
                raise BadLineError(bad)
            report(bad)
