"""Structural rules (``crawler.extract.body.structure``): each on a small hand-written page.

Each page shows a pattern trafilatura alone gets wrong; the tests assert only what
wirecrawl returns, so they hold whatever trafilatura's next release does with the page.
"""

import lxml.html
import pytest

from crawler.extract import ExtractOptions, extract_article
from crawler.extract.body.structure import body_box, lead_paragraphs, split_body_parts, structural_repairs

DE_PARAS = [
    "Der Stadtrat hat am Dienstagabend mit knapper Mehrheit beschlossen, die Straßenbahnlinie bis in die "
    "östlichen Stadtteile zu verlängern, nach fast zehn Jahren Streit über Trasse und Kosten.",
    "Die Bauarbeiten sollen im kommenden Frühjahr beginnen und rund drei Jahre dauern; die Stadt rechnet "
    "mit Kosten von gut 180 Millionen Euro, von denen der Bund mehr als die Hälfte übernimmt.",
    "Anwohner der betroffenen Straßen kritisierten die Entscheidung und kündigten an, gegen den Bebauungsplan "
    "vor dem Verwaltungsgericht klagen zu wollen, falls der Lärmschutz nicht verbessert wird.",
]
DEK = "Nach zehn Jahren Streit fällt die Entscheidung: Die Tram fährt bald bis in den Osten der Stadt."


def header_page(header_extra: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in DE_PARAS)
    return (
        "<html lang='de'><head><title>Tram fährt bis in den Osten</title></head><body>"
        "<nav><a href='/'>Start</a> <a href='/lokales'>Lokales</a></nav><main><article>"
        f"<header><h1>Tram fährt bis in den Osten</h1><p class='intro'>{DEK}</p>{header_extra}"
        "<div class='meta'>Von Anna Schmidt, 12.03.2024</div></header>"
        f"<div class='text'>{body}</div></article></main><footer>Impressum</footer></body></html>"
    )


def test_article_header_fields_are_not_body_but_its_dek_paragraph_is():
    html = header_page()
    art = extract_article(html, "https://zeitung.test/lokales/tram-ost")
    assert art.text.split("\n") == [DEK, *DE_PARAS]  # the byline and date line are gone
    assert art.title == "Tram fährt bis in den Osten"


OPENING = [  # a layout that puts the story's opening paragraphs inside its header
    "Seit dem frühen Morgen standen die Pendler an den Haltestellen im Osten der Stadt Schlange, "
    "weil die Busse wegen der Baustellen im Zentrum wieder einmal mit großer Verspätung fuhren.",
    "Für viele von ihnen ist die Entscheidung des Rates deshalb eine gute Nachricht, auch wenn die "
    "ersten Bahnen frühestens in drei Jahren rollen und bis dahin noch viele Umleitungen nötig sind.",
    "Die Verkehrsbetriebe wollen in der Zwischenzeit zusätzliche Busse einsetzen und die Takte in den "
    "Stoßzeiten verdichten, damit die Wartezeiten an den großen Umsteigepunkten kürzer werden.",
    "Ob das reicht, ist offen: Schon jetzt fehlen dem Unternehmen nach eigenen Angaben mehr als "
    "sechzig Fahrerinnen und Fahrer, und die Ausbildung neuer Kräfte dauert mehrere Monate.",
    "Der Personalrat fordert daher bessere Löhne und planbare Schichten, um den Beruf attraktiver zu "
    "machen; die Verhandlungen mit der Stadt sollen noch vor dem Sommer beginnen.",
]


def test_header_holding_a_body_length_text_is_kept():
    opening = "".join(f"<p>{p}</p>" for p in OPENING)
    art = extract_article(header_page(opening), "https://zeitung.test/lokales/tram-ost")
    assert all(p in art.text for p in OPENING + DE_PARAS)


