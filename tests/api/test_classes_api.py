"""Classes over the API: teachers create and list, students join (idempotently) and list."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from learn.extensions import db
from learn.models import Classroom, Enrollment
from tests.web.conftest import UserInfo, auth_header


def count(app: Flask, model: type) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model)) or 0


def test_teacher_creates_and_lists_classes(
    client: FlaskClient, teacher: UserInfo, api_token: Callable
) -> None:
    headers = auth_header(api_token(teacher))
    created = client.post("/api/v1/classes", json={"name": " Arabic  3 "}, headers=headers)
    assert created.status_code == 201
    body = created.json
    assert body["name"] == "Arabic 3"
    assert body["teacher"]["username"] == teacher.username
    assert len(body["join_code"]) == 8 and body["student_count"] == 0

    listed = client.get("/api/v1/classes", headers=headers).json["classes"]
    assert [(c["id"], c["name"], c["join_code"]) for c in listed] == [
        (body["id"], "Arabic 3", body["join_code"])
    ]


def test_class_name_validation(app: Flask, client: FlaskClient, teacher, api_token) -> None:
    headers = auth_header(api_token(teacher))
    blank = client.post("/api/v1/classes", json={"name": "  "}, headers=headers)
    assert blank.status_code == 422
    assert blank.json["error"]["fields"] == {
        "name": "Give the class a name, for example “Arabic 2, autumn term”."
    }
    missing = client.post("/api/v1/classes", json={}, headers=headers)
    assert missing.status_code == 422 and "name" in missing.json["error"]["fields"]
    assert count(app, Classroom) == 0


def test_student_joins_once_and_sees_class_without_code(
    app: Flask, client: FlaskClient, teacher: UserInfo, student: UserInfo, api_token: Callable
) -> None:
    teacher_headers = auth_header(api_token(teacher))
    created = client.post("/api/v1/classes", json={"name": "Press"}, headers=teacher_headers)
    code = created.json["join_code"]
    student_headers = auth_header(api_token(student))

    first = client.post(
        "/api/v1/classes/join", json={"code": code.lower()}, headers=student_headers
    )
    assert first.status_code == 201
    assert first.json["joined"] is True and first.json["class"]["name"] == "Press"
    assert "join_code" not in first.json["class"]

    again = client.post("/api/v1/classes/join", json={"code": code}, headers=student_headers)
    assert again.status_code == 200 and again.json["joined"] is False
    assert count(app, Enrollment) == 1

    mine = client.get("/api/v1/classes", headers=student_headers).json["classes"]
    assert [c["name"] for c in mine] == ["Press"]

    detail = client.get(f"/api/v1/classes/{created.json['id']}", headers=teacher_headers).json
    assert detail["student_count"] == 1
    assert [s["username"] for s in detail["students"]] == [student.username]
    student_view = client.get(f"/api/v1/classes/{created.json['id']}", headers=student_headers)
    assert student_view.status_code == 200 and "students" not in student_view.json


def test_wrong_join_code_is_a_404_and_enrols_nobody(
    app: Flask, client: FlaskClient, student: UserInfo, api_token: Callable
) -> None:
    headers = auth_header(api_token(student))
    response = client.post("/api/v1/classes/join", json={"code": "NOPE2345"}, headers=headers)
    assert response.status_code == 404
    assert response.json["error"]["message"] == (
        "No class has the code “NOPE2345”. Check it with your teacher."
    )
    empty = client.post("/api/v1/classes/join", json={"code": " "}, headers=headers)
    assert empty.status_code == 422 and "code" in empty.json["error"]["fields"]
    assert count(app, Enrollment) == 0


def test_role_and_ownership_guards(
    app: Flask,
    client: FlaskClient,
    teacher: UserInfo,
    student: UserInfo,
    make_user: Callable,
    api_token: Callable,
) -> None:
    teacher_headers = auth_header(api_token(teacher))
    student_headers = auth_header(api_token(student))
    created = client.post("/api/v1/classes", json={"name": "Ours"}, headers=teacher_headers).json

    refused = client.post("/api/v1/classes", json={"name": "Mine"}, headers=student_headers)
    assert refused.status_code == 403
    assert refused.json["error"]["message"] == "Only a teacher may do this."
    teacher_join = client.post(
        "/api/v1/classes/join", json={"code": created["join_code"]}, headers=teacher_headers
    )
    assert teacher_join.status_code == 403

    other_headers = auth_header(api_token(make_user("teacher")))
    assert client.get(f"/api/v1/classes/{created['id']}", headers=other_headers).status_code == 404
    assert client.get("/api/v1/classes", headers=other_headers).json == {"classes": []}
    # A student not in the class cannot see it either.
    assert (
        client.get(f"/api/v1/classes/{created['id']}", headers=student_headers).status_code == 404
    )
    assert client.get("/api/v1/classes").status_code == 401
    assert count(app, Classroom) == 1


def test_teacher_manages_a_class(
    app: Flask,
    client: FlaskClient,
    teacher: UserInfo,
    student: UserInfo,
    make_user: Callable,
    api_token: Callable,
) -> None:
    headers = auth_header(api_token(teacher))
    student_headers = auth_header(api_token(student))
    created = client.post("/api/v1/classes", json={"name": "Draft"}, headers=headers).json
    url = f"/api/v1/classes/{created['id']}"

    renamed = client.patch(url, json={"name": "Final"}, headers=headers)
    assert renamed.status_code == 200 and renamed.json["name"] == "Final"
    assert client.patch(url, json={"name": ""}, headers=headers).status_code == 422

    client.post(
        "/api/v1/classes/join", json={"code": created["join_code"]}, headers=student_headers
    )
    recoded = client.post(f"{url}/code", headers=headers)
    assert recoded.status_code == 200
    assert recoded.json["join_code"] != created["join_code"]
    assert recoded.json["student_count"] == 1

    removed = client.delete(f"{url}/students/{student.id}", headers=headers)
    assert removed.status_code == 204
    assert client.delete(f"{url}/students/{student.id}", headers=headers).status_code == 404
    assert count(app, Enrollment) == 0
    assert client.get(url, headers=student_headers).status_code == 404

    intruder = auth_header(api_token(make_user("teacher")))
    assert client.patch(url, json={"name": "Mine"}, headers=intruder).status_code == 404
    assert client.post(f"{url}/code", headers=intruder).status_code == 404
    assert client.post(f"{url}/code", headers=student_headers).status_code == 403
    assert client.get(url, headers=headers).json["name"] == "Final"
