"""The page's own headline (spiders.pagetype.headline) and what it decides in classify: a
short news brief with no date or type markup, told from a section page by its headline."""

from __future__ import annotations

from spiders.pagetype.headline import slug_spells, titled_headline, under
from spiders.pages import classify, parse_html

PARA = ("<p>The regional council met on Thursday to discuss the flood plan, which residents, "
        "engineers and shop owners along the river have debated for months. {i}</p>")
RELATED = "<div class='more'>" + "".join(
    f"<div><a href='/local/other-story-number-{i}'>Other story number {i} here</a></div>" for i in range(16)) + "</div>"


def brief(title: str, h1: str = "Council approves the new river plan") -> str:
    """A two-paragraph brief: one headline over its text, many related links, no og:type,
    no JSON-LD, no <article>, no <time>, no printed date."""
    nav = "".join(f'<a href="/s{i}/">Section {i}</a>' for i in range(12))
    return (f"<html><head><title>{title}</title></head><body><nav>{nav}</nav>"
            f"<div id='main'><h1>{h1}</h1><div class='text'>{PARA.format(i=1)}{PARA.format(i=2)}</div>"
            f"{RELATED}</div><footer><p>© Daily</p></footer></body></html>")


def decide(html: str, url: str):
    return classify(parse_html(html.encode(), url), url)


def test_heading_repeated_in_the_title_is_the_headline():
    tree = parse_html(brief("Council approves the new river plan | Daily Post").encode())
    assert titled_headline(tree).tag == "h1"
    og = parse_html(brief("Daily Post").replace(
        "</title>", "</title><meta property='og:title' content='Council approves the new river plan'>").encode())
    assert titled_headline(og) is not None


def test_a_section_name_is_no_headline():
    """A section's heading is a word or two, however its title repeats it."""
    tree = parse_html(brief("Politik - aktuelle Nachrichten | Daily Post", h1="Politik").encode())
    assert titled_headline(tree) is None
    assert titled_headline(parse_html(brief("Daily Post").encode())) is None  # title names the site only


def test_cjk_headline_reads_as_a_sentence_by_weighted_length():
    tree = parse_html(brief("市议会批准新的河流计划 - 日报", h1="市议会批准新的河流计划").encode())
    assert titled_headline(tree) is not None


def test_slug_spells_the_headline():
    head = "Council approves the new river plan"
    assert slug_spells("https://d.example/local/council-approves-new-river-plan-123456.html", head)
    assert not slug_spells("https://d.example/local/", head)
    assert not slug_spells("https://d.example/local/council-budget-vote-delayed-again", head)


def test_headline_over_its_text():
    tree = parse_html(brief("x").encode())
    h1 = next(tree.iter("h1"))
    text = tree.find(".//div[@class='text']")
    footer = tree.find(".//footer")
    assert under(h1, text) and not under(h1, footer, levels=1)


def test_brief_reached_by_a_link_is_an_article_by_its_headline():
    url = "https://plain.example/local/council-approves-new-river-plan"
    d = decide(brief("Council approves the new river plan - Daily Post"), url)
    assert d.is_article and "headline-title+2" in d.reasons and "slug-headline+1" in d.reasons, d
    # The same page whose title does not name its heading has nothing to tell it by.
    untitled = decide(brief("Daily Post"), url)
    assert not untitled.is_article and not any(r.startswith("headline-title") for r in untitled.reasons)


def test_section_page_with_a_titled_heading_and_an_intro_stays_a_listing():
    cards = "".join(f"<div class='card'><h3><a href='/local/story-{i}-about-the-river'>Story {i} about the river</a></h3>"
                    f"<p>Summary {i}.</p></div>" for i in range(14))
    html = ("<html><head><title>Local news from the river towns - Daily Post</title></head><body>"
            f"<div id='main'><h1>Local news from the river towns</h1><div class='intro'>{PARA.format(i=0)}</div>"
            f"<div class='grid'>{cards}</div></div></body></html>")
    d = decide(html, "https://plain.example/local/")
    assert not d.is_article, d


def test_page_wrapping_form_is_not_boilerplate():
    """ASP.NET pages put the whole body in one <form>: the brief inside is still the body."""
    lines = "<br>".join(PARA.format(i=i)[3:-4] for i in range(3))
    html = ("<html><head><title>Council approves the new river plan</title></head><body>"
            "<form id='aspnetForm' action='/News/1'><nav><a href='/'>Home</a></nav>"
            f"<div id='main'><h1>Council approves the new river plan</h1><div class='t'><div class='img'></div>{lines}</div>"
            "</div></form></body></html>")
    url = "https://plain.example/News/120201120123"
    d = decide(html, url)
    assert d.is_article and "headline-title+2" in d.reasons, d
    # Without its headline the form is an ordinary form again, and no text is left.
    assert not decide(html.replace("<h1>Council approves the new river plan</h1>", ""), url).is_article


def test_br_split_section_is_a_body_block():
    lines = "<br><br>".join(PARA.format(i=i)[3:-4] for i in range(14))
    html = ("<html><head><title>x</title></head><body><div class='entry'><h1>Review of a law book</h1>"
            f"<section class='body'><img src='/c.jpg'>{lines}<div class='clear'></div></section></div></body></html>")
    d = decide(html, "https://plain.example/reviews/review-of-a-law-book")
    assert d.is_article and "long-body-block+3" in d.reasons, d
