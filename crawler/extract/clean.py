"""Cleanup of the extracted body: an ordered tuple of named line processors.

trafilatura finds the main block of a page, but what it returns still carries pieces of
page chrome that sit inside or next to that block: search-box labels, sidebar titles
("Latest news"), a teaser repeating the start of the body, "Read more" link lines,
related-story headlines (a paragraph that is one link to another page of the site),
newsletter / cookie / share prompts, the page's own URL, trailing contact lines (e-mail,
@handle) and lines the site repeats on every page. Each kind
is removed by one small processor ``(lines, ctx) -> lines`` named for its job, applied in
the order of ``PROCESSORS`` (as web-poet's ``out=[...]`` processor lists). No rule names a
site: they work from the shape of the text, multilingual vocabulary, the page itself and
the site-template counts (``template.SiteTemplates``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from crawler.extract.template import SiteTemplates, line_key

Lines = list[str]

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_ELLIPSIS = re.compile(r"(?:\.\.\.|…|\[…\]|\[\.\.\.\])\s*$")
_SENTENCE_END = re.compile(r"[.!?:;\"»”)…]\s*$")


@dataclass
class CleanContext:
    """What the processors may know about the page besides its lines.

    Args:
        site: the page's site (host without ``www.``).
        urls: the page's own URLs (fetched, canonical).
        headlines: the texts of the page's ``<h1>`` elements.
        title: the article title, when known.
        templates: the crawl's template learner, or ``None``.
        page_text_counts: ``wanted lines -> Counter`` of how often each occurs as a
            whole text node of the page (chrome included); ``core.page_text_counter``.
        link_texts: the whitespace-normalised texts of the page's longer links
            (``core.PageLinks.texts``), built lazily.
        internal_link_texts: the same for links to other pages of the same site
            (``core.PageLinks.internal``).
    """

    site: str = ""
    urls: tuple[str, ...] = ()
    headlines: tuple[str, ...] = ()
    title: str | None = None
    templates: SiteTemplates | None = None
    page_text_counts: Callable[[set[str]], Counter[str]] = field(default=lambda wanted: Counter())
    link_texts: Callable[[], frozenset[str]] = field(default=lambda: frozenset())
    internal_link_texts: Callable[[], frozenset[str]] = field(default=lambda: frozenset())


def _words(line: str) -> int:
    return len(_WORD.findall(line))


# --- 0. shape ------------------------------------------------------------------------


def normalize_lines(lines: Lines, ctx: CleanContext) -> Lines:
    """Collapse runs of whitespace inside lines and drop empty lines."""
    out = []
    for line in lines:
        line = " ".join(line.split())
        if line:
            out.append(line)
    return out


def drop_title_lines(lines: Lines, ctx: CleanContext) -> Lines:
    """Drop lines that are the article title or the page's ``<h1>`` headline (a field, not
    body text; the displayed headline may differ from the metadata title)."""
    keys = {line_key(t) for t in (ctx.title, *ctx.headlines) if t}
    if not keys:
        return lines
    return [line for line in lines if line_key(line) not in keys]


# --- 1. search labels, lines repeated at the top ---------------------------------------

SEARCH_LABELS = frozenset(
    line_key(s).rstrip(" .…:")
    for s in (
        "Search", "Search:", "Search for:", "Search...", "Search …", "Search…", "Type to search",
        "Enter search term", "Enter keywords", "Search this site", "Go", "Submit",
        "Rechercher", "Recherche", "Rechercher :", "Rechercher...", "Lancer la recherche",
        "Suche", "Suchen", "Suchbegriff eingeben", "Suchbegriff", "Buscar", "Búsqueda",
        "Buscar:", "Cerca", "Ricerca", "Pesquisar", "Pesquisa", "Zoeken", "Szukaj", "Sök",
        "Søg", "Søk", "Haku", "Hledat", "Keresés", "Căutare", "Ara",
    )
)


def drop_search_labels(lines: Lines, ctx: CleanContext) -> Lines:
    """Drop search-box labels and buttons ("Rechercher", "Search for:", "Suchen")."""
    return [line for line in lines if len(line) > 40 or line_key(line).rstrip(" .…:") not in SEARCH_LABELS]


def drop_repeated_top_lines(lines: Lines, ctx: CleanContext) -> Lines:
    """Drop a line repeated verbatim at the very top ("Menu\\nMenu"): a widget's label twice."""
    i = 0
    while i + 1 < len(lines) and line_key(lines[i]) == line_key(lines[i + 1]):
        key = line_key(lines[i])
        while i < len(lines) and line_key(lines[i]) == key:
            i += 1
    return lines[i:]


