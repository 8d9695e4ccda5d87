"""Ablation of the extraction stages on both extraction sets: what each rule does to P and R.

``python bench/extraction.py --ablation`` runs, on the Zyte pages (``../shared/bench/zyte``,
shingle P/R/F1 as ``bench.extraction`` computes it) and on trafilatura's evaluation pages
(``../shared/bench/trafilatura-eval``, snippet P/R/F1): plain trafilatura
(``extract(html, include_comments=False)``), wirecrawl with everything on, and wirecrawl with
one cleanup processor of ``clean.PROCESSORS`` off, one entry of ``body.structure.PRUNE_XPATH``
off, the structural repairs off or ``fast_first`` off; ``+favor_recall`` runs everything with
trafilatura's ``favor_recall`` instead (its Δ: default knobs minus ``favor_recall``). ``ΔP``/``ΔR`` are the effect of the
stage being **on** (everything on minus the stage off): a negative ``ΔR`` is recall the stage
costs. ``±`` is the paired bootstrap standard deviation of ``ΔR`` over pages (1000
resamples); ``pages`` counts the pages whose text the stage changes. A ``ΔR`` counts as a
loss beyond noise when it is below ``-2 ±`` and at least two pages lose.

The snippet metric is trafilatura's own, as ``../shared/bench/score_sets.py score_snippets``
computes it (whitespace-normalised substring presence, micro-averaged); it is recomputed here
per page (that function only returns the set's totals) from the same ``_norm`` and
``items`` imported from that file, so both give the same figures.

Pages are spread over every core (``ProcessPoolExecutor``); one worker runs every variant of
a page, reusing trafilatura's lines between the variants that only change the cleanup chain
(a cache keyed by the page and the body knobs), with the dates stage switched off (bodies only).
"""

from __future__ import annotations

import importlib.util
import os
import random
import statistics
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache, partial

import trafilatura

from bench.extraction import page_scores, summary
from bench.zyte_pages import ZYTE_DIR, load_pages
from crawler.extract import ExtractOptions, extract_article
from crawler.extract import article as article_module
from crawler.extract.body.structure import PRUNE_XPATH
from crawler.extract.clean import PROCESSORS

SETS_DIR = ZYTE_DIR.parent
_NO_URL = "https://example.invalid/article"  # trafilatura-eval records no URL


@lru_cache(maxsize=1)
def _score_sets():
    """``../shared/bench/score_sets.py`` as a module (it lives outside the project)."""
    spec = importlib.util.spec_from_file_location("score_sets", SETS_DIR / "score_sets.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@dataclass(frozen=True)
class Page:
    set: str  # "zyte" or "trafilatura-eval"
    url: str | None
    html: str | bytes
    truth: str = ""  # zyte: the article body
    with_: tuple[str, ...] = ()  # trafilatura-eval: snippets that must appear ...
    without: tuple[str, ...] = ()  # ... and must not


def load_sets(limit: int | None = None) -> list[Page]:
    """Both sets' pages (the first ``limit`` of each)."""
    pages = [Page("zyte", p.url, p.html, truth=p.truth) for p in load_pages(ZYTE_DIR, limit)]
    for it in _score_sets().items("trafilatura-eval", limit):
        pages.append(Page("trafilatura-eval", it.get("url"), it["_html"], with_=tuple(it["with"]),
                          without=tuple(it["without"])))
    return pages


def variants(only: tuple[str, ...] = ()) -> dict[str, ExtractOptions | None]:
    """Name -> options (``None``: plain trafilatura), in the order printed; with ``only``, "all on"
    and the variants whose name contains one of those strings."""
    out: dict[str, ExtractOptions | None] = {"trafilatura": None, "all on": ExtractOptions()}
    for proc in PROCESSORS:
        out[f"-{proc.__name__}"] = ExtractOptions(processors=tuple(p for p in PROCESSORS if p is not proc))
    from crawler.extract.body import structure
    names = {v: k for k, v in vars(structure).items() if isinstance(v, str) and k.isupper()}
    for xp in PRUNE_XPATH:
        out[f"-prune {names.get(xp, xp[:20])}"] = ExtractOptions(prune_xpath=tuple(x for x in PRUNE_XPATH if x != xp))
    out["-prune (all)"] = ExtractOptions(prune_xpath=())
    out["-structural_repairs"] = ExtractOptions(repairs=False)
    out["-fast_first"] = ExtractOptions(fast_first=False)
    out["+favor_recall"] = ExtractOptions(favor_recall=True)  # trafilatura's recall knob instead of the default
    if only:
        out = {k: v for k, v in out.items() if k == "all on" or any(o in k for o in only)}
    return out


# --- the worker ------------------------------------------------------------------------

_cache: dict = {}
_real_body_lines = article_module.body_lines


def _cached_body_lines(tree, url, options):
    key = (options.fast_first, options.favor_precision, options.favor_recall, options.include_tables,
           None if options.prune_xpath is None else tuple(options.prune_xpath))
    if key not in _cache:
        _cache[key] = _real_body_lines(tree, url, options)
    lines = _cache[key]
    return None if lines is None else list(lines)


def _init_worker() -> None:
    import logging
    logging.basicConfig(level=logging.ERROR)
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    article_module.body_lines = _cached_body_lines
    from crawler.extract.dates import PageDates
    article_module.find_page_dates = lambda *a, **k: PageDates()  # bodies only


def _text(page: Page, options: ExtractOptions | None) -> str:
    if options is None:
        return trafilatura.extract(page.html, url=page.url, include_comments=False) or ""
    return extract_article(page.html, page.url or _NO_URL, options=options).text


def page_counts(page: Page, text: str, norm) -> tuple:
    """The page's score parts: zyte ``(precision or None, recall, exact)``; trafilatura-eval
    ``(tp, fp, fn)`` of its snippets."""
    if page.set == "zyte":
        return page_scores(text, page.truth)
    res = norm(text)
    hit = sum(1 for w in page.with_ if norm(w) in res)
    return hit, sum(1 for w in page.without if norm(w) in res), len(page.with_) - hit


def _run_page(page: Page, only: tuple[str, ...] = ()) -> dict[str, tuple[tuple, int]]:
    """Every variant on one page: name -> (score parts, hash of the text)."""
    norm = _score_sets()._norm if page.set != "zyte" else None
    _cache.clear()
    out = {}
    for name, options in variants(only).items():
        text = _text(page, options)
        out[name] = (page_counts(page, text, norm), hash(text))
    _cache.clear()
    return out


# --- summaries -------------------------------------------------------------------------


def set_prf(set_name: str, parts: list[tuple]) -> tuple[float, float, float]:
    """P, R, F1 of one set from its pages' score parts (each set's own metric)."""
    if set_name == "zyte":
        return summary(parts)[:3]
    tp, fp, fn = (sum(p[i] for p in parts) for i in range(3))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * tp / (2 * tp + fp + fn) if tp else 0.0)


