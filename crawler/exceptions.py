"""wirecrawl's named exceptions for the Scrapy shell, shared by the components that raise
them and the spider that counts them (as ``scrapy.exceptions`` is for Scrapy)."""

from scrapy.exceptions import IgnoreRequest


class RedirectLoop(IgnoreRequest):
    """A redirect whose target is already in the request's redirect chain."""
