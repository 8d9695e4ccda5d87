"""Cleanup processor for a date line above the body ("Publié le 19/11/2026 à 09:03").

Pages without a machine-readable date print it on a line of their own, often with the
byline ("Por Ana Prieto · Publicado el 28 de noviembre de 2026, 07:29", "公開： 2026/11/20
20:20"); when the headline, byline and date share the body's container, the extractor
keeps that line. The dates stage reads it into ``published``; in the body it is chrome.
Only lines above the first paragraph count, short and not a sentence, and only when a
date with its year is most of what they say, so a first paragraph that opens with a date
("Le 20 novembre 2026, le conseil a voté ...") stays. Elsewhere only a line that is a
marked date and nothing else ("Mis à jour le 3 mars 2024 à 10h") goes.
"""

from __future__ import annotations

import re

from crawler.extract.clean.context import CleanContext
from crawler.extract.clean.shape import Lines, word_count
from crawler.extract.dates.text import find_candidates

_MAX_WORDS = 16       # a line of more words is prose: it ends the lines above the body
_MAX_CHARS = 160
# Words a date line holds besides its dates: the byline and the markers ("Por <two
# names> · Publicado el … · Actualizado el …"); a sentence holds more.
_MAX_WORDS_BESIDE = 12
_MAX_MARKER_WORDS = 4  # "Mis à jour le ... à": a marker, no more
_MAX_DATE_LINE_CHARS = 240
_TOP_LINES = 3        # headline kicker, byline, date: a date line is among the first three
_SENTENCE_END = (".", "!", "?", "。", "！", "？")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _is_prose(line: str) -> bool:
    text = line.strip()
    return len(text) > _MAX_CHARS or word_count(text) > _MAX_WORDS or text.endswith(_SENTENCE_END)


def _dated_residue(line: str) -> tuple[list, int] | None:
    """The dates with a year in a short non-sentence ``line``, and how many words are left
    once they are taken out; ``None`` for a long line or a sentence."""
    text = line.strip()
    if len(text) > _MAX_DATE_LINE_CHARS or text.endswith(_SENTENCE_END):
        return None
    dated = [c for c in find_candidates(text, None) if _YEAR.search(c.text)]
    rest, end = [], 0
    for c in sorted(dated, key=lambda c: c.start):
        rest.append(text[end:c.start])
        end = max(end, c.end)
    rest.append(text[end:])
    return dated, word_count(" ".join(rest))


def is_date_line(line: str) -> bool:
    """True for a short line of dates with their markers or a byline, not prose: what is
    left once its dates are taken out is a few words, and it does not end a sentence
    (a published and an updated date on one line make it longer than a sentence's start)."""
    found = _dated_residue(line)
    return bool(found and found[0] and found[1] <= _MAX_WORDS_BESIDE)


def _is_stamp(line: str) -> bool:
    """A line that is only a marked date ("公開： 2026/11/27 08:34", "Mis à jour le 3 mars
    2024 à 10h"): each date is marked published or updated, and the marker is all else."""
    found = _dated_residue(line)
    return bool(found and found[0] and found[1] <= _MAX_MARKER_WORDS and all(c.role for c in found[0]))


def drop_date_lines(lines: Lines, ctx: CleanContext) -> Lines:
    """Drop date lines among the first three lines, above the first paragraph, and anywhere
    a line that is only a marked publication or update date (an extractor that keeps the
    page's date block sometimes puts it below or inside the body)."""
    out = []
    above = True
    for i, line in enumerate(lines):
        if above and i < _TOP_LINES and i + 1 < len(lines) and is_date_line(line):
            continue
        above = above and not _is_prose(line)
        out.append(line)
    prose = [_is_prose(line) for line in out]
    if not any(prose):
        return out
    return [line for line, is_prose in zip(out, prose) if is_prose or not _is_stamp(line)]
