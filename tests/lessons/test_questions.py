"""Question generation on the seed and on articles written for these tests (real engine)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from learn.lessons import DistractorPool, build_lesson, generate_questions, problems
from learn.lessons.names import clean_analysis
from learn.lessons.text import bare, gloss_senses
from learn.lessons.types import (
    COMPREHENSION_TYPES,
    FALSE_AR,
    QUESTION_TYPES,
    TRUE_AR,
    Question,
    Span,
)
from learn.nlp.entities.namelists import OFFICE_HEADS
from learn.nlp.morphology.arabic import normalize_key
from learn.nlp.types import AnalyzedText
from tests.lessons.conftest import OWN_ARTICLES

ALL = ("seed", *OWN_ARTICLES)
Analyse = Callable[[str], AnalyzedText]


def _questions(analyse: Analyse, name: str) -> tuple[Question, ...]:
    return build_lesson(analyse(name)).questions


def _of_type(questions: tuple[Question, ...], qtype: str) -> list[Question]:
    return [q for q in questions if q.type == qtype]


def _names_in(text: str) -> set[str]:
    """The words of a name or role, without office words: "الرئيس الروسي" and "الرئيس
    الإيراني" are two roles (one may be a wrong answer for the other)."""
    words = {w for w in bare(text).replace(" و", " ").split() if len(w) > 2}
    return {w for w in words if normalize_key(w) not in OFFICE_HEADS}


# ---------------------------------------------------------------------------------------------
# The seed article's three target questions


def _signed(questions: tuple[Question, ...]) -> list[Question]:
    return [q for q in _of_type(questions, "who") if "وقع" in bare(q.prompt_ar)]


def test_seed_who_signed_the_treaty(analyse: Analyse) -> None:
    signed = _signed(_questions(analyse, "seed"))
    assert len(signed) == 1
    q = signed[0]
    assert "بوتين" in q.answer and "بيزشكيان" in q.answer
    assert "بوتين" in q.evidence.covered and "بيزشكيان" in q.evidence.covered
    assert q.answer_en and "Putin" in q.answer_en and "Pezeshkian" in q.answer_en
    people = {p.name for p in build_lesson(analyse("seed")).people_places if p.type == "PERSON"}
    for wrong in q.distractors:
        # A pair of other people from the article, never one of the signers.
        assert " و" in wrong
        assert "بوتين" not in wrong and "بيزشكيان" not in wrong
        assert any(name in wrong for name in people)
    # No pattern across the choices: every wrong pair opens with another name.
    assert len({d.split(" و")[0] for d in q.distractors}) == 3


def test_seed_what_the_treaty_covers(analyse: Analyse) -> None:
    q = next(q for q in _of_type(_questions(analyse, "seed"), "what") if "جميع" in q.answer)
    assert q.answer.startswith("جميع المجالات")
    for area in ("التجاري", "العسكري", "العلوم", "التعليم", "الثقافة"):
        assert area in q.answer
    # "All areas" asked "exactly": each wrong choice is a narrower part of the list, and no
    # word such as "فقط" marks the wrong ones apart from the right one.
    assert "بدقة" in q.prompt_ar
    answer_words = _names_in(q.answer)
    assert all(_names_in(d) <= answer_words for d in q.distractors)
    assert not any("فقط" in c for c in q.choices)
    assert q.evidence.covered == q.answer


def test_seed_how_long_the_treaty_lasts_and_that_it_can_be_extended(analyse: Analyse) -> None:
    questions = _questions(analyse, "seed")
    (q,) = _of_type(questions, "how_long")
    assert q.answer == "20 عامًا" and q.answer_en == "20 years"
    assert "العشرين" in q.evidence.covered
    assert len(set(q.distractors)) == 3 and all(d.split()[0].isdigit() for d in q.distractors)
    extend = [q for q in _of_type(questions, "true_false") if "تمديد" in q.prompt_ar]
    assert len(extend) == 1 and extend[0].answer == TRUE_AR
    # The how-long feedback does not answer the true/false question that follows it.
    assert not q.note or "تمديد" not in bare(q.note)


