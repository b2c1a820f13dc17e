"""GET /api/v1/quizzes/{id}/results: the statistics page's numbers as JSON, teachers only."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.api.conftest import UserInfo, auth_header
from tests.results import seed as data

MATRIX = [[1, 1, 1, 1], [1, 1, 0, 1], [1, 0, 1, 0], [1, 1, 0, 0], [1, 0, 0, 0]]


@pytest.fixture
def course(app: Flask, make_user: Callable[..., UserInfo]) -> dict:
    teacher = make_user("teacher")
    students = [make_user("student", display_name=f"Student {n}") for n in "ABCDE"]
    seeded = data.seed(
        app, teacher.id, [s.id for s in students], MATRIX, due_at=data.START + timedelta(hours=1)
    )
    return {"teacher": teacher, "students": students, "seeded": seeded}


def test_results_match_the_hand_computed_statistics(
    client: FlaskClient, course: dict, api_token: Callable[[UserInfo], str]
) -> None:
    token = api_token(course["teacher"])
    response = client.get(
        f"/api/v1/quizzes/{course['seeded'].quiz_id}/results", headers=auth_header(token)
    )
    assert response.status_code == 200
    body = response.get_json()
    assert body["attempts"] == "first"
    summary = body["summary"]
    assert summary["count"] == 5
    assert summary["mean"] == pytest.approx(0.6)
    assert summary["median"] == pytest.approx(0.5)
    assert summary["sd"] == pytest.approx(0.08125**0.5)
    assert summary["alpha"] == pytest.approx(4 / 3 * (1 - 0.72 / 1.04))
    questions = body["questions"]
    assert [q["facility"] for q in questions] == pytest.approx([1.0, 0.6, 0.4, 0.4])
    assert questions[0]["discrimination"] is None  # everyone right: undefined, null
    assert questions[1]["discrimination"] == pytest.approx(0.6 / 3.36**0.5)
    assert questions[2]["discrimination"] == pytest.approx(0.0, abs=1e-12)
    assert questions[3]["discrimination"] == pytest.approx(1 / 2.4**0.5)
    assert questions[0]["flags"] == ["too_easy"]
    assert questions[2]["flags"] == ["low_discrimination"]
    assert questions[1]["options"][:2] == [
        {"text": data.CHOICES[1][0], "count": 3, "correct": True},
        {"text": data.CHOICES[1][1], "count": 2, "correct": False},
    ]
    by_name = {s["student"]["display_name"]: s for s in body["students"]}
    assert by_name["Student B"]["best_score"] == pytest.approx(0.75)
    assert by_name["Student B"]["late"] is False
    assert sorted(s["score"] for s in body["scores"]) == pytest.approx([0.25, 0.5, 0.5, 0.75, 1.0])


def test_all_attempts_and_a_bad_scope(
    app: Flask, client: FlaskClient, course: dict, api_token: Callable[[UserInfo], str]
) -> None:
    seeded = course["seeded"]
    data.add_attempt(
        app, seeded.assignment_id, course["students"][4].id, [1, 1, 1, 1], seeded.question_ids, 2
    )
    headers = auth_header(api_token(course["teacher"]))
    url = f"/api/v1/quizzes/{seeded.quiz_id}/results"
    assert client.get(url, headers=headers).get_json()["summary"]["count"] == 5
    every = client.get(f"{url}?attempts=all", headers=headers).get_json()
    assert every["summary"]["count"] == 6
    assert every["summary"]["mean"] == pytest.approx(16 / 24)
    e_row = next(s for s in every["students"] if s["student"]["display_name"] == "Student E")
    assert (e_row["best_score"], e_row["last_score"], e_row["attempts"]) == (1.0, 1.0, 2)
    bad = client.get(f"{url}?attempts=some", headers=headers)
    assert bad.status_code == 422
    assert "attempts" in bad.get_json()["error"]["fields"]


def test_only_the_quizs_teacher_may_read_it(
    client: FlaskClient,
    course: dict,
    make_user: Callable[..., UserInfo],
    api_token: Callable[[UserInfo], str],
) -> None:
    url = f"/api/v1/quizzes/{course['seeded'].quiz_id}/results"
    other = make_user("teacher")
    response = client.get(url, headers=auth_header(api_token(other)))
    assert response.status_code == 404
    assert response.get_json()["error"]["status"] == 404
    student = course["students"][0]
    assert client.get(url, headers=auth_header(api_token(student))).status_code == 403
    assert client.get(url).status_code == 401
    missing = client.get(
        "/api/v1/quizzes/999999/results", headers=auth_header(api_token(course["teacher"]))
    )
    assert missing.status_code == 404


def test_single_student_gives_nulls(
    app: Flask,
    client: FlaskClient,
    make_user: Callable[..., UserInfo],
    api_token: Callable[[UserInfo], str],
) -> None:
    teacher, student = make_user("teacher"), make_user("student")
    seeded = data.seed(app, teacher.id, [student.id], [[0, 0, 0, 0]])
    body = client.get(
        f"/api/v1/quizzes/{seeded.quiz_id}/results", headers=auth_header(api_token(teacher))
    ).get_json()
    assert body["summary"] == {"count": 1, "mean": 0.0, "median": 0.0, "sd": None, "alpha": None}
    assert all(q["discrimination"] is None for q in body["questions"])
    assert all(q["flags"] == ["too_hard"] for q in body["questions"])


def test_the_operation_is_in_the_openapi_document(client: FlaskClient) -> None:
    document = client.get("/api/v1/openapi.json").get_json()
    operation = document["paths"]["/quizzes/{quiz_id}/results"]["get"]
    assert operation["operationId"] == "getQuizResults"
    assert "QuizResults" in document["components"]["schemas"]
