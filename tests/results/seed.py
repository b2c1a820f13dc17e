"""Results test data: a quiz whose attempts reproduce a given score matrix.

Rows are written through the models (as taking the quiz would store them), with fixed times
so that lateness and timing can be asserted.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from flask import Flask

from learn.extensions import db
from learn.models import (
    Answer,
    Article,
    ArticleToken,
    Assignment,
    Attempt,
    Classroom,
    Enrollment,
    Question,
    Quiz,
    QuizQuestion,
)

START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
# Question i: "which word …?" with these choices; the first is the key.
CHOICES = [
    ["كتاب", "قلم", "باب", "بيت"],
    ["معاهدة", "مدرسة", "سيارة", "شجرة"],
    ["رئيس", "طالب", "طبيب", "مهندس"],
    ["شراكة", "حرب", "سوق", "نهر"],
]
LEMMAS = [None, "مُعاهَدَة", "رَئِيس", None]


@dataclass(frozen=True)
class Seeded:
    article_id: int
    quiz_id: int
    class_id: int
    assignment_id: int
    question_ids: list[int]
    attempt_ids: list[int]  # first attempts, in the order of the matrix rows


def make_quiz(
    app: Flask, teacher_id: int, title: str = "Treaty words"
) -> tuple[int, int, list[int]]:
    with app.app_context():
        text = f"وقعت روسيا وإيران معاهدة شراكة. قال الرئيس ({title})"
        article = Article(
            title=f"معاهدة {title}",
            source="Test",
            text=text,
            text_sha256=hashlib.sha256(text.encode()).hexdigest(),
        )
        db.session.add(article)
        db.session.flush()
        questions = [
            Question(
                article_id=article.id,
                uid=f"res-{i}",
                type="cloze",
                format="multiple_choice",
                prompt_ar=f"سؤال رقم {i + 1}",
                prompt_en=f"Question {i + 1}",
                answer=choices[0],
                choices=choices,
                lemma=LEMMAS[i],
                status="approved",
            )
            for i, choices in enumerate(CHOICES)
        ]
        db.session.add_all(questions)
        db.session.add(
            ArticleToken(
                article_id=article.id,
                position=0,
                sentence=0,
                index=0,
                start=0,
                end=6,
                surface="معاهدة",
                lemma="مُعاهَدَة",
            )
        )
        db.session.flush()
        quiz = Quiz(
            article_id=article.id, teacher_id=teacher_id, title=title, shuffle_options=False
        )
        quiz.items = [
            QuizQuestion(question_id=q.id, position=i + 1) for i, q in enumerate(questions)
        ]
        db.session.add(quiz)
        db.session.commit()
        return article.id, quiz.id, [q.id for q in questions]


def make_class(
    app: Flask, teacher_id: int, student_ids: Sequence[int], name: str = "Arabic 1"
) -> int:
    with app.app_context():
        classroom = Classroom(
            name=name, teacher_id=teacher_id, join_code=f"J{teacher_id}{name[-1]}X"
        )
        db.session.add(classroom)
        db.session.flush()
        db.session.add_all(Enrollment(class_id=classroom.id, student_id=s) for s in student_ids)
        db.session.commit()
        return classroom.id


def assign(app: Flask, quiz_id: int, class_id: int, due_at: datetime | None = None) -> int:
    with app.app_context():
        assignment = Assignment(quiz_id=quiz_id, class_id=class_id, due_at=due_at, max_attempts=3)
        db.session.add(assignment)
        db.session.commit()
        return assignment.id


def add_attempt(
    app: Flask,
    assignment_id: int,
    student_id: int,
    row: Sequence[int | None],
    question_ids: Sequence[int],
    number: int = 1,
    start: datetime = START,
    submitted: bool = True,
) -> int:
    """An attempt answering question i right (1), wrong (0) or not at all (None); the
    answers come 10 s, 30 s, 60 s, 100 s … after the start, the submission at 5 min."""
    with app.app_context():
        total = len(question_ids)
        attempt = Attempt(
            assignment_id=assignment_id,
            student_id=student_id,
            number=number,
            started_at=start,
            layout={"questions": list(question_ids), "options": {}},
        )
        db.session.add(attempt)
        db.session.flush()
        elapsed = 0
        for i, (question_id, right) in enumerate(zip(question_ids, row, strict=True)):
            elapsed += 10 * (i + 1)
            if right is None:
                continue
            db.session.add(
                Answer(
                    attempt_id=attempt.id,
                    question_id=question_id,
                    response=CHOICES[i][0] if right else CHOICES[i][1],
                    is_correct=bool(right),
                    answered_at=start + timedelta(seconds=elapsed),
                )
            )
        if submitted:
            attempt.submitted_at = start + timedelta(minutes=5)
            attempt.score = sum(1 for r in row if r) / total
        db.session.commit()
        return attempt.id


def seed(
    app: Flask,
    teacher_id: int,
    student_ids: Sequence[int],
    matrix: Sequence[Sequence[int | None]],
    due_at: datetime | None = None,
) -> Seeded:
    article_id, quiz_id, question_ids = make_quiz(app, teacher_id)
    class_id = make_class(app, teacher_id, student_ids)
    assignment_id = assign(app, quiz_id, class_id, due_at)
    attempt_ids = [
        add_attempt(app, assignment_id, student_id, row, question_ids)
        for student_id, row in zip(student_ids, matrix, strict=True)
    ]
    return Seeded(article_id, quiz_id, class_id, assignment_id, question_ids, attempt_ids)
