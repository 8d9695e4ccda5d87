"""Structural boilerplate: what the page's markup says is not body, before and after trafilatura.

Line cleanup (``crawler.extract.clean``) only sees text; some boilerplate is plain only in the DOM, and
the DOM says the same thing in every language. This module owns those structural rules:

* ``PRUNE_XPATH``: elements pruned from trafilatura's copy of the tree before it extracts
  (its ``prune_xpath``), so nothing is parsed twice. An article's own ``<header>`` holds the
  headline, byline, date and kicker: fields, not body text (its paragraphs, its dek and its
  section labels stay). A ``<header>`` long enough to be a body is left alone. Sibling
  ``<article>`` elements nested in an article whose headings link elsewhere are other
  stories' cards (related posts). Blocks that schema.org microdata marks as the date or the
  author are metadata lines. Reader comment sections (named by id, class, ARIA or microdata, in every language) are
  never body.
* ``split_body_parts``: trafilatura keeps one body container; a story cut into several
  containers of the same tag and class loses its later parts. They are found again in the
  original tree (trafilatura works on a copy) from the container of the extracted text.
* ``restore_embedded_posts``: posts the article embeds (a tweet's ``<blockquote>``) are
  quoted body text; put back in place when a chrome-named wrapper made trafilatura drop
  them.
* ``lead_paragraphs``: the lead (standfirst) set apart between the headline and the body's
  container is the story's opening; it is put first, whether trafilatura left it out or
  appended it below the body.
* ``block_lines``: an element's text as the blocks a reader sees, to split back an
  ``<article>`` that trafilatura's rescue joined into one line (``body.main_text``).

Every rule is written against element roles and positions, never against a site. The
XPaths start with ``/descendant::`` rather than ``//``: libxml2 walks the tree once instead
of expanding ``descendant-or-self::node()/child::``.
"""

from __future__ import annotations

import logging
import re

from lxml.etree import XPath
from lxml.html import HtmlElement

from crawler.extract.script import CJK, CJK_WEIGHT, weighted_len
from crawler.extract.template import line_key

logger = logging.getLogger(__name__)

# The article's own header: headline, byline, date, kicker and share buttons: fields and
# chrome, not body. Only inside an <article> (a page header outside one is site chrome
# trafilatura already handles, and some layouts put the whole story in a page-level header);
# never one holding body-length text, nor one holding articles of its own (a forum's posts).
# What it says in sentences stays: its paragraphs (a story's opening, on blogs), its dek or
# summary (a sentence-long text: the story's own words, which readers and most corpora count
# as body), and a section label some layouts put there (a short ``<h2>`` to ``<h6>``), each
# with the element that holds it; the headline itself is the title field (``drop_title_lines``)
# and a picture's caption is no dek. Pruning deks and labels cost recall on unseen pages
# (``bench/extraction.py --ablation``).
_NORM = "normalize-space(.)"
_DEK_MIN = 60  # characters: a text this long is a sentence (a dek); shorter, a label or a field
_HEADINGS = "self::h2 or self::h3 or self::h4 or self::h5 or self::h6"
_SAYS = (f"text()[string-length({_NORM}) >= {_DEK_MIN}]"
         "[not(ancestor::h1 or ancestor::figure or ancestor::figcaption)]")
ARTICLE_HEADER = ("/descendant::header[ancestor::article][not(descendant::article)]"
                  "[string-length(normalize-space(.)) < 1000]"
                  "/descendant::*[not(self::p or ancestor::p or descendant::p)]"
                  f"[not(descendant-or-self::*/{_SAYS} or ancestor::*/{_SAYS})]"
                  f"[not(descendant-or-self::*[({_HEADINGS}) and string-length({_NORM}) <= {_DEK_MIN}])]"
                  f"[not(ancestor::*[({_HEADINGS}) and string-length({_NORM}) <= {_DEK_MIN}])]")