def test_header_holding_the_opening_paragraph_after_its_dek_is_kept():
    # a short header, but two paragraphs: the second one opens the story (blog layouts)
    art = extract_article(header_page(f"<p>{OPENING[0]}</p>"), "https://zeitung.test/lokales/tram-ost")
    assert OPENING[0] in art.text and all(p in art.text for p in DE_PARAS)


FR_PARTS = [
    ["Le conseil municipal a voté mardi soir la création d'une nouvelle ligne de tramway vers les quartiers "
     "de l'est, après presque dix ans de débats sur le tracé et le coût du projet.",
     "Les travaux doivent commencer au printemps prochain et durer environ trois ans ; la ville estime leur "
     "coût à 180 millions d'euros, dont plus de la moitié sera prise en charge par l'État."],
    ["Les riverains des rues concernées ont critiqué la décision et annoncé qu'ils saisiraient le tribunal "
     "administratif si la protection contre le bruit n'était pas renforcée.",
     "Le maire a promis une réunion publique dans chaque quartier traversé avant le début du chantier, et "
     "une indemnisation des commerçants dont l'activité souffrirait des travaux."],
    ["L'opposition, elle, dénonce un projet trop cher et réclame un référendum local, une demande que la "
     "majorité juge inutile après dix ans de concertation et trois enquêtes publiques."],
]


def split_page(part_class=("article-body",) * 3, extra: str = "") -> str:
    chunks = []
    for i, (cls, paras) in enumerate(zip(part_class, FR_PARTS)):
        body = "".join(f"<p>{p}</p>" for p in paras)
        chunks.append(f"<div class='bloc'><div class='{cls}'>{body}</div><div class='colonne'><div class='pub'>Publicité</div></div></div>")
        if i == 0:
            chunks.append("<div class='bloc'><figure><img src='t.jpg'><figcaption>Le futur tramway.</figcaption></figure></div>")
    return (
        "<html lang='fr'><head><title>Le tramway ira vers l'est</title></head><body><nav><a href='/'>Accueil</a></nav>"
        "<main><h1>Le tramway ira vers l'est</h1><div class='morceaux'>" + "".join(chunks) + "</div>"
        f"{extra}</main><footer>Mentions légales</footer></body></html>"
    )


def test_body_split_across_sibling_containers_is_joined_in_page_order():
    html = split_page()
    art = extract_article(html, "https://journal.test/ville/tramway-est")
    assert art.text.split("\n") == [p for part in FR_PARTS for p in part]
    assert "Publicité" not in art.text and "Le futur tramway." not in art.text


def test_same_class_elsewhere_is_not_body():
    comments = ("<section id='comments'><h2>3 commentaires</h2><div class='bloc'><div class='article-body'>"
                "<p>Enfin ! Cela fait des années que nous attendons ce tramway dans le quartier, mais je crains que "
                "le chantier ne bloque la circulation pendant des mois et des mois, comme toujours.</p></div></div></section>")
    related = ("<ul class='a-lire'><li><div class='article-body'><p>Un autre article sur le budget de la ville, "
               "avec un long résumé qui ressemble à un paragraphe et qui pourrait passer pour la suite du texte principal.</p>"
               "</div></li></ul>")
    html = split_page(extra=comments + related)
    art = extract_article(html, "https://journal.test/ville/tramway-est")
    assert art.text.split("\n") == [p for part in FR_PARTS for p in part]


def test_second_story_with_its_own_h1_is_not_joined():
    html = split_page().replace("<div class='bloc'><div class='article-body'><p>Les riverains",
                                "<div class='bloc'><h1>Une autre histoire</h1><div class='article-body'><p>Les riverains")
    art = extract_article(html, "https://journal.test/ville/tramway-est")
    assert FR_PARTS[0][0] in art.text and FR_PARTS[1][0] not in art.text


