"""--canonical-only: one record per story, its canonical member, with the others as copies."""

import json
from datetime import datetime, timezone

import pandas as pd

from dedup import StoryIndex
from output import RunWriter, read_jsonl

TEXT = " ".join(f"word{i}" for i in range(120))


def lines():
    return [
        {"id": "b1", "url": "http://b/1", "text": TEXT, "published": "2026-11-20T10:00:00Z"},
        {"id": "a1", "url": "http://a/1", "text": TEXT, "published": "2026-11-20T09:00:00Z"},
        {"id": "c1", "url": "http://c/1", "text": "other " + " ".join(f"x{i}" for i in range(120)), "published": None},
    ]


def run_into(out, **kw):
    index = StoryIndex()
    with RunWriter(out, **kw) as run:
        for line in lines():
            pub = datetime.fromisoformat(line["published"].replace("Z", "+00:00")) if line["published"] else None
            got = index.add(line["id"], line["text"], url=line["url"], published=pub)
            run.write_article({**line, "story_id": got.story_id, "duplicate_of": got.duplicate_of})
        n = run.write_stories(index.stories())
    return n, run


def test_one_record_per_story_the_canonical_member_with_its_copies(tmp_path):
    n, run = run_into(tmp_path, canonical_only=True)
    canonical = list(read_jsonl(tmp_path / "canonical.jsonl"))
    assert n == len(canonical) == 2
    first = canonical[0]
    # The earliest published member is canonical, though it arrived second.
    assert first["id"] == "a1" and first["copies"] == [{"id": "b1", "url": "http://b/1"}]
    assert {k: v for k, v in first.items() if k != "copies"} == list(read_jsonl(tmp_path / "articles.jsonl"))[1]
    assert canonical[1]["id"] == "c1" and canonical[1]["copies"] == []
    assert run.canonical.elsewhere == 0


def test_canonical_parquet_with_parquet_format(tmp_path):
    run_into(tmp_path, canonical_only=True, formats=["jsonl", "parquet"])
    df = pd.read_parquet(tmp_path / "canonical.parquet")
    assert list(df["id"]) == ["a1", "c1"]
    assert [list(c) for c in df["copies"]] == [[{"id": "b1", "url": "http://b/1"}], []]
    stories = pd.read_parquet(tmp_path / "stories.parquet")
    assert list(stories["size"]) == [2, 1]
    assert len(pd.read_parquet(tmp_path / "articles.parquet")) == 3


def test_without_the_option_no_canonical_file(tmp_path):
    run_into(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles.jsonl", "stories.jsonl"]


def test_a_canonical_member_written_by_an_earlier_run_is_counted_not_listed(tmp_path):
    index = StoryIndex()
    index.add("a1", TEXT, url="http://a/1", published=datetime(2026, 11, 20, tzinfo=timezone.utc))
    with RunWriter(tmp_path, canonical_only=True) as run:
        got = index.add("b1", TEXT, url="http://b/1")
        run.write_article({"id": "b1", "url": "http://b/1", "story_id": got.story_id})
        assert run.write_stories(index.stories()) == 1
    assert (tmp_path / "canonical.jsonl").read_text() == "" and run.canonical.elsewhere == 1
    assert json.loads((tmp_path / "stories.jsonl").read_text())["size"] == 2
