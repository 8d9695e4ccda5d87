"""The ``wirecrawl`` command line: parsing and commands (:mod:`.main`), user input checked
and turned into settings (:mod:`.options`), the crawl run with Scrapy (:mod:`.runner`)."""

from crawler.cli.main import main

__all__ = ["main"]
