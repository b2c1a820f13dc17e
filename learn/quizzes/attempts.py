"""A student taking an assigned quiz: start or resume, answer, submit, see feedback.

Rules (also in docs/api.md):
- One in-progress attempt at a time per assignment; starting again resumes it, with the
  same question and option order (fixed in `Attempt.layout` when it started).
- One answer per attempt and question (a unique row): a repeated request finds it. With
  immediate feedback the student has seen the right answer, so a *different* second answer
  is refused; in all-at-once mode answers can be changed until the attempt is submitted.
- After the due date, after the time limit, or once submitted, no answer is accepted. An
  attempt found open past its due date or time limit is submitted with what it has.
- Score = correct answers / questions in the quiz (unanswered count as wrong).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from learn.extensions import db, is_row_id
from learn.models import (
    Answer,
    Assignment,
    Attempt,
    Enrollment,
    Question,
    Quiz,
    QuizQuestion,
    User,
)
from learn.quizzes.errors import Conflict, InvalidInput, NotFound
from learn.quizzes.grading import CHOICE_FORMATS, grade
from learn.quizzes.questions import EvidenceParts, evidence_parts
from learn.quizzes.service import insert_returning_row
from learn.study.service import record_attempt_reviews

# Answers sent this long after the time limit still count: the time the request spent on the
# network is not the student's.
TIME_LIMIT_GRACE = timedelta(seconds=5)
MAX_RESPONSE = 500


@dataclass(frozen=True)
class Feedback:
    correct: bool
    response: str
    right_answer: str
    evidence: EvidenceParts | None

    @property
    def message(self) -> str:
        return "Correct!" if self.correct else f"Not quite. The answer is: {self.right_answer}"

    def to_dict(self) -> dict[str, Any]:
        evidence = self.evidence
        return {
            "correct": self.correct,
            "message": self.message,
            "response": self.response,
            "correct_answer": self.right_answer,
            "evidence": None
            if evidence is None
            else {
                "text": evidence.before + evidence.highlight + evidence.after,
                "answer_start": len(evidence.before) if evidence.highlight else None,
                "answer_end": len(evidence.before + evidence.highlight)
                if evidence.highlight
                else None,
            },
        }


@dataclass(frozen=True)
class AnswerOutcome:
    answer: Answer
    created: bool
    feedback: Feedback | None  # None when the quiz gives feedback only at the end


@dataclass(frozen=True)
class AssignmentStatus:
    """One row of a student's dashboard."""

    assignment: Assignment
    attempts_used: int
    in_progress: Attempt | None
    last_submitted: Attempt | None
    best_score: float | None
    closed_reason: str | None  # why no new attempt can start, or None

    @property
    def attempts_left(self) -> int:
        return max(self.assignment.max_attempts - self.attempts_used, 0)

    @property
    def done(self) -> bool:
        return self.last_submitted is not None


# -- finding what a student may see ---------------------------------------------------------


def get_student_assignment(student: User, assignment_id: int) -> Assignment:
    """An assignment of one of the student's classes; others are 404, as if absent."""
    if not is_row_id(assignment_id):
        raise NotFound("No such assignment.")
    assignment = db.session.scalar(
        select(Assignment)
        .options(joinedload(Assignment.quiz))
        .join(Enrollment, Enrollment.class_id == Assignment.class_id)
        .where(Assignment.id == assignment_id, Enrollment.student_id == student.id)
    )
    if assignment is None:
        raise NotFound("No such assignment.")
    return assignment


# An attempt's rules read its assignment (due date) and quiz (feedback mode, time limit):
# loaded with it in one query, since every answer asks for all three.
WITH_QUIZ = joinedload(Attempt.assignment).joinedload(Assignment.quiz)


def get_student_attempt(student: User, attempt_id: int) -> Attempt:
    """One of the student's own attempts, with its assignment and quiz; others are 404."""
    attempt = (
        db.session.scalar(
            select(Attempt)
            .options(WITH_QUIZ)
            .where(Attempt.id == attempt_id, Attempt.student_id == student.id)
        )
        if is_row_id(attempt_id)
        else None
    )
    if attempt is None:
        raise NotFound("No such attempt.")
    return attempt


