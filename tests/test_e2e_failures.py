"""Expected network failures through the real CLI: counted, one line each, no traceback.

A start on a closed port, a host answering 500 and a host that never answers are crawled
in a subprocess at the default log level; stderr must hold one concise line for the
failed page (robots.txt fetches that fail say nothing) and the summary must count it.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[1]


class _Fails(BaseHTTPRequestHandler):
    """500 for every page; robots.txt answers ``robots_status`` (404: no rules)."""
    robots_status = 404

    def do_GET(self):  # noqa: N802 - http.server's name
        self.send_response(self.robots_status if self.path == "/robots.txt" else 500)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def _closed_port() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}/"


def crawl(start: str, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "crawler.cli", "crawl", start, "-o", str(tmp_path / "run"),
         "--no-progress", "--delay", "0", *extra],
        capture_output=True, text=True, timeout=120, cwd=ROOT)


def assert_one_line(proc: subprocess.CompletedProcess, kind: str) -> None:
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    lines = [x for x in proc.stderr.splitlines() if x.strip()]
    assert len(lines) == 1 and f"{kind} fetching" in lines[0], proc.stderr
    assert f"error: {kind}" in proc.stdout


def test_closed_port_is_one_line(tmp_path):
    assert_one_line(crawl(_closed_port(), tmp_path), "connection_refused")


def _crawl_failing_host(tmp_path: Path, handler: type) -> subprocess.CompletedProcess:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        return crawl(f"http://127.0.0.1:{server.server_address[1]}/", tmp_path)
    finally:
        server.shutdown()
        server.server_close()


def test_server_error_is_one_line(tmp_path):
    assert_one_line(_crawl_failing_host(tmp_path, _Fails), "http_500")


class _FailsWithRobots(_Fails):
    robots_status = 500


def test_robots_txt_server_error_skips_the_host_in_one_line(tmp_path):
    # RFC 9309: robots.txt "unreachable" (5xx) forbids the host; the user is told once, why
    proc = _crawl_failing_host(tmp_path, _FailsWithRobots)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    lines = [x for x in proc.stderr.splitlines() if x.strip()]
    assert len(lines) == 1 and "robots.txt" in lines[0] and "answered 500" in lines[0], proc.stderr


def test_silent_host_times_out_in_one_line(tmp_path):
    # A listening socket nobody accepts from: connections complete, no byte ever comes back.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)
        proc = crawl(f"http://127.0.0.1:{silent.getsockname()[1]}/", tmp_path, "--timeout", "1")
    assert_one_line(proc, "timeout")
