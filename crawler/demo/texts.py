"""Fictional text of the demo world: wire dispatches, templated hard negatives, originals.

Every event, person, company and institution here is invented for the demo (real cities
only serve as datelines). Text is data, kept apart from the generator (``world.py``) so
that the syndication edits and the page templates stay readable.

A ``Dispatch`` is what an agency sent; ``world.py`` derives each outlet's copy from it
(headline rewrite, credit line kept or dropped, words changed, a paragraph added or
dropped, a copy truncated). ``Original`` is an outlet's own story, published once.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Dispatch:
    """One agency dispatch, before any outlet edits it."""

    key: str
    language: str
    agency: str
    dateline: str
    section: str                      # section key, shared by the sites of a language
    headlines: tuple[str, ...]        # one per copy (rewritten by each desk)
    paragraphs: tuple[str, ...]
    extra: str                        # a context paragraph one desk adds
    tags: tuple[str, ...]
    authors: tuple[str, ...] = ()     # agency staff named in the byline, when any


@dataclass(frozen=True)
class Original:
    """An outlet's own article, published on one site only."""

    key: str
    language: str
    section: str
    title: str
    paragraphs: tuple[str, ...]
    authors: tuple[str, ...]
    tags: tuple[str, ...]


# Credit formats per agency: the prefix that begins the first paragraph, and the end credit.
CREDIT_PREFIX = {
    "AFP": "{city} (AFP) - ",
    "Reuters": "{city} (Reuters) — ",
    "AP": "{city} (AP) — ",
    "dpa": "{city} (dpa) - ",
    "EFE": "{city} (EFE).- ",
}
CREDIT_SUFFIX = {"AFP": " (AFP)", "Reuters": " (Reuters)", "AP": " (AP)", "dpa": " — dpa",
                 "EFE": " (EFE)"}

# Small desk edits, per language: (old, new), applied to the first occurrence only.
DESK_EDITS = {
    "fr": (("a indiqué", "a précisé"), ("selon", "d'après"), ("environ", "près de"),
           ("a déclaré", "a affirmé"), ("également", "aussi"), ("lundi", "ce lundi")),
    "en": (("said", "told reporters"), ("about", "around"), ("also", "additionally"),
           ("more than", "over"), ("according to", "citing")),
    "de": (("sagte", "erklärte"), ("rund", "etwa"), ("mehr als", "über"),
           ("außerdem", "zudem"), ("teilte mit", "gab bekannt")),
    "es": (("afirmó", "aseguró"), ("según", "de acuerdo con"), ("unos", "alrededor de"),
           ("también", "además"), ("explicó", "detalló")),
}


