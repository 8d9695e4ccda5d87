"""What the cleanup processors know about the page besides its lines.

``CleanContext`` is the one argument every processor gets next to the lines; the page's
text-node counts and link texts it carries are read from the tree lazily (``LinkTexts``,
``page_text_counter``), since most pages never need them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import urljoin, urlsplit

from lxml.etree import XPath
from lxml.html import HtmlElement

from crawler.extract.template import SiteTemplates
from crawler.items import site_of


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
            whole text node of the page (chrome included); ``page_text_counter``.
        link_texts: the whitespace-normalised texts of the page's longer links
            (``LinkTexts.texts``), built lazily.
        internal_link_texts: the same for links to other pages of the same site
            (``LinkTexts.internal``).
    """

    site: str = ""
    urls: tuple[str, ...] = ()
    headlines: tuple[str, ...] = ()
    title: str | None = None
    templates: SiteTemplates | None = None
    page_text_counts: Callable[[set[str]], Counter[str]] = field(default=lambda wanted: Counter())
    link_texts: Callable[[], frozenset[str]] = field(default=lambda: frozenset())
    internal_link_texts: Callable[[], frozenset[str]] = field(default=lambda: frozenset())

    @classmethod
    def of_page(cls, tree: HtmlElement, url: str, lines: list[str], *, site: str, title: str | None,
                canonical: str | None, templates: SiteTemplates | None) -> "CleanContext":
        """The context of ``lines`` extracted from ``tree``, the page fetched from ``url``."""
        links = LinkTexts(tree, url, lines)
        return cls(site=site, urls=(url, canonical or ""), title=title, headlines=headlines(tree),
                   templates=templates, page_text_counts=page_text_counter(tree),
                   link_texts=links.texts, internal_link_texts=links.internal)


_ALL_TEXT = XPath("//text()", smart_strings=False)


def page_text_counter(tree: HtmlElement):
    """``wanted lines -> Counter``: how often each line is a whole text node of the page.

    Chrome included; one pass over plain strings (no element proxies, no smart strings).
    """

    def counts(wanted: set[str]) -> Counter[str]:
        c: Counter[str] = Counter()
        if not wanted:
            return c
        longest = max(map(len, wanted)) + 40
        for t in _ALL_TEXT(tree):
            if len(t) <= longest:
                t = t.strip()
                if t in wanted:
                    c[t] += 1
        return c

    return counts


_LINKS = XPath("//a")


_KEY = 12  # a link text is looked at only when it opens like one of the body's lines
_LEAD = re.compile(r"^[-–—•·*>»]\s*")
# "Lea más: <headline>", "MIRA | <headline>": a label of up to four words, a separator, the rest.
_LABELLED = re.compile(r"^(?P<label>[^\W\d_][^\s:|»›]*(?: [^\s:|»›]+){0,3}?)\s*[:|»›]\s*(?P<rest>\S.*)$")


def labelled_rest(line: str) -> str | None:
    """What follows a short label and its separator ("Read also: ..."), or ``None``."""
    m = _LABELLED.match(line)
    return m.group("rest") if m and len(m.group("label")) <= 30 else None


class LinkTexts:
    """The page's link texts that open like a body line (whitespace-normalised), built lazily.

    The processors only ask whether a line, or its start, is the whole text of a link, so
    links are read only when their first ``_KEY`` characters open one of ``lines`` (less a
    bullet): one pass over the ``<a>`` elements, without building every link's text.
    ``texts()`` holds those of three words or more; ``internal()`` those of links to
    another page of the same site (a related story, a section), as opposed to external
    sources, shops or the page itself.

    Args:
        tree: the page.
        url: its URL, to resolve links and tell the same site.
        lines: the body lines; ``None`` to read every link.
    """

    def __init__(self, tree: HtmlElement, url: str, lines: list[str] | None = None):
        self._tree = tree
        self._url = url
        if lines is None:
            self._keys = None
        else:
            heads = [_LEAD.sub("", " ".join(line.split())) for line in lines]
            heads += [rest for rest in map(labelled_rest, heads) if rest]
            self._keys = {h[:_KEY] for h in heads} - {""}
        self._texts: frozenset[str] | None = None
        self._internal: frozenset[str] = frozenset()

    def _wanted(self, a: HtmlElement) -> str | None:
        keys = self._keys
        if keys is None:
            return " ".join(a.text_content().split())
        head = " ".join((a.text or "").split())
        if len(head) >= _KEY or not len(a):  # the first text node decides, or is the whole text
            return (head if not len(a) else " ".join(a.text_content().split())) if head[:_KEY] in keys else None
        text = " ".join(a.text_content().split())
        return text if text[:_KEY] in keys else None

    def _build(self) -> None:
        site, own = site_of(self._url), urlsplit(self._url).path.rstrip("/")
        texts, internal = set(), set()
        if self._keys is None or self._keys:
            for a in _LINKS(self._tree):
                t = self._wanted(a)
                if not t or t.count(" ") < 2:
                    continue
                texts.add(t)
                href = (a.get("href") or "").strip()
                if not href or href.startswith(("#", "javascript:", "mailto:")):
                    continue
                try:
                    target = urljoin(self._url, href)
                except ValueError:
                    continue
                if site_of(target) == site and urlsplit(target).path.rstrip("/") not in ("", own):
                    internal.add(t)
        self._texts, self._internal = frozenset(texts), frozenset(internal)

    def texts(self) -> frozenset[str]:
        """The link texts (three words or more) that open like a body line."""
        if self._texts is None:
            self._build()
        return self._texts  # type: ignore[return-value]

    def internal(self) -> frozenset[str]:
        """The same, for links to other pages of the same site."""
        if self._texts is None:
            self._build()
        return self._internal


_H1 = XPath("//h1")


def headlines(tree: HtmlElement) -> tuple[str, ...]:
    """The whitespace-normalised texts of the page's first few ``<h1>`` elements."""
    return tuple(" ".join(h.text_content().split()) for h in _H1(tree)[:3])
