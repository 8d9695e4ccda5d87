"""The article block of a demo page: head metadata, headline, byline, date, body, extras.

Three templates: ``modern`` (``<article>``, ``<header>``, a ``<section>`` body), ``classic``
(div soup) and ``bare`` (sites with the ``bare`` trait: no ``<article>``, no metadata in
the head, a ``<time>`` without ``datetime`` or a plain date line). Sites with ``ads`` split
the body into two sibling blocks around an ad block; sites with ``comments`` put a reader
comment section with its form below the body. The page chrome around the block is
``pages.SitePages.wrap``'s.
"""

from __future__ import annotations

import json
from html import escape
from typing import Callable
from zoneinfo import ZoneInfo

from crawler.demo.locales import visible_date
from crawler.demo.sites import Site
from crawler.demo.world import DemoArticle


def iso_local(instant, site: Site) -> str:
    """``instant`` in the site's local time, with its offset (``2026-11-20T14:32:00+01:00``)."""
    return instant.astimezone(ZoneInfo(site.tz)).isoformat()


def article_head(site: Site, a: DemoArticle, url: str) -> str:
    """The ``<head>`` metadata of an article page (none on bare sites, but an alias's canonical)."""
    head = []
    if not site.bare:
        head += ['<meta property="og:type" content="article">',
                 f'<meta property="og:title" content="{escape(a.title)}">',
                 f'<meta name="description" content="{escape(a.paragraphs[0][:150])}">']
    if site.meta or site.jsonld or a.alias:
        head.append(f'<link rel="canonical" href="{url}">')
    if site.meta:
        head.append(f'<meta property="article:published_time" '
                    f'content="{iso_local(a.published, site)}">')
        if a.modified:
            head.append(f'<meta property="article:modified_time" '
                        f'content="{iso_local(a.modified, site)}">')
        head.extend(f'<meta name="author" content="{escape(n)}">' for n in a.authors)
    if site.jsonld:
        ld = {"@context": "https://schema.org", "@type": "NewsArticle",
              "headline": a.title, "datePublished": iso_local(a.published, site),
              "inLanguage": site.language, "mainEntityOfPage": url,
              "author": [{"@type": "Person", "name": n} for n in a.authors],
              "publisher": {"@type": "Organization", "name": site.name}}
        if a.modified:
            ld["dateModified"] = iso_local(a.modified, site)
        head.append('<script type="application/ld+json">'
                    + json.dumps(ld, ensure_ascii=False) + "</script>")
    return "\n".join(head)


def article_main(site: Site, lab: dict[str, str], a: DemoArticle, titles: dict[str, str],
                 author_link: Callable[[str], str], tag_link: Callable[[str], str]) -> str:
    """The article block: headline, byline, dates, body (maybe split), tags, comments.

    Args:
        site: the outlet.
        lab: its labels (``locales.LABELS[site.language]``).
        a: the article.
        titles: ``{path: title}`` of the site's articles, for in-body "read more" lines.
        author_link: an author's name -> the path of their page.
        tag_link: a tag -> the path of its page.
    """
    pub = f"{lab['published']} {visible_date(a.published, site.date_style, site.tz)}"
    upd = (f"{lab['updated']} {visible_date(a.modified, site.date_style, site.tz)}"
           if a.modified else "")
    if site.meta:
        pub = f'<time datetime="{iso_local(a.published, site)}">{pub}</time>'
        if upd:
            upd = f'<time datetime="{iso_local(a.modified, site)}">{upd}</time>'
    byline = escape(a.byline)
    for n in a.authors:
        byline = byline.replace(escape(n), f'<a href="{author_link(n)}">{escape(n)}</a>')
    tags = " ".join(f'<a href="{tag_link(t)}">{escape(t)}</a>' for t in a.tags)
    body = _body(site, lab, a, titles)
    comments = _comments(site, lab, a)
    lead = ""
    if a.lead_apart:  # each template names its standfirst its own way
        cls = "entry-summary" if site.bare else ("standfirst" if site.skin == "modern" else "chapo")
        lead = f'<p class="{cls}">{escape(a.paragraphs[0], quote=False)}</p>\n'

    if site.bare:
        date = (f"<time>{pub}</time>" if site.skin == "modern"
                else f'<p class="dateline">{pub}</p>')
        if upd:
            date += f' <span class="upd">{upd}</span>'
        return (f'<div class="entry">\n<h1>{escape(a.title)}</h1>\n{lead}'
                f'<div class="entry-meta"><span class="by">{byline}</span></div>\n{date}\n'
                f'<div class="entry-content">\n{body}\n</div>\n'
                f'<div class="entry-tags">{lab["tags"]} {tags}</div>\n</div>' + comments)
    if site.skin == "modern":
        return (f'<article class="story">\n<header>\n<h1>{escape(a.title)}</h1>\n{lead}'
                f'<div class="meta"><span class="author">{byline}</span> · {pub}'
                + (f" · {upd}" if upd else "") + "</div>\n</header>\n"
                f'<div class="share">{lab["share"]}</div>\n'
                f'<section class="story-body">\n{body}\n</section>\n'
                f'<footer class="tags">{lab["tags"]} {tags}</footer>{comments}\n</article>')
    return (f'<div class="article">\n<h1 class="title">{escape(a.title)}</h1>\n{lead}'
            f'<p class="byline">{byline}</p>\n<p class="date">{pub}</p>\n'
            + (f'<p class="date updated">{upd}</p>\n' if upd else "")
            + f'<div class="share">{lab["share"]}</div>\n'
            f'<div class="article-body">\n{body}\n</div>\n'
            f'<p class="tags">{lab["tags"]} {tags}</p>\n</div>' + comments)


