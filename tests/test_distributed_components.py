"""The Redis components one by one, against a real ``redis-server`` on loopback:
the reliable queue (hold, acknowledge, requeue), the per-host gate, the shared story log."""

from __future__ import annotations

import asyncio
import time

import pytest
import redis
from scrapy import Request, Spider

from crawler.distributed.dupefilter import RedisDupeFilter
from crawler.distributed.keys import CrawlKeys
from crawler.distributed.politeness import HostGate
from crawler.distributed.queue import ReliableQueue
from crawler.distributed.storylog import PENDING, SharedStoryLog
from dedup import StoryIndex
from spiders.fingerprint import CanonicalFingerprinter
from tests.redis_server import needs_redis, redis_server

pytestmark = needs_redis


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    with redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url


@pytest.fixture
def server(redis_url):
    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    yield client
    client.close()


class Crawl(Spider):
    name = "t"

    def parse(self, response):
        pass


def _queue(server, worker):
    return ReliableQueue(server, Crawl(), "t:requests", worker=worker)


# --- queue ---------------------------------------------------------------------------------

def test_pop_holds_the_request_until_settled(server):
    q = _queue(server, "w1")
    q.push(Request("http://a.test/1", priority=0))
    req = q.pop()
    assert req.url == "http://a.test/1"
    assert len(q) == 0
    assert server.hlen(q.inflight_key) == 1
    assert q.settle([req]) == 0            # still in Scrapy's hands
    assert server.hlen(q.inflight_key) == 1
    assert q.settle([]) == 1               # done
    assert server.hlen(q.inflight_key) == 0 and q.held == {}


def test_pop_keeps_priority_order(server):
    q = _queue(server, "w1")
    q.push(Request("http://a.test/low", priority=-2))
    q.push(Request("http://a.test/high", priority=5))
    assert [q.pop().url, q.pop().url, q.pop()] == ["http://a.test/high", "http://a.test/low", None]


def test_requests_of_a_dead_worker_go_back_with_their_priority(server):
    dead, alive = _queue(server, "dead"), _queue(server, "alive")
    dead.beat(ttl=0.05)
    alive.beat(ttl=30)
    for i, prio in enumerate((3, 1)):
        dead.push(Request(f"http://a.test/{i}", priority=prio))
    held = [dead.pop(), dead.pop()]
    assert len(dead) == 0 and len(held) == 2
    while server.exists(dead.alive_of("dead")):   # the dead worker stops beating
        time.sleep(0.02)
    assert alive.requeue_dead() == 2
    assert server.hlen(dead.inflight_key) == 0
    assert server.smembers(alive.workers_key) == {b"alive"}
    assert [alive.pop().url, alive.pop().url] == ["http://a.test/0", "http://a.test/1"]


def test_a_live_worker_keeps_its_requests_and_counts_as_busy(server):
    a, b = _queue(server, "a"), _queue(server, "b")
    a.beat(ttl=30)
    b.beat(ttl=30)
    a.push(Request("http://a.test/x"))
    a.pop()
    assert b.requeue_dead() == 0
    assert b.busy_elsewhere() and not a.busy_elsewhere()


def test_release_returns_what_a_stopping_worker_holds(server):
    q = _queue(server, "w")
    q.push(Request("http://a.test/x"))
    q.pop()
    assert q.release() == 1
    assert len(q) == 1 and server.hlen(q.inflight_key) == 0


# --- dupefilter ----------------------------------------------------------------------------

def test_dupefilter_uses_the_crawlers_fingerprinter(server, make_crawler):
    crawler = make_crawler()
    fp = CanonicalFingerprinter.from_crawler(crawler)
    df = RedisDupeFilter(server, "t:dupefilter", fp)
    assert not df.request_seen(Request("http://a.test/story?utm_source=x"))
    assert df.request_seen(Request("http://a.test/story"))   # tracking parameter ignored
    df.close("finished")
    assert server.scard("t:dupefilter") == 1                   # kept for the other workers


# --- per-host gate -------------------------------------------------------------------------

def test_two_workers_never_hit_one_host_closer_than_the_delay(redis_url, server):
    from redis.asyncio import Redis

    delay = 0.1
    grants: list[tuple[float, str]] = []

    async def worker(name: str, n: int) -> None:
        client = Redis.from_url(redis_url)   # one client per worker, as in two processes
        gate = HostGate(client, CrawlKeys("t"), delay, owner=name)
        for _ in range(n):
            await gate.wait_turn("news.test:80")
            grants.append((time.monotonic(), name))
        await client.aclose()

    async def both() -> None:
        await asyncio.gather(worker("A", 5), worker("B", 5))

    asyncio.run(both())
    times = sorted(t for t, _ in grants)
    assert {n for _, n in grants} == {"A", "B"} and len(times) == 10
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert min(gaps) >= delay - 0.005   # Redis expires keys to the millisecond