# ---------------------------------------------------------------------------------------------
# The articles written for the tests: facts stated there are asked about


def test_ministers_agreement(analyse: Analyse) -> None:
    questions = _questions(analyse, "ministers-agreement")
    signed = _signed(questions)
    assert len(signed) == 1
    assert _names_in(signed[0].answer) >= {"بوريطه", "توغار"}
    what = next(q for q in _of_type(questions, "what") if "التجارة" in q.answer)
    assert all(w in what.answer for w in ("التجارة", "الاستثمار", "الطاقة", "النقل البحري"))
    assert not any(d.endswith("فقط") for d in what.distractors)
    (how_long,) = _of_type(questions, "how_long")
    assert how_long.answer == "5 سنوات"
    renew = [q for q in _of_type(questions, "true_false") if "تجديد" in q.prompt_ar]
    assert len(renew) == 1 and renew[0].answer == TRUE_AR  # "ويمكن تجديدها"
    assert "يوم الأربعاء" in {q.answer for q in _of_type(questions, "when")}
    said = {q.prompt_ar: q.answer for q in _of_type(questions, "who_said")}
    assert any("إرادة سياسية" in p and "بوريطة" in a for p, a in said.items())


def test_sanctions(analyse: Analyse) -> None:
    questions = _questions(analyse, "sanctions")
    counts = {q.answer for q in _of_type(questions, "how_many")}
    assert "12" in counts
    assert "يوم الثلاثاء" in {q.answer for q in _of_type(questions, "when")}
    assert any("بيسنت" in q.answer for q in _of_type(questions, "who_said"))


def test_summit(analyse: Analyse) -> None:
    questions = _questions(analyse, "summit")
    # Riyadh is asked once: as the place, or shown in the clause of the date question.
    shown = [q for q in questions if "الرياض" in q.prompt_ar]
    asked = [q for q in _of_type(questions, "where") if q.answer == "الرياض"]
    assert len(shown) + len(asked) == 1
    # The same for the 22 countries: asked, or shown, once.
    counted = [q for q in _of_type(questions, "how_many") if q.answer == "22"]
    assert len([q for q in questions if "22" in q.prompt_ar]) + len(counted) == 1
    # "أعلن X أن …" is reported speech: asked as who said it, with the verb of the article.
    announced = [q for q in _of_type(questions, "who_said") if q.prompt_ar.startswith("مَن أعلن")]
    assert announced and "محمد بن سلمان" in announced[0].answer
    for q in _of_type(questions, "where"):
        # A wrong place is never one the evidence sentence names.
        assert not any(bare(d) in bare(q.evidence.text) for d in q.distractors)


def test_election(analyse: Analyse) -> None:
    questions = _questions(analyse, "election")
    won = [q for q in _of_type(questions, "who") if "فاز" in q.prompt_ar]
    assert len(won) == 1 and won[0].answer == "قيس سعيد"
    # The who-prompt is cut short so that it does not give away how much he won.
    assert "90" not in won[0].prompt_ar
    counts = [q.answer.split()[0] for q in _of_type(questions, "how_many")]
    assert "90" in counts
    assert "يوم الأحد" in {q.answer for q in _of_type(questions, "when")}
    # The turnout is in the reported statement asked as who said it, so not asked again.
    said = [q for q in _of_type(questions, "who_said") if "بوعسكر" in q.answer]
    assert said and "28" in said[0].prompt_ar and "28" not in counts


