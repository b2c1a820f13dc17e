"""Exports of the results: one quiz's answers, and a class gradebook, as CSV or .xlsx.

The row builders (`quiz_rows`, `gradebook_rows`) give plain values — text, whole numbers,
scores as floats, times as datetimes, None for nothing — and each writer formats them for
its file: `to_csv` as text, `to_xlsx` as spreadsheet numbers, dates and text cells.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from learn.models import Quiz
from learn.results import service

Value = str | int | float | datetime | None

# A cell starting with one of these is run as a formula by spreadsheet programs; a student's
# typed answer must never become one (CSV injection), so such text gets a leading quote.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def iso(moment: datetime | None) -> str:
    return moment.isoformat() if moment else ""


def score_text(score: float | None) -> str:
    return "" if score is None else f"{score:.4f}"


def _csv_cell(value: Value) -> object:
    if isinstance(value, str):
        return safe_text(value)
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, float):
        return score_text(value)
    return "" if value is None else value


def to_csv(rows: Iterable[Sequence[Value]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows([_csv_cell(value) for value in row] for row in rows)
    return buffer.getvalue()


def to_xlsx(rows: Iterable[Sequence[Value]], sheet_title: str) -> bytes:
    """One worksheet, the first row as a bold header kept in view while scrolling.

    Text is always stored as text (openpyxl would otherwise store "=…" as a formula), so a
    typed answer can never run; times are UTC, shown as yyyy-mm-dd hh:mm:ss.
    """
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = sheet_title[:31]  # the format's limit
    for row in rows:
        sheet.append([_xlsx_value(value) for value in row])
    for row_cells in sheet.iter_rows():
        for cell in row_cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"
            elif isinstance(cell.value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm:ss"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_value(value: Value) -> Value:
    if isinstance(value, str):
        # Control characters have no place in the file's XML; openpyxl refuses them.
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None)  # the format has no time zones
    return value


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


def quiz_rows(quiz: Quiz) -> list[tuple[Value, ...]]:
    """One row per attempt × question, every attempt (submitted or not) of every class."""
    attempts = sorted(
        service.every_attempt(quiz),
        key=lambda a: (a.assignment.classroom.name, a.student.username, a.number),
    )
    questions = service.quiz_questions(quiz)
    answers = service.answers_for(attempts)
    rows: list[tuple[Value, ...]] = [QUIZ_HEADER]
    for attempt in attempts:
        late = service.is_late(attempt, attempt.assignment.due_at)
        for position, question in enumerate(questions, start=1):
            answer = answers[attempt.id].get(question.id)
            rows.append(
                (
                    attempt.assignment.classroom.name,
                    attempt.student.username,
                    attempt.student.display_name,
                    attempt.number,
                    attempt.started_at,
                    attempt.submitted_at,
                    "yes" if late else "no",
                    attempt.score,
                    position,
                    question.id,
                    question.prompt_ar or question.prompt_en,
                    answer.response if answer else None,
                    None if answer is None else int(answer.is_correct),
                    answer.answered_at if answer else None,
                )
            )
    return rows


def gradebook_rows(book: service.Gradebook) -> list[tuple[Value, ...]]:
    """One row per student; per quiz the best and last score, attempts and lateness."""
    header: list[Value] = ["username", "name", "average", "completed"]
    for assignment in book.assignments:
        title = assignment.quiz.display_title
        header += [f"{title}: best", f"{title}: last", f"{title}: attempts", f"{title}: late"]
    rows: list[tuple[Value, ...]] = [tuple(header)]
    for row in book.rows:
        line: list[Value] = [
            row.student.username,
            row.student.display_name,
            row.average,
            f"{row.completed}/{len(book.assignments)}",
        ]
        for cell in row.cells:
            line += [
                cell.best,
                cell.last,
                cell.attempts,
                "yes" if cell.late else "no",
            ]
        rows.append(tuple(line))
    return rows
