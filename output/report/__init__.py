"""``wirecrawl report``: one static HTML page about a run directory.

``build_report(run_dir)`` reads ``run.json``, ``articles.jsonl`` and ``stories.jsonl``
(``output.report.data``) and writes ``report.html`` beside them: run summary, per-site
table, errors, date coverage (``coverage``), leaked boilerplate (``leaks``), stories with
their members side by side and the differing words marked (``diff``), small SVG charts
(``charts``), settings (``page``). No server, no script, no external resource. Pure.
"""

from __future__ import annotations

from pathlib import Path

from output.atomic import atomic_text
from output.report.data import RunData, load_run
from output.report.page import Limits, render

__all__ = ["Limits", "RunData", "build_report", "load_run", "render"]


def build_report(run_dir: str | Path, out: str | Path | None = None, *, limits: Limits = Limits()) -> Path:
    """Writes the report of ``run_dir`` (atomically) and returns its path.

    Args:
        run_dir: a run directory of ``wirecrawl crawl``, ``demo`` or ``dedup``.
        out: where to write (default ``run_dir/report.html``).
        limits: how many stories, members per story and characters per text are shown.

    Raises:
        FileNotFoundError: when ``run_dir`` is not a run directory.
    """
    data = load_run(run_dir)
    path = Path(out) if out is not None else data.path / "report.html"
    with atomic_text(path) as fh:
        fh.write(render(data, limits))
    return path