# --- 2. sidebar / list titles ----------------------------------------------------------

_LIST_TITLES = (
    # en
    "latest news", "latest", "latest stories", "latest articles", "latest headlines", "most read",
    "most popular", "most viewed", "most shared", "popular", "popular now", "trending", "trending now",
    "top stories", "top news", "related", "related news", "related articles", "related stories",
    "related posts", "related content", "recommended", "recommended for you", "you may also like",
    "you might also like", "more stories", "more news", "more from", "editor's picks", "editors' picks",
    "in other news", "in case you missed it", "what to read next", "read next", "up next", "also on",
    "tags", "topics", "categories", "share", "share this", "share this article", "share this story",
    "advertisement", "newsletter", "newsletters", "sponsored", "don't miss", "do not miss", "see more", "more",
    "must read", "watch more", "more videos", "related video", "related videos", "recommended videos", "sponsored content", "comments", "leave a comment", "leave a reply",
    # fr
    "dernières infos", "dernières informations", "dernières actualités", "dernières nouvelles",
    "à la une", "les plus lus", "les plus lues", "les plus partagés", "sur le même sujet",
    "à lire aussi", "a lire aussi", "à lire également", "articles liés", "nos articles", "en continu",
    "publicité", "partager", "partager cet article", "commentaires", "mots-clés", "vidéos",
    # de
    "neueste nachrichten", "neueste artikel", "aktuelle nachrichten", "meistgelesen", "meist gelesen",
    "am meisten gelesen", "meistgelesene artikel", "top-themen", "mehr zum thema", "das könnte sie auch interessieren",
    "weitere artikel", "verwandte artikel", "empfehlungen", "anzeige", "werbung", "teilen", "artikel teilen",
    "kommentare", "themen",
    # es / pt / it
    "lo más leído", "lo más visto", "más leídas", "más leídos", "lo último", "últimas noticias",
    "noticias relacionadas", "te puede interesar", "también te puede interesar", "publicidad",
    "compartir", "comentarios", "temas", "etiquetas", "mais lidas", "últimas notícias", "notícias relacionadas",
    "più letti", "ultime notizie", "articoli correlati", "ti potrebbe interessare", "pubblicità",
)
LIST_TITLES = frozenset(line_key(s) for s in _LIST_TITLES)


def _is_list_title(line: str) -> bool:
    key = line_key(line).rstrip(" :.-–—»›>")
    return key in LIST_TITLES


def drop_list_titles(lines: Lines, ctx: CleanContext) -> Lines:
    """Drop sidebar / list titles ("Dernières Infos", "Most read", "Lo más leído")."""
    return [line for line in lines if len(line) > 60 or not _is_list_title(line)]


# --- 3. teaser repeating the start of the body -----------------------------------------


def _squash(text: str) -> str:
    return "".join(_WORD.findall(text.casefold()))


