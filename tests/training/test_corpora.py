"""training/corpora.py: contraction merging, IOB handling, stable splits (own toy data)."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO / ".." / "shared"

# A made-up sentence with one contraction ("im" = "in" + "dem"), CoNLL-U columns.
TOY = """# sent_id = toy-1
1\tWir\twir\tPRON\tPPER\tCase=Nom|Number=Plur|Person=1\t2\tnsubj\t_\t_
2\twarten\twarten\tVERB\tVVFIN\tMood=Ind|Number=Plur\t0\troot\t_\t_
3-4\tim\t_\t_\t_\t_\t_\t_\t_\t_
3\tin\tin\tADP\tAPPR\t_\t5\tcase\t_\t_
4\tdem\tder\tDET\tART\tCase=Dat|Gender=Masc|Number=Sing\t5\tdet\t_\t_
5\tRegen\tRegen\tNOUN\tNN\tCase=Dat|Gender=Masc|Number=Sing\t2\tobl\t_\tSpaceAfter=No
6\t.\t.\tPUNCT\t$.\t_\t2\tpunct\t_\t_

"""


@pytest.fixture(scope="module")
def corpora():
    spec = importlib.util.spec_from_file_location("training_corpora", REPO / "training" / "corpora.py")
    mod = importlib.util.module_from_spec(spec)
    # dataclasses look their module up in sys.modules while the class is being built
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    yield mod
    sys.modules.pop(spec.name, None)


@pytest.fixture
def toy(tmp_path, corpora):
    path = tmp_path / "de_toy-ud-test.conllu"
    path.write_text(TOY, encoding="utf-8")
    return list(corpora.read_conllu(path, stts=True))[0]


def test_contraction_is_one_token_with_article_case(toy):
    assert toy.words == ["Wir", "warten", "im", "Regen", "."]
    im = toy.tokens[2]
    assert (im.lemma, im.upos, im.xpos, im.head, im.deprel) == ("in", "ADP", "APPRART", 3, "case")
    assert "Case=Dat" in im.feats


def test_heads_and_root_are_remapped(toy):
    assert [t.head for t in toy.tokens] == [1, 1, 3, 1, 1]
    assert toy.tokens[1].deprel == "ROOT"
    assert toy.tokens[3].space_after is False


@pytest.mark.parametrize("iob1,iob2", [
    (["I-PER", "I-PER", "O"], ["B-PER", "I-PER", "O"]),
    (["I-LOC", "I-ORG", "O", "I-ORG"], ["B-LOC", "B-ORG", "O", "B-ORG"]),
    (["O", "B-PER", "I-PER"], ["O", "B-PER", "I-PER"]),
])
def test_iob1_to_iob2(corpora, iob1, iob2):
    assert corpora._iob2(iob1) == iob2


@pytest.mark.parametrize("tag,out", [("B-LOCderiv", "O"), ("I-ORGpart", "O"), ("B-PER", "B-PER"), ("O", "O")])
def test_derived_labels_dropped(corpora, tag, out):
    assert corpora._coarse(tag) == out


def test_split_is_stable_and_roughly_proportional(corpora):
    parts = [corpora.split_of(f"s{i}", 15, 10) for i in range(2000)]
    assert parts == [corpora.split_of(f"s{i}", 15, 10) for i in range(2000)]
    assert 0.11 < parts.count("test") / 2000 < 0.19
    assert 0.07 < parts.count("dev") / 2000 < 0.13


@pytest.mark.skipif(not SHARED.exists(), reason="../shared is not present")
def test_shared_ud_has_one_root_per_sentence(corpora):
    sents = corpora.ud_sentences("test")
    assert len(sents) > 300
    assert all(sum(t.deprel == "ROOT" for t in s.tokens) == 1 for s in sents)
