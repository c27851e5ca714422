import pytest

from lagebild.components.tags import WordAnalyzer


@pytest.fixture(scope="module")
def analyzer():
    return WordAnalyzer("de")


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
    assert "telefonierten" in analyzer._cache
    assert WordAnalyzer("en")("running")[0] == "running"   # no German model for English


@pytest.mark.parametrize("odd", ["\u0301", "\x00", "a" * 500, "🙂", "-"])
def test_odd_input_never_raises(analyzer, odd):
    analyzer(odd)


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


def test_hyphen_compounds_take_their_heads_analysis(analyzer):
    assert analyzer("US-Präsidenten") == ("US-Präsident", "NN")
