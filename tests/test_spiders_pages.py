"""Article detection and link extraction on small hand-written pages."""

from __future__ import annotations

import pytest

from spiders.pages import PageHints, classify, page_links, parse_html

PARA = ("<p>The regional council met on Thursday to discuss the flood plan, which residents, "
        "engineers and shop owners along the river have debated for months. {i}</p>")


def body(n: int = 5) -> str:
    return "".join(PARA.format(i=i) for i in range(n))


def page(head: str = "", content: str = "", nav_links: int = 6) -> str:
    nav = "".join(f'<a href="/s{i}/">S{i}</a>' for i in range(nav_links))
    return (f"<!DOCTYPE html><html><head><title>t</title>{head}</head><body>"
            f"<nav>{nav}</nav>{content}<footer><p>© Daily</p></footer></body></html>")


def teasers(n: int) -> str:
    return "".join(f'<article><h2><a href="/2026/11/{i:02d}/story-number-{i}-about-things">'
                   f"Headline {i}</a></h2><p>Short teaser {i}.</p></article>" for i in range(n))


def decide(html: str, url: str):
    return classify(parse_html(html.encode(), url), url)


ARTICLE_CASES = {
    "og+jsonld": (page('<meta property="og:type" content="article">'
                       '<script type="application/ld+json">{"@context":"https://schema.org",'
                       '"@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","headline":"x"}]}</script>',
                       f"<article><h1>Storm</h1>{body()}</article>"),
                  "https://daily.example/2026/11/20/storm-hits-coast"),
    "plain-article-element": (page("", f'<article><h1>Op-ed</h1><time datetime="2026-11-20">20 Nov</time>{body(4)}</article>'),
                              "https://daily.example/opinion/why-the-river-plan-needs-work"),
    "no-article-element": (page('<meta property="article:published_time" content="2026-11-20T10:00:00Z">',
                                f"<div class='post'><h1>Blog</h1>{body(6)}</div>"),
                           "https://blog.example/posts/a-long-post-about-rivers-and-floods"),
    "jsonld-reportage-id-url": (page('<script type="application/ld+json">{"@type":["ReportageNewsArticle"]}</script>',
                                     f"<main>{body(4)}</main>"), "https://zeitung.example/politik/12345678"),
}

SIDEBAR = "<aside><ul>" + "".join(f'<li><a href="/2026/11/2{i}/other-story-number-{i}">Other {i}</a></li>'
                                  for i in range(10)) + "</ul></aside>"
ARTICLE_CASES["short-brief-div-layout"] = (
    page('<meta property="og:type" content="article">',
         "<div id='content'><div class='article'><h1>Bridge opens</h1><p class='byline'>By <a href='/autor/x/'>X</a></p>"
         f"{body(2)}<p>Themen: <a href='/tag/verkehr/'>Verkehr</a></p></div></div>"
         "<div id='sidebar'><ul>" + "".join(f"<li><a href='/panorama/other-news-item-{i}.html'>Other news item {i}</a></li>"
                                            for i in range(4)) + "</ul></div>", nav_links=10),
    "https://zeitung.example/panorama/bridge-opens-after-four-years-177591.html")
NON_ARTICLE_CASES_EXTRA = {
    "div-listing-no-og": (page("", "<div id='content'><h1>Panorama</h1><ul>" + "".join(
        f"<li><a href='/panorama/news-item-number-{i}.html'>News item number {i} today</a></li>"
        for i in range(12)) + "</ul></div>"), "https://zeitung.example/panorama/"),
}
ARTICLE_CASES["short-brief-with-sidebar"] = (
    page('<meta property="og:type" content="article">',
         "<main><article><header><h1>Ferry fares to rise</h1><a href='/author/x/'>X</a></header>"
         f"{body(2)}<footer><a href='/tag/transit/'>transit</a></footer></article></main>{SIDEBAR}",
         nav_links=12),
    "https://daily.example/us/2026/11/21/ferry-fares-to-rise-in-january")

