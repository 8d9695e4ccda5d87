"""Who wrote the article: author names and the wire agency it credits.

Authors come from JSON-LD, then author metas, then a byline near the headline; a wire
agency ("PARIS (AFP) -", "(Reuters) —") only from credit positions of the body and the
bylines. Agencies are never returned as authors.
"""

from __future__ import annotations

import re
from typing import Iterable

from lxml.etree import XPath
from lxml.html import HtmlElement

from crawler.extract.metadata.jsonld import articles
from crawler.extract.metadata.tags import clean_space, meta_values


# --- authors ---------------------------------------------------------------------------

_BY_PREFIX = re.compile(
    r"^\s*(?:(?i:written\s+by|posted\s+by|reported\s+by|story\s+by|text\s+by|by|par|von|por|door|autor(?:in)?|auteur|author)|di|av|af)\s*[:\-]?\s+"
)
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\bet\b|\bund\b|\by\b|\be\b|/|\|)\s*", re.IGNORECASE)
_NOT_NAME = re.compile(r"@|https?:|www\.|\d|\b(?:staff|team|redaktion|rédaction|redacción|editor|editorial|admin|desk|newsroom|correspondent|updated|published)\b", re.IGNORECASE)


def split_authors(raw: str, *, wires: Iterable[str] = ()) -> list[str]:
    """Names from a byline: prefix ("By", "Par", "Von"...) dropped, "A and B" split, agencies out.

    >>> split_authors("By Jane Doe and John Roe, with AFP")
    ['Jane Doe', 'John Roe']
    """
    raw = clean_space(raw)
    raw = _BY_PREFIX.sub("", raw)
    raw = re.sub(r"\s*[\(\[].*?[\)\]]", "", raw)  # "(AFP)", "[Reuters]"
    raw = re.sub(r"\b(?:with|avec|mit|con|com)\s+(?:\w+\s+)?(?:agencies|agences|agenturen|agencias|" + "|".join(re.escape(w) for w in WIRE_NAMES) + r")\b.*$", "", raw, flags=re.IGNORECASE)
    names = []
    wire_cf = {w.casefold() for w in WIRE_NAMES} | {w.casefold() for w in wires} | {k for k in _WIRE_ALIASES}
    for part in _AUTHOR_SPLIT.split(raw):
        part = _BY_PREFIX.sub("", part).strip(" .-–—:")
        if not part or part.casefold() in wire_cf:
            continue
        if _NOT_NAME.search(part) or len(part.split()) > 5 or len(part) < 3:
            continue
        names.append(part)
    return names


_BYLINE_CLASS = re.compile(r"byline|author|autor|auteur|signature|credit|dateline|firma|verfasser", re.IGNORECASE)
_NEAR_TITLE = XPath("(//h1)[1]/preceding::*[position() <= 15] | (//h1)[1]/following::*[position() <= 40]")
_FIRST_CLASSED = XPath("(//body//*[@class])[position() <= 300]")
_ANYWHERE = XPath("//*[@itemprop='author' or @rel='author']")
_SKIP = frozenset(("script", "style", "body", "html", "article", "main", "section", "head", "noscript"))


def find_bylines(tree: HtmlElement, limit: int = 3) -> list[str]:
    """The raw texts of the first byline-like elements ("Par AFP - Publié le ...").

    Looked for around the first ``<h1>`` (where bylines sit) by class name, plus anything
    marked ``itemprop=author`` / ``rel=author``; a whole-document class search is costly.
    """
    out: list[str] = []
    near = _NEAR_TITLE(tree) or _FIRST_CLASSED(tree)  # no <h1>: the first classed elements
    nodes = [n for n in near if _BYLINE_CLASS.search(n.get("class") or "")] + _ANYWHERE(tree)
    for node in nodes:
        if not isinstance(node.tag, str) or node.tag in _SKIP:
            continue
        text = clean_space(node.text_content())
        if 0 < len(text) <= 160 and text not in out:
            out.append(text)
            if len(out) >= limit:
                break
    return out


def author_sources(metas: dict[str, list[str]], ld: list[dict]) -> list[str]:
    """Raw author strings from JSON-LD articles, else from ``<meta name=author>`` and kin."""
    raws: list[str] = []
    for art in articles(ld):
        author = art.get("author")
        for a in author if isinstance(author, list) else [author]:
            if isinstance(a, dict) and isinstance(a.get("name"), str):
                raws.append(a["name"])
            elif isinstance(a, str):
                raws.append(a)
    if not raws:
        raws = [v for v in meta_values(metas, "author", "article:author", "dc.creator", "sailthru.author", "parsely-author") if not v.startswith("http")]
    return raws


