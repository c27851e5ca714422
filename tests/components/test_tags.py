from pathlib import Path

import pytest

from lagebild.components.tags import CompoundRules, WordAnalyzer
from lagebild.lang import load_language

REPO_MODELS = Path(__file__).resolve().parents[2] / "src" / "lagebild" / "models"


@pytest.fixture(scope="module")
def analyzer():
    return WordAnalyzer("de")


@pytest.fixture(scope="module")
def compound_analyzer():
    """The analyser as the pipeline builds it: with the German compound rules."""
    return WordAnalyzer("de", compounds=CompoundRules.from_entries(load_language("de").entries("compounds")))


@pytest.mark.parametrize("word,lemma,pos", [
    ("kritisierte", "kritisieren", "VVFIN"),
    ("Telefonat", "Telefonat", "NN"),
    ("Regierungen", "Regierung", "NN"),
    ("2023", "2023", "CARD"),
    ("„", "„", "$."),
])
def test_lemma_and_tag(analyzer, word, lemma, pos):
    got_lemma, got_pos = analyzer(word)
    assert got_lemma == lemma
    assert got_pos.startswith(pos[:2])


def test_cache_is_per_instance_and_bounded(analyzer):
    analyzer("telefonierten")
    assert "telefonierten" in analyzer._cache or "telefonierten" in analyzer._warm
    analyzer("Quarkwolkenbruchs")          # in no shipped cache: analysed once, then kept
    assert "Quarkwolkenbruchs" in analyzer._cache
    assert WordAnalyzer("en")("running") == ("run", "VVPP")   # English has its own model


@pytest.mark.parametrize("word, tag", [("said", "VVFIN"), ("government", "NN"), ("British", "ADJA"),
                                       ("the", "ART"), ("of", "APPR"), ("not", "PTKNEG"), ("would", "VMFIN")])
def test_english_tags_are_mapped_to_the_canonical_set(word, tag):
    assert WordAnalyzer("en")(word)[1] == tag


@pytest.mark.parametrize("lang, text, word, tag", [
    # a sentence's first word: a preposition the context-free analyser reads as a noun
    ("de", "Trotz der Kritik reiste er ab .", "Trotz", "APPR"),
    ("de", "Wegen der Angriffe reiste er ab .", "Wegen", "APPR"),
    # ... but only there, and only when its lower-case form is one
    ("de", "Er zeigte großen Trotz .", "Trotz", "NN"),
    ("de", "Merkel reiste ab .", "Merkel", "NE"),
    # coordinated adjectives agree in their ending: the second is no past-tense verb ...
    ("de", "Es gab kaum große , organisierte Proteste .", "organisierte", "ADJA"),
    # ... unlike a speech verb after a differently inflected word
    ("de", "Sie sprach von schweren , erklärte Ministerin Roth .", "erklärte", "VVFIN"),
    ("en", "He criticised the plan .", "criticised", "VVFIN"),
    ("en", "He has criticised the plan .", "criticised", "VVPP"),
    ("en", "They have not attacked the town .", "attacked", "VVPP"),
    ("en", "They want to withdraw the troops .", "withdraw", "VVINF"),
    ("en", "She will meet the minister .", "meet", "VVINF"),
])
def test_context_rules(lang, text, word, tag):
    from lagebild.model import Document, Sentence, Token
    from lagebild.pipeline import Resources
    from lagebild.components.tags import Tagger
    from lagebild.settings import Settings
    words = text.split()
    toks, pos = [], 0
    for w in words:
        toks.append(Token(text=w, start=pos, end=pos + len(w), sent=0))
        pos += len(w) + 1
    doc = Document(id="t", text=text, lang=lang, tokens=toks,
                   sentences=[Sentence(index=0, start=0, end=len(text), tok_start=0, tok_end=len(toks))])
    Tagger(Settings(), Resources(Settings()))(doc)
    assert next(t.pos for t in doc.tokens if t.text == word) == tag


@pytest.mark.parametrize("odd", ["\u0301", "\x00", "a" * 500, "🙂", "-", "A" + "b" * 40])
def test_odd_input_never_raises(compound_analyzer, odd):
    compound_analyzer(odd)


