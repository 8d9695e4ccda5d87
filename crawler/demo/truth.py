"""The demo world's ground truth, in real URLs, for end-to-end checks of a crawl.

Conventions (decided here, relied on by the end-to-end tests):

- ``paragraphs`` are exactly the body paragraphs of that outlet's copy after its edits.
  A credit line such as ``"PARIS (AFP) - "`` begins the first paragraph and is kept in the
  text, as on real pages; an end credit (``" — dpa"``) stays at the end of the last one.
  In-body "Lire aussi :" / "Read more:" lines, the trailing teaser, share buttons and all
  template text are *not* paragraphs.
- ``published`` / ``modified`` are ISO UTC ``"YYYY-MM-DDTHH:MM:SSZ"`` (whole minutes).
- ``site`` is the host:port as ``crawler.extract`` names sites; ``site_key`` the demo key.
- ``wire`` is the agency credited somewhere on the page (credit line or byline); ``None``
  when the desk removed every credit, even if the text came from an agency (its ``story``
  still says so).
- ``authors`` are the people named in the byline; a desk or agency byline gives ``[]``.
- ``traits`` name what makes the page awkward (``bare``, ``ads``, ``comments``,
  ``zone_in_feed``, ``brief``, ``cjk``); ``absent`` lists texts of the page that must
  never reach the body (the ad's copy, the reader comments or the comment prompt).
- URLs are keyed without query or fragment; pages are linked with ``utm_*`` parameters and
  fragments too. An aliased page (``aliases``) names the main URL in ``rel=canonical``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlsplit, urlunsplit
from zoneinfo import ZoneInfo

from crawler.demo import feeds, pages
from crawler.demo.article_page import absent_texts
from crawler.demo.locales import LABELS
from crawler.demo.sites import Site
from crawler.demo.world import DemoArticle, DemoWorld


@dataclass(frozen=True)
class Expected:
    """What a perfect crawl of the running world emits, and what it must never touch.

    Attributes:
        articles: ``{url: {"site", "site_key", "title", "paragraphs", "published",
            "modified", "language", "authors", "story", "wire", "traits", "absent"}}``
            for every public article page (quirky pages included).
        non_articles: URLs of pages that must never be emitted: homepages, section and
            news-list pages (every page of them), tag, author, about and search pages,
            calendar days near today, and the private (robots-disallowed) articles.
        non_article_prefixes: URL prefixes under which nothing is an article (the endless
            calendar).
        disallowed: URL prefixes robots.txt forbids: never to be requested.
        stories: ``{story key: [article urls, earliest first]}``, singletons included.
        broken: ``{url: kind}`` of the deliberately bad pages: ``404``, ``500``,
            ``redirect-loop``, ``binary``, ``empty`` (never articles), and
            ``unclosed-html``, ``cp1252-meta-charset`` (articles all the same).
        aliases: ``{alias url: main url}``: the same article under a second URL.
        site_timezones: ``{site: IANA tz}`` a user tells the crawler (``--site-tz``,
            ``WIRECRAWL_SITE_TIMEZONES``): every site but those whose zone is stated only
            in their feed (``zone_in_feed``), which the crawler must learn.
        zones: ``{site: IANA tz}`` of every site (the truth).
        sites: ``{site key: base URL}``.
    """

    articles: dict[str, dict[str, Any]]
    non_articles: list[str]
    non_article_prefixes: list[str]
    disallowed: list[str]
    stories: dict[str, list[str]]
    broken: dict[str, str]
    aliases: dict[str, str] = field(default_factory=dict)
    site_timezones: dict[str, str] = field(default_factory=dict)
    zones: dict[str, str] = field(default_factory=dict)
    sites: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Any:
        """``expected["articles"]`` works as well as ``expected.articles``."""
        return getattr(self, name)

    def canonical(self, url: str) -> str | None:
        """The expected article URL a crawled URL stands for, or ``None`` if not an article.

        Drops query and fragment, then follows ``aliases``.
        """
        parts = urlsplit(url)
        bare = urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
        bare = self.aliases.get(bare, bare)
        return bare if bare in self.articles else None

    def is_disallowed(self, url: str) -> bool:
        """True when robots.txt forbids fetching ``url``."""
        return any(url.startswith(p) for p in self.disallowed)


def build_expected(world: DemoWorld, bases: dict[str, str]) -> Expected:
    """Ground truth of ``world`` served at ``bases`` (``{site key: "http://host:port"}``).

    Raises:
        KeyError: if a site of the world has no base URL.
    """
    netloc = {k: urlsplit(b).netloc for k, b in bases.items()}
    articles: dict[str, dict[str, Any]] = {}
    stories: dict[str, list[str]] = {}
    aliases: dict[str, str] = {}
    broken: dict[str, str] = {}
    for a in sorted(world.articles, key=lambda a: a.published):
        url = bases[a.site] + a.path
        site = world.site(a.site)
        articles[url] = {
            "site": netloc[a.site], "site_key": a.site, "title": a.title,
            "paragraphs": list(a.paragraphs), "published": _iso(a.published),
            "modified": _iso(a.modified) if a.modified else None,
            "language": a.language, "authors": list(a.authors), "story": a.story,
            "wire": a.wire, "traits": _traits(site, a),
            "absent": absent_texts(site, LABELS[site.language], a),
        }
        stories.setdefault(a.story, []).append(url)
        if a.alias:
            aliases[bases[a.site] + a.alias] = url
        if a.quirk:
            broken[url] = a.quirk
    for b in world.bad:
        broken[bases[b.site] + b.path] = b.kind

    non_articles: list[str] = []
    prefixes: list[str] = []
    disallowed: list[str] = []
    for site in world.sites:
        base = bases[site.key]
        paths = ["/", "/about/", "/search"]
        for first, arts in pages.list_paths(site, world).items():
            n_pages = max(1, -(-len(arts) // pages.PAGE_SIZE))
            paths += [pages.page_path(site, first, n) for n in range(1, n_pages + 1)]
        mine = world.articles_of(site.key)
        paths += sorted({pages.tag_path(t) for a in mine for t in a.tags})
        paths += sorted({pages.author_path(site, n) for a in mine for n in a.authors})
        paths += [p.path for p in world.private if p.site == site.key]
        if site.calendar:
            today = world.now.astimezone(ZoneInfo(site.tz)).date()
            paths += [pages.calendar_path(today + timedelta(days=d)) for d in range(-4, 2)]
            prefixes.append(base + "/archive/")
        non_articles += [base + p for p in paths]
        disallowed += [base + p for p in feeds.DISALLOWED]
    return Expected(
        articles=articles, non_articles=non_articles, non_article_prefixes=prefixes,
        disallowed=disallowed, stories=stories, broken=broken, aliases=aliases,
        site_timezones={netloc[s.key]: s.tz for s in world.sites if not s.zone_in_feed},
        zones={netloc[s.key]: s.tz for s in world.sites},
        sites=dict(bases))


def _traits(site: Site, a: DemoArticle) -> list[str]:
    out = [t for t in ("bare", "zone_in_feed") if getattr(site, t)]
    if a.ad_after is not None:
        out.append("ads")
    if site.comments and a.quirk is None:
        out.append("comments")
    if a.kind == "brief":
        out.append("brief")
    if a.lead_apart:
        out.append("lead")
    if a.language in ("zh", "ja"):
        out.append("cjk")
    return out


def _iso(instant) -> str:
    return instant.strftime("%Y-%m-%dT%H:%M:%SZ")


def calendar_day(path: str) -> date | None:
    """The day of an ``/archive/YYYY/MM/DD/`` path, or ``None``."""
    parts = path.strip("/").split("/")
    if len(parts) != 4 or parts[0] != "archive" or not all(p.isdigit() for p in parts[1:]):
        return None
    try:
        return date(int(parts[1]), int(parts[2]), int(parts[3]))
    except ValueError:
        return None
