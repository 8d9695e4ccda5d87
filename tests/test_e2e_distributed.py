"""End to end on Redis: two ``wirecrawl crawl --redis`` workers on the demo world, against a
real ``redis-server`` on loopback — their union is the world's articles once each, grouped
as one process groups them; a worker killed with SIGKILL mid-run loses nothing.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest
import redis

from crawler.demo.evaluation import compare_with_world
from output import read_jsonl
from tests.redis_server import needs_redis, redis_server

pytestmark = [pytest.mark.e2e, needs_redis]

ROOT = Path(__file__).resolve().parents[1]


def _env():
    return dict(os.environ, PYTHONPATH=str(ROOT))


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    with redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url


def _tz(world):
    return [a for site, tz in sorted(world.site_timezones.items()) for a in ("--site-tz", f"{site}={tz}")]


def _cli(world, out, *extra):
    return [sys.executable, "-m", "crawler.cli", "crawl", *world.start_urls, "-o", str(out),
            "--delay", "0", "--no-progress", "--log-level", "INFO", *_tz(world), *extra]


def _union(run_dirs, out: Path) -> Path:
    """One run directory holding every worker's lines (articles in order, stories once)."""
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "articles.jsonl", "w", encoding="utf-8") as f:
        for d in run_dirs:
            for rec in read_jsonl(Path(d) / "articles.jsonl"):
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    stories = {}
    for d in run_dirs:
        if not (Path(d) / "stories.jsonl").exists():   # a killed worker writes none
            continue
        for st in read_jsonl(Path(d) / "stories.jsonl"):
            stories.setdefault(st["story_id"], st)
    with open(out / "stories.jsonl", "w", encoding="utf-8") as f:
        for st in stories.values():
            f.write(json.dumps(st, ensure_ascii=False) + "\n")
    return out


def _groups(run_dir: Path) -> set[frozenset[str]]:
    by_story = defaultdict(set)
    for rec in read_jsonl(run_dir / "articles.jsonl"):
        by_story[rec["story_id"]].add(rec["id"])
    return {frozenset(ids) for ids in by_story.values()}


