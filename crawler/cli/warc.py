"""``wirecrawl extract --warc FILE``: extract every response of a WARC file again.

Without ``-o``, one JSON line per page response on stdout: what the extractor made of it
(``wirecrawl extract``'s fields, ``reason`` set when no body was found). With ``-o RUN_DIR``,
the articles found (bodies of at least ``min_chars``) are grouped into stories and written
as a crawl writes them: ``articles.jsonl``, ``stories.jsonl``, ``run.json`` and the asked formats.

Times a page printed without a zone are placed as the crawl's zone stage places them, by
the same ``crawler.extract.dates.placement.ZonePlacer``: the feeds and sitemaps in the file
(a crawl's ``--format warc`` archives those it read) are read with the spider's parser and
teach their sites' zones, with the offsets the pages state and each page's listed date. A
WARC is complete, so everything is learned before any naive time is placed: the file is
read once, each page extracted once; a page whose time waits for its site's zone is kept
in a temporary file (memory stays bounded however large the WARC) and written after the
last response was read. Pages with nothing to place are written as they come.
"""

from __future__ import annotations

import functools
import json
import logging
import pickle
import sys
import tempfile
import time
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator, TextIO

from crawler import settings as defaults
from crawler.extract import ExtractOptions, SiteTemplates, extract_article
from crawler.extract.dates.placement import ZonePlacer
from crawler.extract.script import weighted_len
from crawler.items import SOURCES, Article, Record
from dedup import IndexConfig, StoryIndex
from output import RunWriter, article_id, article_line, iso_utc, write_json_atomic
from output.warc import WarcResponse, read_responses
from spiders.feeds import FEED_KINDS, SITEMAP_KINDS, BadDocument, Listing, parse_listing, unpacked
from spiders.urls import ParamStripper, dedup_key

logger = logging.getLogger(__name__)


def extract_options(default_tz: str = "UTC", site_timezones: dict[str, str] | None = None) -> ExtractOptions:
    """The crawl's extraction options, with one site-template learner for the whole file."""
    return ExtractOptions(default_tz=default_tz, site_timezones=dict(site_timezones or {}), templates=SiteTemplates(
        min_pages=defaults.WIRECRAWL_TEMPLATE_MIN_PAGES, min_share=defaults.WIRECRAWL_TEMPLATE_MIN_SHARE))


def zone_placer(options: ExtractOptions) -> ZonePlacer:
    """The crawl's zone stage as the crawl builds it (``crawler.pipelines.zones``): configured
    sites left alone, listed URLs compared by their dedup key."""
    strip = ParamStripper(defaults.WIRECRAWL_STRIP_QUERY_PARAMS)
    return ZonePlacer(configured=options.site_timezones, key=functools.partial(dedup_key, strip=strip))


def listing_of(resp: WarcResponse) -> Listing | None:
    """The feed or sitemap a response holds, read as the spider reads it; ``None`` for
    anything else (a page, a robots.txt, a listing too broken to read)."""
    if not 200 <= resp.status < 300:
        return None
    try:
        kind, body = unpacked(resp.body, resp.headers.get("content-type"), defaults.DOWNLOAD_MAXSIZE)
        return parse_listing(body, resp.url) if kind in FEED_KINDS or kind in SITEMAP_KINDS else None
    except BadDocument as exc:
        logger.warning("%s: not read as a feed or sitemap (%s)", resp.url, exc)
        return None


def read_pages(path: str, options: ExtractOptions, placer: ZonePlacer,
               counts: dict[str, int]) -> Iterator[tuple[WarcResponse, Article]]:
    """Every page response of the WARC with its article, in file order; the feeds and
    sitemaps (counted as ``listings``) and what each page states teach ``placer``."""
    for resp in read_responses(path):
        listing = listing_of(resp)
        if listing is not None:
            counts["listings"] = counts.get("listings", 0) + 1
            placer.learn_listing(listing.entries)
            continue
        article = extract_article(resp.body, resp.url, resp.headers,
                                  options=replace(options, fetched_at=resp.fetched_at or datetime.now(timezone.utc)))
        if article.text:  # as in a crawl, where a page without a body is dropped before the zone stage
            placer.learn(article)
        yield resp, article


