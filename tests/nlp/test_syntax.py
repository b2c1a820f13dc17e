"""The shallow syntax on sentences written for these tests: chunks, parties and event frames.

Every sentence here is invented for the test (names of well-known people and places, made-up
events), so the rules are checked on wording nobody tuned them on.
"""

from __future__ import annotations

from functools import cache

import pytest

from learn.nlp.engine import Engine, get_engine
from learn.nlp.syntax import chunk_sentence, find_frames
from learn.nlp.syntax.types import (
    COUNTRY,
    NOMINAL,
    NP,
    PASSIVE,
    PERSON,
    PP,
    RELATIVE,
    ROLE,
    SUBJECT_FIRST,
    VERBAL,
    Frame,
)
from learn.nlp.syntax.words import has_enclitic, split_clitics
from learn.nlp.types import AnalyzedText
from tests.conftest import NLP_TEST_DATA_DIR


@pytest.fixture(scope="module")
def engine() -> Engine:
    return get_engine(NLP_TEST_DATA_DIR).load()


@cache
def _analyse(engine: Engine, text: str) -> AnalyzedText:
    return engine.analyze(text)


def frames(engine: Engine, text: str, event: str | None = None) -> list[Frame]:
    found = find_frames(_analyse(engine, text))
    return [f for f in found if event is None or f.event == event]


def one(engine: Engine, text: str, event: str) -> Frame:
    found = frames(engine, text, event)
    assert len(found) == 1, [(f.event, f.trigger.text) for f in frames(engine, text)]
    return found[0]


# ---------------------------------------------------------------------------------------------
# Words and chunks


@pytest.mark.parametrize(
    ("key", "lemma", "expected"),
    [
        ("ووقع", "وقع", ("و", "", False, "وقع")),  # و + وقّع
        ("وقع", "وقع", ("", "", False, "وقع")),  # the verb's own و
        ("بالقاهره", "القاهره", ("", "ب", True, "قاهره")),
        ("للطاقه", "طاقه", ("", "ل", True, "طاقه")),
        ("بيان", "بيان", ("", "", False, "بيان")),  # the word's own ب
        ("واليونان", "يونان", ("و", "", True, "يونان")),
    ],
)
def test_clitics_are_told_apart_from_the_words_own_letters(
    key: str, lemma: str, expected: tuple[str, str, bool, str]
) -> None:
    assert split_clitics(key, lemma) == expected


def test_a_pronoun_at_the_end_is_found_through_the_lemma() -> None:
    assert has_enclitic("نظيره", "نظير")
    assert has_enclitic("اتفاقيته", "اتفاقيه")  # ة written ت before the pronoun
    assert has_enclitic("علاقاتها", "علاقه")  # a plural ending before it
    assert not has_enclitic("وزيرا", "وزير")  # a dual in construct, no pronoun
    assert not has_enclitic("اتفاقيات", "اتفاقيه")


def test_chunks_follow_the_construct_chain_and_agreeing_adjectives(engine: Engine) -> None:
    text = "وقعت الحكومة اتفاق ترسيم الحدود البحرية في العاصمة الإيطالية روما."
    analysed = _analyse(engine, text)
    chunks = chunk_sentence(analysed.sentences[0], analysed.entities)
    shown = [(c.kind, analysed.text[c.start : c.stop]) for c in chunks]
    assert (NP, "اتفاق ترسيم الحدود البحرية") in shown
    assert (PP, "في العاصمة الإيطالية") in shown
    assert (NP, "روما") in shown


def test_a_short_name_in_slashes_or_quotes_is_read_through(engine: Engine) -> None:
    text = "وأعلنت شركة /النفط الوطنية/ الاتفاق."
    analysed = _analyse(engine, text)
    chunks = chunk_sentence(analysed.sentences[0], analysed.entities)
    assert not any(analysed.text[c.start : c.stop] == "/" for c in chunks)


# ---------------------------------------------------------------------------------------------
# Signing: the forms news uses


