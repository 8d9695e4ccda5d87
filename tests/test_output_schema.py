"""The output schema: one typed record in, the README's articles.jsonl line out; strict ISO dates."""

from datetime import datetime, timezone

import pytest

from crawler.items import Article, Record
from output import article_id, article_line, iso_utc, parse_iso_utc


def test_article_line_is_the_readme_schema():
    article = Article(url="http://a.example/x", canonical_url="http://a.example/c", site="a.example",
                      title="T", text="body", published=datetime(2026, 11, 20, 8, 32, tzinfo=timezone.utc),
                      authors=("Ann",), reason=None, published_zone="stated")
    rec = Record(article=article, id=article_id("http://a.example/c"),
                 fetched_at=datetime(2026, 11, 21, tzinfo=timezone.utc), source="feed",
                 published_hint=datetime(2026, 11, 1, tzinfo=timezone.utc), story_id="s", duplicate_of=None)
    line = article_line(rec)
    assert list(line) == ["id", "url", "canonical_url", "site", "title", "text", "published", "published_zone",
                          "modified", "authors", "language", "wire", "fetched_at", "source", "story_id", "duplicate_of", "revision"]
    assert line["published"] == "2026-11-20T08:32:00Z" and line["published_zone"] == "stated"
    assert line["fetched_at"] == "2026-11-21T00:00:00Z"
    assert line["authors"] == ["Ann"] and line["id"] == rec.id and len(rec.id) == 16


def test_record_refuses_naive_datetimes():
    with pytest.raises(ValueError, match="fetched_at"):
        Record(article=Article(url="u"), id="i", fetched_at=datetime(2026, 11, 21))


def test_iso_round_trip_is_strict():
    when = datetime(2026, 11, 20, 13, 32, tzinfo=timezone.utc)
    assert parse_iso_utc(iso_utc(when)) == when
    assert parse_iso_utc("2026-11-20T14:32:00+01:00") == when
    assert parse_iso_utc("2026-11-20T13:32:00") == when  # naive: UTC
    assert parse_iso_utc("20 novembre 2026") is None
    with pytest.raises(ValueError, match="naive"):
        iso_utc(datetime(2026, 11, 20))