def test_ceasefire(analyse: Analyse) -> None:
    questions = _questions(analyse, "ceasefire")
    what = next(q for q in _of_type(questions, "what") if q.answer.startswith("فتح"))
    assert bare(what.prompt_ar) == bare("على ماذا ينص الاتفاق؟")
    assert what.answer.startswith("فتح ممرات آمنة")
    (how_long,) = _of_type(questions, "how_long")
    assert how_long.answer == "7 أيام"
    assert "مساء السبت" in {q.answer for q in _of_type(questions, "when")}
    # The 200 lorries are asked once: who announced them ("أعلنت الأمم المتحدة أنها ستبدأ
    # إرسال 200 شاحنة"), which then gives the number away, or how many.
    announced = [q for q in _of_type(questions, "who_said") if "200 شاحنة" in q.prompt_ar]
    counted = "200" in {q.answer for q in _of_type(questions, "how_many")}
    assert counted != bool(announced)
    assert not announced or announced[0].answer == "الأمم المتحدة"
    # "ولم يحضر قائد الجيش ..." is negated: no statement is built on it.
    comprehension = [q for q in questions if q.type in (*COMPREHENSION_TYPES, "true_false")]
    assert not any("يحضر" in q.prompt_ar for q in comprehension)


def test_trade_deal(analyse: Analyse) -> None:
    questions = _questions(analyse, "trade-deal")
    signed = _signed(questions)
    assert len(signed) == 1 and _names_in(signed[0].answer) >= {"الاتحاد", "الهند"}
    what = next(q for q in _of_type(questions, "what") if "السيارات" in q.answer)
    assert all(w in what.answer for w in ("السلع الزراعية", "السيارات", "الأدوية"))
    purpose = next(q for q in _of_type(questions, "what") if q.prompt_ar.startswith("ما الهدف"))
    assert purpose.answer == "التجارة الحرة"  # "للتجارة الحرة" without its لـ
    # "مدة تطبيق المرحلة الأولى من الاتفاقية" is the first phase, not the agreement.
    assert _of_type(questions, "how_long") == []
    assert "بروكسل" in {q.answer for q in _of_type(questions, "where")}


# ---------------------------------------------------------------------------------------------
# Quality rules, on every article


@pytest.mark.parametrize("name", ALL)
def test_every_question_passes_the_quality_rules(analyse: Analyse, name: str) -> None:
    analyzed = clean_analysis(analyse(name))
    questions = _questions(analyse, name)
    assert questions
    for q in questions:
        assert problems(q, analyzed) == [], (q.type, q.prompt_ar)
        assert q.type in QUESTION_TYPES
        assert 0.0 <= q.difficulty <= 1.0
        ev = q.evidence
        assert ev.text == analyzed.sentences[ev.sentence].text
        assert q.answer in q.choices and len(q.choices) == (2 if q.type == "true_false" else 4)


@pytest.mark.parametrize("name", ALL)
def test_at_least_six_comprehension_questions(analyse: Analyse, name: str) -> None:
    questions = _questions(analyse, name)
    assert sum(q.type in COMPREHENSION_TYPES for q in questions) >= 6


@pytest.mark.parametrize("name", ALL)
def test_no_two_questions_ask_the_same_thing(analyse: Analyse, name: str) -> None:
    questions = _questions(analyse, name)
    prompts = [bare(q.prompt_ar) for q in questions]
    assert len(prompts) == len(set(prompts))
    facts = [(q.type, bare(q.answer), q.evidence.sentence) for q in questions]
    # A speaker's two statements are two facts (their prompts differ, checked above).
    facts = [f for f in facts if f[0] not in {"true_false", "who_said"}]
    assert len(facts) == len(set(facts))
    # A true/false statement never repeats a sentence another comprehension question uses.
    for q in _of_type(questions, "true_false"):
        if "تمديد" in q.prompt_ar or "تجديد" in q.prompt_ar:
            continue  # the extension statement goes with the how-long question on purpose
        others = [o for o in questions if o.type in COMPREHENSION_TYPES and o is not q]
        assert q.evidence.sentence not in {o.evidence.sentence for o in others}


@pytest.mark.parametrize("name", ALL)
def test_generation_is_deterministic_with_stable_ids(analyse: Analyse, name: str) -> None:
    first = _questions(analyse, name)
    again = build_lesson(analyse(name)).questions
    assert [q.to_dict() for q in first] == [q.to_dict() for q in again]
    ids = [q.id for q in first]
    assert len(ids) == len(set(ids))
    assert all(
        re.fullmatch(r"[a-z_]+-[0-9a-f]{12}", i) and i.startswith(q.type)
        for i, q in zip(ids, first, strict=True)
    )


