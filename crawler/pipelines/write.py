"""WritePipeline: the edge where a ``Record`` becomes its ``articles.jsonl`` line.

The last stage serialises each record once, with ``output.schema.article_line``, and returns
that plain dict: Scrapy's feed exports (``scrapy crawl news -O out.jsonl``) and the
``item_scraped`` signal receive exactly the line ``articles.jsonl`` holds. With
``WIRECRAWL_OUTPUT_DIR`` set, ``output.rundir.RunWriter`` writes the run directory's
``articles.jsonl`` (and, per ``WIRECRAWL_FORMATS``, ``articles.parquet/``) as records arrive
and ``stories.jsonl`` (``canonical.jsonl`` with ``WIRECRAWL_CANONICAL_ONLY``) when the spider closes; file
writes run on a thread of their own, never on the reactor's.

With a crawl state (``--state``), each line is appended and fsynced *first*, then the state
commits it with the file's new size, on the same thread, in that order; a crash in between
is repaired when the state is next opened (``spiders.state``: the state reads the lines past
the size it knew).
"""

from __future__ import annotations

from typing import Any

from crawler.addon import with_defaults
from crawler.items import Record
from crawler.pipelines.group import GroupPipeline
from crawler.pipelines.offthread import SerialThread, await_future
from crawler.revisit import state_extension
from output.formats import parse_formats
from output.rundir import RunWriter
from output.schema import article_line
from spiders.state import CrawlState


class WritePipeline:
    """Serialises records and writes the run directory.

    Args:
        run: the run directory's writer (``RunWriter(None)`` when only feed exports are used).
        stats: the crawler's stats collector; ``wirecrawl/stories`` is set at close.
        group: the grouping stage whose index lists the stories (``None``: no stories.jsonl).
        crawler: when given, ``group`` is looked up with ``crawler.get_item_pipeline``
            when the spider opens.
        state: the crawl state that commits each line written (``None``: no state).
    """

    def __init__(self, run: RunWriter, stats: Any, group: GroupPipeline | None = None,
                 crawler: Any = None, state: CrawlState | None = None) -> None:
        self.run = run
        self.stats = stats
        self.group = group
        self.state = state
        self._crawler = crawler
        self._io = SerialThread("wirecrawl-write")
        if state is not None and run.articles_path is not None:
            # Watched from its current end before any line of this run is written.
            self._io.submit(lambda: state.register_output(run.articles_path).result())

    @classmethod
    def from_crawler(cls, crawler: Any) -> "WritePipeline":
        s = with_defaults(crawler.settings)
        out = s.get("WIRECRAWL_OUTPUT_DIR")
        rows = s.getint("WIRECRAWL_PARQUET_ROWS")
        if rows < 1:
            raise ValueError(f"WIRECRAWL_PARQUET_ROWS ({rows!r}) must be 1 or more.")
        ext = state_extension(crawler)
        state = ext.state if ext is not None else None
        run = RunWriter(out or None, formats=parse_formats(s.getlist("WIRECRAWL_FORMATS")),
                        canonical_only=s.getbool("WIRECRAWL_CANONICAL_ONLY"), parquet_rows=rows,
                        fsync=state is not None and s.getbool("WIRECRAWL_STATE_FSYNC"))
        return cls(run, crawler.stats, crawler=crawler, state=state)

    def open_spider(self, spider: Any = None) -> None:
        if self.group is None and self._crawler is not None:
            self.group = self._crawler.get_item_pipeline(GroupPipeline)

    def _write(self, line: dict[str, Any]) -> None:
        """On the write thread: the line first, then the state's commit of it."""
        offset = self.run.write_article(line)
        if self.state is not None:
            self.state.written(line, output=self.run.articles_path, offset=offset).result()

    async def process_item(self, item: Any, spider: Any = None) -> Any:
        if not isinstance(item, Record):
            return item
        line = article_line(item)
        await self._io.run(self._write, line)
        self.stats.inc_value("wirecrawl/written")
        self.stats.inc_value(f"wirecrawl/site/{item.article.site}")
        return line

    async def close_spider(self, spider: Any = None) -> None:
        # Scrapy calls close_spider in reverse pipeline order, all at once: this runs before
        # GroupPipeline's, so the request for stories is queued on the index's thread ahead
        # of the index's close. Runs before the spider_closed signal, so RunReport sees the count.
        pending = self.group.stories() if self.group is not None else None
        try:
            if pending is not None:
                stories = await await_future(pending)
                n = await self._io.run(self.run.write_stories, stories)
                self.stats.set_value("wirecrawl/stories", n)
        finally:
            await self._io.run(self.run.close)
            self._io.shutdown()
