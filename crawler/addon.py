"""wirecrawl inside someone else's Scrapy project: the add-on, and the settings defaults it brings.

A Scrapy project (Scrapy ≥ 2.10 add-ons) gets wirecrawl by one setting::

    ADDONS = {"crawler.addon.Addon": 0}
    WIRECRAWL_OUTPUT_DIR = "runs/today"        # optional: the run directory

``Addon.update_settings`` adds wirecrawl's item pipelines (warc → extract → filter → group →
write) and the ``RunReport`` extension, and declares every ``WIRECRAWL_*`` setting with its
default from ``crawler/settings.py`` at the ``addon`` priority, so the project's own values
win. The project's spiders yield items carrying a page (``url``, ``body`` or ``html``,
``headers``; see ``crawler.pipelines.pages``).

A project that lists the pipelines in ``ITEM_PIPELINES`` itself, without the add-on, works
too: every wirecrawl component reads its settings through :func:`with_defaults`, so a
``WIRECRAWL_*`` setting the project does not set has its declared default.
"""

from __future__ import annotations

from typing import Any

from scrapy.settings import BaseSettings, Settings

from crawler import settings as declared

PIPELINES = {
    "crawler.pipelines.warc.WarcPipeline": 50,
    "crawler.pipelines.extract.ExtractPipeline": 100,
    "crawler.pipelines.zones.ZonePipeline": 150,
    "crawler.pipelines.filter.FilterPipeline": 200,
    "crawler.pipelines.group.GroupPipeline": 300,
    "crawler.pipelines.write.WritePipeline": 900,
}
EXTENSIONS = {"crawler.extensions.RunReport": 500}


def wirecrawl_defaults() -> dict[str, Any]:
    """Every ``WIRECRAWL_*`` setting declared in ``crawler/settings.py``, with its default."""
    return {k: getattr(declared, k) for k in dir(declared) if k.startswith("WIRECRAWL_")}


def with_defaults(settings: BaseSettings) -> BaseSettings:
    """``settings`` with each ``WIRECRAWL_*`` setting it lacks set to its declared default."""
    defaults = wirecrawl_defaults()
    if all(k in settings for k in defaults):
        return settings  # wirecrawl's own settings module, or the add-on, is in place
    out = Settings()
    for name, value in defaults.items():
        out.set(name, value, "default")
    out.update(settings)
    return out


class Addon:
    """The Scrapy add-on: wirecrawl's pipelines, its run report, and its settings' defaults."""

    def update_settings(self, settings: BaseSettings) -> None:
        for name, value in wirecrawl_defaults().items():
            settings.set(name, value, "addon")
        for path, order in PIPELINES.items():
            settings["ITEM_PIPELINES"][path] = order
        for path, order in EXTENSIONS.items():
            settings["EXTENSIONS"][path] = order
