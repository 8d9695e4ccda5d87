"""ReliableQueue: scrapy-redis's priority queue, where a popped request is held, not lost.

scrapy-redis pops a request off the shared sorted set, so a worker killed while a request
is in flight loses it. Here the pop moves it, in one Lua script, into the worker's
in-flight hash (``<queue>:inflight:<worker>``, token -> ``score|request``); the scheduler
acknowledges it (``HDEL``) once Scrapy is done with it. Each worker refreshes a heartbeat
key with a TTL (``<queue>:alive:<worker>``) and registers in ``<queue>:workers``; the
in-flight requests of a registered worker whose heartbeat expired are put back into the
queue, in one script, by whichever worker notices first (they bypass the dupefilter,
which has already seen them). scrapy-redis has no such queue, hence this subclass.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from typing import Any, Iterable

from scrapy_redis.queue import PriorityQueue

logger = logging.getLogger(__name__)

# KEYS: queue, in-flight hash. ARGV: token. The lowest score first, as PriorityQueue.pop.
_POP = """
local r = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #r == 0 then return false end
redis.call('ZREM', KEYS[1], r[1])
redis.call('HSET', KEYS[2], ARGV[1], r[2] .. '|' .. r[1])
return r[1]
"""

# KEYS: queue, in-flight hash. Every held request back into the queue with its score.
_REQUEUE = """
local items = redis.call('HGETALL', KEYS[2])
for i = 2, #items, 2 do
  local v = items[i]
  local sep = string.find(v, '|', 1, true)
  redis.call('ZADD', KEYS[1], tonumber(string.sub(v, 1, sep - 1)), string.sub(v, sep + 1))
end
redis.call('DEL', KEYS[2])
return #items / 2
"""


def new_worker_id() -> str:
    """``host:pid:random`` — unique per process start, readable in ``redis-cli``."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


class ReliableQueue(PriorityQueue):
    """A shared priority queue whose pops are acknowledged.

    Args:
        server: a Redis client.
        spider: the spider (requests are (de)serialised against its callbacks).
        key: the queue's key; the in-flight, heartbeat and worker keys derive from it.
        serializer: as scrapy-redis (pickle by default).
        worker: this worker's id (default: ``WIRECRAWL_REDIS_WORKER``, set by the add-on).
    """

    def __init__(self, server: Any, spider: Any, key: str, serializer: Any = None,
                 worker: str | None = None) -> None:
        super().__init__(server, spider, key, serializer)
        settings = getattr(spider, "settings", None)
        self.worker = worker or (settings.get("WIRECRAWL_REDIS_WORKER") if settings else None) or new_worker_id()
        self.workers_key = f"{self.key}:workers"
        self.inflight_key = self.inflight_of(self.worker)
        self._pop = server.register_script(_POP)
        self._requeue = server.register_script(_REQUEUE)
        self._tokens = 0
        self.held: dict[str, Any] = {}  # token -> the Request object handed to Scrapy

    def inflight_of(self, worker: str) -> str:
        return f"{self.key}:inflight:{worker}"

    def alive_of(self, worker: str) -> str:
        return f"{self.key}:alive:{worker}"

    # --- queue ----------------------------------------------------------------------------

    def pop(self, timeout: int = 0) -> Any:
        """The next request, now held in this worker's in-flight hash (``None`` if empty)."""
        self._tokens += 1
        token = str(self._tokens)
        data = self._pop(keys=[self.key, self.inflight_key], args=[token])
        if data is None:
            return None
        try:
            request = self._decode_request(data)
        except Exception:  # noqa: BLE001 - a request this spider cannot rebuild is dropped, said once
            logger.exception("dropping an undecodable request from %s", self.key)
            self.server.hdel(self.inflight_key, token)
            return None
        self.held[token] = request
        return request

    def settle(self, in_progress: Iterable[Any]) -> int:
        """Acknowledges every held request no longer in ``in_progress`` (Scrapy is done with
        it); returns how many."""
        busy = set(map(id, in_progress))
        done = [t for t, r in self.held.items() if id(r) not in busy]
        if done:
            self.server.hdel(self.inflight_key, *done)
            for t in done:
                del self.held[t]
        return len(done)

    def release(self) -> int:
        """Puts every request this worker still holds back into the queue (a stop before the
        end); returns how many."""
        self.held.clear()
        return int(self._requeue(keys=[self.key, self.inflight_key]))

    # --- workers --------------------------------------------------------------------------

    def beat(self, ttl: float) -> None:
        """This worker is alive for ``ttl`` seconds more."""
        pipe = self.server.pipeline()
        pipe.set(self.alive_of(self.worker), b"1", px=max(1, int(ttl * 1000)))
        pipe.sadd(self.workers_key, self.worker)
        pipe.execute()

    def retire(self) -> None:
        """This worker leaves the crawl (its in-flight hash must be empty or released)."""
        pipe = self.server.pipeline()
        pipe.delete(self.alive_of(self.worker))
        pipe.srem(self.workers_key, self.worker)
        pipe.execute()

    def requeue_dead(self) -> int:
        """Puts back the in-flight requests of every worker whose heartbeat expired, and
        forgets those workers; returns how many requests."""
        n = 0
        for raw in self.server.smembers(self.workers_key):
            worker = raw.decode() if isinstance(raw, bytes) else raw
            if worker == self.worker or self.server.exists(self.alive_of(worker)):
                continue
            got = int(self._requeue(keys=[self.key, self.inflight_of(worker)]))
            if got:
                logger.warning("worker %s stopped beating: %d requests back in the queue", worker, got)
            n += got
            self.server.srem(self.workers_key, worker)
        return n

    def busy_elsewhere(self) -> bool:
        """Whether another live worker holds requests (whose outputs may still grow the frontier)."""
        for raw in self.server.smembers(self.workers_key):
            worker = raw.decode() if isinstance(raw, bytes) else raw
            if worker != self.worker and self.server.hlen(self.inflight_of(worker)):
                return True
        return False
