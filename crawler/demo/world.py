"""The demo world's data model and its seeded generator.

``build_world(seed, now)`` decides everything that does not depend on where the world is
served: the outlets and their traits (``traits.draw_sites``), every article page (path, title, paragraphs, true UTC dates,
authors, story, agency credit, reader comments, where an ad splits the body), the
syndication edits each desk made to a wire
dispatch, and the deliberately bad pages. Rendering (``pages``, ``feeds``) and serving
(``server``) only read this model, so the ground truth cannot drift from what is served.

Determinism: the same ``seed`` and ``now`` give the same world. ``now`` is floored to the
minute and every date lies 1 hour to 4 days before it, on whole minutes, because visible
dates only show minutes.
"""

from __future__ import annotations

import math
import random
import re
import unicodedata
import zlib
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from crawler.demo import texts
from crawler.demo.locales import LABELS, WEEKDAYS_EN, short_date
from crawler.demo.sites import Site
from crawler.demo.traits import draw_sites

BAD_KINDS = ("404", "500", "redirect-loop", "binary", "empty")
# Kinds of pages that are articles all the same (in ``expected.articles`` and ``broken``).
QUIRK_KINDS = ("unclosed-html", "cp1252-meta-charset")


@dataclass(frozen=True)
class Comment:
    """A reader's comment below an article: never part of its body."""

    author: str
    text: str
    posted: datetime                  # aware UTC


@dataclass(frozen=True)
class DemoArticle:
    """One article page of one site, with its ground truth."""

    site: str
    path: str
    title: str
    paragraphs: tuple[str, ...]       # exactly the body paragraphs to extract
    published: datetime               # aware UTC, whole minute
    modified: datetime | None
    authors: tuple[str, ...]
    byline: str                       # as shown (may credit the agency)
    story: str
    wire: str | None                  # agency credited on the page, if any
    section: str
    tags: tuple[str, ...]
    kind: str                         # "wire", "original", "brief", "market", "weather", "private"
    read_more: tuple[tuple[int, str], ...] = ()   # (after paragraph i, target path)
    quirk: str | None = None          # one of QUIRK_KINDS
    alias: str | None = None          # second path serving the same page (rel=canonical)
    language: str = ""
    comments: tuple[Comment, ...] = ()  # on sites with the ``comments`` trait
    ad_after: int | None = None       # ad block after this paragraph (sites with ``ads``)
    lead_apart: bool = False          # paragraph 0 shown under the headline (sites with ``lead``)


@dataclass(frozen=True)
class BadPage:
    """A deliberately bad page, linked from its site's homepage and news list."""

    site: str
    path: str
    kind: str                         # one of BAD_KINDS
    title: str                        # link text


@dataclass(frozen=True)
class DemoWorld:
    """The whole fictional news world: sites, articles, bad pages. Immutable."""

    seed: int
    now: datetime
    sites: tuple[Site, ...]
    articles: tuple[DemoArticle, ...]         # public articles (ground truth)
    private: tuple[DemoArticle, ...]          # behind robots.txt Disallow
    bad: tuple[BadPage, ...]
    binary_body: bytes = field(repr=False, default=b"")

    def site(self, key: str) -> Site:
        """The site called ``key``; ``KeyError`` naming the known keys otherwise."""
        for s in self.sites:
            if s.key == key:
                return s
        raise KeyError(f"no demo site {key!r}; sites are {[s.key for s in self.sites]}")

    def articles_of(self, key: str) -> list[DemoArticle]:
        """Public articles of one site, newest first."""
        return sorted((a for a in self.articles if a.site == key),
                      key=lambda a: a.published, reverse=True)

    def serve(self):
        """Serve every site on loopback; a context manager yielding a ``RunningWorld``."""
        from crawler.demo.server import serve_world

        return serve_world(self)


