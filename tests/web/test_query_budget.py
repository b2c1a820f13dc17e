"""How many SQL statements a student's quiz requests cost (docs/benchmarks.md, "Load").

A statement count is deterministic, unlike a time, so the budget of the requests a whole
class sends at once is asserted here: every statement the request runs is counted with a
SQLAlchemy event hook on the engine, the session check of the signed-in user included.
Each test also checks what the request did, so a budget is never met by doing less. The app
logs as gunicorn.conf.py has it log in production (JSON, with an access line naming the
user), so a statement that only the access line causes is counted too.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event, select
from werkzeug.test import TestResponse

from learn import create_app
from learn.extensions import db
from learn.logging import ACCESS_LOGGER, JSON_LOGGERS
from learn.models import Answer, Attempt
from tests.conftest import _empty_all_tables, _test_config, csrf_token_from
from tests.quiz_fixtures import AssignedQuiz, make_assigned_quiz
from tests.web.conftest import UserInfo

# A first answer: the signed-in user, the attempt with its assignment and quiz, the
# question, the INSERT. Nothing is read again after the commit.
ANSWER_BUDGET = 4
# A repeated answer (double click, retried request) also reads the stored one.
REPEATED_ANSWER_BUDGET = 5
# The feedback page after an answer: user, attempt (with assignment and quiz), the
# attempt's questions, its answers.
FEEDBACK_PAGE_BUDGET = 4
# Starting: user, assignment with quiz, the student's attempts, the quiz's questions, the
# INSERT (its id makes the redirect without reading the new attempt again).
START_BUDGET = 5
# The dashboard: user, assignments with quiz and class, attempts: however many quizzes.
DASHBOARD_BUDGET = 3


@pytest.fixture
def app(database_url: str, tmp_path: Path) -> Iterator[Flask]:
    """The test app with production's JSON logs (this module's users are made on it)."""
    config = _test_config(database_url, SAHIFA_LOG_FORMAT="json")
    app = create_app(config, instance_path=str(tmp_path / "instance"))
    yield app
    _empty_all_tables(app)
    for name in JSON_LOGGERS:  # as they were: plain records, for the other tests
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = True


@contextmanager
def counted_statements(app: Flask) -> Iterator[list[str]]:
    """Every SQL statement sent while the block runs (the list fills as they go)."""
    statements: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(" ".join(statement.split()))

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def csrf(client: FlaskClient) -> str:
    return csrf_token_from(client.get("/quizzes/").get_data(as_text=True))


def start(client: FlaskClient, quiz: AssignedQuiz, token: str) -> TestResponse:
    return client.post(
        f"/quizzes/assignments/{quiz.assignment_id}/start", data={"csrf_token": token}
    )


def answer(client: FlaskClient, attempt_url: str, question_id: int, response: str) -> TestResponse:
    token = csrf(client)
    return client.post(
        attempt_url + "/answer",
        data={"csrf_token": token, "question_id": question_id, "response": response},
    )


def stored_answers(app: Flask) -> list[tuple[int, str, bool]]:
    with app.app_context():
        rows = db.session.scalars(select(Answer).order_by(Answer.question_id))
        return [(a.question_id, a.response, a.is_correct) for a in rows]


def started_attempt(
    app: Flask, teacher: UserInfo, student: UserInfo, client: FlaskClient
) -> tuple[AssignedQuiz, str]:
    quiz = make_assigned_quiz(app, teacher.id, [student.id], feedback="immediate")
    started = start(client, quiz, csrf(client))
    assert started.status_code == 302
    return quiz, started.location.split("?")[0]


def test_an_answer_costs_at_most_four_statements(
    app: Flask, teacher: UserInfo, student: UserInfo, student_client: FlaskClient
) -> None:
    quiz, attempt_url = started_attempt(app, teacher, student, student_client)
    token = csrf(student_client)
    form = {"csrf_token": token, "question_id": quiz.data.mcq_id, "response": "إيران"}
    with counted_statements(app) as statements:
        response = student_client.post(attempt_url + "/answer", data=form)
    assert response.status_code == 302
    assert response.location == f"{attempt_url}?answered={quiz.data.mcq_id}"
    assert len(statements) <= ANSWER_BUDGET, "\n".join(statements)
    assert sum(s.startswith("INSERT INTO answers") for s in statements) == 1
    assert stored_answers(app) == [(quiz.data.mcq_id, "إيران", True)]


def test_the_access_line_names_the_user_without_reading_them_again(
    app: Flask,
    teacher: UserInfo,
    student: UserInfo,
    student_client: FlaskClient,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """After an answer's commit the user's row is expired: its id comes from the session's
    identity map, not from a SELECT made only to write the log line."""
    quiz, attempt_url = started_attempt(app, teacher, student, student_client)
    form = {"csrf_token": csrf(student_client), "question_id": quiz.data.mcq_id, "response": "مصر"}
    caplog.clear()
    with counted_statements(app) as statements:
        student_client.post(attempt_url + "/answer", data=form)
    (line,) = [r for r in caplog.records if r.name == ACCESS_LOGGER]
    assert (line.path, line.status, line.user_id) == (attempt_url + "/answer", 302, student.id)
    assert not [s for s in statements if s.startswith("SELECT users.")][1:], statements


def test_a_repeated_answer_changes_nothing_within_its_budget(
    app: Flask, teacher: UserInfo, student: UserInfo, student_client: FlaskClient
) -> None:
    quiz, attempt_url = started_attempt(app, teacher, student, student_client)
    answer(student_client, attempt_url, quiz.data.mcq_id, "تركيا")
    token = csrf(student_client)
    form = {"csrf_token": token, "question_id": quiz.data.mcq_id, "response": "تركيا"}
    with counted_statements(app) as statements:
        repeated = student_client.post(attempt_url + "/answer", data=form)
    assert repeated.status_code == 302
    assert len(statements) <= REPEATED_ANSWER_BUDGET, "\n".join(statements)
    assert not any(s.startswith("UPDATE") for s in statements)
    assert stored_answers(app) == [(quiz.data.mcq_id, "تركيا", False)]


def test_the_feedback_page_stays_within_its_budget(
    app: Flask, teacher: UserInfo, student: UserInfo, student_client: FlaskClient
) -> None:
    quiz, attempt_url = started_attempt(app, teacher, student, student_client)
    answered = answer(student_client, attempt_url, quiz.data.mcq_id, "تركيا")
    with counted_statements(app) as statements:
        page = student_client.get(answered.location).get_data(as_text=True)
    assert len(statements) <= FEEDBACK_PAGE_BUDGET, "\n".join(statements)
    assert "Not quite." in page and "Question 2 of 3" in page


def test_starting_reads_the_questions_once_not_once_each(
    app: Flask, teacher: UserInfo, student: UserInfo, student_client: FlaskClient
) -> None:
    quiz = make_assigned_quiz(app, teacher.id, [student.id], shuffle_options=True)
    token = csrf(student_client)
    with counted_statements(app) as statements:
        started = start(student_client, quiz, token)
    assert len(statements) <= START_BUDGET, "\n".join(statements)
    with app.app_context():
        attempt = db.session.scalars(select(Attempt)).one()
        assert started.location == f"/quizzes/attempts/{attempt.id}"
        layout = attempt.layout
    data = quiz.data
    assert layout["questions"] == [data.mcq_id, data.tf_id, data.short_id]
    assert sorted(layout["options"][str(data.mcq_id)]) == sorted(["تركيا", "إيران", "الصين", "مصر"])
    assert layout["options"][str(data.tf_id)] == ["صحيح", "خطأ"]


def test_the_dashboard_costs_the_same_for_one_quiz_or_three(
    app: Flask, teacher: UserInfo, student: UserInfo, student_client: FlaskClient
) -> None:
    counts = []
    for n in range(3):
        make_assigned_quiz(app, teacher.id, [student.id], article_title=f"معاهدة {n}")
        with counted_statements(app) as statements:
            page = student_client.get("/quizzes/").get_data(as_text=True)
        counts.append(len(statements))
    assert page.count("Treaty quiz") == 3 and page.count("Not started") == 3
    assert counts == [counts[0]] * 3 and counts[0] <= DASHBOARD_BUDGET, counts
