"""The demo outlets, as data: language, timezone, template, discovery surfaces.

Sites are declared like publishers in a source list: each one picks a skin, a visible
date style, whether it gives machine-readable dates (JSON-LD, metas), how it paginates,
how its article URLs look, and which discovery surface its start URL is. ``SITES`` are
the nine outlets every world has; ``CJK_SITES`` the Chinese and Japanese outlets, one of
which joins each world. The traits that vary like the web (no metadata at all, bodies
split around ads, briefs, zones stated only in the feed, reader comments) are switched
on per seed by ``traits.draw_sites``.
"""

from __future__ import annotations

from dataclasses import dataclass

from crawler.demo.locales import DATE_STYLES, SECTIONS, ZONED_STYLES

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
    # Traits drawn per seed (``traits.draw_sites``):
    bare: bool = False         # no JSON-LD, og:*, <article>, <time datetime> nor dated URL
    ads: bool = False          # bodies split in two sibling blocks around an ad block
    comments: bool = False     # a reader comment section below the body
    zone_in_feed: bool = False  # pages print naive local times; only the feed has offsets
    briefs: int = 0            # short briefs (3-4 short paragraphs) it publishes
    lead: bool = False         # its stories' first paragraph set apart under the headline

    def __post_init__(self) -> None:
        if self.start not in START_KINDS:
            raise ValueError(f"site {self.key!r}: start {self.start!r} not in {START_KINDS}")
        if self.date_style not in DATE_STYLES:
            raise ValueError(f"site {self.key!r}: unknown date style {self.date_style!r}")
        if self.start in ("sitemap", "robots") and not self.sitemaps:
            raise ValueError(f"site {self.key!r}: start {self.start!r} needs sitemaps=True")
        if self.start in ("rss", "atom") and self.feed != self.start:
            raise ValueError(f"site {self.key!r}: start {self.start!r} needs feed={self.start!r}")
        if self.bare and (self.jsonld or self.meta or self.path_style == "dated"):
            raise ValueError(f"site {self.key!r}: a bare site has no metadata nor dated URLs")
        if (self.zone_in_feed or self.briefs) and self.feed is None:
            raise ValueError(f"site {self.key!r}: zone_in_feed and briefs need a feed")
        if self.zone_in_feed and (self.jsonld or self.meta or self.date_style in ZONED_STYLES):
            raise ValueError(f"site {self.key!r}: zone_in_feed pages state no zone")

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

# One of these joins each world (``traits.draw_sites``). Chinese and Japanese news sites
# show numeric dates; both carry machine-readable dates unless a trait takes them away.
CJK_SITES: tuple[Site, ...] = (
    Site("jiangpan", "江畔晨报", "zh", "Asia/Shanghai", "127.0.0.11", "rss", "modern",
         "zh-num", meta=True, feed="rss", path_style="article-id"),
    Site("shiomi", "潮見新報", "ja", "Asia/Tokyo", "127.0.0.12", "atom", "classic",
         "ja-num", jsonld=True, feed="atom", pagination="path", path_style="section-id"),
)