def student_assignment_for_quiz(student: User, quiz_id: int) -> Assignment:
    """The assignment through which a student takes a quiz (the earliest if several)."""
    assignment = db.session.scalar(
        select(Assignment)
        .join(Enrollment, Enrollment.class_id == Assignment.class_id)
        .where(Assignment.quiz_id == quiz_id, Enrollment.student_id == student.id)
        .order_by(Assignment.id)
        .limit(1)
    )
    if assignment is None:
        raise NotFound("No such quiz assigned to you.")
    return assignment


def student_assignments(student: User, now: datetime) -> list[AssignmentStatus]:
    """The dashboard's rows in two queries, however many quizzes the student has."""
    assignments = list(
        db.session.scalars(
            select(Assignment)
            .options(joinedload(Assignment.quiz), joinedload(Assignment.classroom))
            .join(Enrollment, Enrollment.class_id == Assignment.class_id)
            .where(Enrollment.student_id == student.id)
            .order_by(Assignment.due_at.is_(None), Assignment.due_at, Assignment.id)
        )
    )
    by_assignment: dict[int, list[Attempt]] = {a.id: [] for a in assignments}
    for attempt in _attempts(student, list(by_assignment)):
        by_assignment[attempt.assignment_id].append(attempt)
    return [assignment_status(student, a, now, by_assignment[a.id]) for a in assignments]


def _attempts(student: User, assignment_ids: list[int]) -> list[Attempt]:
    if not assignment_ids:
        return []
    return list(
        db.session.scalars(
            select(Attempt)
            .where(Attempt.assignment_id.in_(assignment_ids), Attempt.student_id == student.id)
            .order_by(Attempt.number)
        )
    )


def assignment_status(
    student: User, assignment: Assignment, now: datetime, attempts: list[Attempt] | None = None
) -> AssignmentStatus:
    """Where the student stands with one assignment (`attempts`: theirs, if already read)."""
    if attempts is None:
        attempts = _attempts(student, [assignment.id])
    for attempt in attempts:
        close_if_expired(attempt, now)
    submitted = [a for a in attempts if a.submitted_at is not None]
    in_progress = next((a for a in attempts if a.submitted_at is None), None)
    scores = [a.score for a in submitted if a.score is not None]
    return AssignmentStatus(
        assignment=assignment,
        attempts_used=len(attempts),
        in_progress=in_progress,
        last_submitted=submitted[-1] if submitted else None,
        best_score=max(scores) if scores else None,
        closed_reason=_closed_reason(assignment, len(attempts), now),
    )


def _closed_reason(assignment: Assignment, attempts_used: int, now: datetime) -> str | None:
    if assignment.due_at is not None and now > assignment.due_at:
        return "The due date has passed: no more answers are accepted."
    if attempts_used >= assignment.max_attempts:
        plural = "attempt" if assignment.max_attempts == 1 else "attempts"
        return f"You have used all {assignment.max_attempts} {plural} allowed for this quiz."
    return None


# -- the attempt's clock --------------------------------------------------------------------


def deadline(attempt: Attempt) -> datetime | None:
    """When answers stop being accepted: the time limit or the due date, whichever first."""
    limits = []
    minutes = attempt.assignment.quiz.time_limit_minutes
    if minutes:
        limits.append(attempt.started_at + timedelta(minutes=minutes))
    if attempt.assignment.due_at is not None:
        limits.append(attempt.assignment.due_at)
    return min(limits) if limits else None


def close_if_expired(attempt: Attempt, now: datetime) -> bool:
    """Submit an open attempt whose time is up, with the answers it has. True if it did."""
    end = deadline(attempt)
    if attempt.submitted_at is not None or end is None or now <= end + TIME_LIMIT_GRACE:
        return False
    _finish(attempt, end)
    db.session.commit()
    _feed_progress(attempt)
    return True


def closed_message(attempt: Attempt, now: datetime) -> str | None:
    """Why this attempt takes no more answers, or None while it is open."""
    end = deadline(attempt)
    if end is not None and now > end + TIME_LIMIT_GRACE:
        due = attempt.assignment.due_at
        if due is not None and due == end:
            return "The due date has passed: no more answers are accepted."
        return "Time is up for this attempt: no more answers are accepted."
    if attempt.submitted_at is not None:
        return "This attempt has been submitted: no more answers are accepted."
    return None


