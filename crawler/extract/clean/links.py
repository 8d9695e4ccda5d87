"""Cleanup processors for links and calls to action inside the body.

"Read more: ..." lines, cookie / newsletter / share prompts, and paragraphs that are
one whole link (a related-story headline) are navigation, not the story. Links are
looked up in the page itself (``CleanContext.link_texts``), so the rules need no site
knowledge.
"""

from __future__ import annotations

import re

from crawler.extract.clean.context import CleanContext, labelled_rest
from crawler.extract.clean.shape import BULLET, Lines, edge_span, word_count


# --- read-more link lines -----------------------------------------------------------

_READ_MORE = re.compile(
    r"^\W{0,3}(?:"
    r"read more|read also|also read|read next|see also|more on this|more on this story|related|related article|"
    r"related story|related coverage|recommended|watch|listen|click here|see more|don't miss|also on|more:|"
    r"lire aussi|à lire aussi|a lire aussi|lire également|à lire également|voir aussi|à voir aussi|"
    r"lesen sie auch|lesen sie dazu|lesen sie mehr|mehr zum thema|mehr dazu|siehe auch|auch interessant|"
    r"lea también|lee también|leer más|ver también|te puede interesar|más información|"
    r"leia também|leia mais|veja também|saiba mais|leggi anche|leggi l'articolo|vedi anche|"
    r"lees ook|lees meer|zie ook|"
    # Chinese and Japanese: "相关阅读：", "延伸阅读", "関連記事：", "あわせて読みたい"
    r"相关阅读|延伸阅读|相关新闻|相关报道|推荐阅读|关联阅读|関連記事|関連ニュース|あわせて読みたい|こちらもおすすめ"
    r")\b\s*(?:[:\-–—|»>›：]|\.\.\.|…|$)",
    re.IGNORECASE,
)


def drop_read_more(lines: Lines, ctx: CleanContext) -> Lines:
    """Drop "Read more: ...", "Lire aussi", "Lesen Sie auch", "Lea también" link lines, and in
    any language a short label before the whole text of a link of the page ("Lea más: <a
    related headline>", "MIRA | <headline>"): the link says what the label means."""
    out = [line for line in lines if not (_READ_MORE.search(line) and word_count(line) <= 30)]
    rests = {i: rest for i, line in enumerate(out)
             if len(line) < 300 and (rest := labelled_rest(line)) and word_count(rest) >= 4}
    if not rests:
        return out
    links = ctx.link_texts()
    return [line for i, line in enumerate(out) if rests.get(i) not in links]


# --- cookie / newsletter / subscribe / share / follow prompts ------------------------

_CTA_PHRASES = (
    "follow us", "like us on", "join us on", "share this", "share on ", "share via", "click to share",
    "abonnez-vous", "inscrivez-vous", "suivez-nous", "rejoignez-nous", "partager sur", "partagez",
    "jetzt abonnieren", "abonnieren sie", "folgen sie uns", "teilen sie diesen artikel", "hier anmelden",
    "suscríbete", "suscribirse", "síguenos", "compártelo", "compartir en", "assine", "inscreva-se",
    "siga-nos", "iscriviti", "seguici", "click here", "clicking here", "tell us what you think",
    "thanks for signing up", "thank you for signing up", "keep an eye on your inbox", "processing your subscription",
    "an error has occurred", "please try again later", "this article has been sent to", "order reprints",
    "print article", "print this article", "email this article", "share this story", "share your thoughts",
    "personal, non-commercial use only", "download the app", "get the app",
)
_CTA_PAIRS = (  # (any of these) and (any of those) in one short line
    (("cookie",), ("accept", "consent", "we use", "utilis", "verwend", "akzept", "usamos", "utiliza", "acept",
                   "policy", "politique", "richtlinie", "política", "einstellungen", "paramètres", "settings")),
    (("newsletter",), ("sign", "subscri", "inscri", "abonn", "anmeld", "suscri", "assin", "iscri", "receive",
                       "get ", "delivered", "recevez", "erhalten", "recibe")),
    (("sign up", "signup", "subscribe to", "subscribe now", "subscribe for", "register for"),
     ("free", "now", "today", "inbox", "updates", "here", "email", "e-mail", "access")),
    (("inbox",), ("every", "daily", "weekly", "sign", "deliver")),
)
_SOCIAL = ("facebook", "twitter", "linkedin", "whatsapp", "email", "e-mail", "pinterest", "reddit", "telegram",
           "print", "copy link", "messenger", "flipboard", "bluesky", "threads", "mastodon")


_CTA_ANY = re.compile("|".join(re.escape(p) for p in _CTA_PHRASES))
_CTA_PAIR_RES = tuple((re.compile("|".join(map(re.escape, a))), re.compile("|".join(map(re.escape, b))))
                      for a, b in _CTA_PAIRS)
_SOCIAL_RE = re.compile("|".join(map(re.escape, _SOCIAL)))


