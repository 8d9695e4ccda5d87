"""Which outlets of a world carry which of the web's awkward traits, drawn from the seed.

A crawler tuned on nine fixed outlets learns their quirks, not the web's. So each world
draws, from its seed alone, which outlets:

- are ``bare``: no JSON-LD, no ``og:*``, no ``<article>``, no ``<time datetime>`` and no
  date in the URL; only an h1, a byline, a visible date and paragraphs;
- split bodies around an ad (``ads``): two sibling text blocks with an ad block between;
- have reader ``comments`` below the body;
- print naive local times and state their zone only in their feed (``zone_in_feed``);
  the crawler is not told their zone and must learn it;
- publish short ``briefs`` (3-4 short paragraphs, listed in their feed);
- set a story's first paragraph apart under the headline (``lead``: a standfirst, "chapo",
  outside the body's container), which is still the story's opening;

and which of the Chinese and Japanese outlets joins (``CJK_SITES``, alternating by seed,
so any two consecutive seeds cover both). Every trait lands on one to three outlets in
every seed, so a test crawling a few seeds meets each trait on several outlets.
"""

from __future__ import annotations

import random
from dataclasses import replace

from crawler.demo.locales import ZONED_STYLES
from crawler.demo.sites import CJK_SITES, SITES, Site

TRAITS = ("bare", "ads", "comments", "zone_in_feed", "briefs", "lead")


def draw_sites(seed: int) -> tuple[Site, ...]:
    """The outlets of the world of ``seed``, each with its traits switched on or off.

    Deterministic: the same seed gives the same sites.
    """
    rng = random.Random(f"demo-traits-{seed}")
    sites = {s.key: s for s in SITES + (CJK_SITES[seed % len(CJK_SITES)],)}
    keys = list(sites)

    def pick(candidates: list[str], low: int, high: int) -> list[str]:
        return sorted(rng.sample(candidates, min(len(candidates), rng.randint(low, high))))

    # A zone stated only in the feed: a feed site whose visible date names no zone; its
    # pages lose every machine-readable date.
    naive = [k for k in keys if sites[k].feed and sites[k].date_style not in ZONED_STYLES]
    for k in pick(naive, 1, 2):
        sites[k] = replace(sites[k], zone_in_feed=True, jsonld=False, meta=False)
    for k in pick(keys, 1, 2):
        s = sites[k]
        sites[k] = replace(s, bare=True, jsonld=False, meta=False,
                           path_style="section-id" if s.path_style == "dated" else s.path_style)
    for k in pick(keys, 2, 3):
        sites[k] = replace(sites[k], ads=True)
    for k in pick(keys, 2, 3):
        sites[k] = replace(sites[k], comments=True)
    for k in pick([k for k in keys if sites[k].feed], 1, 2):
        sites[k] = replace(sites[k], briefs=rng.randint(1, 2))
    for k in pick(keys, 1, 2):  # drawn last: the earlier traits of a seed stay as they were
        sites[k] = replace(sites[k], lead=True)
    return tuple(sites[k] for k in keys)


def traits_of(site: Site) -> tuple[str, ...]:
    """The names of the traits ``site`` carries (a subset of ``TRAITS``)."""
    return tuple(t for t in TRAITS if getattr(site, t))