IT_PARAS = [
    "Il consiglio comunale ha approvato martedì sera la nuova linea del tram verso i quartieri orientali, "
    "dopo quasi dieci anni di discussioni sul percorso e sui costi dell'opera.",
    "I lavori dovrebbero cominciare la prossima primavera e durare circa tre anni; il comune stima una spesa "
    "di 180 milioni di euro, più della metà a carico dello Stato.",
]
IT_CARDS = [
    "Il sindaco presenta il bilancio: più fondi per le scuole e per la manutenzione delle strade, meno per "
    "le consulenze esterne e gli eventi estivi in centro.",
    "Parcheggi, dal primo maggio cambiano le tariffe nelle zone blu: ecco quanto costerà la sosta nei "
    "quartieri centrali e dove si potrà ancora parcheggiare gratis.",
    "Piste ciclabili, la giunta annuncia venti chilometri di nuovi percorsi entro il prossimo anno, con un "
    "collegamento diretto tra la stazione e l'università.",
]


@pytest.mark.parametrize("card", [
    "<article class='card'><h3><a href='/citta/notizia-{i}'>Notizia {i}</a></h3><p>{c}</p></article>",
    # the picture links to the story, the title does not
    "<article class='card'><figure><a href='/citta/notizia-{i}'><img src='/img/{i}.jpg' alt=''></a></figure><h3>Notizia {i}</h3>"
    "<p>{c}</p></article>",
])
def test_sibling_story_cards_inside_the_article_are_not_body(card):
    cards = "".join(card.format(i=i, c=c) for i, c in enumerate(IT_CARDS))
    html = ("<html lang='it'><head><title>Il tram arriva a est</title></head><body><div id='main'>"
            "<article class='post'><h1>Il tram arriva a est</h1><div class='contenuto'>"
            + "".join(f"<p>{p}</p>" for p in IT_PARAS) + f"</div><div class='correlati'>{cards}</div></article>"
            "</div></body></html>")
    art = extract_article(html, "https://giornale.test/citta/tram-est")
    assert art.text.split("\n") == IT_PARAS


def test_sibling_articles_whose_headings_link_nowhere_are_the_storys_own_sections():
    # a listicle or a guide that wraps each of its entries in an <article>: no card links elsewhere
    entries = "".join(f"<article class='voce'><h3>{i + 1}. Tappa {i + 1}</h3><p>{c}</p></article>"
                      for i, c in enumerate(IT_CARDS))
    html = ("<html lang='it'><head><title>Tre tappe in città</title></head><body>"
            "<article class='post'><h1>Tre tappe in città</h1><div class='contenuto'>"
            f"<p>{IT_PARAS[0]}</p>{entries}</div></article></body></html>")
    text = extract_article(html, "https://giornale.test/citta/tre-tappe").text
    assert all(c in text for c in IT_CARDS) and IT_PARAS[0] in text


def test_a_lone_nested_article_is_the_body():
    html = ("<html lang='it'><head><title>Il tram arriva a est</title></head><body>"
            "<article><h1>Il tram arriva a est</h1><article class='testo'>"
            + "".join(f"<p>{p}</p>" for p in IT_PARAS) + "</article></article></body></html>")
    assert extract_article(html, "https://giornale.test/citta/tram-est").text.split("\n") == IT_PARAS



PT_PARAS = [
    "A câmara municipal aprovou na terça-feira à noite a nova linha de elétrico para os bairros do leste, "
    "depois de quase dez anos de discussões sobre o traçado e o custo da obra.",
    "As obras devem começar na próxima primavera e durar cerca de três anos; a câmara estima um custo de "
    "180 milhões de euros, mais de metade suportado pelo Estado.",
]


def test_microdata_date_and_author_lines_inside_the_body_are_metadata():
    html = ("<html lang='pt'><head><title>Elétrico chega ao leste</title></head><body><div itemprop='articleBody' "
            "class='articleBody'><span itemprop='datePublished'>segunda-feira, 22 de janeiro de 2018 às 0:13</span>"
            f"<p>{PT_PARAS[0]}</p><div itemprop='author'>Maria Santos, redação</div><p>{PT_PARAS[1]}</p>"
            "</div></body></html>")
    art = extract_article(html, "https://jornal.test/cidade/eletrico-leste")
    assert art.text.split("\n") == PT_PARAS


