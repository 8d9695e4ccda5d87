"""Machine-readable discovery surfaces of the demo sites: robots.txt, RSS, Atom, sitemaps.

Feeds give instants in UTC, except on sites whose pages print naive local times
(``zone_in_feed``): there the feed states each instant with the site's offset, the one
place the site's zone is written. Each site gets robots.txt (a ``Disallow`` the crawler must obey, ``Sitemap:`` lines where it
has sitemaps); feed sites get an RSS 2.0 or Atom feed of all their articles (RSS links
carry tracking parameters, as real feeds do); sitemap sites get an index pointing at an
articles sitemap, a sitemap of non-article pages, and, on some, a Google News sitemap.
"""

from __future__ import annotations

import zlib
from datetime import datetime, timedelta
from email.utils import format_datetime
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from crawler.demo.pages import NEWS_SLUG, Resource
from crawler.demo.sites import Site
from crawler.demo.world import DemoArticle, DemoWorld

XML = "application/xml; charset=utf-8"
DISALLOWED = ("/private/", "/search")
NEWS_WINDOW = timedelta(days=2)


def robots(site: Site, base: str) -> str:
    """robots.txt: paths every crawler must skip, and the sitemap index when there is one."""
    lines = ["# robots.txt", "User-agent: *"]
    lines += [f"Disallow: {p}" for p in DISALLOWED]
    lines += ["Allow: /", "", "User-agent: GPTBot", "Disallow: /", ""]
    if site.sitemaps:
        lines.append(f"Sitemap: {base}/sitemap_index.xml")
    return "\n".join(lines) + "\n"


def _iso(instant) -> str:
    return instant.strftime("%Y-%m-%dT%H:%M:%S+00:00")


def _feed_time(site: Site, instant) -> datetime:
    """An instant as the site's feed gives it: in UTC, or with the site's offset on sites
    whose pages print naive local times (``zone_in_feed``: the feed is where the zone is)."""
    return instant.astimezone(ZoneInfo(site.tz)) if site.zone_in_feed else instant


def _feed_iso(site: Site, instant) -> str:
    return _feed_time(site, instant).isoformat() if site.zone_in_feed else _iso(instant)


def rss(site: Site, world: DemoWorld, base: str) -> str:
    """RSS 2.0 feed with every article of the site, links tagged with ``utm_*``."""
    items = []
    for a in world.articles_of(site.key):
        link = f"{base}{a.path}?utm_source=rss&amp;utm_medium=feed"
        items.append(
            f"<item><title>{escape(a.title)}</title><link>{link}</link>"
            f'<guid isPermaLink="false">{site.key}-{zlib.crc32(a.path.encode())}</guid>'
            f"<pubDate>{format_datetime(_feed_time(site, a.published))}</pubDate>"
            f"<description>{escape(a.paragraphs[0][:200])}</description>"
            + "".join(f"<category>{escape(t)}</category>" for t in a.tags) + "</item>")
    newest = world.articles_of(site.key)[0].published
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">\n<channel>\n'
            f"<title>{escape(site.name)}</title><link>{base}/</link>"
            f"<description>{escape(site.name)}</description>"
            f"<language>{site.language}</language>"
            f"<lastBuildDate>{format_datetime(_feed_time(site, newest))}</lastBuildDate>\n"
            + "\n".join(items) + "\n</channel>\n</rss>\n")


def atom(site: Site, world: DemoWorld, base: str) -> str:
    """Atom 1.0 feed with every article of the site."""
    arts = world.articles_of(site.key)
    entries = []
    for a in arts:
        updated = a.modified or a.published
        authors = "".join(f"<author><name>{escape(n)}</name></author>" for n in a.authors)
        entries.append(
            f'<entry><title>{escape(a.title)}</title><link rel="alternate" href="{base}{a.path}"/>'
            f"<id>{base}{a.path}</id><published>{_feed_iso(site, a.published)}</published>"
            f"<updated>{_feed_iso(site, updated)}</updated>{authors}"
            f"<summary>{escape(a.paragraphs[0][:200])}</summary></entry>")
    return (f'<?xml version="1.0" encoding="utf-8"?>\n'
            f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{site.language}">\n'
            f"<title>{escape(site.name)}</title>"
            f'<link rel="self" href="{base}/feed.atom"/><link href="{base}/"/>'
            f"<id>{base}/</id><updated>{_feed_iso(site, arts[0].published)}</updated>\n"
            + "\n".join(entries) + "\n</feed>\n")


