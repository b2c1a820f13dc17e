"""Lesson data round-trips through plain JSON (the web layer stores and edits it)."""

from __future__ import annotations

import json

from learn.lessons import build_lesson
from learn.lessons.types import (
    FALSE_AR,
    TRUE_AR,
    Lesson,
    NameEntry,
    Question,
    Span,
    VocabEntry,
)


def _question(**over: object) -> Question:
    values: dict[str, object] = {
        "id": "who-abc",
        "type": "who",
        "prompt_ar": "مَن وقع الاتفاق؟",
        "prompt_en": "Who signed the agreement?",
        "answer": "سامي",
        "distractors": ("رامي", "هادي", "شادي"),
        "evidence": Span("وقع سامي الاتفاق.", 4, 8, 0),
        "difficulty": 0.3,
    }
    values.update(over)
    return Question(**values)  # type: ignore[arg-type]


def test_question_round_trips_through_json() -> None:
    q = _question(answer_en="Sami", note="a note")
    data = json.loads(json.dumps(q.to_dict(), ensure_ascii=False))
    assert Question.from_dict(data) == q
    assert data["evidence"]["text"][data["evidence"]["start"] : data["evidence"]["end"]] == "سامي"


def test_choices_hold_answer_and_distractors_in_a_stable_order() -> None:
    q = _question()
    assert sorted(q.choices) == sorted([q.answer, *q.distractors])
    assert q.choices == _question().choices  # same id, same order
    orders = {tuple(_question(id=f"who-{i}").choices) for i in range(20)}
    assert len(orders) > 1  # the answer is not always in the same place


def test_true_false_choices_are_true_then_false() -> None:
    q = _question(type="true_false", answer=FALSE_AR, distractors=(TRUE_AR,))
    assert q.choices == [TRUE_AR, FALSE_AR]


def test_edited_question_with_only_choices_keeps_its_distractors() -> None:
    data = _question().to_dict()
    del data["distractors"]
    assert set(Question.from_dict(data).distractors) == {"رامي", "هادي", "شادي"}


def test_vocab_and_name_entries_round_trip() -> None:
    v = VocabEntry(
        lemma="مُعاهَدَة",
        gloss="treaty; pact",
        root="ع.ه.د",
        pos="noun",
        count=2,
        forms=("معاهدة", "المعاهدة"),
        examples=(Span("ومدة المعاهدة عشرون عاما.", 5, 13, 1),),
        zipf=4.1,
        band="common",
        domain="politics",
        rank=1,
        score=4.2,
    )
    n = NameEntry("سامي", "PERSON", "Sami", "الوزير", 1, ("سامي",), ())
    assert VocabEntry.from_dict(json.loads(json.dumps(v.to_dict()))) == v
    assert NameEntry.from_dict(json.loads(json.dumps(n.to_dict()))) == n


def test_a_whole_lesson_round_trips(analyse) -> None:  # type: ignore[no-untyped-def]
    lesson = build_lesson(analyse("seed"))
    text = json.dumps(lesson.to_dict(), ensure_ascii=False)
    again = Lesson.from_dict(json.loads(text))
    assert again.vocab == lesson.vocab
    assert again.people_places == lesson.people_places
    assert again.questions == lesson.questions
