"""``wirecrawl extract --warc FILE``: extract every response of a WARC file again.

Without ``-o``, one JSON line per response on stdout: what the extractor made of it
(``wirecrawl extract``'s fields, ``reason`` set when no body was found). With ``-o RUN_DIR``,
the articles found (bodies of at least ``min_chars``) are grouped into stories and written
as a crawl writes them: ``articles.jsonl``, ``stories.jsonl``, ``run.json`` and the asked formats.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, TextIO

from crawler import settings as defaults
from crawler.extract import ExtractOptions, SiteTemplates, extract_article
from crawler.items import SOURCES, Record
from dedup import IndexConfig, StoryIndex
from output import RunWriter, article_id, article_line, iso_utc, write_json_atomic
from output.warc import read_responses
from crawler.extract.script import weighted_len


def extract_options(default_tz: str = "UTC", site_timezones: dict[str, str] | None = None) -> ExtractOptions:
    """The crawl's extraction options, with one site-template learner for the whole file."""
    return ExtractOptions(default_tz=default_tz, site_timezones=dict(site_timezones or {}), templates=SiteTemplates(
        min_pages=defaults.WIRECRAWL_TEMPLATE_MIN_PAGES, min_share=defaults.WIRECRAWL_TEMPLATE_MIN_SHARE))


def print_warc(path: str, options: ExtractOptions, out: TextIO = sys.stdout) -> int:
    """Prints one JSON line per response; returns how many had an article body."""
    found = 0
    for resp in read_responses(path):
        article = extract_article(resp.body, resp.url, resp.headers,
                                  options=replace(options, fetched_at=resp.fetched_at))
        found += bool(article.text)
        out.write(json.dumps({**article.as_dict(), "fetched_at": iso_utc(resp.fetched_at),
                              "status": resp.status}, ensure_ascii=False) + "\n")
    return found


def warc_to_run(path: str, out_dir: Path, options: ExtractOptions, *, formats: Iterable[str] = ("jsonl",),
                canonical_only: bool = False, min_chars: int = defaults.WIRECRAWL_MIN_TEXT_CHARS,
                config: IndexConfig | None = None) -> dict[str, Any]:
    """Extracts, groups and writes every response of ``path`` into ``out_dir``; returns the summary."""
    started, t0 = datetime.now(timezone.utc), time.monotonic()
    counts = {"responses": 0, "articles_kept": 0, "stories": 0}
    dropped: dict[str, int] = {}
    with StoryIndex(config) as index, RunWriter(out_dir, formats=formats, canonical_only=canonical_only) as run:
        for resp in read_responses(path):
            counts["responses"] += 1
            fetched_at = resp.fetched_at or datetime.now(timezone.utc)
            a = extract_article(resp.body, resp.url, resp.headers, options=replace(options, fetched_at=fetched_at))
            reason = (a.reason or "no-body") if not a.text else ("short" if weighted_len(a.text) < min_chars else None)
            if reason:
                dropped[reason] = dropped.get(reason, 0) + 1
                continue
            doc_id = article_id(a.canonical_url or a.url)
            got = index.add(doc_id, a.text, url=a.url, site=a.site, published=a.published)
            run.write_article(article_line(Record(
                article=a, id=doc_id, fetched_at=fetched_at, source=resp.source if resp.source in SOURCES else "link",
                story_id=got.story_id, duplicate_of=got.duplicate_of)))
            counts["articles_kept"] += 1
        counts["stories"] = run.write_stories(index.stories())
    summary = {**counts, "articles_dropped": dropped, "elapsed_s": round(time.monotonic() - t0, 2)}
    write_json_atomic(out_dir / "run.json", {
        "wirecrawl": "extract-warc", "warc": str(Path(path).resolve()), "started_at": iso_utc(started),
        "finished_at": iso_utc(datetime.now(timezone.utc)), "summary": summary})
    return summary
