"""Persistent story index: across runs, schema, corrupt files, crashes, expiry."""

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import datetime, timedelta, timezone

import pytest

from dedup import SchemaMismatchError, StoryIndex, StoryIndexError
from bench.synthetic import labelled_corpus

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_tomorrow_copy_gets_yesterdays_story(tmp_path):
    path = str(tmp_path / "idx.sqlite")
    docs = labelled_corpus(12, seed=9).docs
    originals = [d for d in docs if d.doc_id.endswith("-0")]
    with StoryIndex(path=path) as idx:
        first = {d.doc_id: idx.add(d.doc_id, d.text, url="u:" + d.doc_id, published=d.published) for d in originals}
    copies = [d for d in docs if d.kind == "copy"]
    mem = StoryIndex()
    for d in originals:
        mem.add(d.doc_id, d.text, url="u:" + d.doc_id, published=d.published)
    expected = [mem.add(d.doc_id, d.text, published=d.published) for d in copies]
    with StoryIndex(path=path) as idx:
        assert len(idx) == len(originals)
        got = [idx.add(d.doc_id, d.text, published=d.published) for d in copies]
        assert sum(s.size for s in idx.stories()) == len(originals) + len(copies)
    assert got == expected
    joined = [a for a, d in zip(got, copies) if a.story_id == first[f"d{d.story}-0"].story_id]
    assert len(joined) >= 0.8 * len(copies)


def test_schema_mismatch_refused(tmp_path):
    path = str(tmp_path / "idx.sqlite")
    StoryIndex(path=path, num_perm=64).close()
    with pytest.raises(SchemaMismatchError, match=r"num_perm: index has '64', asked for '128'") as e:
        StoryIndex(path=path)
    assert path in str(e.value)


def test_corrupt_and_foreign_files_refused(tmp_path):
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoryIndexError, match="junk.sqlite"):
        StoryIndex(path=str(junk))
    foreign = tmp_path / "foreign.sqlite"
    db = sqlite3.connect(foreign)
    db.execute("CREATE TABLE t (x)")
    db.commit()
    db.close()
    with pytest.raises(StoryIndexError, match="not a story index"):
        StoryIndex(path=str(foreign))


def test_window_expires_old_stories(tmp_path):
    path = str(tmp_path / "idx.sqlite")
    now = [datetime(2026, 11, 1, tzinfo=timezone.utc)]
    docs = [d for d in labelled_corpus(6, seed=5).docs if d.doc_id.endswith("-0")]
    with StoryIndex(path=path, window_days=2, clock=lambda: now[0]) as idx:
        for d in docs[:3]:
            idx.add(d.doc_id, d.text)
        now[0] += timedelta(days=3)
        for d in docs[3:]:
            idx.add(d.doc_id, d.text)
    with StoryIndex(path=path, window_days=2, clock=lambda: now[0]) as idx:
        assert {s.story_id for s in idx.stories()} == {d.doc_id for d in docs[3:]}
        assert idx.stats["expired_docs"] == 3
        assert idx.add(docs[0].doc_id, docs[0].text).is_new_story


_WRITER = textwrap.dedent("""
    import sys
    from dedup import StoryIndex
    from bench.synthetic import scale_texts
    idx = StoryIndex(path=sys.argv[1], batch=7)
    start = int(sys.argv[2])
    for i, (doc_id, text) in enumerate(scale_texts(100000, seed=3)):
        if i >= start:
            idx.add(doc_id, text)
        if i == start + 5:
            print("ready", flush=True)
""")


def test_killed_writers_leave_a_consistent_index(tmp_path):
    path = str(tmp_path / "idx.sqlite")
    env = dict(os.environ, PYTHONPATH=ROOT)
    start = 0
    for _ in range(4):
        p = subprocess.Popen([sys.executable, "-c", _WRITER, path, str(start)], env=env, stdout=subprocess.PIPE)
        assert p.stdout.readline().strip() == b"ready"
        time.sleep(0.3)
        p.send_signal(signal.SIGKILL)
        p.wait()
        with StoryIndex(path=path) as idx:
            n = len(idx)
            stories = list(idx.stories())
            assert sum(s.size for s in stories) == n
            assert all(idx.story_of(m) == s.story_id for s in stories for m in s.members)
        start = n
    assert n > 0


def test_boilerplate_learned_in_one_run_is_used_in_the_next(tmp_path):
    from test_dedup_index import DISPATCH, OTHER_NEWS, wrap

    words = DISPATCH.split(" ")
    third = wrap("Orrin Daily", " ".join(words[: len(words) // 3]))
    path = str(tmp_path / "idx.sqlite")
    with StoryIndex(path=path) as idx:
        for i, body in enumerate(OTHER_NEWS):
            idx.add(f"other{i}", wrap("Orrin Daily", body), site="orrin.example")
    with StoryIndex(path=path) as idx:
        idx.add("orig", DISPATCH, site="agency")
        split = idx.add("third", third, site="orrin.example")
    one = StoryIndex()
    for i, body in enumerate(OTHER_NEWS):
        one.add(f"other{i}", wrap("Orrin Daily", body), site="orrin.example")
    one.add("orig", DISPATCH, site="agency")
    assert split == one.add("third", third, site="orrin.example")
    assert split.story_id == "orig"


def test_window_keeps_the_file_size_flat(tmp_path):
    path = str(tmp_path / "idx.sqlite")
    now = [datetime(2026, 11, 1, tzinfo=timezone.utc)]
    texts = iter(scale_texts_cached())
    sizes = []
    for day in range(8):
        with StoryIndex(path=path, window_days=2, clock=lambda: now[0]) as idx:
            for _ in range(150):
                doc_id, text = next(texts)
                idx.add(doc_id, text)
        sizes.append(os.path.getsize(path))
        now[0] += timedelta(days=1)
    # steady state from day 3 on: deleted pages are reused, the file does not grow
    assert max(sizes[4:]) <= 1.15 * sizes[3], sizes
    with StoryIndex(path=path, window_days=2, clock=lambda: now[0]) as idx:
        assert len(idx) <= 3 * 150


def scale_texts_cached():
    from bench.synthetic import scale_texts
    return list(scale_texts(1300, seed=21))