DISPATCHES: tuple[Dispatch, ...] = (
    Dispatch(
        key="afp-tapisseries-lyon", language="fr", agency="AFP", dateline="LYON",
        section="culture", tags=("musées", "patrimoine"), authors=("Hélène Marchetti",),
        headlines=(
            "Trois tapisseries du XVIIe siècle dérobées au musée des Tisserands de Lyon",
            "Lyon : un vol spectaculaire au musée des Tisserands",
            "Vol de tapisseries à Lyon : les enquêteurs privilégient la piste d'une commande",
        ),
        paragraphs=(
            "Trois tapisseries flamandes du XVIIe siècle ont été dérobées dans la nuit de "
            "dimanche à lundi au musée des Tisserands de Lyon, un établissement municipal "
            "qui rouvrait à peine après deux ans de travaux, a indiqué la direction du musée.",
            "Les voleurs ont forcé une porte de service donnant sur la cour intérieure vers "
            "trois heures du matin, selon une source proche de l'enquête. L'alarme s'est "
            "déclenchée mais les agents de sécurité, arrivés quelques minutes plus tard, "
            "n'ont trouvé que les cadres vides et une échelle abandonnée.",
            "Les trois pièces, tissées à Audenarde vers 1650, représentent des scènes de "
            "chasse et mesurent chacune environ deux mètres sur trois. Leur valeur "
            "d'assurance n'a pas été communiquée, mais un expert interrogé par l'AFP "
            "l'estime à plusieurs centaines de milliers d'euros.",
            "\"C'est un choc pour toute l'équipe, nous venions de les réinstaller après une "
            "restauration de dix-huit mois\", a déclaré la conservatrice en chef, Odile "
            "Ferrandier, lors d'un point presse improvisé devant le bâtiment.",
            "Le parquet de Lyon a ouvert une enquête pour vol en bande organisée, confiée à "
            "l'Office central de lutte contre le trafic des biens culturels. Les enquêteurs "
            "examinent les images des caméras du quartier et n'excluent pas la piste d'un "
            "vol sur commande pour un collectionneur privé.",
            "Le musée restera fermé au public au moins jusqu'à la fin de la semaine, a "
            "également annoncé la mairie, qui promet un renforcement de la surveillance "
            "nocturne dans l'ensemble de ses établissements culturels.",
        ),
        extra="Ce n'est pas la première fois qu'un musée de la région est visé : en 2019, "
              "deux statuettes en bronze avaient disparu d'une collection de Vienne, avant "
              "d'être retrouvées lors d'une vente aux enchères en Belgique.",
    ),
    Dispatch(
        key="afp-quotas-maquereau", language="fr", agency="AFP", dateline="BRUXELLES",
        section="economie", tags=("pêche", "Union européenne"),
        headlines=(
            "Pêche : les Vingt-Sept s'entendent sur une baisse de 18 % du quota de maquereau",
            "Maquereau : accord européen arraché au bout de la nuit",
            "Quotas de pêche : les pêcheurs dénoncent un accord \"intenable\"",
        ),
        paragraphs=(
            "Les ministres européens de la Pêche se sont accordés mardi à l'aube sur une "
            "réduction de 18 % du quota de maquereau dans l'Atlantique Nord-Est pour "
            "l'année prochaine, au terme de vingt heures de négociations à Bruxelles.",
            "La Commission européenne proposait initialement une baisse de 26 %, en "
            "s'appuyant sur un avis scientifique qui juge le stock surexploité depuis "
            "cinq ans. Plusieurs pays, dont la France, l'Irlande et les Pays-Bas, "
            "réclamaient au contraire un maintien des captures au niveau actuel.",
            "\"Nous avons trouvé un équilibre entre la préservation de la ressource et la "
            "survie de nos flottilles\", a déclaré le commissaire chargé des Océans, Tomas "
            "Lindqvist, en sortant de la salle du Conseil.",
            "Les organisations de pêcheurs ont accueilli l'accord avec amertume. Selon le "
            "Comité national des pêches, la mesure pourrait coûter environ 40 millions "
            "d'euros de chiffre d'affaires aux armements français, principalement en "
            "Bretagne et dans les Hauts-de-France.",
            "Les ministres ont également prolongé d'un an le plan d'aide à la modernisation "
            "des navires, doté de 120 millions d'euros, et se sont engagés à réexaminer les "
            "quotas à mi-parcours si de nouvelles données scientifiques le justifient.",
        ),
        extra="Le maquereau représente près d'un quart des débarquements en valeur dans "
              "les criées de Boulogne-sur-Mer, premier port de pêche français.",
    ),
    Dispatch(
        key="afp-batteries-grenoble", language="fr", agency="AFP", dateline="GRENOBLE",
        section="economie", tags=("industrie", "énergie"), authors=("Marc-Antoine Rivet",),
        headlines=(
            "Batteries au sodium : la start-up grenobloise Natrelle lève 40 millions d'euros",
            "Natrelle lève 40 millions pour produire ses batteries sans lithium en Isère",
            "Une usine de batteries au sodium va voir le jour près de Grenoble",
        ),
        paragraphs=(
            "La jeune entreprise grenobloise Natrelle, qui développe des batteries au "
            "sodium destinées au stockage de l'électricité, a annoncé lundi avoir levé 40 "
            "millions d'euros auprès d'un consortium d'investisseurs emmené par un fonds "
            "public régional.",
            "Cette somme doit financer la construction d'une première ligne de production à "
            "Pont-de-Claix, au sud de Grenoble, d'une capacité d'environ 500 mégawattheures "
            "par an. L'usine devrait employer 180 personnes à partir de 2028, a indiqué "
            "l'entreprise dans un communiqué.",
            "Le sodium, extrait du sel, est bien plus abondant et moins cher que le lithium, "
            "mais les batteries qui l'utilisent stockent moins d'énergie pour un même poids. "
            "Natrelle mise donc sur des installations fixes, comme les parcs solaires ou les "
            "réseaux de chaleur, plutôt que sur les voitures électriques.",
            "\"Nous voulons prouver qu'une filière européenne de stockage peut exister sans "
            "dépendre des métaux critiques importés\", a déclaré sa cofondatrice, Inès "
            "Berthomieu, ancienne chercheuse au CEA.",
            "Fondée en 2021, la société compte aujourd'hui 65 salariés. Elle avait réalisé "
            "une première levée de 8 millions d'euros il y a deux ans et revendique des "
            "précommandes de trois producteurs d'énergie renouvelable.",
            "Plusieurs projets concurrents ont vu le jour en Europe ces derniers mois, "
            "notamment en Suède et en Espagne, selon un rapport publié en octobre par "
            "l'Agence internationale de l'énergie.",
        ),
        extra="La région Auvergne-Rhône-Alpes a déjà soutenu une dizaine de projets liés "
              "aux batteries depuis 2022, dans le cadre de son plan pour l'industrie verte.",
    ),
    Dispatch(
        key="reuters-halvorsen-cobalt", language="en", agency="Reuters", dateline="LONDON",
        section="business", tags=("mining", "mergers"), authors=("Priya Raman",),
        headlines=(
            "Halvorsen Minerals agrees to buy Cobalt Ridge in $4.2 billion deal",
            "Miner Halvorsen to acquire Cobalt Ridge for $4.2 bln",
            "Halvorsen bets on battery metals with Cobalt Ridge takeover",
        ),
        paragraphs=(
            "Halvorsen Minerals has agreed to buy smaller rival Cobalt Ridge for $4.2 "
            "billion in cash and shares, the companies said on Tuesday, creating one of "
            "the largest suppliers of battery metals outside China.",
            "Cobalt Ridge shareholders will receive $3.10 in cash and 0.42 new Halvorsen "
            "shares for each share they hold, valuing the company at a premium of about 31% "
            "to its closing price on Monday, according to a joint statement.",
            "The combined group would produce more than 40,000 tonnes of cobalt and 110,000 "
            "tonnes of nickel a year from mines in Canada, Australia and Zambia, making it "
            "a key supplier to electric vehicle makers seeking to diversify their sources.",
            "\"This is a transformational step that gives us the scale to compete for the "
            "next decade of demand,\" Halvorsen chief executive Mats Eriksen said on a call "
            "with analysts.",
            "The deal, which still needs approval from regulators in four countries and "
            "from Cobalt Ridge shareholders, is expected to close in the second half of "
            "next year. Halvorsen said it expected annual cost savings of about $250 million.",
            "Shares in Cobalt Ridge jumped 24% in early trading, while Halvorsen's stock "
            "fell 3.5% as some investors questioned the price paid at a time when cobalt "
            "prices are near a five-year low.",
        ),
        extra="Mining companies have spent more than $30 billion on acquisitions this year "
              "as they race to secure deposits of metals needed for the energy transition.",
    ),
    Dispatch(
        key="ap-tamarack-wildfire", language="en", agency="AP", dateline="SALEM, Ore.",
        section="us", tags=("wildfires", "weather"),
        headlines=(
            "Late-season wildfire forces evacuation of 3,000 homes in Oregon's Tamarack County",
            "Thousands evacuated as wind-driven fire spreads in Oregon",
            "Oregon fire grows to 12,000 acres, crews battle strong winds",
        ),
        paragraphs=(
            "A wind-driven wildfire burning unusually late in the season forced the "
            "evacuation of about 3,000 homes in Oregon's Tamarack County on Wednesday, as "
            "gusts of up to 50 mph pushed flames toward the outskirts of two small towns.",
            "The Cedar Hollow Fire had grown to more than 12,000 acres by the afternoon and "
            "was 5% contained, the state forestry department said. No injuries had been "
            "reported, but officials said at least 14 outbuildings and two homes had burned.",
            "\"We have not seen fire behavior like this in November in the 20 years I have "
            "been doing this job,\" county fire chief Dana Whitlock said at a briefing. "
            "\"The vegetation is as dry as it would normally be in August.\"",
            "Governor Rachel Okafor declared a state of emergency, freeing up state resources "
            "and allowing the National Guard to help with traffic control along the main "
            "highway out of the area.",
            "Forecasters said the winds were expected to ease by Thursday evening, with the "
            "first significant rain of the season possible over the weekend. An emergency "
            "shelter was opened at the county fairgrounds, where about 400 people spent "
            "the night.",
        ),
        extra="Oregon has had one of its driest autumns on record, with parts of the state "
              "receiving less than a quarter of their usual rainfall since September.",
    ),
    Dispatch(
        key="ap-meridian-probe", language="en", agency="AP", dateline="PASADENA, Calif.",
        section="science", tags=("space", "science"), authors=("Tom Becerra",),
        headlines=(
            "Meridian probe reaches asteroid after six-year journey",
            "NASA-backed spacecraft slips into orbit around asteroid Kallisto",
            "After 6 years and 3 billion miles, Meridian arrives at its asteroid",
        ),
        paragraphs=(
            "A spacecraft built to study a metal-rich asteroid slipped into orbit around "
            "its target on Thursday, ending a six-year journey of more than 3 billion miles, "
            "mission controllers said.",
            "Flight engineers at the Jet Propulsion Laboratory cheered as the signal "
            "confirming a 14-minute engine burn reached Earth shortly after noon. The "
            "Meridian probe will spend the next 20 months mapping the asteroid Kallisto, "
            "a potato-shaped rock about 140 miles across.",
            "Scientists believe Kallisto may be the exposed core of an early planet that "
            "lost its rocky outer layers in collisions billions of years ago, offering a "
            "rare look at the kind of material that lies deep inside Earth.",
            "\"We have been staring at a fuzzy dot for six years. Tomorrow we start seeing "
            "a world,\" said principal investigator Amara Lindholm, a planetary scientist "
            "at Arizona State University.",
            "The first close-up images are expected next week, once the probe has settled "
            "into a stable orbit about 430 miles above the surface. The mission cost about "
            "$1.1 billion, including the launch.",
        ),
        extra="Meridian is the third spacecraft to orbit an asteroid, after missions to "
              "Vesta and Bennu in the last two decades.",
    ),
    Dispatch(
        key="dpa-bahnstreik", language="de", agency="dpa", dateline="Hannover",
        section="wirtschaft", tags=("Streik", "Bahn"),
        headlines=(
            "Warnstreik legt Regionalverkehr in Niedersachsen lahm",
            "Pendler im Stau: Gewerkschaft GSV bestreikt Regionalbahnen",
            "Regionalbahnen stehen still – GSV droht mit weiteren Streiks",
        ),
        paragraphs=(
            "Ein Warnstreik der Gewerkschaft Schienenverkehr (GSV) hat am Donnerstagmorgen "
            "den Regionalverkehr in weiten Teilen Niedersachsens und Bremens zum Erliegen "
            "gebracht. Nach Angaben der Betreiber fielen rund 80 Prozent der Verbindungen aus.",
            "Betroffen waren vor allem die Strecken rund um Hannover, Braunschweig und "
            "Osnabrück. Viele Pendler wichen auf das Auto aus, was auf den Autobahnen 2 und 7 "
            "zu kilometerlangen Staus führte, wie die Polizei mitteilte.",
            "Die GSV fordert für die etwa 6.500 Beschäftigten der drei regionalen "
            "Bahnunternehmen eine Lohnerhöhung von 9,5 Prozent sowie eine kürzere "
            "Wochenarbeitszeit für Schichtarbeiter. Die Arbeitgeber hatten zuletzt 4,2 "
            "Prozent über zwei Jahre angeboten.",
            "\"Ohne ein deutlich verbessertes Angebot werden wir den Druck erhöhen\", sagte "
            "GSV-Verhandlungsführerin Birgit Hollmann in Hannover. Weitere Streiks vor "
            "Weihnachten schloss sie ausdrücklich nicht aus.",
            "Die Arbeitgeberseite nannte den Ausstand unverhältnismäßig. Man sei "
            "gesprächsbereit, die Forderungen der Gewerkschaft seien aber nicht "
            "finanzierbar, sagte ein Sprecher des Verbands der Regionalbahnen. Die nächste "
            "Verhandlungsrunde ist für kommende Woche in Bremen angesetzt.",
        ),
        extra="Bereits im Frühjahr hatte ein zweitägiger Streik den Nahverkehr in "
              "Norddeutschland weitgehend stillgelegt.",
    ),
    Dispatch(
        key="dpa-elbbruecke", language="de", agency="dpa", dateline="Magdeburg",
        section="panorama", tags=("Verkehr", "Sachsen-Anhalt"), authors=("Jonas Kettler",),
        headlines=(
            "Neue Elbbrücke bei Schönebeck nach vier Jahren Bauzeit eröffnet",
            "Schönebeck feiert seine neue Elbbrücke",
            "Elbquerung fertig: Brücke spart Pendlern 25 Kilometer Umweg",
        ),
        paragraphs=(
            "Nach gut vier Jahren Bauzeit ist die neue Elbbrücke bei Schönebeck südlich von "
            "Magdeburg für den Verkehr freigegeben worden. Sachsen-Anhalts "
            "Verkehrsministerin Karin Lößnitz durchschnitt am Freitag das Band.",
            "Die 860 Meter lange Schrägseilbrücke ersetzt eine Fährverbindung, die bei "
            "Hochwasser und Niedrigwasser regelmäßig eingestellt werden musste. Pendler "
            "sparen nach Angaben des Landes künftig bis zu 25 Kilometer Umweg.",
            "Die Baukosten stiegen von ursprünglich geplanten 98 Millionen auf rund 131 "
            "Millionen Euro. Als Gründe nannte das Ministerium gestiegene Stahlpreise und "
            "aufwendige Arbeiten an den Fundamenten im weichen Uferboden.",
            "\"Diese Brücke verbindet zwei Ufer, die über Jahrzehnte viel zu weit "
            "voneinander entfernt waren\", sagte Lößnitz bei der Eröffnung vor mehreren "
            "hundert Zuschauern. Am Wochenende ist die Brücke zunächst nur für Fußgänger "
            "und Radfahrer geöffnet, ab Montag dann auch für Autos.",
            "Umweltverbände hatten das Projekt lange bekämpft, weil es durch ein "
            "Vogelschutzgebiet führt. Als Ausgleich wurden außerdem rund 40 Hektar "
            "Auenwald neu angelegt.",
        ),
        extra="Die Fähre zwischen Schönebeck und Elbenau hatte zuletzt rund 1.200 "
              "Fahrzeuge pro Tag übergesetzt.",
    ),
    Dispatch(
        key="efe-embalses", language="es", agency="EFE", dateline="SEVILLA",
        section="sociedad", tags=("sequía", "agua"),
        headlines=(
            "Los embalses del Guadalquivir caen al 31 % y la Junta amplía las restricciones",
            "La sequía deja la cuenca del Guadalquivir al 31 % de su capacidad",
            "Andalucía endurece las restricciones de agua ante la caída de los embalses",
        ),
        paragraphs=(
            "Los embalses de la cuenca del Guadalquivir se encuentran al 31 % de su "
            "capacidad, el nivel más bajo para esta época del año desde que existen "
            "registros, según los datos publicados este lunes por la confederación "
            "hidrográfica.",
            "Ante esta situación, el gobierno andaluz aprobó la ampliación de las "
            "restricciones de riego a otras 43 comunidades de regantes y pidió a los "
            "ayuntamientos que reduzcan la presión del agua en horario nocturno.",
            "\"No podemos esperar a que llueva para actuar, cada metro cúbico cuenta\", "
            "afirmó la consejera de Agricultura, Marta Villalobos, en una rueda de prensa "
            "en Sevilla.",
            "Las organizaciones agrarias estiman que unas 120.000 hectáreas de cultivos de "
            "regadío, sobre todo olivar y cítricos, podrían verse afectadas por los recortes "
            "durante la próxima campaña.",
            "La Agencia Estatal de Meteorología prevé un invierno más seco de lo normal en "
            "el sur peninsular, aunque no descarta episodios de lluvias intensas a partir "
            "de enero, explicó un portavoz del organismo.",
        ),
        extra="La última gran sequía en la cuenca, entre 2022 y 2024, obligó a transportar "
              "agua en barco a varios municipios de la costa.",
    ),
    Dispatch(
        key="efe-mosaico-romano", language="es", agency="EFE", dateline="MÉRIDA",
        section="cultura", tags=("arqueología", "patrimonio"), authors=("Álvaro Centeno",),
        headlines=(
            "Hallan en Mérida un mosaico romano de 40 metros cuadrados casi intacto",
            "Un mosaico romano sale a la luz en las obras de un aparcamiento en Mérida",
            "Mérida descubre un mosaico de Baco \"excepcional\" bajo un solar",
        ),
        paragraphs=(
            "Un equipo de arqueólogos ha descubierto en Mérida un mosaico romano de unos 40 "
            "metros cuadrados en un estado de conservación excepcional, durante los "
            "trabajos previos a la construcción de un aparcamiento en el centro de la "
            "ciudad, informó este miércoles el consorcio que gestiona el patrimonio local.",
            "La pieza, datada a finales del siglo III, representa el triunfo de Baco rodeado "
            "de panteras y sátiros, y formaba parte del comedor de una gran casa señorial "
            "de la antigua Augusta Emerita.",
            "\"Es uno de los hallazgos más importantes de las últimas décadas en la ciudad; "
            "los colores se conservan como si se hubieran colocado ayer\", explicó la "
            "directora de la excavación, Beatriz Lozano.",
            "El consorcio prevé extraer el mosaico en los próximos meses para restaurarlo y "
            "exponerlo en el Museo Nacional de Arte Romano, mientras que el proyecto del "
            "aparcamiento tendrá que ser modificado.",
            "Los trabajos también han sacado a la luz restos de pinturas murales y varias "
            "monedas de bronce que ayudarán a fechar con mayor precisión las distintas fases "
            "de la vivienda.",
        ),
        extra="Mérida, declarada Patrimonio de la Humanidad en 1993, conserva uno de los "
              "conjuntos arqueológicos romanos más completos de Europa.",
    ),
)