def drop_teaser_repeat(lines: Lines, ctx: CleanContext) -> Lines:
    """Drop lines whose content repeats elsewhere in the body (a teaser, a summary cut with "...").

    Recognised by content, not markup: with case, spaces and punctuation squashed away, the
    line (less its ellipsis and a possibly cut last word) occurs in the rest of the body.
    Paragraph boundaries do not matter, so a teaser gluing the first paragraph to the start
    of the second is found. Lines are tried from the last one up and a dropped line no
    longer counts as "the rest", so of two copies the earlier, complete one stays. A whole
    line repeated only below the first two lines (a list or a recipe repeating an item)
    is content: every copy stays.
    """
    squashed: list[str | None] = []
    full_parts = []
    for line in lines:
        words = _WORD.findall(line.casefold())
        full_parts.append("".join(words))
        cut = bool(_ELLIPSIS.search(line))
        if cut and len(words) > 3:
            words = words[:-1]  # the last word may be cut in the middle
        squashed.append("".join(words) if len(words) >= (6 if cut else 10) else None)
    if not any(squashed):
        return lines
    full = "".join(full_parts)
    spans = []
    pos = 0
    for part in full_parts:
        spans.append((pos, pos + len(part)))
        pos += len(part)
    dropped: list[tuple[int, int]] = []

    def elsewhere(needle: str, own: tuple[int, int]) -> bool:
        start = full.find(needle)
        while start >= 0:
            end = start + len(needle)
            if all(end <= a or start >= b for a, b in [own, *dropped]):
                return True
            start = full.find(needle, start + 1)
        return False

    first_copy: dict[str, int] = {}
    for i, part in enumerate(full_parts):
        first_copy.setdefault(part, i)
    copies = Counter(full_parts)
    keep = [True] * len(lines)
    for i in range(len(lines) - 1, -1, -1):
        if squashed[i] and squashed[i] == full_parts[i] and first_copy[full_parts[i]] >= 2 and copies[full_parts[i]] > 1:
            continue  # a whole line repeated deep in the body (a list, a recipe, a table): content
        if squashed[i] and elsewhere(squashed[i], spans[i]):
            keep[i] = False
            dropped.append(spans[i])
    return [line for line, k in zip(lines, keep) if k]


# --- 4. read-more link lines -----------------------------------------------------------

_READ_MORE = re.compile(
    r"^\W{0,3}(?:"
    r"read more|read also|also read|read next|see also|more on this|more on this story|related|related article|"
    r"related story|related coverage|recommended|watch|listen|click here|see more|don't miss|also on|more:|"
    r"lire aussi|à lire aussi|a lire aussi|lire également|à lire également|voir aussi|à voir aussi|"
    r"lesen sie auch|lesen sie dazu|lesen sie mehr|mehr zum thema|mehr dazu|siehe auch|auch interessant|"
    r"lea también|lee también|leer más|ver también|te puede interesar|más información|"
    r"leia também|leia mais|veja também|saiba mais|leggi anche|leggi l'articolo|vedi anche|"
    r"lees ook|lees meer|zie ook"
    r")\b\s*(?:[:\-–—|»>›]|\.\.\.|…|$)",
    re.IGNORECASE,
)


def drop_read_more(lines: Lines, ctx: CleanContext) -> Lines:
    """Drop "Read more: ...", "Lire aussi", "Lesen Sie auch", "Lea también" link lines."""
    return [line for line in lines if not (_READ_MORE.search(line) and _words(line) <= 30)]


# --- 5. cookie / newsletter / subscribe / share / follow prompts ------------------------

_CTA_PHRASES = (
    "follow us", "like us on", "join us on", "share this", "share on ", "share via", "click to share",
    "abonnez-vous", "inscrivez-vous", "suivez-nous", "rejoignez-nous", "partager sur", "partagez",
    "jetzt abonnieren", "abonnieren sie", "folgen sie uns", "teilen sie", "hier anmelden",
    "suscríbete", "suscribirse", "síguenos", "compártelo", "compartir en", "assine", "inscreva-se",
    "siga-nos", "iscriviti", "seguici", "click here", "clicking here", "tell us what you think",
    "thanks for signing up", "thank you for signing up", "keep an eye on your inbox", "processing your subscription",
    "an error has occurred", "please try again later", "this article has been sent to", "order reprints",
    "print article", "print this article", "email this article", "share this story", "share your thoughts",
    "personal, non-commercial use only", "download the app", "get the app",
)
_CTA_PAIRS = (  # (any of these) and (any of those) in one short line
    (("cookie",), ("accept", "consent", "we use", "utilis", "verwend", "akzept", "usamos", "utiliza", "acept",
                   "policy", "politique", "richtlinie", "política", "einstellungen", "paramètres", "settings")),
    (("newsletter",), ("sign", "subscri", "inscri", "abonn", "anmeld", "suscri", "assin", "iscri", "receive",
                       "get ", "delivered", "recevez", "erhalten", "recibe")),
    (("sign up", "signup", "subscribe to", "subscribe now", "subscribe for", "register for"),
     ("free", "now", "today", "inbox", "updates", "here", "email", "e-mail", "access")),
    (("inbox",), ("every", "daily", "weekly", "sign", "deliver")),
)
_SOCIAL = ("facebook", "twitter", "linkedin", "whatsapp", "email", "e-mail", "pinterest", "reddit", "telegram",
           "print", "copy link", "messenger", "flipboard", "bluesky", "threads", "mastodon")


