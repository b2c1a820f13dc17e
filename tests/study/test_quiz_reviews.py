"""Answers to vocabulary questions in a quiz attempt count as reviews, once each."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from learn.extensions import db
from learn.models import (
    Answer,
    Assignment,
    Attempt,
    Classroom,
    Enrollment,
    Question,
    Quiz,
    QuizQuestion,
    StudyReview,
    User,
)
from learn.study import service
from learn.study.scheduling import as_utc
from tests.study.conftest import store_article, store_learner

T0 = datetime(2026, 4, 1, 9, 0, tzinfo=UTC)


def _attempt_with_answers(student: int, article: int) -> int:
    teacher = db.session.get(User, store_learner())
    assert teacher is not None
    teacher.role = "teacher"
    classroom = Classroom(name="Arabic 2", teacher_id=teacher.id, join_code="STUDY1")
    db.session.add(classroom)
    db.session.flush()
    db.session.add(Enrollment(class_id=classroom.id, student_id=student))
    questions = [
        Question(
            article_id=article, uid="q1", type="meaning_ar_en", answer="president", lemma="رَئِيس"
        ),
        Question(article_id=article, uid="q2", type="cloze", answer="حكومة", lemma="حُكُومَة"),
        Question(article_id=article, uid="q3", type="who", answer="someone"),  # no lemma
    ]
    quiz = Quiz(article_id=article, teacher_id=teacher.id, title="Words")
    quiz.items = [QuizQuestion(question=q, position=i) for i, q in enumerate(questions)]
    db.session.add(quiz)
    db.session.flush()
    assignment = Assignment(quiz_id=quiz.id, class_id=classroom.id)
    db.session.add(assignment)
    db.session.flush()
    attempt = Attempt(assignment_id=assignment.id, student_id=student, number=1)
    attempt.answers = [
        Answer(question=questions[0], response="president", is_correct=True, answered_at=T0),
        Answer(
            question=questions[1],
            response="x",
            is_correct=False,
            answered_at=T0 + timedelta(minutes=1),
        ),
        Answer(question=questions[2], response="someone", is_correct=True, answered_at=T0),
    ]
    db.session.add(attempt)
    db.session.commit()
    return attempt.id


def test_an_attempts_vocabulary_answers_become_reviews_once(ctx) -> None:
    student = store_learner()
    article = store_article([{"lemma": "رَئِيس"}, {"lemma": "حُكُومَة"}, {"lemma": "خَبَر"}])
    attempt = _attempt_with_answers(student, article)

    assert service.record_attempt_reviews(attempt) == 2
    assert service.record_attempt_reviews(attempt) == 0  # a repeated submit adds nothing

    reviews = db.session.scalars(
        select(StudyReview).where(StudyReview.user_id == student).order_by(StudyReview.id)
    ).all()
    assert [(r.card.lemma, r.rating, r.source) for r in reviews] == [
        ("رَئِيس", 3, "quiz"),
        ("حُكُومَة", 1, "quiz"),
    ]
    assert as_utc(reviews[0].reviewed_at) == T0
    # The assigned article is now one of the learner's: its other word comes up as new.
    assert [w.lemma for w in service.new_words(student, 5)] == ["خَبَر"]


def test_submitting_an_attempt_feeds_its_vocabulary_answers_to_study(ctx) -> None:
    from learn.quizzes import attempts

    student = store_learner()
    article = store_article([{"lemma": "رَئِيس"}, {"lemma": "حُكُومَة"}])
    attempt = db.session.get(Attempt, _attempt_with_answers(student, article))
    assert attempt is not None

    attempts.submit(attempt, T0 + timedelta(minutes=5))
    attempts.submit(attempt, T0 + timedelta(minutes=6))  # a retried submit

    ratings = db.session.scalars(
        select(StudyReview.rating).where(StudyReview.user_id == student).order_by(StudyReview.id)
    ).all()
    assert ratings == [3, 1]  # Good for the right answer, Again for the wrong one
