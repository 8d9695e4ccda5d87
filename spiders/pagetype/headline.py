"""The page's own headline: the heading its title names, and whether its URL spells it.

A reader tells a short news brief from a section page by what the page is about: one
story, whose headline stands over the text, is repeated in the browser tab (``<title>``,
``og:title``, usually with the site's name around it) and is spelled in the URL's slug. A
section or hub page is about many stories: its heading names the section (a word or two)
and its title the section and the site. So a sentence-long heading that the page's title
repeats is the page's headline, and a slug that spells most of it confirms it; neither
needs any date or type markup.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote, urlsplit

from lxml import etree

from crawler.extract.script import weighted_len

_WORD = re.compile(r"\w+")
# A headline is a sentence, not a section's name: this many words (or, in CJK text, this
# weighted length) at least.
MIN_WORDS = 4
MIN_WEIGHTED = 24
_MIN_TITLE = 20  # a title this long, contained in a longer heading, names it too
_SLUG_WORD = re.compile(r"[^\W\d_]{3,}")


def _words(text: str) -> str:
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def _titles(tree: etree._Element) -> list[str]:
    title = next(tree.iter("title"), None)
    titles = [title.text_content()] if title is not None else []
    for m in tree.iter("meta"):
        if (m.get("property") or m.get("name") or "").lower() in ("og:title", "twitter:title"):
            titles.append(m.get("content") or "")
    return [t for t in map(_words, titles) if t]


def titled_headline(tree: etree._Element) -> etree._Element | None:
    """The first ``<h1>`` (else ``<h2>``/``<h3>``, the post title of blog engines) that reads
    as a sentence and that the page's ``<title>`` or ``og:title`` repeats, or ``None``."""
    titles = _titles(tree)
    if not titles:
        return None
    for level in (("h1",), ("h2", "h3")):
        for h in tree.iter(*level):
            text = " ".join(h.text_content().split())
            words = _words(text)
            if len(words.split()) < MIN_WORDS and weighted_len(text) < MIN_WEIGHTED:
                continue
            if any(words in t or (len(t) >= _MIN_TITLE and t in words) for t in titles):
                return h
    return None


def slug_spells(url: str, headline: str, min_shared: int = 3) -> bool:
    """Whether the URL's last path segment spells the headline: at least ``min_shared`` of
    its words (of three letters or more) are headline words, and they are most of the slug."""
    segments = [s for s in unquote(urlsplit(url).path).split("/") if s]
    if not segments:
        return False
    slug = {w for w in _SLUG_WORD.findall(segments[-1].casefold())}
    shared = slug & set(_words(headline).split())
    return len(shared) >= min_shared and 2 * len(shared) >= len(slug)


def under(headline: etree._Element, block: etree._Element | None, levels: int = 4) -> bool:
    """Whether ``block`` (the page's main run of text) sits within ``levels`` ancestors of
    ``headline``: the headline stands over that text, not over a page of teasers."""
    scope = block
    for _ in range(levels):
        if scope is None:
            return False
        if any(d is headline for d in scope.iter(headline.tag)):
            return True
        scope = scope.getparent()
    return False