_CTA_ANY = re.compile("|".join(re.escape(p) for p in _CTA_PHRASES))
_CTA_PAIR_RES = tuple((re.compile("|".join(map(re.escape, a))), re.compile("|".join(map(re.escape, b))))
                      for a, b in _CTA_PAIRS)
_SOCIAL_RE = re.compile("|".join(map(re.escape, _SOCIAL)))


def is_call_to_action(line: str, max_words: int = 30) -> bool:
    """True for a short cookie / newsletter / subscribe / share / "follow us" line.

    Args:
        line: the line.
        max_words: longer lines are prose (the first and last lines of a body get more:
            a promo paragraph sits there).
    """
    if len(line) > 10 * max_words:
        return False
    words = _words(line)
    if words > max_words:
        return False
    s = line.casefold()
    if _CTA_ANY.search(s):
        return True
    if any(a.search(s) and b.search(s) for a, b in _CTA_PAIR_RES):
        return True
    if words <= 5 and s.rstrip(" .:!").endswith(("newsletter", "newsletters")):
        return True  # a newsletter widget's title: "Pick Six Newsletter"
    return words <= 12 and len(set(_SOCIAL_RE.findall(s))) >= 3


_EDGE_CTA_WORDS = 80


def drop_calls_to_action(lines: Lines, ctx: CleanContext) -> Lines:
    """Drop short cookie / newsletter / subscribe / share / "follow us" lines, and a longer
    promo paragraph ("Start your day with our newsletter... Sign up for free") when it is
    the first or the last line of the body."""
    last = len(lines) - 1
    return [line for i, line in enumerate(lines)
            if not is_call_to_action(line, _EDGE_CTA_WORDS if i in (0, last) else 30)]


_LEGAL = re.compile(  # footer navigation, not a copyright notice (those are part of a body)
    r"mentions légales|politique de confidentialité|conditions générales|privacy policy|terms of (?:use|service)|"
    r"cookie policy|impressum|datenschutz|nutzungsbedingungen|aviso legal|política de privacidad|"
    r"informativa sulla privacy|política de privacidade",
)  # matched against the case-folded line (faster than IGNORECASE over an alternation)


def drop_legal_lines(lines: Lines, ctx: CleanContext) -> Lines:
    """Drop short footer lines that link legal pages ("© 2017 Site — Mentions légales — Contact")."""
    return [line for line in lines if not (len(line) < 250 and _LEGAL.search(line.casefold()))]


_BULLET = re.compile(r"^[-–—•·*>»]\s*")
_TAG_SUFFIX = re.compile(r"\s*\[[A-Z ]{2,20}\]\s*\|?\s*$")


def _edge_span(lines: Lines) -> tuple[int, int]:
    """(index of the first, index of the last) paragraph-like line; lines outside are edges."""
    first = next((i for i, line in enumerate(lines) if not _is_short(line)), len(lines))
    last = next((i for i in range(len(lines) - 1, -1, -1) if not _is_short(lines[i])), -1)
    return first, last