# --- hard negatives: same template, different day, different figures ------------------

MARKET_DAYS = (
    dict(index_move="rose 0.8%", points="64.2", close="8,312.45", leader="miners",
         leader_detail="Halvorsen Minerals and Brennock Resources both gained more than 3% "
                       "as copper prices climbed to a four-month high on hopes of stronger "
                       "Chinese demand",
         laggard="Utilities were the weakest sector, with Westmere Water down 2.1% after a "
                 "regulator proposed tighter limits on bill increases",
         fx="Sterling firmed 0.3% against the dollar to $1.2745",
         mid="The mid-cap FTSE 250 added 0.5%, helped by a 9% jump in housebuilder Aldgate "
             "Homes after it raised its full-year completions forecast",
         quote_who="Hannah Greaves, senior strategist at Portcullis Wealth",
         quote="Investors are leaning back into cyclicals now that the worst of the rate "
               "fears seem to be behind us",
         ahead="Traders now turn to Thursday's retail sales figures for clues on consumer "
               "spending ahead of Christmas"),
    dict(index_move="fell 1.1%", points="91.7", close="8,220.75", leader="banks",
         leader_detail="Lenders led the decline, with Cheapside Banking Group sliding 4% "
                       "after warning that bad-loan charges would rise in the fourth quarter",
         laggard="Defensive stocks offered little shelter as drinks maker Harrowgate "
                 "Distillers lost 2.6% on a broker downgrade",
         fx="Sterling slipped 0.4% against the dollar to $1.2694",
         mid="The domestically focused FTSE 250 dropped 1.4%, its worst day in three weeks, "
             "as shipping group Tolland Lines plunged 11% after a profit warning",
         quote_who="Owen Castell, head of equities at Marlowe Partners",
         quote="One weak set of bank numbers was enough to remind everyone how fragile "
               "sentiment still is",
         ahead="Investors will watch Friday's inflation data closely for signs that price "
               "pressures are easing"),
)
MARKET_TITLE = "FTSE 100 {index_move} at close as {leader} {verb}"
MARKET_PARAGRAPHS = (
    "London's benchmark FTSE 100 index {index_move} on {weekday}, or {points} points, to "
    "close at {close}. {leader_detail}.",
    "{laggard}. {fx}, while gilt yields were little changed in late trading.",
    "{mid}.",
    "\"{quote},\" said {quote_who}.",
    "{ahead}. Index levels quoted in this report are provisional closing figures compiled "
    "from exchange data by the markets desk and may be revised once late trades have been "
    "reported to the exchange after the end of the session.",
)

