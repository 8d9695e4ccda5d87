"""The report's pieces: word diff, leaked-line detection, SVG charts, date coverage, reading
both shapes of run.json, escaping, and the ``wirecrawl report`` command."""

from __future__ import annotations

import json
import re

import pytest

from crawler.cli.main import main
from output.report import Limits, build_report, load_run, render
from output.report.charts import bar_chart, column_chart
from output.report.coverage import ZONE_FIELD, date_coverage
from output.report.data import site_rows
from output.report.diff import clip, compare, render_marked, tokens
from output.report.leaks import recurring_lines

LEAD = "PARIS (AFP) - Trois tapisseries flamandes ont été dérobées dans la nuit de dimanche à lundi au musée."
SECOND = "Les voleurs ont forcé une porte de service donnant sur la cour intérieure vers trois heures."
THIRD = "Le parquet a ouvert une enquête pour vol en bande organisée, confiée à un office central."


# --- diff ---------------------------------------------------------------------------------

def test_identical_texts_have_no_marks():
    text = f"{LEAD}\n{SECOND}"
    got = compare(text, [text])
    assert "<ins>" not in got.copies[0] and "<del>" not in got.copies[0] and "<mark>" not in got.canonical
    assert got.same == [1.0] and got.cut == 0
    assert got.copies[0].count("<br>") == 1


def test_an_added_paragraph_and_a_changed_word_are_marked_in_the_copy():
    copy = f"{LEAD.replace('dérobées', 'volées')}\n{SECOND}\nUne ligne ajoutée par ce site.\n{THIRD}"
    got = compare(f"{LEAD}\n{SECOND}\n{THIRD}", [copy])
    html = got.copies[0]
    assert "<del>dérobées</del>" in html and "<ins>volées</ins>" in html
    assert "<ins>Une ligne ajoutée par ce site.</ins>" in html
    assert "<mark>dérobées</mark>" in got.canonical
    assert 0.7 < got.same[0] < 1.0


def test_a_passage_the_copy_lacks_is_struck_and_marked_in_the_canonical_text():
    got = compare(f"{LEAD}\n{SECOND}\n{THIRD}", [f"{LEAD}\n{SECOND}"])
    assert "<del>Le parquet a ouvert" in got.copies[0]
    assert "<mark>Le parquet a ouvert" in got.canonical
    assert "<mark>PARIS" not in got.canonical


def test_a_long_missing_passage_is_shortened():
    long_tail = " ".join(f"mot{i}" for i in range(80))
    got = compare(f"{LEAD}\n{long_tail}", [LEAD])
    assert "mot11" in got.copies[0] and "mot12 " not in got.copies[0]
    assert "[… 68 more words]" in got.copies[0]


def test_cutting_after_max_chars_is_not_shown_as_a_difference():
    text = " ".join([LEAD, SECOND, THIRD] * 5)
    got = compare(text, [text], max_chars=200)
    assert "<del>" not in got.copies[0] and "<mark>" not in got.canonical
    assert got.cut == 2 and got.copies[0].endswith(" …")
    assert len(re.sub(r"<[^>]+>", "", got.copies[0])) < 260


def test_diff_escapes_words():
    got = compare("a <script>alert(1)</script> b", ["a <img src=x onerror=alert(1)> b"])
    for html in (got.canonical, *got.copies):
        assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in got.canonical


def test_tokens_keep_paragraph_breaks_and_clip_cuts_at_a_word():
    assert tokens("a  b\nc") == ["a", "b", "\n", "c"]
    assert clip("abc def ghi", 6) == ("abc", 8)
    assert clip("short", 10) == ("short", 0)
    assert render_marked([("x", None), ("\n", None), ("y", "ins")]) == ("x<br><ins>y</ins>", False)


# --- leaked boilerplate -------------------------------------------------------------------

def articles_with(line: str, site: str, n: int, of: int) -> list[dict]:
    return [{"site": site, "text": f"Article {i} opens with its own news of the day.\n"
                                   + (f"{line}\n" if i < n else "") + f"Closing words number {i} here."}
            for i in range(of)]


def test_a_line_recurring_across_one_sites_articles_is_reported_with_counts():
    recs = articles_with("Abonnez-vous à notre lettre quotidienne", "a.example", 4, 6)
    recs += articles_with("Abonnez-vous à notre lettre quotidienne", "b.example", 1, 6)
    leaks = recurring_lines(recs)
    assert [(x.site, x.line, x.articles, x.site_articles) for x in leaks] == [
        ("a.example", "Abonnez-vous à notre lettre quotidienne", 4, 6)]
    assert leaks[0].share == pytest.approx(4 / 6)


