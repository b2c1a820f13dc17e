"""The results service on a real database: regrading, typed answers, lookups, timing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from flask import Flask

from learn.extensions import db
from learn.models import Answer, Attempt, Question, Quiz, WordLookup
from learn.results import service
from tests.results import seed as data
from tests.web.conftest import UserInfo


def _short_answer_quiz(app: Flask, teacher: UserInfo, students: list[UserInfo]) -> data.Seeded:
    """Question 4 turned into a short answer "عشرين عاما" before anyone answers it."""
    seeded = data.seed(app, teacher.id, [s.id for s in students], [[1, 1, 1, None]] * 3)
    with app.app_context():
        question = db.session.get(Question, seeded.question_ids[3])
        assert question is not None
        question.format, question.answer, question.choices = "short_answer", "عشرين عاما", []
        typed = ["عشرين عامًا", "20 عاما", "عشرين  عاما."]  # with tanwin, in digits, sloppy
        for attempt_id, response in zip(seeded.attempt_ids, typed, strict=True):
            db.session.add(
                Answer(
                    attempt_id=attempt_id,
                    question_id=question.id,
                    response=response,
                    is_correct=response != "20 عاما",
                    answered_at=data.START + timedelta(minutes=2),
                )
            )
        db.session.commit()
    return seeded


def test_regrade_applies_a_new_accepted_answer(
    app: Flask, make_user: Callable[..., UserInfo]
) -> None:
    teacher = make_user("teacher")
    students = [make_user("student") for _ in range(3)]
    seeded = _short_answer_quiz(app, teacher, students)
    with app.app_context():
        question = db.session.get(Question, seeded.question_ids[3])
        assert question is not None
        question.accepted_answers = ["20 عاما"]
        db.session.commit()
        changes = service.regrade_quiz(seeded.quiz_id)
        # The stored scores were 3/4 for all three (set before the typed answers were added);
        # now everyone is right on all four.
        assert [(c.attempt.id, c.old, c.new) for c in changes] == [
            (attempt_id, 0.75, 1.0) for attempt_id in seeded.attempt_ids
        ]
        assert [c.answers_changed for c in changes] == [0, 1, 0]
        assert service.regrade_quiz(seeded.quiz_id) == []


def test_typed_answers_are_grouped_by_their_normalised_form(
    app: Flask, make_user: Callable[..., UserInfo]
) -> None:
    teacher = make_user("teacher")
    students = [make_user("student") for _ in range(3)]
    seeded = _short_answer_quiz(app, teacher, students)
    with app.app_context():
        quiz = db.session.get(Quiz, seeded.quiz_id)
        assert quiz is not None
        options = service.quiz_report(quiz).questions[3].options
        assert [(o.count, o.correct) for o in options] == [(2, True), (1, False)]
        assert options[1].text == "20 عاما"


def test_regrading_an_open_attempt_changes_answers_not_the_score(
    app: Flask, make_user: Callable[..., UserInfo]
) -> None:
    teacher, student = make_user("teacher"), make_user("student")
    seeded = data.seed(app, teacher.id, [student.id], [[1, 1, 1, 1]])
    open_id = data.add_attempt(
        app,
        seeded.assignment_id,
        student.id,
        [1, 0, None, None],
        seeded.question_ids,
        2,
        submitted=False,
    )
    with app.app_context():
        question = db.session.get(Question, seeded.question_ids[0])
        assert question is not None
        question.answer = data.CHOICES[0][1]
        db.session.commit()
        changes = {c.attempt.id: c for c in service.regrade_quiz(seeded.quiz_id)}
        assert (changes[open_id].old, changes[open_id].new) == (None, None)
        assert changes[open_id].answers_changed == 1
        assert changes[seeded.attempt_ids[0]].new == 0.75
        attempt = db.session.get(Attempt, open_id)
        assert attempt is not None and attempt.submitted_at is None


def test_record_lookup_logs_words_only(app: Flask, make_user: Callable[..., UserInfo]) -> None:
    teacher, student = make_user("teacher"), make_user("student")
    article_id, _, _ = data.make_quiz(app, teacher.id)
    with app.app_context():
        service.record_lookup(student.id, article_id, " كِتاب ")
        service.record_lookup(student.id, article_id, "")
        rows = db.session.query(WordLookup).all()
        assert [(r.user_id, r.article_id, r.lemma) for r in rows] == [
            (student.id, article_id, "كِتاب")
        ]


def test_durations_read_naturally() -> None:
    assert service.format_duration(None) == "—"
    assert service.format_duration(timedelta(seconds=7)) == "7 s"
    assert service.format_duration(timedelta(minutes=2, seconds=5)) == "2 min 05 s"
    assert service.format_duration(timedelta(hours=1, minutes=3, seconds=9)) == "1 h 03 min"
