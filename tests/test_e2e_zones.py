"""End to end: a site whose pages print local times without a zone, whose feed states the offsets.

``Le Quotidien`` (served on loopback by this test) prints "Publié le 19/11/2026 à 09:03" on
its article pages, in French, with no zone, no JSON-LD and no ``<time datetime>``; its RSS
feed gives the same instants with their offset, ``+0100`` in winter and ``+0200`` in
summer. One page states its own time in a meta; one page is not in the feed and is reached
only through a link from a page of the feed. The crawl starts from the feed, so the feed is
read before any page (the answer does not depend on timing).
"""

from __future__ import annotations

import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import lxml.html
import pytest

from output import read_jsonl
from test_e2e_crawl import ROOT, _env

pytestmark = pytest.mark.e2e

SENTENCES = (
    "Les trains régionaux resteront à quai toute la journée, a indiqué la direction de la compagnie.",
    "Le conseil municipal a voté le budget après une longue séance marquée par des échanges vifs.",
    "Des milliers de musiciens amateurs ont joué dans les rues jusque tard dans la nuit.",
    "Les autorités appellent les habitants à boire régulièrement et à éviter les efforts.",
    "Les syndicats promettent de poursuivre le mouvement si aucune proposition ne leur est faite.",
    "La préfecture a ouvert des salles rafraîchies dans plusieurs quartiers de la ville.",
)

# path -> (printed local time, its offset in the feed or None when not listed, meta it states, link)
ARTICLES = {
    "/greve-des-trains": ("19/11/2026 à 09:03", "+0100", "", "/hors-flux-canicule"),
    "/fete-de-la-musique": ("21/06/2026 à 18:30", "+0200", "", ""),
    "/budget-vote": ("18/11/2026 à 14:00", "+0100",
                     '<meta property="article:published_time" content="2026-11-18T14:00:00+01:00">', ""),
    "/hors-flux-canicule": ("14/07/2026 à 16:45", None, "", ""),
}
# What the crawl must write for each page: the UTC instant and how its zone was known.
EXPECTED = {
    "/greve-des-trains": ("2026-11-19T08:03:00Z", "learned"),
    "/fete-de-la-musique": ("2026-06-21T16:30:00Z", "learned"),
    "/budget-vote": ("2026-11-18T13:00:00Z", "stated"),
    "/hors-flux-canicule": ("2026-07-14T14:45:00Z", "learned"),  # summer: Europe/Paris, not the winter +01:00
}
MONTHS = {"06": "Jun", "07": "Jul", "11": "Nov"}


def body(path: str) -> str:
    """Four paragraphs of their own for each page (lines shared by pages are site template)."""
    seed = sum(map(ord, path))
    return "".join("<p>" + " ".join(SENTENCES[(seed + i * 7 + j) % len(SENTENCES)] for j in range(3))
                   + f" ({path[1:]}, {i}).</p>" for i in range(4))


def article_page(path: str) -> bytes:
    printed, _, meta, link = ARTICLES[path]
    more = f'<p><a href="{link}">Lire aussi</a></p>' if link else ""
    return (f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{path[1:]}</title>'
            f'<meta property="og:type" content="article">{meta}</head><body><nav><a href="/">Accueil</a></nav>'
            f'<article><h1>Titre {path[1:]}</h1><p class="date">Publié le {printed}</p>'
            f"{body(path)}{more}</article>"
            f"<footer>© Le Quotidien</footer></body></html>").encode()


def feed(base: str) -> bytes:
    items = []
    for path, (printed, offset, _, _) in ARTICLES.items():
        if offset is None:
            continue
        day, month, rest = printed.split("/")
        year, _, clock = rest.split(" ")
        items.append(f"<item><title>{path[1:]}</title><link>{base}{path}</link>"
                     f"<pubDate>{day} {MONTHS[month]} {year} {clock}:00 {offset}</pubDate></item>")
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Le Quotidien</title>'
            f"<link>{base}/</link>{''.join(items)}</channel></rss>").encode()


@pytest.fixture(scope="module")
def site():
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server API
            if self.path == "/feed.xml":
                ctype, body = "application/rss+xml", feed(base)
            elif self.path in ARTICLES:
                ctype, body = "text/html; charset=utf-8", article_page(self.path)
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.9", 0), Handler)
    base = f"http://127.0.0.9:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()


def crawl(site: str, out, *extra: str, start: str = "/feed.xml") -> dict[str, dict]:
    proc = subprocess.run(
        [sys.executable, "-m", "crawler.cli", "crawl", f"{site}{start}", "-o", str(out), "--delay", "0",
         "--no-progress", "--no-robots", "--log-level", "INFO", *extra],
        capture_output=True, text=True, timeout=300, env=_env(), cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return {rec["url"].split(site, 1)[1]: rec for rec in read_jsonl(out / "articles.jsonl")}


def test_naive_local_times_take_the_zone_the_feed_states(site, tmp_path):
    records = crawl(site, tmp_path / "learned")
    assert {path: (rec["published"], rec["published_zone"]) for path, rec in records.items()} == EXPECTED
    # The report's date coverage says how each zone was known.
    proc = subprocess.run([sys.executable, "-m", "crawler.cli", "report", str(tmp_path / "learned")],
                          capture_output=True, text=True, timeout=120, env=_env(), cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-2000:]
    page = lxml.html.parse(str(tmp_path / "learned" / "report.html"))
    row = page.xpath('//tr[@data-coverage="all sites"]/td')
    assert row[-1].text_content() == "learned 3, stated 1"


def test_a_configured_site_zone_wins_over_the_learned_one(site, tmp_path):
    host = site.split("//", 1)[1]
    records = crawl(site, tmp_path / "configured", "--site-tz", f"{host}=America/New_York")
    assert records["/greve-des-trains"]["published"] == "2026-11-19T14:03:00Z"
    assert records["/greve-des-trains"]["published_zone"] == "configured"
    assert records["/budget-vote"]["published_zone"] == "stated"


def test_with_state_the_next_run_knows_the_zone_without_reading_the_feed(site, tmp_path):
    state = tmp_path / "state"
    crawl(site, tmp_path / "first", "--state", str(state))
    again = crawl(site, tmp_path / "second", "--state", str(state), "--full", start="/hors-flux-canicule")
    assert again["/hors-flux-canicule"]["published"] == EXPECTED["/hors-flux-canicule"][0]
    assert again["/hors-flux-canicule"]["published_zone"] == "learned"
