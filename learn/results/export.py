"""CSV exports of the results: one quiz's answers, and a class gradebook."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import datetime

from learn.models import Quiz
from learn.quizzes.service import as_utc
from learn.results import service

# A cell starting with one of these is run as a formula by spreadsheet programs; a student's
# typed answer must never become one (CSV injection), so such text gets a leading quote.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def iso(moment: datetime | None) -> str:
    return as_utc(moment).isoformat() if moment else ""


def score_text(score: float | None) -> str:
    return "" if score is None else f"{score:.4f}"


def to_csv(rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows(rows)
    return buffer.getvalue()


QUIZ_HEADER = (
    "class",
    "username",
    "name",
    "attempt",
    "started_at",
    "submitted_at",
    "late",
    "attempt_score",
    "position",
    "question_id",
    "prompt",
    "response",
    "correct",
    "answered_at",
)


def quiz_rows(quiz: Quiz) -> list[tuple[object, ...]]:
    """One row per attempt × question, every attempt (submitted or not) of every class."""
    attempts = sorted(
        service.every_attempt(quiz),
        key=lambda a: (a.assignment.classroom.name, a.student.username, a.number),
    )
    questions = service.quiz_questions(quiz)
    answers = service.answers_for(attempts)
    rows: list[tuple[object, ...]] = [QUIZ_HEADER]
    for attempt in attempts:
        late = service.is_late(attempt, attempt.assignment.due_at)
        for position, question in enumerate(questions, start=1):
            answer = answers[attempt.id].get(question.id)
            rows.append(
                (
                    safe_text(attempt.assignment.classroom.name),
                    safe_text(attempt.student.username),
                    safe_text(attempt.student.display_name),
                    attempt.number,
                    iso(attempt.started_at),
                    iso(attempt.submitted_at),
                    "yes" if late else "no",
                    score_text(attempt.score),
                    position,
                    question.id,
                    safe_text(question.prompt_ar or question.prompt_en),
                    safe_text(answer.response) if answer else "",
                    "" if answer is None else int(answer.is_correct),
                    iso(answer.answered_at) if answer else "",
                )
            )
    return rows


def gradebook_rows(book: service.Gradebook) -> list[tuple[object, ...]]:
    """One row per student; per quiz the best and last score, attempts and lateness."""
    header: list[object] = ["username", "name", "average", "completed"]
    for assignment in book.assignments:
        title = safe_text(assignment.quiz.title)
        header += [f"{title}: best", f"{title}: last", f"{title}: attempts", f"{title}: late"]
    rows: list[tuple[object, ...]] = [tuple(header)]
    for row in book.rows:
        line: list[object] = [
            safe_text(row.student.username),
            safe_text(row.student.display_name),
            score_text(row.average),
            f"{row.completed}/{len(book.assignments)}",
        ]
        for cell in row.cells:
            line += [
                score_text(cell.best),
                score_text(cell.last),
                cell.attempts,
                "yes" if cell.late else "no",
            ]
        rows.append(tuple(line))
    return rows
