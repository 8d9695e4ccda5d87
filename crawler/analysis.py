"""One HTML page analysed once: parsed, its links read, judged, and extracted if an article.

The spider needs a page's links and whether it is an article; the extractor needs the
article. Both read the same lxml tree here, so a page is parsed once, and this runs where
extraction runs — in the worker processes of ``crawler.pipelines.pool``, or in the
crawler's process with ``--workers 0`` — off the reactor's thread when there are workers.
``crawler.middlewares.PageAnalysisMiddleware`` hands responses to it and the spider reads
the result (``spiders.pages.PageAnalysis``) from the request's meta. No Scrapy import.
"""

from __future__ import annotations

import time
from typing import Mapping

from crawler.extract import ExtractOptions
from crawler.extract.article import extract_from_tree, parse_page
from spiders.pages import PageAnalysis, PageHints, classify, page_links


def analyse_page(body: bytes, url: str, headers: Mapping[str, str], *, options: ExtractOptions,
                 extract: bool = True, hints: PageHints | None = None) -> PageAnalysis | None:
    """Links, the article decision and, for an article, the extraction, on one parse.

    Args:
        body: the page as fetched.
        url: its URL.
        headers: response headers (plain mapping).
        options: extraction options (with the site template learner of this process).
        extract: whether to extract articles (``WIRECRAWL_EXTRACT_ENABLED``).
        hints: what the spider knew of the page when it asked for it (listed in a feed or
            sitemap, the site's URL-shape vote), for the article decision.

    Returns:
        A :class:`spiders.pages.PageAnalysis`, or ``None`` when the body is no parsable
        HTML page (the spider then looks at it itself).
    """
    t0 = time.perf_counter()
    tree, _ = parse_page(body, url, headers)
    if tree is None or not isinstance(getattr(tree, "tag", None), str):
        return None
    links = page_links(tree, url)
    decision = classify(tree, url, hints)
    article = extract_from_tree(tree, url, headers, options=options) if decision.is_article and extract else None
    return PageAnalysis(links, decision, article, time.perf_counter() - t0)
