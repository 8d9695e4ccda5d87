"""From fetched bytes to a parsed tree, refusing what cannot be an HTML page.

A crawl fetches PDFs, images, JSON and empty bodies under article-looking URLs; they are
recognised here, from the first bytes and the ``Content-Type``, before any parsing, so
the extractor answers with a ``reason`` instead of a garbage body. ``looks_binary`` is
also the spider's check on feeds and sitemaps (``spiders.feeds``).
"""

from __future__ import annotations

import json
import logging
import re
from typing import Mapping

from lxml.html import HtmlElement
from trafilatura.utils import load_html
from w3lib.encoding import html_to_unicode

logger = logging.getLogger(__name__)

# File signatures of archives, images, audio, fonts and office files.
_BINARY_MAGIC = (b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\x1f\x8b", b"RIFF", b"OggS",
                 b"ID3", b"BZh", b"7z\xbc\xaf", b"Rar!", b"\xd0\xcf\x11\xe0", b"wOF")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\f\x1b")
_NOT_HTML_TYPES = re.compile(r"^(?:application/(?:pdf|json|octet-stream|zip|gzip|x-|msword|vnd\.)|image/|audio/|video/|font/|text/(?:css|javascript|csv|plain))", re.I)
_HTML_TAG = re.compile(r"<(?:html|head|body|p|div|article|title|meta|h[1-6]|span|br|section|main|table)\b", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


def _guess_encoding(body: bytes) -> str:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def looks_binary(head: bytes) -> bool:
    """True for bytes no text document starts with: a binary file signature, a NUL, or
    over 5 % control characters in the first 4 KiB.

    UTF-16 text (which has NULs) is told apart by its byte-order mark. A PDF's header is
    text (``%PDF-1.7``); its binary parts are what give it away here.

    Args:
        head: the first bytes of the body (a few KiB are enough).
    """
    if head[:2] in _UTF16_BOMS:
        return False
    if head.lstrip().startswith(_BINARY_MAGIC) or b"\x00" in head:
        return True
    sample = head[:4096]
    return bool(sample) and sum(sample.count(c) for c in _CONTROL_BYTES) > 0.05 * len(sample)


def decode_html(html: str | bytes, headers: Mapping[str, str]) -> str:
    """The page as text: header charset, then ``<meta>`` / BOM, then a UTF-8 / cp1252 guess."""
    if isinstance(html, str):
        return html
    _, text = html_to_unicode(headers.get("content-type"), html, auto_detect_fun=_guess_encoding)
    return text


def _is_json(payload: str | bytes) -> bool:
    """Whether the whole payload is one JSON document (an API answer with HTML in its strings)."""
    try:
        json.loads(payload)
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        return False
    return True


def not_html_reason(html: str | bytes, headers: Mapping[str, str]) -> str | None:
    """``"empty-page"`` / ``"not-html"`` when the payload cannot be an HTML page, else ``None``."""
    head = html[:2048]
    if not head.strip():
        return "empty-page"
    if isinstance(head, bytes):
        if head.lstrip().startswith(b"%PDF") or looks_binary(head):
            return "not-html"
    elif head.lstrip().startswith("%PDF") or head.count("\x00") > 4:
        return "not-html"
    ctype = headers.get("content-type", "")
    if ctype and _NOT_HTML_TYPES.match(ctype.strip()) and "html" not in ctype.lower():
        return "not-html"
    text = head if isinstance(head, str) else head.decode("latin-1")
    first = text.lstrip("\ufeff \t\r\n")[:1]
    if first in "{[" and (not _HTML_TAG.search(text) or _is_json(html)):
        return "not-html"
    if len(_CONTROL.findall(text)) > 0.05 * len(text):
        return "not-html"
    if not _HTML_TAG.search(html[:200_000] if isinstance(html, str) else html[:200_000].decode("latin-1")):
        return "not-html"
    return None


def parse(text: str, url: str) -> HtmlElement | None:
    """The page's one lxml tree (trafilatura's loader), or ``None`` when it cannot be parsed."""
    try:
        return load_html(text)
    except Exception as exc:  # lxml raises a zoo of errors on hostile input
        logger.debug("unparsable page %s: %r", url, exc)
        return None
