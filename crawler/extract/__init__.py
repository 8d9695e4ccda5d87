"""Article extraction: one page in, one clean ``Article`` out, without Scrapy.

``extract_article`` is the only entry point the pipelines use; ``ExtractOptions`` carries
every knob and ``SiteTemplates`` is the crawl-wide template learner it feeds. The stages
live in subpackages: ``body`` (decode, parse, trafilatura, DOM repairs), ``clean`` (the
line processors), ``metadata`` (title, authors, language, wire, JSON-LD), ``dates``;
``article`` runs them in order.

The names are loaded on first use (PEP 562), so a light module of this package — the site
line learner in ``crawler.extract.template``, which ``dedup`` shares — can be imported
without loading trafilatura.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from crawler.extract.article import extract_article
    from crawler.extract.options import ExtractOptions
    from crawler.extract.template import SiteTemplates

__all__ = ["ExtractOptions", "SiteTemplates", "extract_article"]

_HOMES = {"extract_article": "crawler.extract.article", "ExtractOptions": "crawler.extract.options",
          "SiteTemplates": "crawler.extract.template"}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value
    return value
