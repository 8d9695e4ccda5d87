"""robots.txt read once per host, for its rules and its ``Sitemap:`` lines.

Scrapy's RobotsTxtMiddleware fetches each host's robots.txt and builds the
``ROBOTSTXT_PARSER`` from it. :class:`SitemapRobotParser` is Scrapy's own Protego parser
that also exposes the ``Sitemap:`` URLs (Protego reads them anyway); the middleware sends
it with Scrapy's ``robots_parsed`` signal, and the news spider answers by requesting those
sitemaps, so a host's robots.txt is not fetched a second time for them. Only with
``ROBOTSTXT_OBEY`` off does the spider fetch robots.txt itself, and reads it with
:func:`robots_sitemaps`, the same parser.
"""

from __future__ import annotations

from urllib.parse import urljoin

from scrapy.robotstxt import ProtegoRobotParser


class SitemapRobotParser(ProtegoRobotParser):
    """``ROBOTSTXT_PARSER``: Protego's rules, plus :attr:`sitemaps`."""

    @property
    def sitemaps(self) -> list[str]:
        """The ``Sitemap:`` values as written (possibly relative), in order."""
        return list(self.rp.sitemaps)


def absolute_sitemaps(sitemaps, robots_url: str) -> list[str]:
    """``Sitemap:`` values made absolute against the robots.txt URL, repeats dropped."""
    out: list[str] = []
    for value in sitemaps:
        url = urljoin(robots_url, value.strip()) if value and value.strip() else None
        if url and url not in out:
            out.append(url)
    return out


def robots_sitemaps(body: bytes, robots_url: str) -> list[str]:
    """The absolute ``Sitemap:`` URLs of a robots.txt body, in order, without repeats."""
    return absolute_sitemaps(SitemapRobotParser(body, None).sitemaps, robots_url)
