"""End to end: crawl the demo world, run ``wirecrawl report`` and look at the page in headless
Chromium — no console errors, a screenshot, and the figures on the page match run.json.

The crawl and the report run in subprocesses through the real CLI (as in test_e2e_crawl);
Chromium (Debian's ``chromium``, installed by ``.ci/run``) is driven over the DevTools
protocol (``tests/browser.py``). Skipped, saying why, when no chromium is on PATH.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser import Browser, find_chromium
from crawler.demo import build_world

pytestmark = [pytest.mark.e2e,
              pytest.mark.skipif(find_chromium() is None, reason="no chromium on PATH (apt-get install chromium)")]

ROOT = Path(__file__).resolve().parents[1]
PNG = b"\x89PNG\r\n\x1a\n"

FIGURES_JS = """JSON.stringify({
  figs: Object.fromEntries([...document.querySelectorAll('.fig')].map(e => [e.id, e.dataset.value])),
  sites: Object.fromEntries([...document.querySelectorAll('#sites tr[data-site]')].map(tr =>
      [tr.dataset.site, Object.fromEntries([...tr.querySelectorAll('td[data-field]')].map(td =>
          [td.dataset.field, td.textContent.trim()]))])),
  stories: [...document.querySelectorAll('details.story')].map(d => Number(d.dataset.size)),
  bars: document.querySelectorAll('#chart-sites g.bar').length,
  errors: Object.fromEntries([...document.querySelectorAll('#errors-by-kind tr[data-error]')].map(tr =>
      [tr.dataset.error, Number(tr.lastElementChild.textContent)])),
  published: document.getElementById('published-share').dataset.value,
  pwned: typeof window.__pwned !== 'undefined',
})"""


def cli(*args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "crawler.cli", *args], capture_output=True, text=True,
                          timeout=300, env=dict(os.environ, PYTHONPATH=str(ROOT)), cwd=ROOT)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    return proc


@pytest.fixture(scope="module")
def crawl_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("report-run")
    with build_world(seed=0).serve() as world:
        tz = [a for site, zone in sorted(world.site_timezones.items()) for a in ("--site-tz", f"{site}={zone}")]
        cli("crawl", *world.start_urls, "-o", str(out), "--delay", "0", "--no-progress", *tz)
    cli("report", str(out))
    return out


@pytest.fixture(scope="module")
def browser():
    with Browser() as b:
        yield b


def look(browser: Browser, page: Path, shot: Path) -> dict:
    browser.errors.clear()
    browser.open(page.resolve().as_uri())
    figures = json.loads(browser.evaluate(FIGURES_JS))
    browser.screenshot(shot)
    return figures


def test_report_of_a_crawl_renders_cleanly_and_matches_run_json(crawl_run, browser):
    run = json.loads((crawl_run / "run.json").read_text())
    s = run["summary"]
    shot = crawl_run / "report.png"
    got = look(browser, crawl_run / "report.html", shot)
    assert browser.errors == []
    assert shot.read_bytes().startswith(PNG) and shot.stat().st_size > 20_000
    figs = got["figs"]
    assert int(figs["fig-articles-kept"]) == s["articles_kept"] > 0
    assert int(figs["fig-stories"]) == s["stories"] > 0
    assert int(figs["fig-pages-fetched"]) == s["pages_fetched"] > 0
    assert int(figs["fig-errors-total"]) == s["errors_total"]
    assert {site: int(row["articles"]) for site, row in got["sites"].items()} == s["per_site"]
    assert got["bars"] == len(s["per_site"])
    # Every site's extraction time, as the crawl recorded it.
    for site, row in got["sites"].items():
        assert float(row["median-ms"]) == s["extract_ms"][site]["median"]
        assert int(row["pages"]) == s["extract_ms"][site]["pages"]
    assert got["errors"] == s["errors"]
    # Stories with more than one member, largest first, each as big as stories.jsonl says.
    stories = [json.loads(line) for line in (crawl_run / "stories.jsonl").read_text().splitlines()]
    sizes = sorted((st["size"] for st in stories if st["size"] > 1), reverse=True)
    assert got["stories"] == sizes[:30] and sizes
    articles = [json.loads(line) for line in (crawl_run / "articles.jsonl").read_text().splitlines()]
    assert int(got["published"]) == sum(1 for a in articles if a["published"])


def test_report_of_a_dedup_run_renders_cleanly(crawl_run, browser, tmp_path):
    out = tmp_path / "dedup-run"
    cli("dedup", str(crawl_run / "articles.jsonl"), "-o", str(out), "--no-progress", "--workers", "1")
    cli("report", str(out))
    summary = json.loads((out / "run.json").read_text())["summary"]
    got = look(browser, out / "report.html", tmp_path / "dedup.png")
    assert browser.errors == []
    assert int(got["figs"]["fig-documents-read"]) == summary["documents_read"]
    assert int(got["figs"]["fig-stories"]) == summary["stories"]
    assert "fig-pages-fetched" not in got["figs"]


def test_a_hostile_title_does_not_run_in_the_browser(browser, tmp_path):
    evil = "<script>window.__pwned = 1</script><img src=x onerror='window.__pwned = 2'>"
    rec = {"id": "a1", "url": "http://a.example/1", "site": "a.example", "title": evil,
           "text": f"Text with {evil} inside.", "published": None, "story_id": "a1"}
    (tmp_path / "articles.jsonl").write_text(json.dumps(rec) + "\n" + json.dumps({**rec, "id": "a2", "url": "http://a.example/2"}) + "\n")
    (tmp_path / "stories.jsonl").write_text(json.dumps({
        "story_id": "a1", "canonical": {"id": "a1", "url": "http://a.example/1"},
        "members": ["http://a.example/1", "http://a.example/2"], "sites": ["a.example"], "size": 2}) + "\n")
    (tmp_path / "run.json").write_text(json.dumps({"wirecrawl": "run", "summary": {"per_site": {evil: 2}}}))
    cli("report", str(tmp_path))
    got = look(browser, tmp_path / "report.html", tmp_path / "evil.png")
    assert got["pwned"] is False
    assert browser.errors == []
    assert evil in browser.evaluate("document.querySelector('details.story summary').textContent")