# Sibling <article> elements inside an article whose heading or picture links elsewhere: a list
# of other stories' cards (related posts, "more from"), not part of this one. A lone nested
# <article> may be the body itself, and siblings whose headings and pictures link nowhere are
# the story's own sections or list entries (a listicle's items, a guide's chapters), which stay.
_CARD_LINK = ("descendant::a[@href][descendant::img or descendant::*[self::h2 or self::h3 or self::h4 or self::h5]"
              " or ancestor::*[self::h2 or self::h3 or self::h4 or self::h5]]")
NESTED_STORY_CARDS = ("/descendant::article[ancestor::article][preceding-sibling::article or following-sibling::article]"
                      f"[{_CARD_LINK} or parent::a[@href] or child::*[1][self::a[@href]]]")

# schema.org microdata marking a block as the publication date or the author: metadata
# (read into fields elsewhere), not prose; only outside paragraphs, where it is a line.
MICRODATA_META = ("/descendant::*[@itemprop][@itemprop='datePublished' or @itemprop='dateModified' "
                  "or @itemprop='dateCreated' or @itemprop='author'][not(ancestor::p)]")

def _lower(expr: str) -> str:
    return f"translate({expr}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"


def _any_of(expr: str, words: tuple[str, ...]) -> str:
    return " or ".join(f"contains({expr}, '{w}')" for w in words)


# Reader comments: the thread, its form and the platforms' containers, in every language.
# trafilatura prunes only ids / classes that *start* with "comment"; a comment section is
# also named in the middle of a class ("article__comments", "js-comments"), in the
# language of the site ("kommentare", "comentarios"), by the embedding platform (Disqus,
# Coral, Facebook, Viafoura, OpenWeb), by ARIA ("aria-label='Comentarios'") or by
# schema.org microdata (a ``Comment`` / ``UserComments`` item, ``itemprop='comment'``).
# "commentary" / "commentator" name opinion pieces and their authors, and the German
# singular "Kommentar" is that genre too: neither counts. An element holding the <h1> is a
# page wrapper, never the thread, and one inside a code listing (``<pre>``, ``<code>``) is a
# comment of the code ("hljs-comment", "token comment"): the listing's own lines.
_ID_CLASS = _lower("concat(' ', @id, ' ', @class, ' ')")
_COMMENT_NAMES = ("comment", "kommentare", "leserkommentar", "kommentarbereich", "comentario", "disqus",
                  "coral_thread", "coral-", "fb-comments", "viafoura")
# ... nor a post container whose classes list its taxonomy ("category-comentarios", "tag-comments"),
# nor a live ticker's commentary ("live-match-comments"): that is the story.
_NOT_COMMENTS = ("commentar", "commentat", " tag-", " category-", "live-", "live_", "liveblog", "liveticker")
# Candidates first, from the attribute axis (an element without a matching attribute is never
# tested: testing every element's classes against the whole vocabulary cost 20 ms a page), then
# the full test on their elements.
_CHEAP = " or ".join(f"contains(., '{w}')" for w in ("omment", "oment", "OMMENT", "coral", "viafoura", "isqus"))
_CANDIDATES = ("(/descendant::*/@class[{0}] | /descendant::*/@id[{0} or . = 'respond'] | /descendant::*/@aria-label[{0}]"
               " | /descendant::*/@itemtype[contains(., 'Comment')] | /descendant::*/@itemprop[starts-with(., 'comment')]"
               " | /descendant::*/@data-spotim-module)").format(_CHEAP)
COMMENT_SECTIONS = (
    f"{_CANDIDATES}/parent::*["
    f"(({_any_of(_ID_CLASS, _COMMENT_NAMES)}) and not({_any_of(_ID_CLASS, _NOT_COMMENTS)}))"
    f" or {_any_of(_lower('@aria-label'), ('comment', 'kommentar', 'coment'))}"
    " or contains(@itemtype, 'schema.org/Comment') or contains(@itemtype, 'schema.org/UserComments')"
    " or @itemprop='comment' or @itemprop='comments' or @id='respond' or @data-spotim-module]"
    "[not(self::body or self::html or self::main)][not(descendant::h1)]"
    "[not(ancestor-or-self::pre or ancestor-or-self::code)]"
)

