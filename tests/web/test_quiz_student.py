"""Students taking quizzes in the browser: dashboard, both feedback modes, resuming,
repeated answers, due dates, attempts, time limits, and whose attempts are whose."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from werkzeug.test import TestResponse

from learn.extensions import db
from learn.models import Answer, Attempt
from tests.conftest import csrf_token_from
from tests.quiz_fixtures import make_assigned_quiz, move_attempt_start, set_due
from tests.web.conftest import UserInfo, login


def post(client: FlaskClient, url: str, data: dict[str, object] | None = None) -> TestResponse:
    token = csrf_token_from(client.get("/quizzes/").get_data(as_text=True))
    return client.post(url, data={"csrf_token": token, **(data or {})})


def start(client: FlaskClient, assignment_id: int) -> TestResponse:
    return post(client, f"/quizzes/assignments/{assignment_id}/start")


def answers(app: Flask) -> list[tuple[int, str, bool]]:
    with app.app_context():
        rows = db.session.scalars(select(Answer).order_by(Answer.question_id))
        return [(a.question_id, a.response, a.is_correct) for a in rows]


def attempt_row(app: Flask) -> Attempt:
    with app.app_context():
        attempt = db.session.scalars(select(Attempt)).one()
        db.session.expunge(attempt)
        return attempt


def count_attempts(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Attempt)) or 0


def test_dashboard_lists_assigned_quizzes(
    app: Flask, teacher: UserInfo, student: UserInfo, student_client: FlaskClient
) -> None:
    quiz = make_assigned_quiz(app, teacher.id, [student.id], max_attempts=2)
    set_due(app, quiz.assignment_id, datetime(2099, 5, 4, 9, 30, tzinfo=UTC))
    html = student_client.get("/quizzes/").get_data(as_text=True)
    assert "Treaty quiz" in html
    assert "Mon 4 May 2099, 09:30 (UTC)" in html
    assert "Not started" in html and "2 of 2" in html
    assert f'action="/quizzes/assignments/{quiz.assignment_id}/start"' in html


def test_one_at_a_time_with_immediate_feedback_and_resume(
    app: Flask, teacher: UserInfo, student: UserInfo, student_client: FlaskClient
) -> None:
    quiz = make_assigned_quiz(app, teacher.id, [student.id], feedback="immediate")
    data = quiz.data
    started = start(student_client, quiz.assignment_id)
    assert started.status_code == 302
    page = student_client.get(started.location).get_data(as_text=True)
    assert "Question 1 of 3" in page and "مع من وقعت روسيا المعاهدة؟" in page

    url = started.location.split("?")[0] + "/answer"
    wrong = post(student_client, url, {"question_id": data.mcq_id, "response": "تركيا"})
    feedback = student_client.get(wrong.location).get_data(as_text=True)
    assert "Not quite." in feedback
    assert 'The answer is: <strong lang="ar" dir="auto">إيران</strong>' in feedback
    assert "وقعت روسيا و<mark>إيران</mark> معاهدة" in feedback  # evidence, answer highlighted
    assert "Question 2 of 3" in feedback and "المعاهدة لمدة عشرين عاما." in feedback

    # The same answer again (double click, retried request): still one row, same feedback.
    post(student_client, url, {"question_id": data.mcq_id, "response": "تركيا"})
    # A different answer after seeing the feedback is refused, and nothing changes.
    changed = post(student_client, url, {"question_id": data.mcq_id, "response": "إيران"})
    refused = student_client.get(changed.location).get_data(as_text=True)
    assert "answers cannot be changed after feedback" in refused
    assert answers(app) == [(data.mcq_id, "تركيا", False)]

    # Interrupted: starting again resumes the same attempt at question 2.
    resumed = start(student_client, quiz.assignment_id)
    assert resumed.location == started.location
    assert "Question 2 of 3" in student_client.get(resumed.location).get_data(as_text=True)

    right = post(student_client, url, {"question_id": data.tf_id, "response": "صحيح"})
    assert "Correct!" in student_client.get(right.location).get_data(as_text=True)
    typed = post(student_client, url, {"question_id": data.short_id, "response": "٢٠ عاماً"})
    assert "Finish and see my score" in student_client.get(typed.location).get_data(as_text=True)
    post(student_client, started.location.split("?")[0] + "/submit")
    post(student_client, started.location.split("?")[0] + "/submit")  # idempotent
    results = student_client.get(started.location).get_data(as_text=True)
    assert "Your score: <strong>67%</strong>" in results and "(2 of 3 correct)" in results
    assert attempt_row(app).score == 2 / 3
    assert count_attempts(app) == 1

    dashboard = student_client.get("/quizzes/").get_data(as_text=True)
    assert "Done" in dashboard and "67%" in dashboard
    assert "You have used all 1 attempt allowed for this quiz." in dashboard
    again = start(student_client, quiz.assignment_id)
    assert again.location.endswith("/quizzes/")
    assert "You have used all 1 attempt" in student_client.get("/quizzes/").get_data(as_text=True)
    assert count_attempts(app) == 1


def test_all_at_once_saves_changes_and_gives_feedback_at_the_end(
    app: Flask, teacher: UserInfo, student: UserInfo, student_client: FlaskClient
) -> None:
    quiz = make_assigned_quiz(app, teacher.id, [student.id], feedback="end", max_attempts=2)
    data = quiz.data
    attempt_url = start(student_client, quiz.assignment_id).location
    page = student_client.get(attempt_url).get_data(as_text=True)
    assert "كم مدة المعاهدة؟" in page and "مع من وقعت روسيا المعاهدة؟" in page
    save_url = attempt_url + "/answers"
    saved = post(student_client, save_url, {f"response_{data.mcq_id}": "تركيا", "action": "save"})
    page = student_client.get(saved.location).get_data(as_text=True)
    assert "Your answers are saved." in page
    assert 'value="تركيا" checked' in page  # resumed with the saved answer
    assert "Not quite" not in page  # no feedback before the end

    final = {
        f"response_{data.mcq_id}": "إيران",  # changed: allowed until submitted
        f"response_{data.tf_id}": "خطأ",
        f"response_{data.short_id}": "عشرين عاماً",
        "action": "submit",
    }
    results = student_client.get(post(student_client, save_url, final).location)
    html = results.get_data(as_text=True)
    assert "Your score: <strong>67%</strong>" in html
    assert 'The answer is: <strong lang="ar" dir="auto">صحيح</strong>' in html
    assert "لمدة <mark>عشرين عاما</mark>." in html
    assert answers(app) == [
        (data.mcq_id, "إيران", True),
        (data.tf_id, "خطأ", False),
        (data.short_id, "عشرين عاماً", True),
    ]
    # Submitted: further answers are refused and nothing changes.
    late = post(student_client, save_url, {f"response_{data.tf_id}": "صحيح", "action": "submit"})
    assert "This attempt has been submitted" in student_client.get(late.location).get_data(
        as_text=True
    )
    assert answers(app)[1] == (data.tf_id, "خطأ", False)
    # A second attempt is allowed (2 attempts), with its own empty answers.
    second = start(student_client, quiz.assignment_id).location
    assert second != attempt_url
    assert count_attempts(app) == 2


def test_answers_after_the_due_date_are_refused(
    app: Flask, teacher: UserInfo, student: UserInfo, student_client: FlaskClient
) -> None:
    quiz = make_assigned_quiz(app, teacher.id, [student.id])
    attempt_url = start(student_client, quiz.assignment_id).location
    set_due(app, quiz.assignment_id, datetime.now(UTC) - timedelta(minutes=1))
    response = post(
        student_client,
        attempt_url + "/answer",
        {"question_id": quiz.data.mcq_id, "response": "إيران"},
    )
    page = student_client.get(response.location).get_data(as_text=True)
    assert "The due date has passed: no more answers are accepted." in page
    assert answers(app) == []
    assert attempt_row(app).score == 0.0  # closed with what it had
    refused = start(student_client, quiz.assignment_id)
    assert "The due date has passed" in student_client.get(refused.location).get_data(as_text=True)
    assert count_attempts(app) == 1


def test_time_limit_is_enforced_on_the_server(
    app: Flask, teacher: UserInfo, student: UserInfo, student_client: FlaskClient
) -> None:
    quiz = make_assigned_quiz(app, teacher.id, [student.id], time_limit_minutes=10)
    attempt_url = start(student_client, quiz.assignment_id).location
    page = student_client.get(attempt_url).get_data(as_text=True)
    assert "Answers are accepted until" in page
    answer_url = attempt_url + "/answer"
    post(student_client, answer_url, {"question_id": quiz.data.mcq_id, "response": "إيران"})
    attempt_id = int(attempt_url.rsplit("/", 1)[1])
    move_attempt_start(app, attempt_id, datetime.now(UTC) - timedelta(minutes=11))
    late = post(student_client, answer_url, {"question_id": quiz.data.tf_id, "response": "صحيح"})
    assert "Time is up for this attempt" in student_client.get(late.location).get_data(as_text=True)
    assert answers(app) == [(quiz.data.mcq_id, "إيران", True)]
    assert attempt_row(app).score == 1 / 3


def test_bad_answers_get_a_message_and_store_nothing(
    app: Flask, teacher: UserInfo, student: UserInfo, student_client: FlaskClient
) -> None:
    quiz = make_assigned_quiz(app, teacher.id, [student.id])
    answer_url = start(student_client, quiz.assignment_id).location + "/answer"
    empty = post(student_client, answer_url, {"question_id": quiz.data.mcq_id, "response": " "})
    assert "Choose or type an answer first." in student_client.get(empty.location).get_data(
        as_text=True
    )
    other = post(student_client, answer_url, {"question_id": quiz.data.mcq_id, "response": "X"})
    assert "Pick one of the options shown." in student_client.get(other.location).get_data(
        as_text=True
    )
    missing = post(student_client, answer_url, {"question_id": 999999, "response": "إيران"})
    assert missing.status_code == 404
    assert answers(app) == []


def test_students_only_reach_their_own_quizzes_and_attempts(
    app: Flask,
    make_user: Callable[..., UserInfo],
    teacher: UserInfo,
    student: UserInfo,
    student_client: FlaskClient,
    teacher_client: FlaskClient,
) -> None:
    quiz = make_assigned_quiz(app, teacher.id, [student.id])
    attempt_url = start(student_client, quiz.assignment_id).location
    outsider = app.test_client()
    login(outsider, make_user("student"))
    assert "Treaty quiz" not in outsider.get("/quizzes/").get_data(as_text=True)
    assert start(outsider, quiz.assignment_id).status_code == 404
    assert outsider.get(attempt_url).status_code == 404
    answer = {"question_id": quiz.data.mcq_id, "response": "إيران"}
    assert post(outsider, attempt_url + "/answer", answer).status_code == 404
    assert post(outsider, attempt_url + "/submit").status_code == 404
    assert post(teacher_client, attempt_url + "/answer", answer).status_code == 403
    anonymous = app.test_client().get(attempt_url)
    assert anonymous.status_code == 302 and "/signin" in anonymous.location
    assert answers(app) == []
    assert attempt_row(app).submitted_at is None


def test_layout_shuffles_multiple_choice_options_only_when_asked() -> None:
    import random

    from learn.models import Question, Quiz, QuizQuestion
    from learn.quizzes.attempts import make_layout

    choices = ["أ", "ب", "ج", "د", "هـ", "و"]
    mcq = Question(id=1, format="multiple_choice", answer="أ", choices=choices)
    tf = Question(id=2, format="true_false", answer="صحيح", choices=["صحيح", "خطأ"])
    short = Question(id=3, format="short_answer", answer="x", choices=[])
    items = [
        QuizQuestion(question_id=q.id, question=q, position=i)
        for i, q in enumerate([mcq, tf, short])
    ]
    fixed = make_layout(Quiz(shuffle_options=False, items=items), random.Random(7))
    assert fixed == {"questions": [1, 2, 3], "options": {"1": choices, "2": ["صحيح", "خطأ"]}}
    layouts = [
        make_layout(Quiz(shuffle_options=True, items=items), random.Random(s)) for s in range(5)
    ]
    assert all(sorted(layout["options"]["1"]) == sorted(choices) for layout in layouts)
    assert any(layout["options"]["1"] != choices for layout in layouts)
    assert all(layout["options"]["2"] == ["صحيح", "خطأ"] for layout in layouts)
    assert all(layout["questions"] == [1, 2, 3] for layout in layouts)