WEATHER_DAYS = (
    dict(headline="pluie et vent sur la façade atlantique, douceur dans le Sud-Est",
         front="Une perturbation active aborde la Bretagne et les Pays de la Loire dès le "
               "matin, avec des rafales de 80 à 90 km/h sur le littoral du Finistère",
         north="Au nord de la Seine, le ciel reste très nuageux et quelques averses se "
               "produisent l'après-midi, sous des températures comprises entre 9 et 12 degrés",
         south="Dans le Sud-Est, le temps est sec et ensoleillé grâce au vent de sud, avec "
               "jusqu'à 19 degrés à Nice et 18 degrés à Marseille",
         alert="Météo-France a placé le Finistère et le Morbihan en vigilance jaune pour le "
               "vent jusqu'à jeudi matin",
         tomorrow="Demain, la perturbation gagnera le Centre et l'Île-de-France, tandis "
                  "que le soleil reviendra sur la Bretagne"),
    dict(headline="gel matinal dans l'Est, grisaille persistante sur le Nord",
         front="Sous un anticyclone solidement installé, les gelées sont généralisées du "
               "Grand Est à la Bourgogne au lever du jour, avec -4 degrés à Mulhouse et "
               "-3 degrés à Dijon",
         north="Les brouillards givrants tardent à se dissiper dans les vallées du Nord et "
               "de la Picardie, où la grisaille pourrait persister toute la journée",
         south="Le soleil domine en revanche sur le pourtour méditerranéen et en Corse, "
               "avec des maximales de 14 à 16 degrés",
         alert="Aucune vigilance particulière n'est en cours, mais la prudence est "
               "recommandée sur les routes des Vosges et du Jura en matinée",
         tomorrow="Demain, un flux d'ouest plus doux ramènera des nuages et quelques "
                  "pluies faibles sur la Normandie et les Hauts-de-France"),
)
WEATHER_TITLE = "Météo du {date} : {headline}"
WEATHER_PARAGRAPHS = (
    "{front}.",
    "{north}. {south}.",
    "{alert}, a indiqué le service de prévision dans son bulletin du matin.",
    "{tomorrow}. Les températures minimales resteront de saison pour la période.",
    "Ces prévisions sont établies chaque matin à partir des dernières données des modèles "
    "numériques et des observations des stations au sol. Elles peuvent évoluer au cours de "
    "la journée : consultez les mises à jour de notre bulletin et les cartes de vigilance "
    "avant tout déplacement.",
)