PRUNE_XPATH: tuple[str, ...] = (ARTICLE_HEADER, NESTED_STORY_CARDS, MICRODATA_META, COMMENT_SECTIONS)


# --- a body split across sibling containers --------------------------------------------

_P_STARTING = XPath("//p[starts-with(normalize-space(text()[1]), $start)]")
_H1 = XPath(".//h1")
_NOT_BODY = frozenset(("figure", "figcaption", "aside", "nav", "footer", "form", "header", "blockquote", "table"))
_BLOCKS = ("p", "h2", "h3", "h4")
_ANCHOR_MIN = 80  # a line this long is a paragraph, safe to look up in the page (``script.weighted_len``)
_PART_MIN = 100  # characters of paragraph text a sibling container needs to count as body (``script.weighted_len``)


def _container(p: HtmlElement) -> HtmlElement | None:
    """The nearest ancestor (up to three levels) of ``p`` that carries a class."""
    node = p.getparent()
    for _ in range(3):
        if node is None:
            return None
        if (node.get("class") or "").strip():
            return node
        node = node.getparent()
    return None


def _blocks(container: HtmlElement) -> list[str]:
    """The paragraph / subhead texts of ``container`` outside figures, asides and link lists."""
    out = []
    for el in container.iter(_BLOCKS):
        if any(a.tag in _NOT_BODY for a in el.iterancestors()):
            continue
        text = " ".join(el.text_content().split())
        if not text:
            continue
        link_len = sum(len(" ".join(a.text_content().split())) for a in el.iter("a"))
        if link_len > 0.5 * len(text):
            continue
        out.append(text)
    return out


def _common_ancestor(ancestors: list[HtmlElement], b: HtmlElement) -> HtmlElement | None:
    """The nearest of ``ancestors`` (kept alive, so lxml proxies compare by identity) above ``b``."""
    return next((x for x in b.iterancestors() if any(x is a for a in ancestors)), None)


_CARD_TAGS = frozenset(("li", "article", "aside", "section", "footer", "nav", "form"))
_COMMENTS = re.compile(r"comment|respond|reply|disqus|discussion", re.I)
_MAX_UP = 3


def _cousins(box_ancestors: list[HtmlElement], el: HtmlElement, top: HtmlElement) -> bool:
    """True when ``el`` sits as deep under ``top`` as the body box, at most ``_MAX_UP`` levels,
    in a branch without an ``<h1>`` and with no list item, separate article, aside or
    comment thread in between."""
    up = next(i for i, a in enumerate(box_ancestors, 1) if a is top)
    if up > _MAX_UP:
        return False
    path = []
    for a in el.iterancestors():
        if a is top:
            break
        path.append(a)
    if len(path) + 1 != up or _H1(path[-1] if path else el):
        return False  # not at the body's depth, or a branch with its own headline: another story
    return not any(a.tag in _CARD_TAGS or _COMMENTS.search(f"{a.get('class', '')} {a.get('id', '')}") for a in [el, *path])


def body_box(tree: HtmlElement, lines: list[str]) -> HtmlElement | None:
    """The element of ``tree`` that holds the extracted paragraphs, or ``None``.

    Found from the first text node of up to three long extracted lines (a paragraph
    opening with markup has another first text node), then the nearest ancestor with a
    class (``_container``): the one most of them are in, the innermost on a tie.
    """
    boxes: list[HtmlElement] = []
    for anchor in [line for line in lines if weighted_len(line) >= _ANCHOR_MIN][:3]:
        found = _P_STARTING(tree, start=" ".join(anchor.split())[:40])
        box = _container(found[0]) if found else None
        if box is not None:
            boxes.append(box)
    if not boxes:
        return None
    # the container most anchors are in; of those, the innermost (a lead in the article's
    # wrapper is no reason to take the wrapper for the body's box)
    return max(boxes, key=lambda b: (sum(x is b for x in boxes), sum(1 for _ in b.iterancestors())))


