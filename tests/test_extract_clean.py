"""One test per cleanup processor of crawler.extract.clean, plus the chain order."""

from collections import Counter

import lxml.html

from crawler.extract import clean
from crawler.extract.clean import CleanContext
from crawler.extract.template import SiteTemplates

BODY = [
    "Les Etats-Unis et la Russie ont eu des échanges pour maintenir la zone de désescalade dans la vallée.",
    "J'ai parlé au général samedi soir, et le ministre américain des Affaires étrangères a eu un entretien.",
    "Des forces syriennes antijihadistes soutenues par les Etats-Unis ont accusé samedi l'aviation russe.",
]
CTX = CleanContext(site="a.test")


def test_normalize_lines():
    assert clean.normalize_lines(["  a \t b ", "", "   ", "c"], CTX) == ["a b", "c"]


def test_drop_title_lines():
    ctx = CleanContext(title="Syrie:  Washington veut garder la zone")
    assert clean.drop_title_lines(["Syrie: Washington veut garder la zone", *BODY], ctx) == BODY


def test_drop_search_labels():
    lines = ["Rechercher", "Search for:", "Suchen", "Buscar...", *BODY]
    assert clean.drop_search_labels(lines, CTX) == BODY


def test_drop_repeated_top_lines():
    assert clean.drop_repeated_top_lines(["Rechercher", "Rechercher", "Menu", *BODY], CTX) == ["Menu", *BODY]
    assert clean.drop_repeated_top_lines(BODY, CTX) == BODY


def test_drop_list_titles():
    lines = ["Dernières Infos", "Latest news", *BODY, "Most read", "Neueste Nachrichten", "Lo más leído:"]
    assert clean.drop_list_titles(lines, CTX) == BODY
    # a sentence that merely starts like a list title stays
    assert clean.drop_list_titles(["Latest news from the front is grim, officials said."], CTX)


def test_drop_list_titles_followed_by_their_few_items():
    lines = [*BODY, "Mots-clés : sport", "Tags: economy, inflation", "キーワード： 交通", "Temas: Economía · Madrid"]
    assert clean.drop_list_titles(lines, CTX) == BODY
    # a sentence after a label is prose, and so is a long run of words
    sentence = "Temas: la economía se recuperó en el tercer trimestre, según el banco central."
    assert clean.drop_list_titles([sentence], CTX) == [sentence]


def test_drop_teaser_repeat_glued_first_paragraphs():
    teaser = BODY[0] + BODY[1][:60] + "..."
    assert clean.drop_teaser_repeat([*BODY, teaser], CTX) == BODY
    assert clean.drop_teaser_repeat([*BODY, BODY[0][:70] + "…"], CTX) == BODY


def test_drop_teaser_repeat_keeps_the_complete_copy_and_new_text():
    assert clean.drop_teaser_repeat([BODY[0][:80] + "...", *BODY], CTX) == BODY
    novel = "Un tout autre paragraphe qui ne répète rien du texte précédent mais se termine ainsi..."
    assert clean.drop_teaser_repeat([*BODY, novel], CTX) == [*BODY, novel]


def test_drop_teaser_repeat_drops_a_verbatim_repeat_but_not_short_ones():
    assert clean.drop_teaser_repeat([BODY[0], BODY[1], BODY[0]], CTX) == BODY[:2]
    qa = ["What inspired you?", BODY[0], "What inspired you?", BODY[1]]
    assert clean.drop_teaser_repeat(qa, CTX) == qa  # an interview repeats its questions


def test_drop_read_more():
    lines = [
        BODY[0], "Lire aussi : Irak, le Kurdistan maintient son référendum", "Read more: Bus fares to rise",
        "READ ALSO: New lanes", "See also - cycling", "Lesen Sie auch: Unwetter", "Mehr zum Thema: Klima",
        "Lea también: El precio del cereal", "Leia também: Preço", "Leggi anche: Il prezzo", BODY[1],
    ]
    assert clean.drop_read_more(lines, CTX) == BODY[:2]
    assert clean.drop_read_more(["Read the full report on the ministry's site, officials said."], CTX)
    # Chinese and Japanese labels, with a full-width colon; a sentence that starts with the words stays
    cjk = ["市图书馆新安装的智能还书分拣系统本周正式启用。", "相关阅读： 滨江路部分路段本周末封闭施工",
           "関連記事：潮見神社で秋の例大祭", "相关阅读显示，市民满意度上升。"]
    assert clean.drop_read_more(cjk, CTX) == [cjk[0], cjk[3]]


