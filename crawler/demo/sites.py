"""The demo outlets, as data: language, timezone, template, discovery surfaces.

Sites are declared like publishers in a source list: each one picks a skin, a visible
date style, whether it gives machine-readable dates (JSON-LD, metas), how it paginates,
how its article URLs look, and which discovery surface its start URL is.
"""

from __future__ import annotations

from dataclasses import dataclass

from crawler.demo.locales import DATE_STYLES, SECTIONS

START_KINDS = ("homepage", "rss", "atom", "sitemap", "robots")


@dataclass(frozen=True)
class Site:
    """One outlet: its language, timezone, template and discovery surfaces."""

    key: str
    name: str
    language: str
    tz: str
    host: str                  # loopback address it is served on
    start: str                 # kind of its start URL: one of START_KINDS
    skin: str                  # "classic" (div soup) or "modern" (semantic tags)
    date_style: str
    jsonld: bool = False       # JSON-LD NewsArticle with dates
    meta: bool = False         # article:published_time metas and <time datetime>
    teaser: bool = False       # trailing teaser block repeating the first paragraph
    pagination: str = "query"  # "query" (?page=2) or "path" (/page/2/)
    path_style: str = "dated"  # "dated", "section-id" or "article-id"
    feed: str | None = None    # "rss" or "atom"
    sitemaps: bool = False
    news_sitemap: bool = False
    calendar: bool = False     # endless /archive/YYYY/MM/DD/ day pages

    def __post_init__(self) -> None:
        if self.start not in START_KINDS:
            raise ValueError(f"site {self.key!r}: start {self.start!r} not in {START_KINDS}")
        if self.date_style not in DATE_STYLES:
            raise ValueError(f"site {self.key!r}: unknown date style {self.date_style!r}")
        if self.start in ("sitemap", "robots") and not self.sitemaps:
            raise ValueError(f"site {self.key!r}: start {self.start!r} needs sitemaps=True")
        if self.start in ("rss", "atom") and self.feed != self.start:
            raise ValueError(f"site {self.key!r}: start {self.start!r} needs feed={self.start!r}")

    @property
    def sections(self) -> tuple[tuple[str, str], ...]:
        return SECTIONS[self.language]



SITES: tuple[Site, ...] = (
    Site("courrier", "Le Courrier du Matin", "fr", "Europe/Paris", "127.0.0.2", "rss",
         "classic", "fr-long", teaser=True, feed="rss", path_style="dated"),
    Site("quotidien", "Le Quotidien de Wallonie", "fr", "Europe/Brussels", "127.0.0.3",
         "homepage", "modern", "fr-short", meta=True, pagination="path",
         path_style="section-id"),
    Site("laurentien", "Le Laurentien", "fr", "America/Toronto", "127.0.0.4", "robots",
         "classic", "fr-ca", jsonld=True, meta=True, sitemaps=True, path_style="article-id"),
    Site("harbor", "The Harbor Herald", "en", "America/New_York", "127.0.0.5", "atom",
         "modern", "en-us", feed="atom", calendar=True, path_style="dated"),
    Site("ledger", "The Northern Ledger", "en", "Europe/London", "127.0.0.6", "sitemap",
         "classic", "en-uk", jsonld=True, meta=True, sitemaps=True, news_sitemap=True,
         pagination="path", path_style="section-id"),
    Site("abendpost", "Berliner Abendpost", "de", "Europe/Berlin", "127.0.0.7", "homepage",
         "classic", "de-num", path_style="section-id"),
    Site("tagesbote", "Wiener Tagesbote", "de", "Europe/Vienna", "127.0.0.8", "rss",
         "modern", "de-long", jsonld=True, feed="rss", pagination="path",
         path_style="article-id"),
    Site("meseta", "Diario La Meseta", "es", "Europe/Madrid", "127.0.0.9", "atom",
         "modern", "es-long", meta=True, feed="atom", path_style="dated"),
    Site("vigia", "El Vigía del Norte", "es", "America/Mexico_City", "127.0.0.10", "sitemap",
         "classic", "es-mx", jsonld=True, sitemaps=True, news_sitemap=True,
         path_style="article-id"),
)
