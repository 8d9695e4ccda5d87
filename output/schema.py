"""The output schema: how a record and a story become a line of ``articles.jsonl`` / ``stories.jsonl``.

Every stage before the writer handles typed values (``crawler.items.Record``, aware datetimes);
this module is the one place that turns them into JSON-ready dicts, so the field names, their
order and the date format are defined once. The README's "Output schema" section describes
the result.

``articles.jsonl``, one object a line, in this order: ``id``, ``url``, ``canonical_url``,
``site``, ``title``, ``text``, ``published``, ``published_zone``, ``modified``, ``authors``,
``language``, ``wire``, ``fetched_at``, ``source``, ``story_id``, ``duplicate_of``,
``revision``. Dates are ISO 8601 UTC (``2026-11-20T13:32:00Z``) or null; ``published_zone``
says how the published time's zone was known (``stated``, ``configured``, ``learned``,
``assumed``; null without a date). A feed or sitemap date hint travels with the record for
the ``--since`` filter but is not written: the file holds what the page itself says.

``stories.jsonl``, one object a line: ``story_id``, ``canonical`` (``{"id", "url"}``),
``members`` (URLs), ``sites``, ``first_published``, ``size``. What the file lists is owned
by ``output.rundir``.

``ARTICLE_COLUMNS`` / ``STORY_COLUMNS`` / ``CANONICAL_COLUMNS`` declare those fields with their
kinds, in line order: the one list of the fields, from which ``output.parquet`` derives the
Arrow schema of the Parquet files (``tests/test_output_parquet.py`` checks that every line
built here has exactly these keys).
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from crawler.items import Article, Record
    from dedup import Story


# Column kinds: "string"; "timestamp" (ISO 8601 UTC in JSON, a UTC timestamp in Parquet);
# "strings" (a list of strings); "int"; "ref" (``{"id", "url"}``); "refs" (a list of refs).
ARTICLE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "string"), ("url", "string"), ("canonical_url", "string"), ("site", "string"),
    ("title", "string"), ("text", "string"), ("published", "timestamp"), ("published_zone", "string"),
    ("modified", "timestamp"),
    ("authors", "strings"), ("language", "string"), ("wire", "string"), ("fetched_at", "timestamp"),
    ("source", "string"), ("story_id", "string"), ("duplicate_of", "string"), ("revision", "int"),
)
STORY_COLUMNS: tuple[tuple[str, str], ...] = (
    ("story_id", "string"), ("canonical", "ref"), ("members", "strings"), ("sites", "strings"),
    ("first_published", "timestamp"), ("size", "int"),
)
# ``--canonical-only``: a story's canonical member's article line, plus the other members.
CANONICAL_COLUMNS: tuple[tuple[str, str], ...] = ARTICLE_COLUMNS + (("copies", "refs"),)


def iso_utc(dt: datetime | None) -> str | None:
    """``2026-11-20T13:32:00Z`` for an aware datetime; ``None`` stays ``None``.

    Raises:
        ValueError: for a naive datetime (wirecrawl handles only aware instants).
    """
    if dt is None:
        return None
    if dt.tzinfo is None:
        raise ValueError(f"naive datetime {dt!r}: wirecrawl only handles aware instants")
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso_utc(value: str) -> datetime | None:
    """A strict ISO 8601 instant as an aware UTC datetime (``Z`` accepted, naive taken as UTC).

    The reverse of :func:`iso_utc` for records read back from JSON Lines; anything that is
    not ISO 8601 gives ``None`` rather than a guess.
    """
    try:
        dt = datetime.fromisoformat(value.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(timezone.utc)


def article_id(url: str) -> str:
    """Stable id of an article: the first 16 hex digits of SHA-1 of its canonical URL."""
    return hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]


def article_fields(article: Article) -> dict[str, Any]:
    """What the extractor found, JSON-ready (``wirecrawl extract`` prints this)."""
    return {
        "url": article.url,
        "canonical_url": article.canonical_url,
        "site": article.site,
        "title": article.title,
        "text": article.text,
        "published": iso_utc(article.published),
        "published_zone": article.published_zone,
        "modified": iso_utc(article.modified),
        "authors": list(article.authors),
        "language": article.language,
        "wire": article.wire,
        "reason": article.reason,
    }


def article_line(record: Record) -> dict[str, Any]:
    """The ``articles.jsonl`` line for one record (see the module docstring for the fields)."""
    line: dict[str, Any] = {"id": record.id, **article_fields(record.article)}
    del line["reason"]
    line["fetched_at"] = iso_utc(record.fetched_at)
    line["source"] = record.source
    line["story_id"] = record.story_id
    line["duplicate_of"] = record.duplicate_of
    line["revision"] = record.revision
    return line


def story_line(story: Story) -> dict[str, Any]:
    """The ``stories.jsonl`` line for a ``dedup.Story``."""
    first = story.first_published
    return {
        "story_id": story.story_id,
        "canonical": {"id": story.canonical_id, "url": story.canonical_url},
        "members": list(story.members),
        "sites": sorted(set(story.sites)),
        "first_published": iso_utc(first) if isinstance(first, datetime) else first,
        "size": story.size,
    }


def canonical_line(article: dict[str, Any], copies: list[dict[str, str | None]]) -> dict[str, Any]:
    """The ``canonical.jsonl`` line: the canonical member's ``articles.jsonl`` line and
    ``copies``, the story's other members as ``{"id", "url"}``."""
    return {**article, "copies": copies}
