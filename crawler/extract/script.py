"""Script-aware text lengths: thresholds made for Latin text, held for East Asian text too.

A Chinese or Japanese character carries about what three Latin letters do, a Hangul
syllable about two; a brief of 60 Chinese characters is not "short". Used wherever a
length decides (extraction's plausibility, article detection, ``--min-chars``).
"""

from __future__ import annotations

import re

CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
HANGUL = re.compile(r"[\uac00-\ud7af]")
#: Han ideographs, kana and hangul: scripts written without spaces between words.
SPACELESS = re.compile(f"{CJK.pattern}|{HANGUL.pattern}")
CJK_WEIGHT = 3  # letters a Chinese or Japanese character is worth


def weighted_len(text: str) -> int:
    """Length of ``text`` with whitespace runs as one space, CJK characters counting 3 and
    Hangul syllables 2, so that one threshold fits Latin and East Asian scripts."""
    text = " ".join(text.split())
    if not text or text.isascii():
        return len(text)
    return len(text) + (CJK_WEIGHT - 1) * len(CJK.findall(text)) + len(HANGUL.findall(text))
