import pytest


@pytest.mark.parametrize("text,n_sent", [
    ("Der Kreml teilte mit, das Gespräch sei gut verlaufen. Peking bestätigte das.", 2),
    ("Erste Zeile ohne Punkt\nZweite Zeile.", 2),
    ("Dr. Müller traf am 7.10.2023 den US-Präsidenten.", 1),
    ("Absatz eins.\n\n\nAbsatz zwei.", 2),
    ("Er besuchte Japan. Dann reiste er nach China.", 2),
    ("Der Premier besuchte am Mittwoch Japan.", 1),
])
def test_sentences_and_offsets(analyze, text, n_sent):
    doc = analyze(text)
    assert len(doc.sentences) == n_sent
    for t in doc.tokens:
        assert doc.text[t.start:t.end] == t.text
    for s in doc.sentences:
        assert doc.tokens[s.tok_start].start == s.start and doc.tokens[s.tok_end - 1].end == s.end


def test_compounds_with_hyphen_stay_one_token(analyze):
    doc = analyze("US-Präsident Trump drohte der EU-Kommission.")
    assert "US-Präsident" in [t.text for t in doc.tokens]
    assert "EU-Kommission" in [t.text for t in doc.tokens]


@pytest.mark.parametrize("text", [
    "Die Bundes\u00adregierung tagte. Danach sprach Merz.",       # soft hyphen inside a word
    "Der Kanzler\u200b traf den Präsidenten. Beide schwiegen.",    # zero-width space
    "Das Cafe\u0301 schloss. Die Gäste gingen.",                   # not NFC: e + combining accent
    "Er sagte:\t„Wir  bleiben.“\u00a0Dann ging er.",               # odd whitespace between tokens
])
def test_offsets_where_somajo_changes_the_text(analyze, text):
    """Tokens are found in the text itself; where SoMaJo changed a token (dropped or
    normalised characters), its own offsets are used, and either way every span holds the
    token's text and sentences come out as SoMaJo splits them."""
    doc = analyze(text)
    assert len(doc.sentences) == 2
    for t in doc.tokens:
        assert doc.text[t.start:t.end] == t.text and t.text.strip() == t.text
    assert [t.start for t in doc.tokens] == sorted(t.start for t in doc.tokens)


@pytest.mark.parametrize("para,aligned", [
    ("Merz traf Macron.", True),
    ("Die Bundes\u00adregierung tagte.", False),
    ("Das Cafe\u0301 schloss.", False),
])
def test_align_finds_tokens_or_gives_up(para, aligned):
    from somajo import SoMaJo

    from lagebild.components.tokens import _align
    sents = list(SoMaJo("de_CMC", split_camel_case=False).tokenize_text([para]))
    spans = _align(sents, para)
    assert (spans is not None) == aligned
    if spans is not None:
        assert [para[a:b] for a, b in spans[0]] == [t.text for t in sents[0]]


# Texts of our own with and without emoji, text faces and odd characters: the emoji pre-filter
# must give exactly what stock SoMaJo gives.
PREFILTER_TEXTS = [
    "Der Kanzler traf am Montag den Präsidenten in Berlin.",
    "Super Ergebnis 👍🏽 für die Partei! Wir feiern 🎉🎉 heute Abend :-) ♥‿♥",
    "Flaggen 🇩🇪🇫🇷 wehten, ❤️ und ☺︎ auch: 10:30 Uhr, :smile: ist kein Emoji.",
    "Familie 👨‍👩‍👧 und Daumen 👍 – dazu ©2025 und ™ im Text.",
    "Ein Satz mit\u00adweichem Trennstrich und\u200bNullbreite.",
]


@pytest.mark.parametrize("text", PREFILTER_TEXTS)
def test_emoji_prefilter_is_exact(text):
    from somajo import SoMaJo

    from lagebild.components.tokens import with_emoji_prefilter
    stock = SoMaJo("de_CMC", split_camel_case=False, character_offsets=True)
    fast = with_emoji_prefilter(SoMaJo("de_CMC", split_camel_case=False, character_offsets=True))
    def run(t):
        return [[(x.text, x.token_class, x.character_offset, x.space_after) for x in s]
                for s in t.tokenize_text([text])]
    assert run(fast) == run(stock)


