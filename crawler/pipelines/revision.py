"""RevisionPipeline: with ``--state``, an article is written again only when it changed.

Between filtering and grouping, each ``Record`` is compared with the last revision the crawl
state (``spiders.state.CrawlState``) knows of its ``id``, by the hash of its extracted
title and text (``spiders.state.content_hash``):

* never written: revision 1, as it comes;
* same hash: dropped (``wirecrawl/state/unchanged``), nothing written — unless ``--full``,
  which writes it again under the same revision;
* other hash: the next revision, written again under the same ``id`` and ``story_id``,
  with ``modified`` set to the page's own modified date when it states one, else the time
  of this fetch (``wirecrawl/state/revised``).

The state is read from memory: nothing here blocks. Without a state the stage is off.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from scrapy.exceptions import DropItem

from crawler.items import Record
from crawler.revisit import StateReader
from spiders.state import content_hash


class RevisionPipeline(StateReader):
    """Numbers revisions and drops unchanged articles (with ``full``: writes unchanged
    articles again, under the same revision, instead of dropping them).

    Args: those of :class:`crawler.revisit.StateReader` (``state``, ``stats``, ``full``).
    """

    def process_item(self, item: Any, spider: Any = None) -> Any:
        if not isinstance(item, Record):
            return item
        before = self.state.article(item.id)
        if before is None:
            return item
        a = item.article
        if content_hash(a.title, a.text) == before.hash:
            if not self.full:
                self.stats.inc_value("wirecrawl/state/unchanged")
                raise DropItem(f"unchanged since revision {before.revision}: {a.url}")
            return replace(item, revision=before.revision, story_id=before.story_id)
        self.stats.inc_value("wirecrawl/state/revised")
        article = replace(a, modified=a.modified or item.fetched_at)
        return replace(item, article=article, revision=before.revision + 1, story_id=before.story_id)
