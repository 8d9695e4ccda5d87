"""Story grouping's site boilerplate: edge and link lines a site repeats, dropped before signing.

Per site, the index learns which lines at the start and end of its texts (subscription
prompts, copyright, share buttons) recur across that site's articles, and drops those
lines before signing a text, so a third of a dispatch wrapped in a site's template is
judged on the dispatch alone, and two short pieces of one site do not match on their
shared template. Likewise a site's link lines ("Read also: <another headline>"): short
title-like lines whose first two words open such lines in earlier texts of the site.

The counting is the crawl's one site line learner (``crawler.extract.template.SiteLines``,
also read by extraction's ``SiteTemplates``); this module is only the policy: which lines
are counted and when one is dropped. The counts are persisted with the story index (a
run split in two decides like one long run).
"""

from __future__ import annotations

from crawler.extract.template import SiteLines, line_hash

__all__ = ["SiteBoilerplate"]

_HEAD, _TAIL = 2, 3  # edge lines checked against the site's boilerplate
_LINK_WORDS = 16  # longest line that can be a link line ("Read also: ...")
_LINK_MARK = "\x01"  # keeps link-opening keys apart from whole-line keys
_SENTENCE_END = frozenset(".!?:;\"'\u201d\u00bb)")


class SiteBoilerplate:
    """Story grouping's policy: per site, the edge and link lines its texts repeat.

    Args:
        repeats: a line seen at the edges of this many earlier texts of a site is boilerplate.
        prune_every: texts of one site between prunings of its one-off lines.
    """

    def __init__(self, repeats: int = 2, *, prune_every: int = 64) -> None:
        self.repeats = repeats
        self.lines = SiteLines(prune_every=prune_every)
        self._dirty: set[str] = set()

    def strip(self, site: str | None, text: str) -> str:
        """``text`` without its site's learned boilerplate lines; learns from ``text``.

        Args:
            site: the text's site (``None``: nothing learned or dropped).
            text: the article body.

        Returns:
            The text with boilerplate lines removed (unchanged when there are none, or
            when every line would go: a text that is all template is kept whole).
        """
        return self.strip_keyed(site, text)[0]

    def strip_keyed(self, site: str | None, text: str) -> tuple[str, list[int] | None]:
        """``strip``, and the keys it counted (``None``: it counted nothing), so that another
        index can learn the same from them (``observe``) without the text."""
        if not site or not text or "\n" not in text:
            return text, None
        lines = text.split("\n")
        where, keys = _edge_keys(lines)
        before = self.observe(site, keys)
        drop = {i for i, c in zip(where, before) if c >= self.repeats}
        if not drop or len(drop) == len([x for x in lines if x.strip()]):
            return text, keys  # nothing to drop, or all template: kept rather than sign nothing
        return "\n".join(x for i, x in enumerate(lines) if i not in drop), keys

    def observe(self, site: str, keys: list[int]) -> list[int]:
        """Count one more text of ``site`` carrying ``keys``, as ``strip`` does; returns each
        key's count before."""
        self._dirty.add(site)
        return self.lines.observe(site, keys)

    def take_dirty(self) -> dict[str, tuple[int, dict[int, int]]]:
        """State of the sites changed since the last call (for persistence)."""
        out = {s: self.lines.state(s) for s in self._dirty}
        self._dirty = set()
        return out

    def restore(self, state: dict[str, tuple[int, dict[int, int]]]) -> None:
        """Load persisted state (``site -> (texts seen, {line hash: count})``)."""
        for site, (seen, counts) in state.items():
            self.lines.restore(site, seen, counts)


def _edge_keys(lines: list[str]) -> tuple[list[int], list[int]]:
    """The lines of a text that can be boilerplate, and their keys: the edge lines, and
    link lines ("Read also: <another headline>"), short title-like lines (no sentence
    end) after the headline, keyed by their opening words, which recur across a site's
    texts while the rest changes."""
    n = len(lines)
    edge = list(range(min(_HEAD, n))) + list(range(max(_HEAD, n - _TAIL), n))
    where, keys = [], []
    for i in edge:
        if lines[i].strip():
            where.append(i)
            keys.append(line_hash(lines[i]))
    opened = set()
    for i in range(1, n):
        ws = lines[i].split()
        if not 2 <= len(ws) <= _LINK_WORDS or ws[-1][-1] in _SENTENCE_END:
            continue  # a link line is a title, not a sentence
        k = line_hash(_LINK_MARK + " ".join(ws[:2]))
        if k in opened:
            continue
        opened.add(k)
        where.append(i)
        keys.append(k)
    return where, keys
