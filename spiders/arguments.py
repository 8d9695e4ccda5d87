"""The spider's arguments, checked: start lists, counts, booleans and ``since``.

One parser per idea, used by the spider (``-a name=value``) and by the ``wirecrawl``
command line, which reports the same ``ValueError`` messages as one-line usage errors.
Pure, no Scrapy import.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from output.schema import parse_iso_utc
from spiders.urls import is_http_url

logger = logging.getLogger(__name__)


def check_start_url(value: str) -> str:
    """``value`` stripped, if it is an absolute http(s) URL.

    Raises:
        ValueError: anything else (the value is in the message).
    """
    url = str(value).strip()
    if not is_http_url(url):
        raise ValueError(f"not an http(s) URL: {value!r}")
    return url


def read_start_file(path: str | Path, *, on_bad: Callable[[str], None] | None = None) -> list[str]:
    """The URLs of a start list: one a line; blank lines and ``#`` comments skipped.

    A bad line (not UTF-8, or no http(s) URL) costs only itself: it is named (file and
    line number) to ``on_bad`` and skipped, and the good lines are kept.

    Args:
        path: the file.
        on_bad: called with a one-line message for each bad line (default: a warning
            logged by this module).

    Raises:
        ValueError: a missing or unreadable file, or no URL left in it.
    """
    report = on_bad or _log_bad
    p = Path(path).expanduser()
    if not p.is_file():
        raise ValueError(f"@{path}: no such file")
    try:
        raw_lines = p.read_bytes().removeprefix(b"\xef\xbb\xbf").splitlines()
    except OSError as exc:
        raise ValueError(f"@{path}: cannot read it ({exc.strerror or exc})") from None
    urls, bad = [], 0
    for n, raw in enumerate(raw_lines, 1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad += 1
            report(f"@{path} line {n}: not UTF-8 (byte {exc.start + 1}); line skipped")
            continue
        line = line.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        try:
            urls.append(check_start_url(line))
        except ValueError as exc:
            bad += 1
            report(f"@{path} line {n}: {exc}; line skipped")
    if not urls:
        raise ValueError(f"@{path}: no URL in the file" + (f" ({bad} bad lines skipped)" if bad else ""))
    return urls


def _log_bad(message: str) -> None:
    logger.warning("%s", message)


def parse_starts(arg: str | None, *, on_bad: Callable[[str], None] | None = None) -> list[tuple[str, str]]:
    """The start URLs of a crawl and the ``source`` their pages get.

    Args:
        arg: comma-separated URLs (source ``"link"``) and ``@path`` start lists
            (:func:`read_start_file`, whose bad lines go to ``on_bad``; source ``"list"``).
        on_bad: see :func:`read_start_file`.

    Returns:
        ``[(url, source), ...]`` in order, without repeats.

    Raises:
        ValueError: no start, an unreadable file, or a value that is no http(s) URL.
    """
    if arg is None or not str(arg).strip():
        raise ValueError(f"start must name at least one URL or @file, got {arg!r}")
    arg = str(arg).strip()
    found: list[tuple[str, str]] = []
    for item in (a.strip() for a in arg.split(",")):
        if item.startswith("@"):
            found += [(u, "list") for u in read_start_file(item[1:], on_bad=on_bad)]
        elif item:
            found.append((check_start_url(item), "link"))
    out: list[tuple[str, str]] = []
    for url, source in found:
        if url not in (u for u, _ in out):
            out.append((url, source))
    if not out:
        raise ValueError(f"start {arg!r} lists no URL")
    return out


def non_negative_int(value: object, name: str) -> int:
    """A spider argument as an integer >= 0.

    Raises:
        ValueError: anything else (name and value in the message).
    """
    try:
        n = int(str(value).strip())
    except ValueError:
        raise ValueError(f"{name} must be an integer >= 0, got {value!r}") from None
    if n < 0:
        raise ValueError(f"{name} must be an integer >= 0, got {value!r}")
    return n


def parse_bool(value: object, name: str) -> bool:
    """A spider argument as a boolean: ``1/true/yes/on`` or ``0/false/no/off``.

    Raises:
        ValueError: any other value.
    """
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off", ""):
        return False
    raise ValueError(f"{name} must be 1/true/yes or 0/false/no, got {value!r}")


def parse_since(value: object, name: str = "since") -> datetime | None:
    """``since`` (argument, ``WIRECRAWL_SINCE`` or ``--since``) as an aware UTC datetime.

    Strict ISO 8601 (:func:`output.schema.parse_iso_utc`): a date means its midnight UTC,
    an instant without offset is UTC.

    Returns:
        ``None`` for ``None`` or an empty string.

    Raises:
        ValueError: a value that is no ISO date or instant (``name`` and value in the message).
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)
    dt = parse_iso_utc(str(value))
    if dt is None:
        raise ValueError(f"{name} must be an ISO date or instant (2026-11-20, 2026-11-20T08:00Z), "
                         f"got {value!r}")
    return dt