def drop_link_lines(lines: Lines, ctx: CleanContext) -> Lines:
    """Drop lines that are one whole link: related-story headlines, "[INSIGHT]" teasers.

    At the edges of the body (before the first / after the last paragraph), a line whose
    entire text is the text of one ``<a>`` of the page is navigation, and so is a bulleted
    line opening with a link ("- Headline Its summary..."). Inside the body only the
    unmistakable ones go: a link line in capitals or tagged "[VIDEO]"; a plain linked line
    there is usually a product or a source the article lists.
    """
    first, last = _edge_span(lines)
    candidates = [
        i for i, line in enumerate(lines)
        if len(line) < 300 and (i < first or i > last or line.isupper() or line[:1] in "-–—•·" or _TAG_SUFFIX.search(line))
        and _words(line) >= 3
    ]
    if not candidates:
        return lines
    links = ctx.link_texts()
    drop = set()
    for i in candidates:
        line = lines[i]
        core = _TAG_SUFFIX.sub("", _BULLET.sub("", line))
        if core in links and (i < first or i > last or line.isupper() or _TAG_SUFFIX.search(line)):
            drop.add(i)
    # a trailing run of "- Headline Its summary" items opening with links: a related-stories list
    j = len(lines) - 1
    while j >= 0 and (j in drop or (lines[j][:1] in "-–—•·" and any(True for _ in _prefixes(_BULLET.sub("", lines[j]), links)))):
        drop.add(j)
        j -= 1
    return [line for i, line in enumerate(lines) if i not in drop]


def drop_internal_link_lines(lines: Lines, ctx: CleanContext) -> Lines:
    """Drop lines that are the whole text of a link to another page of the same site.

    Anywhere in the body, a paragraph made of one such link (four words or more) is a
    related-story headline dropped between paragraphs ("Who will make the Hall of Fame in
    2020?"). Links to other sites stay: a product or a source the article lists.
    """
    if not any(_words(line) >= 4 and len(line) < 300 for line in lines):
        return lines
    internal = ctx.internal_link_texts()
    if not internal:
        return lines
    return [line for line in lines if _words(line) < 4 or _BULLET.sub("", line) not in internal]


def _prefixes(core: str, links: frozenset[str]):
    words = core.split()
    for n in range(3, min(len(words), 25)):
        candidate = " ".join(words[:n])
        if candidate in links:
            yield candidate


_BARE = re.compile(
    r"^(?:https?://\S+|www\.\S+|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?)$"
)


def _url_key(url: str) -> str:
    """A URL without scheme, ``www.``, query, fragment and trailing slash, case folded."""
    url = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip().casefold())
    url = url.split("#", 1)[0].split("?", 1)[0].rstrip("/")
    return url[4:] if url.startswith("www.") else url


def drop_bare_urls_and_stamps(lines: Lines, ctx: CleanContext) -> Lines:
    """Drop edge lines that are only a URL or a machine timestamp (leaked metadata), and
    anywhere a line that is only the page's own URL (a share widget's permalink).

    Inside the body another bare URL is kept: articles list their sources that way.
    """
    first, last = _edge_span(lines)
    own = {_url_key(u) for u in ctx.urls if u}
    return [line for i, line in enumerate(lines)
            if not _BARE.match(line) or (first <= i <= last and _url_key(line) not in own)]


# "By Jane Doe", "Par Jean Dupont et Marie Curie |", "Von Anna Müller", "Por Ana Belén Prieto · Madrid",
# "Di Marco Rossi": a byline marker, capitalised name words, at most a short tail after a separator.
_NAME = r"[A-ZÀ-ÖØ-Þ][\w'’.-]+(?:\s+[A-ZÀ-ÖØ-Þ][\w'’.-]+){0,4}"
_BYLINE = re.compile(
    rf"^(?i:by|par|por|von|di|door|af|av)\s+{_NAME}"
    rf"(?:\s*,?\s+(?i:and|et|und|y|e|en|og)\s+{_NAME})?"
    r"\s*(?:[·|•,/–—-]\s*[^.!?]{0,30})?$"
)


