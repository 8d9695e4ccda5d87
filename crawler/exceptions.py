"""wirecrawl's named exceptions for the Scrapy shell, shared by the components that raise
them and the spider that counts them (as ``scrapy.exceptions`` is for Scrapy). Each is an
``IgnoreRequest``, so Scrapy treats it as one; the spider tells them apart by type."""

from scrapy.exceptions import IgnoreRequest


class RedirectLoop(IgnoreRequest):
    """A redirect whose target is already in the request's redirect chain."""


class TooManyRedirects(IgnoreRequest):
    """A redirect chain longer than ``REDIRECT_MAX_TIMES``."""


class RobotsForbidden(IgnoreRequest):
    """A request that the site's robots.txt forbids."""


class ListedUnchanged(IgnoreRequest):
    """A page not requested: its feed/sitemap date says it has not changed since its last fetch."""


class NotModified(IgnoreRequest):
    """A conditional request answered ``304 Not Modified``: nothing new to emit."""
