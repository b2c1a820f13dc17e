"""Evaluation arithmetic on a small CoNLL-U text written for this test, plus an optional run
on the PADT dev sample when it is present (it is evaluation-only data, not shipped)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from learn.nlp.evaluate import (
    evaluate,
    evaluate_file,
    gloss_matches,
    lemma_key_dediac,
    lemma_key_vocalized,
    read_conllu,
    render,
)
from learn.nlp.tagger import Tagger

PADT_DEV = Path("/work/shared/eval/padt-dev/ar_padt-dev-sample.conllu")

# Two sentences written for this test: "the minister signed the agreement with Zorgan."
# and "and he said: the plan is new." (a multiword token with a pronoun, a name the
# annotator did not know (X, Root=OOV), punctuation).
CONLLU = "\n".join(
    [
        "# sent_id = t1",
        "# text = وقع الوزير الاتفاقية مع زورغان.",
        "1\tوقع\tوَقَّع\tVERB\t_\t_\t0\troot\t_\tGloss=sign|Root=w q `",
        "2\tالوزير\tوَزِير\tNOUN\t_\t_\t1\tnsubj\t_\tGloss=minister|Root=w z r",
        "3\tالاتفاقية\tاِتِّفَاقِيَّة\tNOUN\t_\t_\t1\tobj\t_\tGloss=agreement,treaty|Root=w f q",
        "4\tمع\tمَعَ\tADP\t_\t_\t5\tcase\t_\tGloss=with|Root=m `",
        "5\tزورغان\tزورغان\tX\t_\t_\t1\tobl\t_\tRoot=OOV|SpaceAfter=No",
        "6\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\t_",
        "",
        "# sent_id = t2",
        "# text = وقال: الخطة جديدة",
        "1-2\tوقال\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No",
        "1\tو\tوَ\tCCONJ\t_\t_\t2\tcc\t_\tGloss=and",
        "2\tقال\tقَال\tVERB\t_\t_\t0\troot\t_\tGloss=say|Root=q w l",
        "3\t:\t:\tPUNCT\t_\t_\t2\tpunct\t_\t_",
        "4\tالخطة\tخُطَّة\tNOUN\t_\t_\t5\tnsubj\t_\tGloss=plan,scheme|Root=_h .t .t",
        "5\tجديدة\tجَدِيد\tADJ\t_\t_\t2\tccomp\t_\tGloss=new|Root=^g d d",
        "",
    ]
)


@dataclass(frozen=True)
class Prediction:
    lemma: str
    pos: str
    gloss: str
    source: str = "lex"


# A fixed answer sheet: it exercises the arithmetic, not a real analyzer.
ANSWERS = {
    "وقع": Prediction("وَقَع", "verb", "fall; take place"),  # vowels wrong, gloss wrong
    "الوزير": Prediction("وَزِير", "noun", "minister; secretary"),
    "الاتفاقية": Prediction("اِتِّفاقِيَّة", "noun", "treaty; accord"),  # BAMA spelling: no fatha
    "مع": Prediction("مَع", "prep", "with"),
    "زورغان": Prediction("زورغان", "noun_prop", "Zurghan", "backoff"),
    ".": Prediction("", "punc", ""),
    "وقال": Prediction("قال", "verb", "say"),
    ":": Prediction("", "punc", ""),
    "الخطة": Prediction("خَطّ", "noun", "line; plan"),  # lemma wrong, gloss shares "plan"
    "جديدة": Prediction("جَدِيد", "noun", "new"),  # POS wrong
}


def answer_sheet(words: Sequence[str]) -> list[Prediction]:
    return [ANSWERS[w] for w in words]


def test_reader_takes_the_content_part_of_multiword_tokens() -> None:
    sentences = read_conllu(CONLLU)
    assert [s.sent_id for s in sentences] == ["t1", "t2"]
    assert [w.form for w in sentences[1].words] == ["وقال", ":", "الخطة", "جديدة"]
    said = sentences[1].words[0]
    assert (said.lemma, said.upos, said.gloss) == ("قَال", "VERB", "say")
    assert sentences[0].words[4].oov and sentences[0].words[4].coarse == "PROPN"


def test_counts_and_accuracies() -> None:
    result = evaluate(read_conllu(CONLLU), answer_sheet)
    assert (result.sentences, result.words, result.punctuation, result.oov) == (2, 10, 2, 1)
    assert result.oov_tagged_proper == 1
    assert result.scored == 7
    assert result.lemma_dediac == 6  # خَطّ for خُطَّة; وَقَع = وَقَّع without diacritics
    assert result.lemma_vocalized == 5  # also وَقَع; اِتِّفاقِيَّة = اِتِّفَاقِيَّة (fatha before alif)
    assert result.pos == 6  # جديدة: ADJ tagged noun
    assert (result.gloss_scored, result.gloss) == (6, 5)  # content words; وقع's gloss misses
    assert result.lemma_dediac_accuracy == pytest.approx(6 / 7)
    assert result.gloss_accuracy == pytest.approx(5 / 6)
    assert result.pos_confusions == {("ADJ", "NOUN"): 1}
    report = render(result)
    assert "lemma (undiacritized):   85.7%  (6/7)" in report
    assert "lemma (vocalized):       71.4%  (5/7)" in report
    assert "gloss (content words):   83.3%  (5/6)" in report


def test_a_tagger_returning_the_wrong_number_of_words_is_an_error() -> None:
    with pytest.raises(ValueError, match="t1"):
        evaluate(read_conllu(CONLLU), lambda words: answer_sheet(words)[:-1])


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        ("treaty; accord", "agreement,treaty", True),
        ("sanctions; penalties", "sanction", True),  # plural -s
        ("be signed", "sign", False),  # different word
        ("to the (house)", "the,to", False),  # function words and parentheses do not count
        ("turn upside down", "turn_upside_down", True),
    ],
)
def test_gloss_matching(predicted: str, gold: str, expected: bool) -> None:
    assert gloss_matches(predicted, gold) is expected


def test_lemma_keys() -> None:
    assert lemma_key_dediac("أَبلَغ") == lemma_key_dediac("أَبْلَغَ") == "ابلغ"
    assert lemma_key_vocalized("أَبْلَغَ") == lemma_key_vocalized("أَبلَغ")
    assert lemma_key_vocalized("وَقَع") != lemma_key_vocalized("وَقَّع")


@pytest.mark.skipif(not PADT_DEV.is_file(), reason="PADT dev sample not available")
def test_padt_dev_sample_accuracy_stays_high(tagger: Tagger) -> None:
    result = evaluate_file(PADT_DEV, tagger)
    assert result.scored > 1500
    # Regression guards, set below the measured values (see docs/nlp.md).
    assert result.lemma_dediac_accuracy > 0.92
    assert result.pos_accuracy > 0.90
    assert result.gloss_accuracy > 0.84