@pytest.mark.parametrize("name", ALL)
def test_questions_serialise_with_the_documented_keys(analyse: Analyse, name: str) -> None:
    for q in _questions(analyse, name):
        data = json.loads(json.dumps(q.to_dict(), ensure_ascii=False))
        assert {
            "id",
            "type",
            "prompt_ar",
            "prompt_en",
            "answer",
            "choices",
            "evidence",
            "difficulty",
        } <= set(data)
        assert {"text", "start", "end"} <= set(data["evidence"])


def test_every_question_type_is_generated_across_the_articles(analyse: Analyse) -> None:
    types = {q.type for name in ALL for q in _questions(analyse, name)}
    assert types == set(QUESTION_TYPES)


def test_true_false_has_both_answers_and_false_ones_swap_a_real_value(analyse: Analyse) -> None:
    statements = [q for name in ALL for q in _of_type(_questions(analyse, name), "true_false")]
    assert {q.answer for q in statements} == {TRUE_AR, FALSE_AR}
    for q in statements:
        statement = q.prompt_ar.removeprefix("صح أم خطأ؟ ").rstrip(".")
        if q.answer == TRUE_AR:
            extension = "تمديد" in statement or "تجديد" in statement
            assert extension or statement in q.evidence.text
        else:
            # The original value is in the sentence but not in the statement.
            assert statement not in q.evidence.text
            assert q.evidence.covered not in statement


@pytest.mark.parametrize("name", ALL)
def test_comprehension_distractors_are_of_the_answers_kind(analyse: Analyse, name: str) -> None:
    lesson = build_lesson(analyse(name))
    people = {bare(p.name) for p in lesson.people_places}
    for q in lesson.questions:
        if q.type in {"how_long", "how_many"}:
            assert all(re.search(r"\d|عام|سنت", d) for d in q.distractors)
        if q.type == "when":
            # The wrong dates have the answer's shape: another weekday, month or year.
            assert all(len(d.split()) == len(q.answer.split()) for d in q.distractors)
        if q.type in {"who", "who_said"}:
            for d in q.distractors:
                assert not (_names_in(d) & _names_in(q.answer))
                assert not (_names_in(d) & _names_in(q.evidence.text)) or bare(d) in people


# ---------------------------------------------------------------------------------------------
# Uncertain facts are not asked; the pool feeds distractors


def test_negated_planned_and_quoted_events_give_no_question(
    analyse_text: Callable[[str], AnalyzedText],
) -> None:
    signers = "وزير الخارجية المغربي ناصر بوريطة ونظيره النيجيري يوسف توغار"
    sure = f"وقع {signers} اتفاقية للتعاون يوم الأربعاء."
    unsure = (
        f"لم يوقع {signers} اتفاقية للتعاون يوم الأربعاء. "
        "ومن المقرر أن يوقع وزير الخارجية المغربي ناصر بوريطة اتفاقية أخرى الشهر المقبل. "
        "وقال المتحدث: “وقع الرئيس الروسي فلاديمير بوتين اتفاقية للتعاون مع إيران”."
    )
    who_sure = _of_type(generate_questions(analyse_text(sure)), "who")
    assert len(who_sure) == 1 and "بوريطة" in who_sure[0].answer
    who_unsure = _of_type(generate_questions(analyse_text(unsure)), "who")
    assert who_unsure == []