def sitemap_index(site: Site, world: DemoWorld, base: str) -> str:
    """The sitemap index: articles, pages and (some sites) Google News sitemaps."""
    newest = _iso(world.articles_of(site.key)[0].published)
    maps = ["/sitemaps/articles.xml", "/sitemaps/pages.xml"]
    if site.news_sitemap:
        maps.insert(0, "/sitemaps/news.xml")
    body = "".join(f"<sitemap><loc>{base}{m}</loc><lastmod>{newest}</lastmod></sitemap>\n"
                   for m in maps)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            + body + "</sitemapindex>\n")


def sitemap_articles(site: Site, world: DemoWorld, base: str) -> str:
    urls = "".join(
        f"<url><loc>{base}{a.path}</loc><lastmod>{_iso(a.modified or a.published)}</lastmod>"
        f"<changefreq>never</changefreq></url>\n" for a in world.articles_of(site.key))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + urls + "</urlset>\n")


def sitemap_pages(site: Site, base: str) -> str:
    """Non-article pages: homepage, sections, news list, about (real sitemaps mix them in)."""
    paths = ["/", f"/{NEWS_SLUG[site.language]}/"] + [f"/{k}/" for k, _ in site.sections]
    paths.append("/about/")
    urls = "".join(f"<url><loc>{base}{p}</loc><changefreq>hourly</changefreq></url>\n"
                   for p in paths)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + urls + "</urlset>\n")


def sitemap_news(site: Site, world: DemoWorld, base: str) -> str:
    """Google News sitemap: the articles of the last two days, with ``news:`` tags."""
    recent: list[DemoArticle] = [a for a in world.articles_of(site.key)
                                 if world.now - a.published <= NEWS_WINDOW]
    urls = "".join(
        f"<url><loc>{base}{a.path}</loc><news:news><news:publication>"
        f"<news:name>{escape(site.name)}</news:name><news:language>{site.language}"
        f"</news:language></news:publication><news:publication_date>{_iso(a.published)}"
        f"</news:publication_date><news:title>{escape(a.title)}</news:title>"
        f"</news:news></url>\n" for a in recent)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n' + urls + "</urlset>\n")


def routes(site: Site, world: DemoWorld, base: str) -> dict[str, Resource]:
    """Every machine-readable resource of one site."""
    r = {"/robots.txt": Resource(200, robots(site, base).encode(), "text/plain; charset=utf-8")}
    if site.feed == "rss":
        r["/rss.xml"] = Resource(200, rss(site, world, base).encode(),
                                 "application/rss+xml; charset=utf-8")
    if site.feed == "atom":
        r["/feed.atom"] = Resource(200, atom(site, world, base).encode(),
                                   "application/atom+xml; charset=utf-8")
    if site.sitemaps:
        r["/sitemap_index.xml"] = Resource(200, sitemap_index(site, world, base).encode(), XML)
        r["/sitemaps/articles.xml"] = Resource(
            200, sitemap_articles(site, world, base).encode(), XML)
        r["/sitemaps/pages.xml"] = Resource(200, sitemap_pages(site, base).encode(), XML)
        if site.news_sitemap:
            r["/sitemaps/news.xml"] = Resource(200, sitemap_news(site, world, base).encode(), XML)
    return r


def start_path(site: Site) -> str:
    """Path of the site's start URL, by its start kind."""
    return {"homepage": "/", "rss": "/rss.xml", "atom": "/feed.atom",
            "sitemap": "/sitemap_index.xml", "robots": "/robots.txt"}[site.start]