def test_verb_first_with_titled_people_and_a_counterpart(engine: Engine) -> None:
    f = one(
        engine,
        "وقع الرئيس الروسي فلاديمير بوتين ونظيره الفرنسي إيمانويل ماكرون اتفاقية للتعاون "
        "في مجال الطاقة يوم الأربعاء في باريس.",
        "sign",
    )
    assert f.form == VERBAL
    assert [a.kind for a in f.agents] == [PERSON, PERSON]
    assert [a.name.text for a in f.agents if a.name] == ["فلاديمير بوتين", "إيمانويل ماكرون"]
    assert f.agents[0].title == "الرئيس الروسي"
    assert f.object is not None and f.object_head == "اتفاقيه"
    # "للتعاون": after ل the article's alif is not written, so the phrase keeps its لل.
    assert [c.text for c in f.coverage] == ["للتعاون في مجال الطاقة"]
    assert f.date is not None and f.date.text == "يوم الأربعاء"
    assert f.place is not None and f.place.text == "باريس"


def test_countries_sign_and_the_place_is_a_building(engine: Engine) -> None:
    f = one(engine, "وقعت مصر والأردن اتفاقا تجاريا جديدا في قصر الإليزيه.", "sign")
    assert [a.kind for a in f.agents] == [COUNTRY, COUNTRY]
    assert [a.span.text for a in f.agents] == ["مصر", "الأردن"]
    assert f.place is not None and f.place.text == "قصر الإليزيه"


def test_the_object_may_come_first_with_each_of(engine: Engine) -> None:
    f = one(
        engine,
        "ووقع الاتفاقية كل من الرئيس الروسي فلاديمير بوتين والرئيس الصيني شي جين بينغ.",
        "sign",
    )
    assert f.object is not None and f.object.text == "الاتفاقية"
    assert [a.title for a in f.agents] == ["الرئيس الروسي", "الرئيس الصيني"]


def test_a_cosigner_after_with(engine: Engine) -> None:
    f = one(
        engine,
        "وقع الرئيس الروسي فلاديمير بوتين مع نظيره الفرنسي إيمانويل ماكرون اتفاقية سلام.",
        "sign",
    )
    assert [a.name.text for a in f.agents if a.name] == ["فلاديمير بوتين", "إيمانويل ماكرون"]
    assert f.agents[1].span.text.startswith("نظيره")


def test_roles_without_names_are_parties_too(engine: Engine) -> None:
    f = one(engine, "وقع وزيرا خارجية مصر والأردن اتفاقية لمكافحة الإرهاب.", "sign")
    assert len(f.agents) == 1
    (role,) = f.agents
    assert role.kind == ROLE and role.dual
    assert role.span.text == "وزيرا خارجية مصر والأردن"
    assert [c.text for c in f.coverage] == ["مكافحة الإرهاب"]


def test_a_subject_list_that_goes_on_with_an_unnamed_conjunct_is_partial(engine: Engine) -> None:
    f = one(engine, "واتهمت روسيا والغرب إيران بدعم الجماعات المسلحة.", "accuse")
    assert f.partial


def test_subject_first_headline(engine: Engine) -> None:
    f = one(engine, "مصر توقع اتفاقا مع الأردن لإنشاء منطقة تجارة حرة", "sign")
    assert f.form == SUBJECT_FIRST
    assert [a.span.text for a in f.agents] == ["مصر", "الأردن"]
    assert [c.text for c in f.coverage] == ["إنشاء منطقة تجارة حرة"]


def test_passive_with_tamma_and_jara(engine: Engine) -> None:
    f = one(engine, "وتم التوقيع على الاتفاقية في العاصمة الأردنية عمان.", "sign")
    assert f.form == PASSIVE and not f.agents
    assert f.object is not None and f.object.text == "الاتفاقية"
    assert f.place is not None and f.place.text == "العاصمة الأردنية عمان"
    g = one(engine, "وجرى توقيع مذكرة تفاهم لتطوير الموانئ يوم الخميس.", "sign")
    assert g.form == PASSIVE and g.object_head == "مذكره"
    assert [c.text for c in g.coverage] == ["تطوير الموانئ"]
    assert g.date is not None and g.date.text == "يوم الخميس"