# Which desks republished each dispatch, and how: the first is the agency's own wording.
#   original: credit line kept; drop: a middle paragraph cut; truncate: first third only;
#   extra-uncredited: a context paragraph added, agency credit removed everywhere;
#   suffix: credit moved to the end of the text.
SYNDICATION: dict[str, tuple[tuple[str, str], ...]] = {
    "afp-tapisseries-lyon": (("courrier", "original"), ("quotidien", "extra-uncredited"),
                             ("laurentien", "truncate")),
    "afp-quotas-maquereau": (("quotidien", "original"), ("courrier", "drop")),
    "afp-batteries-grenoble": (("laurentien", "original"), ("courrier", "suffix"),
                               ("quotidien", "drop")),
    "reuters-halvorsen-cobalt": (("ledger", "original"), ("harbor", "truncate")),
    "ap-tamarack-wildfire": (("harbor", "original"), ("ledger", "extra-uncredited")),
    "ap-meridian-probe": (("harbor", "original"), ("ledger", "drop")),
    "dpa-bahnstreik": (("abendpost", "original"), ("tagesbote", "suffix")),
    "dpa-elbbruecke": (("tagesbote", "original"), ("abendpost", "truncate")),
    "efe-embalses": (("meseta", "original"), ("vigia", "extra-uncredited")),
    "efe-mosaico-romano": (("vigia", "original"), ("meseta", "drop")),
}
ORIGINAL_SITES = {
    "fr-marche-noel": "courrier", "fr-velo-ecole": "quotidien", "fr-erablieres": "laurentien",
    "fr-boulangerie-cp1252": "courrier", "en-ferry-fares": "harbor",
    "en-library-reopens": "ledger", "de-weihnachtsmarkt": "abendpost",
    "de-kaffeehaus": "tagesbote", "es-huerto-urbano": "meseta",
    "es-metro-monterrey": "vigia", "es-feria-libro-unclosed": "meseta",
    "zh-ferry-night": "jiangpan", "zh-tea-harvest": "jiangpan", "zh-library-robot": "jiangpan",
    "ja-port-crane": "shiomi", "ja-school-lunch": "shiomi", "ja-shrine-festival": "shiomi",
}
QUIRKS = {"fr-boulangerie-cp1252": "cp1252-meta-charset",
          "es-feria-libro-unclosed": "unclosed-html"}
ALIASED = "en-library-reopens"          # also served under /amp/..., canonical to the main URL
MARKET_SITE, WEATHER_SITE = "ledger", "courrier"
BAD_PAGES = (
    ("courrier", "404", "/culture/2020/01/01/exposition-annulee/",
     "Exposition annulée : les raisons d'un fiasco"),
    ("harbor", "500", "/business/earnings-preview-utility-results/",
     "Earnings preview: what to watch in utility results"),
    ("harbor", "redirect-loop", "/go/story-7731",
     "Live updates: council budget vote"),
    ("abendpost", "binary", "/wirtschaft/bilanz-stadtwerke-99120.html",
     "Stadtwerke legen Bilanz vor"),
    ("abendpost", "empty", "/panorama/zoo-nachwuchs-99121.html",
     "Nachwuchs im Tierpark"),
)

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
BYLINE_DESK = {"fr": "la rédaction", "en": "Staff", "de": "Redaktion", "es": "Redacción",
               "zh": "本报编辑部", "ja": "編集局"}


def build_world(seed: int = 0, now: datetime | None = None) -> DemoWorld:
    """Generate the demo world.

    Args:
        seed: seeds every random choice (edits, dates, ids, links).
        now: the reference instant; every date in the world is before it. Defaults to
            ``datetime.now(UTC)``. Floored to the minute.

    Returns:
        An immutable ``DemoWorld``.

    Raises:
        ValueError: if ``now`` is naive.
    """
    if now is None:
        now = datetime.now(timezone.utc)
    if now.tzinfo is None:
        raise ValueError(f"naive now {now!r}: pass an aware datetime")
    now = now.astimezone(timezone.utc).replace(second=0, microsecond=0)
    rng = random.Random(seed)
    drawn = draw_sites(seed)
    sites = {s.key: s for s in drawn}
    drafts: list[DemoArticle] = []

    for d in texts.DISPATCHES:
        drafts.extend(_syndicate(d, SYNDICATION[d.key], sites, now, rng))
    originals = [(sites[ORIGINAL_SITES[o.key]], o, "original")
                 for o in texts.ORIGINALS + texts.CJK_ORIGINALS if ORIGINAL_SITES[o.key] in sites]
    briefs = {lang: list(pool) for lang, pool in texts.BRIEFS.items()}
    for site in drawn:
        originals += [(site, briefs[site.language].pop(0), "brief") for _ in range(site.briefs)]
    for site, o, kind in originals:
        published = now - timedelta(minutes=rng.randint(2 * 60, 90 * 60))
        drafts.append(DemoArticle(
            site=site.key, path="", title=o.title, paragraphs=o.paragraphs,
            published=published, modified=_maybe_modified(published, now, rng),
            authors=o.authors, byline=_byline(site.language, o.authors, None),
            story=f"orig-{o.key}", wire=None, section=o.section, tags=o.tags,
            kind=kind, quirk=QUIRKS.get(o.key), language=o.language))
    drafts.extend(_market_reports(sites[MARKET_SITE], now))
    drafts.extend(_weather_bulletins(sites[WEATHER_SITE], now))

    used: set[str] = set()
    articles = [replace(a, path=_path(sites[a.site], a, rng, used)) for a in drafts]
    articles = [replace(a, alias="/amp" + a.path) if a.story == f"orig-{ALIASED}" else a
                for a in articles]
    articles = _add_read_more(articles, rng)
    articles = [_add_traits(sites[a.site], a, now, rng) for a in articles]
    private = tuple(_private(site, now, rng) for site in drawn)
    bad = tuple(BadPage(site, path, kind, title) for site, kind, path, title in BAD_PAGES)
    return DemoWorld(seed=seed, now=now, sites=drawn, articles=tuple(articles),
                     private=private, bad=bad, binary_body=rng.randbytes(4096))