def test_drop_read_more_drops_a_short_label_before_a_link_of_the_page_in_any_language():
    related = "Juan Pérez propone un nuevo impuesto para las bebidas azucaradas"
    html = (f"<html><body><p>{BODY[0]}</p><p>Lea más: <a href='/politica/juan-perez-impuesto'>{related}</a></p>"
            f"<p>{BODY[1]}</p></body></html>")
    tree = lxml.html.fromstring(html)
    lines = [BODY[0], f"Lea más: {related}", f"PUEDES VER | {related}", BODY[1],
             "El ministro dijo: no habrá un nuevo impuesto para las bebidas este año"]
    ctx = CleanContext.of_page(tree, "https://diario.test/economia/nota", lines, site="diario.test", title=None,
                               canonical=None, templates=None)
    assert clean.drop_read_more(lines, ctx) == [BODY[0], BODY[1], lines[-1]]  # prose after a colon stays


def test_drop_calls_to_action():
    lines = [
        BODY[0],
        "Sign up for our free newsletter and get the news in your inbox",
        "We use cookies to improve your experience. Accept",
        "Follow us on Twitter",
        "Jetzt den Newsletter abonnieren und jeden Morgen die Nachrichten erhalten!",
        "Suivez-nous sur Facebook",
        "Síguenos en Twitter",
        "Facebook Twitter WhatsApp Email",
        BODY[1],
    ]
    assert clean.drop_calls_to_action(lines, CTX) == BODY[:2]
    assert clean.drop_calls_to_action(["The newsletter of the central bank was cited by analysts on Monday."], CTX)


def test_drop_legal_lines():
    lines = [BODY[0], "© 2017 Le Quotidien — Mentions légales — Contact", "Impressum · Datenschutz"]
    assert clean.drop_legal_lines(lines, CTX) == BODY[:1]
    notice = "© 2019 Associated Press. All Rights Reserved. This material may not be published."
    assert clean.drop_legal_lines([BODY[0], notice], CTX) == [BODY[0], notice]  # a notice is body


def test_drop_page_chrome_repeats():
    counts = {"Politics": 3, "Short subhead": 1, "Pre-workout meal": 4}
    ctx = CleanContext(page_text_counts=lambda wanted: Counter({k: counts.get(k, 0) for k in wanted}))
    assert clean.drop_page_chrome_repeats(["Politics", BODY[0], "Short subhead"], ctx) == [BODY[0], "Short subhead"]
    inner = [BODY[0], "Pre-workout meal", BODY[1]]  # a subhead the page repeats in tabs stays
    assert clean.drop_page_chrome_repeats(inner, ctx) == inner


def test_drop_site_template():
    t = SiteTemplates(min_pages=2, min_share=0.5)
    for _ in range(2):
        t.observe("a.test", ["This story was produced by the desk."])
    ctx = CleanContext(site="a.test", templates=t)
    assert clean.drop_site_template([BODY[0], "This story was produced by the desk."], ctx) == BODY[:1]
    assert clean.drop_site_template([BODY[0]], CleanContext(site="a.test")) == BODY[:1]


def test_chain_on_the_seed_shape():
    lines = ["Rechercher", "Rechercher", "", "Dernières Infos", "", "Syrie: titre", *BODY,
             "", BODY[0] + BODY[1][:50] + "..."]
    out = clean.clean_lines(lines, CleanContext(title="Syrie: titre"))
    assert out == BODY


def test_processors_are_named_and_ordered():
    names = [p.__name__ for p in clean.PROCESSORS]
    assert names[0] == "normalize_lines"
    assert names.index("drop_search_labels") < names.index("drop_repeated_top_lines") < names.index("drop_teaser_repeat")
    assert len(set(names)) == len(names)


def test_drop_link_lines_at_edges_and_shouting_or_tagged_inside():
    links = frozenset({"Residents split over tram consultation", "CO-FOUNDER PROUD OF HIS STAFF",
                       "Plague fears grow in the north", "Logitech MX Master 3 Mouse", "Pochettino fired by Tottenham"})
    ctx = CleanContext(link_texts=lambda: links)
    lines = [
        "Residents split over tram consultation", BODY[0], "CO-FOUNDER PROUD OF HIS STAFF",
        "Logitech MX Master 3 Mouse", "Plague fears grow in the north [INSIGHT]", BODY[1],
        "- Pochettino fired by Tottenham Pochettino took the club to the final in June",
    ]
    # a plain linked line inside the body (a product the article lists) stays
    assert clean.drop_link_lines(lines, ctx) == [BODY[0], "Logitech MX Master 3 Mouse", BODY[1]]