def test_rare_short_or_cross_site_lines_are_not_leaks():
    assert recurring_lines(articles_with("Follow us on the radio", "a.example", 2, 10)) == []
    assert recurring_lines(articles_with("AFP", "a.example", 10, 10)) == []
    assert recurring_lines(articles_with("Follow us everywhere today", "a.example", 3, 40)) == []


def test_leak_thresholds_are_checked():
    with pytest.raises(ValueError, match="min_articles"):
        recurring_lines([], min_articles=1)
    with pytest.raises(ValueError, match="min_share"):
        recurring_lines([], min_share=1.5)


# --- charts -------------------------------------------------------------------------------

def test_bar_chart_draws_one_escaped_bar_per_item_scaled_to_the_largest():
    svg = bar_chart([("a.example", 10), ("<b>x</b>", 5)], title="Articles & sites", chart_id="c1")
    assert svg.startswith('<svg id="c1"') and svg.endswith("</svg>")
    assert svg.count('<g class="bar"') == 2
    widths = [float(w) for w in re.findall(r'<rect x="\d+" y="\d+" width="([\d.]+)"', svg)]
    assert widths[0] == 2 * widths[1] > 0
    assert "<b>" not in svg and "&lt;b&gt;x&lt;/b&gt;" in svg and "Articles &amp; sites" in svg


def test_column_chart_and_bad_values():
    svg = column_chart([(f"{h:02d}", h % 3) for h in range(24)], title="by hour", chart_id="h", label_every=6)
    assert svg.count('<g class="col"') == 24
    assert len(re.findall(r'text-anchor="middle">\d\d</text>', svg)) == 4
    with pytest.raises(ValueError):
        bar_chart([("a", -1)], title="t", chart_id="x")
    with pytest.raises(ValueError):
        column_chart([("a", 1)], title="t", chart_id="x", label_every=0)
    assert bar_chart([], title="empty", chart_id="e").startswith("<svg")


# --- date coverage ------------------------------------------------------------------------

def test_date_coverage_counts_per_site_zone_hour_and_day():
    recs = [
        {"site": "a", "published": "2026-11-20T13:32:00Z", "modified": "2026-11-20T15:00:00Z"},
        {"site": "a", "published": None, "modified": None},
        {"site": "b", "published": "2026-11-21T13:05:00Z", ZONE_FIELD: "stated"},
        {"site": "b", "published": "not a date"},
    ]
    cov = date_coverage(recs)
    assert (cov.total.articles, cov.total.published, cov.total.modified) == (4, 2, 1)
    assert cov.per_site["a"].published == 1 and cov.per_site["b"].zones == {"stated": 1}
    assert cov.by_hour[13] == 2 and sum(cov.by_hour) == 2
    assert cov.by_day == {"2026-11-20": 1, "2026-11-21": 1}
    assert cov.zones_recorded


# --- run directories ----------------------------------------------------------------------

def write_run(tmp_path, run: dict | None, articles: list[dict], stories: list[dict]):
    if run is not None:
        (tmp_path / "run.json").write_text(json.dumps(run))
    (tmp_path / "articles.jsonl").write_text("".join(json.dumps(a) + "\n" for a in articles))
    (tmp_path / "stories.jsonl").write_text("".join(json.dumps(s) + "\n" for s in stories))
    return tmp_path


def article(n: int, site: str = "a.example", text: str = LEAD, **kw) -> dict:
    return {"id": f"id{n}", "url": f"http://{site}/{n}", "site": site, "title": f"Title {n}", "text": text,
            "published": "2026-11-20T13:32:00Z", "modified": None, "story_id": "id0", **kw}


def story(*ns: int, sites=("a.example",)) -> dict:
    members = [f"http://{s}/{n}" for n, s in zip(ns, sites * len(ns))]
    return {"story_id": f"id{ns[0]}", "canonical": {"id": f"id{ns[0]}", "url": members[0]},
            "members": members, "sites": list(sites), "first_published": "2026-11-20T13:32:00Z", "size": len(ns)}


def test_a_dedup_run_with_future_fields_and_a_cut_last_line_is_read(tmp_path):
    run = {"wirecrawl": "dedup", "inputs": ["/data/in.jsonl"], "settings": {"threshold": 0.5},
           "summary": {"documents_read": 3, "skipped": 0, "stories": 1, "joined_existing_story": 1, "errors": {}}}
    arts = [article(0, revision=1), article(1, site="b.example", text=f"{LEAD} Ajout.", revision=2)]
    write_run(tmp_path, run, arts, [story(0, 1, sites=("a.example", "b.example"))])
    with open(tmp_path / "articles.jsonl", "a") as fh:
        fh.write('{"id": "cut-off')
    data = load_run(tmp_path)
    assert data.kind == "dedup" and len(data.articles) == 2
    assert any("not a JSON line" in n for n in data.notes)
    h = data.headline()
    assert h["articles_kept"] == 2 and h["stories"] == 1 and h["documents_read"] == 3
    assert h["pages_fetched"] is None
    assert [(r.site, r.articles, r.median_ms) for r in site_rows(data)] == [("a.example", 1, None), ("b.example", 1, None)]
    page = render(data)
    assert 'id="fig-documents-read" data-value="3"' in page and "fig-pages-fetched" not in page
    assert "<ins>Ajout.</ins>" in page


