"""Runs ``extract_article`` (or the whole page analysis) in worker processes, so a crawl uses every core.

Extraction is CPU-bound Python (trafilatura, lxml, our cleanup): in the reactor's thread it
caps a crawl at one core and stalls downloads while it runs. ``ExtractPool`` hands each page
to one of N single-process executors chosen by the page's site (sites dealt out in turn as
they come), so all pages of a site meet the same ``SiteTemplates`` learner (which lives in
that worker) and template lines are learned exactly as in one process. ``submit_analysis`` runs ``crawler.analysis.analyse_page``
there instead: the page's links, its article decision and, for an article, the extraction,
all on one parse. Pure: ``concurrent.futures``, no Scrapy import.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from datetime import datetime
from typing import Mapping

from crawler.analysis import analyse_page
from crawler.extract import ExtractOptions, SiteTemplates, extract_article
from crawler.items import Article
from spiders.pages import PageAnalysis, PageHints

# One per worker process, set by _init_worker: the worker's options, with its own learner.
_worker_options: ExtractOptions | None = None


def _init_worker(options: ExtractOptions, min_pages: int, min_share: float) -> None:
    global _worker_options
    _worker_options = replace(options, templates=SiteTemplates(min_pages=min_pages, min_share=min_share))
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), name="parent-watch", daemon=True).start()


def _exit_with_parent(parent: int, every: float = 1.0) -> None:
    """A crawl killed with SIGKILL cannot stop its workers: each one leaves when its parent is gone
    (it is re-parented), instead of lingering idle until the machine restarts."""
    while os.getppid() == parent:
        time.sleep(every)
    os._exit(0)


def _extract_in_worker(body: bytes, url: str, headers: Mapping[str, str], fetched_at: datetime | None) -> Article:
    assert _worker_options is not None, "worker not initialised"
    return extract_article(body, url, headers, options=replace(_worker_options, fetched_at=fetched_at))


def _extract_timed_in_worker(body: bytes, url: str, headers: Mapping[str, str],
                             fetched_at: datetime | None) -> tuple[Article, float]:
    t0 = time.perf_counter()
    article = _extract_in_worker(body, url, headers, fetched_at)
    return article, time.perf_counter() - t0


def _analyse_in_worker(body: bytes, url: str, headers: Mapping[str, str], fetched_at: datetime | None,
                       extract: bool, hints: PageHints | None = None) -> PageAnalysis | None:
    assert _worker_options is not None, "worker not initialised"
    return analyse_page(body, url, headers, options=replace(_worker_options, fetched_at=fetched_at),
                        extract=extract, hints=hints)


class ExtractPool:
    """``workers`` extraction processes; pages of one site always go to the same one.

    Args:
        workers: how many processes (≥ 1).
        options: extraction options; its ``templates`` is replaced by one learner per worker.
        min_pages, min_share: that learner's bounds (``WIRECRAWL_TEMPLATE_*``).

    Raises:
        ValueError: when ``workers`` is below 1.
    """

    def __init__(self, workers: int, options: ExtractOptions, *, min_pages: int, min_share: float) -> None:
        if workers < 1:
            raise ValueError(f"workers ({workers!r}) must be 1 or more")
        # spawn: forking a process that runs a reactor and threads is unsafe.
        ctx = multiprocessing.get_context("spawn")
        plain = replace(options, templates=None)
        self._shards: dict[str, int] = {}
        self._executors = [
            ProcessPoolExecutor(max_workers=1, mp_context=ctx, initializer=_init_worker,
                                initargs=(plain, min_pages, min_share))
            for _ in range(workers)
        ]

    def submit(self, body: bytes, url: str, headers: Mapping[str, str], *, site: str,
               fetched_at: datetime | None = None) -> Future[Article]:
        return self._executor(site).submit(_extract_in_worker, body, url, dict(headers), fetched_at)

    def submit_timed(self, body: bytes, url: str, headers: Mapping[str, str], *, site: str,
                     fetched_at: datetime | None = None) -> Future[tuple[Article, float]]:
        """Like ``submit``, with the seconds the extraction took in the worker (queueing excluded)."""
        return self._executor(site).submit(_extract_timed_in_worker, body, url, dict(headers), fetched_at)

    def submit_analysis(self, body: bytes, url: str, headers: Mapping[str, str], *, site: str,
                        fetched_at: datetime | None = None, extract: bool = True,
                        hints: PageHints | None = None) -> Future[PageAnalysis | None]:
        """``crawler.analysis.analyse_page`` of the page in its site's worker."""
        return self._executor(site).submit(_analyse_in_worker, body, url, dict(headers), fetched_at,
                                           extract, hints)

    def _executor(self, site: str) -> ProcessPoolExecutor:
        """The site's worker: sites are dealt out in the order they first come (a hash would
        leave one worker with most of a crawl's few sites and the other core idle)."""
        shard = self._shards.get(site)
        if shard is None:
            shard = self._shards[site] = len(self._shards) % len(self._executors)
        return self._executors[shard]

    def worker_pids(self) -> list[int]:
        """The process id of each worker, in shard order (starting any not yet running).

        For watching the workers from outside (memory, CPU) and for stopping one by hand.
        """
        return [ex.submit(os.getpid).result() for ex in self._executors]

    def close(self) -> None:
        for ex in self._executors:
            ex.shutdown(wait=True, cancel_futures=True)