def _syndicate(d: texts.Dispatch, desks, sites, now, rng) -> list[DemoArticle]:
    """Each desk's copy of one dispatch, published minutes apart after the agency's."""
    out = []
    t = now - timedelta(minutes=rng.randint(8 * 60, 84 * 60))
    for i, (site_key, plan) in enumerate(desks):
        site = sites[site_key]
        if site.language != d.language:
            raise ValueError(f"{d.key}: {d.language} dispatch on {site.language} site {site_key}")
        if i:
            t += timedelta(minutes=rng.randint(6, 95))
        paragraphs, wire = _edit(d, plan, rng)
        named = d.authors if plan in ("original", "drop", "truncate") else ()
        out.append(DemoArticle(
            site=site_key, path="", title=d.headlines[i % len(d.headlines)],
            paragraphs=tuple(paragraphs), published=t, modified=_maybe_modified(t, now, rng),
            authors=named, byline=_byline(d.language, named, wire), story=d.key, wire=wire,
            section=d.section, tags=d.tags, kind="wire", language=d.language))
    return out


def _edit(d: texts.Dispatch, plan: str, rng: random.Random) -> tuple[list[str], str | None]:
    """One desk's edit of a dispatch. Returns (paragraphs, agency credited or None)."""
    paras = list(d.paragraphs)
    wire: str | None = d.agency
    if plan == "drop":
        del paras[rng.randrange(1, len(paras) - 1)]
    elif plan == "truncate":
        paras = paras[: max(2, math.ceil(len(paras) / 3))]
    elif plan == "extra-uncredited":
        paras.insert(rng.randrange(2, len(paras)), d.extra)
        wire = None
    elif plan not in ("original", "suffix"):
        raise ValueError(f"{d.key}: unknown syndication plan {plan!r}")
    if plan != "original":
        paras = _desk_edits(paras, d.language, rng)
    if plan in ("original", "drop", "truncate"):
        city = d.dateline.upper() if d.agency in ("AFP", "AP", "Reuters", "EFE") else d.dateline
        paras[0] = texts.CREDIT_PREFIX[d.agency].format(city=city) + paras[0]
    elif plan == "suffix":
        paras[-1] = paras[-1] + texts.CREDIT_SUFFIX[d.agency]
    return paras, wire


def _desk_edits(paras: list[str], language: str, rng: random.Random) -> list[str]:
    """Swap one or two words or phrases for synonyms, as a copy editor does."""
    text = "\n".join(paras)
    candidates = [(a, b) for a, b in texts.DESK_EDITS[language]
                  if re.search(rf"\b{re.escape(a)}\b", text)]
    for a, b in rng.sample(candidates, min(len(candidates), rng.randint(1, 2))):
        text = re.sub(rf"\b{re.escape(a)}\b", b, text, count=1)
    return text.split("\n")


def _add_traits(site: Site, a: DemoArticle, now: datetime, rng: random.Random) -> DemoArticle:
    """The lead set apart, reader comments and the ad's place in the body, on the sites with
    those traits."""
    lead = site.lead and len(a.paragraphs) >= 2 and a.quirk is None
    if lead:
        a = replace(a, lead_apart=True)
    if site.ads and len(a.paragraphs) >= 3 and a.quirk is None:
        a = replace(a, ad_after=rng.randrange(1 if lead else 0, len(a.paragraphs) - 1))
    if site.comments and a.quirk is None:
        pool = texts.COMMENTS[site.language]
        latest = now - timedelta(minutes=5)
        comments = []
        for author, text in rng.sample(pool, rng.randint(0, 3)):
            posted = a.published + timedelta(minutes=rng.randint(5, 240))
            comments.append(Comment(author, text, min(posted, latest)))
        a = replace(a, comments=tuple(sorted(comments, key=lambda c: c.posted)))
    return a


def _maybe_modified(published: datetime, now: datetime, rng: random.Random) -> datetime | None:
    if rng.random() >= 0.3:
        return None
    modified = published + timedelta(minutes=rng.randint(25, 300))
    return modified if modified <= now - timedelta(minutes=10) else None


