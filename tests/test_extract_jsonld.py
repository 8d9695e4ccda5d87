"""The one JSON-LD reader (``crawler.extract.metadata.jsonld``): what it reads, and that
metadata, dates and page detection see the page through it."""

from lxml.html import fromstring

from crawler.extract import extract_article
from crawler.extract.metadata import jsonld
from spiders.pages import classify


def page(*blocks: str, body: str = "<p>x</p>") -> str:
    scripts = "".join(f"<script type='application/ld+json'>{b}</script>" for b in blocks)
    return f"<html><head>{scripts}</head><body>{body}</body></html>"


def test_reads_graphs_lists_and_wrapped_or_sloppy_blocks_in_document_order():
    tree = fromstring(page('{"@graph": [{"@type": "WebSite", "name": "S"}, {"@type": "NewsArticle", "headline": "A"}]}',
                           '[{"@type": "Person", "name": "P"}]',
                           '<!-- {"@type": "Organization", "name": "O"} -->',
                           '{"@type": "BlogPosting", "headline": "line\nbreak"}',  # raw newline: strict JSON refuses
                           '{"@type": "broken", '))
    nodes = jsonld.read(tree)
    assert [sorted(jsonld.types_of(n)) for n in nodes] == [[], ["website"], ["newsarticle"], ["person"],
                                                           ["organization"], ["blogposting"]]
    assert [a["headline"] for a in jsonld.articles(nodes)] == ["A", "line\nbreak"]


def test_follows_the_page_entities_and_on_request_the_linked_ones():
    tree = fromstring(page('{"@type": "WebPage", "mainEntity": {"@type": "NewsArticle", "headline": "A"},'
                           ' "subjectOf": {"@type": "VideoObject"}}',
                           '{"@type": "ItemList", "itemListElement": [{"@type": "NewsArticle", "headline": "B"}]}'))
    assert [a["headline"] for a in jsonld.articles(jsonld.read(tree))] == ["A"]
    linked = jsonld.read(tree, follow=jsonld.LINKED_ENTITIES)
    assert [a["headline"] for a in jsonld.articles(linked)] == ["A", "B"]
    assert {"videoobject"} <= set().union(*map(jsonld.types_of, linked))


def test_types_lose_their_namespace_and_values_their_wrappers():
    assert jsonld.types_of({"@type": ["schema:NewsArticle", "http://schema.org/Article"]}) == {"newsarticle", "article"}
    assert jsonld.first_value([{"@value": " 2026-11-20 "}]) == "2026-11-20"
    assert jsonld.first_value([]) is None and jsonld.first_value({"x": 1}) is None


def test_metadata_dates_and_detection_agree_on_a_nested_article():
    block = ('{"@type": "WebPage", "mainEntity": {"@type": "ReportageNewsArticle", "headline": "Tram line opens",'
             ' "author": {"name": "Ana Prieto"}, "datePublished": "2026-03-02T08:00:00Z"}}')
    html = page(block, body="<h1>Tram line opens</h1>" + "<p>" + "The tram line opens to the east. " * 20 + "</p>")
    art = extract_article(html, "https://news.test/city/tram-line-opens-east")
    assert art.title == "Tram line opens" and art.authors == ("Ana Prieto",)
    assert art.published is not None and art.published.isoformat() == "2026-03-02T08:00:00+00:00"
    assert "jsonld:reportagenewsarticle+3" in classify(fromstring(html), "https://news.test/city/tram-line-opens-east").reasons