# --- originals: one outlet, one page ---------------------------------------------------

ORIGINALS: tuple[Original, ...] = (
    Original(
        key="fr-marche-noel", language="fr", section="culture",
        title="Le marché de Noël de la place Bellecour ouvrira avec une semaine d'avance",
        authors=("Sophie Laborde",), tags=("fêtes", "commerce"),
        paragraphs=(
            "Les chalets seront montés dès le week-end prochain : la mairie a décidé "
            "d'avancer d'une semaine l'ouverture du marché de Noël, à la demande des "
            "commerçants qui espèrent profiter des premières paies de décembre.",
            "Cent vingt exposants sont attendus cette année, dont un tiers d'artisans "
            "venus de la région. Une patinoire de 600 mètres carrés sera installée au pied "
            "de la statue, accessible gratuitement aux moins de douze ans.",
            "Les riverains, eux, s'inquiètent surtout du bruit et de la circulation. Une "
            "réunion publique est prévue jeudi soir à la mairie d'arrondissement.",
        ),
    ),
    Original(
        key="fr-velo-ecole", language="fr", section="societe",
        title="Namur : les écoliers apprendront à circuler à vélo dès la troisième primaire",
        authors=("Julien Vanderstraeten",), tags=("mobilité", "éducation"),
        paragraphs=(
            "À partir de la rentrée de janvier, tous les élèves de troisième primaire de la "
            "ville suivront dix heures de formation au vélo, d'abord dans la cour de "
            "l'école puis dans les rues du quartier, encadrés par des moniteurs.",
            "Le programme, financé par la Région à hauteur de 300 000 euros, doit "
            "permettre à terme de doubler la part des enfants qui se rendent à l'école à "
            "vélo, aujourd'hui inférieure à 5 %.",
            "Les directions d'école saluent l'initiative mais réclament des aménagements "
            "plus sûrs aux abords des établissements, où les parents déposent encore "
            "massivement leurs enfants en voiture.",
        ),
    ),
    Original(
        key="fr-erablieres", language="fr", section="economie",
        title="Les érablières s'inquiètent d'un automne trop doux",
        authors=("Geneviève Tremblay",), tags=("agriculture", "climat"),
        paragraphs=(
            "Les producteurs acéricoles de la région observent avec inquiétude les "
            "températures anormalement douces de novembre, qui retardent la mise en "
            "dormance des érables et pourraient nuire à la prochaine saison des sucres.",
            "« Un arbre qui entre mal dans l'hiver coule moins bien au printemps », "
            "résume un producteur de la Beauce, qui exploite quelque 12 000 entailles.",
            "Les chercheurs rappellent toutefois qu'un seul automne doux ne suffit pas à "
            "prédire une mauvaise récolte : tout dépendra de l'alternance du gel et du "
            "dégel en mars et en avril.",
        ),
    ),
    Original(
        key="fr-boulangerie-cp1252", language="fr", section="societe",
        title="À Vénissieux, la boulangerie « Chez Cécile » fête ses cent ans",
        authors=("Cécile Aubépine",), tags=("commerce", "portrait"),
        paragraphs=(
            "Derrière le comptoir, la même enseigne depuis 1926 : la boulangerie « Chez "
            "Cécile » célèbre ce week-end son centenaire, avec une fournée spéciale de "
            "brioches à la praline offerte aux habitués.",
            "L’actuelle gérante, Bérénice Fauré, a repris l’affaire de sa grand-mère il y a "
            "douze ans. « On a changé le four, pas la recette », sourit-elle, en désignant "
            "le pétrin d’origine exposé près de l’entrée.",
            "La baguette y coûte toujours 1,10 €, un prix qu’elle refuse d’augmenter "
            "malgré la hausse du coût de l’énergie. « Ici, c’est l’âme du quartier. »",
        ),
    ),
    Original(
        key="en-ferry-fares", language="en", section="us",
        title="Harbor ferry fares to rise 15 cents in January, authority says",
        authors=("Lena Morales",), tags=("transit", "city hall"),
        paragraphs=(
            "Riders of the city's harbor ferries will pay 15 cents more per trip starting "
            "Jan. 5, the transit authority's board voted Tuesday night, the first fare "
            "increase in six years.",
            "Officials said the extra revenue, estimated at $2.3 million a year, would pay "
            "for two new hybrid vessels and longer weekend service to the outer islands.",
            "Commuter advocates criticized the vote, noting that ridership has only just "
            "returned to pre-pandemic levels and that many regular riders already pay "
            "for monthly passes.",
        ),
    ),
    Original(
        key="en-library-reopens", language="en", section="science",
        title="Northgate library reopens with a makerspace and a seed bank",
        authors=("Callum Reid",), tags=("libraries", "community"),
        paragraphs=(
            "After eighteen months of refurbishment, Northgate's Victorian library reopened "
            "on Saturday with a ground-floor makerspace, a recording studio and, more "
            "unusually, a seed bank from which residents can borrow vegetable seeds.",
            "The £4.7 million project was funded largely by a heritage grant. Librarians "
            "said more than 900 people visited on the first morning, many of them signing "
            "up for a membership card for the first time.",
            "The seed bank asks borrowers to return seeds from their own harvest at the end "
            "of the season, so that the collection grows with the neighbourhood.",
        ),
    ),
    Original(
        key="de-weihnachtsmarkt", language="de", section="panorama",
        title="Weihnachtsmarkt am Gendarmenmarkt verlangt wieder Eintritt",
        authors=("Lea Brandstätter",), tags=("Berlin", "Advent"),
        paragraphs=(
            "Wer in diesem Jahr über den Weihnachtsmarkt am Gendarmenmarkt schlendern will, "
            "muss an den Wochenenden wieder zwei Euro Eintritt zahlen. Unter der Woche "
            "bleibt der Besuch bis 14 Uhr kostenlos, teilte der Veranstalter mit.",
            "Die Einnahmen sollen vor allem die gestiegenen Kosten für Sicherheit und "
            "Reinigung decken. Rund 150 Stände sind geplant, darunter erstmals eine Zone "
            "mit ausschließlich regionalen Produkten.",
            "Händler und Besucher reagierten gemischt: Während einige die Entzerrung an "
            "den Wochenenden begrüßen, sprechen andere von einem falschen Signal.",
        ),
    ),
    Original(
        key="de-kaffeehaus", language="de", section="panorama",
        title="Traditionscafé am Naschmarkt findet neue Pächter",
        authors=("Florian Haidinger",), tags=("Wien", "Gastronomie"),
        paragraphs=(
            "Das seit dem Sommer geschlossene Café Lindwurm am Naschmarkt wird weitergeführt: "
            "Zwei Geschwister aus Ottakring übernehmen den Betrieb und wollen Anfang "
            "Dezember wieder öffnen.",
            "Die Einrichtung aus den 1920er-Jahren samt Marmortischen und Thonet-Sesseln "
            "bleibt erhalten. Neu sind eine kleine Backstube und längere Öffnungszeiten am "
            "Wochenende.",
            "Stammgäste hatten im Herbst mehr als 5.000 Unterschriften für den Erhalt des "
            "Cafés gesammelt, das Generationen von Marktbesuchern als Treffpunkt diente.",
        ),
    ),
    Original(
        key="es-huerto-urbano", language="es", section="sociedad",
        title="Un huerto urbano en Lavapiés reparte 300 kilos de verdura al mes",
        authors=("Lucía Ortega",), tags=("barrios", "alimentación"),
        paragraphs=(
            "Lo que hace cinco años era un solar abandonado es hoy un huerto comunitario "
            "que reparte cada mes unos 300 kilos de verdura entre familias del barrio "
            "con pocos recursos.",
            "Una treintena de voluntarios se turnan para regar, plantar y cosechar. En "
            "invierno crecen acelgas, coles y habas; en verano, tomates y pimientos.",
            "El ayuntamiento estudia ceder otros dos solares municipales para replicar la "
            "experiencia en distritos del sur de la ciudad.",
        ),
    ),
    Original(
        key="es-metro-monterrey", language="es", section="sociedad",
        title="La línea 4 del metro de Monterrey abrirá en marzo, confirma el gobierno estatal",
        authors=("Rodrigo Garza",), tags=("transporte", "Monterrey"),
        paragraphs=(
            "La nueva línea 4 del metro, que conectará el centro con el municipio de "
            "Santa Catarina, comenzará a operar en marzo, confirmó este martes la "
            "secretaría de movilidad del estado.",
            "Las pruebas con trenes vacíos arrancarán en enero en los 9 kilómetros de "
            "trazado elevado. Se espera que la línea transporte unos 110.000 pasajeros "
            "diarios en su primer año.",
            "Vecinos de las colonias cercanas a las obras han pedido que se refuercen las "
            "rutas de camiones alimentadoras antes de la inauguración.",
        ),
    ),
    Original(
        key="es-feria-libro-unclosed", language="es", section="cultura",
        title="La feria del libro de Toledo bate su récord de visitantes",
        authors=("Ana Belén Prieto",), tags=("libros", "Toledo"),
        paragraphs=(
            "La feria del libro de Toledo cerró el domingo su edición más concurrida, con "
            "más de 85.000 visitantes en diez días, un 12 % más que el año anterior.",
            "Las casetas de literatura infantil y de novela negra fueron las más "
            "visitadas, según los organizadores, que destacaron también el éxito de las "
            "firmas de autores locales.",
            "La próxima edición se trasladará a la explanada del Alcázar para ganar "
            "espacio y reducir las colas de los fines de semana.",
        ),
    ),
)

