"""The article title, never the site's name.

A page names its article several times (``<h1>``, ``og:title``, JSON-LD ``headline``,
``<title>``), each with its own noise: a logo ``<h1>``, " | Site" suffixes. The ``<h1>``
that another source confirms wins; otherwise the metadata titles lose the site suffix.
"""

from __future__ import annotations

import re
from typing import Iterable

from lxml.html import HtmlElement

from crawler.extract.metadata.jsonld import articles, types_of
from crawler.extract.metadata.tags import clean_space, meta_values


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


_SITE_TYPES = frozenset({"website", "organization", "newsmediaorganization"})  # their name is the site's


def find_title(tree: HtmlElement, metas: dict[str, list[str]], ld: list[dict], site: str) -> str | None:
    """The article title: a page ``<h1>`` confirmed by the metadata, else og/JSON-LD/<title>.

    The site name is never returned, and "Title | Site" / "Title - Site" lose the suffix.
    """
    site_names = meta_values(metas, "og:site_name", "application-name", "twitter:site")
    site_names += [site, site.split(":")[0], site.split(".")[0]]
    for item in ld:
        if types_of(item) & _SITE_TYPES and isinstance(item.get("name"), str):
            site_names.append(item["name"])
    names_cf = {n.casefold() for n in site_names if n}

    meta_titles = meta_values(metas, "og:title", "twitter:title")
    meta_titles += [a["headline"] for a in articles(ld) if isinstance(a.get("headline"), str)]
    doc_title = next((clean_space(t.text_content()) for t in tree.iter("title")), "")
    h1s = [clean_space(h.text_content()) for _, h in zip(range(5), tree.iter("h1"))]
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
        candidate = clean_space(candidate)
        if not candidate:
            continue
        stripped = clean_space(_strip_site_suffix(candidate, site_names))
        if stripped and stripped.casefold() not in names_cf:
            return stripped
    if h1s:
        return h1s[0]
    return None
