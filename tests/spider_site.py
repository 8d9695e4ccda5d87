"""A small fictional news site served on loopback for the spider's end-to-end tests.

Homepage, section with pagination and sort variants, tag/author/search/about pages, article
pages (some with tracking/session/fragment variants, one AMP copy with ``rel=canonical``),
an RSS feed, a sitemap index (Google News sitemap + gzip sitemap), robots.txt with a
``Disallow`` and a ``Sitemap`` line, an endless calendar, and broken links (404, 500,
redirect loop, non-HTML body, empty body, slow page). Every request is logged so tests can
assert what was (never) fetched.
"""

from __future__ import annotations

import gzip
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

LOREM = (
    "The regional council met on Thursday to discuss the plan, which has been debated for "
    "months by residents, engineers and local businesses along the river banks. "
)

# path -> (title, og_type or None, jsonld type or None); the articles the crawl must find once.
ARTICLES = {
    "/2026/11/20/storm-hits-coast-villages/": ("Storm hits coast villages", "article", "NewsArticle"),
    "/news/12345-markets-rally-on-rate-hopes": ("Markets rally on rate hopes", "article", None),
    "/2026/11/19/feed-only-story-about-ports/": ("Feed-only story about ports", None, "NewsArticle"),
    "/2026/11/18/sitemap-only-election-result-story": ("Election result", "article", None),
    "/2026/11/20/google-news-sitemap-story-on-rail": ("Rail story", None, "ReportageNewsArticle"),
    "/world/2026/11/17/page-three-only-article-about-rivers": ("Rivers", "article", None),
    "/opinion/why-the-river-plan-needs-work-now": ("Why the river plan needs work", None, None),
    "/2026/11/16/tag-linked-story-about-forests/": ("Forests", None, "BlogPosting"),
}
AMP_COPY = "/amp/2026/11/20/storm-hits-coast-villages/"
PRIVATE = "/private/secret-leak-story-here"
NON_ARTICLES = ("/", "/world/", "/tag/climate/", "/author/jane/", "/search", "/about/",
                "/archive/")


def _page(title: str, body: str, *, og: str | None = None, jsonld: str | None = None,
          extra_head: str = "") -> bytes:
    head = f"<title>{title}</title>"
    if og:
        head += f'<meta property="og:type" content="{og}">'
    if jsonld:
        head += ('<script type="application/ld+json">{"@context":"https://schema.org",'
                 f'"@type":"{jsonld}","headline":"{title}"}}</script>')
    nav = ('<nav><a href="/">Home</a> <a href="/world/">World</a> <a href="/about/">About</a>'
           ' <a href="/search?q=news">Search</a></nav>')
    foot = '<footer><p>Copyright Example Daily. All rights reserved.</p></footer>'
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}{extra_head}</head>"
            f"<body>{nav}{body}{foot}</body></html>").encode()


def _article(path: str) -> bytes:
    title, og, jsonld = ARTICLES[path]
    paras = "".join(f"<p>{LOREM * 2} Paragraph {i} of {title}.</p>" for i in range(5))
    body = (f'<article><h1>{title}</h1><time datetime="2026-11-20T10:00:00Z">20 Nov</time>'
            f'{paras}<p><a href="/tag/climate/">climate</a></p></article>'
            f'<aside><a href="/2026/11/20/storm-hits-coast-villages/?utm_source=related">'
            f'Related</a></aside>')
    return _page(title, body, og=og, jsonld=jsonld)


def _listing(title: str, links: list[str], *, og: str = "website", extra: str = "",
             extra_head: str = "") -> bytes:
    items = "".join(f'<li><a href="{h}">Headline for {h}</a></li>' for h in links)
    return _page(title, f"<h1>{title}</h1><ul>{items}</ul>{extra}", og=og, extra_head=extra_head)