def is_call_to_action(line: str, max_words: int = 30) -> bool:
    """True for a short cookie / newsletter / subscribe / share / "follow us" line.

    Args:
        line: the line.
        max_words: longer lines are prose (the first and last lines of a body get more:
            a promo paragraph sits there).
    """
    if len(line) > 10 * max_words:
        return False
    words = word_count(line)
    if words > max_words:
        return False
    s = line.casefold()
    if any(a.search(s) and b.search(s) for a, b in _CTA_PAIR_RES):
        return True
    if words > _PHRASE_WORDS:
        return False  # a longer paragraph merely saying "follow us" or "share" is prose
    if _CTA_ANY.search(s):
        return True
    if words <= 5 and s.rstrip(" .:!").endswith(("newsletter", "newsletters")):
        return True  # a newsletter widget's title: "Pick Six Newsletter"
    return (words <= 12 and len(set(_SOCIAL_RE.findall(s))) >= 3) or _is_share_row(s)


_ROW_SEPARATOR = re.compile(r"\s[·|•]\s")
_SHARE_WORDS = re.compile(r"share|teilen|partager|compartir|condividi|partilhar|delen|copy|kopieren|copier|copiar|"
                          r"copia|シェア|コピー|分享|复制|" + "|".join(map(re.escape, _SOCIAL)))


def _is_share_row(s: str) -> bool:
    """A row of three or more short items joined by "·" or "|", two of them naming a platform
    or a share action, in any language ("Auf Facebook teilen · Auf X teilen · Link kopieren")."""
    items = _ROW_SEPARATOR.split(s)
    return (len(items) >= 3 and all(word_count(i) <= 5 for i in items)
            and sum(bool(_SHARE_WORDS.search(i)) for i in items) >= 2)


_EDGE_CTA_WORDS = 80
_PHRASE_WORDS = 30  # up to this length a call-to-action phrase makes the line a prompt


def drop_calls_to_action(lines: Lines, ctx: CleanContext) -> Lines:
    """Drop short cookie / newsletter / subscribe / share / "follow us" lines, and a longer
    promo paragraph ("Start your day with our newsletter... Sign up for free": a cookie,
    newsletter or sign-up offer, not a mere "follow us") when it is the first or the last
    line of the body."""
    last = len(lines) - 1
    return [line for i, line in enumerate(lines)
            if not is_call_to_action(line, _EDGE_CTA_WORDS if i in (0, last) else 30)]


_TAG_SUFFIX = re.compile(r"\s*\[[A-Z ]{2,20}\]\s*\|?\s*$")


def drop_link_lines(lines: Lines, ctx: CleanContext) -> Lines:
    """Drop lines that are one whole link: related-story headlines, "[INSIGHT]" teasers.

    At the edges of the body (before the first / after the last paragraph), a line whose
    entire text is the text of one ``<a>`` of the page is navigation, and so is a bulleted
    line opening with a link ("- Headline Its summary..."). Inside the body only the
    unmistakable ones go: a link line in capitals or tagged "[VIDEO]"; a plain linked line
    there is usually a product or a source the article lists.
    """
    first, last = edge_span(lines)
    candidates = [
        i for i, line in enumerate(lines)
        if len(line) < 300 and (i < first or i > last or line.isupper() or line[:1] in "-–—•·" or _TAG_SUFFIX.search(line))
        and word_count(line) >= 3
    ]
    if not candidates:
        return lines
    links = ctx.link_texts()
    drop = set()
    for i in candidates:
        line = lines[i]
        core = _TAG_SUFFIX.sub("", BULLET.sub("", line))
        if core in links and (i < first or i > last or line.isupper() or _TAG_SUFFIX.search(line)):
            drop.add(i)
    # a trailing run of "- Headline Its summary" items opening with links: a related-stories list
    j = len(lines) - 1
    while j >= 0 and (j in drop or (lines[j][:1] in "-–—•·" and any(True for _ in _prefixes(BULLET.sub("", lines[j]), links)))):
        drop.add(j)
        j -= 1
    return [line for i, line in enumerate(lines) if i not in drop]


def drop_internal_link_lines(lines: Lines, ctx: CleanContext) -> Lines:
    """Drop lines that are the whole text of a link to another page of the same site.

    Anywhere in the body, a paragraph made of one such link (four words or more) is a
    related-story headline dropped between paragraphs ("Who will make the Hall of Fame in
    2020?"). Links to other sites stay: a product or a source the article lists.
    """
    if not any(word_count(line) >= 4 and len(line) < 300 for line in lines):
        return lines
    internal = ctx.internal_link_texts()
    if not internal:
        return lines
    return [line for line in lines if word_count(line) < 4 or BULLET.sub("", line) not in internal]


def _prefixes(core: str, links: frozenset[str]):
    words = core.split()
    for n in range(3, min(len(words), 25)):
        candidate = " ".join(words[:n])
        if candidate in links:
            yield candidate