TWEET = ("Heute ist ein guter Tag für den Osten unserer Stadt: Die Tram kommt!<br>Danke an alle, "
         "die dafür gekämpft haben.")
TWEET_LINES = ["Heute ist ein guter Tag für den Osten unserer Stadt: Die Tram kommt!",
               "Danke an alle, die dafür gekämpft haben.",
               "— Anna Schmidt (@annaschmidt) 12. März 2024"]


def tweet_page(wrapper_class: str) -> str:
    tweet = (f"<div class='{wrapper_class}'><blockquote class='twitter-tweet'><p lang='de'>{TWEET}</p>"
             "— Anna Schmidt (@annaschmidt) <a href='https://twitter.test/annaschmidt/status/1'>12. März 2024</a>"
             "</blockquote></div>")
    return ("<html lang='de'><head><title>Tram fährt bis in den Osten</title></head><body>"
            f"<div class='article-body'><p>{DE_PARAS[0]}</p><p>{DE_PARAS[1]}</p>{tweet}<p>{DE_PARAS[2]}</p></div>"
            "</body></html>")


def test_embedded_post_dropped_with_a_chrome_named_wrapper_is_put_back_in_place():
    html = tweet_page("social-embed")
    art = extract_article(html, "https://zeitung.test/lokales/tram-ost")
    assert art.text.split("\n") == DE_PARAS[:2] + TWEET_LINES + DE_PARAS[2:]


def test_embedded_post_outside_a_chrome_wrapper_is_not_doubled():
    html = tweet_page("einbettung")
    art = extract_article(html, "https://zeitung.test/lokales/tram-ost")
    assert art.text.count("guter Tag") == 1 and DE_PARAS[2] in art.text


def test_a_sub_headline_after_the_headline_is_the_storys_dek_and_stays():
    # a dek is the story's own words (readers and most corpora count it); the headline is a field
    dek = "La medida afecta a más de tres mil agricultores y podría extenderse al abastecimiento urbano"
    paras = ["La confederación hidrográfica anunció este miércoles nuevas restricciones de riego para los "
             "agricultores del valle ante la falta de lluvias de los últimos meses.",
             "Los embalses de la cuenca se encuentran al cuarenta y dos por ciento de su capacidad, casi veinte "
             "puntos por debajo de la media de la última década."]
    html = ("<html lang='es'><head><title>Restricciones de riego en el valle</title></head><body>"
            "<div class='article-body'><h1>Restricciones de riego en el valle</h1>"
            f"<h2 class='subtitulo'>{dek}</h2><p>{paras[0]}</p>"
            f"<h2>Los embalses, bajo mínimos</h2><p>{paras[1]}</p></div></body></html>")
    art = extract_article(html, "https://www.diario.test/aragon/riego-771.html")
    assert art.text.split("\n") == [dek, paras[0], "Los embalses, bajo mínimos", paras[1]]


def test_article_header_keeps_its_dek_and_a_section_label_and_drops_its_fields():
    # some layouts open the story's first section inside the header: its label is body, and so is
    # the dek; the byline, the date, the kicker and the picture's caption are not
    label = "<div class='section'><h3>Was der Rat beschlossen hat:</h3><span>Stand 12.03.</span></div>"
    dek = f"<div class='lead'><span class='kicker'>Verkehr</span><h2>{DEK}</h2></div>"
    caption = ("<figure><img src='/tram.jpg'><figcaption>Eine Straßenbahn der Linie 4 an der Endhaltestelle "
               "im Westen der Stadt, aufgenommen im Januar</figcaption></figure>")
    html = header_page().replace(f"<p class='intro'>{DEK}</p>", dek + caption + label)
    lines = extract_article(html, "https://zeitung.test/lokales/tram-ost").text.split("\n")
    assert lines[0] == DEK and "Was der Rat beschlossen hat:" in lines and lines[-3:] == DE_PARAS
    assert "Von Anna Schmidt, 12.03.2024" not in lines and "Verkehr" not in lines
    assert not any("Endhaltestelle" in line for line in lines)


