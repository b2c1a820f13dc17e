"""Context rules, each on sentences written for this test (no evaluation text)."""

from __future__ import annotations

import pytest

from learn.nlp.disambiguation import Candidate, agrees, cue_ahead
from learn.nlp.morphology.arabic import canonical_marks as c
from learn.nlp.morphology.arabic import normalize_key
from learn.nlp.tagger import Tagger, WordAnalysis


def tag(tagger: Tagger, sentence: str) -> list[WordAnalysis]:
    from camel_tools.tokenizers.word import simple_word_tokenize

    return tagger.tag(list(simple_word_tokenize(sentence)))


def word(analyses: list[WordAnalysis], surface: str) -> WordAnalysis:
    return next(a for a in analyses if a.surface == surface)


# -- sense of وقّع across its subject and punctuation ------------------------------------------
@pytest.mark.parametrize(
    "sentence",
    [
        "وقع وزيرا الزراعة في البلدين ، صباح الأحد ، مذكرة تفاهم",
        "وقع الرئيسان ( في القصر ) اتفاقا للتعاون",
        "وقعت الحكومتان ، بعد مفاوضات طويلة ، معاهدة سلام",
    ],
)
def test_waqqa_is_sign_when_a_document_follows_past_commas(tagger: Tagger, sentence: str) -> None:
    verb = tag(tagger, sentence)[0]
    assert verb.lemma == c("وَقَّع")
    assert verb.gloss.split(";")[0] == "sign"


def test_the_document_must_be_in_the_same_sentence(tagger: Tagger) -> None:
    verb = tag(tagger, "وقع حادث في الطريق . ثم نشرت الوزارة اتفاقية")[0]
    assert verb.lemma == c("وَقَع")


def test_cue_search_crosses_commas_but_not_full_stops() -> None:
    def search(words: list[str]) -> bool:
        return cue_ahead(words, 0, 12, lambda i: normalize_key(words[i]) == "اتفاقيه")

    assert search(["وقع", "الوزير", "،", "أمس", "،", "اتفاقية"])
    assert not search(["وقع", "الوزير", ".", "اتفاقية"])
    assert not search(["وقع", *["كلمة"] * 13, "اتفاقية"])


# -- إنّ / أنّ / أنْ ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "particle", "lemma"),
    [
        ("قال الوزير إن المحادثات مفيدة", "إن", "إِنَّ"),
        ("وقال المتحدث ان الوفد وصل", "ان", "إِنَّ"),  # the text writes no hamza
        ("ويقول الخبراء ان الأسعار سترتفع", "ان", "إِنَّ"),
        ("وأعلنت الوزارة أن الحدود مغلقة", "أن", "أَنَّ"),  # other verbs take أنّ
        ("وأكد أنه سيعود", "أنه", "أَنَّ"),  # a pronoun attached: the heavy particle
        ("يريد الوفد أن يزور المصنع", "أن", "أَن"),  # before a verb: the light أنْ
    ],
)
def test_the_particle_an_in_after_verbs_of_saying_and_before_verbs(
    tagger: Tagger, sentence: str, particle: str, lemma: str
) -> None:
    found = word(tag(tagger, sentence), particle)
    assert found.lemma == c(lemma)
    assert "if" not in found.gloss


# -- agreement, construct state, government --------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        ("زرنا المدينة الصغيرة", "الصغيرة"),  # definite noun + definite adjective
        ("اشترى سيارة زرقاء وبيتا صغيرا", "صغيرا"),
        ("التقى وزير الخارجية الإيراني نظيره", "الإيراني"),  # agrees with the construct's head
    ],
)
def test_agreeing_words_after_a_noun_are_adjectives(
    tagger: Tagger, sentence: str, surface: str
) -> None:
    assert word(tag(tagger, sentence), surface).pos == "adj"


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        ("تصل قوافل المساعدات إلى المدينة", "المساعدات"),  # genitive of a construct
        ("بدأ تقديم المساعدات للسكان", "المساعدات"),
        ("قال الصغير كلمة", "الصغير"),  # nothing before it to qualify: used as a noun
    ],
)
def test_words_that_cannot_qualify_the_word_before_are_not_adjectives(
    tagger: Tagger, sentence: str, surface: str
) -> None:
    assert word(tag(tagger, sentence), surface).pos != "adj"


def test_a_word_with_a_preposition_is_not_an_adjective(tagger: Tagger) -> None:
    # بمساعدة: "with the help (of)", not the feminine of مساعد "assistant".
    helped = word(tag(tagger, "نجح الفريق بمساعدة الجيران"), "بمساعدة")
    assert helped.pos == "noun" and helped.lemma == c("مُساعَدَة")


def test_agreement_of_features() -> None:
    noun = Candidate("", "", "noun", "", None, "", "d", 0.0, gen="f", num="s")
    assert agrees(noun, Candidate("", "", "adj", "", None, "", "d", 0.0, gen="f", num="s"))
    assert not agrees(noun, Candidate("", "", "adj", "", None, "", "i", 0.0, gen="f", num="s"))
    assert not agrees(noun, Candidate("", "", "adj", "", None, "", "d", 0.0, gen="m", num="p"))
    plural = Candidate("", "", "noun", "", None, "", "d", 0.0, gen="m", num="p")
    # A non-human plural takes a feminine singular adjective (المشاريع الكبيرة).
    assert agrees(plural, Candidate("", "", "adj", "", None, "", "d", 0.0, gen="f", num="s"))


def test_a_verb_after_a_free_preposition_is_unlikely(tagger: Tagger) -> None:
    assert tag(tagger, "سافر إلى بلد بعيد")[2].pos == "noun"


def test_weekday_after_a_time_word(tagger: Tagger) -> None:
    sunday = word(tag(tagger, "وصل الوفد مساء الأحد"), "الأحد")
    assert sunday.gloss.startswith("Sunday")


def test_after_la_and_lam_an_imperfect_verb_not_a_perfect(tagger: Tagger) -> None:
    # لا بد: the لا of negation before a noun (a perfect verb after لا would be a wish).
    assert word(tag(tagger, "لا بد أن نعرف الحقيقة"), "بد").pos == "noun"
    assert word(tag(tagger, "لم يصل الوفد بعد"), "يصل").pos == "verb"


def test_heavy_particles_with_a_pronoun(tagger: Tagger) -> None:
    # "They left because they were tired": لأنّهم, not لِ + آن "time".
    because = word(tag(tagger, "غادروا المكان لانهم متعبون"), "لانهم")
    assert because.lemma == c("لِأَنَّ")


def test_inna_opens_a_clause(tagger: Tagger) -> None:
    # After a closing bracket a new clause starts: إنّها "indeed it is", never أنّ.
    found = word(tag(tagger, "( في المدينة ) انها فرصة كبيرة"), "انها")
    assert found.lemma == c("إِنَّ")


def test_a_weekday_comes_first_after_a_time_word(tagger: Tagger) -> None:
    sunday = word(tag(tagger, "وصل الوفد صباح الأحد"), "الأحد")
    assert sunday.gloss.split(";")[0] == "Sunday"
    one = word(tag(tagger, "التقى أحد الوزراء بالسفير"), "أحد")
    assert one.pos == "noun" and one.gloss.split(";")[0] != "Sunday"
