"""Scheduled crawls end to end through the real CLI: kill -9 and rerun, the state's lock,
revisions of a changed page, and ``wirecrawl status``.

Worlds are served on loopback by this test process; each crawl is a subprocess.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from crawler.demo.evaluation import url_key
from tests.spider_site import Site

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[1]
EXIT_STATE_LOCKED = 75


def _env():
    return dict(os.environ, PYTHONPATH=str(ROOT))


def crawl_cmd(world, out, state, *extra):
    tz = [a for site, zone in sorted(world.site_timezones.items()) for a in ("--site-tz", f"{site}={zone}")]
    return [sys.executable, "-m", "crawler.cli", "crawl", *world.start_urls, "-o", str(out), "--state", str(state),
            "--workers", "0", "--no-progress", *tz, *extra]


def lines_of(path: Path) -> list[bytes]:
    return path.read_bytes().split(b"\n") if path.exists() else []


def wait_for(predicate, proc, what, timeout=120):
    """Poll until ``predicate()``; fails if the process ended first (or after ``timeout``)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        if proc.poll() is not None:
            pytest.fail(f"the crawl ended (code {proc.returncode}) before {what}")
        time.sleep(0.01)
    pytest.fail(f"timed out waiting for {what}")


@pytest.mark.parametrize("kill_after", [1, 4, 12, -6])
def test_kill_9_then_the_same_command_writes_every_article_exactly_once(world, tmp_path, kill_after):
    """SIGKILL after N finished lines (-6: all but about six), then the same command again."""
    out, state = tmp_path / "run", tmp_path / "state"
    articles = out / "articles.jsonl"
    truth = {url_key(u) for u in world.expected["articles"]}
    want = kill_after if kill_after > 0 else len(truth) + kill_after
    cmd = crawl_cmd(world, out, state, "--delay", "0.05", "--concurrency", "4")
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env(), cwd=ROOT)
    try:
        wait_for(lambda: len(lines_of(articles)) - 1 >= want, proc, f"{want} lines")
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    first = len(lines_of(articles)) - 1
    assert first >= want
    rerun = subprocess.run(crawl_cmd(world, out, state, "--delay", "0"), capture_output=True, text=True,
                           timeout=300, env=_env(), cwd=ROOT)
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    raw = articles.read_bytes()
    assert raw.endswith(b"\n")
    records = [json.loads(x) for x in raw.splitlines()]        # every line is valid JSON
    # Exactly once: an article appears again only as a later revision.
    assert not [k for k, n in Counter((r["id"], r["revision"]) for r in records).items() if n > 1]
    assert {url_key(r["url"]) for r in records} == truth
    assert len(records) == len(truth), "an unchanged article was written again as a revision"
    # The state knows each article as written; the run killed has no finish reason.
    status = json.loads(subprocess.run([sys.executable, "-m", "crawler.cli", "status", "--state", str(state),
                                        "--json"], capture_output=True, text=True, env=_env(), cwd=ROOT).stdout)
    assert status["articles"]["total"] == len(truth)
    assert [r["finish_reason"] for r in status["runs"]] == ["finished", None]


