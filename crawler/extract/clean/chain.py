"""The cleanup chain: every processor, in the order it runs.

Order matters: each processor sees only what the earlier ones left (lines are
normalised first; the teaser check runs last, over the body that remains). This is the
one place the order is written; ``ExtractOptions.processors`` may replace it.
"""

from __future__ import annotations

from typing import Callable

from crawler.extract.clean.chrome import (drop_bare_urls_and_stamps, drop_byline_lines, drop_legal_lines,
                                          drop_list_titles, drop_repeated_top_lines, drop_search_labels,
                                          drop_title_lines, drop_trailing_contact_lines, normalize_lines)
from crawler.extract.clean.comments import drop_comment_section
from crawler.extract.clean.context import CleanContext
from crawler.extract.clean.datelines import drop_date_lines
from crawler.extract.clean.links import (drop_calls_to_action, drop_internal_link_lines, drop_link_lines,
                                         drop_read_more)
from crawler.extract.clean.repeats import drop_page_chrome_repeats, drop_site_template, drop_teaser_repeat
from crawler.extract.clean.shape import Lines


PROCESSORS: tuple[Callable[[Lines, CleanContext], Lines], ...] = (
    normalize_lines,
    drop_title_lines,
    drop_search_labels,
    drop_byline_lines,
    drop_date_lines,
    drop_repeated_top_lines,
    drop_comment_section,
    drop_list_titles,
    drop_read_more,
    drop_calls_to_action,
    drop_legal_lines,
    drop_bare_urls_and_stamps,
    drop_link_lines,
    drop_internal_link_lines,
    drop_page_chrome_repeats,
    drop_site_template,
    drop_trailing_contact_lines,
    drop_teaser_repeat,
)


def clean_lines(lines: Lines, ctx: CleanContext, processors=PROCESSORS) -> Lines:
    """Run ``processors`` in order over ``lines``.

    Args:
        lines: the extracted body, one paragraph per item.
        ctx: what is known about the page.
        processors: the chain, ``PROCESSORS`` by default.

    Returns:
        The cleaned lines.
    """
    for proc in processors:
        lines = proc(lines, ctx)
        if not lines:
            break
    return lines