# Articles behind robots.txt's Disallow (served, linked, never to be fetched).
PRIVATE = {
    "fr": ("Note interne : planning de la rédaction",
           ("Document réservé aux membres de la rédaction : planning des permanences du "
            "week-end et consignes pour la couverture des élections locales.",
            "Merci de ne pas diffuser ce document en dehors de l'équipe.")),
    "en": ("Internal memo: newsroom rota",
           ("Staff only: weekend rota and guidance for covering the council elections.",
            "Please do not share this page outside the newsroom.")),
    "de": ("Interne Notiz: Dienstplan der Redaktion",
           ("Nur für die Redaktion: Dienstplan für das Wochenende und Hinweise zur "
            "Berichterstattung über die Kommunalwahl.",
            "Bitte nicht außerhalb der Redaktion weitergeben.")),
    "es": ("Nota interna: turnos de la redacción",
           ("Solo para la redacción: turnos del fin de semana y pautas para la cobertura "
            "de las elecciones municipales.",
            "Por favor, no compartir fuera de la redacción.")),
}

# Stories of the Chinese and Japanese outlets (one of which joins each world).
CJK_ORIGINALS: tuple[Original, ...] = (
    Original(
        key="zh-ferry-night", language="zh", section="shehui",
        title="江心岛夜间轮渡下月恢复运营 末班船延至二十二点",
        authors=("周文涛",), tags=("交通", "轮渡"),
        paragraphs=(
            "记者从市港航管理处获悉，停航近两年的江心岛夜间轮渡将于下月一日恢复运营，"
            "末班船由原来的十九点半延长至二十二点，每三十分钟一班。",
            "港航管理处副主任陈立新介绍，新投入使用的两艘电动渡船各可搭载一百二十名乘客，"
            "并设有非机动车专用区域。码头候船厅也完成了改造，增加了无障碍通道和电子显示屏。",
            "江心岛上常住居民约四千人，不少人在对岸的工业园区上班。居民王桂芳说，"
            "以前加班晚了只能绕行大桥，单程要多花四十分钟，夜班船恢复后方便了很多。",
            "据介绍，恢复初期票价维持两元不变，持老年卡的乘客可免费乘坐。"
            "管理处表示，将根据客流情况在节假日适当加密班次。",
        ),
    ),
    Original(
        key="zh-tea-harvest", language="zh", section="caijing",
        title="秋茶收购价格小幅上涨 山区茶农收入有望增加",
        authors=("李佳音", "何志远"), tags=("农业", "茶叶"),
        paragraphs=(
            "进入十一月，南山乡的秋茶采摘接近尾声。乡农业服务中心的数据显示，"
            "今年秋茶鲜叶平均收购价为每公斤三十八元，比去年同期上涨约百分之六。",
            "茶农赵德明家种了十二亩茶园。他告诉记者，今年夏天雨水充足，"
            "秋茶长势比往年好，加上合作社统一收购，不用再担心卖不出去。",
            "南山乡茶叶专业合作社负责人介绍，合作社今年新建了一条清洁化生产线，"
            "加工能力提高了一倍，还与三家电商平台签订了长期供货协议。",
            "业内人士提醒，秋茶产量增加的同时，也要注意品质管理，"
            "避免为了追求产量而过度采摘，影响来年春茶的质量。",
        ),
    ),
    Original(
        key="zh-library-robot", language="zh", section="keji",
        title="市图书馆启用智能还书分拣系统 高峰期排队时间缩短一半",
        authors=("孙一鸣",), tags=("图书馆", "科技"),
        paragraphs=(
            "市图书馆新安装的智能还书分拣系统本周正式启用。读者将图书放入还书口后，"
            "系统可在几秒钟内识别书目信息，并按楼层和书架自动分拣。",
            "图书馆技术部负责人刘芳说，过去周末高峰期还书要排队二十分钟以上，"
            "新系统投入使用后，平均等候时间缩短了一半，工作人员也能把更多精力放在读者服务上。",
            "该系统每小时可处理约一千二百册图书，识别准确率超过百分之九十九。"
            "对于破损或无法识别的图书，系统会单独放入人工处理箱。",
            "图书馆还计划明年在三个分馆推广这一系统，并开通二十四小时自助还书服务。",
        ),
    ),
    Original(
        key="ja-port-crane", language="ja", section="keizai",
        title="潮見港に新型クレーン２基　コンテナ取扱量２割増へ",
        authors=("山下健太",), tags=("港湾", "物流"),
        paragraphs=(
            "潮見港の国際コンテナターミナルで、新たに導入された大型ガントリークレーン２基の"
            "運用が今月から始まった。港湾管理組合は、年間のコンテナ取扱量を約２割増やせると見込んでいる。",
            "新しいクレーンは従来型より荷役の速度が約３割速く、遠隔操作にも対応する。"
            "運転席の揺れが少なくなり、作業員の負担も軽くなるという。",
            "港湾管理組合の担当者は「大型船の寄港が増えており、待ち時間の短縮が課題だった。"
            "地元企業の輸出拡大にもつなげたい」と話した。",
            "同組合は来年度、ターミナルの照明をすべてＬＥＤに切り替える工事も予定している。",
        ),
    ),
    Original(
        key="ja-school-lunch", language="ja", section="kurashi",
        title="給食に地元産の魚を　市内の小学校で新メニュー",
        authors=("中川美咲",), tags=("教育", "食"),
        paragraphs=(
            "市内の全ての市立小学校で今週から、地元の漁港で水揚げされた魚を使った"
            "給食の新メニューが提供されている。初日はサバのみそ煮が出された。",
            "市教育委員会によると、これまで給食の魚は冷凍の輸入品が中心だった。"
            "漁協と協力して加工の手順を見直し、地元産を安定して仕入れられるようになった。",
            "栄養士の森田由紀さんは「子どもたちに地元の海の恵みを知ってほしい。"
            "骨を取り除くなど、食べやすさにも気を配った」と話す。",
            "児童からは「いつもよりおいしい」「家でも食べたい」との声が上がった。"
            "市は今後、月に２回程度、地元産の魚を使った献立を取り入れる方針だ。",
        ),
    ),
    Original(
        key="ja-shrine-festival", language="ja", section="shakai",
        title="潮見神社で秋の例大祭　４年ぶりにみこし巡行",
        authors=("石井翔",), tags=("祭り", "地域"),
        paragraphs=(
            "潮見神社の秋の例大祭が週末に開かれ、４年ぶりにみこしが港周辺の商店街を巡行した。"
            "沿道には家族連れなど大勢の見物客が詰めかけた。",
            "みこしの担ぎ手は地元の若者ら約８０人。威勢のいい掛け声とともに、"
            "約３キロの道のりを半日かけて練り歩いた。",
            "祭りの実行委員長を務める宮本一郎さんは「担ぎ手が集まるか心配だったが、"
            "大学生も多く参加してくれた。伝統を次の世代につなげたい」と語った。",
            "境内では地元の高校生による太鼓の演奏も披露され、夜遅くまでにぎわった。",
        ),
    ),
)