def test_a_second_run_on_a_busy_state_exits_75_naming_the_lock_and_its_holder(world, tmp_path):
    out, state = tmp_path / "run", tmp_path / "state"
    proc = subprocess.Popen(crawl_cmd(world, out, state, "--delay", "0.3", "--concurrency", "1"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env(), cwd=ROOT)
    try:
        wait_for(lambda: len(lines_of(out / "articles.jsonl")) > 1, proc, "the first line")
        second = subprocess.run(crawl_cmd(world, tmp_path / "other", state), capture_output=True, text=True,
                                timeout=120, env=_env(), cwd=ROOT)
        dedup = subprocess.run([sys.executable, "-m", "crawler.cli", "dedup", str(out / "articles.jsonl"),
                                "-o", str(tmp_path / "d"), "--state", str(state), "--no-progress"],
                               capture_output=True, text=True, timeout=120, env=_env(), cwd=ROOT)
        status = subprocess.run([sys.executable, "-m", "crawler.cli", "status", "--state", str(state), "--json"],
                                capture_output=True, text=True, timeout=120, env=_env(), cwd=ROOT)
        assert proc.poll() is None, "the first run should still be working"
    finally:
        proc.kill()
        proc.wait()
    for other in (second, dedup):
        assert other.returncode == EXIT_STATE_LOCKED, other.stderr
        msg = other.stderr.strip()
        assert len(msg.splitlines()) == 1
        assert str(state / "lock") in msg and f"pid {proc.pid}" in msg and "since 20" in msg
    assert not (tmp_path / "other" / "articles.jsonl").exists()
    # status reads while a run works, and sees it running.
    assert status.returncode == 0, status.stderr
    assert json.loads(status.stdout)["runs"][0]["finish_reason"] is None
    # The killed holder's lock blocks nothing.
    again = subprocess.run(crawl_cmd(world, out, state, "--delay", "0"), capture_output=True, text=True,
                           timeout=300, env=_env(), cwd=ROOT)
    assert again.returncode == 0, again.stderr[-3000:]


def site_crawl(site, out, state, *extra):
    proc = subprocess.run([sys.executable, "-m", "crawler.cli", "crawl", site.url + "/", "-o", str(out),
                           "--state", str(state), "--workers", "0", "--delay", "0", "--no-progress", *extra],
                          capture_output=True, text=True, timeout=300, env=_env(), cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    path = out / "articles.jsonl"
    return [json.loads(x) for x in path.read_text().splitlines()] if path.exists() else []


def test_a_changed_page_is_written_again_as_the_next_revision_and_status_reports_it(tmp_path):
    path = "/opinion/why-the-river-plan-needs-work-now"
    state = tmp_path / "state"
    with Site() as site:
        day1 = site_crawl(site, tmp_path / "day1", state)
        status, ctype, body, headers = site.routes[path]
        site.routes[path] = (status, ctype, body.replace(b"Paragraph 3 of", b"Corrected paragraph three of"),
                             headers)
        day2 = site_crawl(site, tmp_path / "day2", state)
    before = {r["url"]: r for r in day1}
    (changed,) = day2
    old = before[changed["url"]]
    assert changed["url"].endswith(path) and "Corrected paragraph three" in changed["text"]
    assert changed["id"] == old["id"] and changed["story_id"] == old["story_id"]
    assert old["revision"] == 1 and changed["revision"] == 2
    assert changed["modified"] is not None and changed["modified"] >= old["fetched_at"]
    run2 = json.loads((tmp_path / "day2" / "run.json").read_text())["stats"]
    assert run2["wirecrawl/state/revised"] == 1
    assert run2["wirecrawl/state/unchanged"] + run2.get("wirecrawl/state/skipped", 0) == len(day1) - 1

    out = subprocess.run([sys.executable, "-m", "crawler.cli", "status", "--state", str(state), "--json"],
                         capture_output=True, text=True, env=_env(), cwd=ROOT)
    assert out.returncode == 0, out.stderr
    st = json.loads(out.stdout)
    assert [r["finish_reason"] for r in st["runs"]] == ["finished", "finished"]
    assert [r["written"] for r in st["runs"]] == [1, len(day1)]
    assert st["runs"][0]["counts"]["revised"] == 1
    assert st["articles"] == {"total": len(day1), "by_revision": {"1": len(day1) - 1, "2": 1}}
    (s,) = [s for s in st["sites"] if s["articles"]]
    assert s["articles"] == len(day1) and s["pages"] > len(day1) and s["last_success"]
    assert st["story_index"]["documents"] == len(day1) and st["story_index"]["stories"] >= 1
    text = subprocess.run([sys.executable, "-m", "crawler.cli", "status", "--state", str(state)],
                          capture_output=True, text=True, env=_env(), cwd=ROOT).stdout
    assert "revision 2: 1" in text and "story index:" in text
