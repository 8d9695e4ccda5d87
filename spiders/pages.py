"""Article-page detection and the links of an HTML page.

The spider follows every page of a site but emits only articles, so it needs to tell an
article from a homepage, section, tag, author, search or about page. :func:`classify`
adds up the body's shape (a headline over a run of paragraphs, a date, the run's length:
``spiders.pagetype.body``), metadata (Open Graph type, JSON-LD ``@type``, an ``<article>``
with real paragraphs), the URL's shape, listing signals (teaser cards, many teaser links and
little own text, ``/tag/``-style paths, ``og:type=website``) and what the crawl knew before
fetching the page (:class:`PageHints`: listed in a feed or sitemap, the site's learned URL
shape), and returns a :class:`Decision` with its reasons, so a wrong call can be explained
from the log. Pure functions on an lxml tree, no Scrapy import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from crawler.extract.metadata import jsonld
from crawler.extract.metadata.jsonld import ARTICLE_TYPES
from crawler.items import Article
from spiders.pagetype.body import (TextMeter, body_block, boiler_elements, headline_near,
                                   own_paragraph_chars, printed_date_near, teaser_cards, time_elements)
from spiders.pagetype.headline import slug_spells, titled_headline, under

LISTING_TYPES = frozenset({"collectionpage", "itemlist", "searchresultspage", "profilepage",
                           "aboutpage", "contactpage", "website", "webpage"})
ARTICLE_THRESHOLD = 3
_LISTING_PATH = re.compile(
    r"/(?:tags?|topics?|themen?|themes?|authors?|auteurs?|autor(?:en)?|autores|category|"
    r"categories|categorie|kategorie|section|sections|rubri(?:que|k)|search|recherche|suche|"
    r"buscar|about|about-us|a-propos|impressum|contact|kontakt|contacto|privacy|"
    r"login|signup|subscribe|newsletter|terms|legal|cgu|cgv|agb|datenschutz|mentions-legales|"
    r"aviso-legal|cookies?|faq|jobs|careers|karriere|emplois?)(?:/|$|\.)|/page/\d+/?$",
    re.IGNORECASE,
)
# Page 2 onwards of a listing. Not ``page=1`` (often a list context carried by article
# links) and not ``p=`` (WordPress's permalink of a post).
_PAGE_QUERY = re.compile(r"(?:^|&)(?:page|pg|offset|start)=(?:[2-9]|[1-9]\d+)(?:&|$)", re.IGNORECASE)
_DATE_PATH = re.compile(r"/(?:19|20)\d{2}[/-](?:0?[1-9]|1[0-2])(?:[/-](?:0?[1-9]|[12]\d|3[01]))?/[^/]*[a-z]",
                        re.IGNORECASE)
_SLUG = re.compile(r"/[a-z0-9]+(?:[-_][a-z0-9]+){3,}(?:\.[a-z]{2,5})?/?$", re.IGNORECASE)
_ID_PATH = re.compile(r"[/-]\d{5,}(?:\.[a-z]{2,5})?/?$|/(?:article|story|news|a)/\d{4,}")
_SKIP_EXT = re.compile(
    r"\.(?:jpe?g|png|gif|webp|svg|ico|bmp|tiff?|mp[34]|m4a|avi|mov|wmv|webm|ogg|wav|flac|"
    r"zip|gz|tgz|rar|7z|exe|dmg|apk|iso|pdf|docx?|xlsx?|pptx?|odt|css|js|json|woff2?|ttf|eot)$",
    re.IGNORECASE,
)
_FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})


@dataclass(frozen=True, slots=True)
class Decision:
    """Whether a page is an article: ``score`` ≥ the threshold, and the signals that voted."""

    is_article: bool
    score: int
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PageLinks:
    """The links of an HTML page worth knowing about, absolute, fragment-free, in order.

    ``links`` are plain ``<a href>`` targets that may be pages; ``next`` the pagination
    links (``rel=next``); ``feeds`` the advertised RSS/Atom feeds; ``canonical`` the
    ``<link rel=canonical>`` URL.
    """

    links: tuple[str, ...]
    next: tuple[str, ...]
    feeds: tuple[str, ...]
    canonical: str | None


@dataclass(frozen=True, slots=True)
class PageAnalysis:
    """What one HTML page told about itself, read from one parse of it.

    ``links`` and ``decision`` are :func:`page_links` and :func:`classify` of the page;
    ``article`` is its extraction on the same tree when it was judged an article and
    extracted (else ``None``), and ``seconds`` how long the whole analysis took.
    """

    links: PageLinks
    decision: Decision
    article: Article | None = None
    seconds: float = 0.0


def parse_html(body: bytes | str, url: str = "") -> etree._Element | None:
    """An lxml HTML tree of ``body``, or ``None`` when there is nothing to parse."""
    if not body or not body.strip():
        return None
    try:
        return lxml.html.document_fromstring(body, base_url=url or None)
    except (etree.ParserError, ValueError):
        return None


def _rels(el: etree._Element) -> set[str]:
    return {r.lower() for r in (el.get("rel") or "").split()}


def _absolute(href: str | None, base: str) -> str | None:
    if not href:
        return None
    href = href.strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:", "data:")):
        return None
    url = urljoin(base, href).split("#", 1)[0]
    return url if url.startswith(("http://", "https://")) else None


def page_links(tree: etree._Element, url: str) -> PageLinks:
    """The followable links of a page.

    Args:
        tree: the parsed page (:func:`parse_html` or Scrapy's ``response.selector.root``).
        url: the page's URL; ``<base href>`` overrides it for relative links.

    Returns:
        A :class:`PageLinks`; links to images, archives, PDFs and other non-pages dropped.
    """
    base = url
    for b in tree.iter("base"):
        base = _absolute(b.get("href"), url) or url
        break
    links, nexts, feeds, seen = [], [], [], set()
    canonical = None
    for el in tree.iter("a", "link", "area"):
        rels = _rels(el)
        target = _absolute(el.get("href"), base)
        if not target:
            continue
        if el.tag == "link":
            if "canonical" in rels and canonical is None:
                canonical = target
            elif "next" in rels:
                nexts.append(target)
            elif "alternate" in rels and (el.get("type") or "").lower() in _FEED_TYPES:
                feeds.append(target)
            continue
        if "next" in rels:
            nexts.append(target)
        if "nofollow" in rels and "next" not in rels:
            continue
        if _SKIP_EXT.search(urlsplit(target).path) or target in seen:
            continue
        seen.add(target)
        links.append(target)
    return PageLinks(tuple(links), tuple(dict.fromkeys(nexts)), tuple(dict.fromkeys(feeds)),
                     canonical)


def _meta(tree: etree._Element, *keys: str) -> str | None:
    want = {k.lower() for k in keys}
    for m in tree.iter("meta"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or "").lower()
        if key in want and (m.get("content") or "").strip():
            return m.get("content").strip()
    return None


def _jsonld_types(tree: etree._Element) -> set[str]:
    """Every ``@type`` the page's JSON-LD declares for itself (``jsonld.read``)."""
    return {t for node in jsonld.read(tree) for t in jsonld.types_of(node)}


@dataclass(frozen=True, slots=True)
class PageHints:
    """What the crawl knows of a page before reading it, passed with its request.

    ``listed`` is ``"feed"`` or ``"sitemap"`` when the page was an entry of its site's feed
    or sitemap (a site lists its articles there, so such a page is an article unless its
    body says otherwise); ``url_vote`` is the site's learned URL-shape vote
    (:class:`spiders.pagetype.urlshape.UrlShapes`: +1 article shape, -1 listing shape).
    """

    listed: str | None = None
    url_vote: int = 0


# A page that is the site's legal or about page, whatever metadata its template carries:
# the path segment is the legal word (with a short suffix at most), or the headline is.
_LEGAL_SEGMENT = re.compile(
    r"/(?:(?:impressum|imprint|datenschutz\w*|privacy)(?:-[a-z]+)?|privacy-policy|privacy-notice|"
    r"cookie-?policy|terms(?:-of-(?:use|service))?|nutzungsbedingungen|agb|about|about-us|"
    r"ueber-uns|uber-uns|a-propos|qui-sommes-nous|mentions-legales|aviso-legal|"
    r"politica-de-privacidad|contact|kontakt|contacto)(?:-\d+)?(?:\.\w+|/|$)", re.IGNORECASE)
_LEGAL_TITLE = re.compile(
    r"^(?:impressum|imprint|datenschutz[^\s:]*|privacy policy|privacy notice|cookie policy|"
    r"terms of (?:use|service)|terms and conditions|nutzungsbedingungen|about us|über uns|"
    r"mentions légales|politique de confidentialité|aviso legal|política de privacidad)"
    r"(?:$|\s+(?!:)\S.*$)", re.IGNORECASE)
_LISTED_POINTS = {"feed": 3, "sitemap": 2}


def _legal_page(tree: etree._Element, path: str) -> bool:
    if _LEGAL_SEGMENT.search(path):
        return True
    h1 = next(iter(tree.iter("h1")), None)
    if h1 is None:
        return False
    text = " ".join(h1.text_content().split())
    return len(text.split()) <= 8 and bool(_LEGAL_TITLE.match(text))


def classify(tree: etree._Element | None, url: str, hints: PageHints | None = None) -> Decision:
    """Decide whether the page at ``url`` is an article (emitted) or a page to follow only.

    The body's shape carries the decision (a headline near a run of paragraphs, a date,
    the length of that run, CJK text weighted); metadata (Open Graph, JSON-LD) adds to it;
    listing signals (teaser cards, link lists, many dates, listing paths) hold against
    site-wide ``og:type=article``; a site's legal and about pages are never articles.

    Args:
        tree: the parsed page; ``None`` (unparseable) is never an article.
        url: the page's URL (its shape is one of the signals).
        hints: what the crawl knew before fetching it (:class:`PageHints`).

    Returns:
        A :class:`Decision`; ``is_article`` when the score reaches ``ARTICLE_THRESHOLD``.
    """
    if tree is None:
        return Decision(False, -99, ("unparseable",))
    hints = hints or PageHints()
    score, why = 0, []

    def vote(points: int, reason: str) -> None:
        nonlocal score
        score += points
        why.append(f"{reason}{points:+d}")

    parts = urlsplit(url)
    path = parts.path or "/"
    og = (_meta(tree, "og:type") or "").lower()
    if og.startswith("article") or og in ("blogposting", "blog_post", "blog-post", "news", "post"):
        vote(3, "og:article")
    elif og in ("profile", "book", "product", "blog"):
        # og:type=blog is the Open Graph type of a blog as a whole: its front page.
        vote(-3 if og != "blog" else -1, f"og:{og}")
    elif og in ("website", "video.other"):
        vote(-1, f"og:{og}")  # weak: many CMSs set one og:type for every page

    types = _jsonld_types(tree)
    if types & ARTICLE_TYPES:
        vote(3, "jsonld:" + sorted(types & ARTICLE_TYPES)[0])
    elif types & {"collectionpage", "itemlist", "searchresultspage", "profilepage",
                  "aboutpage", "contactpage"}:
        vote(-3, "jsonld:" + sorted(types & LISTING_TYPES)[0])

    boiler = boiler_elements(tree)
    cards = teaser_cards(tree, boiler)
    meter = TextMeter(tree)
    articles = [a for a in tree.iter("article") if a not in boiler]
    best_chars, best_count, best = 0, 0, None
    for a in articles:
        c, n = own_paragraph_chars(a, boiler, meter)
        if c > best_chars:
            best_chars, best_count, best = c, n, a
    if best_chars >= 500 and best_count >= 2:
        vote(2, "article-element")
    elif len(articles) == 1 and best_count >= 2 and next(best.iter("h1"), None) is not None:
        vote(2, "article-element-short")  # a brief: one <article> with its own headline
    page_chars, page_count = own_paragraph_chars(tree, boiler, meter)
    if page_chars >= 800 and page_count >= 3:
        vote(1, "paragraphs")
    (block_chars, block_count, block), loose = body_block(tree, boiler, cards, meter)
    if block_chars >= 2000:
        vote(3, "long-body-block")  # listings never hold this much own text in one place
    elif block_chars >= 1200 and block_count >= 3:
        vote(2, "body-block")
    near = headline_near(block, boiler)
    headed = near and (block_count >= 3 or block_chars >= 600)
    if not headed and loose[1] >= 3 and headline_near(loose[2], boiler, levels=2):
        # Paragraphs cut into single-paragraph containers, right under the headline.
        near = headed = True
        block_chars, block_count, block = loose
    if headed:
        # A headline over a run of paragraphs, split or not: the shape of an article.
        vote(2 if block_count >= 3 else 1, "headline-body")
    brief = near and not headed and block_chars >= 250  # a headline over a short text
    titled = titled_headline(tree)
    story = titled is not None and block_chars >= 150 and under(titled, block)
    if titled is not None:
        # The page names one story: its title repeats a sentence-long heading (a section's
        # heading names the section), more so when that heading stands over the main text
        # and the URL's slug spells it.
        vote(2 if story else 1, "headline-title")
        if slug_spells(url, titled.text_content()):
            vote(1, "slug-headline")

    if _meta(tree, "article:published_time", "datepublished", "pubdate", "publishdate",
             "date", "dc.date", "dcterms.created", "sailthru.date", "parsely-pub-date"):
        vote(1, "date-meta")
    elif 1 <= (dates := time_elements(tree, boiler)) <= 3 and (headed or any(t.get("datetime") for a in articles for t in a.iter("time"))):
        vote(1, "date-element")
    elif (headed or story) and dates == 0 and printed_date_near(block, boiler):
        vote(1, "printed-date")

    legal = _legal_page(tree, path)
    if path in ("", "/") or re.fullmatch(r"/(?:index\.\w+|[a-z]{2}(?:-[a-z]{2})?/?)", path, re.I):
        vote(-4, "root-path")
    elif _LISTING_PATH.search(path) or _PAGE_QUERY.search(parts.query) or legal:
        vote(-4, "listing-path")
    elif _DATE_PATH.search(path) or _SLUG.search(path) or _ID_PATH.search(path):
        vote(1, "article-url")
    if hints.url_vote:
        vote(hints.url_vote, "site-url-shape")

    body = next(tree.iter("body"), tree)
    # Teaser links: headline-like anchor text (3+ words) in the content area.
    link_count = sum(1 for a in body.iter("a") if a.get("href") and a not in boiler
                     and len("".join(a.itertext()).split()) >= 3)
    if len(articles) >= 4 and best_chars < 1500:
        vote(-2, "many-teasers")
    elif len(cards) >= 12 and block_chars < 3000:
        vote(-2, "teaser-cards")  # one linked heading per story, little text of its own
    if link_count >= 8 and block_chars < 600:
        # Many teaser links and no body-sized block of own text (a brief under its
        # headline among many links is still a page of its own: the links weigh less).
        vote(-1 if brief else -3 if link_count >= 15 else -2, "link-list")
    # Listed in the site's feed or sitemap: an article unless the page has no text of its
    # own (a feed lists articles; a sitemap lists sections too, so it asks for a run of text).
    if hints.listed == "feed" and max(block_chars, page_chars, best_chars) >= 200 or (
            hints.listed and (block_count >= 2 or page_count >= 2 or best_count >= 2)):
        vote(_LISTED_POINTS.get(hints.listed, 2), f"listed-in-{hints.listed}")
    if legal:
        return Decision(False, score, (*why, "legal-page"))
    return Decision(score >= ARTICLE_THRESHOLD, score, tuple(why))