# Texts of our own for the pattern wrappers: abbreviations of every kind, at paragraph starts
# and ends, after brackets and quotes, glued to numbers and other words, multi-part ones,
# letter-dot sequences, odd whitespace, and `+`/`&` tokens of SoMaJo's list and outside it.
PATTERN_TEXTS = [
    "Der Abgeordnete sprach z.B. über Nr. 5 der Vorlage, d.h. über den Etat.",
    "Dr. med. Weber und Prof. Dr. Lang kamen ca. 20 Min. zu spät (vgl. S. 4).",
    "Die U.S.A. und die E.U. verhandelten, u.a. über Zölle usw.; bzw. nicht.",
    "Abs. 3 gilt ab Jan. bis Febr. 2026, so der Entwurf der Hauptstr. 12.",
    "Es kam so. Dann ging er. Ggf. folgt mehr.\tInkl. Steuern\u00a0zzgl. Porto.",
    "Am 3.4. um 12.30 Uhr, Art.5 GG, Tel.-Nr. 0301234 und www.beispiel.de/z.B.html",
    "„Evtl. morgen“, sagte er.Hr. Maier widersprach:ggf.schon heute.",
    "AT&T, H&M und C++ sowie Rock'n'Roll & Jazz, Forschung+Entwicklung und B+R.",
    "Procter&Gamble, S&P 500, M&A-Geschäft und Q&A mit AT & T.",
    "Ein Text ganz ohne Punkt oder Zeichen",
    "...und so. weiter..z. B. x.y.z. Ende.",
    # the gated patterns: e-mail, ISBN, dates, gender markers, Nr., ordinals, URLs, arrows,
    # semesters, each where it matches and beside near misses
    "Post an presse@beispiel.de oder info [at] verein [dot] org, nicht an @handle.",
    "ISBN 978-3-16-148410-0, ISBN-10: 3-16-148410-X, 316148410X und 9783161484100; Tel. 030 1234 5678.",
    "Am 03.10.2025, am 3/10/25, am 1-2-2026 und am 12.3. sowie 2025-10-03 und 3.4.5.6 Uhr.",
    "Lehrer*innen, Bürger:innen, Kolleg/innen und SchülerInnen; 10:30 Uhr und a:in.",
    "Der Bau-Nr. 5 und Haus.-Nr. 12 folgt die lfd.Nr. 7 (vgl. Nr.8).",
    "Am 3. Oktober, zum 25. Mal, 2025. und 3000. Besucher; 1.5 und 12.000 Euro.",
    "Siehe tagesschau.de-App, www.bund.DE/x.pdf, Bericht.docx, z.B. und Ende.Der Satz.",
    "Von A -> B, B <- C, A --> B, x < - y, ← und ⇒ sowie <b> und 3 > 2.",
    "Im WS23/24 und SoSe24, im SS 24 und WiSe2024; Klasse 5e12.",
]


@pytest.mark.parametrize("model", ["de_CMC", "en_PTB"])
@pytest.mark.parametrize("text", PATTERN_TEXTS + PREFILTER_TEXTS)
def test_fast_patterns_are_exact(model, text):
    """The abbreviation pattern searched only in chunks with a full stop and the `+`/`&`
    patterns only where those occur give exactly the tokens of stock SoMaJo."""
    from somajo import SoMaJo

    from lagebild.components.tokens import with_fast_patterns
    stock = SoMaJo(model, split_camel_case=False, character_offsets=True)
    fast = with_fast_patterns(SoMaJo(model, split_camel_case=False, character_offsets=True))
    assert type(fast._tokenizer.abbreviation).__name__ == "_ChunkPattern"
    def run(t):
        return [[(x.text, x.token_class, x.character_offset, x.space_after) for x in s]
                for s in t.tokenize_text([text])]
    assert run(fast) == run(stock)