def split_body_parts(tree: HtmlElement, lines: list[str], box: HtmlElement | None = None) -> tuple[list[str], list[str]]:
    """Paragraphs of the body's sibling containers that trafilatura left out: (before, after).

    trafilatura keeps the first container that looks like a body; some layouts cut one
    story into several containers of the same tag and class (ads or embeds between
    them). The container of the extracted paragraphs is found in the page; every other
    element of the same tag and class is a part of the same body when it is a cousin
    (same depth under a common ancestor at most ``_MAX_UP`` levels up, no ``<h1>``, list
    item, separate article, aside or comment thread in its branch), that ancestor holds
    at most one ``<h1>`` (not a second story) and it has ``_PART_MIN`` characters of
    paragraph text that was not extracted yet.

    Args:
        tree: the page (not modified).
        lines: the lines trafilatura extracted.
        box: their container when already known (``body_box``).

    Returns:
        The missing paragraphs that come before and after the extracted container, in
        page order; both empty in the usual case.
    """
    box = box if box is not None else body_box(tree, lines)
    if box is None:
        return [], []
    box_ancestors = list(box.iterancestors())
    region = box_ancestors[min(_MAX_UP, len(box_ancestors)) - 1] if box_ancestors else box
    cls = box.get("class")
    same = [el for el in region.iter(box.tag) if el.get("class") == cls]  # document order
    if len(same) < 2:
        return [], []
    have = {line_key(line) for line in lines}
    before: list[str] = []
    after: list[str] = []
    seen_box = False
    for el in same:
        if el is box:
            seen_box = True
            continue
        if any(el is a for a in box_ancestors) or any(a is box for a in el.iterancestors()):
            continue
        top = _common_ancestor(box_ancestors, el)
        if top is None or not _cousins(box_ancestors, el, top) or len(_H1(top)) > 1:
            continue
        texts = [t for t in _blocks(el) if line_key(t) not in have]
        if sum(map(weighted_len, texts)) < _PART_MIN:
            continue
        (after if seen_box else before).extend(texts)
        have.update(map(line_key, texts))
    return before, after


# --- the lead between the headline and the body ----------------------------------------

_LEAD_UP = 4  # levels above the body's container where the headline and the lead may meet
_LEAD_WORDS = 12  # a lead is prose: a sentence, not a byline, a date or a credit
_WORD_LETTERS = 5  # a word is about five letters; a Chinese or Japanese character counts CJK_WEIGHT
_BLOCK_TAGS = frozenset(("p", "div", "section", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table",
                         "blockquote", "figure", "header", "article", "aside", "nav", "footer", "form"))
_CODE_TAGS = frozenset(("script", "style", "noscript", "template"))
_NOT_LEAD = frozenset(("figure", "figcaption", "aside", "nav", "footer", "form", "li", "table", "blockquote",
                       "button", "a", "h1", "svg", *_CODE_TAGS))
_MEDIA = XPath("boolean(descendant-or-self::*[self::img or self::picture or self::video or self::iframe])")
# What CMSs call a lead, and what they call the things around a headline that are not one.
_LEAD_NAME = re.compile(r"lead|dek|standfirst|summary|intro|teaser|chapo|excerpt|sub-?title|sub-?head|"
                        r"description|abstract|synopsis|deck", re.I)
_NOT_LEAD_NAME = re.compile(r"caption|credit|photo|image|picture|media|video|"
                            r"byline|author|autor|auteur|signature|firma|verfasser|dateline|date|time|meta|"
                            r"share|social|bio\b|related|promo|newsletter|subscri|sponsor|ad-|advert|"
                            r"comment|breadcrumb|tag", re.I)
_MENU_SEPARATORS = re.compile(r"\s[·|•›»]\s")  # "Share on Facebook · on X · by e-mail": a row of items


