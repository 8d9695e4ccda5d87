"""Extraction in worker processes gives what in-process extraction gives, template learning included."""

import os
import signal
from concurrent.futures.process import BrokenProcessPool

import pytest

from crawler.extract import ExtractOptions, SiteTemplates, extract_article
from crawler.pipelines.pool import ExtractPool

FOOTER = "Notre rédaction vous propose chaque matin une sélection de l'actualité régionale et nationale."


def page(n: int) -> bytes:
    paras = [f"Le conseil municipal de la commune numéro {n} a voté jeudi un budget de {n * 7} millions "
             f"d'euros pour rénover les écoles et les gymnases de la ville d'ici à la fin de l'année {2026 + n}.",
             f"Les travaux commenceront au printemps et dureront {n + 2} mois selon le maire, qui a promis "
             f"de consulter les parents d'élèves avant chaque chantier important dans le quartier {n}.",
             FOOTER]
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (f"<html lang='fr'><head><meta charset='utf-8'><title>Budget {n}</title></head><body>"
            f"<article><h1>Budget des écoles {n}</h1>{body}</article></body></html>").encode()


def test_pool_matches_in_process_extraction_with_learned_template_lines():
    options = ExtractOptions()
    pool = ExtractPool(2, options, min_pages=3, min_share=0.5)
    try:
        here = ExtractOptions(templates=SiteTemplates(min_pages=3, min_share=0.5))
        for n in range(6):
            url = f"http://127.0.0.2:8000/actu/{n}"
            got = pool.submit(page(n), url, {}, site="127.0.0.2:8000").result(timeout=60)
            want = extract_article(page(n), url, {}, options=here)
            assert got.text == want.text
            assert got.title == want.title
        # By the last pages, the recurring footer was learned as template in the worker.
        assert FOOTER not in got.text
        assert "conseil municipal" in got.text
    finally:
        pool.close()


def test_pool_rejects_bad_worker_count():
    with pytest.raises(ValueError, match="workers"):
        ExtractPool(0, ExtractOptions(), min_pages=3, min_share=0.5)


def test_a_dead_worker_surfaces_as_broken_pool():
    pool = ExtractPool(1, ExtractOptions(), min_pages=3, min_share=0.5)
    try:
        pool.submit(page(1), "http://a.test/1", {}, site="a.test").result(timeout=60)
        (pid,) = pool.worker_pids()
        assert pid != os.getpid()
        os.kill(pid, signal.SIGKILL)
        with pytest.raises(BrokenProcessPool):
            pool.submit(page(2), "http://a.test/2", {}, site="a.test").result(timeout=60)
    finally:
        pool.close()


def test_sites_are_dealt_out_evenly_and_keep_their_worker():
    pool = ExtractPool(2, ExtractOptions(), min_pages=3, min_share=0.5)
    try:
        sites = [f"127.0.0.{i}:8000" for i in range(2, 12)]
        first = [pool._executor(s) for s in sites]
        assert [pool._executor(s) for s in reversed(sites)] == first[::-1]
        assert first.count(pool._executors[0]) == first.count(pool._executors[1]) == 5
    finally:
        pool.close()


def test_workers_leave_when_the_crawl_is_killed(tmp_path):
    """kill -9 of the crawling process: its extraction workers exit too, none lingers."""
    import subprocess
    import sys
    import time

    script = (
        "import sys, time\n"
        "from crawler.extract import ExtractOptions\n"
        "from crawler.pipelines.pool import ExtractPool\n"
        "pool = ExtractPool(2, ExtractOptions(), min_pages=3, min_share=0.5)\n"
        "for i, site in enumerate(('a.example', 'b.example')):\n"
        "    pool.submit(b'<html><body><p>x</p></body></html>', f'https://{site}/', {}, site=site).result()\n"
        "print(' '.join(map(str, pool.worker_pids())), flush=True)\n"
        "time.sleep(600)\n")
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        pids = [int(p) for p in proc.stdout.readline().split()]
        assert len(pids) == 2
        proc.kill()
        proc.wait(timeout=30)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and any(os.path.exists(f"/proc/{p}") and _alive(p) for p in pids):
            time.sleep(0.2)
        assert not any(os.path.exists(f"/proc/{p}") and _alive(p) for p in pids)
    finally:
        if proc.poll() is None:
            proc.kill()


def _alive(pid: int) -> bool:
    """Running, not a zombie waiting for its new parent to reap it."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
