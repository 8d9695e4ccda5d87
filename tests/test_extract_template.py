"""The site line learner (SiteLines) and extraction's policy over it (SiteTemplates)."""

import pytest

from crawler.extract import ExtractOptions, SiteTemplates, extract_article
from crawler.extract.template import SiteLines, line_hash, line_key


def test_line_key_collapses_space_and_case():
    assert line_key("  Follow   US ") == "follow us"


def test_line_hash_is_the_line_key_hashed():
    assert line_hash("Follow us") == line_hash(" follow   US") != line_hash("Follow them")
    assert 0 <= line_hash("x") < 2**63


def test_observe_returns_counts_before_this_text_in_order():
    lines = SiteLines()
    assert lines.observe("a", [1, 2, 1]) == [0, 0, 1]  # a key repeated in one text sees itself
    assert lines.observe("a", [1, 3]) == [2, 0]
    assert lines.observe("b", [1]) == [0]  # sites are separate
    assert lines.texts("a") == 2 and lines.count("a", 1) == 3 and lines.count("b", 3) == 0


def test_pruning_forgets_keys_counted_once():
    every = SiteLines(prune_every=2)
    every.observe("a", [1, 2])
    every.observe("a", [1, 3])
    assert every.count("a", 1) == 2 and every.count("a", 2) == 0 and every.size("a") == 1
    bounded = SiteLines(max_keys=3)
    bounded.observe("a", [1, 2, 3])
    bounded.observe("a", [1, 4])
    assert bounded.size("a") == 1 and bounded.count("a", 1) == 2


@pytest.mark.parametrize("kwargs", [{"prune_every": 0}, {"max_keys": -1}, {"max_keys": 2.5}])
def test_bad_bound_fails_fast(kwargs):
    with pytest.raises(ValueError, match=repr(next(iter(kwargs.values())))):
        SiteLines(**kwargs)


def test_line_needs_min_pages_and_min_share():
    t = SiteTemplates(min_pages=3, min_share=0.5)
    for i in range(2):
        t.observe("a.test", ["Daily briefing from our desk", f"body {i}"])
    assert not t.is_template("a.test", "Daily briefing from our desk")  # 2 pages < 3
    t.observe("a.test", ["Daily briefing from our desk", "body 2"])
    assert t.is_template("a.test", "daily   briefing from our desk")
    assert not t.is_template("a.test", "body 2")
    for i in range(4):  # now 3 of 7 pages: below half
        t.observe("a.test", [f"other {i}"])
    assert not t.is_template("a.test", "Daily briefing from our desk")


def test_sites_are_separate_and_lines_count_once_per_page():
    t = SiteTemplates(min_pages=2, min_share=0.5)
    t.observe("a.test", ["x line", "x line", "x line"])
    assert t.pages("a.test") == 1 and not t.is_template("a.test", "x line")
    t.observe("b.test", ["x line"])
    assert not t.is_template("a.test", "x line") and not t.is_template("b.test", "x line")


def test_memory_bound_forgets_singletons():
    t = SiteTemplates(min_pages=2, min_share=0.1, max_lines_per_site=100)
    for i in range(3):
        t.observe("a.test", ["keep me"] + [f"unique {i} {j}" for j in range(60)])
    assert t.is_template("a.test", "keep me")
    assert t.lines.size("a.test") <= 100 + 60


@pytest.mark.parametrize("kwargs", [{"min_pages": 1}, {"min_share": 0}, {"min_share": 1.5}, {"max_lines_per_site": 5}])
def test_bad_configuration_fails_fast(kwargs):
    with pytest.raises(ValueError, match=repr(next(iter(kwargs.values())))):
        SiteTemplates(**kwargs)


def page(i: int) -> str:
    body = " ".join(f"Sentence number {k} of story {i} tells something new about topic {i * 7 + k}." for k in range(8))
    return (
        "<html lang='en'><head><title>Story %d</title></head><body><div class='c'><h1>Story %d</h1>"
        "<p>%s</p><p>%s</p><p>This story was produced by the Valley Desk, an independent team.</p>"
        "</div></body></html>" % (i, i, body, body.replace("Sentence", "Clause"))
    )


def test_extraction_feeds_and_uses_the_learner():
    templates = SiteTemplates(min_pages=3, min_share=0.5)
    options = ExtractOptions(templates=templates)
    texts = [extract_article(page(i), f"http://127.0.0.5:8080/s/{i}", options=options).text for i in range(4)]
    assert templates.pages("127.0.0.5:8080") == 4
    assert "Valley Desk" in texts[0] and "Valley Desk" in texts[1]
    assert "Valley Desk" not in texts[2] and "Valley Desk" not in texts[3]
    assert "Clause number 3 of story 3" in texts[3]
    # another site does not inherit the template
    other = extract_article(page(9), "http://127.0.0.6:8080/s/9", options=options).text
    assert "Valley Desk" in other
