"""The run directory: articles.jsonl streamed, stories.jsonl for this run's stories only."""

import json
from dataclasses import dataclass
from datetime import datetime, timezone

from output import RunWriter


@dataclass
class FakeStory:
    story_id: str
    canonical_id: str
    canonical_url: str
    members: list
    sites: list
    first_published: datetime | None
    size: int


STORIES = [
    FakeStory("s1", "a1", "http://a/1", ["http://a/1", "http://b/1"], ["b", "a", "a"],
              datetime(2026, 11, 20, 13, 32, tzinfo=timezone.utc), 2),
    FakeStory("s2", "c1", "http://c/1", ["http://c/1"], ["c"], None, 1),
    FakeStory("s3", "d1", "http://d/1", ["http://d/1"], ["d"], None, 1),
]


def read(path):
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def test_stories_of_this_runs_articles_follow_the_schema(tmp_path):
    with RunWriter(tmp_path) as run:
        run.write_article({"id": "b1", "url": "http://b/1", "story_id": "s1"})
        run.write_article({"id": "c1", "url": "http://c/1", "story_id": "s2"})
        n = run.write_stories(STORIES)
    assert n == 2
    lines = read(tmp_path / "stories.jsonl")
    assert lines[0] == {"story_id": "s1", "canonical": {"id": "a1", "url": "http://a/1"},
                        "members": ["http://a/1", "http://b/1"], "sites": ["a", "b"],
                        "first_published": "2026-11-20T13:32:00Z", "size": 2}
    assert lines[1]["first_published"] is None
    assert [r["id"] for r in read(tmp_path / "articles.jsonl")] == ["b1", "c1"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles.jsonl", "stories.jsonl"]


def test_run_writer_without_a_directory_only_counts(tmp_path):
    run = RunWriter(None)
    run.write_article({"id": "c1", "story_id": "s2"})
    assert run.write_stories(STORIES) == 1
    run.close()
