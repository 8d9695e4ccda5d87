"""The live bar (drawn only on a terminal) and the JSON events of --json-log, for crawl and dedup."""

from __future__ import annotations

import io
import json
import os
import pty
import subprocess
import sys
from datetime import datetime

import pytest

from crawler.demo import build_world
from output.progress import EventLog, Progress
from test_e2e_crawl import ROOT, _env, site_tz_options

REQUIRED = {"event", "time", "elapsed_s"}


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


class Terminal(io.StringIO):
    def isatty(self):
        return True


def events_of(text):
    events = [json.loads(line) for line in text.splitlines()]  # every line is one JSON object
    for e in events:
        assert REQUIRED <= set(e), e
        datetime.fromisoformat(e["time"].replace("Z", "+00:00"))
    return events


def test_no_bar_is_drawn_when_the_stream_is_not_a_terminal():
    stream = io.StringIO()
    meter = Progress("docs", stream=stream)
    meter.start()
    meter.update({"docs": 5}, 0.5, force=True)
    meter.finish({"docs": 5})
    assert not meter.drawing and stream.getvalue() == ""


def test_a_bar_is_drawn_on_a_terminal_with_counts_rate_and_eta():
    clock, stream = Clock(), Terminal()
    meter = Progress("docs", stream=stream, clock=clock)
    meter.start()
    clock.now += 10
    meter.update({"docs": 500}, 0.5)
    meter.finish()
    out = stream.getvalue()
    assert meter.drawing
    assert "docs 500" in out and "50.0 docs/s" in out and "ETA 0:10" in out


def test_events_on_the_bars_stream_turn_the_bar_off():
    stream = Terminal()
    assert not Progress("docs", stream=stream, events=EventLog(stream)).drawing


def test_json_events_started_progress_errors_finished():
    clock, log = Clock(), io.StringIO()
    meter = Progress("pages", bar=False, events=EventLog(log), clock=clock, every=1.0)
    meter.start(command="crawl", output_dir="/r")
    clock.now += 2
    meter.update({"pages": 10, "articles": 4}, errors={"http_404": 1})
    meter.update({"pages": 11, "articles": 4}, errors={"http_404": 1})  # too soon: nothing
    clock.now += 2
    meter.update({"pages": 20, "articles": 9}, errors={"http_404": 1, "timeout": 2})
    meter.finish({"articles_kept": 9}, finish_reason="finished")
    events = events_of(log.getvalue())
    assert [e["event"] for e in events] == ["run_started", "error", "progress", "error", "progress", "run_finished"]
    assert events[0]["command"] == "crawl"
    assert events[1] == {**events[1], "kind": "http_404", "count": 1, "new": 1}
    assert events[2]["counts"] == {"pages": 10, "articles": 4} and events[2]["rate"] == {"pages_per_s": 5.0}
    assert events[3]["kind"] == "timeout" and events[3]["count"] == 2  # http_404 did not grow: not again
    assert events[5]["summary"] == {"articles_kept": 9} and events[5]["finish_reason"] == "finished"


def test_event_log_appends_to_a_file(tmp_path):
    path = tmp_path / "log.jsonl"
    for n in range(2):
        log = EventLog.open(str(path))
        log.emit("run_started", elapsed_s=0.0, n=n)
        log.close()
    assert [e["n"] for e in events_of(path.read_text())] == [0, 1]


@pytest.mark.e2e
def test_crawl_json_log_and_no_bar_without_a_terminal(tmp_path):
    out, log = tmp_path / "run", tmp_path / "events.jsonl"
    with build_world(seed=0).serve() as world:
        proc = subprocess.run(
            [sys.executable, "-m", "crawler.cli", "crawl", *world.start_urls, "-o", str(out), "--delay", "0",
             "--json-log", str(log), *site_tz_options(world)],   # progress asked, but stderr is a pipe
            capture_output=True, text=True, timeout=300, env=_env(), cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "\r" not in proc.stderr and "\x1b[" not in proc.stderr
    events = events_of(log.read_text())
    assert events[0]["event"] == "run_started" and events[0]["start_urls"]
    assert events[-1]["event"] == "run_finished"
    run = json.loads((out / "run.json").read_text())
    assert events[-1]["summary"]["articles_kept"] == run["summary"]["articles_kept"]
    progress = [e for e in events if e["event"] == "progress"]
    assert progress and {"pages", "articles", "stories", "errors"} <= set(progress[-1]["counts"])
    assert progress[-1]["counts"]["articles"] == run["summary"]["articles_kept"]
    errors = {e["kind"]: e["count"] for e in events if e["event"] == "error"}
    assert errors == run["summary"]["errors"]


def dedup_input(tmp_path):
    src = tmp_path / "in.jsonl"
    text = " ".join(f"word{i}" for i in range(80))
    src.write_text("".join(json.dumps({"url": f"http://a/{i}", "text": f"{text} n{i % 7}"}) + "\n" for i in range(40))
                   + '{"url": "http://a/x"}\n')
    return src


@pytest.mark.e2e
def test_dedup_json_log_on_stderr(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "crawler.cli", "dedup", str(dedup_input(tmp_path)), "-o",
                           str(tmp_path / "run"), "--workers", "1", "--json-log", "-"],
                          capture_output=True, text=True, timeout=300, env=_env(), cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    events = events_of(proc.stderr)
    assert [e["event"] for e in events][0] == "run_started" and events[0]["input_bytes"] > 0
    assert events[-1]["event"] == "run_finished" and events[-1]["summary"]["documents_read"] == 41
    assert events[-2]["event"] == "progress" and events[-2]["counts"]["docs"] == 41
    assert {"kind": "missing_url_or_text", "count": 1}.items() <= next(e for e in events if e["event"] == "error").items()


@pytest.mark.e2e
def test_dedup_draws_a_bar_on_a_terminal(tmp_path):
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "crawler.cli", "dedup", str(dedup_input(tmp_path)), "-o",
                             str(tmp_path / "run"), "--workers", "1"],
                            stdout=subprocess.DEVNULL, stderr=slave, env=_env(), cwd=ROOT)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:  # the terminal closed with the process
            break
        if not data:
            break
        chunks.append(data)
    assert proc.wait(timeout=300) == 0
    os.close(master)
    drawn = b"".join(chunks).decode("utf-8", "replace")
    assert "docs 41" in drawn and "docs/s" in drawn
