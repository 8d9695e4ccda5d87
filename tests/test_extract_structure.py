"""Structural rules (``crawler.extract.structure``): each on a small hand-written page."""

import trafilatura

from crawler.extract import extract_article

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


def test_article_header_sub_headline_is_not_body():
    html = header_page()
    assert DEK in (trafilatura.extract(html, include_comments=False) or "")  # the problem, without the rule
    art = extract_article(html, "https://zeitung.test/lokales/tram-ost")
    assert DEK not in art.text
    assert art.text.split("\n") == DE_PARAS
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
