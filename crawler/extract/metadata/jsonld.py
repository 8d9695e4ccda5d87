"""The page's JSON-LD (schema.org) objects.
"""

from __future__ import annotations

import json
import re

from lxml.html import HtmlElement


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
