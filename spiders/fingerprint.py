"""The request fingerprint of a crawl: one fingerprint per page, however its URL is spelled.

Scrapy's dupefilter (and scrapy-redis's, which a distributed crawl shares) drops a request
whose fingerprint it has seen. :class:`CanonicalFingerprinter` fingerprints by the page key
of :func:`spiders.urls.dedup_key` — tracking parameters (``WIRECRAWL_STRIP_QUERY_PARAMS``),
fragment, default port, host case and trailing slash ignored — plus the method and body,
as Scrapy's default fingerprinter does. Register it as ``REQUEST_FINGERPRINTER_CLASS``.
"""

from __future__ import annotations

import hashlib
from typing import Any
from weakref import WeakKeyDictionary

from spiders.urls import ParamStripper, UrlKeys


class CanonicalFingerprinter:
    """``REQUEST_FINGERPRINTER_CLASS`` keyed on :func:`spiders.urls.dedup_key`.

    Args:
        strip: which query parameters are noise (tracking / session ids).
    """

    def __init__(self, strip: ParamStripper):
        self.strip = strip
        self._keys = UrlKeys(strip)
        self._cache: WeakKeyDictionary[Any, bytes] = WeakKeyDictionary()

    @classmethod
    def from_crawler(cls, crawler: Any) -> "CanonicalFingerprinter":
        return cls(ParamStripper(crawler.settings.getlist("WIRECRAWL_STRIP_QUERY_PARAMS")))

    def fingerprint(self, request: Any) -> bytes:
        """The 20-byte fingerprint of ``request`` (method, page key, body)."""
        cached = self._cache.get(request)
        if cached is None:
            digest = hashlib.sha1(usedforsecurity=False)
            for part in (request.method.upper().encode(), self._keys.key(request.url).encode(),
                         request.body or b""):
                digest.update(len(part).to_bytes(8, "big"))
                digest.update(part)
            cached = self._cache[request] = digest.digest()
        return cached
