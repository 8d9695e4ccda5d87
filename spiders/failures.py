"""Why a request failed, as a stats key fragment, told by the exception's type.

The spider's errback counts each failure under ``wirecrawl/error/<kind>``. Scrapy ≥ 2.14
wraps Twisted's download errors in its own; both are recognised.
"""

from __future__ import annotations

from scrapy.exceptions import (CannotResolveHostError, DownloadConnectionRefusedError,
                               DownloadFailedError, DownloadTimeoutError, IgnoreRequest,
                               ResponseDataLossError)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import (ConnectError, ConnectionLost, ConnectionRefusedError, DNSLookupError,
                                    TCPTimedOutError, TimeoutError)
from twisted.web._newclient import ResponseFailed

from crawler.exceptions import (ListedUnchanged, NotModified, RedirectLoop, RobotsForbidden,
                                TooManyRedirects)

_KINDS = (
    ((DNSLookupError, CannotResolveHostError), "dns"),
    ((TimeoutError, TCPTimedOutError, DownloadTimeoutError), "timeout"),
    ((ConnectionRefusedError, DownloadConnectionRefusedError), "connection_refused"),
    ((ConnectionLost, ResponseFailed, DownloadFailedError, ResponseDataLossError), "connection_lost"),
    ((ConnectError,), "connect_failed"),
    ((RedirectLoop,), "redirect_loop"),
    ((TooManyRedirects,), "too_many_redirects"),
    ((RobotsForbidden,), "robots_forbidden"),
    ((NotModified,), "not_modified"),
    ((ListedUnchanged,), "listed_unchanged"),
    ((IgnoreRequest,), "ignored"),
)


# What networks do (TLS handshake failures arrive as lost connections): expected, counted,
# never a traceback.
NETWORK_KINDS = frozenset({"dns", "timeout", "connection_refused", "connection_lost", "connect_failed"})


def exception_kind(exc: BaseException) -> str:
    """The kind of a download exception (no HTTP status: that is a response, not an exception).

    Returns:
        One of :data:`NETWORK_KINDS`, ``redirect_loop``, ``too_many_redirects``,
        ``robots_forbidden``, ``ignored``, ``other``.
    """
    for types, kind in _KINDS:
        if isinstance(exc, types):
            return kind
    return "other"


def error_kind(failure) -> str:
    """The stats key fragment for a failed request: ``dns``, ``timeout``, ``http_404``...

    Args:
        failure: the Twisted ``Failure`` an errback receives.

    Returns:
        ``http_<status>`` or one of :func:`exception_kind`'s kinds.
    """
    if failure.check(HttpError):
        return f"http_{failure.value.response.status}"
    return exception_kind(failure.value)
