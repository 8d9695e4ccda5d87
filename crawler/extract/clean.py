"""Cleanup of the extracted body: an ordered tuple of named line processors.

trafilatura finds the main block of a page, but what it returns still carries pieces of
page chrome that sit inside or next to that block: search-box labels, sidebar titles
("Latest news"), a teaser repeating the start of the body, "Read more" link lines,
newsletter / cookie / share prompts, and lines the site repeats on every page. Each kind
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
        title: the article title, when known.
        templates: the crawl's template learner, or ``None``.
        page_text_counts: ``wanted lines -> Counter`` of how often each occurs as a
            whole text node of the page (chrome included); ``core.page_text_counter``.
    """

    site: str = ""
    title: str | None = None
    templates: SiteTemplates | None = None
    page_text_counts: Callable[[set[str]], Counter[str]] = field(default=lambda wanted: Counter())


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
    """Drop lines that are the article title (the title is a field, not body text)."""
    if not ctx.title:
        return lines
    key = line_key(ctx.title)
    return [line for line in lines if line_key(line) != key]


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
    "advertisement", "newsletter", "newsletters", "sponsored", "sponsored content", "comments", "leave a comment", "leave a reply",
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
    longer counts as "the rest", so of two copies the earlier, complete one stays.
    """
    squashed = []
    for line in lines:
        words = _WORD.findall(line.casefold())
        cut = bool(_ELLIPSIS.search(line))
        if cut and len(words) > 3:
            words = words[:-1]  # the last word may be cut in the middle
        squashed.append("".join(words) if len(words) >= (6 if cut else 10) else None)
    if not any(squashed):
        return lines
    keep = [True] * len(lines)
    full = ["".join(_WORD.findall(line.casefold())) for line in lines]
    for i in range(len(lines) - 1, -1, -1):
        needle = squashed[i]
        if not needle:
            continue
        rest = "".join(f for j, f in enumerate(full) if j != i and keep[j])
        if needle in rest:
            keep[i] = False
    return [line for line, k in zip(lines, keep) if k]


def drop_duplicate_lines(lines: Lines, ctx: CleanContext) -> Lines:
    """Keep the first of lines repeated verbatim (a standfirst shown twice, a repeated label)."""
    seen: set[str] = set()
    out = []
    for line in lines:
        key = line_key(line)
        if key in seen:
            continue
        seen.add(key)
        out.append(line)
    return out


# --- 4. read-more link lines -----------------------------------------------------------

_READ_MORE = re.compile(
    r"^\W{0,3}(?:"
    r"read more|read also|also read|read next|see also|more on this|more on this story|related|related article|"
    r"related story|related coverage|recommended|watch|listen|click here|"
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
    "siga-nos", "iscriviti", "seguici",
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


def is_call_to_action(line: str) -> bool:
    """True for a short cookie / newsletter / subscribe / share / "follow us" line."""
    if len(line) > 300 or _words(line) > 30:
        return False
    s = line.casefold()
    if any(p in s for p in _CTA_PHRASES):
        return True
    if any(any(a in s for a in first) and any(b in s for b in second) for first, second in _CTA_PAIRS):
        return True
    return _words(line) <= 12 and sum(name in s for name in _SOCIAL) >= 3


def drop_calls_to_action(lines: Lines, ctx: CleanContext) -> Lines:
    """Drop short cookie / newsletter / subscribe / share / "follow us" lines."""
    return [line for line in lines if not is_call_to_action(line)]


_LEGAL = re.compile(
    r"^(?:©|\(c\)\s*\d|copyright\b|all rights reserved|tous droits réservés|alle rechte vorbehalten|"
    r"todos los derechos reservados|todos os direitos reservados|tutti i diritti riservati)|"
    r"(?:all rights reserved|tous droits réservés|alle rechte vorbehalten|derechos reservados|direitos reservados|"
    r"diritti riservati|mentions légales|politique de confidentialité|privacy policy|terms of (?:use|service)|"
    r"impressum|datenschutz)",
    re.IGNORECASE,
)


def drop_legal_lines(lines: Lines, ctx: CleanContext) -> Lines:
    """Drop short copyright / legal-notice lines ("© 2017 Site — Mentions légales")."""
    return [line for line in lines if not (len(line) < 250 and _LEGAL.search(line))]


# --- 6. template lines: in the page chrome, across the site ----------------------------


def drop_page_chrome_repeats(lines: Lines, ctx: CleanContext) -> Lines:
    """Drop short lines that occur as text 3+ times on the page (body copy + twice in chrome)."""
    short = {line for line in lines if len(line) <= 80 and _words(line) <= 8}
    if not short:
        return lines
    counts = ctx.page_text_counts(short)
    return [line for line in lines if counts.get(line, 0) < 3]


def drop_site_template(lines: Lines, ctx: CleanContext) -> Lines:
    """Drop lines the crawl has seen on many pages of this site (``SiteTemplates``)."""
    if ctx.templates is None or not ctx.site:
        return lines
    return [line for line in lines if not ctx.templates.is_template(ctx.site, line)]


PROCESSORS: tuple[Callable[[Lines, CleanContext], Lines], ...] = (
    normalize_lines,
    drop_title_lines,
    drop_search_labels,
    drop_repeated_top_lines,
    drop_list_titles,
    drop_read_more,
    drop_calls_to_action,
    drop_legal_lines,
    drop_page_chrome_repeats,
    drop_site_template,
    drop_duplicate_lines,
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