def _byline(language: str, authors, wire: str | None) -> str:
    lab = LABELS[language]
    if authors:
        names = f" {lab['and_']} ".join(authors)
        return f"{lab['by']} {names}" + (f", {wire}" if wire else "")
    if wire:
        return wire
    if language in ("zh", "ja"):
        return BYLINE_DESK[language]
    return f"{lab['by']} {BYLINE_DESK[language]}"


def _local_day(site: Site, now: datetime, days_back: int, hour: int, minute: int) -> datetime:
    tz = ZoneInfo(site.tz)
    day = now.astimezone(tz).date() - timedelta(days=days_back)
    local = datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz)
    return local.astimezone(timezone.utc)


def _market_reports(site: Site, now: datetime) -> list[DemoArticle]:
    """Two closing reports from one template on consecutive days: distinct stories."""
    out = []
    for back, day in zip((2, 1), texts.MARKET_DAYS):
        published = _local_day(site, now, back, 16, 41 + back)
        weekday = WEEKDAYS_EN[published.astimezone(ZoneInfo(site.tz)).weekday()]
        verb = "rally" if day["index_move"].startswith("rose") else "slide"
        values = dict(day, weekday=weekday)
        out.append(DemoArticle(
            site=site.key, path="", title=texts.MARKET_TITLE.format(verb=verb, **values),
            paragraphs=tuple(p.format(**values) for p in texts.MARKET_PARAGRAPHS),
            published=published, modified=None, authors=("Daniel Okoye",),
            byline=_byline(site.language, ("Daniel Okoye",), None),
            story=f"market-close-{published:%Y-%m-%d}", wire=None, section="business",
            tags=("markets",), kind="market", language=site.language))
    return out


def _weather_bulletins(site: Site, now: datetime) -> list[DemoArticle]:
    """Two morning weather bulletins from one template: distinct stories."""
    out = []
    for back, day in zip((2, 1), texts.WEATHER_DAYS):
        published = _local_day(site, now, back, 6, 10 + back)
        title = texts.WEATHER_TITLE.format(
            date=short_date(published, site.language, site.tz), headline=day["headline"])
        out.append(DemoArticle(
            site=site.key, path="", title=title,
            paragraphs=tuple(p.format(**day) for p in texts.WEATHER_PARAGRAPHS),
            published=published, modified=None, authors=(),
            byline=_byline(site.language, (), None), story=f"weather-{published:%Y-%m-%d}",
            wire=None, section="societe", tags=("météo",), kind="weather",
            language=site.language))
    return out


def _private(site: Site, now: datetime, rng: random.Random) -> DemoArticle:
    title, paragraphs = texts.PRIVATE[site.language]
    published = now - timedelta(minutes=rng.randint(60, 600))
    return DemoArticle(
        site=site.key, path=f"/private/{slugify(title)}.html", title=title,
        paragraphs=paragraphs, published=published, modified=None, authors=(),
        byline=_byline(site.language, (), None), story=f"private-{site.key}", wire=None,
        section=site.sections[0][0], tags=(), kind="private", language=site.language)


def slugify(text: str, limit: int = 60) -> str:
    """ASCII, lower-case, hyphenated slug cut at a word boundary."""
    if _CJK.search(text):   # Chinese and Japanese sites use ids, not romanised slugs
        return f"{zlib.crc32(text.encode()):08x}"
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug or f"{zlib.crc32(text.encode()):08x}"


def _path(site: Site, a: DemoArticle, rng: random.Random, used: set[str]) -> str:
    """The article's URL path, in the site's path style, unique in the world."""
    slug = slugify(a.title)
    while True:
        ident = rng.randint(100000, 999999)
        if site.path_style == "dated":
            local = a.published.astimezone(ZoneInfo(site.tz))
            path = f"/{a.section}/{local:%Y/%m/%d}/{slug}/"
            if (site.key, path) in used:
                path = f"/{a.section}/{local:%Y/%m/%d}/{slug}-{ident}/"
        elif site.path_style == "section-id":
            path = f"/{a.section}/{slug}-{ident}.html"
        else:
            path = f"/article/{ident}/{slug}"
        if (site.key, path) not in used:
            used.add((site.key, path))
            return path


def _add_read_more(articles: list[DemoArticle], rng: random.Random) -> list[DemoArticle]:
    """Give most articles one or two in-body "read more" links to siblings on their site."""
    out = []
    for a in articles:
        siblings = [b.path for b in articles if b.site == a.site and b.path != a.path]
        if len(a.paragraphs) < 3 or not siblings or a.quirk == "cp1252-meta-charset":
            out.append(a)
            continue
        n = 2 if len(a.paragraphs) >= 5 and rng.random() < 0.5 else 1
        spots = sorted(rng.sample(range(len(a.paragraphs) - 1), n))
        out.append(replace(a, read_more=tuple((i, rng.choice(siblings)) for i in spots)))
    return out
