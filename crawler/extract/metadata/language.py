"""The page's language, as an ISO 639-1 code, and its declared locale (for reading dates).

Declared languages (``<html lang>``, metas, ``Content-Language``) first; a stopword vote
over the cleaned text only when the page declares none.
"""

from __future__ import annotations

import re
from collections import Counter

from lxml.html import HtmlElement

from crawler.extract.metadata.tags import meta_values


_LANG_CODE = re.compile(r"^\s*([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]+)*\s*$")
_STOPWORDS = {
    "en": "the and of to in is that for it was on with as by at from this be are have has",
    "fr": "le la les des et un une du est dans pour que qui sur au par pas avec il ont été",
    "de": "der die und das ist nicht den mit sich des auf für ein eine dem im von zu wurde auch",
    "es": "el la los las de que y en un una por con para del se al es lo como más",
    "it": "il di che la e un una per non sono del della con si le gli anche è nel",
    "pt": "o a os as de que e em um uma para com não do da no na por mais foi",
    "nl": "de het een en van is dat op te in niet zijn met voor er ook aan",
}
_STOP_TABLE = {lang: set(words.split()) for lang, words in _STOPWORDS.items()}


def _code(raw: str | None) -> str | None:
    m = _LANG_CODE.match(raw or "")
    if not m:
        return None
    code = m.group(1).lower()
    return code if len(code) == 2 else None


def guess_language(text: str) -> str | None:
    """A cheap stopword vote among a few European languages; ``None`` when unsure."""
    words = re.findall(r"[^\W\d_]+", text[:4000].casefold())
    if len(words) < 20:
        return None
    counts = Counter(words)
    scores = {lang: sum(counts[w] for w in stops) for lang, stops in _STOP_TABLE.items()}
    best = max(scores, key=scores.get)
    ranked = sorted(scores.values(), reverse=True)
    if ranked[0] < 0.08 * len(words) or ranked[0] < 1.3 * ranked[1]:
        return None
    return best


def _declared(tree: HtmlElement, metas: dict[str, list[str]], headers: dict[str, str]):
    """The language tags the page declares, most trusted first: ``<html lang>`` (or
    ``xml:lang``), the metas and og:locale, then the ``Content-Language`` header."""
    root = tree.getroottree().getroot()
    yield from (root.get("lang"), root.get("{http://www.w3.org/XML/1998/namespace}lang"), root.get("xml:lang"))
    for raw in meta_values(metas, "language", "content-language", "dc.language", "og:locale", "inLanguage"):
        yield raw.split(",")[0]
    yield (headers.get("content-language") or "").split(",")[0]


def find_language(tree: HtmlElement, metas: dict[str, list[str]], headers: dict[str, str], text: str) -> str | None:
    """ISO 639-1 code from ``<html lang>``, meta / Content-Language, og:locale, else the text."""
    for raw in _declared(tree, metas, headers):
        if code := _code(raw):
            return code
    return guess_language(text)


def find_locale(tree: HtmlElement, metas: dict[str, list[str]], headers: dict[str, str],
                language: str | None) -> str | None:
    """The declared tag of ``language`` with its region ("en-GB", "en_AU", "pt-BR"), or ``None``.

    The region decides how numeric dates read: "02/10/2020" is 2 October on a British page
    and February 10 on an American one.
    """
    for raw in _declared(tree, metas, headers):
        tag = (raw or "").strip().replace("_", "-")
        if "-" in tag and _code(tag) == language:
            return tag
    return None