def test_hosts_do_not_wait_for_each_other(redis_url, server):
    from redis.asyncio import Redis

    slept: list[float] = []

    async def fake_sleep(s: float) -> None:
        slept.append(s)
        await asyncio.sleep(0)

    async def run() -> None:
        client = Redis.from_url(redis_url)
        gate = HostGate(client, CrawlKeys("t"), 30.0)
        await gate.wait_turn("a.test")
        await gate.wait_turn("b.test")
        await client.aclose()

    asyncio.run(run())
    assert slept == []


def test_host_gate_refuses_a_zero_delay(server):
    with pytest.raises(ValueError, match="delay"):
        HostGate(server, CrawlKeys("t"), 0)


# --- shared story log ----------------------------------------------------------------------

DISPATCH = ("The central bank raised its key rate by a quarter point on Tuesday, citing "
            "persistent inflation in services and a tight labour market, and signalled that "
            "further increases remain possible if price pressures do not ease by the spring. "
            "Markets had largely expected the move after weeks of hawkish comments. ")
OTHER = ("A storm brought heavy rain and strong winds to the northern coast overnight, "
         "closing several roads and cutting power to thousands of homes, officials said, "
         "as crews worked through the morning to clear fallen trees and restore lines. ")


def _docs():
    from datetime import datetime, timezone

    t = datetime(2026, 11, 20, 8, tzinfo=timezone.utc)
    return [
        ("d1", DISPATCH * 3, "http://a.test/1", "a.test", t),
        ("d2", OTHER * 3, "http://b.test/2", "b.test", t),
        ("d3", "PARIS (AFP) - " + DISPATCH * 3, "http://c.test/3", "c.test", None),
        ("d4", OTHER * 2, "http://a.test/4", "a.test", t),
    ]


def test_story_index_is_deterministic_for_one_sequence():
    runs = []
    for _ in range(2):
        index = StoryIndex()
        runs.append([index.add(d, text, url=u, site=s, published=p) for d, text, u, s, p in _docs()])
    assert runs[0] == runs[1]


def test_copy_found_by_worker_b_joins_the_story_worker_a_started(server):
    a = SharedStoryLog(StoryIndex(), server, "t:log", "t:lock")
    b = SharedStoryLog(StoryIndex(), server, "t:log", "t:lock")
    docs = _docs()
    got = {}
    for i, (d, text, u, s, p) in enumerate(docs):
        log = a if i % 2 == 0 else b
        got[d] = log.add(d, text, url=u, site=s, published=p)
    assert got["d3"].story_id == got["d1"].story_id      # A's story, joined through B
    assert got["d4"].story_id == got["d2"].story_id
    # each worker's index equals one index fed the log's order
    single = StoryIndex()
    expected = {d: single.add(d, text, url=u, site=s, published=p) for d, text, u, s, p in docs}
    assert got == expected
    b.catch_up()
    a.catch_up()
    assert a.known == b.known == expected
    stories = lambda log: sorted((st.story_id, sorted(st.members)) for st in log.index.stories())
    assert stories(a) == stories(b)


def test_an_article_grouped_by_one_worker_is_refused_to_the_other(server):
    a = SharedStoryLog(StoryIndex(), server, "t:log", "t:lock")
    b = SharedStoryLog(StoryIndex(), server, "t:log", "t:lock")
    d, text, u, s, p = _docs()[0]
    assert a.add(d, text, url=u, site=s, published=p) is not None
    assert b.add(d, text, url=u + "?alias", site=s, published=p) is None
    assert a.add(d, text, url=u, site=s, published=p) is None
    assert server.llen("t:log") == 1


def test_a_new_worker_replays_the_whole_log(server):
    a = SharedStoryLog(StoryIndex(), server, "t:log", "t:lock")
    for d, text, u, s, p in _docs():
        a.add(d, text, url=u, site=s, published=p)
    late = SharedStoryLog(StoryIndex(), server, "t:log", "t:lock")
    assert late.catch_up() == 4
    assert late.known == a.known