NON_ARTICLE_CASES = {
    "homepage": (page('<meta property="og:type" content="website">', teasers(12), nav_links=20),
                 "https://daily.example/"),
    "section": (page('<meta property="og:type" content="website">', "<h1>World</h1>" + teasers(10)),
                "https://daily.example/world/"),
    "tag": (page("", "<h1>Tag: climate</h1>" + teasers(6)), "https://daily.example/tag/climate/"),
    "author-with-bio": (page('<meta property="og:type" content="profile">',
                             f"<h1>Jane Doe</h1>{body(3)}{teasers(5)}"),
                        "https://daily.example/author/jane-doe/"),
    "auteur-fr": (page("", f"<h1>Jean</h1>{body(2)}{teasers(5)}"), "https://quotidien.example/auteur/jean-dupont/"),
    "search": (page("", "<h1>Results</h1>" + teasers(8)), "https://daily.example/search?q=flood"),
    "recherche": (page("", teasers(8)), "https://quotidien.example/recherche/?q=crue"),
    "about-with-long-text": (page('<meta property="og:type" content="website">', f"<h1>About us</h1>{body(8)}"),
                             "https://daily.example/about/"),
    "contact": (page("", f"<h1>Contact</h1>{body(3)}"), "https://daily.example/contact"),
    "paginated-section": (page("", teasers(10)), "https://daily.example/world/page/4/"),
    "collectionpage-jsonld": (page('<script type="application/ld+json">{"@type":"CollectionPage"}</script>',
                                   teasers(10)), "https://daily.example/2026/11/20/"),
    "section-with-one-lead-story": (
        page('<meta property="og:type" content="website">',
             f"<article><h1>World</h1>{body(2)}</article>" + teasers(0) + "<ul>" +
             "".join(f'<li><a href="/world/2026/11/{i:02d}/story-{i}-about-the-world">Story {i} about the world</a></li>'
                     for i in range(1, 25)) + "</ul>"),
        "https://daily.example/world/"),
    "calendar": (page("", '<a href="/archive/2026/10/">prev</a><a href="/archive/2026/12/">next</a>'),
                 "https://daily.example/archive/2026/11/"),
    "empty-body": (page("", ""), "https://daily.example/some-long-slug-of-a-page-here"),
}


NON_ARTICLE_CASES.update(NON_ARTICLE_CASES_EXTRA)


@pytest.mark.parametrize("name", sorted(ARTICLE_CASES))
def test_articles_detected(name):
    html, url = ARTICLE_CASES[name]
    d = decide(html, url)
    assert d.is_article, (name, d)


@pytest.mark.parametrize("name", sorted(NON_ARTICLE_CASES))
def test_non_articles_not_emitted(name):
    html, url = NON_ARTICLE_CASES[name]
    d = decide(html, url)
    assert not d.is_article, (name, d)


def test_decision_explains_itself():
    html, url = ARTICLE_CASES["og+jsonld"]
    d = decide(html, url)
    assert "og:article+3" in d.reasons and "jsonld:newsarticle+3" in d.reasons
    assert d.score >= 6


def test_unparseable_is_never_article():
    assert parse_html(b"   ") is None
    assert not classify(None, "https://x.example/a-b-c-d").is_article


def test_bad_jsonld_is_ignored():
    html = page('<script type="application/ld+json">{not json</script>',
                f"<article><time datetime='2026-11-20'></time>{body()}</article>")
    assert decide(html, "https://x.example/2026/11/20/a-story").is_article