def test_a_header_holding_articles_of_its_own_is_no_article_header():
    # a forum thread whose markup nests each post's <article> inside a <header>: the posts are the page
    posts = "".join(f"<article class='message-body'><div class='bbWrapper'>{p}</div></article>" for p in DE_PARAS)
    html = ("<html lang='de'><head><title>Tram im Osten</title></head><body><article class='thread'>"
            f"<h1>Tram im Osten</h1><header class='message'>{posts}</header></article></body></html>")
    text = extract_article(html, "https://forum.test/threads/tram-ost.12/").text
    assert all(p in text for p in DE_PARAS)


def test_prune_list_and_repairs_can_be_switched_off_for_an_ablation():
    html = comment_page("<div class='article__comments'>")
    art = extract_article(html, "https://zeitung.test/lokales/tram-ost", options=ExtractOptions(prune_xpath=()))
    assert "Radlerin_HH" in art.text  # the comment section is no longer pruned
    split = split_page()
    whole = extract_article(split, "https://journal.test/ville/tramway-est")
    cut = extract_article(split, "https://journal.test/ville/tramway-est", options=ExtractOptions(repairs=False))
    assert len(cut.text) < len(whole.text)
    assert set(cut.text.split("\n")) < set(whole.text.split("\n"))


# --- reader comment sections --------------------------------------------------------

COMMENT = ("<p>Endlich eine sichere Verbindung ins Gewerbegebiet, bisher musste man sich jeden Morgen zwischen "
           "Lastwagen und parkenden Autos hindurchschlängeln, das war wirklich gefährlich.</p>")


def comment_page(thread_open: str, thread_close: str = "</div>", story_class: str = "text") -> str:
    body = "".join(f"<p>{p}</p>" for p in DE_PARAS)
    return (
        "<html lang='de'><head><title>Tram fährt bis in den Osten</title></head><body><main>"
        f"<h1>Tram fährt bis in den Osten</h1><div class='{story_class}'>{body}"
        f"{thread_open}<div><b>Radlerin_HH</b> 02.04.2026, 18:12 Uhr{COMMENT}</div>{thread_close}"
        "</div></main></body></html>"
    )


@pytest.mark.parametrize("thread_open,thread_close", [
    ("<div class='article__comments'>", "</div>"),  # named in the middle of a class
    ("<div id='kommentare'>", "</div>"),  # in the site's language
    ("<section class='bloc-commentaires'>", "</section>"),
    ("<div class='zone-comentarios'>", "</div>"),
    ("<section aria-label='Comentários'>", "</section>"),  # by ARIA
    ("<div itemscope itemtype='https://schema.org/UserComments'>", "</div>"),  # by microdata
    ("<ol><li itemscope itemtype='https://schema.org/Comment'>", "</li></ol>"),
    ("<div id='disqus_thread'>", "</div>"),  # the platforms' containers
    ("<div id='coral_thread'>", "</div>"),
    ("<div class='fb-comments'>", "</div>"),
])
def test_comment_sections_are_pruned_before_trafilatura(thread_open, thread_close):
    art = extract_article(comment_page(thread_open, thread_close), "https://zeitung.test/lokales/tram-ost")
    assert art.text.split("\n") == DE_PARAS


@pytest.mark.parametrize("story_class", ["text commentary", "kommentar artikel", "meinung-kommentar",
                                         "post type-post category-comentarios tag-comments", "live-match-comments"])
def test_opinion_pieces_named_commentary_are_not_comment_sections(story_class):
    art = extract_article(comment_page("<div class='discussion-box'>", story_class=story_class),
                          "https://zeitung.test/meinung/tram-ost")
    assert all(p in art.text for p in DE_PARAS)


