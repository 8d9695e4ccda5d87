"""Article extraction: one page in, one clean ``Article`` out, without Scrapy.

``extract_article`` is the only entry point the pipelines use; ``ExtractOptions`` carries
every knob and ``SiteTemplates`` is the crawl-wide template learner it feeds. The stages
live in subpackages: ``body`` (decode, parse, trafilatura, DOM repairs), ``clean`` (the
line processors), ``metadata`` (title, authors, language, wire, JSON-LD), ``dates``;
``article`` runs them in order.
"""

from crawler.extract.article import extract_article
from crawler.extract.options import ExtractOptions
from crawler.extract.template import SiteTemplates

__all__ = ["ExtractOptions", "SiteTemplates", "extract_article"]