def test_pool_distractors_come_before_the_curated_fallbacks(
    analyse_text: Callable[[str], AnalyzedText],
) -> None:
    text = "وقال الرئيس الروسي فلاديمير بوتين إن المحادثات مع الوفد الأمريكي كانت مفيدة جدا."
    pool = DistractorPool(
        persons=["كامالا هاريس", "بوريس جونسون", "أنغيلا ميركل", "جاسيندا أرديرن"]
    )
    (plain,) = _of_type(generate_questions(analyse_text(text)), "who_said")
    (pooled,) = _of_type(generate_questions(analyse_text(text), pool=pool), "who_said")
    assert pooled.answer == plain.answer == "فلاديمير بوتين"
    assert list(pooled.distractors) == pool.persons[:3]
    assert not set(plain.distractors) & set(pool.persons)
    assert len(plain.distractors) == 3  # the curated names fill in


def test_pool_round_trips_and_is_built_from_other_lessons(analyse: Analyse) -> None:
    pool = DistractorPool.from_lessons([build_lesson(analyse("summit"))])
    assert "أحمد أبو الغيط" in pool.persons and "الرياض" in pool.locations
    assert pool.words and all(w.gloss for w in pool.words)
    assert DistractorPool.from_dict(json.loads(json.dumps(pool.to_dict()))).persons == pool.persons


def test_the_quality_checker_catches_broken_questions(analyse: Analyse) -> None:
    analyzed = analyse("seed")
    good = _of_type(_questions(analyse, "seed"), "who")[0]
    assert problems(good, analyzed) == []
    sentence = analyzed.sentences[5].text
    moved = Question.from_dict({**good.to_dict(), "evidence": Span(sentence, 0, 5, 5).to_dict()})
    assert "answer not in evidence" in problems(moved, analyzed)
    repeated = Question.from_dict({**good.to_dict(), "distractors": [good.answer, "أ", "ب"]})
    assert "repeated choice" in problems(repeated, analyzed)
    short = Question.from_dict({**good.to_dict(), "distractors": good.distractors[:2]})
    assert any("distractors" in p for p in problems(short, analyzed))
    latin = Question.from_dict({**good.to_dict(), "distractors": ["x", "y", "z"]})
    assert "choice in the wrong script" in problems(latin, analyzed)


# ---------------------------------------------------------------------------------------------
# Vocabulary questions


@pytest.mark.parametrize("name", ALL)
def test_vocabulary_questions_ask_about_the_articles_words(analyse: Analyse, name: str) -> None:
    analyzed = analyse(name)
    lesson = build_lesson(analyzed)
    vocab = {bare(v.lemma): v for v in lesson.vocab}
    for q in lesson.questions:
        if q.type == "meaning_ar_en":
            lemma = q.prompt_ar.split("«")[1].split("»")[0]
            assert q.answer in gloss_senses(vocab[bare(lemma)].gloss)
            assert all(
                re.search(r"[A-Za-z]", c) and not re.search(r"[\u0600-\u06ff]", c)
                for c in q.choices
            )
        elif q.type == "meaning_en_ar":
            assert bare(q.answer) in vocab
            assert all(bare(d) != bare(q.answer) for d in q.distractors)
            # No near-synonym: no wrong choice shares the answer's root.
            root = vocab[bare(q.answer)].root
            other_roots = [vocab[bare(d)].root for d in q.distractors if bare(d) in vocab]
            assert root is None or root not in other_roots
        elif q.type == "cloze":
            assert "____" in q.prompt_ar and q.evidence.covered == q.answer
        elif q.type == "root":
            radicals = q.answer.split()
            assert 3 <= len(radicals) <= 4
            assert all(len(d.split()) in {3, 4} for d in q.distractors)


_PADT = Path("/work/shared/eval/padt-dev/articles")


@pytest.mark.skipif(not _PADT.is_dir(), reason="shared evaluation articles not available")
def test_held_out_news_articles_give_sound_questions(
    analyse_text: Callable[[str], AnalyzedText],
) -> None:
    # Evaluation only: the text is read at test time and nothing of it is kept.
    for path in sorted(_PADT.glob("*.txt")):
        analyzed = analyse_text(path.read_text(encoding="utf-8"))
        cleaned = clean_analysis(analyzed)
        for q in build_lesson(analyzed).questions:
            assert problems(q, cleaned) == [], (path.name, q.type, q.prompt_ar)