@pytest.fixture(scope="module")
def single_run(world, tmp_path_factory):
    out = tmp_path_factory.mktemp("single")
    proc = subprocess.run(_cli(world, out, "--workers", "0"), capture_output=True, text=True,
                          timeout=300, env=_env(), cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return out


_REQUESTS: list[tuple[str, str, str]] = []   # what the world served to the two workers


@pytest.fixture(scope="module")
def two_workers(world, redis_url, tmp_path_factory):
    base = tmp_path_factory.mktemp("two")
    runs = [base / "A", base / "B"]
    before = len(list(world.requests))
    procs = [subprocess.Popen(_cli(world, run, "--workers", "0", "--redis", redis_url,
                                   "--redis-key", "two"),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=_env(), cwd=ROOT) for run in runs]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err[-3000:]
    _REQUESTS[:] = list(world.requests)[before:]
    return runs, _union(runs, base / "union")


def test_two_workers_write_every_article_once(world, two_workers):
    runs, union = two_workers
    cmp = compare_with_world(union, world)
    assert cmp.missing == []
    assert cmp.emitted_twice == []
    assert cmp.unexpected == [] and cmp.non_articles_emitted == []
    assert cmp.exact_bodies == cmp.expected
    ids = [r["id"] for r in read_jsonl(union / "articles.jsonl")]
    assert len(ids) == len(set(ids)) == cmp.expected


def test_the_same_start_given_to_both_workers_is_fetched_once(world, two_workers):
    fetched = defaultdict(int)
    assert _REQUESTS
    for site, method, path in _REQUESTS:
        fetched[world.bases[site] + path] += 1
    pages = [u for u in world.start_urls if not u.endswith("/robots.txt")]
    assert [fetched[u] for u in pages] == [1] * len(pages)
    # robots.txt: once as a start, plus once per worker by RobotsTxtMiddleware (each needs the rules)
    assert all(fetched[u] <= 3 for u in world.start_urls if u.endswith("/robots.txt"))


def test_two_workers_group_stories_as_one_process(two_workers, single_run):
    runs, union = two_workers
    assert _groups(union) == _groups(single_run)


def test_each_worker_lists_its_stories_with_every_member(two_workers):
    runs, union = two_workers
    members_by_id = defaultdict(set)
    for rec in read_jsonl(union / "articles.jsonl"):
        members_by_id[rec["story_id"]].add(rec["url"])
    for run in runs:
        for st in read_jsonl(run / "stories.jsonl"):
            assert set(st["members"]) == members_by_id[st["story_id"]]


def test_every_popped_request_is_acknowledged(two_workers, redis_url):
    runs, _ = two_workers
    stats = [json.loads((r / "run.json").read_text())["stats"] for r in runs]
    assert all(s.get("finish_reason") == "finished" for s in stats)
    # every request popped from the shared queue was acknowledged; none left behind
    assert sum(s.get("scheduler/dequeued/redis", 0) for s in stats) == \
        sum(s.get("wirecrawl/redis/acked", 0) for s in stats)
    client = redis.Redis.from_url(redis_url)
    try:
        assert client.zcard("two:requests") == 0
        assert not [k for k in client.scan_iter("two:requests:inflight:*") if client.hlen(k)]
    finally:
        client.close()


def test_a_worker_killed_mid_run_loses_nothing(world, redis_url, tmp_path):
    """The victim is killed with SIGKILL after writing a few lines; the survivor puts back the
    requests the victim held (its heartbeat expires) and finishes the frontier."""
    settings = {"WIRECRAWL_REDIS_URL": redis_url, "WIRECRAWL_REDIS_KEY": "kill",
                "WIRECRAWL_REDIS_HEARTBEAT": "1.0", "DOWNLOAD_DELAY": "0.1",
                "AUTOTHROTTLE_ENABLED": "False", "DOWNLOAD_TIMEOUT": "5",
                "WIRECRAWL_EXTRACT_WORKERS": "0", "LOG_LEVEL": "INFO",
                "WIRECRAWL_SITE_TIMEZONES": json.dumps(world.site_timezones)}

    def worker(out: Path) -> subprocess.Popen:
        cmd = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", "start=" + ",".join(world.start_urls),
               "-s", f"WIRECRAWL_OUTPUT_DIR={out}"]
        for k, v in settings.items():
            cmd += ["-s", f"{k}={v}"]
        return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=open(out.with_suffix(".log"), "w"),
                                env=_env(), cwd=ROOT)

    victim_dir, survivor_dir = tmp_path / "victim", tmp_path / "survivor"
    victim_dir.mkdir()
    survivor_dir.mkdir()
    victim = worker(victim_dir)
    survivor = worker(survivor_dir)
    lines = victim_dir / "articles.jsonl"
    while victim.poll() is None:
        if lines.exists() and len(lines.read_text(encoding="utf-8").splitlines()) >= 3:
            victim.send_signal(signal.SIGKILL)
            break
        time.sleep(0.02)
    assert victim.wait(timeout=300) == -signal.SIGKILL, "the victim finished before it could be killed"
    assert survivor.wait(timeout=300) == 0, (survivor_dir.with_suffix(".log")).read_text()[-3000:]

    union = _union([victim_dir, survivor_dir], tmp_path / "union")
    cmp = compare_with_world(union, world)
    assert cmp.missing == []
    emitted_by = {d.name: [r["url"] for r in read_jsonl(d / "articles.jsonl")] for d in (victim_dir, survivor_dir)
                  if (d / "articles.jsonl").exists()}
    stray = set(cmp.unexpected) | set(cmp.non_articles_emitted)
    assert not stray, (  # which worker wrote it, and what its robots.txt fetches did
        {name: [u for u in urls if u in stray] for name, urls in emitted_by.items()},
        [(d.name, [ln for ln in d.with_suffix(".log").read_text().splitlines() if "robots" in ln.lower()][-8:])
         for d in (victim_dir, survivor_dir)])
    # At least once across a kill: a line flushed in the instant before the victim marked it
    # written may come again from the survivor; in practice none does.
    assert len(cmp.emitted_twice) <= 1
    stats = json.loads((survivor_dir / "run.json").read_text())["stats"]
    assert stats.get("wirecrawl/redis/requeued", 0) >= 1
    assert stats["finish_reason"] == "finished"
