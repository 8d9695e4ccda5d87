"""responses.warc.gz: request + response records warcio reads back, appended safely."""

from datetime import datetime, timezone

import pytest
from warcio.archiveiterator import ArchiveIterator

from output.warc import WarcWriter, read_responses

WHEN = datetime(2026, 11, 21, 8, 0, 5, tzinfo=timezone.utc)
HTML = "<html><body><p>Déjà vu</p></body></html>".encode()


def write_two(path):
    with WarcWriter(path) as w:
        w.write("http://127.0.0.2:8080/a?x=1", 200, {"content-type": "text/html; charset=utf-8",
                                                     "content-encoding": "gzip", "content-length": "9"},
                HTML, fetched_at=WHEN, source="feed")
        w.write("http://127.0.0.2:8080/b", 404, {}, b"gone", fetched_at=WHEN)


def test_request_and_response_records_as_warcio_reads_them(tmp_path):
    path = tmp_path / "responses.warc.gz"
    write_two(path)
    with open(path, "rb") as fh:
        records = [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI"), r.rec_headers.get_header("WARC-Record-ID"),
                    r.rec_headers.get_header("WARC-Concurrent-To"), r.http_headers, r.content_stream().read())
                   for r in ArchiveIterator(fh)]
    assert [(t, u) for t, u, *_ in records] == [
        ("request", "http://127.0.0.2:8080/a?x=1"), ("response", "http://127.0.0.2:8080/a?x=1"),
        ("request", "http://127.0.0.2:8080/b"), ("response", "http://127.0.0.2:8080/b")]
    request, response = records[0], records[1]
    assert response[3] == request[2]
    assert (request[4].protocol, request[4].statusline) == ("GET", "/a?x=1 HTTP/1.1")
    http = response[4]
    assert http.get_statuscode() == "200" and response[5] == HTML
    # The body is stored decoded: its original encoding is kept under another name.
    assert http.get_header("X-Crawler-Content-Encoding") == "gzip" and http.get_header("Content-Encoding") is None
    assert http.get_header("Content-Length") == str(len(HTML))


def test_read_responses_gives_back_what_was_written(tmp_path):
    path = tmp_path / "r.warc.gz"
    write_two(path)
    a, b = read_responses(path)
    assert (a.url, a.status, a.body, a.fetched_at, a.source) == ("http://127.0.0.2:8080/a?x=1", 200, HTML, WHEN, "feed")
    assert a.headers["content-type"] == "text/html; charset=utf-8" and "x-crawler-content-encoding" not in a.headers
    assert (b.status, b.body, b.source) == (404, b"gone", None)


def test_a_partial_last_record_is_cut_off_when_appending(tmp_path):
    path = tmp_path / "r.warc.gz"
    write_two(path)
    with open(path, "ab") as fh:  # what a kill in the middle of a record leaves
        fh.write(b"\x1f\x8b\x08\x00half a record")
    with WarcWriter(path) as w:
        w.write("http://127.0.0.2:8080/c", 200, {}, b"c", fetched_at=WHEN)
    assert [r.url for r in read_responses(path)] == [
        "http://127.0.0.2:8080/a?x=1", "http://127.0.0.2:8080/b", "http://127.0.0.2:8080/c"]


def test_a_file_that_is_not_warc_is_refused(tmp_path):
    path = tmp_path / "x.warc"
    path.write_bytes(b"not a warc file at all\r\n")
    with pytest.raises(ValueError, match="not a readable WARC"):
        list(read_responses(path))
