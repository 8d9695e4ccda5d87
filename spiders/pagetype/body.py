"""The shape of a page's body: its own text, its main block of paragraphs, its teaser cards.

An article is a headline over a run of paragraphs, whatever tags or metadata the site
uses; a listing is many teaser cards (a linked heading over a short summary) and little
text of its own. Lengths are script-aware: a Chinese or Japanese character carries about
what three Latin letters do, a Hangul syllable about two, so thresholds made for Latin
text hold for CJK pages too.
"""

from __future__ import annotations

import re

from lxml import etree

from crawler.extract.script import weighted_len

BOILER = ("nav", "header", "footer", "aside", "form")
_HEADINGS = ("h2", "h3", "h4")
_HEADLINES = ("h1", "h2", "h3")
_BLOCK_CHILDREN = frozenset(("p", "div", "section", "article"))
# A group of blocks under a teaser card is a summary, not a body, below this length.
_CARD_TEXT = 600


_INVISIBLE = ("script", "style", "noscript", "template")


class TextMeter:
    """Lengths of the text a reader sees in the elements of one tree: no script, style,
    noscript or template content (inline scripts and JSON state inside a block are not its
    text). The elements holding such content are found once per tree.
    """

    def __init__(self, tree: etree._Element) -> None:
        self._dirty: set[etree._Element] = set()
        for hidden in tree.iter(*_INVISIBLE):
            up = hidden.getparent()
            while up is not None and up not in self._dirty:
                self._dirty.add(up)
                up = up.getparent()

    def text(self, el: etree._Element) -> str:
        """The visible text of ``el``."""
        if el not in self._dirty:
            return "" if el.tag in _INVISIBLE else "".join(el.itertext())
        out: list[str] = []

        def walk(e: etree._Element) -> None:
            if e.text:
                out.append(e.text)
            for child in e:
                if isinstance(child.tag, str) and child.tag not in _INVISIBLE:
                    walk(child)
                if child.tail:
                    out.append(child.tail)

        walk(el)
        return "".join(out)

    def length(self, el: etree._Element) -> int:
        """The weighted length of the visible text of ``el`` (:func:`weighted_len`)."""
        return weighted_len(self.text(el))


def boiler_elements(tree: etree._Element) -> set[etree._Element]:
    """Every element inside nav/header/footer/aside/form, found in one pass. A ``<form>``
    holding an ``<h1>`` wraps the page (as ASP.NET pages wrap their whole body), so it is
    not boilerplate; the boilerplate inside it still is."""
    return {d for b in tree.iter(*BOILER)
            if not (b.tag == "form" and next(b.iter("h1"), None) is not None)
            for d in b.iter()}


def _linked(el: etree._Element) -> bool:
    """Whether a heading links to another page (a teaser), not to a place on this one."""
    for a in el.iter("a"):
        href = (a.get("href") or "").strip()
        if href and not href.startswith("#"):
            return True
    parent = el.getparent()
    return parent is not None and parent.tag == "a" and not (parent.get("href") or "#").startswith("#")


def teaser_cards(tree: etree._Element, boiler: set[etree._Element]) -> set[etree._Element]:
    """The elements that hold a linked heading: teaser cards of a listing (or a related box)."""
    cards = set()
    for h in tree.iter(*_HEADINGS):
        if h in boiler or not _linked(h):
            continue
        parent = h.getparent()
        if parent is not None and parent.tag == "a":
            parent = parent.getparent()
        if parent is not None:
            cards.add(parent)
    return cards


def own_paragraph_chars(scope: etree._Element, boiler: set[etree._Element],
                        meter: TextMeter) -> tuple[int, int]:
    """Weighted characters and count of paragraphs of at least 80, not made of link text."""
    chars = count = 0
    for p in scope.iter("p"):
        if p in boiler:
            continue
        total = meter.length(p)
        linked = sum(meter.length(a) for a in p.iter("a"))
        own = total - linked
        if own >= 80 and linked <= total / 2:
            chars += own
            count += 1
    return chars, count


Run = tuple[int, int, "etree._Element | None"]  # weighted characters, blocks, container


