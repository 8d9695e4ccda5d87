"""Rebuild the ``frontpages`` group of the page-type set from a copy of defgsus/frontpage-archive.

The group is 141 non-article pages (homepages, sections, hubs, imprint and privacy pages of
14 German news sites). Its pages carry no licence, so they are never committed: this script
writes them to ``bench/pagetypes/frontpages/`` (git-ignored) in the layout of the shared
groups (``items.jsonl`` with ``id``, ``url``, ``html`` + ``html/<id>.html.gz``), where
``bench/detection.py`` and ``label.py`` read them.

Which pages: the archive's snapshot ``PINNED`` (2026-03-01), every file its scraper saved
from a fixed URL (a ``*.html`` key in the site's ``status.json``; pages found by link name
are keyed without ``.html`` and left out) that answered 200. The id is ``<site>-<file
stem>``, the URL the one ``status.json`` records, so ``labels.jsonl`` stays valid.

    git clone --bare https://github.com/defgsus/frontpage-archive frontpage-archive.git
    python bench/pagetypes/frontpages.py --repo frontpage-archive.git
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
from pathlib import Path

PINNED = "d4e037105da6bf10175e370e11dda4d4f8dd97d5"
OUT = Path(__file__).with_name("frontpages")
DEFAULT_REPO = Path("/work/.mirror/defgsus+frontpage-archive/repo")
HOW = ("the frontpages group is missing: build it with\n"
       "    python bench/pagetypes/frontpages.py --repo <git dir of defgsus/frontpage-archive>\n"
       f"(it is written to {OUT}, git-ignored; see bench/pagetypes/README.md)")


def _git(repo: Path, *args: str) -> bytes:
    return subprocess.run(["git", f"--git-dir={repo}", *args], check=True,
                          capture_output=True).stdout


def _pages(repo: Path, commit: str) -> list[tuple[str, str, str]]:
    """(id, url, path in the repository) of every fixed-URL page that answered 200."""
    pages = []
    for folder in _git(repo, "ls-tree", "--name-only", f"{commit}:docs/snapshots").decode().split():
        status = json.loads(_git(repo, "show", f"{commit}:docs/snapshots/{folder}/status.json"))
        for name, entry in sorted(status.items()):
            if name.endswith(".html") and entry.get("status") == 200:
                pages.append((f"{folder}-{name[:-5]}", entry["url"], f"docs/snapshots/{folder}/{name}"))
    return pages


def build(repo: Path, out: Path = OUT, commit: str = PINNED) -> int:
    """Write the group to ``out``; returns the number of pages written."""
    (out / "html").mkdir(parents=True, exist_ok=True)
    rows = []
    for pid, url, path in _pages(repo, commit):
        rel = f"html/{pid}.html.gz"
        (out / rel).write_bytes(gzip.compress(_git(repo, "show", f"{commit}:{path}"), mtime=0))
        rows.append({"id": pid, "url": url, "html": rel, "source": f"defgsus/frontpage-archive@{commit[:7]}:{path}"})
    lines = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    (out / "items.jsonl").write_text(lines, encoding="utf-8")
    return len(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--repo", type=Path, default=DEFAULT_REPO,
                    help="git directory (bare or .git) holding defgsus/frontpage-archive")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    try:
        _git(args.repo, "cat-file", "-e", f"{PINNED}^{{commit}}")
    except (subprocess.CalledProcessError, FileNotFoundError):
        sys.exit(f"{args.repo} holds no commit {PINNED[:7]} of defgsus/frontpage-archive; "
                 "clone or fetch it (see this script's docstring)")
    print(f"{build(args.repo, args.out)} pages written to {args.out}")


if __name__ == "__main__":
    main()