class Later:
    """Items kept in a temporary file until the whole WARC was read, given back in order
    (pickled: the file is this process's own and gone when closed)."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(prefix="wirecrawl-warc-")
        self.count = 0

    def add(self, item: Any) -> None:
        pickle.dump(item, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self.count += 1

    def __iter__(self) -> Iterator[Any]:
        self._file.seek(0)
        for _ in range(self.count):
            yield pickle.load(self._file)

    def __enter__(self) -> "Later":
        return self

    def __exit__(self, *exc: object) -> None:
        self._file.close()


def placed_pages(path: str, options: ExtractOptions, counts: dict[str, int]
                 ) -> Iterator[tuple[Article, WarcResponse]]:
    """Every page response with its article, naive times placed in their sites' zones:
    pages with nothing to place as they come, the others after the last response was read
    (kept meanwhile in a temporary file, without their bodies)."""
    placer = zone_placer(options)
    with Later() as later:
        for resp, article in read_pages(path, options, placer, counts):
            if placer.needs_placing(article):
                later.add((article, replace(resp, body=b"")))
            else:
                yield article, resp
        for article, resp in later:
            yield placer.place(article, now=resp.fetched_at or datetime.now(timezone.utc)), resp


def print_warc(path: str, options: ExtractOptions, out: TextIO = sys.stdout) -> int:
    """Prints one JSON line per page response; returns how many had an article body.

    Pages with a time to place in their site's zone come after the others, once the whole
    file was read."""
    found = 0
    for article, resp in placed_pages(path, options, {}):
        found += bool(article.text)
        out.write(json.dumps({**article.as_dict(), "fetched_at": iso_utc(resp.fetched_at), "status": resp.status},
                             ensure_ascii=False) + "\n")
    return found


def warc_to_run(path: str, out_dir: Path, options: ExtractOptions, *, formats: Iterable[str] = ("jsonl",),
                canonical_only: bool = False, min_chars: int = defaults.WIRECRAWL_MIN_TEXT_CHARS,
                config: IndexConfig | None = None) -> dict[str, Any]:
    """Extracts, groups and writes every response of ``path`` into ``out_dir``; returns the summary."""
    started, t0 = datetime.now(timezone.utc), time.monotonic()
    counts = {"responses": 0, "listings": 0, "articles_kept": 0, "stories": 0}
    dropped: dict[str, int] = {}
    zones: dict[str, int] = {}
    with StoryIndex(config) as index, RunWriter(out_dir, formats=formats, canonical_only=canonical_only) as run:
        for a, resp in placed_pages(path, options, counts):
            counts["responses"] += 1
            reason = (a.reason or "no-body") if not a.text else ("short" if weighted_len(a.text) < min_chars else None)
            if reason:
                dropped[reason] = dropped.get(reason, 0) + 1
                continue
            doc_id = article_id(a.canonical_url or a.url)
            got = index.add(doc_id, a.text, url=a.url, site=a.site, published=a.published)
            run.write_article(article_line(Record(
                article=a, id=doc_id, fetched_at=resp.fetched_at or datetime.now(timezone.utc),
                source=resp.source if resp.source in SOURCES else "link",
                story_id=got.story_id, duplicate_of=got.duplicate_of)))
            counts["articles_kept"] += 1
            if a.published_zone:
                zones[a.published_zone] = zones.get(a.published_zone, 0) + 1
        counts["stories"] = run.write_stories(index.stories())
    summary = {**counts, "articles_dropped": dropped, "published_zone": zones,
               "elapsed_s": round(time.monotonic() - t0, 2)}
    write_json_atomic(out_dir / "run.json", {
        "wirecrawl": "extract-warc", "warc": str(Path(path).resolve()), "started_at": iso_utc(started),
        "finished_at": iso_utc(datetime.now(timezone.utc)), "summary": summary})
    return summary
