"""Real pages with a known publication day, for ``bench/dates.py``.

Two sets: ``dates-news`` (200 news pages labelled by hand, ../shared/bench/dates-news, its
metric in ``score_sets.py`` beside it), and ``url-dated``: the pages of the Zyte and
trafilatura-eval extraction sets whose own URL (the fetched URL, ``<link rel=canonical>``
or ``og:url``) holds a full ``/YYYY/MM/DD/`` date, labelled with that day. The URL is the
label, so it is hidden from the daters: they get ``https://<host>/page`` and the page with
every ``/YYYY/MM/DD/`` of that day rewritten to ``/x/``. A site's URL day is the day its
CMS filed the post, nearly always the publication day printed on the page, so the set
measures daters against each other (blogs and small sites for the most part), not to the
last page.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from bench.zyte_pages import ZYTE_DIR, load_pages

SHARED = ZYTE_DIR.parent
_URL_DAY = re.compile(r"/((?:19|20)\d\d)/(0[1-9]|1[0-2])/(0[1-9]|[12]\d|3[01])/")
_OWN_URLS = re.compile(r"<link[^>]+rel=[\"']?canonical[^>]*>|<meta[^>]+property=[\"']og:url[\"'][^>]*>",
                       re.IGNORECASE)


@dataclass(frozen=True)
class DatedPage:
    pid: str
    url: str
    html: bytes
    day: str | None  # YYYY-MM-DD, or None on a page that states none


def scorer():
    """The shared ``score_sets`` module (its ``_day_right`` is the metric of both sets)."""
    spec = importlib.util.spec_from_file_location("score_sets", SHARED / "score_sets.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def news_pages() -> list[DatedPage]:
    """The 200 pages of ``dates-news``, with their real URL."""
    folder = SHARED / "dates-news"
    pages = []
    for line in (folder / "items.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        pages.append(DatedPage(item["id"], item["url"],
                               gzip.decompress((folder / item["html"]).read_bytes()), item["date"]))
    return pages


def _hidden(pid: str, url: str, html: str) -> DatedPage | None:
    m = _URL_DAY.search(" ".join([url, *_OWN_URLS.findall(html)]))
    if m is None:
        return None
    y, mo, d = m.groups()
    html = html.replace(f"/{y}/{mo}/{d}/", "/x/").replace(f"\\/{y}\\/{mo}\\/{d}\\/", "\\/x\\/")
    host = urlsplit(url).netloc or "example.org"
    return DatedPage(pid, f"https://{host}/page", html.encode("utf-8"), f"{y}-{mo}-{d}")


def url_dated_pages() -> list[DatedPage]:
    """The Zyte and trafilatura-eval pages labelled with the day in their own URL."""
    found = [_hidden(p.pid, p.url, p.html) for p in load_pages(ZYTE_DIR)]
    folder = SHARED / "trafilatura-eval"
    for line in (folder / "items.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        html = gzip.decompress((folder / item["html"]).read_bytes()).decode("utf-8", "replace")
        found.append(_hidden(item["id"], item.get("url") or "", html))
    return [p for p in found if p is not None]