def test_shipped_word_cache_matches_the_analyser():
    """The warm-start cache must hold exactly what the analyser computes; when the rules in
    tags.py change, rebuild it (training/build_word_cache.py)."""
    import random

    from lagebild.components.tags import load_word_cache
    cache = load_word_cache("de")
    assert len(cache) > 50_000
    cold = WordAnalyzer("de", warm_start=False)
    sample = random.Random(7).sample(sorted(cache), 300)
    wrong = [(w, cache[w], cold._analyze(w)) for w in sample if cache[w] != cold._analyze(w)]
    assert not wrong, wrong[:5]


@pytest.mark.parametrize("content", [
    "Haus\tHaus\tNN\nHäuser\tHaus\tNN\nging\tgehen\tVVFIN\n",
    "a\ta\tXY\r\nb\ta\tXY\r\nbad line\na\tA\tNE\n\n",      # CRLF, a malformed line, a word twice
    "",
])
def test_word_cache_loads_the_file_as_written(tmp_path, monkeypatch, content):
    """The loader's layout (fresh words, then fresh analyses: issue 14) changes no value and
    no order: the mapping is the file's, the later line winning, and equal analyses are one
    tuple."""
    import gzip

    import lagebild.components.tags as tags
    models = tmp_path / "models"
    (models / "xx_wordcache").mkdir(parents=True)
    with gzip.open(models / "xx_wordcache" / "words.tsv.gz", "wb") as fh:
        fh.write(content.encode("utf-8"))
    monkeypatch.setattr(tags, "__file__", str(tmp_path / "components" / "tags.py"))
    expected: dict[str, tuple[str, str]] = {}
    for line in content.replace("\r\n", "\n").split("\n"):
        parts = line.split("\t")
        if len(parts) == 3:
            expected[parts[0]] = (parts[1], parts[2])
    cache = tags.load_word_cache("xx")
    assert list(cache.items()) == list(expected.items())
    by_value: dict[tuple[str, str], tuple[str, str]] = {}
    assert all(by_value.setdefault(v, v) is v for v in cache.values())


def test_shipped_word_cache_loads_as_written():
    import gzip

    from lagebild.components.tags import load_word_cache
    path = REPO_MODELS / "de_wordcache" / "words.tsv.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = [line.rstrip("\n").split("\t") for line in fh]
    expected = {r[0]: (r[1], r[2]) for r in rows if len(r) == 3}
    assert list(load_word_cache("de").items()) == list(expected.items())


def _extra(rows):
    from lagebild.components.tags import ExtraWordCache
    rows = sorted(rows, key=lambda r: r[0].encode("utf-8"))
    return ExtraWordCache("".join(f"{w}\t{l}\t{t}\n" for w, l, t in rows).encode("utf-8"))


# Words of our own, with prefixes of one another, umlauts, ß, capitals and a hyphen.
EXTRA_ROWS = [("Abend", "Abend", "NN"), ("Abende", "Abend", "NN"), ("abends", "abends", "ADV"),
              ("Ärzte", "Arzt", "NN"), ("Straße", "Straße", "NN"), ("Strass", "Strass", "NE"),
              ("zögerten", "zögern", "VVFIN"), ("Öl-Preis", "Öl-Preis", "NN"), ("z", "z", "XY")]


@pytest.mark.parametrize("word,expected", [(w, (l, t)) for w, l, t in EXTRA_ROWS] + [
    ("Abendessen", None), ("Aben", None), ("abend", None), ("", None), ("Zz", None), ("ärzte", None),
    ("\u00e4", None), ("zögerte", None)])
def test_extra_cache_finds_exactly_its_words(word, expected):
    assert _extra(EXTRA_ROWS).get(word) == expected


def test_extra_cache_bisection_by_bytes_is_the_line_bisection():
    """`get` bisects the blob's bytes; the bisection over line starts it replaced
    (tests/unoptimised.py) must find the same for words in the shipped cache, words near
    them and words of our own, in tables of every size up to ours."""
    import random

    from lagebild.components.tags import load_extra_cache
    from unoptimised import extra_get_by_line_index
    extra = load_extra_cache("de")
    tables = [_extra(EXTRA_ROWS[:k]) for k in range(len(EXTRA_ROWS) + 1)] + ([extra] if extra else [])
    probes = [w for w, _, _ in EXTRA_ROWS] + ["", "a", "Abendessen", "Aben", "zz", "\u00e4", "\U0010ffff"]
    for table in tables:
        words = [table.word(i) for i in random.Random(3).sample(range(len(table)), min(len(table), 500))]
        for w in probes + words + [w[:-1] for w in words] + [w + "e" for w in words]:
            assert table.get(w) == extra_get_by_line_index(table, w), w


