"""The bundled fictional news world, served on loopback for demos and end-to-end tests.

Nine outlets in French, English, German and Spanish and one Chinese or Japanese outlet
(each with its own template, timezone and date style) republish about ten fictional wire
dispatches with real desk edits, next to hard negatives (two market closes, two weather bulletins from one
template) and their own stories. Discovery surfaces (homepages, paginated sections, tag
and author pages, RSS, Atom, sitemap indexes, robots.txt), traps (an endless calendar,
tracking parameters, an aliased page) and bad pages (404, 500, redirect loop, binary,
empty, unclosed HTML, windows-1252 declared only in ``<meta charset>``) are all there.
The seed draws which outlets carry the web's awkward traits (``traits``: no metadata at
all, bodies split around ads, reader comments, zones stated only in the feed, briefs).
The world carries its own ground truth (``RunningWorld.expected``, see ``truth.Expected``).

Usage::

    from crawler.demo import build_world
    world = build_world(seed=0)                 # now defaults to datetime.now(UTC)
    with world.serve() as running:
        running.start_urls                      # one per site: homepage/RSS/Atom/sitemap/robots
        running.url("courrier", "/")            # absolute URL on one site
        running.requests                        # RequestLog of (site_key, method, path)
        running.expected                        # ground truth with real URLs

Pure standard library (``http.server`` in daemon threads); no Scrapy import, no network.
"""

from crawler.demo.server import RequestLog, RunningWorld
from crawler.demo.sites import Site
from crawler.demo.truth import Expected
from crawler.demo.world import DemoArticle, DemoWorld, build_world

__all__ = ["DemoArticle", "DemoWorld", "Expected", "RequestLog", "RunningWorld", "Site",
           "build_world"]