def drop_byline_lines(lines: Lines, ctx: CleanContext) -> Lines:
    """Drop a byline among the first two lines ("Por Ana Belén Prieto ·", "By Jane Doe |").

    The names go to ``Article.authors`` from the page's metadata; in the body they are
    chrome. Only short lines (≤ 12 words) without a sentence end, whose words after the
    marker start with capitals, so "Por primera vez, ..." or "By Monday the deal ..." stay.
    """
    out = []
    for i, line in enumerate(lines):
        text = line.strip()
        if i < 2 and _words(text) <= 12 and not text.endswith((".", "!", "?", ":")) and _BYLINE.match(text):
            continue
        out.append(line)
    return out


_CONTACT = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|(?<![\w@])@\w{2,}|(?:twitter|x|instagram|facebook|tiktok)\.com/\w", re.I)
_QUOTE_CREDIT = ("—", "–")


def drop_trailing_contact_lines(lines: Lines, ctx: CleanContext) -> Lines:
    """Drop contact / follow lines among the last three: an e-mail address, an @handle or a
    social profile URL ("Reach the reporter at ...", "Follow her @name", "paul@paper.test").

    Language-neutral (addresses and handles look the same everywhere). An embedded post
    keeps its lines: one followed by its "— Name (@handle) date" credit, the credit itself
    and one carrying a post link (``pic.twitter.com``, ``t.co/``).
    """
    n = len(lines)
    out = []
    for i, line in enumerate(lines):
        if i >= n - 3 and _words(line) <= 60 and _CONTACT.search(line):
            after = lines[i + 1].lstrip() if i + 1 < n else ""
            quoted = (line.lstrip().startswith(_QUOTE_CREDIT + ("-",)) or after.startswith(_QUOTE_CREDIT)
                      or "pic.twitter.com" in line or "t.co/" in line)
            if not quoted:
                continue
        out.append(line)
    return out


# --- 6. template lines: in the page chrome, across the site ----------------------------


def _is_short(line: str) -> bool:
    return len(line) <= 80 and _words(line) <= 8


def drop_page_chrome_repeats(lines: Lines, ctx: CleanContext) -> Lines:
    """Drop short edge lines that occur as text 3+ times on the page (here + twice in chrome).

    Only the runs of short lines before the first and after the last long paragraph are
    tried: a short line inside the body is a subhead, even when a page repeats it.
    """
    first, last = _edge_span(lines)
    edges = set(lines[:first]) | set(lines[last + 1:])
    if not edges:
        return lines
    counts = ctx.page_text_counts(edges)
    return [line for i, line in enumerate(lines) if (first <= i <= last) or counts.get(line, 0) < 3]


def drop_site_template(lines: Lines, ctx: CleanContext) -> Lines:
    """Drop lines the crawl has seen on many pages of this site (``SiteTemplates``)."""
    if ctx.templates is None or not ctx.site:
        return lines
    return [line for line in lines if not ctx.templates.is_template(ctx.site, line)]


PROCESSORS: tuple[Callable[[Lines, CleanContext], Lines], ...] = (
    normalize_lines,
    drop_title_lines,
    drop_search_labels,
    drop_byline_lines,
    drop_repeated_top_lines,
    drop_list_titles,
    drop_read_more,
    drop_calls_to_action,
    drop_legal_lines,
    drop_bare_urls_and_stamps,
    drop_link_lines,
    drop_internal_link_lines,
    drop_page_chrome_repeats,
    drop_site_template,
    drop_trailing_contact_lines,
    drop_teaser_repeat,
)


def clean_lines(lines: Lines, ctx: CleanContext, processors=PROCESSORS) -> Lines:
    """Run ``processors`` in order over ``lines``.

    Args:
        lines: the extracted body, one paragraph per item.
        ctx: what is known about the page.
        processors: the chain, ``PROCESSORS`` by default.

    Returns:
        The cleaned lines.
    """
    for proc in processors:
        lines = proc(lines, ctx)
        if not lines:
            break
    return lines