@pytest.mark.parametrize("comment_class", ["hljs-comment", "token comment", "c1 comment"])
def test_comments_of_a_code_listing_are_its_lines_not_a_comment_section(comment_class):
    """Syntax highlighters mark a code comment with a class named "comment"; inside ``<pre>`` or
    ``<code>`` that is a line of the listing, kept with it, while a reader thread on the same
    page still goes."""
    listing = (f"<pre><code><span class='{comment_class}'># Zeitlimit: zwei Minuten für große Uploads</span>\n"
               f"client = Client(timeout=120)\n<span class='{comment_class}'># gilt für jede Anfrage</span>\n"
               "client.upload(pfad)</code></pre>")
    page = comment_page("<div class='article__comments'>").replace(f"<p>{DE_PARAS[1]}</p>", f"<p>{DE_PARAS[1]}</p>{listing}")
    art = extract_article(page, "https://zeitung.test/technik/zeitlimit")
    assert "# Zeitlimit: zwei Minuten für große Uploads" in art.text
    assert "# gilt für jede Anfrage" in art.text
    assert "client = Client(timeout=120)" in art.text
    assert "Radlerin_HH" not in art.text and COMMENT[3:40] not in art.text


FR_LEAD = ("La municipalité a voté mardi soir le prolongement du tramway vers les quartiers est, "
           "après dix ans de débats sur le tracé et le coût des travaux.")
FR_PARAS = [
    "Les travaux doivent commencer au printemps prochain et durer environ trois ans ; la ville estime leur "
    "coût à 180 millions d'euros, dont plus de la moitié à la charge de l'État.",
    "La régie des transports attend quarante mille voyageurs par jour sur la nouvelle ligne, deux fois plus "
    "que dans les bus qui desservent aujourd'hui le même trajet.",
    "Les riverains de l'avenue principale craignent en revanche des nuisances pendant le chantier et "
    "demandent des protections contre le bruit avant le premier coup de pioche.",
]


LEAD_CHROME = (  # what sits between a headline and its body and is no lead
    "<div class='signature'>Par Claire Martin, le 12 mars 2024 à 18 h 05, mis à jour à 19 h 10 après le vote</div>"
    "<div class='partage'>Partager sur Facebook · Partager sur X · Envoyer par courriel · Copier le lien</div>"
    "<div class='visuel'><img src='/tram.jpg'><div>Une rame de la ligne 2 au terminus ouest, photographiée "
    "en janvier par le service de communication de la ville</div></div>"
    "<ul class='a-lire'><li><a href='/ville/bus'>Les bus de nuit reviennent dès le mois prochain dans tous les "
    "quartiers de la ville</a></li></ul>"
)


def lead_page(lead: str, chrome: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in FR_PARAS)
    return (
        "<html lang='fr'><head><title>Le tramway ira jusqu'aux quartiers est</title></head><body>"
        "<nav><a href='/'>Accueil</a> <a href='/ville/'>Ville</a></nav><main><div class='page'>"
        "<div class='titre'><h1>Le tramway ira jusqu'aux quartiers est</h1></div>"
        f"{lead}{chrome}"
        f"<div class='corps-article'>{body}</div></div></main><footer>Mentions légales</footer></body></html>"
    )


def test_a_lead_set_apart_between_the_headline_and_the_body_opens_the_body():
    # trafilatura keeps the body's container; the chapo outside it is the story's own opening
    html = lead_page(f"<div class='chapo'><p>{FR_LEAD}</p></div>")
    lines = extract_article(html, "https://journal.test/ville/tramway-est").text.split("\n")
    assert lines == [FR_LEAD, *FR_PARAS]


def test_no_lead_is_made_of_a_byline_a_share_bar_a_caption_or_a_teaser_list():
    tree = lxml.html.fromstring(lead_page(f"<p class='intro'>{FR_LEAD}</p>", LEAD_CHROME))
    box = tree.find_class("corps-article")[0]
    assert lead_paragraphs(tree, box) == [FR_LEAD]
    assert lead_paragraphs(tree, box.getparent()) == []  # the headline inside the body's box