def _body(site: Site, lab: dict[str, str], a: DemoArticle, titles: dict[str, str]) -> str:
    """The body paragraphs (and "read more" lines), in two blocks around an ad if any; the
    first paragraph is not among them when it is set apart as the lead."""
    links = dict(a.read_more)
    blocks: list[list[str]] = [[]]
    start = 1 if a.lead_apart else 0
    for i, p in enumerate(a.paragraphs[start:], start):
        blocks[-1].append(f"<p>{escape(p, quote=False)}</p>")
        if i in links and links[i] in titles:
            blocks[-1].append(f'<p class="read-more"><strong>{lab["read_more"]}</strong> '
                              f'<a href="{links[i]}">{escape(titles[links[i]])}</a></p>')
        if i == a.ad_after:
            blocks.append([])
    if len(blocks) == 1:
        return "\n".join(blocks[0])
    ad = (f'<div class="ad ad-inread" data-slot="inread-1"><span class="ad-label">{lab["ad"]}'
          f'</span>\n<p><a href="/abonnement/?from=inread">{escape(lab["ad_text"])}</a></p></div>')
    first, second = ("\n".join(b) for b in blocks)
    return (f'<div class="text-block">\n{first}\n</div>\n{ad}\n'
            f'<div class="text-block">\n{second}\n</div>')


def _comments(site: Site, lab: dict[str, str], a: DemoArticle) -> str:
    """The reader comment section and its form (sites with ``comments``), or ``""``."""
    if not site.comments or a.quirk is not None:
        return ""
    n = len(a.comments)
    heading = (lab["comments"].format(n=n) if n != 1 else lab["comment_one"]) if n else ""
    items = "\n".join(
        f'<li class="comment"><p class="comment-meta"><strong>{escape(c.author)}</strong> · '
        f"{visible_date(c.posted, site.date_style, site.tz)}</p>\n"
        f"<p>{escape(c.text, quote=False)}</p></li>" for c in a.comments)
    thread = (f"<h2>{heading}</h2>\n<ol class=\"comment-list\">\n{items}\n</ol>" if n
              else f'<p class="no-comments">{lab["no_comments"]}</p>')
    form = (f'<h3>{lab["comment_form"]}</h3>\n<form action="/comment" method="post">'
            f'<textarea name="comment"></textarea> <button type="submit">{lab["post"]}'
            "</button></form>")
    return f'\n<section id="comments" class="comments">\n{thread}\n{form}\n</section>'


def absent_texts(site: Site, lab: dict[str, str], a: DemoArticle) -> list[str]:
    """Texts on the article page that must never reach its body: the ad, the comments."""
    out = [lab["ad_text"]] if a.ad_after is not None else []
    if site.comments and a.quirk is None:
        out += [c.text for c in a.comments] or [lab["no_comments"]]
    return out
