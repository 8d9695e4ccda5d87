"""Word-level differences between the members of a story, as escaped HTML.

A story's members are copies of one dispatch: the same words, with a credit line added, a
paragraph cut, a headline rewritten. ``compare`` lines up each copy with the story's
canonical text (``difflib.SequenceMatcher`` over words, whole texts) so the page can show
them side by side with only the differing passages marked: in a copy, words the canonical
text lacks (``<ins>``) and passages the copy left out (``<del>``, long ones shortened); in the canonical text,
words missing from at least one copy (``<mark>``). Each column is cut after ``max_chars``
characters, after the comparison, so a cut never shows as a difference. Every word is
HTML-escaped here. Pure.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import groupby

__all__ = ["Compared", "clip", "compare", "render_marked", "tokens"]

_TOKEN = re.compile(r"\n|[^\s]+")
_LONG_CUT, _CUT_SHOWN = 30, 12  # a passage a copy lacks, longer than 30 words, shows its first 12
Marked = list[tuple[str, str | None]]  # (word or "\n", tag name or None)


def tokens(text: str) -> list[str]:
    """Words and paragraph breaks (``"\\n"``) of ``text``; other whitespace is dropped."""
    return _TOKEN.findall(text)


def clip(text: str, max_chars: int) -> tuple[str, int]:
    """``text`` cut at a word boundary to at most ``max_chars`` characters.

    Returns:
        The clipped text and how many characters were left out (0 when none).
    """
    if len(text) <= max_chars:
        return text, 0
    cut = text.rfind(" ", 0, max_chars + 1)
    cut = cut if cut >= max_chars // 2 else max_chars
    return text[:cut].rstrip(), len(text) - cut


def render_marked(marked: Marked, max_chars: int | None = None) -> tuple[str, bool]:
    """HTML of ``(word, tag)`` pairs: runs of one tag wrapped in it, ``"\\n"`` as ``<br>``.

    Returns:
        The HTML and whether it was cut (more than ``max_chars`` characters of words).
    """
    out: list[str] = []
    used, cut = 0, False
    for tag, run in groupby(marked, key=lambda t: t[1]):
        words: list[str] = []
        for word, _ in run:
            if max_chars is not None and used >= max_chars:
                cut = True
                break
            used += len(word) + 1
            words.append(word)
        paragraphs = " ".join(words).split("\n")
        pieces = [" ".join(html.escape(w) for w in p.split()) for p in paragraphs]
        if tag:
            pieces = [f"<{tag}>{p}</{tag}>" if p else "" for p in pieces]
        out.append("<br>".join(pieces))
        if cut:
            out.append(" …")
            break
    return " ".join(p for p in out if p).replace(" <br>", "<br>").replace("<br> ", "<br>"), cut


@dataclass(frozen=True)
class Compared:
    """The canonical text and each copy, as HTML; ``same`` is the share of each copy's words
    found in the canonical text, in order (1.0: the same words); ``cut``: how many columns
    were cut at ``max_chars``."""

    canonical: str
    copies: list[str]
    same: list[float]
    cut: int


def compare(canonical: str, copies: list[str], max_chars: int | None = None) -> Compared:
    """Marks the differences between ``canonical`` and each of ``copies`` (escaped HTML).

    Args:
        canonical: the story's canonical text.
        copies: the other members' texts.
        max_chars: characters of words shown per column (``None``: all).

    Returns:
        A ``Compared``: each copy with ``<ins>`` (words the canonical text lacks) and
        ``<del>`` (canonical words the copy lacks); the canonical text with ``<mark>``
        on words missing from at least one copy.
    """
    base = tokens(canonical)
    missing: set[int] = set()
    rendered: list[str] = []
    same: list[float] = []
    cut = 0
    for text in copies:
        other = tokens(text)
        matcher = SequenceMatcher(None, base, other, autojunk=False)
        marked: Marked = []
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                marked += [(w, None) for w in other[j1:j2]]
                continue
            gone = [i for i in range(i1, i2) if base[i] != "\n"]
            missing.update(gone)
            shown = gone if len(gone) <= _LONG_CUT else gone[:_CUT_SHOWN]
            marked += [(base[i], "del") for i in shown]
            if len(shown) < len(gone):
                marked.append((f"[… {len(gone) - len(shown)} more words]", "del"))
            marked += [(w, "ins" if w != "\n" else None) for w in other[j1:j2]]
        html_text, was_cut = render_marked(marked, max_chars)
        rendered.append(html_text)
        cut += was_cut
        kept = sum(b.size for b in matcher.get_matching_blocks())
        same.append(round(kept / len(other), 3) if other else 1.0)
    html_base, was_cut = render_marked([(w, "mark" if i in missing else None) for i, w in enumerate(base)], max_chars)
    return Compared(html_base, rendered, same, cut + was_cut)