def test_page_links():
    html = (
        '<html><head><link rel="canonical" href="/2026/11/20/story">'
        '<link rel="next" href="?page=2"><link rel="alternate" type="application/rss+xml" href="/feed">'
        '<link rel="stylesheet" href="/s.css"></head><body>'
        '<a href="/a#x">A</a><a href="/a">A again</a><a href="https://other.example/b">B</a>'
        '<a href="mailto:x@y">m</a><a href="javascript:void(0)">j</a><a href="#top">t</a>'
        '<a href="/files/report.PDF">pdf</a><a href="/img/x.jpg">img</a>'
        '<a rel="nofollow" href="/login">login</a><a rel="next" href="/world/page/3">more</a>'
        '</body></html>')
    links = page_links(parse_html(html, "https://d.example/world/"), "https://d.example/world/")
    assert links.canonical == "https://d.example/2026/11/20/story"
    assert links.next == ("https://d.example/world/?page=2", "https://d.example/world/page/3")
    assert links.feeds == ("https://d.example/feed",)
    assert links.links == ("https://d.example/a", "https://other.example/b", "https://d.example/world/page/3")


def test_base_href_respected():
    html = '<html><head><base href="https://cdn.d.example/x/"></head><body><a href="y">y</a></body></html>'
    links = page_links(parse_html(html, "https://d.example/"), "https://d.example/")
    assert links.links == ("https://cdn.d.example/x/y",)


# --- body-block signal: an article body whatever tags and og:type the site uses --------------

_BODY = "".join(f"<div class='paragraph'>{'Sentence number %d of a long article body, written out plainly. ' % i * 3}</div>"
                for i in range(8))


def _page(body, og="website", extra=""):
    return parse_html(f"<html><head><meta property='og:type' content='{og}'>"
                      f"<meta property='article:published_time' content='2026-11-20T10:00:00Z'></head><body>"
                      f"<nav>{''.join(f'<a href=/s/{i}>Section link number {i} here</a>' for i in range(12))}</nav>"
                      f"<main><h1>Headline</h1>{body}</main>{extra}</body></html>", "https://n.example/x")


def test_body_of_text_only_divs_counts_even_with_sitewide_og_website():
    d = classify(_page(_BODY), "https://n.example/world/2026/11/20/long-story-about-things")
    assert d.is_article, d


def test_one_long_br_separated_block_counts():
    text = "<br>".join("Une phrase assez longue du corps de l'article, écrite sans paragraphes." for _ in range(40))
    d = classify(_page(f"<div id=texte>{text}</div>"), "https://n.example/news/view.html?idx=8576&page=1")
    assert d.is_article, d


def test_teaser_summaries_under_separate_cards_are_not_a_body():
    cards = "".join(
        f"<div class=card><a href='/a/{i}'>Teaser headline number {i} for a story</a>"
        f"<p>{'A summary sentence of this teaser that runs on a while. ' * 3}</p></div>" for i in range(20))
    d = classify(_page(cards, og="article"), "https://n.example/world/")
    assert not d.is_article, d


def test_pagination_query_from_page_two_only_and_not_wordpress_p():
    listing = _page("<p>short</p>")
    assert "listing-path-4" in classify(listing, "https://n.example/news?page=2").reasons
    assert "listing-path-4" not in classify(listing, "https://n.example/news/view?idx=9&page=1").reasons
    assert "listing-path-4" not in classify(listing, "https://n.example/?p=1234").reasons


# --- the body's shape carries the decision (no metadata, split bodies, briefs, CJK, legal) ---

AD = "<div class='ad'><a href='https://ads.example/x'><img src='/a.png'></a></div>"


def plain_story(paragraphs_before: int, paragraphs_after: int) -> str:
    """An article page with no og:type, no JSON-LD, no <article>: headline, time, byline,
    paragraphs split in two blocks around an ad."""
    return page("", "<div id='main'><h1>Council approves the river plan</h1>"
                    "<p class='meta'><time>20 November 2026</time> · By Ann Lee</p>"
                    f"<div class='part'>{body(paragraphs_before)}</div>{AD}"
                    f"<div class='part'>{body(paragraphs_after)}</div></div>", nav_links=12)


def test_plain_article_split_around_an_ad():
    d = decide(plain_story(2, 2), "https://plain.example/local/council-approves-the-river-plan")
    assert d.is_article and "headline-body+2" in d.reasons, d


