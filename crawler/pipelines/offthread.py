"""Awaiting work done off the reactor's thread, from a pipeline's coroutine.

Blocking work (extraction in worker processes, SQLite in the story index, file writes) runs
in a ``concurrent.futures`` executor; the pipeline awaits its future. With the asyncio reactor
(Scrapy's default), or any running asyncio loop as in tests, the future is wrapped for
asyncio; under another Twisted reactor it settles a ``Deferred`` from the reactor's thread.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Callable, TypeVar

from scrapy.utils.asyncio import is_asyncio_available
from twisted.internet import defer

T = TypeVar("T")


async def await_future(future: Future[T]) -> T:
    """The result of ``future``, awaited without blocking the reactor; its exception is raised."""
    if is_asyncio_available():
        return await asyncio.wrap_future(future)
    from twisted.internet import reactor  # the one Scrapy installed; not at import time

    d: defer.Deferred = defer.Deferred()

    def settle(f: Future[T]) -> None:
        exc = f.exception()
        if exc is None:
            reactor.callFromThread(d.callback, f.result())
        else:
            reactor.callFromThread(d.errback, exc)

    future.add_done_callback(settle)
    return await d


class SerialThread:
    """One worker thread: calls run one at a time, in the order they were submitted.

    For a resource that must never be used from two threads at once (a SQLite connection,
    an open file), and whose calls must keep their order.
    """

    def __init__(self, name: str) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)

    def submit(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> Future[T]:
        """Queues ``fn(*args, **kwargs)`` behind everything submitted before; returns its future."""
        return self._executor.submit(fn, *args, **kwargs)

    async def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Queues ``fn(*args, **kwargs)`` and awaits its result."""
        return await await_future(self.submit(fn, *args, **kwargs))

    def shutdown(self) -> None:
        """Waits for queued calls, then stops the thread."""
        self._executor.shutdown(wait=True)