def paired_delta_std(set_name: str, on: list[tuple], off: list[tuple], n: int = 1000, seed: int = 0) -> float:
    """Bootstrap standard deviation of ``R(on) - R(off)`` over resampled pages (paired)."""
    rng = random.Random(seed)
    k = len(on)
    deltas = []
    for _ in range(n):
        idx = [rng.randrange(k) for _ in range(k)]
        deltas.append(set_prf(set_name, [on[i] for i in idx])[1] - set_prf(set_name, [off[i] for i in idx])[1])
    return statistics.pstdev(deltas)


def run_ablation(limit: int | None = None, workers: int | None = None, only: tuple[str, ...] = ()) -> list[str]:
    """Run every variant (or those ``only`` names) on both sets; the printed table's lines."""
    pages = load_sets(limit)
    workers = workers or os.cpu_count() or 1
    with ProcessPoolExecutor(workers, initializer=_init_worker) as pool:
        results = list(pool.map(partial(_run_page, only=only), pages, chunksize=4))
    names = list(variants(only))
    sets = ("zyte", "trafilatura-eval")
    lines = [f"{sum(p.set == s for p in pages)} {s} pages" for s in sets]
    lines.append("Δ = effect of the stage when on (all on − stage off); ± = paired bootstrap std of ΔR;"
                 " pages = pages whose text changes; ! = ΔR < −2± with ≥ 2 pages losing recall")
    head = f"{'variant':<34}"
    for s in sets:
        head += f" | {s[:6]:>6} {'P':>5} {'R':>5} {'F1':>5} {'ΔP':>7} {'ΔR':>7} {'±':>6} {'pages':>5}"
    lines.append(head)
    base = {}
    for s in sets:
        idx = [i for i, p in enumerate(pages) if p.set == s]
        base[s] = (idx, [results[i]["all on"] for i in idx])
    for name in names:
        row = f"{name:<34}"
        for s in sets:
            idx, on = base[s]
            mine = [results[i][name] for i in idx]
            p, r, f1 = set_prf(s, [m[0] for m in mine])
            row += f" | {'':>6} {p:5.3f} {r:5.3f} {f1:5.3f}"
            if name in ("trafilatura", "all on"):
                row += f" {'':>7} {'':>7} {'':>6} {'':>5}"
                continue
            p_on, r_on, _ = set_prf(s, [o[0] for o in on])
            changed = sum(a[1] != b[1] for a, b in zip(on, mine))
            losing = sum(_page_recall(s, a[0]) < _page_recall(s, b[0]) for a, b in zip(on, mine))
            std = paired_delta_std(s, [o[0] for o in on], [m[0] for m in mine]) if changed else 0.0
            d_r = r_on - r
            flag = "!" if d_r < -2 * std and losing >= 2 else " "
            row += f" {p_on - p:+7.4f} {d_r:+7.4f}{flag}{std:6.4f} {changed:5d}"
        lines.append(row)
    return lines


def _page_recall(set_name: str, parts: tuple) -> float:
    if set_name == "zyte":
        return parts[1]
    tp, _, fn = parts
    return tp / (tp + fn) if tp + fn else 1.0


def main(limit: int | None = None, workers: int | None = None, only: tuple[str, ...] = ()) -> int:
    for line in run_ablation(limit, workers, only):
        print(line, flush=True)
    return 0



def wirecrawl_text(html: bytes, url: str | None) -> str:
    """``extract_article``'s text in ``score_sets.py``'s extractor shape (``--extractor bench.ablation:wirecrawl_text``)."""
    return extract_article(html, url or _NO_URL).text
