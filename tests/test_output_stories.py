import json
from dataclasses import dataclass
from datetime import datetime, timezone

from output import write_stories


@dataclass
class FakeStory:
    story_id: str
    canonical_id: str
    canonical_url: str
    members: list
    sites: list
    first_published: datetime | None
    size: int


def test_stories_lines_follow_the_schema(tmp_path):
    stories = [
        FakeStory("s1", "a1", "http://a/1", ["http://a/1", "http://b/1"], ["b", "a", "a"],
                  datetime(2026, 11, 20, 13, 32, tzinfo=timezone.utc), 2),
        FakeStory("s2", "c1", "http://c/1", ["http://c/1"], ["c"], None, 1),
    ]
    n = write_stories(tmp_path / "stories.jsonl", stories)
    lines = [json.loads(x) for x in (tmp_path / "stories.jsonl").read_text().splitlines()]
    assert n == 2
    assert lines[0] == {"story_id": "s1", "canonical": {"id": "a1", "url": "http://a/1"},
                        "members": ["http://a/1", "http://b/1"], "sites": ["a", "b"],
                        "first_published": "2026-11-20T13:32:00Z", "size": 2}
    assert lines[1]["first_published"] is None