def find_authors(raws: list[str]) -> tuple[str, ...]:
    """Author names from raw author strings or bylines (``author_sources`` / ``find_bylines``)."""
    names: list[str] = []
    seen: set[str] = set()
    for raw in raws:
        for name in split_authors(_BYLINE_TAIL.sub("", raw)):
            if name.casefold() not in seen:
                seen.add(name.casefold())
                names.append(name)
    return tuple(names[:10])


# "Par X - Publié le ...", "By X | Updated ...": the date part of a byline
_BYLINE_TAIL = re.compile(r"\s*(?:[-–—|,•·]\s*)?(?:publié|published|posted|updated|mis à jour|actualizado|publicado|veröffentlicht|aktualisiert|am \d|le \d|on \d|\d{1,2}[./]\d{1,2}[./]\d{2,4}).*$", re.IGNORECASE)


# --- wire agency -----------------------------------------------------------------------

WIRE_NAMES = (
    "AFP", "AP", "Reuters", "dpa", "ANSA", "EFE", "Belga", "ATS", "Europa Press", "Kyodo", "PA",
    "APA", "SDA", "KNA", "epd", "AAP", "UPI", "Xinhua", "TASS", "Anadolu", "Yonhap", "Lusa", "ANP",
    "NTB", "TT", "PAP", "ČTK", "CP", "Bloomberg", "AGI", "Adnkronos", "Notimex", "Sputnik", "IANS", "PTI",
)
_WIRE_ALIASES = {
    "agence france-presse": "AFP", "agence france presse": "AFP", "associated press": "AP",
    "the associated press": "AP", "deutsche presse-agentur": "dpa", "thomson reuters": "Reuters",
    "press association": "PA", "pa media": "PA", "kyodo news": "Kyodo", "agencia efe": "EFE",
    "agence belga": "Belga", "agence télégraphique suisse": "ATS", "australian associated press": "AAP",
    "the canadian press": "CP", "canadian press": "CP", "press trust of india": "PTI",
}
_WIRE_CANON = {w.casefold(): w for w in WIRE_NAMES} | _WIRE_ALIASES
_WIRE_ALT = "|".join(sorted((re.escape(w) for w in list(WIRE_NAMES) + [a.title() for a in _WIRE_ALIASES] + list(_WIRE_ALIASES)), key=len, reverse=True))
# Credits in the text: "PARIS (AFP) -", "(Reuters) —", "— dpa", "(AP Photo...)" is not a credit.
_WIRE_PATTERNS = (
    re.compile(rf"\((?P<w>{_WIRE_ALT})(?:/[^)]{{1,30}})?\)\s*[-–—:]", re.IGNORECASE),
    re.compile(rf"^[A-ZÀ-Ý][\w .'’-]{{1,40}}\s*\((?P<w>{_WIRE_ALT})\)"),
    re.compile(rf"(?:^|\s)[-–—]\s*(?P<w>{_WIRE_ALT})\s*$"),
    re.compile(rf"^\s*(?:©|\(c\)|copyright|source\s*:|quelle\s*:|fuente\s*:|avec|with|mit|con|by|par|von|por|di)\s*(?:\w+\s+)?(?P<w>{_WIRE_ALT})\b", re.IGNORECASE),
    re.compile(rf"^\s*\(?(?P<w>{_WIRE_ALT})\)?\s*$"),
)
_WIRE_ANYWHERE = re.compile(r"\b(?P<w>agence france-presse|agence france presse|associated press|deutsche presse-agentur)\b", re.IGNORECASE)


def wire_name(w: str) -> str | None:
    """The canonical name of the wire agency ``w`` names ("Agence France-Presse" -> "AFP"), or ``None``."""
    return _WIRE_CANON.get(w.casefold())


def find_wire(text: str, bylines: Iterable[str] = ()) -> str | None:
    """The wire agency the article credits ("PARIS (AFP) -", "(Reuters) —", "— dpa"), or ``None``.

    Only credit positions count: the first and last lines of the body and the bylines; an
    agency merely mentioned in a sentence is not a credit.
    """
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    candidates = list(bylines) + lines[:2] + lines[-2:]
    for line in candidates:
        head = line[:200]
        for pat in _WIRE_PATTERNS:
            m = pat.search(head) or (pat.search(line[-80:]) if len(line) > 200 else None)
            if m:
                canon = wire_name(m.group("w"))
                if canon:
                    return canon
    for line in list(bylines) + lines[-2:]:
        m = _WIRE_ANYWHERE.search(line)
        if m and len(line) < 200:
            return wire_name(m.group("w"))
    for raw in bylines:
        for part in _AUTHOR_SPLIT.split(_BY_PREFIX.sub("", raw)):
            canon = wire_name(part.strip(" .()[]"))
            if canon:
                return canon
    return None