def body_block(tree: etree._Element, boiler: set[etree._Element], cards: set[etree._Element],
               meter: TextMeter) -> tuple[Run, Run]:
    """The page's main run of text (weighted characters, block count, container), and the
    run that sibling containers of any size make together.

    An article's body is a run of paragraphs under one container (``<p>`` or, on some
    CMSs, text-only ``<div>`` blocks); a listing's text is spread over one summary per
    teaser card, each under its own parent. So the biggest same-parent group tells a body
    from a page of summaries. A body split in two or more sibling containers (paragraphs
    around an ad or a related-links box) is one run: groups of two or more blocks whose
    containers share a parent are added up. Short groups inside teaser cards are summaries.
    The second run also adds up single-paragraph containers (a brief of three paragraphs cut
    one and two by an ad); the caller asks it to sit right under a headline, which a row of
    summaries does not.
    """
    groups: dict[etree._Element, list[int]] = {}
    for el in tree.iter("p", "div", "section"):
        if el in boiler:
            continue
        if el.tag == "section" or el.tag == "div" and any(
                isinstance(c.tag, str) and c.tag in _BLOCK_CHILDREN for c in el):
            # A container: only lines written directly in it and split by ``<br>`` (as
            # some blog engines write a post) are a block of its own.
            if not any(c.tag == "br" for c in el):
                continue
            total = weighted_len((el.text or "") + "".join(c.tail or "" for c in el))
            linked = 0
        else:
            total = meter.length(el)
            linked = sum(meter.length(a) for a in el.iter("a")) if total >= 80 else 0
        if total < 80:
            continue
        if linked > total / 3:
            continue
        parent = el.getparent()
        if parent is not None:
            group = groups.setdefault(parent, [0, 0])
            group[0] += total - linked
            group[1] += 1
    groups = {p: g for p, g in groups.items() if not (p in cards and g[0] < _CARD_TEXT)}
    if not groups:
        return (0, 0, None), (0, 0, None)
    best_parent = max(groups, key=lambda p: groups[p])
    best = (*groups[best_parent], best_parent)
    return _merged(groups, best, 2), _merged(groups, best, 1)


def _merged(groups: dict[etree._Element, list[int]], best: Run, min_blocks: int) -> Run:
    """``best``, or the larger run that groups of ``min_blocks`` or more make under one parent.
    Single-block groups count only when their container holds no heading and no link of
    its own (a teaser card's summary sits beside its heading or headline link; a body's
    paragraphs do not)."""
    merged: dict[etree._Element, list[int]] = {}
    for parent, (chars, count) in groups.items():
        grand = parent.getparent()
        if count < 2 and (next(parent.iter(*_HEADINGS), None) is not None
                          or any(c.tag == "a" for c in parent)):
            continue
        if count >= min_blocks and grand is not None:
            m = merged.setdefault(grand, [0, 0, 0])
            m[0] += chars
            m[1] += count
            m[2] += 1
    for grand, (chars, count, parts) in merged.items():
        if parts >= 2 and chars > best[0]:
            best = (chars, count, grand)
    return best


def headline_near(block: etree._Element | None, boiler: set[etree._Element], levels: int = 4) -> bool:
    """Whether a headline (``<h1>``, or the ``<h2>``/``<h3>`` post title of blog engines)
    sits within ``levels`` ancestors of the main block: the page's headline over its body,
    as on an article (a listing's ``<h1>`` names the section, far from any long run of text)."""
    if block is None:
        return False
    scope = block
    for _ in range(levels):
        if any(h not in boiler for h in scope.iter(*_HEADLINES)):
            return True
        scope = scope.getparent()
        if scope is None:
            return False
    return False


def time_elements(tree: etree._Element, boiler: set[etree._Element]) -> int:
    """How many ``<time>`` elements (or ``itemprop=datePublished``) lie outside the boiler:
    one or two date an article, one per teaser dates a listing."""
    return sum(1 for t in tree.xpath('//time | //*[@itemprop="datePublished"]') if t not in boiler)


# A printed date: 20.11.2026, 2026-11-20, 20/11/2026, 20 November 2026, November 20, 2026.
_PRINTED_DATE = re.compile(
    r"\b(?:\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d{2}|(?:19|20)\d{2}-\d{1,2}-\d{1,2}|"
    r"\d{1,2}\.?\s+[^\W\d_]{3,12}\.?\s+(?:19|20)\d{2}|[^\W\d_]{3,12}\.?\s+\d{1,2},?\s+(?:19|20)\d{2})\b")


def printed_date_near(block: etree._Element | None, boiler: set[etree._Element],
                      levels: int = 3) -> bool:
    """Whether a short line near the main block prints a date (a dateline or byline line:
    "20.11.2026", "Friday, November 20, 2026"), the way pages without date markup show
    when they were published."""
    if block is None:
        return False
    scope = block
    for _ in range(levels):
        parent = scope.getparent()
        if parent is None:
            break
        scope = parent
    for seen, el in enumerate(scope.iter()):
        if seen > 2000:
            break
        if not isinstance(el.tag, str) or el in boiler or el.tag in ("a", "script", "style"):
            continue
        text = (el.text or "").strip()
        if 6 <= len(text) <= 120 and _PRINTED_DATE.search(text):
            return True
    return False