def build_routes(host: str, external: str) -> dict[str, tuple[int, str, bytes, dict]]:
    """Every path of the site -> (status, content type, body, extra headers)."""
    html, xml = "text/html; charset=utf-8", "application/xml"
    r: dict[str, tuple[int, str, bytes, dict]] = {}
    for path in ARTICLES:
        r[path] = (200, html, _article(path), {})
    amp = _article("/2026/11/20/storm-hits-coast-villages/").replace(
        b"</head>", f'<link rel="canonical" href="{host}/2026/11/20/storm-hits-coast-villages/">'
                    f"</head>".encode())
    r[AMP_COPY] = (200, html, amp, {})
    r[PRIVATE] = (200, html, _page("Secret", f"<article><p>{LOREM * 9}</p></article>",
                                   og="article"), {})
    r["/"] = (200, html, _listing("Example Daily", [
        "/2026/11/20/storm-hits-coast-villages/?utm_source=home&utm_medium=web",
        "/2026/11/20/storm-hits-coast-villages/#comments",
        "/news/12345-markets-rally-on-rate-hopes?sid=abc123",
        "/news/12345-markets-rally-on-rate-hopes;jsessionid=XYZ",
        "/opinion/why-the-river-plan-needs-work-now",
        AMP_COPY, "/world/", "/tag/climate/", "/author/jane/", "/about/", "/search?q=news",
        PRIVATE, "/archive/2026/11/", "/missing-page", "/broken", "/loop-a", "/data/latest",
        "/empty", "/slow", "/files/annual-report.pdf", f"{external}/elsewhere",
        "mailto:desk@example.com", "/feed",
    ], extra_head='<link rel="alternate" type="application/rss+xml" href="/feed">'), {})
    r["/world/"] = (200, html, _listing("World", [
        "/2026/11/20/storm-hits-coast-villages/", "/news/12345-markets-rally-on-rate-hopes",
        *[f"/world/?sort=v{i}" for i in range(10)],
    ], extra_head='<link rel="next" href="/world/?page=2">'), {})
    r["/world/?page=2"] = (200, html, _listing("World, page 2", ["/opinion/why-the-river-plan-needs-work-now"],
                                                extra='<a rel="next" href="/world/?page=3">Next</a>'), {})
    r["/world/?page=3"] = (200, html, _listing("World, page 3", [
        "/world/2026/11/17/page-three-only-article-about-rivers"]), {})
    for i in range(10):
        r[f"/world/?sort=v{i}"] = (200, html, _listing(f"World sorted {i}", ["/world/"]), {})
    teasers = "".join(f'<article><h2><a href="{p}">T</a></h2><p>Short teaser.</p></article>'
                      for p in ("/2026/11/16/tag-linked-story-about-forests/",
                                "/2026/11/20/storm-hits-coast-villages/", "/opinion/why-the-river-plan-needs-work-now",
                                "/news/12345-markets-rally-on-rate-hopes"))
    r["/tag/climate/"] = (200, html, _page("Climate", f"<h1>Tag: climate</h1>{teasers}"), {})
    r["/author/jane/"] = (200, html, _page("Jane Doe", f"<h1>Jane Doe</h1><p>{LOREM * 3}</p>{teasers}",
                                           og="profile"), {})
    r["/about/"] = (200, html, _page("About us", "".join(f"<p>{LOREM * 3}</p>" for _ in range(5)),
                                     og="website"), {})
    r["/search?q=news"] = (200, html, _listing("Search", ["/2026/11/20/storm-hits-coast-villages/"],
                                               og=""), {})
    r["/robots.txt"] = (200, "text/plain", (
        f"User-agent: *\nDisallow: /private/\n\nSitemap: {host}/sitemap_index.xml\n").encode(), {})
    r["/feed"] = (200, "application/rss+xml", f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example Daily - All</title>
<item><title>Storm</title><link>{host}/2026/11/20/storm-hits-coast-villages</link>
<pubDate>Fri, 20 Nov 2026 10:00:00 +0100</pubDate></item>
<item><title>Ports</title><link>{host}/2026/11/19/feed-only-story-about-ports/?utm_campaign=rss</link>
<pubDate>Thu, 19 Nov 2026 08:00:00 GMT</pubDate></item>
<item><title>Section</title><link>{host}/world/</link></item>
<item><title>Secret</title><link>{host}{PRIVATE}</link></item>
</channel></rss>""".encode(), {})
    r["/sitemap_index.xml"] = (200, xml, f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{host}/sitemaps/news.xml</loc></sitemap>
<sitemap><loc>{host}/sitemaps/archive.xml.gz</loc><lastmod>2026-11-18</lastmod></sitemap>
</sitemapindex>""".encode(), {})
    r["/sitemaps/news.xml"] = (200, xml, f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>{host}/2026/11/20/google-news-sitemap-story-on-rail</loc>
<news:news><news:publication><news:name>Example Daily</news:name><news:language>en</news:language></news:publication>
<news:publication_date>2026-11-20T09:30:00+01:00</news:publication_date><news:title>Rail story</news:title></news:news></url>
<url><loc>{host}/2026/11/20/storm-hits-coast-villages/?utm_source=sitemap</loc></url>
</urlset>""".encode(), {})
    r["/sitemaps/archive.xml.gz"] = (200, "application/x-gzip", gzip.compress(f"""<?xml version="1.0"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{host}/2026/11/18/sitemap-only-election-result-story</loc><lastmod>2026-11-18T12:00:00Z</lastmod></url>
<url><loc>{host}{PRIVATE}</loc></url>
</urlset>""".encode()), {})
    r["/evil.xml"] = (200, "application/rss+xml", b'''<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<rss version="2.0"><channel><title>&b;</title><item><link>/2026/11/20/google-news-sitemap-story-on-rail</link></item></channel></rss>''', {})
    r["/missing-page"] = (404, html, _page("Not found", "<p>Nothing here.</p>"), {})
    r["/broken"] = (500, html, b"oops", {})
    r["/loop-a"] = (302, html, b"", {"Location": "/loop-b"})
    r["/loop-b"] = (302, html, b"", {"Location": "/loop-a"})
    r["/data/latest"] = (200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, {})
    r["/empty"] = (200, html, b"", {})
    r["/slow"] = (200, html, _page("Slow", "<p>late</p>"), {"X-Sleep": "3"})
    return r


def calendar(path: str) -> bytes | None:
    """``/archive/YYYY/MM/``: an endless calendar linking the previous and next months."""
    parts = [p for p in path.split("/") if p]
    if len(parts) != 3 or parts[0] != "archive" or not (parts[1].isdigit() and parts[2].isdigit()):
        return None
    y, m = int(parts[1]), int(parts[2])
    prev_y, prev_m = (y, m - 1) if m > 1 else (y - 1, 12)
    next_y, next_m = (y, m + 1) if m < 12 else (y + 1, 1)
    return _listing(f"Archive {y}-{m:02d}", [f"/archive/{prev_y}/{prev_m:02d}/",
                                            f"/archive/{next_y}/{next_m:02d}/"], og="")


class _Server(ThreadingHTTPServer):
    request_queue_size = 128   # the default 5 drops SYNs under Scrapy's concurrency
    daemon_threads = True


class Site:
    """Serve the site on ``127.0.0.<n>``, port 0; ``requests`` logs every path+query fetched."""

    def __init__(self, ip: str = "127.0.0.2", external: str = "http://127.0.0.1:9"):
        self.requests: list[str] = []
        self._lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server API
                with site._lock:
                    site.requests.append(self.path)
                route = site.routes.get(self.path)
                if route is None:
                    cal = calendar(urlsplit(self.path).path)
                    route = (200, "text/html", cal, {}) if cal else (404, "text/html", b"no", {})
                status, ctype, body, headers = route
                if "X-Sleep" in headers:
                    time.sleep(float(headers["X-Sleep"]))
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", ctype)
                    self.send_header("Content-Length", str(len(body)))
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.server = _Server((ip, 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://{ip}:{self.server.server_address[1]}"
        self.routes = build_routes(self.url, external)
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "Site":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def fetched(self, path_prefix: str) -> list[str]:
        """Logged request paths starting with ``path_prefix``."""
        with self._lock:
            return [p for p in self.requests if p.startswith(path_prefix)]


def unused_port(ip: str = "127.0.0.3") -> int:
    """A port on ``ip`` that nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind((ip, 0))
        return s.getsockname()[1]