@pytest.mark.parametrize("model", ["de_CMC", "en_PTB"])
@pytest.mark.parametrize("text", PATTERN_TEXTS)
def test_chunk_pattern_finds_the_same_matches(model, text):
    """Every wrapper's matches are the stock pattern's, position for position and group for
    group, and on every suffix of the text (SoMaJo runs the patterns on pieces of it)."""
    from somajo import SoMaJo

    from lagebild.components.tokens import _GATES, _ChunkPattern, _GatedPattern, _NeedlePattern
    inner = SoMaJo(model, split_camel_case=False)._tokenizer
    pairs = [(inner.abbreviation, _ChunkPattern(inner.abbreviation, ".")),
             (inner.single_token_abbreviation, _ChunkPattern(inner.single_token_abbreviation, ".")),
             (inner.token_with_plus_ampersand, _NeedlePattern(inner.token_with_plus_ampersand, "+&"))]
    pairs += [(getattr(inner, name), _GatedPattern(getattr(inner, name), gate)) for name, gate in _GATES.items()]
    for pattern, wrapped in pairs:
        for k in range(0, len(text), 7):
            piece = text[k:]
            assert [(m.span(), m.groups()) for m in wrapped.finditer(piece)] == \
                [(m.span(), m.groups()) for m in pattern.finditer(piece)], (pattern.pattern[:40], piece)


def test_gated_patterns_are_applied():
    from somajo import SoMaJo

    from lagebild.components.tokens import _GATES, with_fast_patterns
    inner = with_fast_patterns(SoMaJo("de_CMC", split_camel_case=False))._tokenizer
    assert all(type(getattr(inner, name)).__name__ == "_GatedPattern" for name in _GATES)
    assert type(inner.single_token_abbreviation).__name__ == "_ChunkPattern"


@pytest.fixture(scope="module")
def glue():
    from lagebild.components.tags import load_word_cache
    from lagebild.components.tokens import GlueSplitter
    from lagebild.lang import load_language
    entries = load_language("de").entries("tokenizer")
    return GlueSplitter(load_word_cache("de"), frozenset(e["word"] for e in entries if e.get("type") == "not_glued"),
                        frozenset(e["word"] for e in entries if e.get("type") == "glue_particle"))


def test_particle_lookup_is_the_scan_of_every_particle(glue):
    """`_after_particle` looks particles up by length; the scan of every particle, longest
    first (tests/unoptimised.py), must give the same cut for every word."""
    from unoptimised import after_particle_by_scan
    words = ["abIsrael", "aufMeisten", "anDeutschland", "ausIran", "vorTrump", "ab", "auf", "abIs",
             "abisrael", "Abisrael", "abIsraelKrieg", "zurückKiew", "anGriff-Wahl", "aufBerlin-Mitte",
             "herausEs", "ab-Israel", "", "a", "zuEU", "zuEuropa"]
    words += [p + w for p in glue.particles for w in ("Israel", "Xy", "Meisten", "Deutschlands")]
    for w in words:
        assert glue._after_particle(w) == after_particle_by_scan(glue, w), w


@pytest.mark.parametrize("word,cut", [
    ("KairoAngriffe", 5),            # byline glued to the first word of the article
    ("VernichtungUS-Militär", 11),   # two headlines glued
    ("JohannesburgEs", 12),
    ("entlassenIsrael", 9),
    ("DeutschlandTrend", None),      # a name listed as not glued
    ("WhatsApp", None),
    ("McLaren", None),               # a two-letter run is no word
    ("UniCredit", None),
    ("derStandard", None),           # too short a left part
    ("Rotkreuz", None),              # no capital inside
    ("gestartetWadephul", 9),        # a known word, then a name the word cache lacks
    ("NordenRaketenabwehrstellungen", 6),
    ("JavaScript", None),            # listed camel-case names stay whole
    ("US-DollarKatar", 9),           # a hyphenated compound glued to the next headline
    ("Iran-KonfliktIrak", 13),
    ("NATO-Ostflanke", None),        # a compound with no capital inside its last part
    ("abIsrael", 2),                 # a separable particle closed the headline before
    ("aufMeisten", 3),
    ("anGreifer", 2),
    ("ab", None),
    ("Aufbau", None),                # a particle at the start of a word is part of it
    ("ausgezogen", None),
])
def test_glued_words(glue, word, cut):
    assert glue.cut(word) == cut


