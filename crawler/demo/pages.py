"""HTML of the demo sites: article pages inside realistic templates, and every list page.

Each page carries what makes real scrapes hard: a cookie banner, a search form whose label
repeats ("Rechercher" twice), navigation, a "latest news" sidebar, share buttons, a
newsletter box, a footer, in-body "read more" lines, and on some sites a trailing teaser
that repeats the first paragraph. Two skins (``classic`` div soup, ``modern`` semantic
tags) and per-site switches (JSON-LD, metas, ``<time datetime>``) vary the markup.

``SitePages.routes()`` returns every fixed resource of one site; ``calendar()`` renders the
endless archive day pages on demand. Nothing here knows about sockets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from html import escape
from zoneinfo import ZoneInfo

from crawler.demo.article_page import article_head, article_main
from crawler.demo.locales import LABELS, MONTHS, visible_date
from crawler.demo.sites import Site
from crawler.demo.world import DemoArticle, DemoWorld, slugify

PAGE_SIZE = 3            # entries per section / news-list page
HOME_SIZE = 6            # latest articles on the homepage
SIDEBAR_SIZE = 5
NEWS_SLUG = {"fr": "actualites", "en": "latest", "de": "nachrichten", "es": "ultimas-noticias",
             "zh": "news", "ja": "news"}
AUTHOR_SLUG = {"fr": "auteur", "en": "author", "de": "autor", "es": "autor", "zh": "author",
               "ja": "author"}


@dataclass(frozen=True)
class Resource:
    """One HTTP answer: status, headers and body bytes."""

    status: int
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


def list_paths(site: Site, world: DemoWorld) -> dict[str, list[DemoArticle]]:
    """Every paginated list of a site: path of its first page -> articles, newest first."""
    arts = world.articles_of(site.key)
    lists = {f"/{NEWS_SLUG[site.language]}/": arts}
    for key, _ in site.sections:
        lists[f"/{key}/"] = [a for a in arts if a.section == key]
    return lists


def page_path(site: Site, first: str, n: int) -> str:
    """Path of page ``n`` of the list whose first page is ``first``."""
    if n == 1:
        return first
    return f"{first}?page={n}" if site.pagination == "query" else f"{first}page/{n}/"


def tag_path(tag: str) -> str:
    return f"/tag/{slugify(tag)}/"


def author_path(site: Site, name: str) -> str:
    return f"/{AUTHOR_SLUG[site.language]}/{slugify(name)}/"


def calendar_path(day: date) -> str:
    return f"/archive/{day:%Y/%m/%d}/"


class SitePages:
    """Renders one site served at ``base`` (``http://127.0.0.2:PORT``, no trailing slash)."""

    def __init__(self, world: DemoWorld, site: Site, base: str) -> None:
        self.world, self.site, self.base = world, site, base
        self.lab = LABELS[site.language]
        self.articles = world.articles_of(site.key)
        self.by_path = {a.path: a for a in self.articles}
        self.private = [p for p in world.private if p.site == site.key]
        self.bad = [b for b in world.bad if b.site == site.key]

    # --- resources -------------------------------------------------------------------
    def routes(self) -> dict[str, Resource]:
        """Every fixed path of the site (query included for ``?page=n``) -> resource."""
        r: dict[str, Resource] = {"/": self._html(self.home())}
        for a in self.articles + self.private:
            r[a.path] = self._article_resource(a)
            if a.alias:
                r[a.alias] = self._article_resource(a)
        for first, arts in list_paths(self.site, self.world).items():
            pages = max(1, -(-len(arts) // PAGE_SIZE))
            for n in range(1, pages + 1):
                r[page_path(self.site, first, n)] = self._html(self.listing(first, arts, n, pages))
        for tag in sorted({t for a in self.articles for t in a.tags}):
            arts = [a for a in self.articles if tag in a.tags]
            r[tag_path(tag)] = self._html(self.simple_list(f"{self.lab['tag_page']} {tag}", arts))
        for name in sorted({n for a in self.articles for n in a.authors}):
            arts = [a for a in self.articles if name in a.authors]
            r[author_path(self.site, name)] = self._html(
                self.simple_list(f"{self.lab['author_page']} {name}", arts))
        r["/about/"] = self._html(self.about())
        r["/search"] = self._html(self.search())
        for b in self.bad:
            r[b.path] = self._bad_resource(b)
        return r

    def not_found(self) -> Resource:
        main = f"<h1>{self.lab['not_found']}</h1>\n<p>{self.lab['not_found_text']}</p>"
        return Resource(404, self.wrap(self.lab["not_found"], main).encode())

    def _html(self, text: str) -> Resource:
        return Resource(200, text.encode("utf-8"))

    def _article_resource(self, a: DemoArticle) -> Resource:
        html = self.article(a)
        if a.quirk == "cp1252-meta-charset":
            # Declared only in <meta charset>: the HTTP header names no charset.
            return Resource(200, html.encode("cp1252", "xmlcharrefreplace"), "text/html")
        if a.quirk == "unclosed-html":
            html = re.sub(r"</(p|div|li|ul|article|section|main|aside|body|html)>", "", html)
            html = html.replace("<div class=\"share\">", "<div class=\"share\"<span>", 1)
        return Resource(200, html.encode("utf-8"))

    def _bad_resource(self, b) -> Resource:
        if b.kind == "404":
            return self.not_found()
        if b.kind == "500":
            main = f"<h1>{self.lab['error']}</h1>"
            return Resource(500, self.wrap(self.lab["error"], main).encode())
        if b.kind == "redirect-loop":
            other = b.path + "/" if not b.path.endswith("/") else b.path.rstrip("/")
            return Resource(302, b"", headers={"Location": other})
        if b.kind == "binary":
            return Resource(200, self.world.binary_body, "text/html")
        if b.kind == "empty":
            return Resource(200, b"")
        raise ValueError(f"unknown bad page kind {b.kind!r}")

    def redirect_partner(self) -> dict[str, Resource]:
        """The second half of each redirect loop (``/go/x/`` -> ``/go/x``)."""
        out = {}
        for b in self.bad:
            if b.kind == "redirect-loop":
                out[b.path + "/"] = Resource(302, b"", headers={"Location": b.path})
        return out

    # --- pages -----------------------------------------------------------------------
    def article(self, a: DemoArticle) -> str:
        """The article page of ``a`` (see ``article_page``)."""
        titles = {p: t.title for p, t in self.by_path.items()}
        main = article_main(self.site, self.lab, a, titles,
                            lambda n: author_path(self.site, n), tag_path)
        if self.site.teaser and len(a.paragraphs) >= 2:
            cut = a.paragraphs[1][:110].rsplit(" ", 1)[0]
            main += (f'\n<div class="teaser"><p>{escape(a.paragraphs[0], quote=False)}'
                     f"{escape(cut, quote=False)}...</p></div>")
        charset = "windows-1252" if a.quirk == "cp1252-meta-charset" else "utf-8"
        head = article_head(self.site, a, self.base + a.path)
        return self.wrap(a.title, main, head=head, charset=charset)

    def home(self) -> str:
        """Homepage: latest articles (some links tracked), plus the bad and private links."""
        entries = []
        for i, a in enumerate(self.articles[:HOME_SIZE]):
            href = a.alias or a.path
            if i % 2 == 0:
                href += "?utm_source=homepage&utm_medium=web&utm_campaign=une"
            entries.append(self._entry(a.title, href, a))
        for a in self.articles:
            if a.alias and a not in self.articles[:HOME_SIZE]:
                entries.append(self._entry(a.title, a.alias, a))
        for b in self.bad:
            entries.append(self._entry(b.title, b.path))
        for p in self.private:
            entries.append(self._entry(p.title, p.path))
        return self.wrap(self.site.name, "<h1 class=\"visually-hidden\">"
                         f"{escape(self.site.name)}</h1>\n" + "\n".join(entries), home=True)

    def listing(self, first: str, arts: list[DemoArticle], n: int, pages: int) -> str:
        """Page ``n`` of a paginated list (a section or the full news list)."""
        label = dict(self.site.sections).get(first.strip("/"), self.lab["all"])
        chunk = arts[(n - 1) * PAGE_SIZE: n * PAGE_SIZE]
        entries = [self._entry(a.title, a.path, a) for a in chunk]
        if n == 1 and first == f"/{NEWS_SLUG[self.site.language]}/":
            entries += [self._entry(b.title, b.path) for b in self.bad]
        nav = []
        if n > 1:
            nav.append(f'<a rel="prev" href="{page_path(self.site, first, n - 1)}">'
                       f'{self.lab["prev"]}</a>')
        if n < pages:
            nav.append(f'<a rel="next" href="{page_path(self.site, first, n + 1)}">'
                       f'{self.lab["next"]}</a>')
        title = label if n == 1 else f"{label} – {n}"
        main = (f"<h1>{escape(title)}</h1>\n" + "\n".join(entries)
                + f'\n<div class="pagination">{" ".join(nav)}</div>')
        return self.wrap(title, main)

    def simple_list(self, heading: str, arts: list[DemoArticle]) -> str:
        main = f"<h1>{escape(heading)}</h1>\n" + "\n".join(
            self._entry(a.title, a.path, a) for a in arts)
        return self.wrap(heading, main)

    def about(self) -> str:
        paras = self.lab["about_text"].format(name=self.site.name).split("|")
        main = f"<h1>{self.lab['about']}</h1>\n" + "\n".join(f"<p>{escape(p)}</p>" for p in paras)
        return self.wrap(self.lab["about"], main)

    def search(self) -> str:
        main = f"<h1>{self.lab['results']}</h1>\n<p>{self.lab['no_results']}</p>"
        return self.wrap(self.lab["results"], main)

    def calendar(self, day: date) -> str:
        """One day of the endless archive: that day's articles, links to the days around."""
        tz = ZoneInfo(self.site.tz)
        arts = [a for a in self.articles if a.published.astimezone(tz).date() == day]
        lang = self.site.language
        heading = f"{self.lab['archive']} – {day.day} {MONTHS[lang][day.month - 1]} {day.year}"
        nav = (f'<div class="pagination"><a rel="prev" href="{calendar_path(day - timedelta(1))}">'
               f'« {day - timedelta(1):%Y-%m-%d}</a> <a rel="next" '
               f'href="{calendar_path(day + timedelta(1))}">{day + timedelta(1):%Y-%m-%d} »</a></div>')
        main = (f"<h1>{escape(heading)}</h1>\n"
                + "\n".join(self._entry(a.title, a.path, a) for a in arts) + "\n" + nav)
        return self.wrap(heading, main)

    # --- template --------------------------------------------------------------------
    def _entry(self, title: str, href: str, a: DemoArticle | None = None) -> str:
        snippet = date_txt = ""
        if a is not None:
            words = a.paragraphs[0].split()
            short = (a.paragraphs[0][:40] if self.site.language in ("zh", "ja")
                     else " ".join(words[:18]))
            snippet = f'<p class="summary">{escape(short)}…</p>'
            date_txt = (f'<span class="date">'
                        f'{visible_date(a.published, self.site.date_style, self.site.tz)}</span>')
        return (f'<div class="teaser-item"><h2><a href="{escape(href)}">{escape(title)}</a></h2>'
                f"{snippet}{date_txt}</div>")

    def wrap(self, title: str, main: str, *, head: str = "", charset: str = "utf-8",
             home: bool = False) -> str:
        """Put ``main`` inside the site's template."""
        site, lab = self.site, self.lab
        full_title = escape(site.name if home else f"{title} - {site.name}")
        nav = [f'<li><a href="/">{lab["home"]}</a></li>']
        nav += [f'<li><a href="/{k}/">{escape(v)}</a></li>' for k, v in site.sections]
        nav.append(f'<li><a href="/{NEWS_SLUG[site.language]}/">{lab["all"]}</a></li>')
        side = []
        for i, a in enumerate(self.articles[:SIDEBAR_SIZE]):
            frag = "#xtor=AL-32280270" if i == 1 else ""
            side.append(f'<li><a href="{a.path}{frag}">{escape(a.title)}</a></li>')
        feed = {"rss": '<link rel="alternate" type="application/rss+xml" href="/rss.xml">',
                "atom": '<link rel="alternate" type="application/atom+xml" href="/feed.atom">',
                None: ""}[site.feed]
        footer_links = [f'<a href="/about/">{lab["about"]}</a>',
                        f'<a href="/about/#legal">{lab["legal"]}</a>',
                        f'<a href="/about/#contact">{lab["contact"]}</a>']
        if site.calendar:
            today = self.world.now.astimezone(ZoneInfo(site.tz)).date()
            footer_links.append(f'<a href="{calendar_path(today)}">{lab["archive"]}</a>')
        search = (f'<form class="search" action="/search" method="get"><label for="q">'
                  f'{lab["search"]}</label> <input type="text" id="q" name="q"> '
                  f'<button type="submit">{lab["search"]}</button></form>')
        cookie = f'{lab["cookie"]} <a href="#" class="btn">{lab["accept"]}</a>'
        newsletter = (f'<h3>{lab["newsletter_title"]}</h3><p>{lab["newsletter"]}</p>'
                      f'<form action="/newsletter" method="post"><input type="email" '
                      f'placeholder="{lab["email"]}"> <button>{lab["subscribe"]}</button></form>')
        footer = (f'<p>{" | ".join(footer_links)}</p>\n'
                  f'<p>© {self.world.now.year} {escape(site.name)}. {lab["rights"]}</p>')
        latest = f'<h3>{lab["latest"]}</h3>\n<ul>{"".join(side)}</ul>'
        top = (f'<!DOCTYPE html>\n<html lang="{site.language}">\n<head>\n'
               f'<meta charset="{charset}">\n<title>{full_title}</title>\n'
               f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
               f"{feed}\n{head}\n</head>\n")
        if site.skin == "modern":
            return (top + f'<body>\n<div class="consent">{cookie}</div>\n'
                    f'<header class="site-header">\n<a class="brand" href="/">{escape(site.name)}'
                    f"</a>\n{search}\n</header>\n<nav><ul>{''.join(nav)}</ul></nav>\n"
                    f'<main>\n{main}\n</main>\n<aside class="sidebar">\n{latest}\n</aside>\n'
                    f'<section class="newsletter">{newsletter}</section>\n'
                    f'<footer class="site-footer">\n{footer}\n</footer>\n</body>\n</html>\n')
        return (top + f'<body>\n<div id="cookie-banner">{cookie}</div>\n<div id="header">\n'
                f'<div class="logo"><a href="/">{escape(site.name)}</a></div>\n{search}\n</div>\n'
                f'<div id="nav"><ul>{"".join(nav)}</ul></div>\n<div id="wrapper">\n'
                f'<div id="content">\n{main}\n</div>\n<div id="sidebar">\n{latest}\n</div>\n'
                f'</div>\n<div class="newsletter-box">{newsletter}</div>\n'
                f'<div id="footer">\n{footer}\n</div>\n</body>\n</html>\n')

