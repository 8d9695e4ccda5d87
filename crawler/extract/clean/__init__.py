"""Cleanup of the extracted body: an ordered tuple of named line processors.

trafilatura finds the main block of a page, but what it returns still carries pieces of
page chrome that sit inside or next to that block. Each kind is removed by one small
processor ``(lines, ctx) -> lines`` named for its job, applied in the order of
``PROCESSORS`` (as web-poet's ``out=[...]`` processor lists). The processors are grouped
by family: page furniture (``chrome``), links and calls to action (``links``), repeated
text (``repeats``), a reader comment section (``comments``), a date line above the body
(``datelines``); ``chain`` holds the order. No rule names a site: they work from the
shape of the text, multilingual vocabulary, the page itself and the site-template counts.
"""

from crawler.extract.clean.chain import PROCESSORS, clean_lines
from crawler.extract.clean.chrome import (SEARCH_LABELS, LIST_TITLES, drop_bare_urls_and_stamps, drop_byline_lines,
                                          drop_legal_lines, drop_list_titles, drop_repeated_top_lines,
                                          drop_search_labels, drop_title_lines, drop_trailing_contact_lines,
                                          normalize_lines)
from crawler.extract.clean.comments import drop_comment_section, is_comment_opener
from crawler.extract.clean.context import CleanContext, LinkTexts
from crawler.extract.clean.datelines import drop_date_lines, is_date_line
from crawler.extract.clean.links import (drop_calls_to_action, drop_internal_link_lines, drop_link_lines,
                                         drop_read_more, is_call_to_action)
from crawler.extract.clean.repeats import drop_page_chrome_repeats, drop_site_template, drop_teaser_repeat

__all__ = [
    "LIST_TITLES", "PROCESSORS", "SEARCH_LABELS", "CleanContext", "LinkTexts", "clean_lines",
    "drop_bare_urls_and_stamps", "drop_byline_lines", "drop_calls_to_action", "drop_comment_section", "drop_date_lines", "drop_internal_link_lines",
    "drop_legal_lines", "drop_link_lines", "drop_list_titles", "drop_page_chrome_repeats", "drop_read_more",
    "drop_repeated_top_lines", "drop_search_labels", "drop_site_template", "drop_teaser_repeat",
    "drop_title_lines", "drop_trailing_contact_lines", "is_call_to_action", "is_comment_opener", "is_date_line", "normalize_lines",
]
