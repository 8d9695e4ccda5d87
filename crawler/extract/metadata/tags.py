"""The page's ``<meta>`` and ``<link rel=canonical>`` tags, read once for every metadata field.

Title, authors and language all look at the same ``<meta>`` contents; ``meta_map``
collects them in one pass so each reader only looks keys up.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

_SPACE = re.compile(r"\s+")


def clean_space(text: str | None) -> str:
    """``text`` with runs of whitespace collapsed to one space and stripped (``""`` for ``None``)."""
    return _SPACE.sub(" ", text or "").strip()


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
        content = clean_space(content)
        if not content:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = node.get(attr)
            if key:
                out.setdefault(key.strip().lower(), []).append(content)
    return out


def meta_values(metas: dict[str, list[str]], *names: str) -> list[str]:
    """The contents of the metas named ``names`` (any case), in the order of ``names``."""
    out: list[str] = []
    for name in names:
        out.extend(metas.get(name.lower(), ()))
    return out
