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
