"""Structural boilerplate: what the page's markup says is not body, before and after trafilatura.

Line cleanup (``clean.py``) only sees text; some boilerplate is plain only in the DOM, and
the DOM says the same thing in every language. This module owns those structural rules:

* ``PRUNE_XPATH``: elements pruned from trafilatura's copy of the tree before it extracts
  (its ``prune_xpath``), so nothing is parsed twice. An article's own ``<header>`` holds the
  headline, the sub-headline summary (a teaser of the body), byline and date: fields, not
  body text. A ``<header>`` long enough to be a body is left alone.

Every rule is written against element roles and positions, never against a site.
"""

from __future__ import annotations

# The article's own header: headline, dek, byline, date. Only inside an <article> (a page
# header outside one is site chrome trafilatura already handles, and some layouts put the
# whole story in a page-level header); never one holding body-length text.
ARTICLE_HEADER = "//article//header[string-length(normalize-space(.)) < 1000]"

PRUNE_XPATH: tuple[str, ...] = (ARTICLE_HEADER,)
