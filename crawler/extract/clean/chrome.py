"""Cleanup processors for page furniture: labels, titles, bylines, footers, leaked metadata.

Lines that are not prose but the page's own furniture caught inside the main block:
the headline repeated, search-box labels, sidebar titles ("Latest news"), a byline,
legal footer links, a bare URL or timestamp, the reporter's contact lines. Each rule
works from the shape of the line and multilingual vocabulary, never from a site.
"""

from __future__ import annotations

import re

from crawler.extract.clean.context import CleanContext
from crawler.extract.clean.shape import Lines, edge_span, word_count
from crawler.extract.metadata.credits import wire_name
from crawler.extract.template import line_key


# --- shape ------------------------------------------------------------------------


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
    body text; the displayed headline may differ from the metadata title).

    A page with several ``<h1>`` uses them as section headings: there the headline is the one
    the title repeats (or that repeats the title), and the others are body.
    """
    title = line_key(ctx.title) if ctx.title else ""
    heads = [line_key(h) for h in ctx.headlines if h]
    if len(heads) > 1:
        heads = [h for h in heads if title and (h in title or title in h)]
    keys = {k for k in (title, *heads) if k}
    if not keys:
        return lines
    return [line for line in lines if line_key(line) not in keys]


# --- search labels, lines repeated at the top ---------------------------------------

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


# --- sidebar / list titles ----------------------------------------------------------

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
    # zh / ja: tags and keywords
    "标签", "关键词", "關鍵詞", "タグ", "キーワード",
)
LIST_TITLES = frozenset(line_key(s) for s in _LIST_TITLES)


def _is_list_title(line: str) -> bool:
    key = line_key(line).rstrip(" :.-–—»›>")
    return key in LIST_TITLES


_LABEL_ITEMS = re.compile(r"^(?P<label>[^:：]{2,40})[:：]\s*(?P<items>\S.*)$")
_ITEMS_MAX_WORDS = 8


def _is_labelled_list(line: str) -> bool:
    """"Tags: economy, inflation", "Mots-clés : sport", "キーワード： 交通": a list title, then its
    few items (no sentence)."""
    m = _LABEL_ITEMS.match(line)
    return bool(m and _is_list_title(m.group("label")) and word_count(m.group("items")) <= _ITEMS_MAX_WORDS
                and len(m.group("items")) <= 80 and not is_sentence(m.group("items")))


def drop_list_titles(lines: Lines, ctx: CleanContext) -> Lines:
    """Drop sidebar / list titles ("Dernières Infos", "Most read", "Lo más leído"), alone or
    followed by their few items ("Mots-clés : sport")."""
    return [line for line in lines if not ((len(line) <= 60 and _is_list_title(line)) or _is_labelled_list(line))]


# --- footer and leaked metadata ------------------------------------------------------


_LEGAL = re.compile(  # footer navigation, not a copyright notice (those are part of a body)
    r"mentions légales|politique de confidentialité|conditions générales|privacy policy|terms of (?:use|service)|"
    r"cookie policy|impressum|datenschutz|nutzungsbedingungen|aviso legal|política de privacidad|"
    r"informativa sulla privacy|política de privacidade",
)  # matched against the case-folded line (faster than IGNORECASE over an alternation)


_SENTENCE_END = (".", "!", "?", ".»", ".\"", ".”", ".)")


def is_sentence(line: str) -> bool:
    """Whether ``line`` ends like a sentence (prose), not like a label or a link list."""
    return line.rstrip().endswith(_SENTENCE_END)


def drop_legal_lines(lines: Lines, ctx: CleanContext) -> Lines:
    """Drop short footer lines that link legal pages ("© 2017 Site — Mentions légales — Contact").

    A footer's link list is no sentence; a sentence naming the privacy policy ("See point 12
    of the privacy policy.") is prose, kept wherever it is.
    """
    return [line for line in lines if not (len(line) < 250 and not is_sentence(line) and _LEGAL.search(line.casefold()))]


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
    first, last = edge_span(lines)
    own = {_url_key(u) for u in ctx.urls if u}
    return [line for i, line in enumerate(lines)
            if not _BARE.match(line) or (first <= i <= last and _url_key(line) not in own)]


# "By Jane Doe", "Par Jean Dupont et Marie Curie |", "Von Anna Müller", "Por Ana Belén Prieto · Madrid",


# "Di Marco Rossi": a byline marker, capitalised name words, at most a short tail after a separator.
_NAME = r"[A-ZÀ-ÖØ-Þ][\w'’.-]+(?:\s+[A-ZÀ-ÖØ-Þ][\w'’.-]+){0,4}"
# "Par la rédaction", "By Staff", "Von der Redaktion": the newsroom signs
_NEWSROOM = (r"(?i:(?:the|la|le|der|die|el|il|de|a)\s+)?(?i:staff|newsroom|editors|editorial staff|"
             r"rédaction|redaktion|redacción|redazione|redactie|redação|redaccion)")
_BYLINE = re.compile(
    rf"^(?i:by|par|por|von|di|door|af|av)\s+(?:{_NEWSROOM}|{_NAME})"
    rf"(?:\s*,?\s+(?i:and|et|und|y|e|en|og)\s+{_NAME})?"
    r"\s*(?:[·|•,/–—-]\s*[^.!?]{0,30})?$"
)


# "記者： 山下健太", "记者：王磊", "文：李娜": a Chinese or Japanese reporter's label and a name;
# "編集局", "本报编辑部": the newsroom signs
_CJK_BYLINE = re.compile(r"^(?:(?:記者|记者|文|撰文|编辑|編集|作者|写真|摄影)\s*[:：]\s*\S{1,12}(?:\s\S{1,12})?"
                         r"|(?:本报|本紙)?(?:编辑部|編集局|編集部))$")


def drop_byline_lines(lines: Lines, ctx: CleanContext) -> Lines:
    """Drop a byline among the first two lines ("Por Ana Belén Prieto ·", "By Jane Doe |").

    The names go to ``Article.authors`` from the page's metadata; in the body they are
    chrome. Only short lines (≤ 12 words) without a sentence end, whose words after the
    marker start with capitals, so "Por primera vez, ..." or "By Monday the deal ..." stay.
    """
    out = []
    for i, line in enumerate(lines):
        text = line.strip()
        if i < 2 and word_count(text) <= 12 and not text.endswith((".", "!", "?", ":")) and (
                _BYLINE.match(text) or _CJK_BYLINE.match(text) or wire_name(text.strip(" ()")) is not None):
            continue  # a byline, or the agency alone credited ("AFP")
        out.append(line)
    return out


_CONTACT = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|(?<![\w@])@\w{2,}|(?:twitter|x|instagram|facebook|tiktok)\.com/\w", re.I)
_QUOTE_CREDIT = ("—", "–")
_CONTACT_WORDS = 8  # a contact line this short goes even when it ends with a period


def drop_trailing_contact_lines(lines: Lines, ctx: CleanContext) -> Lines:
    """Drop contact / follow lines among the last three: an e-mail address, an @handle or a
    social profile URL ("Reach the reporter at ...", "Follow her @name", "paul@paper.test").

    Language-neutral (addresses and handles look the same everywhere). Such a line is
    short and no sentence: a line of prose that gives an address ("For details call ... or
    write to info@town.test.") is the article's, kept unless it is very short. An embedded
    post keeps its lines: one followed by its "— Name (@handle) date" credit, the credit
    itself and one carrying a post link (``pic.twitter.com``, ``t.co/``).
    """
    n = len(lines)
    out = []
    for i, line in enumerate(lines):
        words = word_count(line)
        if i >= n - 3 and (words <= _CONTACT_WORDS or (words <= 30 and not is_sentence(line))) and _CONTACT.search(line):
            after = lines[i + 1].lstrip() if i + 1 < n else ""
            quoted = (line.lstrip().startswith(_QUOTE_CREDIT + ("-",)) or after.startswith(_QUOTE_CREDIT)
                      or "pic.twitter.com" in line or "t.co/" in line)
            if not quoted:
                continue
        out.append(line)
    return out
