"""wirecrawl's Scrapy project module and its pure article core (``crawler.extract``)."""

__version__ = "0.1.0"