def test_drop_bare_urls_and_stamps_only_at_edges():
    lines = ["https://news.example/a/b.html", "2019-11-19T08:57:40+01:00", BODY[0], "http://amzn.to/2iJFhRj",
             BODY[1], "2019-11-19"]
    assert clean.drop_bare_urls_and_stamps(lines, CTX) == [BODY[0], "http://amzn.to/2iJFhRj", BODY[1]]


def test_drop_calls_to_action_ui_messages():
    lines = [BODY[0], "Pick Six Newsletter", "Thanks for signing up!", "There was an error processing your subscription.",
             "CLICK HERE TO GET THE APP", "- Order Reprints", BODY[1]]
    assert clean.drop_calls_to_action(lines, CTX) == BODY[:2]


def test_drop_internal_link_lines_anywhere_but_not_external_or_short_ones():
    internal = frozenset({"Le maire présente son budget pour 2025", "Les parkings changent de tarif"})
    ctx = CleanContext(internal_link_texts=lambda: internal)
    lines = [BODY[0], "Le maire présente son budget pour 2025", BODY[1], "- Les parkings changent de tarif",
             "Logitech MX Master 3 Mouse", "Dossier", BODY[2]]
    # a one-link line to another site (a product, a source) is not a related story
    assert clean.drop_internal_link_lines(lines, ctx) == [BODY[0], BODY[1], "Logitech MX Master 3 Mouse", "Dossier", BODY[2]]


def test_the_pages_own_url_as_a_line_is_dropped_anywhere():
    ctx = CleanContext(urls=("https://www.news.example/a/story-123.php?utm_source=x", ""))
    lines = [BODY[0], "https://news.example/a/story-123.php", BODY[1], "https://other.example/report.pdf", BODY[2]]
    assert clean.drop_bare_urls_and_stamps(lines, ctx) == [BODY[0], BODY[1], "https://other.example/report.pdf", BODY[2]]


def test_lines_repeated_deep_in_the_body_are_content_not_teasers():
    plan = ["Comida 1: un batido de proteínas con fresas, espinacas y leche de almendras sin azúcar",
            "Comida 2: ensalada de tomate y pepino con queso feta y una cucharada de vinagre balsámico"]
    lines = [BODY[0], "Lunes", *plan, "Martes", *plan, "Miércoles", *plan, BODY[1]]
    assert clean.drop_teaser_repeat(lines, CTX) == lines
    # a copy at the top is still a teaser of the body
    assert clean.drop_teaser_repeat([BODY[1], BODY[0], BODY[1]], CTX) == [BODY[1], BODY[0]]


def test_drop_title_lines_also_drops_the_displayed_h1_headline():
    ctx = CleanContext(title="Syrie : la zone de désescalade", headlines=("Washington veut garder la zone de l'Euphrate",))
    lines = ["Washington  veut garder la zone de l'Euphrate", *BODY, "Syrie : la zone de désescalade"]
    assert clean.drop_title_lines(lines, ctx) == BODY


def test_drop_title_lines_keeps_section_headings_of_a_page_with_several_h1():
    # older layouts mark every section with an <h1>: the headline is the one the title repeats
    ctx = CleanContext(title="Über uns – Theater Nord", headlines=("Theater Nord", "Über uns", "Unser Ensemble"))
    lines = ["Über uns", BODY[0], "Unser Ensemble", BODY[1]]
    assert clean.drop_title_lines(lines, ctx) == [BODY[0], "Unser Ensemble", BODY[1]]


def test_drop_trailing_contact_lines_but_not_embedded_posts_or_earlier_lines():
    contact = ["Reach the reporter at paul.martin@journal.test", "Folgen Sie der Autorin auf Twitter: @anna_schmidt"]
    mid = "Le maire a répondu sur son compte @maire_ville que le chantier commencerait au printemps."
    assert clean.drop_trailing_contact_lines([BODY[0], mid, BODY[1], BODY[2], *contact], CTX) == [BODY[0], mid, *BODY[1:]]
    tweet = ["La tram arrive enfin ! Merci à tous pic.twitter.com/abc123", "— Collectif Est (@collectif_est) 12 mars 2024"]
    assert clean.drop_trailing_contact_lines([*BODY, *tweet], CTX) == [*BODY, *tweet]


