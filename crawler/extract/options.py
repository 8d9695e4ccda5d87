"""``ExtractOptions``: the one options object of ``crawler.extract``.

Everything that changes how a page is extracted is grouped here (time zones, the crawl's
template learner, trafilatura's knobs, the cleanup chain), as trafilatura groups its own
knobs in ``Extractor``; ``extract_article`` takes nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Callable, Mapping, Sequence
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from crawler.extract.template import SiteTemplates

if TYPE_CHECKING:  # pragma: no cover
    from crawler.extract.clean.context import CleanContext

Processor = Callable[[list[str], "CleanContext"], list[str]]


def _check_tz(name: str, what: str) -> None:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError) as exc:
        raise ValueError(f"{what} ({name!r}) is not a known time zone") from exc


@dataclass(frozen=True)
class ExtractOptions:
    """How ``extract_article`` works on a page.

    Args:
        default_tz: time zone of visible dates that carry none (``WIRECRAWL_TIMEZONE``).
        site_timezones: ``site -> tz name`` overrides (``WIRECRAWL_SITE_TIMEZONES``).
        templates: the crawl's cross-page template learner, fed by every extraction.
        fetched_at: "now" for relative dates and future-date checks.
        favor_precision: trafilatura ``favor_precision``.
        favor_recall: trafilatura ``favor_recall``.
        include_tables: trafilatura ``include_tables``.
        fast_first: run trafilatura's fast mode first and its full cascade only when the
            result does not look like a body (``body.main_text.looks_like_body``); ``False`` always
            runs the full cascade.
        processors: the cleanup chain; ``None`` means ``clean.PROCESSORS``.
        prune_xpath: the structural prune list given to trafilatura; ``None`` means
            ``body.structure.PRUNE_XPATH`` (an ablation passes a shorter one).
        repairs: put back what trafilatura dropped (embedded posts, split-body parts,
            ``body.structure.structural_repairs``).

    Raises:
        ValueError: on an unknown time zone or contradictory knobs.
    """

    default_tz: str = "UTC"
    site_timezones: Mapping[str, str] = field(default_factory=dict)
    templates: SiteTemplates | None = None
    fetched_at: datetime | None = None
    favor_precision: bool = False
    favor_recall: bool = False
    include_tables: bool = True
    fast_first: bool = True
    processors: Sequence[Processor] | None = None
    prune_xpath: Sequence[str] | None = None
    repairs: bool = True

    def __post_init__(self) -> None:
        _check_tz(self.default_tz, "default_tz")
        for site, tz in self.site_timezones.items():
            _check_tz(tz, f"site_timezones[{site!r}]")
        if self.favor_precision and self.favor_recall:
            raise ValueError("favor_precision and favor_recall are exclusive")
        if self.fetched_at is not None and self.fetched_at.tzinfo is None:
            raise ValueError(f"fetched_at ({self.fetched_at!r}) must be timezone-aware")

    def timezone_for(self, site: str) -> str:
        """The time zone of visible dates on ``site``."""
        return self.site_timezones.get(site, self.default_tz)

    def zone_known_by(self, site: str) -> str:
        """How the zone of a time printed without one on ``site`` is known: ``"configured"``
        (a site zone, or a crawl-wide zone other than UTC) or ``"assumed"`` (UTC)."""
        return "configured" if site in self.site_timezones or self.default_tz != "UTC" else "assumed"
