"""Hand-made pages in tests/fixtures/extract/: each <name>.html next to its expected <name>.json.

Every fixture shows one general pattern (search labels and teaser, read-more lines in the
body, a newsletter block appended, a body split across sibling containers, a story whose
lead alone sits in the marked body container and whose rest follows in plain blocks,
captions, bylines and a comment thread; a reader comment section in each supported language, named by
a heading only (en), a class (fr), an id in the site's language (de), ARIA (es), microdata
(it) or the platforms' containers (pt)); the expected fields are data, as in web-poet / fundus.
Only wirecrawl's output is asserted, never what plain trafilatura gets wrong on a page:
that changes with trafilatura's releases.
"""

import json
from pathlib import Path

import pytest

from crawler.extract import extract_article

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
CASES = sorted(p.stem for p in FIXTURES.glob("*.html"))


def load(name):
    return (FIXTURES / f"{name}.html").read_bytes(), json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


def test_fixture_folder_is_complete():
    assert len(CASES) >= 5
    for name in CASES:
        assert (FIXTURES / f"{name}.json").exists(), name


@pytest.mark.parametrize("name", CASES)
def test_fixture(name):
    html, expected = load(name)
    article = extract_article(html, expected["url"], {"Content-Type": "text/html; charset=utf-8"})
    assert article.reason is None
    assert article.text == expected["text"]
    for key in ("title", "language", "wire", "canonical_url"):
        if key in expected:
            assert getattr(article, key) == expected[key], key
    if "authors" in expected:
        assert list(article.authors) == expected["authors"]


def test_seed_page_body_is_exactly_nine_paragraphs():
    html, expected = load("seed_fr_syrie")
    article = extract_article(html, expected["url"])
    paragraphs = article.text.split("\n")
    assert len(paragraphs) == 9
    assert paragraphs[0].startswith("Les Etats-Unis et la Russie ont eu des échanges")
    assert paragraphs[-1].endswith("n'avaient pas été réglés\".")
    assert article.title == "Syrie: Washington veut garder la zone de \"désescalade\" sur l'Euphrate"
    assert article.title not in article.text
    assert article.language == "fr"
    assert article.site == "quotidien-levant.test"
    assert "Rechercher" not in article.text and "Dernières Infos" not in article.text
    assert "..." not in article.text
