"""The streamed writer keeps every finished line, even after a killed writer."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from output import BadLineError, JsonlWriter, read_jsonl, write_json_atomic


def test_appends_and_flushes_each_record(tmp_path):
    path = tmp_path / "run" / "articles.jsonl"
    w = JsonlWriter(path)
    w.write({"id": "a", "text": "é — ü"})
    # Flushed: another reader sees it before close.
    assert json.loads(path.read_text(encoding="utf-8")) == {"id": "a", "text": "é — ü"}
    w.write({"id": "b"})
    w.close()
    with JsonlWriter(path) as w2:  # a second run appends
        w2.write({"id": "c"})
    assert [r["id"] for r in read_jsonl(path)] == ["a", "b", "c"]


def test_partial_last_line_is_cut_on_reopen(tmp_path):
    path = tmp_path / "articles.jsonl"
    path.write_text('{"id": "a"}\n{"id": "b"}\n{"id": "c", "te', encoding="utf-8")
    with JsonlWriter(path) as w:
        w.write({"id": "d"})
    assert [r["id"] for r in read_jsonl(path)] == ["a", "b", "d"]


def test_partial_only_line_is_cut(tmp_path):
    path = tmp_path / "articles.jsonl"
    path.write_bytes(b'{"id": "x", "text": "no newline yet')
    with JsonlWriter(path) as w:
        w.write({"id": "y"})
    assert [r["id"] for r in read_jsonl(path)] == ["y"]


def test_killed_writer_leaves_finished_lines_intact(tmp_path):
    path = tmp_path / "articles.jsonl"
    script = (
        "import sys, time\n"
        "from output import JsonlWriter\n"
        f"w = JsonlWriter({str(path)!r})\n"
        "i = 0\n"
        "while True:\n"
        "    w.write({'id': i, 'text': 'x' * 5000})\n"
        "    i += 1\n"
    )
    env = dict(os.environ, PYTHONPATH=os.getcwd())
    proc = subprocess.Popen([sys.executable, "-c", script], env=env)
    deadline = time.monotonic() + 20
    while (not path.exists() or path.stat().st_size < 200_000) and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with JsonlWriter(path):
        pass
    ids = [r["id"] for r in read_jsonl(path)]
    assert len(ids) > 10 and ids == list(range(len(ids)))


def test_read_jsonl_strict_names_the_bad_line(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"a": 1}\nnot json\n', encoding="utf-8")
    with pytest.raises(BadLineError, match=r"in.jsonl:2: not a JSON line"):
        list(read_jsonl(path, strict=True))


def test_read_jsonl_bad_lines_cost_only_themselves(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"a": 1}\n{"a": 2}\n{"a": "\xff\xfe"}\nnot json\n[1]\n\n{"a": 3}\n{"a": 4')
    bad = []
    assert [r["a"] for r in read_jsonl(path, on_bad=bad.append)] == [1, 2, 3]
    assert [(b.lineno, b.reason.split(" (")[0]) for b in bad] == [
        (3, "not UTF-8"), (4, "not a JSON line"), (5, "expected a JSON object, got list"), (8, "not a JSON line")]
    assert str(bad[0]) == f"{path}:3: not UTF-8 (byte 8 of the line)"


def test_read_jsonl_logs_bad_lines_by_default(tmp_path, caplog):
    path = tmp_path / "in.jsonl"
    path.write_text('{"a": 1}\n{oops\n{"a": 2}\n', encoding="utf-8")
    assert [r["a"] for r in read_jsonl(path)] == [1, 2]
    assert "in.jsonl:2: not a JSON line" in caplog.text


def test_write_json_atomic_replaces_whole_file(tmp_path):
    path = tmp_path / "run.json"
    write_json_atomic(path, {"a": 1})
    write_json_atomic(path, {"b": [1, 2]})
    assert json.loads(path.read_text()) == {"b": [1, 2]}
    assert [p.name for p in tmp_path.iterdir()] == ["run.json"]