def _leaf_block(el: HtmlElement) -> bool:
    """A block element holding text only: no block inside it, and no script."""
    return el.tag in _BLOCK_TAGS and not any(d.tag in _BLOCK_TAGS or d.tag in _CODE_TAGS for d in el.iterdescendants())


_LINE_BLOCKS = _BLOCK_TAGS | {"h1", "li"}


def block_lines(el: HtmlElement) -> list[str]:
    """The texts of the blocks inside ``el`` that hold no other block, in page order: ``el``'s
    text as the lines a reader sees (scripts left out)."""
    out = []
    for d in el.iter(*_LINE_BLOCKS):
        if any(x.tag in _LINE_BLOCKS for x in d.iterdescendants()) or any(a.tag in _CODE_TAGS for a in d.iterancestors()):
            continue
        text = _norm(d)
        if text:
            out.append(text)
    return out


def _names(el: HtmlElement) -> str:
    return f"{el.get('class', '')} {el.get('id', '')}"


def _is_lead(el: HtmlElement, h1: HtmlElement, top: HtmlElement) -> bool:
    """Whether ``el``, a leaf block between the headline and the body, is the story's lead."""
    path = [el]
    for a in el.iterancestors():
        if a is top:
            break
        path.append(a)
    if any(x is h1 or x.tag in _NOT_LEAD for x in path):
        return False
    names = " ".join(_names(x) for x in path[:3])
    if _NOT_LEAD_NAME.search(names) and not _LEAD_NAME.search(_names(el)):
        return False
    # a block beside a picture is its caption, unless the page names it a lead
    return not (el.getparent() is not None and _MEDIA(el.getparent()) and not _LEAD_NAME.search(names))


def _reads_as_prose(el: HtmlElement, text: str) -> bool:
    """A sentence or more (not a byline, a date or a credit), mostly not link text, and not a
    row of items joined by separators."""
    if len(text.split()) < _LEAD_WORDS and len(CJK.findall(text)) * CJK_WEIGHT < _LEAD_WORDS * _WORD_LETTERS:
        return False
    linked = sum(len(_norm(a)) for a in el.iter("a"))
    return linked <= 0.5 * len(text) and len(_MENU_SEPARATORS.findall(text)) < 2


def lead_paragraphs(tree: HtmlElement, box: HtmlElement | None) -> list[str]:
    """The story's lead (standfirst) that sits between its ``<h1>`` and the body's container.

    Many layouts set the lead apart ("teaser", "intro", "chapo", "standfirst"): trafilatura
    keeps the container of the body and leaves it out, though it is the story's own opening.
    Taken: the leaf blocks (a paragraph, a ``<div>`` of text, a sub-headline) after the
    page's one ``<h1>`` and before the body's container, under their common ancestor at
    most ``_LEAD_UP`` levels above the container, that are prose (``_LEAD_WORDS`` words or
    more, mostly not link text, not a row of items joined by "·" or "|"), sit in no figure,
    list, aside, form or navigation, and are neither named nor placed like a caption, a
    byline, a date, a share bar or a related-story teaser (a lead's own name, "dek",
    "standfirst", "summary", wins over its wrapper's).
    """
    h1s = _H1(tree)
    if box is None or len(h1s) != 1:
        return []
    h1 = h1s[0]
    top = _common_ancestor(list(box.iterancestors())[:_LEAD_UP], h1)
    if top is None:
        return []
    out: list[str] = []
    started = False
    for el in top.iter():
        if el is h1:
            started = True
        elif el is box:
            break
        elif started and isinstance(el.tag, str) and _leaf_block(el) and _is_lead(el, h1, top):
            text = _norm(el)
            if _reads_as_prose(el, text):
                out.append(text)
    return out


