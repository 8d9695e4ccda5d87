"""The shape of body lines, as the cleanup processors of every family measure it.

A line's word count, whether it is short (a label rather than a paragraph) and where the
paragraphs start and end (lines outside are the body's edges, where chrome gathers).
"""

from __future__ import annotations

import re

Lines = list[str]

_WORD = re.compile(r"\w+")
BULLET = re.compile(r"^[-–—•·*>»]\s*")


def word_count(line: str) -> int:
    """The number of ``\\w+`` words of ``line``."""
    return len(_WORD.findall(line))


def is_short(line: str) -> bool:
    """A label rather than a paragraph: at most 80 characters and 8 words."""
    return len(line) <= 80 and word_count(line) <= 8


def edge_span(lines: Lines) -> tuple[int, int]:
    """(index of the first, index of the last) paragraph-like line; lines outside are edges."""
    first = next((i for i, line in enumerate(lines) if not is_short(line)), len(lines))
    last = next((i for i in range(len(lines) - 1, -1, -1) if not is_short(lines[i])), -1)
    return first, last
