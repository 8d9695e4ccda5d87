"""Cleanup processors for repeated text: a teaser of the body, the page's and the site's templates.

A line that says again what the body says (a teaser cut with "..."), what the page's
chrome says several times, or what the crawl has seen on many pages of the site
(``SiteTemplates``) is not part of this article.
"""

from __future__ import annotations

import re
from collections import Counter

from crawler.extract.clean.context import CleanContext
from crawler.extract.clean.shape import Lines, edge_span

_WORD = re.compile(r"\w+")

_ELLIPSIS = re.compile(r"(?:\.\.\.|…|\[…\]|\[\.\.\.\])\s*$")


# --- teaser repeating the start of the body -----------------------------------------


def _squash(text: str) -> str:
    return "".join(_WORD.findall(text.casefold()))


def drop_teaser_repeat(lines: Lines, ctx: CleanContext) -> Lines:
    """Drop lines whose content repeats elsewhere in the body (a teaser, a summary cut with "...").

    Recognised by content, not markup: with case, spaces and punctuation squashed away, the
    line (less its ellipsis and a possibly cut last word) occurs in the rest of the body.
    Paragraph boundaries do not matter, so a teaser gluing the first paragraph to the start
    of the second is found. Lines are tried from the last one up and a dropped line no
    longer counts as "the rest", so of two copies the earlier, complete one stays. A whole
    line repeated only below the first two lines (a list or a recipe repeating an item)
    is content: every copy stays.
    """
    squashed: list[str | None] = []
    full_parts = []
    for line in lines:
        words = _WORD.findall(line.casefold())
        full_parts.append("".join(words))
        cut = bool(_ELLIPSIS.search(line))
        if cut and len(words) > 3:
            words = words[:-1]  # the last word may be cut in the middle
        squashed.append("".join(words) if len(words) >= (6 if cut else 10) else None)
    if not any(squashed):
        return lines
    full = "".join(full_parts)
    spans = []
    pos = 0
    for part in full_parts:
        spans.append((pos, pos + len(part)))
        pos += len(part)
    dropped: list[tuple[int, int]] = []

    def elsewhere(needle: str, own: tuple[int, int]) -> bool:
        start = full.find(needle)
        while start >= 0:
            end = start + len(needle)
            if all(end <= a or start >= b for a, b in [own, *dropped]):
                return True
            start = full.find(needle, start + 1)
        return False

    first_copy: dict[str, int] = {}
    for i, part in enumerate(full_parts):
        first_copy.setdefault(part, i)
    copies = Counter(full_parts)
    keep = [True] * len(lines)
    for i in range(len(lines) - 1, -1, -1):
        if squashed[i] and squashed[i] == full_parts[i] and first_copy[full_parts[i]] >= 2 and copies[full_parts[i]] > 1:
            continue  # a whole line repeated deep in the body (a list, a recipe, a table): content
        if squashed[i] and elsewhere(squashed[i], spans[i]):
            keep[i] = False
            dropped.append(spans[i])
    return [line for line, k in zip(lines, keep) if k]


# --- template lines: in the page chrome, across the site ----------------------------


def drop_page_chrome_repeats(lines: Lines, ctx: CleanContext) -> Lines:
    """Drop short edge lines that occur as text 3+ times on the page (here + twice in chrome).

    Only the runs of short lines before the first and after the last long paragraph are
    tried: a short line inside the body is a subhead, even when a page repeats it.
    """
    first, last = edge_span(lines)
    edges = set(lines[:first]) | set(lines[last + 1:])
    if not edges:
        return lines
    counts = ctx.page_text_counts(edges)
    return [line for i, line in enumerate(lines) if (first <= i <= last) or counts.get(line, 0) < 3]


def drop_site_template(lines: Lines, ctx: CleanContext) -> Lines:
    """Drop lines the crawl has seen on many pages of this site (``SiteTemplates``)."""
    if ctx.templates is None or not ctx.site:
        return lines
    return [line for line in lines if not ctx.templates.is_template(ctx.site, line)]