def _lead_first(leads: list[str], lines: list[str]) -> list[str]:
    """``lines`` opening with ``leads``: put back when missing, moved up when the extractor
    kept them further down (its full cascade can append the lead after the body)."""
    keys = {line_key(t) for t in leads}
    return leads + [line for line in lines if line_key(line) not in keys]


# --- posts the article embeds (tweets...) lost with their wrapper ------------------------

_EMBEDS = XPath(
    ".//blockquote[contains(@class, 'twitter-tweet') or contains(@class, 'instagram-media') or "
    "contains(@class, 'tiktok-embed') or contains(@class, 'bluesky-embed') or contains(@class, 'mastodon-embed')]"
)


def _norm(el: HtmlElement) -> str:
    return " ".join(el.text_content().split())


_TEXT_AND_BREAKS = XPath(".//text() | .//br")
_OUTSIDE_P = XPath(".//text()[not(ancestor::p)]")
_WORDS = re.compile(r"\w+")


def _squash(text: str) -> str:
    return "".join(_WORDS.findall(text.casefold()))


def _embed_lines(quote: HtmlElement) -> list[str]:
    """An embedded post as lines: its paragraphs (a ``<br>`` ends a line, as trafilatura
    does), then its credit ("— Name (@handle) date", the text outside the paragraphs)."""
    out = []
    for p in quote.iter("p"):
        text = "".join(x if isinstance(x, str) else "\n" for x in _TEXT_AND_BREAKS(p))
        out.extend(t for t in (" ".join(part.split()) for part in text.split("\n")) if t)
    credit = " ".join("".join(_OUTSIDE_P(quote)).split())
    return out + ([credit] if credit else [])


def restore_embedded_posts(box: HtmlElement | None, lines: list[str]) -> list[str]:
    """``lines`` with the posts the article embeds (tweets, Instagram...) put back in place.

    The platforms' embed code is a ``<blockquote>`` of a known class; the article quotes
    the post, so it is body text, and trafilatura keeps it unless the site wraps it in
    a container named like chrome ("social-embed", "article-widget"). A post inside the
    body container whose text is missing from ``lines`` is inserted after the line of
    the paragraph that precedes it in the page.

    Args:
        box: the container of the extracted paragraphs (``body_box``), or ``None``.
        lines: the extracted lines.

    Returns:
        The lines, with the missing embedded posts inserted (``lines`` itself when none).
    """
    if box is None:
        return lines
    embeds = _EMBEDS(box)
    if not embeds:
        return lines
    have = _squash(" ".join(lines))
    missing = [q for q in embeds if (first := _squash(" ".join(_embed_lines(q)[:1]))[:60]) and first not in have]
    if not missing:
        return lines
    index: dict[str, int] = {}
    for i, line in enumerate(lines):
        index.setdefault(line_key(line), i)
    inserts: dict[int, list[str]] = {}
    pos = -1
    for el in box.iter("p", "blockquote", "h2", "h3", "h4", "li"):
        if any(el is q for q in missing):
            inserts.setdefault(pos, []).extend(_embed_lines(el))
            continue
        if any(a is q for a in el.iterancestors() for q in embeds):
            continue
        i = index.get(line_key(_norm(el)))
        if i is not None:
            pos = i
    out = list(inserts.get(-1, []))
    for i, line in enumerate(lines):
        out.append(line)
        out.extend(inserts.get(i, []))
    return out


def structural_repairs(tree: HtmlElement, lines: list[str], url: str) -> list[str]:
    """``lines`` with the embedded posts and split-body parts trafilatura dropped put back.

    Best effort: when a repair fails on a strange page, the extracted lines stand as they are.
    """
    try:
        box = body_box(tree, lines)
        lines = restore_embedded_posts(box, lines)
        before, after = split_body_parts(tree, lines, box)
        leads = lead_paragraphs(tree, box)
    except Exception as exc:  # a repair is best effort: the extracted body stands without it
        logger.warning("structural repair failed on %s: %r", url, exc)
        return lines
    lines = before + lines + after if before or after else lines
    return _lead_first(leads, lines) if leads else lines
