"""One page in, one ``Article`` out: the stages of an extraction, in order.

decode (bytes to text, non-pages refused) -> parse (one lxml tree for every stage) ->
trafilatura's main text (on its own copy, pruned by ``body.structure``) -> structural
repairs (embedded posts, split bodies) -> cleanup (``clean.PROCESSORS``, feeding the
crawl's template learner) -> metadata (title, authors, language, wire) -> dates ->
``Article``. Bad pages never raise: the ``Article`` comes back with empty text and a
``reason``.
"""

from __future__ import annotations

import logging
from typing import Mapping

from lxml.html import HtmlElement

from crawler.extract import metadata
from crawler.extract.metadata import jsonld
from crawler.extract.body.decode import decode_html, not_html_reason, parse
from crawler.extract.body.main_text import body_lines
from crawler.extract.body.structure import structural_repairs
from crawler.extract.clean import PROCESSORS, CleanContext, clean_lines, is_date_line
from crawler.extract.dates import PageDates, find_page_dates
from crawler.extract.options import ExtractOptions
from crawler.items import Article, header_map, site_of

logger = logging.getLogger(__name__)

_DEFAULT_OPTIONS = ExtractOptions()


def extract_article(html: str | bytes, url: str, headers: Mapping | None = None, *,
                    options: ExtractOptions | None = None) -> Article:
    """Extract the cleaned article of one page.

    Args:
        html: the page, as fetched (bytes are decoded) or as text.
        url: the URL it was fetched from.
        headers: response headers (Scrapy's bytes headers or a plain mapping).
        options: how to extract; ``ExtractOptions()`` by default.

    Returns:
        An ``Article``; on a page without a body, with ``text=""`` and ``reason`` set
        (``"empty-page"``, ``"not-html"``, ``"unparsable"``, ``"no-body"``).
    """
    hdrs = header_map(headers)
    tree, reason = parse_page(html, url, hdrs)
    if tree is None:
        return Article(url=url, site=site_of(url), reason=reason)
    return extract_from_tree(tree, url, hdrs, options=options)


def parse_page(html: str | bytes | None, url: str, headers: Mapping | None = None
               ) -> tuple[HtmlElement | None, str | None]:
    """The page's tree, parsed once for every stage (and for whoever else reads the page).

    Args:
        html: the page, as fetched (bytes are decoded) or as text.
        url: the URL it was fetched from.
        headers: response headers (Scrapy's bytes headers or a plain mapping).

    Returns:
        ``(tree, None)``, or ``(None, reason)`` when it is no HTML page (``"empty-page"``,
        ``"not-html"``, ``"unparsable"``).
    """
    if html is None:
        return None, "empty-page"
    hdrs = header_map(headers)
    reason = not_html_reason(html, hdrs)
    if reason:
        logger.debug("%s: %s", reason, url)
        return None, reason
    tree = parse(decode_html(html, hdrs), url)
    return (None, "unparsable") if tree is None else (tree, None)


def extract_from_tree(tree: HtmlElement, url: str, headers: Mapping | None = None, *,
                      options: ExtractOptions | None = None) -> Article:
    """``extract_article`` on a tree already parsed by :func:`parse_page` (read, not changed)."""
    return _extract_tree(tree, url, header_map(headers), site_of(url), options or _DEFAULT_OPTIONS)


def _clean_body(tree: HtmlElement, url: str, site: str, title: str | None, canonical: str | None,
                options: ExtractOptions) -> tuple[str, str]:
    """trafilatura's lines, repaired and cleaned, as the article text (``""`` when none), and
    the date lines above the body that the cleanup drops (the dates stage still reads them)."""
    try:
        lines = body_lines(tree, url, options)
    except Exception as exc:  # trafilatura should not raise, but a crawl must not stop here
        logger.warning("trafilatura failed on %s: %r", url, exc)
        lines = None
    if not lines:
        return "", ""
    if options.repairs:
        lines = structural_repairs(tree, lines, url)
    ctx = CleanContext.of_page(tree, url, lines, site=site, title=title, canonical=canonical,
                               templates=options.templates)
    if options.templates is not None:
        options.templates.observe(site, lines)
    processors = options.processors if options.processors is not None else PROCESSORS
    datelines = "\n".join(line for line in lines[:3] if is_date_line(line))
    return "\n".join(clean_lines(lines, ctx, processors)), datelines


def _extract_tree(tree: HtmlElement, url: str, hdrs: dict[str, str], site: str, options: ExtractOptions) -> Article:
    ld = jsonld.read(tree)
    metas = metadata.meta_map(tree)
    title = metadata.find_title(tree, metas, ld, site)
    canonical = metadata.canonical_url(tree, url)
    raw_authors = metadata.author_sources(metas, ld)
    bylines = [] if raw_authors else metadata.find_bylines(tree)  # the DOM search is the costly one
    authors_raw = metadata.find_authors(raw_authors or bylines[:1])
    text, datelines = _clean_body(tree, url, site, title, canonical, options)
    language = metadata.find_language(tree, metas, hdrs, text)
    wire = metadata.find_wire(text, raw_authors + bylines)
    authors = tuple(a for a in authors_raw if metadata.wire_name(a) is None)
    dates = PageDates()
    try:
        dated_text = "\n".join(filter(None, (datelines, text))) if text else None
        locale = metadata.find_locale(tree, metas, hdrs, language)  # "en-GB": numeric dates day first
        dates = find_page_dates(tree, url=url, text=dated_text, language=locale or language,
                                fetched_at=options.fetched_at, default_tz=options.timezone_for(site))
    except Exception as exc:  # dates are best effort; a bad date never loses the article
        logger.warning("find_dates failed on %s: %r", url, exc)
    zone = None
    if dates.published is not None:
        zone = "stated" if dates.published_stated else options.zone_known_by(site)
    return Article(
        url=url, canonical_url=canonical, site=site, title=title, text=text,
        published=dates.published, modified=dates.modified, authors=authors, language=language,
        wire=wire, reason=None if text else "no-body", published_zone=zone,
        published_local=dates.published_local, modified_local=dates.modified_local,
        stated=dates.stated,
    )
