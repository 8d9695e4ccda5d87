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
        ad='Publicité',
        ad_text='Offre spéciale : 1 € le premier mois pour lire tous nos articles sans limite.',
        comments='{n} commentaires',
        comment_one='1 commentaire',
        no_comments='Soyez le premier à réagir.',
        comment_form='Laisser un commentaire',
        post='Publier',
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
        ad='Advertisement',
        ad_text='Limited offer: get unlimited access for $1 a week for your first year.',
        comments='{n} Comments',
        comment_one='1 Comment',
        no_comments='Be the first to comment.',
        comment_form='Leave a Reply',
        post='Post comment',
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
        ad='Anzeige',
        ad_text='Jetzt testen: vier Wochen alle Artikel lesen für nur 0,99 Euro.',
        comments='{n} Kommentare',
        comment_one='1 Kommentar',
        no_comments='Noch keine Kommentare.',
        comment_form='Schreiben Sie einen Kommentar',
        post='Absenden',
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
        ad='Publicidad',
        ad_text='Suscríbase ahora: el primer mes por solo 1 euro y acceso ilimitado.',
        comments='Comentarios ({n})',
        comment_one='Comentarios (1)',
        no_comments='Sé el primero en comentar.',
        comment_form='Deja un comentario',
        post='Enviar',
        about_text="{name} es un diario independiente fundado en 1978. Su redacción cubre "
                   "la actualidad local, nacional e internacional.|Contacto: "
                   "redaccion@example.org. Directora: Carmen Ruiz.",
    ),
    "zh": dict(
        search="搜索", latest="最新消息", home="首页", all="全部新闻",
        cookie="本网站使用 Cookie 统计访问量并改善阅读体验。继续浏览即表示您同意我们使用 Cookie。",
        accept="同意", newsletter_title="订阅早报快讯",
        newsletter="每天早上七点，把当天最重要的新闻送到您的邮箱。",
        subscribe="立即订阅", email="您的电子邮箱",
        share="分享到微信 · 分享到微博 · 复制链接",
        read_more="相关阅读：", by="记者", and_="、", with_="与",
        published="发布时间：", updated="更新时间：", tags="标签：",
        next="下一页", prev="上一页", about="关于我们",
        legal="版权声明", contact="联系我们", archive="往期回顾",
        rights="版权所有，未经授权不得转载。", results="搜索结果",
        no_results="没有找到相关内容。", author_page="作者文章：",
        tag_page="标签：", not_found="页面不存在", error="服务器内部错误",
        not_found_text="您访问的页面不存在或已被删除。",
        ad="广告", ad_text="限时优惠：新用户订阅电子版首月仅需一元，全站文章不限量阅读。",
        comments="网友评论（{n}）", comment_one="网友评论（1）", no_comments="暂无评论，快来抢沙发。",
        comment_form="发表评论", post="提交",
        about_text="{name}创刊于一九八五年，是一份立足本地、面向全国的综合性日报。|"
                   "新闻热线：news@example.org。总编辑：林晓岚。",
    ),
    "ja": dict(
        search="検索", latest="最新ニュース", home="トップ", all="ニュース一覧",
        cookie="当サイトでは利用状況の分析のためにクッキーを使用しています。"
               "閲覧を続けることでクッキーの使用に同意したものとみなします。",
        accept="同意する", newsletter_title="メールマガジン",
        newsletter="毎朝、その日の主なニュースをメールでお届けします。",
        subscribe="登録する", email="メールアドレス",
        share="Xでシェア · LINEで送る · リンクをコピー",
        read_more="関連記事：", by="記者：", and_="、", with_="と",
        published="公開：", updated="更新：", tags="キーワード：",
        next="次のページ", prev="前のページ", about="会社案内",
        legal="利用規約", contact="お問い合わせ", archive="過去の記事",
        rights="無断転載を禁じます。", results="検索結果",
        no_results="該当する記事は見つかりませんでした。", author_page="記者の記事：",
        tag_page="キーワード：", not_found="ページが見つかりません", error="サーバーエラー",
        not_found_text="お探しのページは削除されたか、移動した可能性があります。",
        ad="広告", ad_text="電子版の初月無料キャンペーン実施中。今なら全ての記事が読み放題です。",
        comments="コメント（{n}件）", comment_one="コメント（1件）", no_comments="まだコメントはありません。",
        comment_form="コメントを書く", post="投稿する",
        about_text="{name}は一九五一年創刊の地方紙です。港町の暮らしと経済を中心に、"
                   "地域のニュースを毎日お届けしています。|お問い合わせ：news@example.org。"
                   "編集局長：高村真理子。",
    ),
}

SECTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "fr": (("economie", "Économie"), ("culture", "Culture"), ("societe", "Société")),
    "en": (("business", "Business"), ("us", "Nation"), ("science", "Science")),
    "de": (("wirtschaft", "Wirtschaft"), ("panorama", "Panorama")),
    "es": (("sociedad", "Sociedad"), ("cultura", "Cultura")),
    "zh": (("caijing", "财经"), ("shehui", "社会"), ("keji", "科技")),
    "ja": (("keizai", "経済"), ("shakai", "社会"), ("kurashi", "くらし")),
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
               "es-long", "es-mx", "zh-num", "ja-num")
# Styles that name the zone ("ET", "GMT"): the others print a naive local time.
ZONED_STYLES = ("en-us", "en-uk")


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
    if style == "zh-num":
        return f"{d:%Y-%m-%d %H:%M}"
    if style == "ja-num":
        return f"{d:%Y/%m/%d %H:%M}"
    raise ValueError(f"unknown date style {style!r}; expected one of {DATE_STYLES}")


def short_date(instant: datetime, language: str, tz: str) -> str:
    """A weather-bulletin style day name: ``"20 novembre"``, ``"20 November"``..."""
    d = instant.astimezone(ZoneInfo(tz))
    if language in ("zh", "ja"):
        return f"{d.month}月{d.day}日"
    return f"{d.day} {MONTHS[language][d.month - 1]}"
