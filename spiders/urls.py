"""URL canonicalisation: one spelling per page, so each article is fetched and emitted once.

News sites link the same article with tracking parameters (``utm_*``, ``fbclid``), session
ids, fragments, default ports, mixed-case hosts and with or without a trailing slash. The
request fingerprint is :func:`dedup_key` and the spider requests the :func:`canonicalize`
form. Pure functions, no Scrapy import; the default parameter list is the setting's.
"""

from __future__ import annotations

import fnmatch
import functools
import re
from collections.abc import Callable, Iterable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url as _w3lib_canonicalize

from crawler.items import site_of  # noqa: F401  (one definition of a site for every stage)

from crawler.settings import WIRECRAWL_STRIP_QUERY_PARAMS as DEFAULT_STRIP_PARAMS

DEFAULT_PORTS = {"http": 80, "https": 443}
_JSESSION_PATH = re.compile(r";jsessionid=[^/?#]*", re.IGNORECASE)


class ParamStripper:
    """Decides which query parameters are tracking/session noise, from ``*`` glob patterns.

    Args:
        patterns: glob patterns matched case-insensitively against parameter names,
            e.g. ``("utm_*", "fbclid")``.
    """

    __slots__ = ("_exact", "_globs")

    def __init__(self, patterns: Iterable[str] = DEFAULT_STRIP_PARAMS):
        exact, globs = set(), []
        for p in patterns:
            if not isinstance(p, str) or not p.strip():
                raise ValueError(f"query parameter pattern must be a non-empty string, got {p!r}")
            p = p.strip().lower()
            (globs.append(p) if any(c in p for c in "*?[") else exact.add(p))
        self._exact = frozenset(exact)
        self._globs = tuple(globs)

    def __call__(self, name: str) -> bool:
        """True when the parameter ``name`` should be removed."""
        n = name.lower()
        return n in self._exact or any(fnmatch.fnmatchcase(n, g) for g in self._globs)


_DEFAULT_STRIPPER = ParamStripper()


def canonicalize(url: str, strip: ParamStripper | None = None) -> str:
    """The canonical spelling of ``url``.

    Drops the fragment, tracking/session query parameters, the default port and
    ``;jsessionid=`` path parameters; lowercases scheme and host; sorts the remaining
    query parameters and normalises percent-encoding (w3lib). Non-HTTP URLs come back
    unchanged.

    Args:
        url: an absolute URL.
        strip: which parameters to remove; the default list when ``None``.

    Returns:
        The canonical URL string.
    """
    strip = strip or _DEFAULT_STRIPPER
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return url
    host = parts.hostname.lower().rstrip(".")
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    path = _JSESSION_PATH.sub("", parts.path) or "/"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not strip(k)]
    rebuilt = urlunsplit((scheme, netloc, path, urlencode(query), ""))
    return _w3lib_canonicalize(rebuilt, keep_fragments=False)


def dedup_key(url: str, strip: ParamStripper | None = None) -> str:
    """The key under which a URL is fetched at most once: canonical, trailing slash ignored.

    ``/a/b`` and ``/a/b/`` are the same page on every news site we know of; the root
    path keeps its slash.

    Args:
        url: an absolute URL.
        strip: which parameters to remove; the default list when ``None``.

    Returns:
        A string key (a URL, not necessarily one to fetch).
    """
    canon = canonicalize(url, strip)
    parts = urlsplit(canon)
    path = parts.path
    if len(path) > 1 and path.endswith("/"):
        path = path.rstrip("/") or "/"
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))


class UrlKeys:
    """:func:`canonicalize` and :func:`dedup_key` with one stripper, remembered per URL.

    Every page of a site links to the same navigation, footer and most-read pages, so most
    links a crawl reads are repeats, and each is canonicalised on the way to a request, to
    the emitted-page check and to the fingerprinter. This remembers the answers for the
    last ``size`` URLs of one component (the spider, the fingerprinter); it then starts
    afresh, so memory stays bounded.

    Args:
        strip: which parameters to remove; the default list when ``None``.
        size: how many URLs to remember (≥ 1).

    Raises:
        ValueError: ``size`` below 1 (the value is in the message).
    """

    def __init__(self, strip: ParamStripper | None = None, size: int = 50_000) -> None:
        if size < 1:
            raise ValueError(f"size ({size!r}) must be 1 or more")
        self.strip = strip
        self.size = size
        self._canonical: dict[str, str] = {}
        self._key: dict[str, str] = {}

    def canonical(self, url: str) -> str:
        """``canonicalize(url, strip)``."""
        return self._remember(self._canonical, url, canonicalize)

    def key(self, url: str) -> str:
        """``dedup_key(url, strip)``."""
        return self._remember(self._key, url, dedup_key)

    def _remember(self, memo: dict[str, str], url: str, fn: Callable[[str, ParamStripper | None], str]) -> str:
        got = memo.get(url)
        if got is None:
            if len(memo) >= self.size:
                memo.clear()
            got = memo[url] = fn(url, self.strip)
        return got


@functools.lru_cache(maxsize=1 << 16)
def is_http_url(url: str) -> bool:
    """True for an absolute ``http``/``https`` URL with a host.

    Remembered for the last 65,536 URLs: the spider asks for every link of every page, and
    most are the same navigation and most-read links again.
    """
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError:
        return False
    return parts.scheme.lower() in DEFAULT_PORTS and bool(parts.hostname)
