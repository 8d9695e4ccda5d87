"""Article metadata read from the page: site, canonical URL, title, authors, language, wire.

Dates are not here (``dates.py`` owns them). Everything works on the lxml tree parsed once
by ``core`` and on the cleaned text; nothing here fetches or raises on a bad page.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Iterable
from urllib.parse import urljoin, urlsplit

from lxml.etree import XPath
from lxml.html import HtmlElement


_SPACE = re.compile(r"\s+")


def _clean(text: str | None) -> str:
    return _SPACE.sub(" ", text or "").strip()


# --- site / canonical ------------------------------------------------------------------


def canonical_url(tree: HtmlElement, url: str) -> str | None:
    """The absolute URL of ``<link rel=canonical>``, or ``None``."""
    for link in tree.iter("link"):
        if "canonical" not in (link.get("rel") or "").lower().split():
            continue
        href = (link.get("href") or "").strip()
        if href and not href.startswith(("javascript:", "#")):
            absolute = urljoin(url, href)
            if urlsplit(absolute).scheme in ("http", "https"):
                return absolute
    return None


def meta_map(tree: HtmlElement) -> dict[str, list[str]]:
    """``<meta>`` contents by lower-cased ``property`` / ``name`` / ``itemprop`` / ``http-equiv``."""
    out: dict[str, list[str]] = {}
    for node in tree.iter("meta"):
        content = node.get("content")
        if not content:
            continue
        content = _clean(content)
        if not content:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = node.get(attr)
            if key:
                out.setdefault(key.strip().lower(), []).append(content)
    return out


def _meta(metas: dict[str, list[str]], *names: str) -> list[str]:
    out: list[str] = []
    for name in names:
        out.extend(metas.get(name.lower(), ()))
    return out


def json_ld(tree: HtmlElement) -> list[dict]:
    """The JSON-LD objects of the page, ``@graph`` flattened; broken blocks are skipped."""
    out: list[dict] = []
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(script)
        except (ValueError, TypeError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                out.append(item)
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])
    return out


_ARTICLE_TYPES = re.compile(r"Article|Posting|Report|Blog", re.IGNORECASE)


def _ld_articles(ld: list[dict]) -> list[dict]:
    out = []
    for item in ld:
        kind = item.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if any(isinstance(k, str) and _ARTICLE_TYPES.search(k) for k in kinds):
            out.append(item)
    return out


# --- title -----------------------------------------------------------------------------

_TITLE_SEPARATORS = re.compile(r"\s*:\s+|\s+(?:[|–—·•»]|-{1,2})\s+")


def _strip_site_suffix(title: str, site_names: Iterable[str]) -> str:
    names = {n.casefold() for n in site_names if n}
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    # drop a leading or trailing part that is the site name, or a short trailing brand
    while len(parts) > 1 and parts[-1].casefold() in names:
        parts.pop()
    seps = _TITLE_SEPARATORS.findall(title)
    if len(parts) == len(seps) + 1 and ":" not in seps[-1] and len(parts[-1].split()) <= 4 and len(parts[-1]) <= len(" ".join(parts[:-1])):
        parts.pop()  # no known name matched: a short trailing part is the brand
    while len(parts) > 1 and parts[0].casefold() in names:
        parts.pop(0)
    seps = _TITLE_SEPARATORS.findall(title)
    if len(parts) == 1:
        return parts[0]
    # rebuild with the original separators of the kept span
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip() if start >= 0 and end > start else " ".join(parts) if seps else title


def find_title(tree: HtmlElement, metas: dict[str, list[str]], ld: list[dict], site: str) -> str | None:
    """The article title: a page ``<h1>`` confirmed by the metadata, else og/JSON-LD/<title>.

    The site name is never returned, and "Title | Site" / "Title - Site" lose the suffix.
    """
    site_names = _meta(metas, "og:site_name", "application-name", "twitter:site")
    site_names += [site, site.split(":")[0], site.split(".")[0]]
    for item in ld:
        if item.get("@type") in ("WebSite", "Organization", "NewsMediaOrganization") and isinstance(item.get("name"), str):
            site_names.append(item["name"])
    names_cf = {n.casefold() for n in site_names if n}

    meta_titles = _meta(metas, "og:title", "twitter:title")
    meta_titles += [a["headline"] for a in _ld_articles(ld) if isinstance(a.get("headline"), str)]
    doc_title = next((_clean(t.text_content()) for t in tree.iter("title")), "")
    h1s = [_clean(h.text_content()) for _, h in zip(range(5), tree.iter("h1"))]
    h1s = [h for h in h1s if h and h.casefold() not in names_cf and len(h) > 3]

    refs_cf = [r.casefold() for r in meta_titles + [doc_title] if r]
    confirmed = [h for h in h1s if any(h.casefold() in r for r in refs_cf)]
    if len(confirmed) > 1:  # "Title | Site" confirms a logo <h1>Site</h1> too: drop the edge part
        for edge in (-1, 0):  # "Title | Site" is the common order, "Site: Title" the other
            parts = [_TITLE_SEPARATORS.split(r) for r in refs_cf]
            edges = {p[edge] for p in parts if len(p) > 1}
            kept = [h for h in confirmed if h.casefold() not in edges]
            if kept:
                confirmed = kept
                break
    if confirmed:
        return confirmed[0]
    for candidate in meta_titles + [doc_title]:
        candidate = _clean(candidate)
        if not candidate:
            continue
        stripped = _clean(_strip_site_suffix(candidate, site_names))
        if stripped and stripped.casefold() not in names_cf:
            return stripped
    if h1s:
        return h1s[0]
    return None


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
    raw = _clean(raw)
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
        text = _clean(node.text_content())
        if 0 < len(text) <= 160 and text not in out:
            out.append(text)
            if len(out) >= limit:
                break
    return out


def author_sources(metas: dict[str, list[str]], ld: list[dict]) -> list[str]:
    """Raw author strings from JSON-LD articles, else from ``<meta name=author>`` and kin."""
    raws: list[str] = []
    for art in _ld_articles(ld):
        author = art.get("author")
        for a in author if isinstance(author, list) else [author]:
            if isinstance(a, dict) and isinstance(a.get("name"), str):
                raws.append(a["name"])
            elif isinstance(a, str):
                raws.append(a)
    if not raws:
        raws = [v for v in _meta(metas, "author", "article:author", "dc.creator", "sailthru.author", "parsely-author") if not v.startswith("http")]
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


def _canon(w: str) -> str | None:
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
                canon = _canon(m.group("w"))
                if canon:
                    return canon
    for line in list(bylines) + lines[-2:]:
        m = _WIRE_ANYWHERE.search(line)
        if m and len(line) < 200:
            return _canon(m.group("w"))
    for raw in bylines:
        for part in _AUTHOR_SPLIT.split(_BY_PREFIX.sub("", raw)):
            canon = _canon(part.strip(" .()[]"))
            if canon:
                return canon
    return None


# --- language --------------------------------------------------------------------------

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


def find_language(tree: HtmlElement, metas: dict[str, list[str]], headers: dict[str, str], text: str) -> str | None:
    """ISO 639-1 code from ``<html lang>``, meta / Content-Language, og:locale, else the text."""
    root = tree.getroottree().getroot()
    for raw in (root.get("lang"), root.get("{http://www.w3.org/XML/1998/namespace}lang"), root.get("xml:lang")):
        if code := _code(raw):
            return code
    for raw in _meta(metas, "language", "content-language", "dc.language", "og:locale", "inLanguage"):
        if code := _code(raw.split(",")[0]):
            return code
    if code := _code((headers.get("content-language") or "").split(",")[0]):
        return code
    return guess_language(text)