def test_split_body_blocks_add_up():
    """Two sibling blocks of paragraphs count as one run of text."""
    from spiders.pagetype.body import TextMeter, body_block, boiler_elements, teaser_cards
    tree = parse_html(plain_story(3, 3).encode(), "https://plain.example/x")
    boiler = boiler_elements(tree)
    (chars, count, container), _ = body_block(tree, boiler, teaser_cards(tree, boiler), TextMeter(tree))
    assert count == 6 and container.get("id") == "main"


def test_teaser_summaries_are_not_a_body():
    cards = "".join(f"<div class='card'><h3><a href='/news/story-number-{i}-of-today'>Story {i} of today</a></h3>"
                    f"{PARA.format(i=i)}</div>" for i in range(14))
    d = decide(page('<meta property="og:type" content="article">', f"<h1>News</h1><div class='grid'>{cards}</div>"),
               "https://site.example/news/")
    assert not d.is_article, d


def test_listing_signals_hold_against_site_wide_og_article():
    cards = "".join(f"<div class='card'><h2><a href='/politics/story-{i}-headline-words'>Story {i} headline words</a></h2>"
                    f"<p>Summary {i}.</p><time>20 Nov</time></div>" for i in range(16))
    d = decide(page('<meta property="og:type" content="article">', f"<h1>Politics</h1>{cards}"),
               "https://site.example/politics")
    assert not d.is_article and "teaser-cards-2" in d.reasons, d


def test_short_brief_listed_in_feed_is_an_article():
    html = page("", f"<div id='main'><h2>Ferry fares rise</h2><div class='text'>{body(2)}</div></div>")
    url = "https://plain.example/briefs/ferry-fares-rise"
    assert not decide(html, url).is_article
    d = classify(parse_html(html.encode(), url), url, PageHints(listed="feed"))
    assert d.is_article and "listed-in-feed+3" in d.reasons, d


def test_listed_page_without_a_body_stays_a_listing():
    url = "https://site.example/world/"
    d = classify(parse_html(page("", teasers(12)).encode(), url), url, PageHints(listed="sitemap"))
    assert not d.is_article, d


def test_site_url_shape_vote_is_counted():
    html = page("", f"<div id='main'><h1>Short</h1><div class='text'>{body(2)}</div></div>")
    url = "https://plain.example/a/b"
    without = classify(parse_html(html.encode(), url), url)
    with_vote = classify(parse_html(html.encode(), url), url, PageHints(url_vote=1))
    assert with_vote.score == without.score + 1 and "site-url-shape+1" in with_vote.reasons


CJK_PARA = ("<p>市议会星期四召开会议，讨论防洪计划。沿河居民、工程师和商户已经就此争论了好几个月，"
            "各方都希望尽快作出决定。{i}</p>")


def test_cjk_article_reaches_the_length_thresholds():
    paras = "".join(CJK_PARA.format(i=i) for i in range(10))
    d = decide(page('<meta charset="utf-8">', f"<div id='main'><h1>市议会通过防洪计划</h1><time>2026年11月20日</time>"
                        f"<div class='text'>{paras}</div></div>"),
               "https://cn.example/news/20261120/123456.html")
    assert d.is_article and ("body-block+2" in d.reasons or "long-body-block+3" in d.reasons), d


def test_weighted_length_counts_cjk_wider():
    from crawler.extract.script import weighted_len
    assert weighted_len("abc  def") == 7
    assert weighted_len("市议会") == 9 and weighted_len("시의회") == 6


@pytest.mark.parametrize("og,is_article", [("blogposting", True), ("blog", False)])
def test_og_type_blog_values(og, is_article):
    html = page(f'<meta property="og:type" content="{og}">', f"<div id='main'><h2>Post</h2>{teasers(0)}<p>x</p></div>")
    d = decide(html, "https://blog.example/some-post")
    assert (f"og:{og}" in " ".join(d.reasons) or "og:article+3" in d.reasons)
    assert ("og:article+3" in d.reasons) == is_article


