"""The report page: one static HTML document built from a ``RunData``.

Sections: run summary (figures with stable ids: ``fig-articles-kept``, ``fig-stories``,
``fig-pages-fetched`` ... each with ``data-value``), per-site table (``#sites``, one
``tr[data-site]`` per site, cells ``td[data-field]``), errors, date coverage, leaked
boilerplate, stories side by side, settings. Everything taken from the data is escaped
here or in the modules that render it (``diff``, ``charts``); no script runs on the page.
Pure.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from output.report.charts import bar_chart, column_chart
from output.report.coverage import ZONE_FIELD, DateCoverage, date_coverage
from output.report.data import RunData, site_rows
from output.report.diff import clip, compare
from output.report.leaks import recurring_lines
from output.report.style import CSS

__all__ = ["Limits", "render"]

_LINKABLE = ("http", "https", "file")


@dataclass(frozen=True)
class Limits:
    """How much of the stories the page shows: stories compared, members per story, characters
    per member text, leaked lines listed."""

    stories: int = 30
    members: int = 4
    chars: int = 1500
    leaks: int = 50


def esc(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def link(url: Any, text: Any = None) -> str:
    """An ``<a>`` for http(s)/file URLs; anything else (``javascript:``...) as plain text."""
    label = esc(text if text is not None else url)
    if isinstance(url, str) and urlsplit(url).scheme.lower() in _LINKABLE:
        return f'<a href="{esc(url)}" rel="noreferrer">{label}</a>'
    return label


def pct(n: int, total: int) -> str:
    return f"{100 * n / total:.0f} %" if total else "–"


def num(value: Any, digits: int = 0) -> str:
    if value is None:
        return "–"
    return f"{value:,.{digits}f}" if isinstance(value, float) else f"{value:,}"


def table(head: Iterable[str], rows: Iterable[str], table_id: str | None = None, numeric_from: int = 1) -> str:
    cells = "".join(f'<th{" class=n" if i >= numeric_from else ""}>{esc(h)}</th>' for i, h in enumerate(head))
    ident = f' id="{table_id}"' if table_id else ""
    return f"<table{ident}><thead><tr>{cells}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _figures(data: RunData) -> str:
    h = data.headline()
    labels = [("articles_kept", "articles kept"), ("stories", "stories"),
              ("pages_fetched", "pages fetched"), ("documents_read", "documents read"),
              ("joined_existing_story", "copies joined to a story"), ("errors_total", "errors"),
              ("robots_forbidden", "robots.txt forbidden"), ("elapsed_s", "elapsed (s)")]
    out = []
    for key, label in labels:
        value = h.get(key)
        if value is None:
            continue
        ident = "fig-" + key.replace("_", "-")
        out.append(f'<div class="fig" id="{ident}" data-value="{esc(value)}">'
                   f'<span class="n">{num(value, 1 if isinstance(value, float) else 0)}</span>'
                   f'<span class="l">{esc(label)}</span></div>')
    return f'<div class="figs">{"".join(out)}</div>'


def _summary(data: RunData) -> str:
    r = data.run
    facts = [("run", data.kind), ("started", r.get("started_at")), ("finished", r.get("finished_at")),
             ("finish reason", r.get("finish_reason"))]
    lines = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in facts if v)
    starts = r.get("start_urls") if isinstance(r.get("start_urls"), list) else r.get("inputs")
    start_html = ""
    if isinstance(starts, list) and starts:
        what = "started from" if data.kind == "crawl" else "inputs"
        items = "".join(f"<li>{link(u)}</li>" for u in starts[:50])
        more = f'<p class="note">and {len(starts) - 50} more</p>' if len(starts) > 50 else ""
        start_html = f"<h3>{what}</h3><ul class=mono>{items}</ul>{more}"
    notes = "".join(f'<p class="note warn">{esc(n)}</p>' for n in data.notes)
    kept = data.headline()["articles_kept"]
    if data.run and kept is not None and kept != len(data.articles) and data.articles:
        notes += (f'<p class="note warn">run.json counts {kept} articles kept; articles.jsonl holds '
                  f'{len(data.articles)} (the directory holds more than one run, or a killed run).</p>')
    return (f'<section id="summary"><h2>Run summary</h2>{_figures(data)}{notes}'
            f"<table>{lines}</table>{start_html}</section>")


def _sites(data: RunData, cov: DateCoverage) -> str:
    rows = site_rows(data)
    if not rows:
        return '<section id="per-site"><h2>Sites</h2><p class="note">No articles.</p></section>'
    body = []
    for row in rows:
        c = cov.per_site.get(row.site)
        dated = pct(c.published, c.articles) if c else "–"
        body.append(
            f'<tr data-site="{esc(row.site)}"><td class=mono>{esc(row.site)}</td>'
            f'<td class=n data-field="pages">{num(row.pages)}</td>'
            f'<td class=n data-field="articles">{num(row.articles)}</td>'
            f'<td class=n data-field="dropped">{num(row.dropped)}</td>'
            f'<td class=n data-field="median-ms">{num(row.median_ms, 1)}</td>'
            f'<td class=n data-field="p90-ms">{num(row.p90_ms, 1)}</td>'
            f'<td class=n data-field="published-share">{dated}</td></tr>')
    head = ["site", "article pages", "articles kept", "dropped", "median extract ms", "p90 ms", "with published date"]
    chart = bar_chart([(r.site, r.articles) for r in rows[:40]], title="Articles kept per site",
                      chart_id="chart-sites")
    timing_note = ("" if any(r.median_ms is not None for r in rows) else
                   '<p class="note">This run did not record extraction times (a dedup run, or an older crawl).</p>')
    return (f'<section id="per-site"><h2>Sites</h2><div class="cols"><div>'
            f'{table(head, body, "sites")}{timing_note}'
            f'<p class="note">Article pages: pages judged articles and extracted; dropped: those that gave '
            f'no body or were filtered out. Extraction time is measured in the extraction process.</p>'
            f'</div><div>{chart}</div></div></section>')


def _errors(data: RunData) -> str:
    errors, dropped = data.errors(), data.dropped()
    if not errors and not dropped:
        return '<section id="errors"><h2>Errors</h2><p class="note">None recorded.</p></section>'
    parts = []
    if errors:
        rows = [f'<tr data-error="{esc(k)}"><td class=mono>{esc(k)}</td><td class=n>{num(v)}</td></tr>'
                for k, v in sorted(errors.items(), key=lambda kv: (-kv[1], kv[0]))]
        parts.append(f"<div><h3>errors by kind</h3>{table(['kind', 'count'], rows, 'errors-by-kind')}</div>")
    if dropped:
        rows = [f"<tr><td class=mono>{esc(k)}</td><td class=n>{num(v)}</td></tr>" for k, v in sorted(dropped.items())]
        parts.append(f"<div><h3>articles dropped by reason</h3>{table(['reason', 'count'], rows)}</div>")
    return (f'<section id="errors"><h2>Errors</h2><div class="cols">{"".join(parts)}</div>'
            f'<p class="note">Errors are counted for the whole run: the crawl does not record them per site.</p></section>')


def _dates(cov: DateCoverage) -> str:
    t = cov.total
    rows = []
    for site, c in [("all sites", t), *cov.per_site.items()]:
        zones = ", ".join(f"{esc(z)} {num(n)}" for z, n in sorted(c.zones.items())) or "–"
        rows.append(f'<tr data-coverage="{esc(site)}"><td class=mono>{esc(site)}</td><td class=n>{num(c.articles)}</td>'
                    f"<td class=n>{num(c.published)} ({pct(c.published, c.articles)})</td>"
                    f"<td class=n>{num(c.modified)} ({pct(c.modified, c.articles)})</td>"
                    f"<td>{zones}</td></tr>")
    zone_note = ("" if cov.zones_recorded else
                 f'<p class="note">How each date\'s time zone was known (stated on the page, configured, '
                 f'learned for the site, or assumed) is not recorded by these articles (no <code>{esc(ZONE_FIELD)}</code> field).</p>')
    charts = ""
    if t.published:
        hours = column_chart([(f"{h:02d}", n) for h, n in enumerate(cov.by_hour)],
                             title="Articles by publication hour (UTC)", chart_id="chart-hours", label_every=3)
        days = list(cov.by_day.items())[-31:]
        day_chart = column_chart([(d[5:], n) for d, n in days], title="Articles by publication day (UTC)",
                                 chart_id="chart-days", label_every=max(1, len(days) // 10))
        charts = (f'<div class="cols"><div><h3>by publication hour (UTC)</h3>{hours}</div>'
                  f'<div><h3>by publication day (UTC, last {len(days)} days with articles)</h3>{day_chart}</div></div>')
    head = ["site", "articles", "published date", "modified date", "zone known by"]
    return (f'<section id="dates"><h2>Date coverage</h2>'
            f'<p id="published-share" data-value="{t.published}" data-of="{t.articles}">'
            f"{num(t.published)} of {num(t.articles)} articles ({pct(t.published, t.articles)}) carry a published date; "
            f"dates are never guessed.</p>{table(head, rows, 'date-coverage')}{zone_note}{charts}</section>")


def _leaks(data: RunData, limits: Limits) -> str:
    leaks = recurring_lines(data.articles)
    intro = ('<p class="note">Lines found verbatim in at least 3 articles and a fifth of one site\'s '
             "articles: likely site template that extraction did not remove.</p>")
    if not leaks:
        return (f'<section id="leaks"><h2>Leaked boilerplate</h2>{intro}'
                f'<p class="note" data-leaks="0">None found.</p></section>')
    rows = [f'<tr class="leak"><td class=mono>{esc(x.site)}</td><td class=n>{x.articles} of {x.site_articles}</td>'
            f"<td>{esc(clip(x.line, 300)[0])}</td></tr>" for x in leaks[:limits.leaks]]
    more = (f'<p class="note">{len(leaks) - limits.leaks} more lines not shown.</p>'
            if len(leaks) > limits.leaks else "")
    return (f'<section id="leaks"><h2 class="warn">Leaked boilerplate: {len(leaks)} recurring lines</h2>{intro}'
            f'{table(["site", "articles", "line"], rows, "leak-lines", numeric_from=1)}{more}</section>')


def _member(rec: dict[str, Any] | None, url: str, text_html: str, *, canonical: bool, same: float | None) -> str:
    cls = "member canonical" if canonical else "member"
    if rec is None:
        return (f'<div class="{cls}"><div class="meta">{link(url)}</div>'
                f'<p class="note">Not among this run\'s articles (written by an earlier run).</p></div>')
    role = "canonical" if canonical else (f"{same:.0%} of its words in the canonical text, in order"
                                          if same is not None else "")
    meta = (f'{esc(rec.get("site"))} · {esc(rec.get("published") or "no published date")} · {esc(role)}'
            f'<br><strong>{link(url, rec.get("title") or url)}</strong>')
    return f'<div class="{cls}" data-id="{esc(rec.get("id"))}"><div class="meta">{meta}</div><div class="text">{text_html}</div></div>'


def _story(story: dict[str, Any], by_url: dict[str, dict[str, Any]], limits: Limits, open_: bool) -> str:
    members = [u for u in story.get("members", []) if isinstance(u, str)]
    canon = story.get("canonical") if isinstance(story.get("canonical"), dict) else {}
    canon_url = canon.get("url") if canon.get("url") in members else (members[0] if members else "")
    shown = [canon_url, *[u for u in members if u != canon_url]][:limits.members]
    texts = [str((by_url.get(u) or {}).get("text") or "") for u in shown]
    cmp = compare(texts[0], texts[1:], limits.chars)
    cols = [_member(by_url.get(shown[0]), shown[0], cmp.canonical, canonical=True, same=None)]
    cols += [_member(by_url.get(u), u, h, canonical=False, same=s) for u, h, s in zip(shown[1:], cmp.copies, cmp.same)]
    title = (by_url.get(canon_url) or {}).get("title") or canon_url
    sites = story.get("sites") if isinstance(story.get("sites"), list) else []
    size = story.get("size") if isinstance(story.get("size"), int) else len(members)
    notes = []
    if len(members) > len(shown):
        notes.append(f"{len(members) - len(shown)} more members not shown")
    if cmp.cut:
        notes.append(f"{cmp.cut} text(s) cut after {limits.chars} characters")
    note = f'<p class="note">{esc("; ".join(notes))}.</p>' if notes else ""
    return (f'<details class="story" data-story-id="{esc(story.get("story_id"))}" data-size="{size}"{" open" if open_ else ""}>'
            f'<summary><span class="size">{size}</span>{esc(title)} <span class="sub">· '
            f'{esc(", ".join(map(str, sites)))} · first published {esc(story.get("first_published") or "unknown")}</span></summary>'
            f'<div class="members" style="grid-template-columns:repeat({len(cols)},minmax(0,1fr))">{"".join(cols)}</div>'
            f"{note}</details>")


def _stories(data: RunData, limits: Limits) -> str:
    by_url = {a["url"]: a for a in data.articles}
    for a in data.articles:
        if isinstance(a.get("canonical_url"), str):
            by_url.setdefault(a["canonical_url"], a)
    multi = [s for s in data.stories if len(s.get("members", [])) > 1]
    multi.sort(key=lambda s: (-len(s["members"]), str(s.get("first_published") or ""), str(s.get("story_id"))))
    singles = len(data.stories) - len(multi)
    head = (f'<p class="note">{len(multi)} stories with more than one member, largest first; '
            f"{singles} single-article stories are not listed. ")
    if len(multi) > limits.stories:
        head += f"Only the first {limits.stories} are shown. "
    head += (f"At most {limits.members} members per story and {limits.chars} characters per text are shown.</p>"
             '<p class="legend note">Each copy is compared with the canonical member (left): '
             "<ins>words it adds</ins> <del>words it lacks</del>; in the canonical text, "
             "<mark>words missing from a copy</mark>.</p>")
    body = "".join(_story(s, by_url, limits, i < 3) for i, s in enumerate(multi[:limits.stories]))
    return f'<section id="stories"><h2>Stories</h2>{head}{body}</section>'


def _settings(data: RunData) -> str:
    settings = data.run.get("settings")
    if not isinstance(settings, dict) or not settings:
        return ""
    rows = [f"<tr><td class=mono>{esc(k)}</td><td class=mono>{esc(json.dumps(v, ensure_ascii=False, default=str))}</td></tr>"
            for k, v in sorted(settings.items())]
    return (f'<section id="settings"><details><summary><h2 style="display:inline">Settings</h2></summary>'
            f'{table(["setting", "value"], rows, numeric_from=9)}</details></section>')


def render(data: RunData, limits: Limits = Limits()) -> str:
    """The report page for ``data`` (a complete HTML document)."""
    cov = date_coverage(data.articles)
    title = f"wirecrawl report · {data.path.name}"
    sections = [_summary(data), _sites(data, cov), _errors(data), _dates(cov), _leaks(data, limits),
                _stories(data, limits), _settings(data)]
    return ("<!doctype html><html lang=en><head><meta charset=utf-8>"
            '<meta name=viewport content="width=device-width, initial-scale=1">'
            f"<title>{esc(title)}</title><style>{CSS}</style></head><body>"
            f'<header><h1>{esc(title)}</h1><p class="sub mono">{esc(data.path.resolve())}</p></header>'
            f'<main>{"".join(sections)}</main></body></html>\n')
