"""Vowels and word parts: the functions, then the tagger's output on words written here."""

from __future__ import annotations

import pytest

from learn.nlp.clitics import parts_from_bw, parts_from_proclitics, stripped_proclitics
from learn.nlp.morphology.arabic import canonical_marks as c
from learn.nlp.morphology.arabic import dediac, normalize_key
from learn.nlp.tagger import Tagger
from learn.nlp.vocalize import (
    article_before_wasl,
    fatha_before_long_alif,
    lexicon_vocalization,
    with_article,
    written_letters,
)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("الكِتاب", "الكِتَاب"),
        ("لا", "لَا"),
        ("كَتَبُوا", "كَتَبُوا"),  # the alif after ـُو is silent
        ("وَزِيراً", "وَزِيراً"),  # the alif carries tanwin
        ("آلاف", "آلَاف"),
    ],
)
def test_fatha_before_a_long_alif(written: str, expected: str) -> None:
    assert fatha_before_long_alif(c(written)) == c(expected)


def test_an_unvocalized_unknown_word_is_left_alone() -> None:
    assert fatha_before_long_alif("بالكرملين", analysed=False) == "بالكرملين"


def test_the_article_before_hamzat_wasl_and_sun_letters() -> None:
    assert article_before_wasl(c("الاِتِّفاق")) == c("الِاتِّفاق")
    assert article_before_wasl(c("بِالاِسْتِقْلال")) == c("بِالِاسْتِقْلال")
    assert with_article(c("شَمْس")) == c("الشَّمْس")
    assert with_article(c("قَمَر")) == c("القَمَر")


def test_lexicon_words_get_vowels_from_an_analysis_or_their_lemma() -> None:
    lemma = c("زِنْجِبار")  # a name written as its lemma, with proclitics
    assert lexicon_vocalization("وبزنجبار", lemma, "وب", []) == "وَبِ" + lemma
    inflected = [(c("عُقُوبَة"), c("العُقُوبات"))]
    assert lexicon_vocalization("العقوبات", c("عُقُوبَة"), "", inflected) == c("العُقُوبات")
    assert lexicon_vocalization("مجهولة", c("زِنْجِبار"), "", []) == "مجهولة"


def test_parts_from_an_analysis() -> None:
    parts = parts_from_bw("wa/CONJ+naZiyr/NOUN+hu/POSS_PRON_3MS")
    assert [(p.kind, p.form, p.gloss) for p in parts] == [
        ("proclitic", c("وَ"), "and"),
        ("stem", c("نَظِير"), ""),
        ("enclitic", "ه", "his; its"),  # its vowel echoes the case ending: left off
    ]
    verb = parts_from_bw("sa/FUT+yu/IV3MS+waq~iE/VERB+hA/IVSUFF_DO:3FS")
    assert [p.gloss for p in verb] == ["will", "", "her; it"]
    assert verb[1].form == c("يُوَقِّع")  # the imperfect's prefix belongs to the stem
    assert parts_from_bw("<in~a/FUNC_WORD+hu/PRON_3MS")[1].gloss == "he; it"  # إنّه
    assert parts_from_bw("kitAb/NOUN") == ()  # nothing to break down


def test_parts_of_a_lexicon_match() -> None:
    assert stripped_proclitics("بالكرملين", "الكرملين") == "ب"
    assert stripped_proclitics("للكرملين", "الكرملين") == "ل"
    assert stripped_proclitics("الكرملين", "الكرملين") == ""
    parts = parts_from_proclitics("وبال", "كرملين")
    assert [(p.kind, p.gloss) for p in parts] == [
        ("proclitic", "and"),
        ("proclitic", "with; by; in"),
        ("proclitic", "the"),
        ("stem", ""),
    ]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("الاتفاقية", "الِاتِّفَاقِيَّة"),  # never الاِتِّ…
        ("بالاستقلال", "بِالِاسْتِقْلَال"),
        ("الشمس", "الشَّمْس"),
    ],
)
def test_the_tagger_writes_the_article_right(tagger: Tagger, word: str, expected: str) -> None:
    assert tagger.tag([word])[0].diac == c(expected)


def test_every_analysed_word_of_a_sentence_has_vowels(tagger: Tagger) -> None:
    # "The ministers discussed the sanctions and the strategy in the capital yesterday."
    words = ["ناقش", "الوزراء", "العقوبات", "والاستراتيجية", "في", "العاصمة", "أمس"]
    for analysis in tagger.tag(words):
        assert analysis.diac != dediac(analysis.diac), analysis.surface
        # The letters stay the word's own (a hamza seat may be written in).
        assert normalize_key(analysis.diac) == normalize_key(analysis.surface)


def test_a_wasl_alif_after_a_proclitic_is_silent(tagger: Tagger) -> None:
    assert tagger.tag(["واستخدام"])[0].diac == c("وَاسْتِخْدَام")  # not وَاِسْتِخْدام
    assert tagger.tag(["للاستثمار"])[0].diac == c("لِلِاسْتِثْمَار")


def test_the_vowelled_form_keeps_the_texts_ta_marbuta() -> None:
    assert written_letters(c("تَغْرِيده"), "تغريدة") == c("تَغْرِيدة")
    assert written_letters(c("أَمْرِيكِيّ"), "امريكي") == c("أَمْرِيكِيّ")  # hamza seat kept