@pytest.mark.parametrize("url,h1", [
    ("https://site.example/impressum/", "Impressum"),
    ("https://site.example/datenschutz-site", "Datenschutz"),
    ("https://site.example/legal/page-4860.html", "Datenschutzerklärung der Site GmbH"),
    ("https://site.example/about-us", "About us"),
])
def test_legal_and_about_pages_are_never_articles(url, h1):
    html = page('<meta property="og:type" content="article">'
                '<script type="application/ld+json">{"@type":"NewsArticle"}</script>',
                f"<article><h1>{h1}</h1>{body(12)}</article>")
    d = decide(html, url)
    assert not d.is_article and "legal-page" in d.reasons, d


def test_news_headline_starting_with_a_legal_word_is_an_article():
    html = page('<meta property="og:type" content="article">',
                f"<article><h1>Datenschutz: Behörde verhängt Strafe</h1>{body(6)}</article>")
    assert decide(html, "https://site.example/digital/datenschutz-behoerde-verhaengt-strafe-123456").is_article


def test_brief_under_its_headline_among_many_links_is_an_article():
    related = "<div class='more'>" + "".join(
        f"<div><a href='/news/other-story-number-{i}'>Other story number {i} here</a></div>" for i in range(16)) + "</div>"
    html = page('<meta property="og:type" content="article">',
                f"<div id='main'><h1>Ferry fares rise</h1><div class='text'>{body(2)}</div>{related}</div>")
    d = decide(html, "https://site.example/news/ferry-fares-rise-123456")
    assert d.is_article and "link-list-1" in d.reasons, d


def test_a_listing_with_a_short_intro_is_still_a_listing():
    links = "".join(f"<div><a href='/news/story-number-{i}'>Story number {i} of the day</a></div>" for i in range(16))
    html = page("", f"<div id='main'><h1>News</h1><div class='intro'>{body(1)}</div>{links}</div>")
    assert not decide(html, "https://site.example/news/").is_article


def test_brief_cut_one_and_two_paragraphs_around_an_ad():
    html = page('<meta charset="utf-8">',
                "<main><div class='entry'><h1>Pupils will learn to cycle</h1><time>Published 27/11/2026 09:08</time>"
                f"<div class='content'><div class='text'>{body(1)}</div>{AD}<div class='text'>{body(2)}</div></div>"
                "</div></main>")
    d = decide(html, "https://plain.example/a/b")
    assert d.is_article and "headline-body+2" in d.reasons, d


def test_single_summaries_beside_their_headings_are_not_a_split_body():
    items = "".join(f"<div class='item'><h3>Story {i} of today</h3>{PARA.format(i=i)}</div>" for i in range(6))
    html = page("", f"<main><div class='list'><h1>Today</h1><div class='items'>{items}</div></div></main>")
    d = decide(html, "https://site.example/a/b")
    assert "headline-body+2" not in d.reasons and not d.is_article, d


def test_script_text_is_not_body_text():
    state = "<script>window.__STATE__ = " + '{"teaser": "' + "x" * 3000 + '"}' + ";</script>"
    html = page("", f"<div id='main'><h1>Section</h1><div class='t'>{state}<p>Short intro.</p></div>{teasers(0)}</div>")
    d = decide(html, "https://site.example/a/b")
    assert not any(r.startswith(("long-body-block", "body-block")) for r in d.reasons), d


def test_printed_date_near_the_body_dates_a_page_without_date_markup():
    html = page("", "<div id='main'><h1>Council approves the plan</h1><p class='d'>Friday, November 20, 2026</p>"
                    f"<div class='t'>{body(3)}</div></div>")
    d = decide(html, "https://site.example/a/b")
    assert d.is_article and "printed-date+1" in d.reasons, d
    undated = decide(html.replace("Friday, November 20, 2026", "Local news"), "https://site.example/a/b")
    assert "printed-date+1" not in undated.reasons and not undated.is_article