def test_a_bad_line_in_the_middle_costs_only_itself(tmp_path):
    write_run(tmp_path, {"wirecrawl": "dedup", "summary": {}}, [article(0), article(1)], [story(0)])
    lines = (tmp_path / "articles.jsonl").read_bytes().splitlines()
    (tmp_path / "articles.jsonl").write_bytes(b"\n".join([lines[0], b'{"id": "\xff"}', lines[1]]) + b"\n")
    data = load_run(tmp_path)
    assert [a["id"] for a in data.articles] == ["id0", "id1"]
    assert data.notes == ["articles.jsonl:2: not UTF-8 (byte 9 of the line); line skipped"]


def test_crawl_run_figures_and_per_site_timing(tmp_path):
    run = {"wirecrawl": "run", "summary": {
        "pages_fetched": 9, "articles_kept": 2, "stories": 2, "errors": {"http_404": 2}, "errors_total": 2,
        "per_site": {"a.example": 2}, "extract_ms": {"a.example": {"pages": 3, "median": 12.5, "p90": 20.0}}},
        "stats": {}, "settings": {"WIRECRAWL_TIMEZONE": "UTC"}}
    write_run(tmp_path, run, [article(0), article(1)], [story(0), story(1)])
    data = load_run(tmp_path)
    assert data.kind == "crawl"
    (row,) = site_rows(data)
    assert (row.pages, row.articles, row.dropped, row.median_ms, row.p90_ms) == (3, 2, 1, 12.5, 20.0)
    page = render(data)
    assert 'id="fig-pages-fetched" data-value="9"' in page
    assert '<tr data-site="a.example">' in page and 'data-field="median-ms">12.5<' in page
    assert 'data-error="http_404"' in page and "WIRECRAWL_TIMEZONE" in page
    assert "2 single-article stories are not listed" in page


def test_everything_from_the_data_is_escaped(tmp_path):
    evil = "<script>alert(1)</script>"
    arts = [article(0, title=evil, text=f"{LEAD} {evil}", site="a.example"),
            article(1, title="x", text=f"{LEAD} <img src=x onerror=alert(2)>", site="a.example")]
    arts[1]["url"] = "javascript:alert(3)"
    st = story(0, 1)
    st["members"][1] = "javascript:alert(3)"
    run = {"wirecrawl": "run", "start_urls": [f"http://x/{evil}"], "settings": {evil: evil},
           "summary": {"per_site": {evil: 1}, "errors": {evil: 1}}}
    write_run(tmp_path, run, arts, [st])
    page = render(load_run(tmp_path))
    assert "<script" not in page and "<img" not in page
    assert 'href="javascript:' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_limits_cap_the_stories_shown(tmp_path):
    arts = [article(n) for n in range(6)]
    stories = [story(0, 1), story(2, 3), story(4, 5)]
    write_run(tmp_path, {"wirecrawl": "run", "summary": {}}, arts, stories)
    page = render(load_run(tmp_path), Limits(stories=2))
    assert page.count('<details class="story"') == 2
    assert "Only the first 2 are shown" in page


def test_report_command_writes_report_html(tmp_path, capsys):
    write_run(tmp_path, None, [article(0)], [story(0)])
    assert main(["report", str(tmp_path)]) == 0
    assert (tmp_path / "report.html").read_text().startswith("<!doctype html>")
    assert "run.json is missing" in (tmp_path / "report.html").read_text()
    assert str(tmp_path / "report.html") in capsys.readouterr().out


def test_report_command_refuses_what_is_not_a_run_directory(tmp_path, capsys):
    assert main(["report", str(tmp_path / "nope")]) == 2
    assert main(["report", str(tmp_path)]) == 2
    assert main(["report", str(tmp_path), "--max-stories", "0"]) == 2
    err = capsys.readouterr().err
    assert "no such run directory" in err and "holds no run.json" in err and "--max-stories (0)" in err


def test_build_report_writes_where_asked(tmp_path):
    write_run(tmp_path, {"wirecrawl": "run"}, [article(0)], [])
    out = build_report(tmp_path, tmp_path / "elsewhere.html")
    assert out == tmp_path / "elsewhere.html" and out.is_file()
