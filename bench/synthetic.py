"""A seeded, labelled corpus of fictional wire dispatches and their syndicated copies.

Nothing is downloaded: words are pseudo-words built from per-language syllables around
real function words, sentences come from small per-language grammars. Each base dispatch
gets copies carrying the edits real syndication makes (rewritten headline, credit line
added or removed, 1-5 % of words substituted, a paragraph added or dropped, paragraphs
swapped, cut to the first half or third, site boilerplate wrapped around, typographic
noise). Hard negatives are generated on purpose: different events from one template
(market closes, weather bulletins, match reports, earthquake reports), follow-ups that
share one background paragraph, and one event covered independently by two agencies.

Used by tests (small sets) and bench/dedup.py (full set, scale stream).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Iterator

__all__ = ["Doc", "Corpus", "labelled_corpus", "scale_texts", "LANGS"]

LANGS = ("en", "fr", "de", "es")

_FUNC = {
    "en": dict(det=["the", "a", "this", "their"], prep=["in", "near", "after", "before", "across", "with"],
               conj=["and", "while", "but", "as"], said=["said", "told reporters", "announced", "warned"],
               on="on", credit="({city}) ({agency}) -", lire="Read also:", sub="Subscribe to the {site} newsletter"),
    "fr": dict(det=["le", "la", "les", "un", "une", "ce"], prep=["à", "près de", "après", "avant", "dans", "avec"],
               conj=["et", "alors que", "mais", "tandis que"], said=["a déclaré", "a annoncé", "a averti", "a indiqué"],
               on="le", credit="{city} ({agency}) -", lire="Lire aussi :", sub="Abonnez-vous à la lettre de {site}"),
    "de": dict(det=["der", "die", "das", "ein", "eine", "diese"], prep=["in", "nach", "vor", "bei", "mit", "über"],
               conj=["und", "während", "aber", "als"], said=["sagte", "kündigte an", "warnte", "erklärte"],
               on="am", credit="{city} ({agency}) -", lire="Lesen Sie auch:", sub="Abonnieren Sie den {site} Newsletter"),
    "es": dict(det=["el", "la", "los", "un", "una", "este"], prep=["en", "tras", "antes de", "cerca de", "con", "sobre"],
               conj=["y", "mientras", "pero", "como"], said=["dijo", "anunció", "advirtió", "declaró"],
               on="el", credit="{city} ({agency}) -", lire="Lea también:", sub="Suscríbase al boletín de {site}"),
}
_SYL = {
    "en": "ba be bi bo ro ra st th er an in on ing ed le ly ver com pro con ter".split(),
    "fr": "le la ri ou eau ai on en ement tion que ré pre dé ti ran ssi ch eur".split(),
    "de": "ge be ver un sch ei au ung en er lich keit st ra ko zu ber den tz".split(),
    "es": "ca la ri do ción men te es pa ra lo ar ue ie ta mi co so ble dad".split(),
}
AGENCIES = ("AFP", "AP", "Reuters", "dpa", "EFE", "ANSA")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(slots=True)
class Doc:
    doc_id: str
    text: str
    story: int
    site: str
    published: datetime | None
    kind: str = "base"  # base | copy | template | followup | agency
    edits: tuple[str, ...] = ()


@dataclass(slots=True)
class Corpus:
    docs: list[Doc]
    # pairs of story labels that must never be merged
    hard_negatives: list[tuple[int, int]] = field(default_factory=list)


class _Lang:
    def __init__(self, lang: str, rng: random.Random, size: int = 2500) -> None:
        self.lang, self.f = lang, _FUNC[lang]
        syl = _SYL[lang]

        def word(n: int) -> str:
            return "".join(rng.choice(syl) for _ in range(n))

        self.nouns = sorted({word(rng.randint(2, 4)) for _ in range(size)})
        self.verbs = sorted({word(rng.randint(2, 3)) + ("ed" if lang == "en" else "") for _ in range(size // 2)})
        self.adjs = sorted({word(rng.randint(2, 3)) for _ in range(size // 2)})
        self.names = sorted({word(2).capitalize() + " " + word(3).capitalize() for _ in range(size // 2)})
        self.places = sorted({word(rng.randint(2, 3)).capitalize() for _ in range(size // 2)})

    def np(self, r: random.Random) -> str:
        f = self.f
        return f"{r.choice(f['det'])} {r.choice(self.adjs)} {r.choice(self.nouns)}"

    def sentence(self, r: random.Random, names: list[str], places: list[str]) -> str:
        f = self.f
        who = r.choice(names) if names and r.random() < 0.6 else self.np(r).capitalize()
        parts = [who, r.choice(self.verbs), self.np(r), r.choice(f["prep"]), r.choice(places) if places else self.np(r)]
        if r.random() < 0.6:
            parts += [r.choice(f["conj"]), self.np(r), r.choice(self.verbs), self.np(r)]
        if r.random() < 0.4:
            parts += [r.choice(f["prep"]), self.np(r), r.choice(f["prep"]), str(r.randint(2, 950))]
        if r.random() < 0.3:
            parts = ['"' + " ".join(parts) + '",', r.choice(names) if names else who, r.choice(f["said"])]
        return " ".join(parts) + "."

    def paragraph(self, r: random.Random, names: list[str], places: list[str]) -> str:
        return " ".join(self.sentence(r, names, places) for _ in range(r.randint(2, 4)))

    def headline(self, r: random.Random, names: list[str], places: list[str]) -> str:
        return f"{r.choice(names)} {r.choice(self.verbs)} {self.np(r)} {r.choice(self.f['prep'])} {r.choice(places)}"


def _templates(lg: _Lang, r: random.Random, site_city: str) -> dict[str, callable]:
    """Four template families: different events, same skeleton; numbers and names differ."""

    def market(rr: random.Random) -> list[str]:
        d = rr.choice(WEEKDAYS)
        up = rr.choice(["rose", "fell"])
        return [
            f"Stocks {up} on {d} as the {site_city} All-Share index closed at {rr.randint(5000, 9000)}.{rr.randint(10, 99)} points",
            f"The benchmark index {up} {rr.randint(1, 3)}.{rr.randint(0, 9)} percent on {d}, with {rr.randint(200, 900)} million shares changing hands, "
            f"after {rr.choice(lg.names)} of {rr.choice(lg.nouns).capitalize()} Capital said investors were watching {lg.np(rr)}.",
            f"Shares of {rr.choice(lg.places)} {rr.choice(lg.nouns).capitalize()} led the session, gaining {rr.randint(2, 15)}.{rr.randint(0, 9)} percent "
            f"after the company reported {lg.np(rr)} for the quarter.",
            f"The currency traded at {rr.randint(1, 2)}.{rr.randint(1000, 9999)} per dollar, while the ten-year yield stood at {rr.randint(1, 6)}.{rr.randint(10, 99)} percent. "
            f"Oil prices moved to {rr.randint(50, 110)}.{rr.randint(10, 99)} dollars a barrel.",
            "Market data are provided by the exchange and are delayed by at least fifteen minutes. Figures are provisional and may be revised.",
        ]

    def weather(rr: random.Random) -> list[str]:
        d = rr.choice(WEEKDAYS)
        return [
            f"Weather for {d}: {rr.choice(['rain', 'sunshine', 'storms', 'snow', 'fog'])} over {rr.choice(lg.places)}",
            f"Forecasters expect {rr.choice(['heavy rain', 'bright sunshine', 'thunderstorms', 'snow showers', 'dense fog'])} over {rr.choice(lg.places)} and {rr.choice(lg.places)} on {d}, "
            f"with temperatures between {rr.randint(-5, 15)} and {rr.randint(16, 38)} degrees.",
            f"Winds will blow from the {rr.choice(['north', 'south', 'east', 'west'])} at up to {rr.randint(10, 90)} kilometres per hour, "
            f"and the risk of {rr.choice(['flooding', 'frost', 'wildfire', 'ice'])} is rated {rr.choice(['low', 'moderate', 'high'])} near {rr.choice(lg.places)}.",
            "The national weather service updates its forecast every three hours. Warnings are issued by region and can change at short notice.",
        ]

    def match(rr: random.Random) -> list[str]:
        h, a = rr.sample(lg.places, 2)
        return [
            f"{h} beat {a} {rr.randint(1, 5)}-{rr.randint(0, 3)} in the league",
            f"{h} won {rr.randint(1, 5)}-{rr.randint(0, 3)} against {a} on {rr.choice(WEEKDAYS)} in front of {rr.randint(5, 80)},{rr.randint(100, 999)} spectators, "
            f"{rr.choice(lg.names)} scoring in the {rr.randint(2, 45)}th minute and {rr.choice(lg.names)} in the {rr.randint(46, 90)}th.",
            f"The result leaves {h} in {rr.randint(1, 20)}th place with {rr.randint(10, 70)} points after {rr.randint(10, 34)} matches, "
            f"while {a} remain on {rr.randint(5, 60)} points.",
            f"{rr.choice(lg.names)}, the coach of {h}, praised {lg.np(rr)} after the game.",
            "Full results, tables and fixtures are available on the league website. All times are local.",
        ]

    def quake(rr: random.Random) -> list[str]:
        p = rr.choice(lg.places)
        m = f"{rr.randint(4, 7)}.{rr.randint(0, 9)}"
        return [
            f"Magnitude {m} earthquake strikes near {p}",
            f"An earthquake of magnitude {m} struck near {p} at {rr.randint(0, 23)}:{rr.randint(10, 59)} local time on {rr.choice(WEEKDAYS)}, "
            f"the geological survey said, at a depth of {rr.randint(5, 300)} kilometres.",
            f"The epicentre was located {rr.randint(5, 120)} kilometres {rr.choice(['north', 'south', 'east', 'west'])} of {rr.choice(lg.places)}, "
            f"and the tremor was felt in {rr.choice(lg.places)} and {rr.choice(lg.places)}.",
            f"There were no immediate reports of damage or casualties, {rr.choice(lg.names)} of the civil protection agency said.",
            "The geological survey publishes preliminary data within minutes of an event. Magnitudes are often revised in the following hours.",
        ]

    return {"market": market, "weather": weather, "match": match, "quake": quake}


class _Site:
    def __init__(self, i: int, lang: str, r: random.Random, lg: _Lang) -> None:
        self.name = f"{r.choice(lg.places)}{r.choice(['Post', 'Times', 'News', 'Daily', 'Courier'])}{i}"
        self.host = f"site{i}.example"
        self.lang = lang
        f = lg.f
        self.top = [f["sub"].format(site=self.name) + " " + " ".join(r.choice(lg.nouns) for _ in range(6)) + "."]
        self.bottom = [
            f"© 2026 {self.name}. " + " ".join(r.choice(lg.nouns) for _ in range(8)) + ".",
            "Share this article: Facebook Twitter Email WhatsApp",
        ]
        self.lire = f["lire"]


def _noise(text: str, r: random.Random) -> str:
    """Typographic noise: curly quotes, nbsp, HTML entities."""
    text = text.replace('"', "\u201c", 1).replace('"', "\u201d", 1)
    text = text.replace("'", "\u2019")
    if r.random() < 0.5:
        text = text.replace(" - ", "\u00a0- ").replace(", ", ",\u00a0", 3)
    if r.random() < 0.5:
        text = text.replace("é", "&eacute;").replace("&", "&amp;", 0).replace(" and ", " &amp; ", 1)
    return text


def _copy(paras: list[str], headline: str, lg: _Lang, r: random.Random, site: _Site, credit: str,
          other_headlines: list[str], edits_wanted: int) -> tuple[str, tuple[str, ...]]:
    """One syndicated copy of a dispatch (headline first line, then paragraphs)."""
    ps = list(paras)
    edits: list[str] = []
    pool = ["headline", "credit", "subst", "para", "reorder", "half", "third", "boiler", "noise"]
    chosen = r.sample(pool, k=edits_wanted)
    if "third" in chosen and "half" in chosen:
        chosen.remove("half")
    head = headline
    if "headline" in chosen:
        head = lg.headline(r, [headline.split(" ")[0] + " " + headline.split(" ")[1]], [r.choice(lg.places)])
        edits.append("headline")
    if "credit" in chosen:
        if ps[0].startswith(credit):
            ps[0] = ps[0][len(credit):].lstrip()
        else:
            ps[0] = credit + " " + ps[0]
        if r.random() < 0.5:
            ps.append(f"- {credit.split('(')[-1].split(')')[0]}")
        edits.append("credit")
    if "para" in chosen:
        if r.random() < 0.5 and len(ps) > 3:
            del ps[r.randrange(1, len(ps))]
            edits.append("para-drop")
        else:
            ps.insert(r.randrange(1, len(ps) + 1), lg.paragraph(r, [], [r.choice(lg.places)]))
            edits.append("para-add")
    if "reorder" in chosen and len(ps) > 3:
        i = r.randrange(1, len(ps) - 1)
        ps[i], ps[i + 1] = ps[i + 1], ps[i]
        edits.append("reorder")
    if "subst" in chosen:
        rate = r.uniform(0.01, 0.05)
        out = []
        for p in ps:
            ws = p.split(" ")
            for j in range(len(ws)):
                if r.random() < rate:
                    ws[j] = r.choice(lg.nouns)
            out.append(" ".join(ws))
        ps = out
        edits.append("subst")
    body = [head] + ps
    for cut, frac in (("half", 1 / 2), ("third", 1 / 3)):
        if cut in chosen:
            ws = "\n".join(body).split(" ")
            body = [" ".join(ws[: max(8, round(len(ws) * frac))])]
            edits.append(cut)
    text = "\n".join(body)
    if "boiler" in chosen:
        lire = f"{site.lire} {r.choice(other_headlines)}"
        lines = text.split("\n")
        lines.insert(min(len(lines), 2), lire)
        text = "\n".join(site.top + lines + site.bottom)
        edits.append("boiler")
    if "noise" in chosen:
        text = _noise(text, r)
        edits.append("noise")
    return text, tuple(edits)


def labelled_corpus(n_base: int = 2000, *, seed: int = 1, copies: tuple[int, int] = (1, 5),
                    n_sites: int = 40, template_share: float = 0.12) -> Corpus:
    """A labelled corpus: ``n_base`` base dispatches with copies, plus hard negatives.

    Args:
        n_base: number of base (ordinary) dispatches.
        seed: RNG seed; the same seed gives the same corpus.
        copies: min and max number of syndicated copies per story.
        n_sites: number of republishing sites (each with its own boilerplate).
        template_share: template-event stories per base dispatch (hard negatives).

    Returns:
        A ``Corpus``; ``docs`` are in arrival order (shuffled across stories, each
        story's docs in a random order so copies may arrive before the original).
    """
    r = random.Random(seed)
    langs = {lg: _Lang(lg, random.Random(f"{seed}-{lg}")) for lg in LANGS}
    sites = [_Site(i, LANGS[i % len(LANGS)], r, langs[LANGS[i % len(LANGS)]]) for i in range(n_sites)]
    t0 = datetime(2026, 11, 1, tzinfo=timezone.utc)
    stories: list[list[Doc]] = []
    hard: list[tuple[int, int]] = []
    headlines: dict[str, list[str]] = {lang: ["x"] for lang in LANGS}  # "Read also" links stay in the site's language

    def add_story(lang: str, head: str, paras: list[str], kind: str, rr: random.Random,
                  agency: str | None = None) -> int:
        sid = len(stories)
        lg = langs[lang]
        agency = agency or rr.choice(AGENCIES)
        credit = lg.f["credit"].format(city=rr.choice(lg.places).upper(), agency=agency)
        if rr.random() < 0.5:
            paras = [credit + " " + paras[0]] + paras[1:]
        when = t0 + timedelta(minutes=rr.randint(0, 60 * 24 * 20))
        docs = [Doc(f"d{sid}-0", "\n".join([head] + paras), sid, f"{agency.lower()}.example", when, kind)]
        lang_sites = [s for s in sites if s.lang == lang]
        for c in range(rr.randint(*copies)):
            site = rr.choice(lang_sites)
            text, edits = _copy(paras, head, lg, rr, site, credit, headlines[lang], rr.randint(1, 4))
            pub = when + timedelta(minutes=rr.randint(-30, 600)) if rr.random() < 0.9 else None
            docs.append(Doc(f"d{sid}-{c + 1}", text, sid, site.host, pub, "copy", edits))
        headlines[lang].append(head)
        stories.append(docs)
        return sid

    for i in range(n_base):
        lang = LANGS[i % len(LANGS)]
        lg = langs[lang]
        names = r.sample(lg.names, 3)
        places = r.sample(lg.places, 2)
        n_par = r.choice([2, 3, 4, 5, 6, 7, 9])
        paras = [lg.paragraph(r, names, places) for _ in range(n_par)]
        head = lg.headline(r, names, places)
        sid = add_story(lang, head, paras, "base", r)
        roll = r.random()
        if roll < 0.05 and n_par >= 4:  # follow-up: new article sharing one background paragraph
            # Background sits at the end of a wire dispatch (inverted pyramid), so the
            # follow-up reuses one of the original's last third of paragraphs: a copy cut
            # to the original's first half or third does not consist of it.
            fparas = [lg.paragraph(r, names, places) for _ in range(r.randint(3, 6))]
            fparas.insert(r.randrange(1, len(fparas)), r.choice(paras[-(len(paras) // 3):]))
            hard.append((sid, add_story(lang, lg.headline(r, names, places), fparas, "followup", r)))
        elif roll < 0.10:  # same event, another agency, written independently
            aparas = [lg.paragraph(r, names, places) for _ in range(r.randint(3, 6))]
            hard.append((sid, add_story(lang, lg.headline(r, names, places), aparas, "agency", r)))
    # template families: per language and family, a series of different events
    n_tpl = int(n_base * template_share)
    fams = [(lang, fam) for lang in LANGS for fam in ("market", "weather", "match", "quake")]
    per_series = max(2, n_tpl // len(fams))
    for lang, fam in fams:
        lg = langs[lang]
        tpl = _templates(lg, r, r.choice(lg.places))[fam]
        series = []
        for _ in range(per_series):
            lines = tpl(r)
            series.append(add_story(lang, lines[0], lines[1:], "template", r))
        hard.extend((a, b) for i, a in enumerate(series) for b in series[i + 1:])
    docs = [d for s in stories for d in s]
    # arrival order: roughly by publication time, with jitter (copies may arrive first)
    keyed = [((d.published or t0 + timedelta(days=30)).timestamp() + r.uniform(0, 7200), d.doc_id, d) for d in docs]
    keyed.sort(key=lambda x: (x[0], x[1]))
    return Corpus([d for _, _, d in keyed], hard)


def scale_texts(n: int, *, seed: int = 7, sentences: int | None = None, copy_rate: float = 0.3) -> Iterator[tuple[str, str]]:
    """A fast stream of ``(doc_id, text)`` of news length (~400 words) for scale runs.

    Documents are drawn from a pool of pre-generated sentences (about 24 each); a share
    ``copy_rate`` of them are edited copies of an earlier document (credit line, a
    dropped sentence, or truncation), so the index sees realistic story sizes.

    Args:
        n: number of documents.
        seed: RNG seed.
        sentences: size of the sentence pool (all languages; default ``max(50,000, n)``).
            The pool grows with ``n`` so that a sentence recurs in about the same number
            of unrelated documents at every scale (about 17), as in real news; a fixed
            pool would put each sentence in hundreds of unrelated articles at 1M and make
            chance LSH candidates grow with the corpus.
        copy_rate: share of documents that copy a recent earlier one.

    Yields:
        ``(doc_id, text)`` pairs.
    """
    r = random.Random(seed)
    sentences = max(50_000, n) if sentences is None else sentences
    pools = {}
    for lang in LANGS:
        lg = _Lang(lang, random.Random(f"{seed}-{lang}"))
        names, places = lg.names[:300], lg.places[:300]
        pools[lang] = [lg.sentence(r, r.sample(names, 2), r.sample(places, 1)) for _ in range(sentences // len(LANGS))]
    recent: list[list[str]] = []
    for i in range(n):
        if recent and r.random() < copy_rate:
            base = list(r.choice(recent))
            e = r.random()
            if e < 0.3:
                base[0] = "PARIS (AFP) - " + base[0]
            elif e < 0.6:
                del base[r.randrange(len(base))]
            elif e < 0.8:
                base = base[: max(3, len(base) // 3)]
            sents = base
        else:
            pool = pools[LANGS[i % len(LANGS)]]
            sents = r.choices(pool, k=r.randint(18, 31))
            recent.append(sents)
            if len(recent) > 2000:
                recent.pop(r.randrange(len(recent)))
        yield f"s{i}", " ".join(sents)


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def evaluate(corpus: Corpus, predicted: dict[str, str]) -> dict[str, float]:
    """Pairwise precision / recall, adjusted Rand index and the hard-negative checks.

    Args:
        corpus: the labelled corpus.
        predicted: ``doc_id -> story_id`` as assigned by the index.

    Returns:
        ``precision``, ``recall``, ``ari``, ``hard_negative_pairs_merged`` (doc pairs from
        two stories that must stay apart but share a predicted story),
        ``third_joined`` / ``half_joined`` (share of truncated copies in their story's
        majority predicted story), and the counts behind them.
    """
    from collections import Counter

    truth = {d.doc_id: d.story for d in corpus.docs}
    cont = Counter((truth[d], predicted[d]) for d in truth)
    tp = sum(_pairs(v) for v in cont.values())
    true_pairs = sum(_pairs(v) for v in Counter(truth.values()).values())
    pred_pairs = sum(_pairs(v) for v in Counter(predicted[d] for d in truth).values())
    total = _pairs(len(truth))
    expected = true_pairs * pred_pairs / total if total else 0.0
    max_index = (true_pairs + pred_pairs) / 2
    ari = (tp - expected) / (max_index - expected) if max_index != expected else 1.0
    by_story: dict[int, Counter] = {}
    for (t, p), v in cont.items():
        by_story.setdefault(t, Counter())[p] += v
    hard = 0
    for a, b in corpus.hard_negatives:
        ca, cb = by_story.get(a, Counter()), by_story.get(b, Counter())
        hard += sum(v * cb[p] for p, v in ca.items() if p in cb)
    major = {t: c.most_common(1)[0][0] for t, c in by_story.items()}
    out = {
        "docs": len(truth), "stories": len(by_story), "precision": tp / pred_pairs if pred_pairs else 1.0,
        "recall": tp / true_pairs if true_pairs else 1.0, "ari": ari, "hard_negative_pairs_merged": hard,
    }
    for cut in ("third", "half"):
        docs = [d for d in corpus.docs if cut in d.edits]
        out[f"{cut}_copies"] = len(docs)
        out[f"{cut}_joined"] = (sum(predicted[d.doc_id] == major[d.story] for d in docs) / len(docs)) if docs else 1.0
    return out
