"""``responses.warc.gz`` (``--format warc``): the article pages as fetched, to extract again later.

For every article page the crawl fetched, a WARC/1.1 ``request`` record and a ``response``
record (``WARC-Concurrent-To`` links them), written with warcio and appended as the crawl
goes. Each record is its own gzip member and the file is flushed after each pair, so a
killed crawl leaves whole records; a partial record left at the end is cut off the next
time the file is opened for writing. The body is stored as the crawler received it after
decompression, so — as Common Crawl does — ``Content-Encoding`` / ``Transfer-Encoding``
are renamed ``X-Crawler-Content-Encoding`` / ``X-Crawler-Transfer-Encoding`` and
``Content-Length`` is the stored length. ``WARC-Wirecrawl-Source`` keeps how the page was
found (``feed``, ``sitemap``, ``link``, ``list``).

:func:`read_responses` yields the responses back (``wirecrawl extract --warc FILE``). Pure:
no Scrapy import.
"""

from __future__ import annotations

import io
import logging
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from http import HTTPStatus
from pathlib import Path
from typing import Iterator, Mapping
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from output.schema import iso_utc, parse_iso_utc

logger = logging.getLogger(__name__)

RESPONSES = "responses.warc.gz"
SOURCE_HEADER = "WARC-Wirecrawl-Source"
_RENAMED = {"content-encoding": "X-Crawler-Content-Encoding",
            "transfer-encoding": "X-Crawler-Transfer-Encoding"}


@dataclass(frozen=True, slots=True)
class WarcResponse:
    """One response read back from a WARC file."""

    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    fetched_at: datetime | None = None
    source: str | None = None


def _good_end(path: Path) -> int:
    """The offset after the last whole record of ``path`` (0 when none can be read)."""
    end = 0
    try:
        with open(path, "rb") as fh:
            it = ArchiveIterator(fh)
            for record in it:
                record.content_stream().read()
                end = it.get_record_offset() + it.get_record_length()
    except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
        logger.debug("%s: stopped reading at %d: %s", path, end, exc)
    return end


class WarcWriter:
    """Appends request + response records to a ``.warc.gz`` file.

    Args:
        path: the file (``RUN/responses.warc.gz``); created with its directory when missing,
            appended to when it exists (a partial last record is cut off first).
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._repair_tail()
        self._fh = open(self.path, "ab")
        self._writer = WARCWriter(self._fh, gzip=True, warc_version="1.1")
        self.count = 0

    def _repair_tail(self) -> None:
        if not self.path.exists() or self.path.stat().st_size == 0:
            return
        size, end = self.path.stat().st_size, _good_end(self.path)
        if end < size:
            logger.warning("%s: dropped a partial last record (%d bytes) left by an interrupted run",
                           self.path, size - end)
            with open(self.path, "rb+") as fh:
                fh.truncate(end)

    def write(self, url: str, status: int, headers: Mapping[str, str], body: bytes, *,
              fetched_at: datetime | None = None, source: str | None = None) -> None:
        """Appends the request and the response of one page, then flushes."""
        when = iso_utc(fetched_at or datetime.now(timezone.utc))
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        req_headers = StatusAndHeaders(f"GET {target} HTTP/1.1", [("Host", parts.netloc)],
                                       is_http_request=True)
        request = self._writer.create_warc_record(
            url, "request", payload=io.BytesIO(b""), length=0, http_headers=req_headers,
            warc_headers_dict={"WARC-Date": when})
        pairs = []
        for k, v in headers.items():
            if k.lower() == "content-length":
                continue
            pairs.append((_RENAMED.get(k.lower(), k), v))
        pairs.append(("Content-Length", str(len(body))))
        try:
            reason = HTTPStatus(status).phrase
        except ValueError:
            reason = "Unknown"
        http = StatusAndHeaders(f"{status} {reason}", pairs, protocol="HTTP/1.1")
        warc_headers = {"WARC-Date": when}
        if source:
            warc_headers[SOURCE_HEADER] = source
        response = self._writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), length=len(body), http_headers=http,
            warc_headers_dict=warc_headers)
        response.rec_headers.add_header("WARC-Concurrent-To", request.rec_headers.get_header("WARC-Record-ID"))
        self._writer.write_record(request)
        self._writer.write_record(response)
        self._fh.flush()
        self.count += 1

    def close(self) -> None:
        if not self._fh.closed:
            self._fh.close()

    def __enter__(self) -> "WarcWriter":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_responses(path: str | os.PathLike[str]) -> Iterator[WarcResponse]:
    """The ``response`` records of a WARC file (wirecrawl's or anyone's, gzipped or not).

    Raises:
        ValueError: when the file is not a WARC file.
    """
    with open(path, "rb") as fh:
        try:
            for record in ArchiveIterator(fh):
                if not record.format.startswith("warc"):
                    raise ArchiveLoadFailed(f"a {record.format} record, not WARC")
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                http = record.http_headers
                try:
                    status = int(http.get_statuscode())
                except (TypeError, ValueError):
                    status = 0
                headers = {k.lower(): v for k, v in http.headers}
                for renamed in _RENAMED.values():
                    headers.pop(renamed.lower(), None)
                date = record.rec_headers.get_header("WARC-Date")
                yield WarcResponse(
                    url=record.rec_headers.get_header("WARC-Target-URI"),
                    status=status, headers=headers, body=record.content_stream().read(),
                    fetched_at=parse_iso_utc(date) if date else None,
                    source=record.rec_headers.get_header(SOURCE_HEADER))
        except ArchiveLoadFailed as exc:
            raise ValueError(f"{path}: not a readable WARC file ({exc})") from None
