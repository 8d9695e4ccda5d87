"""Cleanup processor for a reader comment section that reached the body's end.

The structural prune (``body.structure.COMMENT_SECTIONS``) removes comment threads the
markup names; an unnamed one still opens the same way in every language: a short line
announcing it ("12 Comments", "Leave a Reply", "3 Kommentare", "Laisser un commentaire",
"Comentarios (4)", "Lascia un commento", "Deixe um comentário", "5 thoughts on “…”",
"网友评论（3）", "コメント（3件）").
Everything from that line on is the thread and its form, not the article.
"""

from __future__ import annotations

import re

from crawler.extract.clean.context import CleanContext
from crawler.extract.clean.shape import Lines, edge_span, word_count

_OPENER = re.compile(
    r"^\W{0,3}(?:"
    # the section's name, with or without a count: "Comments", "12 Kommentare", "Comentários (4)"
    r"(?:(?:\d+|no|aucun|keine|sin|nessun|sem)\s+)?(?:reader\s+|user\s+|vos\s+|i\s+vostri\s+)?"
    r"(?:comments|kommentare|leserkommentare|commentaires|comentarios|comentários|commenti)"
    r"(?:\s*[(:\[]?\s*\d+\s*[)\]]?)?"
    # a count and a singular or a word that is also prose: "1 comment", "3 réactions", "Vos réactions"
    r"|(?:\d+|one|un|une|ein|uno|um|vos)\s+(?:comments?|commentaires?|kommentare?|comentarios?|comentários?"
    r"|comment[io]|réactions?)"
    # the form: "Leave a Reply", "Schreiben Sie einen Kommentar", "Deja un comentario" ...
    r"|(?:leave|post|add|write)\s+(?:a|your)\s+(?:reply|comment|response)(?:\s+\w+){0,3}"
    r"|join\s+the\s+(?:discussion|conversation)"
    r"|(?:\d+|one)\s+(?:thoughts?|responses?|repl(?:y|ies))\s+(?:on|to)\s+.{1,200}"
    r"|(?:laisser|laissez|ajouter|écrire|rédiger)\s+un\s+commentaire"
    r"|(?:schreibe|schreiben\s+sie)\s+einen\s+kommentar|kommentar\s+(?:schreiben|verfassen)|diskutieren\s+sie\s+mit"
    r"|(?:deja|dejar|escribe|escribir|añadir|añade)\s+(?:un|tu|su)\s+comentario"
    r"|(?:lascia|lasciare|scrivi|aggiungi)\s+un\s+commento"
    r"|(?:deixe|deixar|escreva|adicione)\s+(?:um|o\s+seu|seu|sua|uma)\s+(?:comentário|resposta)"
    r"|comments\s+are\s+closed|les\s+commentaires\s+sont\s+fermés|kommentare\s+sind\s+geschlossen"
    # Chinese and Japanese: "网友评论（3）", "评论 (12)", "发表评论", "コメント（3件）", "コメントを書く"
    # (a bare "评论" / "コメント" is also the commentary genre's label: it needs a count or a qualifier)
    r"|(?:网友|读者|全部|最新)(?:评论|評論|留言)(?:\s*[（(]\s*\d+\s*条?\s*[)）])?"
    r"|(?:评论|評論|留言)\s*[（(]\s*\d+\s*条?\s*[)）]|发表(?:评论|留言)"
    r"|コメント\s*[（(]\s*\d+\s*件?\s*[)）]|コメント一覧|コメントを(?:書く|投稿する|する)|\d+\s*件のコメント"
    r")\s*[:.!…]?\s*$",
    re.IGNORECASE,
)
_MAX_WORDS = 40  # "5 thoughts on “<the headline>”" is the longest opener


def is_comment_opener(line: str) -> bool:
    """True for a short line that opens a reader comment section ("12 Comments", "Kommentare")."""
    return len(line) <= 300 and word_count(line) <= _MAX_WORDS and bool(_OPENER.match(line.strip()))


def drop_comment_section(lines: Lines, ctx: CleanContext) -> Lines:
    """Drop a reader comment section at the end of the body: from its opening line on.

    Only an opener after the body's first paragraph counts (above it, a "Kommentar" or
    "Comments" label is a kicker or a count link, dropped by other rules if at all), so an
    article never loses its opening; what follows the opener is the thread and its form.
    """
    first, _ = edge_span(lines)
    for i in range(first + 1, len(lines)):
        if is_comment_opener(lines[i]):
            return lines[:i]
    return lines