# Short briefs (3-4 short paragraphs), published by the outlets drawn to carry them.
BRIEFS: dict[str, tuple[Original, ...]] = {
    "fr": (
        Original(key="fr-brief-pont", language="fr", section="societe",
                 title="Le pont de la Gare fermé deux nuits pour travaux", authors=(),
                 tags=("circulation",), paragraphs=(
                     "Le pont de la Gare sera fermé à la circulation dans la nuit de mardi à "
                     "mercredi et de mercredi à jeudi, de 21 heures à 6 heures.",
                     "Les équipes de la métropole doivent remplacer les joints de dilatation "
                     "de l'ouvrage, usés par le passage des poids lourds.",
                     "Une déviation sera mise en place par le quai des Tanneurs. Les bus de "
                     "nuit emprunteront le même itinéraire.")),
        Original(key="fr-brief-piscine", language="fr", section="societe",
                 title="La piscine Jean-Bouin rouvre ses bassins samedi", authors=(),
                 tags=("sport",), paragraphs=(
                     "Fermée depuis la fin du mois d'août, la piscine Jean-Bouin rouvre ses "
                     "portes samedi à 9 heures.",
                     "Le système de filtration a été entièrement changé et les vestiaires "
                     "repeints pendant ces trois mois de travaux.",
                     "Les horaires restent inchangés, mais l'entrée sera gratuite le premier "
                     "week-end pour les habitants de la commune.")),
        Original(key="fr-brief-concert", language="fr", section="culture",
                 title="Un concert gratuit de l'harmonie municipale dimanche", authors=(),
                 tags=("musique",), paragraphs=(
                     "L'harmonie municipale donnera un concert gratuit dimanche à 16 heures "
                     "sous la halle du marché couvert.",
                     "Au programme, des marches, des musiques de film et deux créations d'un "
                     "jeune compositeur de la région.",
                     "Les cinquante musiciens préparent ce rendez-vous depuis la rentrée.",
                     "En cas de pluie, le concert sera déplacé à la salle des fêtes.")),
    ),
    "en": (
        Original(key="en-brief-bridge", language="en", section="us",
                 title="Harbor Street drawbridge to close overnight for repairs", authors=(),
                 tags=("traffic",), paragraphs=(
                     "The Harbor Street drawbridge will close to traffic from 10 p.m. Tuesday "
                     "until 5 a.m. Wednesday while crews replace a worn gear.",
                     "Drivers should use the Fulton Avenue crossing during the closure, the "
                     "city's transportation department said.",
                     "Boat traffic on the channel will not be affected.")),
        Original(key="en-brief-food-drive", language="en", section="us",
                 title="Food bank drive collects a record 30 tons", authors=(),
                 tags=("charity",), paragraphs=(
                     "A week-long food drive organised by the county food bank collected a "
                     "record 30 tons of canned goods and dry food.",
                     "Volunteers at 14 grocery stores sorted donations every evening, the "
                     "food bank said on Monday.",
                     "The food will be distributed to shelters and school pantries before "
                     "the holidays.")),
    ),
    "de": (
        Original(key="de-brief-sperrung", language="de", section="panorama",
                 title="Brückenstraße am Wochenende gesperrt", authors=(),
                 tags=("Verkehr",), paragraphs=(
                     "Die Brückenstraße wird von Samstagmorgen bis Sonntagabend zwischen "
                     "Marktplatz und Bahnhof voll gesperrt.",
                     "Grund sind Arbeiten an einer Gasleitung, teilten die Stadtwerke mit.",
                     "Eine Umleitung über die Lindenallee ist ausgeschildert. Die Buslinie 4 "
                     "fährt eine Ersatzhaltestelle an.")),
        Original(key="de-brief-bibliothek", language="de", section="panorama",
                 title="Stadtbibliothek verlängert Öffnungszeiten", authors=(),
                 tags=("Bildung",), paragraphs=(
                     "Die Stadtbibliothek hat ab Montag an Werktagen bis 20 Uhr geöffnet, "
                     "zwei Stunden länger als bisher.",
                     "Damit reagiere man auf den Wunsch vieler Berufstätiger und Studierender, "
                     "sagte die Leiterin der Bibliothek.",
                     "Samstags bleibt es bei den gewohnten Zeiten von 10 bis 14 Uhr.")),
    ),
    "es": (
        Original(key="es-brief-mercado", language="es", section="sociedad",
                 title="El mercado de abastos amplía su horario en diciembre", authors=(),
                 tags=("comercio",), paragraphs=(
                     "El mercado de abastos abrirá también los domingos por la mañana durante "
                     "todo el mes de diciembre.",
                     "La asociación de comerciantes espera así atender la mayor demanda de las "
                     "fiestas y evitar aglomeraciones.",
                     "El aparcamiento municipal será gratuito las dos primeras horas.")),
        Original(key="es-brief-coro", language="es", section="cultura",
                 title="El coro juvenil actuará en la catedral el sábado", authors=(),
                 tags=("música",), paragraphs=(
                     "El coro juvenil de la ciudad ofrecerá un concierto gratuito el sábado "
                     "a las siete de la tarde en la catedral.",
                     "Interpretará villancicos tradicionales y obras de compositores "
                     "locales del siglo pasado.",
                     "La entrada es libre hasta completar el aforo.")),
    ),
    "zh": (
        Original(key="zh-brief-road", language="zh", section="shehui",
                 title="滨江路部分路段本周末封闭施工", authors=(), tags=("交通",),
                 paragraphs=(
                     "市交警支队发布通告，本周六零时至周日二十四时，滨江路北段将封闭施工。",
                     "施工期间，过往车辆请绕行解放大道，公交三路和十一路临时改线。",
                     "交警部门提醒市民提前规划出行路线，尽量选择地铁等公共交通工具出行。",
                     "据了解，此次施工主要是更换老化的排水管道，完工后可缓解该路段雨天积水问题。")),
        Original(key="zh-brief-market", language="zh", section="caijing",
                 title="东门农贸市场改造完工 下周一重新开业", authors=(), tags=("民生",),
                 paragraphs=(
                     "经过三个月改造，东门农贸市场将于下周一重新开业。",
                     "改造后的市场新增了冷链摊位和电子秤复核点，通道也比原来宽了一倍。",
                     "市场管理方表示，原有摊主将按原位置优先入驻，摊位租金一年内不上调。",
                     "开业当天，市场还将举行食品安全宣传活动，并为前一百名顾客赠送环保购物袋。")),
    ),
    "ja": (
        Original(key="ja-brief-road", language="ja", section="shakai",
                 title="海岸通り、週末に夜間通行止め", authors=(), tags=("交通",),
                 paragraphs=(
                     "市は、海岸通りの一部区間で土曜と日曜の夜間、道路の補修工事のため通行止めにすると発表した。",
                     "時間は午後９時から翌朝６時まで。迂回路として駅前通りを案内する。",
                     "路線バスは臨時の停留所を設けるほか、一部の便で運行時刻を変更する。",
                     "市によると、工事は老朽化した舗装の打ち替えで、来月中旬までに全区間を終える予定だ。")),
        Original(key="ja-brief-library", language="ja", section="kurashi",
                 title="市立図書館、開館時間を延長", authors=(), tags=("図書館",),
                 paragraphs=(
                     "市立図書館は来月から、平日の開館時間を午後８時まで延長する。",
                     "仕事帰りの利用者や、試験を控えた学生からの要望に応えた。",
                     "土曜と日曜の開館時間は変わらない。延長に合わせて、夜間に利用できる自習室の座席も２０席増やす。",
                     "図書館は「多くの人に気軽に立ち寄ってほしい」としている。")),
    ),
}

