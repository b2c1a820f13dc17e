"""Quizzes over the JSON API: building, assigning, taking (both modes), idempotency,
closed attempts and who may do what."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from learn.extensions import db
from learn.models import Answer, Assignment, Attempt, Quiz
from tests.quiz_fixtures import (
    approve_all,
    make_article,
    make_assigned_quiz,
    make_class,
    move_attempt_start,
    set_due,
    set_timezone,
)
from tests.web.conftest import UserInfo, auth_header

Headers = dict[str, str]


def count(app: Flask, model: type) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model)) or 0


def test_teacher_builds_and_assigns_a_quiz(
    app: Flask,
    client: FlaskClient,
    teacher: UserInfo,
    student: UserInfo,
    api_token: Callable[[UserInfo], str],
) -> None:
    data = make_article(app)
    auth = auth_header(api_token(teacher))
    body: dict[str, Any] = {
        "article_id": data.article_id,
        "title": "Treaty quiz",
        "question_ids": [data.short_id, data.mcq_id],
        "feedback": "end",
        "shuffle_options": False,
        "time_limit_minutes": 20,
    }
    pending = client.post("/api/v1/quizzes", json=body, headers=auth)
    assert pending.status_code == 422
    assert pending.json["error"]["fields"] == {
        "question_ids": "Only approved questions of this article can go in the quiz."
    }
    approve_all(app, data.article_id)
    created = client.post("/api/v1/quizzes", json=body, headers=auth)
    assert created.status_code == 201
    quiz = created.json
    assert quiz["question_ids"] == [data.short_id, data.mcq_id]
    assert (quiz["feedback"], quiz["time_limit_minutes"], quiz["shuffle_options"]) == (
        "end",
        20,
        False,
    )
    repeated = client.post("/api/v1/quizzes", json=body, headers=auth)
    assert repeated.status_code == 200 and repeated.json["id"] == quiz["id"]
    clash = client.post("/api/v1/quizzes", json={**body, "feedback": "immediate"}, headers=auth)
    assert clash.status_code == 409
    assert count(app, Quiz) == 1

    class_id = make_class(app, teacher.id, [student.id])
    set_timezone(app, teacher.id, "America/New_York")
    url = f"/api/v1/quizzes/{quiz['id']}/assignments"
    assigned = client.post(
        url,
        json={"class_id": class_id, "due_at": "2099-01-15T08:00", "max_attempts": 2},
        headers=auth,
    )
    assert assigned.status_code == 201
    assert assigned.json["due_at"] == "2099-01-15T13:00:00Z"  # 08:00 in New York (EST)
    offset = client.post(
        url,
        json={"class_id": class_id, "due_at": "2099-01-15T10:00:00+02:00", "max_attempts": 3},
        headers=auth,
    )
    assert offset.status_code == 200  # the same assignment, updated
    assert (offset.json["due_at"], offset.json["max_attempts"]) == ("2099-01-15T08:00:00Z", 3)
    assert count(app, Assignment) == 1


def test_quiz_and_assignment_validation(
    app: Flask,
    client: FlaskClient,
    teacher: UserInfo,
    make_user: Callable[..., UserInfo],
    api_token: Callable[[UserInfo], str],
) -> None:
    data = make_article(app)
    approve_all(app, data.article_id)
    auth = auth_header(api_token(teacher))
    bad = client.post(
        "/api/v1/quizzes",
        json={"article_id": data.article_id, "title": "", "question_ids": [data.mcq_id] * 2},
        headers=auth,
    )
    assert bad.status_code == 422
    assert bad.json["error"]["fields"] == {
        "title": "Give the quiz a title.",
        "question_ids": "Each question can be in the quiz only once.",
    }
    missing = client.post(
        "/api/v1/quizzes",
        json={"article_id": 999999, "title": "x", "question_ids": [1]},
        headers=auth,
    )
    assert missing.status_code == 404
    stringly = client.post(
        "/api/v1/quizzes",
        json={
            "article_id": data.article_id,
            "title": "S",
            "question_ids": [data.mcq_id],
            "shuffle_options": "yes",
        },
        headers=auth,
    )
    assert stringly.status_code == 422
    assert stringly.json["error"]["fields"] == {
        "shuffle_options": "“shuffle_options” must be true or false."
    }
    quiz = client.post(
        "/api/v1/quizzes",
        json={"article_id": data.article_id, "title": "Q", "question_ids": [data.mcq_id]},
        headers=auth,
    ).json
    foreign_class = make_class(app, make_user("teacher").id, [], code="FOREIGN")
    url = f"/api/v1/quizzes/{quiz['id']}/assignments"
    assert client.post(url, json={"class_id": foreign_class}, headers=auth).status_code == 404
    own = make_class(app, teacher.id, [], code="OWN1")
    garbled = client.post(url, json={"class_id": own, "due_at": "next friday"}, headers=auth)
    assert garbled.status_code == 422
    assert "The due date is not a date and time" in garbled.json["error"]["message"]
    assert count(app, Assignment) == 0


def _start(client: FlaskClient, quiz_id: int, auth: Headers) -> Any:
    return client.post(f"/api/v1/quizzes/{quiz_id}/attempts", headers=auth)


def _answer(
    client: FlaskClient, attempt_id: int, question_id: int, text: str, auth: Headers
) -> Any:
    return client.put(
        f"/api/v1/attempts/{attempt_id}/answers/{question_id}",
        json={"response": text},
        headers=auth,
    )


def test_student_takes_an_immediate_feedback_quiz(
    app: Flask,
    client: FlaskClient,
    teacher: UserInfo,
    student: UserInfo,
    api_token: Callable[[UserInfo], str],
) -> None:
    quiz = make_assigned_quiz(app, teacher.id, [student.id], shuffle_options=True)
    data = quiz.data
    auth = auth_header(api_token(student))
    listed = client.get("/api/v1/me/assignments", headers=auth).json["assignments"]
    assert [(a["quiz"]["title"], a["status"], a["attempts_left"]) for a in listed] == [
        ("Treaty quiz", "not_started", 1)
    ]

    started = _start(client, quiz.quiz_id, auth)
    assert started.status_code == 201
    attempt = started.json
    assert [q["id"] for q in attempt["questions"]] == [data.mcq_id, data.tf_id, data.short_id]
    assert sorted(attempt["questions"][0]["options"]) == sorted(["تركيا", "إيران", "الصين", "مصر"])
    resumed = _start(client, quiz.quiz_id, auth)
    assert resumed.status_code == 200 and resumed.json["id"] == attempt["id"]
    # Resuming shows the same shuffled order.
    assert resumed.json["questions"] == attempt["questions"]

    first = _answer(client, attempt["id"], data.mcq_id, "إيران", auth)
    assert first.status_code == 201
    feedback = first.json["feedback"]
    assert (feedback["correct"], feedback["message"]) == (True, "Correct!")
    evidence = feedback["evidence"]
    assert evidence["text"][evidence["answer_start"] : evidence["answer_end"]] == "إيران"
    again = _answer(client, attempt["id"], data.mcq_id, "إيران", auth)  # a retried request
    assert again.status_code == 200 and again.json["feedback"] == feedback
    changed = _answer(client, attempt["id"], data.mcq_id, "مصر", auth)
    assert changed.status_code == 409
    assert "cannot be changed after feedback" in changed.json["error"]["message"]

    wrong = _answer(client, attempt["id"], data.tf_id, "خطأ", auth).json["feedback"]
    assert wrong["message"] == "Not quite. The answer is: صحيح"
    not_option = _answer(client, attempt["id"], data.tf_id, "ربما", auth)
    assert not_option.status_code == 422
    typed = _answer(client, attempt["id"], data.short_id, "  20 عاماً؟ ", auth)
    assert typed.json["feedback"]["correct"] is True

    submitted = client.post(f"/api/v1/attempts/{attempt['id']}/submit", headers=auth)
    assert submitted.status_code == 200 and submitted.json["score"] == 2 / 3
    resubmitted = client.post(f"/api/v1/attempts/{attempt['id']}/submit", headers=auth)
    assert resubmitted.json["score"] == 2 / 3
    assert resubmitted.json["submitted_at"] == submitted.json["submitted_at"]
    late = _answer(client, attempt["id"], data.tf_id, "صحيح", auth)
    assert late.status_code == 409
    assert late.json["error"]["message"] == (
        "This attempt has been submitted: no more answers are accepted."
    )
    exhausted = _start(client, quiz.quiz_id, auth)
    assert exhausted.status_code == 409
    assert exhausted.json["error"]["message"] == (
        "You have used all 1 attempt allowed for this quiz."
    )
    row = client.get("/api/v1/me/assignments", headers=auth).json["assignments"][0]
    assert (row["status"], row["last_score"], row["attempts_left"]) == ("done", 2 / 3, 0)
    with app.app_context():
        stored = db.session.scalars(select(Answer).order_by(Answer.question_id)).all()
        assert [(a.response, a.is_correct) for a in stored] == [
            ("إيران", True),
            ("خطأ", False),
            ("20 عاماً؟", True),
        ]


def test_end_mode_hides_feedback_until_submitted_and_allows_changes(
    app: Flask,
    client: FlaskClient,
    teacher: UserInfo,
    student: UserInfo,
    api_token: Callable[[UserInfo], str],
) -> None:
    quiz = make_assigned_quiz(app, teacher.id, [student.id], feedback="end")
    data = quiz.data
    auth = auth_header(api_token(student))
    attempt_id = _start(client, quiz.quiz_id, auth).json["id"]
    first = _answer(client, attempt_id, data.mcq_id, "تركيا", auth)
    assert first.status_code == 201 and first.json["feedback"] is None
    changed = _answer(client, attempt_id, data.mcq_id, "إيران", auth)
    assert changed.status_code == 200 and changed.json["response"] == "إيران"
    view = client.get(f"/api/v1/attempts/{attempt_id}", headers=auth).json
    assert view["questions"][0]["response"] == "إيران"
    assert view["questions"][0]["feedback"] is None
    result = client.post(f"/api/v1/attempts/{attempt_id}/submit", headers=auth).json
    assert result["score"] == 1 / 3
    first_question = result["questions"][0]["feedback"]
    assert (first_question["correct"], first_question["correct_answer"]) == (True, "إيران")
    assert result["questions"][1]["feedback"] is None  # never answered
    assert count(app, Answer) == 1


def test_due_date_and_time_limit_close_the_attempt(
    app: Flask,
    client: FlaskClient,
    teacher: UserInfo,
    student: UserInfo,
    api_token: Callable[[UserInfo], str],
) -> None:
    quiz = make_assigned_quiz(app, teacher.id, [student.id], time_limit_minutes=5, max_attempts=3)
    data = quiz.data
    auth = auth_header(api_token(student))
    attempt_id = _start(client, quiz.quiz_id, auth).json["id"]
    move_attempt_start(app, attempt_id, datetime.now(UTC) - timedelta(minutes=6))
    late = _answer(client, attempt_id, data.mcq_id, "إيران", auth)
    assert late.status_code == 409
    assert late.json["error"]["message"] == (
        "Time is up for this attempt: no more answers are accepted."
    )
    closed = client.get(f"/api/v1/attempts/{attempt_id}", headers=auth).json
    assert closed["score"] == 0.0 and closed["submitted_at"] is not None

    second = _start(client, quiz.quiz_id, auth).json
    assert second["number"] == 2
    set_due(app, quiz.assignment_id, datetime.now(UTC) - timedelta(seconds=30))
    overdue = _answer(client, second["id"], data.mcq_id, "إيران", auth)
    assert overdue.status_code == 409
    assert overdue.json["error"]["message"] == (
        "The due date has passed: no more answers are accepted."
    )
    refused = _start(client, quiz.quiz_id, auth)
    assert refused.status_code == 409
    assert "due date has passed" in refused.json["error"]["message"]
    assert count(app, Answer) == 0
    assert count(app, Attempt) == 2


def test_roles_and_ownership_on_every_endpoint(
    app: Flask,
    client: FlaskClient,
    teacher: UserInfo,
    student: UserInfo,
    make_user: Callable[..., UserInfo],
    api_token: Callable[[UserInfo], str],
) -> None:
    quiz = make_assigned_quiz(app, teacher.id, [student.id])
    data = quiz.data
    student_auth = auth_header(api_token(student))
    attempt_id = _start(client, quiz.quiz_id, student_auth).json["id"]
    outsider = auth_header(api_token(make_user("student")))
    other_teacher = auth_header(api_token(make_user("teacher")))
    teacher_auth = auth_header(api_token(teacher))
    answer_url = f"/api/v1/attempts/{attempt_id}/answers/{data.mcq_id}"

    assert client.get("/api/v1/me/assignments", headers=outsider).json == {"assignments": []}
    assert _start(client, quiz.quiz_id, outsider).status_code == 404
    assert client.get(f"/api/v1/attempts/{attempt_id}", headers=outsider).status_code == 404
    assert client.put(answer_url, json={"response": "إيران"}, headers=outsider).status_code == 404
    submit_url = f"/api/v1/attempts/{attempt_id}/submit"
    assert client.post(submit_url, headers=outsider).status_code == 404
    # Teachers do not take quizzes; students do not build or assign them.
    assert (
        client.put(answer_url, json={"response": "إيران"}, headers=teacher_auth).status_code == 403
    )
    assert client.get("/api/v1/me/assignments", headers=teacher_auth).status_code == 403
    build = {"article_id": data.article_id, "title": "Mine", "question_ids": [data.mcq_id]}
    assert client.post("/api/v1/quizzes", json=build, headers=student_auth).status_code == 403
    assign_url = f"/api/v1/quizzes/{quiz.quiz_id}/assignments"
    assign = {"class_id": quiz.class_id}
    assert client.post(assign_url, json=assign, headers=other_teacher).status_code == 404
    assert client.post(assign_url, json=assign, headers=student_auth).status_code == 403
    # Anonymous.
    assert client.get("/api/v1/me/assignments").status_code == 401
    assert client.post(f"/api/v1/quizzes/{quiz.quiz_id}/attempts").status_code == 401
    assert client.put(answer_url, json={"response": "إيران"}).status_code == 401
    assert client.post(submit_url).status_code == 401
    assert client.post("/api/v1/quizzes", json=build).status_code == 401
    assert count(app, Answer) == 0
    assert count(app, Quiz) == 1
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        assert attempt is not None and attempt.submitted_at is None


def test_openapi_describes_the_quiz_endpoints(client: FlaskClient) -> None:
    paths = client.get("/api/v1/openapi.json").json["paths"]
    assert "post" in paths["/quizzes"]
    assert "post" in paths["/quizzes/{quiz_id}/assignments"]
    assert "get" in paths["/me/assignments"]
    assert "post" in paths["/quizzes/{quiz_id}/attempts"]
    assert "put" in paths["/attempts/{attempt_id}/answers/{question_id}"]
    assert "409" in paths["/attempts/{attempt_id}/answers/{question_id}"]["put"]["responses"]
    assert "post" in paths["/attempts/{attempt_id}/submit"]


def test_an_older_quiz_version_is_assigned_to_no_new_class(
    app: Flask,
    client: FlaskClient,
    teacher: UserInfo,
    student: UserInfo,
    api_token: Callable[[UserInfo], str],
) -> None:
    from learn.extensions import db
    from learn.models import Quiz, User
    from learn.quizzes import service

    quiz = make_assigned_quiz(app, teacher.id, [student.id])
    assert _start(client, quiz.quiz_id, auth_header(api_token(student))).status_code == 201
    with app.app_context():  # the teacher edits it after a student took it: version 2
        owner, old = db.session.get(User, teacher.id), db.session.get(Quiz, quiz.quiz_id)
        questions = [quiz.data.mcq_id, quiz.data.tf_id]
        newer, made = service.edit_quiz(
            owner, old, {"title": "Treaty quiz", "question_ids": questions}
        )
        assert made and newer.version == 2
    auth = auth_header(api_token(teacher))
    url = f"/api/v1/quizzes/{quiz.quiz_id}/assignments"
    other_class = make_class(app, teacher.id, [], code="NEWCLASS")
    refused = client.post(url, json={"class_id": other_class}, headers=auth)
    assert refused.status_code == 409
    assert "newer version exists" in refused.json["error"]["message"]
    kept = client.post(url, json={"class_id": quiz.class_id, "max_attempts": 2}, headers=auth)
    assert kept.status_code == 200 and kept.json["max_attempts"] == 2