def test_a_long_promo_paragraph_is_dropped_only_at_the_edges_of_the_body():
    promo = ("Chaque matin, recevez l'essentiel de l'actualité de votre région avant huit heures, avec nos "
             "analyses, nos enquêtes et les rendez-vous du week-end. Notre newsletter est gratuite : inscrivez-vous "
             "en un clic et désabonnez-vous quand vous voulez, sans engagement ni publicité ciblée.")
    assert clean.drop_calls_to_action([*BODY, promo], CTX) == BODY
    assert clean.drop_calls_to_action([promo, *BODY], CTX) == BODY
    assert clean.drop_calls_to_action([BODY[0], promo, BODY[1]], CTX) == [BODY[0], promo, BODY[1]]  # prose inside


def test_drop_byline_lines_at_the_top_in_several_languages():
    body = ["Por Ana Belén Prieto · Toledo", "La feria del libro cerró el domingo su edición más concurrida."]
    assert clean.drop_byline_lines(body, CTX) == body[1:]
    for byline in ("By Jane Doe and John Roe", "Par Jean Dupont |", "Von Anna Müller", "Di Marco Rossi"):
        assert clean.drop_byline_lines([byline, "Text."], CTX) == ["Text."], byline
    # Sentences that open with the same words stay, and so does a byline-like line deep in the body.
    kept = ["Por primera vez, la feria superó los 85.000 visitantes", "By Monday the deal was done",
            "De Gaulle a dit que la France"]
    for line in kept:
        assert clean.drop_byline_lines([line], CTX) == [line]
    deep = ["One.", "Two.", "By Jane Doe"]
    assert clean.drop_byline_lines(deep, CTX) == deep



def test_drop_byline_lines_signed_by_the_newsroom():
    for byline in ("Par la rédaction", "By Staff", "Von der Redaktion", "Por la Redacción ·", "Door de redactie"):
        assert clean.drop_byline_lines([byline, "Text."], CTX) == ["Text."], byline
    kept = "Por la redacción de la ley se pronunciaron tres diputados"
    assert clean.drop_byline_lines([kept], CTX) == [kept]


def test_drop_comment_section_from_its_opener_on_in_every_language():
    thread = ["islandmum Tuesday, 9:14 pm", "Finally, a boat that leaves early enough for the first lesson of the day.", "Reply"]
    for opener in ("3 Comments", "Leave a Reply", "Commentaires (2)", "Laisser un commentaire", "Kommentare",
                   "Schreiben Sie einen Kommentar", "12 Kommentare", "Comentarios (4)", "Deja un comentario",
                   "I vostri commenti", "Lascia un commento", "Comentários: 4", "Deixe um comentário",
                   "5 thoughts on “Ferry timetable changes”", "网友评论（3）", "评论 (12)", "发表评论",
                   "コメント（3件）", "コメントを書く"):
        assert clean.drop_comment_section([*BODY, opener, *thread], CTX) == BODY, opener


def test_comment_words_that_are_also_prose_or_a_kicker_stay():
    # above the first paragraph a "Kommentar" / "Comments" label is a kicker or a count link, not the thread
    assert clean.drop_comment_section(["Kommentare", *BODY], CTX) == ["Kommentare", *BODY]
    # a subhead "Réactions", the genre "Kommentar", French "Comment ?" and a sentence about comments are body
    for line in ("Réactions", "Kommentar", "Comment ?", "Comments from residents were collected until Friday.",
                 "评论", "コメント", "评论区的网友说得很对。"):
        lines = [BODY[0], line, *BODY[1:]]
        assert clean.drop_comment_section(lines, CTX) == lines, line


def test_a_sentence_naming_the_privacy_policy_is_prose_not_a_footer():
    prose = "Siehe Punkt 12 der Datenschutzerklärung der Universität, die in Kürze bereitgestellt wird."
    assert clean.drop_legal_lines([BODY[0], prose, BODY[1]], CTX) == [BODY[0], prose, BODY[1]]


def test_a_closing_sentence_that_gives_an_address_is_the_article_s():
    info = ("Weitere Informationen erteilt die Leitstelle der Stadt montags bis freitags unter Tel. 02382 59743 "
            "oder per E-Mail (leitstelle@stadt.test).")
    assert clean.drop_trailing_contact_lines([*BODY, info], CTX) == [*BODY, info]
    assert clean.drop_trailing_contact_lines([*BODY, "Write to the reporter at paul@paper.test."], CTX) == BODY