def test_an_article_grouped_by_a_dead_worker_and_not_written_is_adopted(server):
    alive = {"A": True, "B": True}
    logs = {w: SharedStoryLog(StoryIndex(), server, "t:log", "t:lock", worker=w,
                              written_key="t:written", is_alive=alive.get) for w in "AB"}
    (d1, t1, u1, s1, p1), (d2, t2, u2, s2, p2) = _docs()[:2]
    first = logs["A"].add(d1, t1, url=u1, site=s1, published=p1)
    logs["A"].add(d2, t2, url=u2, site=s2, published=p2)
    server.sadd("t:written", d2)                          # A wrote d2's line, not d1's
    assert logs["B"].add(d1, t1, url=u1, site=s1, published=p1) == PENDING  # A lives: wait for A
    alive["A"] = False                                    # A is killed
    assert logs["B"].add(d1, t1, url=u1, site=s1, published=p1) == first  # adopted, same story
    assert logs["B"].add(d1, t1, url=u1, site=s1, published=p1) is None   # once
    assert logs["B"].add(d2, t2, url=u2, site=s2, published=p2) is None   # written: not again
    assert server.llen("t:log") == 2


# --- the add-on ----------------------------------------------------------------------------

def test_the_addon_turns_a_crawl_into_a_named_worker():
    from crawler.cli.runner import project_settings
    from crawler.distributed.addon import RedisAddon
    from crawler.distributed.group import SharedGroupPipeline, SharedWritePipeline
    from crawler.distributed.politeness import HostGate

    settings = project_settings({"WIRECRAWL_REDIS_URL": "redis://127.0.0.1:1/0",
                                 "WIRECRAWL_REDIS_KEY": "news1"})
    RedisAddon().update_settings(settings)
    assert settings.get("REDIS_URL") == "redis://127.0.0.1:1/0"
    assert settings.get("SCHEDULER") == "crawler.distributed.scheduler.Scheduler"
    assert settings.get("SCHEDULER_QUEUE_KEY") == "news1:requests"
    assert settings.get("DUPEFILTER_CLASS") == "crawler.distributed.dupefilter.RedisDupeFilter"
    assert settings.getbool("SCHEDULER_PERSIST")
    assert settings.get("WIRECRAWL_REDIS_WORKER")          # a worker id every component sees
    pipelines = settings.getdict("ITEM_PIPELINES")
    assert pipelines[SharedGroupPipeline] == 300 and pipelines[SharedWritePipeline] == 900
    assert "crawler.pipelines.group.GroupPipeline" not in pipelines
    assert "crawler.pipelines.write.WritePipeline" not in pipelines
    assert HostGate in settings.getdict("DOWNLOADER_MIDDLEWARES")


def test_without_a_url_the_addon_does_nothing():
    from scrapy.exceptions import NotConfigured

    from crawler.cli.runner import project_settings
    from crawler.distributed.addon import RedisAddon

    settings = project_settings({})
    with pytest.raises(NotConfigured):
        RedisAddon().update_settings(settings)
    assert settings.get("SCHEDULER") != "crawler.distributed.scheduler.Scheduler"


# --- the command line ----------------------------------------------------------------------

def test_cli_refuses_an_unreachable_redis_before_crawling(tmp_path, capsys):
    from crawler.cli.main import main
    from tests.redis_server import _free_port

    url = f"redis://127.0.0.1:{_free_port()}/0"   # nobody listens there
    assert main(["crawl", "http://127.0.0.1:1/", "-o", str(tmp_path), "--redis", url]) == 2
    assert "cannot reach the server" in capsys.readouterr().err
    assert not (tmp_path / "run.json").exists()


@pytest.mark.parametrize("extra", [["--state", "STATE"], ["--index", "stories.sqlite"]])
def test_cli_refuses_redis_with_a_local_story_index(tmp_path, capsys, redis_url, extra):
    from crawler.cli.main import main

    extra = [str(tmp_path / e) if i % 2 else e for i, e in enumerate(extra)]
    assert main(["crawl", "http://127.0.0.1:1/", "-o", str(tmp_path / "run"), "--redis", redis_url, *extra]) == 2
    assert "cannot go with --state or --index" in capsys.readouterr().err


def test_cli_refuses_a_url_that_is_not_redis(tmp_path, capsys):
    from crawler.cli.main import main

    assert main(["crawl", "http://127.0.0.1:1/", "-o", str(tmp_path), "--redis", "http://x:6379"]) == 2
    assert "expected redis://HOST:PORT/DB" in capsys.readouterr().err
