"""The crawl state of a --state directory (spiders/state.py) and its lock (spiders/statelock.py)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

import pytest

from output.jsonl import JsonlWriter
from spiders.state import CrawlState, StateError, content_hash
from spiders.statereport import read_status
from spiders.statelock import StateLock, StateLocked


class Clock:
    def __init__(self, t=1_000_000.0):
        self.t = t

    def __call__(self):
        return self.t


def line(aid="a1", text="Body text of the article.", title="Title", revision=1, story="s1"):
    return {"id": aid, "url": f"http://a.example/{aid}", "site": "a.example", "title": title,
            "text": text, "story_id": story, "revision": revision}


def write_and_commit(state, writer, rec):
    offset = writer.write(rec)
    state.written(rec, output=writer.path, offset=offset).result()


def test_written_articles_and_fetches_persist_across_opens(tmp_path):
    clock = Clock()
    s = CrawlState(tmp_path, clock=clock)
    s.start_run(output=None)
    s.fetched("http://a.example/a1", site="a.example", status=200, etag='"x"', last_modified="Tue, 1 Dec 2026")
    s.written(line(), output=None, offset=None).result()
    s.finish_run("finished", written=1).result()
    s.close()
    s = CrawlState(tmp_path, clock=clock)
    page = s.page("http://a.example/a1")
    assert page.etag == '"x"' and page.last_modified == "Tue, 1 Dec 2026" and page.settled
    got = s.article("a1")
    assert got.revision == 1 and got.story_id == "s1" and got.hash == content_hash("Title", "Body text of the article.")
    s.close()


def test_fetches_of_a_run_that_did_not_finish_are_not_settled(tmp_path):
    for reason in (None, "max_pages"):
        d = tmp_path / str(reason)
        s = CrawlState(d)
        s.start_run(output=None)
        s.fetched("http://a.example/p", site="a.example", status=200, etag='"x"')
        if reason:
            s.finish_run(reason, written=0).result()
        s.close()  # without finish_run: a killed run
        s = CrawlState(d)
        assert s.page("http://a.example/p").settled is False
        s.close()


def test_a_304_keeps_the_validators_and_a_listing_date_decides_unchanged(tmp_path):
    clock = Clock()
    s = CrawlState(tmp_path, clock=clock)
    s.start_run(output=None)
    s.fetched("http://a.example/p", site="a.example", status=200, etag='"x"', listed=500.0)
    clock.t += 10
    s.fetched("http://a.example/p", site="a.example", status=304)
    s.finish_run("finished", written=0).result()
    s.close()
    s = CrawlState(tmp_path, clock=clock)
    page = s.page("http://a.example/p")
    s.close()
    assert page.etag == '"x"' and page.last_fetched == clock.t
    assert page.unchanged_since(500.0) and page.unchanged_since(clock.t)
    assert not page.unchanged_since(clock.t + 1)


def test_lines_past_the_committed_offset_are_recorded_when_reopened(tmp_path):
    """The crash between the line and the state's commit: the state is derived from the file."""
    out = tmp_path / "run" / "articles.jsonl"
    s = CrawlState(tmp_path / "state")
    s.start_run(output=str(out.parent))
    w = JsonlWriter(out)
    s.register_output(out).result()
    write_and_commit(s, w, line("a1"))
    w.write(line("a2"))                       # written, never committed (killed here)
    w.close()
    with open(out, "a") as fh:                # and a partial line from a killed write
        fh.write('{"id": "a3", "te')
    s.close()
    s = CrawlState(tmp_path / "state")
    assert s.repaired == 1
    assert s.article("a2").revision == 1 and s.article("a3") is None
    s.close()
    again = CrawlState(tmp_path / "state")    # idempotent: nothing new the second time
    assert again.repaired == 0 and again.article("a2") is not None
    again.close()
    JsonlWriter(out).close()                  # the next writer cuts the partial line
    assert [json.loads(x)["id"] for x in out.read_text().splitlines()] == ["a1", "a2"]


def test_repair_keeps_the_newest_revision_and_rereads_a_shorter_file(tmp_path):
    out = tmp_path / "articles.jsonl"
    s = CrawlState(tmp_path / "state")
    s.register_output(out).result()
    w = JsonlWriter(out)
    write_and_commit(s, w, line("a1", revision=2, text="new"))
    w.write(line("a1", revision=1, text="old"))  # an older revision after it changes nothing
    w.close()
    s.close()
    s = CrawlState(tmp_path / "state")
    assert s.article("a1").revision == 2 and s.article("a1").hash == content_hash("Title", "new")
    s.close()
    out.write_text(json.dumps(line("b1")) + "\n")  # replaced by a shorter file: read again from 0
    s = CrawlState(tmp_path / "state")
    assert s.article("b1") is not None
    s.close()


