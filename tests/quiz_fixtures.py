"""Test data for the quiz tests (pages and API): an article with three generated questions
awaiting review, and classes with enrolled students.

The rows are created through the models, as the article import would store them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

from flask import Flask

from learn.extensions import db
from learn.models import Article, Attempt, Classroom, Enrollment, Question, User

SENTENCE = "وقعت روسيا وإيران معاهدة شراكة استراتيجية لمدة عشرين عاما."
ARTICLE_TEXT = (
    "موسكو (أ ف ب) - " + SENTENCE + " وقال الرئيس الروسي فلاديمير بوتين إن المعاهدة تعزز التعاون."
)


@dataclass(frozen=True)
class ArticleData:
    article_id: int
    mcq_id: int  # multiple choice: answer إيران
    tf_id: int  # true/false: answer صحيح
    short_id: int  # short answer: عشرين عاما (also 20 عاما)


def _span(word: str) -> tuple[int, int]:
    start = SENTENCE.index(word)
    return start, start + len(word)


def make_article(app: Flask, title: str = "روسيا وإيران توقعان معاهدة") -> ArticleData:
    with app.app_context():
        text = f"{ARTICLE_TEXT} ({title})"
        article = Article(
            title=title,
            source="Test",
            text=text,
            text_sha256=hashlib.sha256(text.encode()).hexdigest(),
        )
        db.session.add(article)
        db.session.flush()
        iran, years = _span("إيران"), _span("عشرين عاما")
        mcq = Question(
            article_id=article.id,
            uid="gen-who-1",
            type="who",
            format="multiple_choice",
            prompt_ar="مع من وقعت روسيا المعاهدة؟",
            prompt_en="With whom did Russia sign the treaty?",
            answer="إيران",
            choices=["تركيا", "إيران", "الصين", "مصر"],
            evidence_text=SENTENCE,
            evidence_start=iran[0],
            evidence_end=iran[1],
        )
        tf = Question(
            article_id=article.id,
            uid="gen-tf-1",
            type="true_false",
            format="true_false",
            prompt_ar="المعاهدة لمدة عشرين عاما.",
            prompt_en="The treaty is for twenty years.",
            answer="صحيح",
            choices=["صحيح", "خطأ"],
            evidence_text=SENTENCE,
            evidence_start=years[0],
            evidence_end=years[1],
        )
        short = Question(
            article_id=article.id,
            uid="gen-how-long-1",
            type="how_long",
            format="short_answer",
            prompt_ar="كم مدة المعاهدة؟",
            prompt_en="How long is the treaty for?",
            answer="عشرين عاما",
            accepted_answers=["20 عاما"],
            evidence_text=SENTENCE,
            evidence_start=years[0],
            evidence_end=years[1],
        )
        db.session.add_all([mcq, tf, short])
        db.session.commit()
        return ArticleData(article.id, mcq.id, tf.id, short.id)


def approve_all(app: Flask, article_id: int) -> None:
    with app.app_context():
        for question in db.session.get(Article, article_id).questions:  # type: ignore[union-attr]
            question.status = "approved"
        db.session.commit()


def make_class(app: Flask, teacher_id: int, student_ids: list[int], code: str = "") -> int:
    with app.app_context():
        classroom = Classroom(
            name=f"Arabic {code or teacher_id}",
            teacher_id=teacher_id,
            join_code=code or f"C{teacher_id}X",
        )
        db.session.add(classroom)
        db.session.flush()
        db.session.add_all(Enrollment(class_id=classroom.id, student_id=s) for s in student_ids)
        db.session.commit()
        return classroom.id


def set_timezone(app: Flask, user_id: int, timezone: str) -> None:
    with app.app_context():
        user = db.session.get(User, user_id)
        assert user is not None
        user.timezone = timezone
        db.session.commit()


def move_attempt_start(app: Flask, attempt_id: int, started_at: datetime) -> None:
    """Pretend an attempt started earlier (time limits without waiting)."""
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        assert attempt is not None
        attempt.started_at = started_at
        db.session.commit()


@dataclass(frozen=True)
class AssignedQuiz:
    data: ArticleData
    quiz_id: int
    assignment_id: int
    class_id: int


def make_assigned_quiz(
    app: Flask,
    teacher_id: int,
    student_ids: list[int],
    feedback: str = "immediate",
    max_attempts: int = 1,
    time_limit_minutes: int | None = None,
    shuffle_options: bool = False,
    article_title: str = "روسيا وإيران توقعان معاهدة",
) -> AssignedQuiz:
    """An article whose three questions are approved, in a quiz (MCQ, true/false, short
    answer, in that order) assigned to a new class of the teacher with these students."""
    from learn.quizzes import service

    data = make_article(app, article_title)
    approve_all(app, data.article_id)
    class_id = make_class(app, teacher_id, student_ids, code=f"Q{data.article_id}X{teacher_id}")
    with app.app_context():
        teacher = db.session.get(User, teacher_id)
        assert teacher is not None
        quiz, _ = service.create_quiz(
            teacher,
            data.article_id,
            {
                "title": "Treaty quiz",
                "question_ids": [data.mcq_id, data.tf_id, data.short_id],
                "feedback": feedback,
                "shuffle_options": shuffle_options,
                "time_limit_minutes": time_limit_minutes,
            },
        )
        assignment, _ = service.assign_quiz(
            teacher,
            quiz,
            {"class_id": class_id, "max_attempts": max_attempts},
            datetime.now(UTC),
        )
        return AssignedQuiz(data, quiz.id, assignment.id, class_id)


def set_due(app: Flask, assignment_id: int, due_at: datetime | None) -> None:
    """Move a due date (into the past, say) without going through validation."""
    from learn.models import Assignment

    with app.app_context():
        assignment = db.session.get(Assignment, assignment_id)
        assert assignment is not None
        assignment.due_at = due_at
        db.session.commit()