# Reader comments (author, text), per language: what a comment section below a body holds.
COMMENTS: dict[str, tuple[tuple[str, str], ...]] = {
    "fr": (("Jean-Paul D.", "Enfin une bonne nouvelle, il était temps !"),
           ("Mireille_69", "Et qui va payer tout ça ? Comme d'habitude, le contribuable."),
           ("Thierry B.", "Article très clair, merci pour ces précisions."),
           ("lecteur_du_soir", "Je ne suis pas d'accord avec la conclusion, on verra dans un an.")),
    "en": (("mike_r", "About time. This should have happened years ago."),
           ("Sandra K.", "Who is paying for this? Nobody ever says."),
           ("harborfan88", "Great reporting, thanks for following up on this."),
           ("J. Alvarez", "I'll believe it when I see it.")),
    "de": (("Klaus M.", "Endlich passiert da mal etwas, wurde auch Zeit."),
           ("Gabi_1970", "Und wer bezahlt das am Ende? Wir Bürger natürlich."),
           ("Stefan R.", "Danke für den informativen Bericht."),
           ("Leser aus Pankow", "Mal abwarten, ob das wirklich so kommt.")),
    "es": (("Pepe_G", "Ya era hora, llevamos años esperando esto."),
           ("María L.", "¿Y quién lo paga? Siempre los mismos."),
           ("Antonio R.", "Muy buena información, gracias por el artículo."),
           ("lectora_fiel", "Habrá que ver si cumplen lo prometido.")),
    "zh": (("江边老李", "终于等到了，希望以后能一直坚持下去。"),
           ("小雨点", "支持！不过希望相关部门把配套服务也跟上。"),
           ("路过的网友", "报道很详细，点赞。"),
           ("王先生", "说得容易，做起来难，拭目以待吧。")),
    "ja": (("港町の住民", "やっと実現しましたね。楽しみにしています。"),
           ("たけし", "費用はどこから出ているのか気になります。"),
           ("通りすがり", "わかりやすい記事をありがとうございます。"),
           ("みどり", "本当にうまくいくのか、しばらく様子を見たいと思います。")),
}

PRIVATE.update({
    "zh": ("内部通知：编辑部值班安排",
           ("仅供编辑部内部使用：周末值班安排及选举报道注意事项。",
            "请勿对外转发。")),
    "ja": ("社内連絡：編集局の当番表",
           ("編集局内限定：週末の当番表と選挙報道の注意事項。",
            "社外への転送はご遠慮ください。")),
})