def _refuse_if_closed(attempt: Attempt, now: datetime) -> None:
    message = closed_message(attempt, now)
    if message:
        close_if_expired(attempt, now)
        raise Conflict(message)


# -- starting ---------------------------------------------------------------------------------


def start_or_resume(student: User, assignment: Assignment, now: datetime) -> tuple[Attempt, bool]:
    """The student's open attempt, or a new one if they may start one; (attempt, created)."""
    status = assignment_status(student, assignment, now)
    if status.in_progress is not None:
        return status.in_progress, False
    if status.closed_reason:
        raise Conflict(status.closed_reason)
    number = status.attempts_used + 1
    # Two tabs starting at once both try number N: the unique row makes them share it.
    attempt = insert_returning_row(
        Attempt,
        {
            "assignment_id": assignment.id,
            "student_id": student.id,
            "number": number,
            "started_at": now,
            "layout": make_layout(quiz_with_questions(assignment.quiz), random.Random()),
        },
        ["assignment_id", "student_id", "number"],
    )
    created = attempt is not None
    if attempt is None:
        attempt = db.session.scalars(
            select(Attempt).where(
                Attempt.assignment_id == assignment.id,
                Attempt.student_id == student.id,
                Attempt.number == number,
            )
        ).one()
    db.session.commit()
    return attempt, created


def quiz_with_questions(quiz: Quiz) -> Quiz:
    """The quiz with its items and their questions read in one query (not one per item)."""
    return (
        db.session.scalars(
            select(Quiz)
            .options(joinedload(Quiz.items).joinedload(QuizQuestion.question))
            .where(Quiz.id == quiz.id)
            .execution_options(populate_existing=True)
        )
        .unique()
        .one()
    )


def make_layout(quiz: Quiz, rng: random.Random) -> dict[str, Any]:
    """Question order as the teacher set it; multiple-choice options shuffled if asked."""
    options: dict[str, list[str]] = {}
    for item in quiz.items:
        question = item.question
        if question.format in CHOICE_FORMATS:
            choices = list(question.choices)
            if quiz.shuffle_options and question.format == "multiple_choice":
                rng.shuffle(choices)
            options[str(question.id)] = choices
    return {"questions": [item.question_id for item in quiz.items], "options": options}


def attempt_questions(attempt: Attempt) -> list[Question]:
    """The attempt's questions in its layout order (ones deleted since are left out)."""
    ids = [int(i) for i in attempt.layout.get("questions", [])]
    found = {q.id: q for q in db.session.scalars(select(Question).where(Question.id.in_(ids)))}
    return [found[i] for i in ids if i in found]


def options_for(attempt: Attempt, question: Question) -> list[str]:
    return list(attempt.layout.get("options", {}).get(str(question.id), question.choices))


def answers_by_question(attempt: Attempt) -> dict[int, Answer]:
    rows = db.session.scalars(select(Answer).where(Answer.attempt_id == attempt.id))
    return {answer.question_id: answer for answer in rows}


def next_unanswered(questions: list[Question], answers: dict[int, Answer]) -> Question | None:
    """Where an interrupted attempt resumes: its first question without an answer
    (`attempt_questions` and `answers_by_question` of the attempt)."""
    return next((q for q in questions if q.id not in answers), None)


# -- answering --------------------------------------------------------------------------------


def feedback_for(question: Question, answer: Answer) -> Feedback:
    return Feedback(
        correct=answer.is_correct,
        response=answer.response,
        right_answer=question.answer,
        evidence=evidence_parts(question),
    )


def feedback_for_response(question: Question, response: str) -> Feedback:
    """The feedback a response would get, graded now and stored nowhere (the preview)."""
    return Feedback(
        correct=grade(question.format, response, question.answer, question.accepted_answers),
        response=response,
        right_answer=question.answer,
        evidence=evidence_parts(question),
    )


