"""Quizzes built from questions, assigned to classes, and the students' attempts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from learn.models.accounts import User
from learn.models.articles import Article, Question
from learn.models.base import Base, TimestampMixin, UTCDateTime, utcnow
from learn.models.classes import Classroom


class Quiz(TimestampMixin, Base):
    """A quiz: its settings and its questions in order.

    Versions: once students have attempted a quiz, it never changes — an edit makes a new
    row (`version` + 1, unassigned) and the old one points to it with `replaced_by_id`,
    keeping its assignments, attempts and results. The current version is the row with
    `replaced_by_id` NULL (learn/quizzes/service.py, docs/quizzes.md)."""

    __tablename__ = "quizzes"
    __table_args__ = (
        # A repeated "create quiz" request finds the first quiz instead of making a second;
        # the versions of one quiz may share its title.
        UniqueConstraint("teacher_id", "article_id", "title", "version"),
        CheckConstraint("feedback IN ('immediate', 'end')", name="feedback"),
        CheckConstraint("time_limit_minutes IS NULL OR time_limit_minutes > 0", name="time_limit"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    teacher_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    shuffle_options: Mapped[bool] = mapped_column(Boolean, default=True)
    # "immediate": one question at a time with feedback; "end": all at once, feedback at the end.
    feedback: Mapped[str] = mapped_column(String(16), default="immediate")
    time_limit_minutes: Mapped[int | None] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    replaced_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("quizzes.id", ondelete="SET NULL"), index=True
    )

    article: Mapped[Article] = relationship()
    teacher: Mapped[User] = relationship()
    items: Mapped[list[QuizQuestion]] = relationship(
        back_populates="quiz", cascade="all, delete-orphan", order_by="QuizQuestion.position"
    )
    assignments: Mapped[list[Assignment]] = relationship(
        back_populates="quiz", cascade="all, delete-orphan"
    )

    @property
    def display_title(self) -> str:
        """The title where versions may sit side by side (lists, gradebooks, exports)."""
        return self.title if self.version == 1 else f"{self.title} (version {self.version})"


class QuizQuestion(Base):
    __tablename__ = "quiz_questions"
    __table_args__ = (UniqueConstraint("quiz_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quizzes.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)

    quiz: Mapped[Quiz] = relationship(back_populates="items")
    question: Mapped[Question] = relationship()


class Assignment(TimestampMixin, Base):
    __tablename__ = "assignments"
    __table_args__ = (
        UniqueConstraint("quiz_id", "class_id"),
        CheckConstraint("max_attempts > 0", name="max_attempts"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quizzes.id", ondelete="CASCADE"))
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"), index=True)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    max_attempts: Mapped[int] = mapped_column(Integer, default=1)

    quiz: Mapped[Quiz] = relationship(back_populates="assignments")
    classroom: Mapped[Classroom] = relationship()


class Attempt(Base):
    __tablename__ = "attempts"
    __table_args__ = (UniqueConstraint("assignment_id", "student_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignments.id", ondelete="CASCADE"))
    student_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)  # 1 for the first attempt, 2 for the next ...
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The order of questions and of each question's options, fixed when the attempt starts
    # so that a resumed attempt shows the same quiz: {"questions": [...], "options": {...}}.
    layout: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    score: Mapped[float | None] = mapped_column(Float)  # fraction correct, set on submit

    assignment: Mapped[Assignment] = relationship()
    student: Mapped[User] = relationship()
    answers: Mapped[list[Answer]] = relationship(
        back_populates="attempt", cascade="all, delete-orphan"
    )


class Answer(Base):
    """A student's answer to one question in one attempt: one row per attempt × question,
    so a double click, a retry or a second tab can only update it, never duplicate it."""

    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("attempt_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"))
    response: Mapped[str] = mapped_column(Text)
    is_correct: Mapped[bool] = mapped_column(Boolean)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    attempt: Mapped[Attempt] = relationship(back_populates="answers")
    question: Mapped[Question] = relationship()
