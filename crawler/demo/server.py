"""Loopback HTTP servers for the demo world: one ``ThreadingHTTPServer`` per site.

Each site listens on its own 127.0.0.x address and an ephemeral port, so sites are
distinct hosts to a crawler. Every resource is rendered once, before the first request
(the endless calendar is rendered on demand), so serving is a dictionary lookup. All
servers run in daemon threads and are shut down when the ``with`` block ends, also on
an exception. Every request is logged (site key, method, path with query). Each ``200``
carries an ``ETag`` (a hash of its body) and a request whose ``If-None-Match`` names it is
answered ``304 Not Modified`` without a body, as real news sites do.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator
from urllib.parse import parse_qs, unquote, urlsplit

from crawler.demo import feeds
from crawler.demo.pages import Resource, SitePages
from crawler.demo.sites import Site
from crawler.demo.truth import Expected, build_expected, calendar_day
from crawler.demo.world import DemoWorld

logger = logging.getLogger(__name__)


class RequestLog:
    """Thread-safe log of ``(site_key, method, path_with_query)`` actually requested."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: list[tuple[str, str, str]] = []

    def add(self, site: str, method: str, path: str) -> None:
        with self._lock:
            self._entries.append((site, method, path))

    def snapshot(self) -> list[tuple[str, str, str]]:
        """A copy of the entries so far, in arrival order."""
        with self._lock:
            return list(self._entries)

    def __iter__(self) -> Iterator[tuple[str, str, str]]:
        return iter(self.snapshot())

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)


class _SiteServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, site: Site, address: tuple[str, int]) -> None:
        super().__init__(address, _Handler)
        self.site = site
        self.routes: dict[str, Resource] = {}
        self.pages: SitePages | None = None
        self.log: RequestLog | None = None


class _Handler(BaseHTTPRequestHandler):
    server: _SiteServer
    protocol_version = "HTTP/1.1"
    server_version = "DemoNews/1.0"
    timeout = 10  # idle keep-alive connections end on their own

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self._answer(with_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(with_body=False)

    def _answer(self, *, with_body: bool) -> None:
        srv = self.server
        srv.log.add(srv.site.key, self.command, self.path)
        res = _resolve(srv, self.path)
        etag = f'"{hashlib.sha1(res.body).hexdigest()[:16]}"' if res.status == 200 else None
        if etag is not None and etag in self.headers.get("If-None-Match", ""):
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(res.status)
        if etag is not None:
            self.send_header("ETag", etag)
        self.send_header("Content-Type", res.content_type)
        self.send_header("Content-Length", str(len(res.body)))
        for k, v in res.headers.items():
            self.send_header(k, v)
        self.end_headers()
        if with_body:
            self.wfile.write(res.body)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (stdlib signature)
        logger.debug("%s %s", self.server.site.key, format % args)


def _resolve(srv: _SiteServer, raw: str) -> Resource:
    """Route a request path: exact path+query, ``?page=n``, bare path, calendar, 404."""
    parts = urlsplit(raw)
    path = unquote(parts.path)
    if parts.query:
        exact = srv.routes.get(f"{path}?{parts.query}")
        if exact is not None:
            return exact
        page = parse_qs(parts.query).get("page")
        if page:
            hit = srv.routes.get(f"{path}?page={page[0]}")
            return hit if hit is not None else srv.pages.not_found()
    hit = srv.routes.get(path)
    if hit is not None:
        return hit
    if srv.site.calendar:
        day = calendar_day(path)
        if day is not None and path.endswith("/"):
            return Resource(200, srv.pages.calendar(day).encode("utf-8"))
    return srv.pages.not_found()


@dataclass
class RunningWorld:
    """The world while it is served: URLs, the request log and the ground truth."""

    world: DemoWorld
    bases: dict[str, str]
    requests: RequestLog
    expected: Expected
    start_urls: list[str] = field(default_factory=list)

    def url(self, site_key: str, path: str = "/") -> str:
        """Absolute URL of ``path`` on the site ``site_key``.

        Raises:
            KeyError: for an unknown site key.
        """
        if site_key not in self.bases:
            raise KeyError(f"no demo site {site_key!r}; sites are {sorted(self.bases)}")
        return self.bases[site_key] + (path if path.startswith("/") else "/" + path)

    @property
    def site_timezones(self) -> dict[str, str]:
        """``{site (host:port): IANA tz}`` a user tells the crawler: every served site but
        those whose zone is stated only in their feed (``Expected.site_timezones``)."""
        return dict(self.expected.site_timezones)

    def disallowed_requests(self) -> list[tuple[str, str, str]]:
        """Logged requests for paths robots.txt forbids (a polite crawl makes none)."""
        return [r for r in self.requests
                if self.expected.is_disallowed(self.bases[r[0]] + r[2])]


def _bind(site: Site) -> _SiteServer:
    try:
        return _SiteServer(site, (site.host, 0))
    except OSError as exc:  # some systems only route 127.0.0.1
        logger.warning("cannot bind %s (%s); serving %s on 127.0.0.1", site.host, exc, site.key)
        return _SiteServer(site, ("127.0.0.1", 0))


@contextmanager
def serve_world(world: DemoWorld) -> Iterator[RunningWorld]:
    """Serve every site of ``world`` until the ``with`` block ends.

    Yields:
        A ``RunningWorld``.
    """
    servers: list[_SiteServer] = []
    threads: list[threading.Thread] = []
    log = RequestLog()
    try:
        for site in world.sites:
            servers.append(_bind(site))
        bases = {s.site.key: f"http://{s.server_address[0]}:{s.server_address[1]}"
                 for s in servers}
        for srv in servers:
            base = bases[srv.site.key]
            srv.pages = SitePages(world, srv.site, base)
            srv.routes = {**srv.pages.routes(), **srv.pages.redirect_partner(),
                          **feeds.routes(srv.site, world, base)}
            srv.log = log
        for srv in servers:
            t = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05},
                                 name=f"demo-{srv.site.key}", daemon=True)
            t.start()
            threads.append(t)
        running = RunningWorld(
            world=world, bases=bases, requests=log, expected=build_expected(world, bases),
            start_urls=[bases[s.key] + feeds.start_path(s) for s in world.sites])
        logger.info("demo world serving %d sites: %s", len(servers),
                    ", ".join(f"{k}={b}" for k, b in bases.items()))
        yield running
    finally:
        for srv, t in zip(servers, threads):
            srv.shutdown()
        for srv in servers:
            srv.server_close()
        for t in threads:
            t.join(timeout=5)
