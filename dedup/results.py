"""What a story index answers: where an article went (``Assignment``), a story as it stands
(``Story``), and what one ``add`` changed, for another index to apply (``IndexEntry``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

__all__ = ["Assignment", "Story", "IndexEntry"]


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where an article went: its story, and the story's canonical member at arrival.

    Attributes:
        story_id: stable id of the story (its first member's id).
        duplicate_of: doc id of the story's canonical member, or ``None`` when this
            article is (now) the canonical one.
        is_new_story: the article started a new story.
    """

    story_id: str
    duplicate_of: str | None
    is_new_story: bool


@dataclass(frozen=True, slots=True)
class Story:
    """A story as it stands: its canonical member and all members.

    Attributes:
        story_id: stable id of the story (its first member's id).
        canonical_id: doc id of the canonical member.
        canonical_url: its URL, when known.
        members: members by URL (doc id when the URL is unknown), in arrival order.
        sites: the members' sites, first appearance first.
        first_published: the earliest known publication time, or ``None``.
        size: number of members.
        member_ids: the members' doc ids, in the order of ``members``.
    """

    story_id: str
    canonical_id: str
    canonical_url: str | None
    members: list[str]
    sites: list[str]
    first_published: datetime | None
    size: int
    member_ids: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """What one ``StoryIndex.add`` changed, so that another index with the same history can
    hold the document exactly as this one does (``StoryIndex.apply``) without its text:
    no signing, no candidates, no verification — the decision travels, not the input.

    Attributes:
        row: the document as stored (``dedup.storage`` column order: doc id, story id, url,
            site, published timestamp or ``None``, length, size, added timestamp, signature
            fingerprints, number hashes and lead fingerprints as bytes).
        lines: the site's boilerplate keys its text counted (``None``: it counted none).
    """

    row: tuple
    lines: list[int] | None = None

    @property
    def doc_id(self) -> str:
        return self.row[0]
