"""Study fixtures: learners and articles with vocabulary, stored directly (no analysis run),
so the tests control every lemma, count and example sentence."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask import Flask

from learn.extensions import db
from learn.models import (
    Answer,
    Article,
    Assignment,
    Attempt,
    Classroom,
    Enrollment,
    Question,
    Quiz,
    QuizQuestion,
    User,
    VocabEntry,
)

_numbers = itertools.count(1)

SENTENCE = "قال الرئيس إن الحكومة ستعقد اجتماعا"
T0 = datetime(2026, 4, 1, 9, 0, tzinfo=UTC)


def store_learner(
    username: str | None = None, timezone: str = "UTC", retention: float = 0.9
) -> int:
    user = User(
        username=username or f"learner{next(_numbers)}",
        password_hash="-",
        role="student",
        timezone=timezone,
        desired_retention=retention,
    )
    user.username_key = user.username.lower()
    db.session.add(user)
    db.session.commit()
    return user.id


def store_article(words: list[dict[str, Any]], title: str | None = None) -> int:
    """An article whose vocabulary list is `words` (lemma, gloss, and optional pos, count,
    domain, rank, list_name, examples)."""
    number = next(_numbers)
    article = Article(
        title=title or f"مقال {number}",
        text=f"{SENTENCE} {number}",
        text_sha256=f"{number:064d}",
    )
    for rank, word in enumerate(words, start=1):
        article.vocabulary.append(
            VocabEntry(
                lemma=word["lemma"],
                pos=word.get("pos", "noun"),
                gloss=word.get("gloss", "gloss"),
                count=word.get("count", 1),
                rank=word.get("rank", rank),
                domain=word.get("domain", "general"),
                list_name=word.get("list_name", "vocab"),
                data={"examples": word.get("examples", [])},
            )
        )
    db.session.add(article)
    db.session.commit()
    return article.id


def store_attempt_with_answers(student: int, article: int, code: str = "STUDY1") -> int:
    """A quiz attempt of `student` on `article`, answered at T0: the vocabulary question on
    رَئِيس right, the one on حُكُومَة wrong, and a question without a lemma right."""
    teacher = db.session.get(User, store_learner())
    assert teacher is not None
    teacher.role = "teacher"
    classroom = Classroom(name="Arabic 2", teacher_id=teacher.id, join_code=code)
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


@pytest.fixture
def ctx(app: Flask):
    with app.app_context():
        yield app


@pytest.fixture
def learner(ctx: Flask) -> Callable[..., int]:
    return store_learner