def test_extra_cache_is_asked_only_after_the_first_cache():
    extra = _extra([("Telefonat", "wrong", "XY"), ("Quarkwolke", "Quarkwolke", "NN")])
    a = WordAnalyzer("de", extra=extra)
    assert a("Telefonat") == ("Telefonat", "NN")          # the first cache has it
    assert a("Quarkwolke") == ("Quarkwolke", "NN")        # from the extra cache, HanTa not asked
    assert WordAnalyzer("de", warm_start=False, extra=extra)("Quarkwolke") != ("wrong", "XY")


def test_shipped_extra_cache_matches_the_analyser(compound_analyzer):
    """The second shipped cache must hold what the analyser, as the pipeline builds it,
    computes for a word the first cache lacks; rebuild it when the rules change
    (training/build_word_cache.py --extra)."""
    import random

    from lagebild.components.tags import load_extra_cache, load_word_cache
    extra = load_extra_cache("de")
    if extra is None:
        pytest.skip("no second word cache ships")
    assert len(extra) > 100_000
    words = [extra.word(i) for i in random.Random(7).sample(range(len(extra)), 200)]
    first = load_word_cache("de")
    assert not [w for w in words if w in first]
    wrong = [(w, extra.get(w), compound_analyzer._analyze(w)) for w in words
             if extra.get(w) != compound_analyzer._analyze(w)]
    assert not wrong, wrong[:5]


def test_hyphen_compounds_take_their_heads_analysis(analyzer):
    assert analyzer("US-Präsidenten") == ("US-Präsident", "NN")


@pytest.mark.parametrize("word,expected", [
    ("Drohnenabwehrzentrum", ("Drohnenabwehrzentrum", "NN")),   # HanTa alone: NE
    ("Fahrradunfälle", ("Fahrradunfall", "NN")),                 # HanTa alone: "Fahrradunfäll"
    ("Präventivschlägen", ("Präventivschlag", "NN")),
    ("Regierungssprecherin", ("Regierungssprecherin", "NN")),   # linking -s-
    ("Bundesinnenministeriums", ("Bundesinnenministerium", "NN")),
    ("klimapolitisch", ("klimapolitisch", "ADJD")),               # HanTa alone: "Klimapolitische" NNA
    ("witterungsbedingt", ("witterungsbedingt", "ADJD")),         # HanTa alone: "witterungsbedingen"
])
def test_long_compounds_take_their_heads_analysis(compound_analyzer, word, expected):
    """Nouns by a noun head (with linking elements and one nested modifier), lower-case
    adjectives by an adjective head."""
    assert compound_analyzer._compound(word) == expected
    assert compound_analyzer(word) == expected


@pytest.mark.parametrize("word", [
    "Kritikerinnen",        # ends in "Rinnen" only by accident (a not_head in the data)
    "SWRProstitution",      # glued tokens are no compounds
    "Prettenthaler",        # "Prettent" is no known word: a name, left to HanTa
    "verstaatlichte",       # a verb prefix is no modifier: left to HanTa
    "vereinheitlichen",
])
def test_no_compound_reading_without_evidence(compound_analyzer, word):
    assert compound_analyzer._compound(word) is None


@pytest.mark.parametrize("word", ["Reinfrank", "Mhanna", "Kuleba"])
def test_short_unknown_names_still_go_to_hanta(compound_analyzer, word):
    """Words up to MAX_NAME_CHARS are never read as compounds, so HanTa's scores can still
    make an unknown name NE."""
    cold = WordAnalyzer("de", warm_start=False)
    assert compound_analyzer._analyze(word) == cold._analyze(word)
    assert compound_analyzer(word)[1] == "NE"


def test_compound_reading_does_not_depend_on_what_came_before(compound_analyzer):
    """Heads come from the shipped cache only: a head analysed earlier in the process (and
    cached) must not change how a compound is read."""
    fresh = WordAnalyzer("de", compounds=compound_analyzer._compounds)
    fresh("Sicherheitsratsgipfeltreffen")
    word = "Verteidigungsratsgipfeltreffen"
    assert fresh._analyze(word) == compound_analyzer._analyze(word)


def test_without_compound_data_hanta_decides():
    assert CompoundRules.from_entries([]) is None
    assert WordAnalyzer("de")._compound is not None     # the method exists, the rules do not
    assert WordAnalyzer("de")._compounds is None