def test_relative_and_nominal_forms(engine: Engine) -> None:
    f = one(engine, "وقال إن الاتفاق الذي وقعه البلدان سيدعم التجارة.", "sign")
    assert f.form == RELATIVE and f.object_head == "اتفاق"
    g = one(engine, "وعقد مؤتمر صحفي عقب توقيع الاتفاقية بين مصر والأردن.", "sign")
    assert g.form == NOMINAL
    assert [a.span.text for a in g.agents] == ["مصر", "الأردن"]


def test_negated_planned_and_quoted_signings_are_marked(engine: Engine) -> None:
    assert one(engine, "ولم يوقع الرئيس الروسي فلاديمير بوتين الاتفاقية.", "sign").negated
    assert one(engine, "ومن المقرر أن يوقع الوزير الاتفاقية.", "sign").hedged
    assert one(engine, "وقال: «وقعنا الاتفاقية اليوم».", "sign").quoted


# ---------------------------------------------------------------------------------------------
# What an agreement covers, and for how long


def test_coverage_verbs(engine: Engine) -> None:
    f = one(engine, "وتشمل الاتفاقية التجارة والاستثمار والنقل.", "cover")
    assert [c.text for c in f.coverage] == ["التجارة والاستثمار والنقل"]
    g = one(engine, "وينص الاتفاق على تبادل الأسرى، وفتح المعابر.", "cover")
    assert [c.text for c in g.coverage] == ["تبادل الأسرى، وفتح المعابر"]
    h = one(engine, "وبموجب الاتفاقية ستزود الشركة البلاد بالغاز.", "cover")
    assert h.coverage and h.coverage[0].text.startswith("ستزود الشركة")


def test_a_coverage_verb_of_another_noun_is_no_coverage(engine: Engine) -> None:
    text = "وأشاد الوزير بالاتفاقية مع الشركة التي تغطي عددا من المجالات."
    assert frames(engine, text, "cover") == []


def test_the_term_of_an_agreement_is_not_any_duration_in_its_clause(engine: Engine) -> None:
    f = one(engine, "ووقعت مصر والأردن اتفاقية لمدة عشر سنوات.", "sign")
    assert f.duration is not None and f.duration.key == "10 year"
    g = one(engine, "ووقعت مصر والأردن اتفاقية بعد مفاوضات استمرت ثلاث سنوات.", "sign")
    assert g.duration is None


# ---------------------------------------------------------------------------------------------
# Speech


def test_reported_speech_holds_what_was_said(engine: Engine) -> None:
    f = one(engine, "وقال الرئيس الروسي فلاديمير بوتين إن المحادثات كانت مفيدة جدا.", "say")
    assert f.agents[0].name is not None and f.agents[0].name.text == "فلاديمير بوتين"
    assert f.content is not None and f.content.text == "المحادثات كانت مفيدة جدا"
    g = one(engine, "وأعلن الرئيس الروسي فلاديمير بوتين أن بلاده ستزيد صادراتها.", "announce")
    assert g.content is not None and g.content.text.startswith("بلاده")


def test_a_relative_verb_takes_no_subject_after_it(engine: Engine) -> None:
    text = "وقال ماكرون، الذي التقى بوتين في باريس، إن المحادثات كانت مفيدة."
    assert frames(engine, text, "meet") == []


def test_the_place_of_the_occasion_a_speaker_spoke_at(engine: Engine) -> None:
    said = one(
        engine,
        "وقال وزير النقل خلال المؤتمر الصحفي الذي عقد أمس في المقر الرئيسي لوزارة النقل في "
        'عمان: "إن المشروع سيبدأ قريبا".',
        "say",
    )
    assert said.place is not None and said.place.text == "المقر الرئيسي لوزارة النقل في عمان"
    assert said.occasion is not None and said.occasion.text == "المؤتمر الصحفي"
    # Another verb's relative clause keeps its own circumstances.
    other = one(engine, "وقال الوزير، الذي التقى نظيره في عمان، إن المشروع سيبدأ قريبا.", "say")
    assert other.place is None and other.occasion is None