@pytest.mark.parametrize("text,want", [
    ("Die Regierung zieht ihre Diplomaten abIsrael meldet neue Angriffe.",
     ["Die Regierung zieht ihre Diplomaten ab", "Israel meldet neue Angriffe."]),
    # a live blog's time stamp glued to the headline before it
    ("Raketen über der Stadt zerstört20:28 Uhr - Botschaft warnt vor Angriffen.",
     ["Raketen über der Stadt zerstört", "20:28 Uhr - Botschaft warnt vor Angriffen."]),
    # a full stop after a word, then a time of day: the next entry
    ("Israel greift Beirut an. 20:28 Uhr - Die Botschaft warnt.",
     ["Israel greift Beirut an.", "20:28 Uhr - Die Botschaft warnt."]),
    ("Ein Spiel der WM-Playoffs20:35 Uhr - Die Botschaft warnt.",
     ["Ein Spiel der WM-Playoffs", "20:35 Uhr - Die Botschaft warnt."]),
    # a closing quotation mark glued to the next headline
    ('Der Kanzler sieht den Frieden "in greifbarer Nähe"Die Armee meldet neue Angriffe.',
     ['Der Kanzler sieht den Frieden "in greifbarer Nähe"', "Die Armee meldet neue Angriffe."]),
    # near misses: a closing mark before a full stop, an opening mark without a space before it
    ('Er nannte das "völlig inakzeptabel". Danach ging er.', ['Er nannte das "völlig inakzeptabel".', "Danach ging er."]),
    ('Der Präsident sagte"Wir kommen" und ging.', ['Der Präsident sagte"Wir kommen" und ging.']),
    # near miss: a time with a space before it stays in its sentence
    ("Die Sitzung beginnt um 20:28 Uhr im Rathaus.", ["Die Sitzung beginnt um 20:28 Uhr im Rathaus."]),
])
def test_live_blog_glue(text, want):
    from lagebild.analysis import make_pipeline
    from lagebild.model import Document
    from lagebild.settings import Settings
    p = make_pipeline(Settings(lang="de", check_language=False, components=("language", "tokens")))
    doc = p(Document(text=text, lang="de"))
    assert [doc.sentence_text(s.index) for s in doc.sentences] == want


def test_glued_headlines_become_sentences():
    from lagebild.analysis import make_pipeline
    from lagebild.model import Document
    from lagebild.settings import Settings
    p = make_pipeline(Settings(lang="de", check_language=False, components=("language", "tokens")))
    doc = p(Document(text="Trump droht Iran mit VernichtungUS-Militär meldet Angriffe auf Schiffe.", lang="de"))
    assert [doc.sentence_text(s.index) for s in doc.sentences] == [
        "Trump droht Iran mit Vernichtung", "US-Militär meldet Angriffe auf Schiffe."]


@pytest.mark.parametrize("text, joined", [
    ("Kilroy - Silk", ["Kilroy", "-", "Silk"]),     # spaces: a dash between words, not a joiner
    ("Kilroy-Silk quit", ["Kilroy-Silk", "quit"]),
    ("well-known Anglo-Irish talks", ["well-known", "Anglo-Irish", "talks"]),
    ("left- and right-wing", ["left", "-", "and", "right-wing"]),
])
def test_join_tokens_rejoins_a_joiner_between_words(text, joined):
    from lagebild.components.tokens import join_tokens
    spans, k = [], 0
    for w in text.replace("-", " - ").split():
        a = text.index(w, k)
        spans.append((a, a + len(w), a + len(w) < len(text) and text[a + len(w)] == " "))
        k = a + len(w)
    got = [text[a:b] for a, b, _ in join_tokens(spans, text, frozenset({"-"}))]
    assert got == joined