def test_a_lead_the_extractor_kept_below_the_body_opens_it():
    # trafilatura's full cascade can append the lead after the body on a short page
    tree = lxml.html.fromstring(lead_page(f"<p class='chapo'>{FR_LEAD}</p>"))
    lines = [*FR_PARAS, "Le tramway ira jusqu'aux quartiers est", FR_LEAD]
    assert structural_repairs(tree, lines, "https://journal.test/ville/tramway-est") == [
        FR_LEAD, *FR_PARAS, "Le tramway ira jusqu'aux quartiers est"]


JA_PARAS = ["市は、海岸通りの一部区間で土曜と日曜の夜間、道路の補修工事のため通行止めにすると発表した。",
            "時間は午後９時から翌朝６時まで。迂回路として駅前通りを案内する。",
            "路線バスは臨時の停留所を設けるほか、一部の便で運行時刻を変更する。",
            "市によると、工事は老朽化した舗装の打ち替えで、来月中旬までに全区間を終える予定だ。"]


def test_a_short_japanese_story_split_around_an_ad_is_whole():
    # Japanese paragraphs are short in characters: the parts are weighed as the words they say
    blocks = [JA_PARAS[:2], JA_PARAS[2:]]
    parts = "<div class='ad'><p><a href='/sub'>電子版の初月無料キャンペーン実施中。</a></p></div>".join(
        "<div class='text-block'>" + "".join(f"<p>{p}</p>" for p in b) + "</div>" for b in blocks)
    html = ("<html lang='ja'><head><title>海岸通り、週末に夜間通行止め</title></head><body>"
            "<div class='article'><h1>海岸通り、週末に夜間通行止め</h1><p class='date'>公開： 2026/11/27 08:28</p>"
            f"<div class='article-body'>{parts}</div><p class='tags'>キーワード： <a href='/tag/1'>交通</a></p>"
            "</div></body></html>")
    tree = lxml.html.fromstring(html)
    box = tree.find_class("text-block")[0]
    assert split_body_parts(tree, JA_PARAS[:2], box) == ([], JA_PARAS[2:])
    assert body_box(tree, JA_PARAS[:2]) is box


def test_the_bodys_box_is_the_container_of_its_paragraphs_not_of_the_lead():
    # the lead sits in the article's wrapper, the paragraphs in text blocks: the box is a block
    html = lead_page(f"<p class='chapo'>{FR_LEAD}</p>").replace(
        "<div class='corps-article'>", "<div class='corps-article'><div class='bloc'>").replace(
        "</div></div></main>", "</div></div></div></main>")
    tree = lxml.html.fromstring(html)
    assert body_box(tree, [FR_LEAD, *FR_PARAS]).get("class") == "bloc"


def test_an_article_joined_into_one_line_is_split_back_into_its_blocks():
    from crawler.extract.body.main_text import _split_joined
    html = ("<html><body><article><header><h1>Le tramway ira jusqu'aux quartiers est</h1>"
            f"<p class='chapo'>{FR_LEAD}</p><div class='meta'>Par Claire Martin · 12 mars</div></header>"
            "<div class='partage'>Partager sur Facebook · Partager sur X · Copier le lien</div><section>"
            + "".join(f"<p>{p}</p>" for p in FR_PARAS) + "</section></article></body></html>")
    tree = lxml.html.fromstring(html)
    joined = " ".join([FR_LEAD, "Partager sur Facebook · Partager sur X · Copier le lien", *FR_PARAS])
    assert _split_joined(tree, joined) == [FR_LEAD, "Partager sur Facebook · Partager sur X · Copier le lien",
                                          *FR_PARAS]
    assert _split_joined(tree, FR_LEAD + " un texte qui n'est pas sur la page") is None
