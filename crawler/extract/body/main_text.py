"""trafilatura's main text of the parsed page, as lines.

trafilatura is run on the tree parsed once by ``body.decode``, with the structural
prune list of ``body.structure``; fast mode first, its full cascade only when the fast
result does not look like an article body. Lengths are script-aware: on a page written
in Chinese or Japanese a character says about what three Latin letters do, so trafilatura's
"too short, rescue with the whole page" threshold (``min_extracted_size``, 250 characters)
and our own plausibility length are divided by three there; otherwise every short CJK
brief would be replaced by the page's full text (byline, tags, newsletter box).
"""

from __future__ import annotations

import logging
import unicodedata
from functools import lru_cache

from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura import bare_extraction
from trafilatura.settings import Extractor

from crawler.extract.body.structure import PRUNE_XPATH, block_lines
from crawler.extract.options import ExtractOptions
from crawler.extract.script import CJK, CJK_WEIGHT

logger = logging.getLogger(__name__)


_CJK_SAMPLE = 4000   # characters of the page's text enough to tell its script


@lru_cache(maxsize=32)
def _extractor(favor_precision: bool, favor_recall: bool, include_tables: bool, fast: bool,
               cjk: bool = False) -> Extractor:
    ex = Extractor(output_format="python", precision=favor_precision, recall=favor_recall,
                   comments=False, tables=include_tables, fast=fast)
    if cjk:
        ex.min_extracted_size //= CJK_WEIGHT
    return ex


def is_cjk_page(tree: HtmlElement) -> bool:
    """Whether most letters of the page's text are Chinese or Japanese characters."""
    body = next(tree.iter("body"), tree)
    pieces, size = [], 0
    for piece in body.itertext():
        pieces.append(piece)
        size += len(piece)
        if size >= _CJK_SAMPLE:
            break
    sample = "".join(pieces)[:_CJK_SAMPLE]
    letters = sum(ch.isalpha() for ch in sample)
    return letters > 0 and len(CJK.findall(sample)) * 2 > letters


# A fast result shorter than this may be a miss: try the full cascade. Fast mode keeps the first
# container that looks like a body; a story continued in plain blocks after it (a lead in the
# marked container, the rest in <div>s) comes back as one or two paragraphs. At 500 characters
# those passed as a body and cost recall on unseen pages (issue 10; bench/extraction.py --ablation).
_FAST_MIN_CHARS = 1000
_FAST_MIN_PROSE = 0.5  # ... and one with less than this share of its text in sentences is a menu
_PROSE_WORDS = 8
_PROSE_CHARS = 60


def looks_like_body(text: str, cjk: bool = False) -> bool:
    """Whether a fast-mode extraction is plausibly the article: long enough and mostly prose.

    A result made of short lines (menus, link lists) is what trafilatura's main extractor
    returns when it missed the article; its full cascade (readability / justext
    comparison) then has a better chance.
    """
    if len(text) * (CJK_WEIGHT if cjk else 1) < _FAST_MIN_CHARS:
        return False
    prose = sum(len(line) for line in text.split("\n")
                if line.count(" ") + 1 >= _PROSE_WORDS or len(line) >= _PROSE_CHARS)  # CJK: no spaces
    return prose >= _FAST_MIN_PROSE * len(text)


def _one_line(text: str) -> bool:
    return "\n" not in text.strip()


def body_lines(tree: HtmlElement, url: str, options: ExtractOptions) -> list[str] | None:
    """trafilatura's main text of ``tree`` as lines (comments excluded), or ``None``.

    trafilatura runs first in fast mode (its main extractor alone, without comparing
    with readability / justext); only when that result does not look like an article
    body (``looks_like_body``), or is one line (fast mode's whole-page rescue: every text
    of the page joined, ads and share buttons too), does the full cascade run; a one-line
    fast result stays when the full cascade's is one line too. ``options.fast_first=False``
    runs the full cascade directly.
    """
    prune = list(PRUNE_XPATH if options.prune_xpath is None else options.prune_xpath)
    knobs = (options.favor_precision, options.favor_recall, options.include_tables)
    cjk = is_cjk_page(tree)
    doc = bare_extraction(tree, url=url, options=_extractor(*knobs, options.fast_first, cjk), prune_xpath=prune)
    one_line = doc is not None and bool(doc.text) and _one_line(doc.text)
    if options.fast_first and (doc is None or not doc.text or one_line or not looks_like_body(doc.text, cjk)):
        logger.debug("fast extraction not plausible (%d chars), full cascade: %s", len(doc.text or "") if doc else 0, url)
        full = bare_extraction(tree, url=url, options=_extractor(*knobs, False, cjk), prune_xpath=prune)
        if full is not None and full.text and not (one_line and _one_line(full.text)):
            doc = full
    if doc is None or not doc.text:
        return None
    text = unicodedata.normalize("NFC", doc.text)
    return (_split_joined(tree, text) if _one_line(text) else None) or text.split("\n")


_ARTICLES = XPath("//article[not(ancestor::article)]")


def _split_joined(tree: HtmlElement, text: str) -> list[str] | None:
    """An ``<article>``'s text that trafilatura's rescue joined into one line, split back
    into the article's blocks it is made of (lead, byline, paragraphs...), or ``None``.

    The rescue takes a whole ``<article>`` as one string; the cleanup reads lines, and a
    share bar or a byline glued to the lead is no line it can drop.
    """
    flat = " ".join(text.split())
    for article in _ARTICLES(tree):
        lines, pos = [], 0
        for block in block_lines(article):  # the blocks the line is made of, in order
            if flat.startswith(block, pos):
                lines.append(block)
                pos += len(block) + 1
        if len(lines) > 1 and pos == len(flat) + 1:
            return lines
    return None