def test_an_edge_paragraph_that_merely_says_follow_us_is_prose():
    intro = ("At the institute we study how rivers carry sediment to the sea, and this season our team measured "
             "the delta twice a week. Follow us to stay up to date on the fieldwork: in this edition we look back "
             "at the floods of the spring and what they changed downstream.")
    assert clean.drop_calls_to_action([intro, *BODY], CTX) == [intro, *BODY]
    shared = "Teilen Sie uns Ihre Meinung zum neuen Radweg mit, der Stadtrat will die Hinweise im Herbst auswerten."
    assert clean.drop_calls_to_action([BODY[0], shared, BODY[1]], CTX) == [BODY[0], shared, BODY[1]]


def test_drop_date_lines_above_the_body():
    for line in ("Publié le 19 novembre 2026 à 6h11", "Veröffentlicht am 20.11.2026, 14:32 Uhr",
                 "Por Ana Belén Prieto · Publicado el 28 de noviembre de 2026, 07:29", "公開： 2026/11/20 20:20",
                 "Nov. 20, 2026 8:32 a.m. ET",
                 # a published and an updated date with the byline: long, but dates and markers
                 "Por Ana Belén Prieto · Publicado el 29 de noviembre de 2026, 13:41 · "
                 "Actualizado el 29 de noviembre de 2026, 18:41",
                 "Publié le 19/11/2026 à 09:03 - Mis à jour le 19/11/2026 à 12:15"):
        assert clean.drop_date_lines([line, *BODY], CTX) == BODY, line
        assert clean.drop_date_lines(["Par Anne Morel", line, *BODY], CTX) == ["Par Anne Morel", *BODY], line


def test_a_first_paragraph_opening_with_a_date_and_dates_inside_the_body_stay():
    opening = "Le 20 novembre 2026, le conseil municipal a voté le budget de la ville après un long débat."
    assert clean.drop_date_lines([opening, *BODY], CTX) == [opening, *BODY]
    unstopped = "Le 20 novembre 2026 le conseil municipal a voté le budget de la ville après un long débat"
    assert clean.drop_date_lines([unstopped, *BODY], CTX) == [unstopped, *BODY]
    inside = [BODY[0], "20 novembre 2026", *BODY[1:]]          # below the first paragraph: a subhead
    assert clean.drop_date_lines(inside, CTX) == inside
    for line in ("Updated Monday", "Published 3 hours ago", "Chapitre 3"):   # no dated year
        assert clean.drop_date_lines([line, *BODY], CTX) == [line, *BODY], line



def test_a_marked_date_stamp_goes_wherever_the_extractor_put_it():
    # the page's date block, kept by the extractor below or inside the body
    for stamp in ("公開： 2026/11/27 08:34", "Mis à jour le 30 novembre 2026 à 13h50", "Updated March 3, 2026 10:42 AM ET"):
        assert clean.drop_date_lines([BODY[0], stamp, *BODY[1:]], CTX) == BODY, stamp
        assert clean.drop_date_lines([*BODY, stamp], CTX) == BODY, stamp
    # an unmarked date, a dated sentence and a stamp with no paragraph around it stay
    for line in ("20 novembre 2026", "Mis à jour le 30 novembre 2026 : le maire a démissionné."):
        assert clean.drop_date_lines([*BODY, line], CTX) == [*BODY, line], line
    assert clean.drop_date_lines(["Publié le 19 novembre 2026 à 6h11"], CTX) == ["Publié le 19 novembre 2026 à 6h11"]


def test_a_share_bar_is_a_call_to_action_in_any_language():
    for row in ("Auf Facebook teilen · Auf X teilen · Per E-Mail senden · Link kopieren",
                "Xでシェア · LINEで送る · リンクをコピー", "Share on Facebook | Share on X | Email | Copy link"):
        assert clean.drop_calls_to_action([BODY[0], row, BODY[1]], CTX) == BODY[:2], row
    for row in ("Paris · Londres · Berlin", "Accueil | Monde | Sport"):   # a row of places or sections
        assert clean.drop_calls_to_action([BODY[0], row, BODY[1]], CTX) == [BODY[0], row, BODY[1]], row


def test_drop_byline_lines_credited_to_a_reporter_or_to_the_agency_alone():
    for byline in ("記者： 山下健太", "记者：王磊", "編集局", "本报编辑部", "AFP", "(Reuters)"):
        assert clean.drop_byline_lines([BODY[0], byline, BODY[1]], CTX) == BODY[:2], byline
    assert clean.drop_byline_lines([*BODY, "AFP"], CTX) == [*BODY, "AFP"]  # a credit below the body stays
