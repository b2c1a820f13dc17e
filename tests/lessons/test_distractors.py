"""Pure helpers behind the distractors: rendering, variants, picking."""

from __future__ import annotations

import pytest

from learn.lessons import build_lesson, problems
from learn.lessons.distractors import (
    date_variants,
    different_gloss,
    format_duration,
    nearby_counts,
    nearby_numbers,
    parse_duration_key,
    pick,
    places_linked,
)
from learn.lessons.names import clean_analysis
from learn.nlp.types import AnalyzedText


@pytest.mark.parametrize(
    ("count", "unit", "sana", "expected"),
    [
        (1, "year", False, "عام واحد"),
        (2, "year", False, "عامان"),
        (5, "year", False, "5 أعوام"),
        (5, "year", True, "5 سنوات"),
        (20, "year", False, "20 عامًا"),
        (100, "year", False, "100 عام"),
        (1, "hour", False, "ساعة واحدة"),
        (3, "month", False, "3 أشهر"),
    ],
)
def test_durations_follow_arabic_counting_rules(count, unit, sana, expected) -> None:  # type: ignore[no-untyped-def]
    assert format_duration(count, unit, sana) == expected


def test_duration_keys_parse() -> None:
    assert parse_duration_key("20 year") == (20, "year")
    assert parse_duration_key("6 months") == (6, "month")
    assert parse_duration_key("forever") is None
    assert parse_duration_key("3 fortnight") is None


def test_nearby_counts_and_numbers_never_repeat_the_answer() -> None:
    for n in (1, 2, 5, 20, 99):
        counts = nearby_counts(n)
        assert n not in counts and len(counts) == len(set(counts)) >= 3
    for x in (8.0, 12.0, 500.0, 2.5):
        near = nearby_numbers(x)
        assert x not in near and all(v > 0 for v in near) and len(near) >= 3


@pytest.mark.parametrize(
    ("answer", "kind"),
    [
        ("يوم الجمعة", "weekday"),
        ("الاثنين", "weekday"),
        ("فبراير 2022", "month_year"),
        ("يوليو/تموز", "month"),
        ("عام 2013", "year"),
        ("العام الماضي", "relative"),
    ],
)
def test_date_variants_keep_the_answers_shape(answer: str, kind: str) -> None:
    found = date_variants(answer)
    assert found is not None and found[0] == kind
    variants = found[1]
    assert len(set(variants)) >= 3 and answer not in variants
    if "/" in answer:  # "يوليو/تموز" -> "أغسطس/آب": both calendars kept
        assert all(v.count("/") == 1 for v in variants)
    else:
        assert all(len(v.split()) == len(answer.split()) for v in variants)


def test_unknown_date_shapes_give_no_variants() -> None:
    assert date_variants("في وقت لاحق") is None


def test_pick_skips_the_answer_repeats_banned_and_nonsense() -> None:
    chosen = pick(
        "فلاديمير بوتين",
        ["بوتين", "", "---", "دونالد ترامب", "ترامب", "جو بايدن", "شي جين بينغ", "كير ستارمر"],
        banned=["جو بايدن"],
    )
    assert chosen == ["دونالد ترامب", "شي جين بينغ", "كير ستارمر"]
    assert pick("x", ["a", "b"], n=0) == []


def test_glosses_that_share_a_word_are_not_different() -> None:
    assert different_gloss("treaty", "sanctions")
    assert not different_gloss("peace treaty", "treaty")
    assert not different_gloss("the", "a")  # nothing to compare


def test_cities_are_linked_to_their_country() -> None:
    assert places_linked("كازان", "روسيا") and places_linked("روسيا", "موسكو")
    assert places_linked("عمّان", "الأردن")
    assert not places_linked("باريس", "روسيا")


def test_lessons_of_article_fragments_stay_sound(analyse) -> None:  # type: ignore[no-untyped-def]
    # Any run of sentences is an article too: nothing crashes and every question is sound.
    full: AnalyzedText = analyse("summit")
    for size in (1, 2, 5):
        part = AnalyzedText(
            full.text,
            full.sentences[:size],
            tuple(e for e in full.entities if e.sentence < size),
            tuple(q for q in full.quotations if q.sentence < size),
        )
        lesson = build_lesson(part)
        cleaned = clean_analysis(part)
        assert all(problems(q, cleaned) == [] for q in lesson.questions)
    empty = build_lesson(AnalyzedText("", ()))
    assert empty.vocab == () and empty.questions == () and empty.people_places == ()
