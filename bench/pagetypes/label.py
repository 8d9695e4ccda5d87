"""Build bench/pagetypes/labels.jsonl: the page-type labels of the detection set (run once).

How each part is labelled (the README beside this file says why):

* ``zyte`` — every page is a human-checked article: ``article``.
* ``frontpages`` — homepages, section/topic pages, audio/video hubs, imprint and privacy
  pages of 14 news sites, saved by their URL: ``other`` (rebuilt, never committed, by
  ``frontpages.py`` beside this file).
* ``dates-news`` — news pages from feeds: ``article``, except the pages listed in
  ``DATES_NEWS_OTHER`` / ``DATES_NEWS_SKIP`` below after reading each title and text.
* ``trafilatura-eval`` — mixed real pages with no URL recorded; the URL is the page's own
  ``rel=canonical`` / ``og:url``. Labelled by URL shape (a rule that looks at nothing the
  classifier weighs beyond its +1 URL vote): a dated path or a news/article/blog segment
  followed by a slug = ``article``; the site root or a legal/about/contact path =
  ``other``; everything else (company, product, lexicon, recipe, forum, wiki pages) is
  left out. Then every page where the classifier and the rule disagreed was read and the
  label corrected by hand (``TE_FIX``).

    python bench/pagetypes/label.py
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.pagetypes.frontpages import HOW as FRONTPAGES_HOW  # noqa: E402
from bench.pagetypes.frontpages import OUT as FRONTPAGES  # noqa: E402
from spiders.pages import _meta, parse_html  # noqa: E402

SHARED = ROOT.parent / "shared" / "bench"
OUT = Path(__file__).with_name("labels.jsonl")

DATES_NEWS_OTHER = {
    "516b9066e295": "video page, 'video unavailable'", "70a9a77062fd": "tweet photo view",
    "83d5771f7c9c": "image search result", "3dc5e8e10851": "wiki revision diff",
    "53e8909db1a1": "wiki revision diff", "97c3ce2d7d5b": "radio homepage",
    "2a45a70a1b3c": "company register record", "5c965bf1d10a": "news homepage (feed redirect)",
}
DATES_NEWS_SKIP = {
    "9cdbb2287267": "empty body (script-built)", "51572add7467": "empty body (script-built)",
    "096a0b26eb67": "bot-block page", "d9caf465e43c": "empty redirect",
    "d718c423a729": "journal paper landing page", "86baf6fccf45": "forum thread",
    "c833b4bdb2c6": "Q&A thread", "4c0e3e23755e": "forum-style user page",
    "7d3dd85f9e9b": "radio programme player",
}
_DATE = re.compile(r"/(?:19|20)\d{2}[/-](?:0?[1-9]|1[0-2])(?:[/-]\d{1,2})?/|/(?:19|20)\d{6}/")
_NEWSY = re.compile(r"/(?:news|nachrichten|artikel|article|articles|articulo|noticias?|notizie|"
                    r"story|stories|blog|meldungen?|pressemitteilungen?|aktuelles|posts?|"
                    r"magazin|actualites?|wiadomosci|artykuly)/.*[a-z0-9]{3,}", re.I)
_OTHER = re.compile(r"^/?$|^/(?:index\.\w+|home|start)?/?$|/(?:impressum|imprint|about|about-us|"
                    r"ueber-uns|uber-uns|kontakt|contact|datenschutz|privacy|agb|terms|legal)", re.I)
TE_FIX = {  # read after the classifier and the URL rule disagreed
    "sibenlab.blogspot.com.privacy.html": "other",  # a privacy policy posted as a dated blog post
}


def _url_of(tree) -> str:
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower() and (link.get("href") or "").startswith("http"):
            return link.get("href").strip()
    return (_meta(tree, "og:url") or "").strip()


def _te_label(url: str) -> str | None:
    if not url or "web.archive.org" in url:
        return None
    path = urlsplit(url).path or "/"
    if _OTHER.search(path) and not urlsplit(url).query:
        return "other"
    if _DATE.search(path) or _NEWSY.search(path):
        return "article"
    return None


def main() -> None:
    rows = []
    truth = json.loads((SHARED / "zyte" / "ground-truth.json").read_text(encoding="utf-8"))
    rows += [{"set": "zyte", "id": pid, "url": truth[pid]["url"], "label": "article"} for pid in sorted(truth)]
    if not (FRONTPAGES / "items.jsonl").exists():
        sys.exit(FRONTPAGES_HOW)
    for line in (FRONTPAGES / "items.jsonl").read_text().splitlines():
        it = json.loads(line)
        rows.append({"set": "frontpages", "id": it["id"], "url": it["url"], "label": "other"})
    for line in (SHARED / "dates-news" / "items.jsonl").read_text().splitlines():
        it = json.loads(line)
        if it["id"] in DATES_NEWS_SKIP:
            continue
        label = "other" if it["id"] in DATES_NEWS_OTHER else "article"
        rows.append({"set": "dates-news", "id": it["id"], "url": it["url"], "label": label,
                     **({"note": DATES_NEWS_OTHER[it["id"]]} if label == "other" else {})})
    for line in (SHARED / "trafilatura-eval" / "items.jsonl").read_text().splitlines():
        it = json.loads(line)
        html = gzip.decompress((SHARED / "trafilatura-eval" / it["html"]).read_bytes())
        tree = parse_html(html)
        url = _url_of(tree) if tree is not None else ""
        label = TE_FIX.get(it["id"], _te_label(url))
        if label in ("article", "other"):
            rows.append({"set": "trafilatura-eval", "id": it["id"], "url": url, "label": label})
    with OUT.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    counts: dict[tuple[str, str], int] = {}
    for row in rows:
        counts[(row["set"], row["label"])] = counts.get((row["set"], row["label"]), 0) + 1
    print(len(rows), dict(sorted(counts.items())))


if __name__ == "__main__":
    main()