def test_an_output_registered_from_its_end_ignores_lines_already_there(tmp_path):
    out = tmp_path / "articles.jsonl"
    out.write_text(json.dumps(line("old")) + "\n")
    s = CrawlState(tmp_path / "state")
    s.register_output(out).result()
    s.close()
    s = CrawlState(tmp_path / "state")
    assert s.article("old") is None
    s.close()


def test_old_seen_file_and_foreign_files_are_refused_with_the_path(tmp_path):
    old = tmp_path / "old"
    old.mkdir()
    (old / "seen.sqlite").write_bytes(b"")
    with pytest.raises(StateError, match="seen.sqlite.*Remove or rename"):
        CrawlState(old)
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    db = sqlite3.connect(foreign / "state.sqlite")
    db.execute("CREATE TABLE t (x)")
    db.commit()
    db.close()
    with pytest.raises(StateError, match="not a wirecrawl state"):
        CrawlState(foreign)
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "state.sqlite").write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(StateError, match="state.sqlite"):
        CrawlState(junk)


def test_pages_and_articles_older_than_the_window_are_forgotten(tmp_path):
    clock = Clock()
    s = CrawlState(tmp_path, clock=clock, window_days=2)
    s.fetched("http://a.example/p", site="a.example", status=200)
    s.written(line(), output=None, offset=None).result()
    s.close()
    clock.t += 3 * 86400
    s = CrawlState(tmp_path, clock=clock, window_days=2)
    assert s.page("http://a.example/p") is None and s.article("a1") is None
    s.close()


def test_status_lists_runs_sites_and_revisions(tmp_path):
    s = CrawlState(tmp_path)
    s.start_run(output="/runs/x")
    s.fetched("http://a.example/a1", site="a.example", status=200)
    s.host_result("a.example", ok=True)
    s.host_result("b.example", ok=False, error="timeout")
    s.host_result("b.example", ok=False, error="http_503")
    s.written(line("a1"), output=None, offset=None).result()
    s.written(line("a1", revision=2, text="changed"), output=None, offset=None).result()
    s.written(line("a2"), output=None, offset=None).result()
    s.finish_run("finished", written=3, counts={"not_modified": 4}).result()
    s.close()
    st = read_status(tmp_path)
    (run,) = st["runs"]
    assert run["finish_reason"] == "finished" and run["written"] == 3 and run["counts"]["not_modified"] == 4
    assert run["pid"] == os.getpid() and run["finished_at"] >= run["started_at"]
    sites = {x["site"]: x for x in st["sites"]}
    assert sites["a.example"]["articles"] == 2 and sites["a.example"]["pages"] == 1
    assert sites["a.example"]["failures"] == 0 and sites["a.example"]["last_success"] is not None
    assert sites["b.example"]["failures"] == 2 and sites["b.example"]["last_error"] == "http_503"
    assert st["articles"] == {"total": 2, "by_revision": {"1": 1, "2": 1}}
    with pytest.raises(StateError, match="no wirecrawl state"):
        read_status(tmp_path / "nowhere")


# --- the lock --------------------------------------------------------------------------

HOLD = """
import sys, time
from spiders.statelock import StateLock
StateLock(sys.argv[1]).acquire()
print("held", flush=True)
time.sleep(60)
"""


def hold_lock_in_a_process(directory):
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(directory)], stdout=subprocess.PIPE, text=True,
                            cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_a_second_process_is_refused_with_the_holder_named_and_a_dead_holder_blocks_nothing(tmp_path):
    proc = hold_lock_in_a_process(tmp_path)
    try:
        with pytest.raises(StateLocked) as err:
            StateLock(tmp_path).acquire()
        msg = str(err.value)
        assert str(tmp_path / "lock") in msg and f"pid {proc.pid}" in msg and "since 20" in msg
    finally:
        proc.kill()
        proc.wait()
    # The kernel released the dead holder's lock: the file is still there, and blocks nothing.
    assert (tmp_path / "lock").exists()
    with StateLock(tmp_path):
        pass


def test_one_process_shares_its_lock_until_the_last_holder_releases(tmp_path):
    outer = StateLock(tmp_path).acquire()
    inner = StateLock(tmp_path).acquire()   # the crawl's components, inside the CLI's lock
    inner.release()
    proc = subprocess.run([sys.executable, "-c",
                           "import sys; from spiders.statelock import StateLock, StateLocked\n"
                           "try:\n    StateLock(sys.argv[1]).acquire()\nexcept StateLocked:\n    sys.exit(75)",
                           str(tmp_path)], cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    assert proc.returncode == 75
    outer.release()
    with StateLock(tmp_path):   # released with the last holder: free again
        pass
