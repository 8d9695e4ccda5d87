"""What the demo outlets say in their own language: template labels and visible dates.

Visible dates matter because only some demo sites give machine-readable dates (JSON-LD,
``article:published_time``); the others show a date in the page's language and local
time only, as many real outlets do. ``visible_date`` renders the true UTC instant in the
site's timezone, so the ground truth and the page always agree.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

LABELS: dict[str, dict[str, str]] = {
    "fr": dict(
        search="Rechercher", latest="Dernières Infos", home="Accueil", all="Toute l'actualité",
        cookie="Ce site utilise des cookies pour mesurer l'audience et personnaliser les "
               "contenus. En poursuivant votre navigation, vous acceptez leur utilisation.",
        accept="Accepter", newsletter_title="Recevez notre newsletter",
        newsletter="Chaque matin, l'essentiel de l'actualité dans votre boîte mail.",
        subscribe="Je m'abonne", email="Votre adresse e-mail",
        share="Partager sur Facebook · Partager sur X · Envoyer par e-mail · Copier le lien",
        read_more="Lire aussi :", by="Par", and_="et", with_="avec",
        published="Publié le", updated="Mis à jour le", tags="Mots-clés :",
        next="Page suivante", prev="Page précédente", about="Qui sommes-nous ?",
        legal="Mentions légales", contact="Contact", archive="Archives",
        rights="Tous droits réservés.", results="Résultats de la recherche",
        no_results="Aucun résultat ne correspond à votre recherche.", author_page="Articles de",
        tag_page="Mot-clé :", not_found="Page introuvable", error="Erreur interne du serveur",
        not_found_text="La page que vous cherchez n'existe pas ou a été déplacée.",
        about_text="{name} est un quotidien d'information indépendant fondé en 1946. Sa "
                   "rédaction de quarante journalistes couvre l'actualité locale, nationale "
                   "et internationale.|Nous contacter : redaction@example.org. Directrice de "
                   "la publication : Anne Morel.",
    ),
    "en": dict(
        search="Search", latest="Latest news", home="Home", all="All news",
        cookie="We use cookies to improve your experience and to measure our audience. "
               "By continuing to browse you agree to our use of cookies.",
        accept="Accept", newsletter_title="Sign up for our newsletter",
        newsletter="The day's top stories, delivered to your inbox every morning.",
        subscribe="Sign up", email="Your email address",
        share="Share on Facebook · Share on X · Email · Copy link",
        read_more="Read more:", by="By", and_="and", with_="with",
        published="Published", updated="Updated", tags="Topics:",
        next="Next page", prev="Previous page", about="About us",
        legal="Terms of use", contact="Contact us", archive="Archive",
        rights="All rights reserved.", results="Search results",
        no_results="No results matched your search.", author_page="Stories by",
        tag_page="Topic:", not_found="Page not found", error="Internal server error",
        not_found_text="Sorry, the page you were looking for could not be found.",
        about_text="{name} has covered its community since 1889. Our newsroom of thirty "
                   "reporters and editors publishes around the clock.|Contact the newsroom "
                   "at news@example.org. Editor: Margaret Hale.",
    ),
    "de": dict(
        search="Suche", latest="Neueste Nachrichten", home="Startseite", all="Alle Nachrichten",
        cookie="Wir verwenden Cookies, um die Nutzung unserer Seite zu analysieren. Mit der "
               "weiteren Nutzung stimmen Sie dem zu.",
        accept="Zustimmen", newsletter_title="Unser Newsletter",
        newsletter="Die wichtigsten Nachrichten des Tages jeden Morgen in Ihrem Postfach.",
        subscribe="Jetzt anmelden", email="Ihre E-Mail-Adresse",
        share="Auf Facebook teilen · Auf X teilen · Per E-Mail senden · Link kopieren",
        read_more="Lesen Sie auch:", by="Von", and_="und", with_="mit",
        published="Veröffentlicht am", updated="Aktualisiert am", tags="Themen:",
        next="Nächste Seite", prev="Vorherige Seite", about="Über uns",
        legal="Impressum", contact="Kontakt", archive="Archiv",
        rights="Alle Rechte vorbehalten.", results="Suchergebnisse",
        no_results="Ihre Suche ergab keine Treffer.", author_page="Artikel von",
        tag_page="Thema:", not_found="Seite nicht gefunden", error="Interner Serverfehler",
        not_found_text="Die gesuchte Seite existiert nicht oder wurde verschoben.",
        about_text="{name} ist eine unabhängige Tageszeitung, gegründet 1952. Unsere "
                   "Redaktion berichtet rund um die Uhr aus der Stadt und aus aller Welt.|"
                   "Kontakt: redaktion@example.org. Chefredakteurin: Petra Lang.",
    ),
    "es": dict(
        search="Buscar", latest="Últimas noticias", home="Portada", all="Toda la actualidad",
        cookie="Utilizamos cookies propias y de terceros para analizar el tráfico. Si "
               "continúa navegando, acepta su uso.",
        accept="Aceptar", newsletter_title="Suscríbase a nuestro boletín",
        newsletter="Las noticias más importantes del día, cada mañana en su correo.",
        subscribe="Suscribirme", email="Su correo electrónico",
        share="Compartir en Facebook · Compartir en X · Enviar por correo · Copiar enlace",
        read_more="Lea también:", by="Por", and_="y", with_="con",
        published="Publicado el", updated="Actualizado el", tags="Temas:",
        next="Página siguiente", prev="Página anterior", about="Quiénes somos",
        legal="Aviso legal", contact="Contacto", archive="Hemeroteca",
        rights="Todos los derechos reservados.", results="Resultados de búsqueda",
        no_results="No se encontraron resultados para su búsqueda.", author_page="Artículos de",
        tag_page="Tema:", not_found="Página no encontrada", error="Error interno del servidor",
        not_found_text="La página que busca no existe o ha sido trasladada.",
        about_text="{name} es un diario independiente fundado en 1978. Su redacción cubre "
                   "la actualidad local, nacional e internacional.|Contacto: "
                   "redaccion@example.org. Directora: Carmen Ruiz.",
    ),
}

SECTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "fr": (("economie", "Économie"), ("culture", "Culture"), ("societe", "Société")),
    "en": (("business", "Business"), ("us", "Nation"), ("science", "Science")),
    "de": (("wirtschaft", "Wirtschaft"), ("panorama", "Panorama")),
    "es": (("sociedad", "Sociedad"), ("cultura", "Cultura")),
}

MONTHS = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "de": ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
           "September", "Oktober", "November", "Dezember"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"),
}
AP_MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.",
             "Oct.", "Nov.", "Dec.")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

DATE_STYLES = ("fr-long", "fr-short", "fr-ca", "en-us", "en-uk", "de-num", "de-long",
               "es-long", "es-mx")


def visible_date(instant: datetime, style: str, tz: str) -> str:
    """The date as an outlet of ``style`` shows it, in the site's local time.

    Args:
        instant: an aware datetime (the true instant, usually UTC).
        style: one of ``DATE_STYLES``.
        tz: the site's IANA timezone name.

    Returns:
        e.g. ``"20 novembre 2026 à 14h32"`` or ``"Nov. 20, 2026 8:32 a.m. ET"``.

    Raises:
        ValueError: on a naive datetime or an unknown style.
    """
    if instant.tzinfo is None:
        raise ValueError(f"naive datetime {instant!r}: demo dates are aware instants")
    d = instant.astimezone(ZoneInfo(tz))
    m = d.month - 1
    if style == "fr-long":
        return f"{d.day} {MONTHS['fr'][m]} {d.year} à {d.hour}h{d.minute:02d}"
    if style == "fr-short":
        return f"{d:%d/%m/%Y} à {d:%H:%M}"
    if style == "fr-ca":
        return f"{d.day} {MONTHS['fr'][m]} {d.year} à {d.hour} h {d.minute:02d}"
    if style == "en-us":
        hour = d.hour % 12 or 12
        ampm = "a.m." if d.hour < 12 else "p.m."
        return f"{AP_MONTHS[m]} {d.day}, {d.year} {hour}:{d.minute:02d} {ampm} ET"
    if style == "en-uk":
        return f"{d.day} {MONTHS['en'][m]} {d.year} • {d:%H:%M} {d.tzname()}"
    if style == "de-num":
        return f"{d:%d.%m.%Y}, {d:%H:%M} Uhr"
    if style == "de-long":
        return f"{d.day}. {MONTHS['de'][m]} {d.year}, {d:%H:%M} Uhr"
    if style == "es-long":
        return f"{d.day} de {MONTHS['es'][m]} de {d.year}, {d:%H:%M}"
    if style == "es-mx":
        return f"{d.day} de {MONTHS['es'][m]} de {d.year} | {d:%H:%M} hrs"
    raise ValueError(f"unknown date style {style!r}; expected one of {DATE_STYLES}")


def short_date(instant: datetime, language: str, tz: str) -> str:
    """A weather-bulletin style day name: ``"20 novembre"``, ``"20 November"``..."""
    d = instant.astimezone(ZoneInfo(tz))
    return f"{d.day} {MONTHS[language][d.month - 1]}"