def record_answer(
    attempt: Attempt, question_id: int, response: Any, now: datetime
) -> AnswerOutcome:
    """Store (or find) the answer to one question of an open attempt.

    Idempotent: the same answer sent again returns the stored one and changes nothing.
    A first answer costs one INSERT after reading the question (the attempt comes with its
    assignment and quiz from `get_student_attempt`); the feedback is built before the
    commit, so nothing is read again after it (tests/web/test_query_budget.py).
    """
    question = _question_of(attempt, question_id)
    _refuse_if_closed(attempt, now)  # first: a closed attempt is the clearer message
    text = _check_response(attempt, question, response)
    immediate = attempt.assignment.quiz.feedback == "immediate"
    correct = grade(question.format, text, question.answer, question.accepted_answers)
    answer = insert_returning_row(
        Answer,
        {
            "attempt_id": attempt.id,
            "question_id": question.id,
            "response": text,
            "is_correct": correct,
            "answered_at": now,
        },
        ["attempt_id", "question_id"],
    )
    created = answer is not None
    if answer is None:  # a repeat, a retry or a second tab: the stored answer decides
        answer = _stored_answer(attempt, question)
        if answer.response != text:
            if immediate:
                db.session.rollback()
                raise Conflict(
                    "You have already answered this question and seen its feedback; "
                    "answers cannot be changed after feedback."
                )
            answer.response, answer.is_correct, answer.answered_at = text, correct, now
    feedback = feedback_for(question, answer) if immediate else None
    db.session.commit()
    return AnswerOutcome(answer, created, feedback)


def _stored_answer(attempt: Attempt, question: Question) -> Answer:
    return db.session.scalars(
        select(Answer)
        .where(Answer.attempt_id == attempt.id, Answer.question_id == question.id)
        .execution_options(populate_existing=True)
    ).one()


def _question_of(attempt: Attempt, question_id: Any) -> Question:
    """A question of the attempt's layout (not one deleted since), read alone."""
    try:
        wanted = int(question_id)
    except (TypeError, ValueError):
        raise NotFound("No such question in this quiz.") from None
    in_layout = wanted in (int(i) for i in attempt.layout.get("questions", []))
    question = db.session.get(Question, wanted) if in_layout else None
    if question is None:
        raise NotFound("No such question in this quiz.")
    return question


def _check_response(attempt: Attempt, question: Question, response: Any) -> str:
    text = str(response if response is not None else "").strip()
    if not text:
        raise InvalidInput("Choose or type an answer first.", {"response": "Answer required."})
    if len(text) > MAX_RESPONSE:
        raise InvalidInput(f"Keep the answer under {MAX_RESPONSE} characters.")
    if question.format in CHOICE_FORMATS and text not in options_for(attempt, question):
        raise InvalidInput("Pick one of the options shown.", {"response": "Not an option."})
    return text


# -- submitting -------------------------------------------------------------------------------


def submit(attempt: Attempt, now: datetime) -> Attempt:
    """Score and close the attempt. Submitting again returns the same score."""
    if attempt.submitted_at is None and not close_if_expired(attempt, now):
        _finish(attempt, now)
        db.session.commit()
        _feed_progress(attempt)
    return attempt


def _finish(attempt: Attempt, at: datetime) -> None:
    total = len(attempt.layout.get("questions", []))
    correct = db.session.scalar(
        select(func.count())
        .select_from(Answer)
        .where(Answer.attempt_id == attempt.id, Answer.is_correct.is_(True))
    )
    attempt.score = (correct or 0) / total if total else 0.0
    attempt.submitted_at = at


def _feed_progress(attempt: Attempt) -> None:
    """Answers to vocabulary questions count as reviews of the learner's study cards.

    Runs after the score is committed: progress is a consequence of the submission and
    must never undo it. Safe to repeat, since each answer is recorded once.
    """
    record_attempt_reviews(attempt.id)


def results(attempt: Attempt) -> list[tuple[Question, Answer | None, Feedback | None]]:
    """Every question of a submitted attempt with the student's answer and its feedback."""
    answers = answers_by_question(attempt)
    rows: list[tuple[Question, Answer | None, Feedback | None]] = []
    for question in attempt_questions(attempt):
        answer = answers.get(question.id)
        feedback = feedback_for(question, answer) if answer else None
        rows.append((question, answer, feedback))
    return rows
