"""Article metadata read from the page: canonical URL, title, authors, wire agency, language.

Dates are not here (``crawler.extract.dates`` owns them). Everything works on the lxml
tree parsed once by ``body.decode`` and on the cleaned text; nothing here fetches or
raises on a bad page. ``jsonld`` is the page's one JSON-LD reader, also used by the dates
and by the spider's article detection.
"""

from crawler.extract.metadata.credits import (WIRE_NAMES, author_sources, find_authors, find_bylines, find_wire,
                                              split_authors, wire_name)
from crawler.extract.metadata.language import find_language, find_locale, guess_language
from crawler.extract.metadata.tags import canonical_url, meta_map
from crawler.extract.metadata.title import find_title

__all__ = [
    "WIRE_NAMES", "author_sources", "canonical_url", "find_authors", "find_bylines", "find_language", "find_locale",
    "find_title", "find_wire", "guess_language", "meta_map", "split_authors", "wire_name",
]
