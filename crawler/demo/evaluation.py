"""How a run directory compares with a known ground truth (the demo world's).

Used by ``wirecrawl demo`` to show a newcomer what the crawl got right, and by the
end-to-end tests to assert it. Pure: reads files, no Scrapy import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import urlsplit, urlunsplit

from output import read_jsonl

# Words; a Chinese or Japanese character counts as one, since those scripts use no spaces.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")


def _get(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def url_key(url: str) -> str:
    """Scheme, host, port and path without a trailing slash; query and fragment dropped."""
    p = urlsplit(url)
    return urlunsplit((p.scheme, p.netloc.lower(), p.path.rstrip("/") or "/", "", ""))


def token_f1(predicted: str, truth: str) -> float:
    """F1 over word-token multisets (a forgiving measure of body cleanliness)."""
    from collections import Counter

    a, b = Counter(_WORD.findall(predicted.lower())), Counter(_WORD.findall(truth.lower()))
    if not a and not b:
        return 1.0
    tp = sum((a & b).values())
    if tp == 0:
        return 0.0
    p, r = tp / sum(a.values()), tp / sum(b.values())
    return 2 * p * r / (p + r)


def _squash(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _pairs(groups: Iterable[Iterable[str]]) -> set[tuple[str, str]]:
    out = set()
    for g in groups:
        out.update(combinations(sorted(set(g)), 2))
    return out


@dataclass
class Comparison:
    expected: int = 0
    found: int = 0
    missing: list[str] = field(default_factory=list)
    emitted_twice: list[str] = field(default_factory=list)
    non_articles_emitted: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)
    exact_bodies: int = 0
    mean_body_f1: float = 0.0
    unclean: list[str] = field(default_factory=list)
    dates_right: int = 0
    dates_wrong: list[str] = field(default_factory=list)
    story_precision: float = 1.0
    story_recall: float = 1.0
    disallowed_requested: list[str] = field(default_factory=list)
    bad_lines: list[str] = field(default_factory=list)  # lines of articles.jsonl that hold no record
    leaks: list[str] = field(default_factory=list)  # an ad or a reader comment in a body
    # {trait: {"expected", "found", "bodies", "dates"}}: the same checks, per awkward trait
    by_trait: dict[str, dict[str, int]] = field(default_factory=dict)
    # articles of sites that state their zone only in their feed, and how many of those
    # records say their time's zone was "learned" (``published_zone``)
    zones_to_learn: int = 0
    zones_learned: int = 0

    @property
    def ok(self) -> bool:
        """Every article found once, nothing else, every date right to the minute, no ad or
        comment in a body, stories grouped exactly, robots.txt obeyed."""
        return (not self.bad_lines and not self.missing and not self.emitted_twice and not self.non_articles_emitted
                and not self.disallowed_requested and self.story_precision == 1.0
                and self.story_recall == 1.0 and not self.leaks and self.dates_right == self.found)

    def format(self) -> str:
        lines = [
            "compared with the demo world's ground truth:",
            f"  articles found          {self.found}/{self.expected}",
            f"  emitted twice           {len(self.emitted_twice)}",
            f"  non-articles emitted    {len(self.non_articles_emitted)}",
            f"  bodies exactly right    {self.exact_bodies}/{self.found} (mean token F1 {self.mean_body_f1:.3f})",
            f"  published dates right   {self.dates_right}/{self.found}",
            f"  story pairs precision   {self.story_precision:.3f}  recall {self.story_recall:.3f}",
            f"  robots.txt-disallowed URLs requested  {len(self.disallowed_requested)}",
            f"  ads or comments in a body  {len(self.leaks)}",
        ]
        if self.zones_to_learn:
            lines.append(f"  zones learned from feeds  {self.zones_learned}/{self.zones_to_learn}")
        if self.by_trait:
            lines.append("  by trait                found  bodies exact  dates right")
        for trait, n in sorted(self.by_trait.items()):
            lines.append(f"    {trait:<21} {n['found']:>2}/{n['expected']:<2}  {n['bodies']:>2}/{n['found']:<2}"
                         f"         {n['dates']:>2}/{n['found']:<2}")
        if self.bad_lines:
            lines.append(f"  bad lines in articles.jsonl  {len(self.bad_lines)}")
        for label, urls in (("missing", self.missing), ("non-article emitted", self.non_articles_emitted),
                            ("emitted twice", self.emitted_twice), ("body differs", self.unclean),
                            ("date differs", self.dates_wrong), ("leaked into the body", self.leaks),
                            ("disallowed requested", self.disallowed_requested),
                            ("bad line", self.bad_lines)):
            for u in urls[:10]:
                lines.append(f"  {label}: {u}")
        lines.append("  verdict: " + ("all as expected" if self.ok else "differences above"))
        return "\n".join(lines)


def compare_with_world(run_dir: str | Path, running: Any) -> Comparison:
    """Compares ``RUN_DIR/articles.jsonl`` with ``running.expected`` and its request log.

    Args:
        run_dir: the crawl's run directory.
        running: a running demo world (``crawler.demo``): ``expected`` and ``requests``.
    """
    expected = running.expected
    truth = {url_key(u): (u, a) for u, a in _get(expected, "articles", {}).items()}
    non_articles = {url_key(u) for u in _get(expected, "non_articles", [])}
    prefixes = tuple(_get(expected, "non_article_prefixes", ()) or ())
    cmp = Comparison(expected=len(truth))
    # A bad line costs only itself (and fails the comparison: the writer never makes one).
    records = list(read_jsonl(Path(run_dir) / "articles.jsonl", on_bad=lambda b: cmp.bad_lines.append(str(b))))
    seen: dict[str, dict[str, Any]] = {}
    for rec in records:
        if not isinstance(rec.get("url"), str):
            cmp.bad_lines.append(f"a record without a url: {str(rec)[:80]}")
            continue
        keys = {url_key(rec["url"])}
        if rec.get("canonical_url"):
            keys.add(url_key(rec["canonical_url"]))
        hit = next((k for k in keys if k in truth), None)
        if hit is None:
            if keys & non_articles or any(rec["url"].startswith(p) for p in prefixes):
                cmp.non_articles_emitted.append(rec["url"])
            else:
                cmp.unexpected.append(rec["url"])
            continue
        if hit in seen:
            cmp.emitted_twice.append(rec["url"])
            continue
        seen[hit] = rec

    f1s = []
    for key, (url, art) in truth.items():
        rec = seen.get(key)
        tally = [cmp.by_trait.setdefault(t, dict.fromkeys(("expected", "found", "bodies", "dates"), 0))
                 for t in _get(art, "traits", None) or ()]
        for n in tally:
            n["expected"] += 1
        if rec is None:
            cmp.missing.append(url)
            continue
        cmp.found += 1
        text = rec.get("text") or ""
        body = "\n".join(_get(art, "paragraphs", []))
        f1s.append(token_f1(text, body))
        exact = _WORD.findall(text) == _WORD.findall(body)
        right = rec.get("published") == _get(art, "published")
        if exact:
            cmp.exact_bodies += 1
        else:
            cmp.unclean.append(url)
        if right:
            cmp.dates_right += 1
        else:
            cmp.dates_wrong.append(f"{url} got {rec.get('published')} want {_get(art, 'published')}")
        if "zone_in_feed" in (_get(art, "traits", None) or ()):
            cmp.zones_to_learn += 1
            cmp.zones_learned += rec.get("published_zone") == "learned"
        for n in tally:
            n["found"] += 1
            n["bodies"] += exact
            n["dates"] += right
        cmp.leaks += [f"{url}: {a[:60]}" for a in _get(art, "absent", None) or ()
                      if _squash(a) in _squash(text)]
    cmp.mean_body_f1 = sum(f1s) / len(f1s) if f1s else 0.0

    # Story pairs, over the articles that were found.
    found_keys = set(seen)
    want_groups = [[url_key(u) for u in members if url_key(u) in found_keys]
                   for members in _get(expected, "stories", {}).values()]
    got_groups: dict[str, list[str]] = {}
    for key, rec in seen.items():
        got_groups.setdefault(rec.get("story_id") or key, []).append(key)
    want, got = _pairs(want_groups), _pairs(got_groups.values())
    cmp.story_precision = len(want & got) / len(got) if got else 1.0
    cmp.story_recall = len(want & got) / len(want) if want else 1.0

    # Requests the world logged for URLs under a robots.txt Disallow (full URL prefixes).
    cmp.disallowed_requested = [f"{site} {path}" for site, _method, path in running.disallowed_requests()]
    return cmp
