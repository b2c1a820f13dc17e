"""Class pages: teachers create and see their classes; students join by code."""

from __future__ import annotations

import re
from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from learn.classes.service import JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, normalize_join_code
from learn.extensions import db
from learn.models import Classroom, Enrollment
from learn.web.bidi import isolate
from tests.conftest import csrf_token_from
from tests.web.conftest import UserInfo, login


def create_class(client: FlaskClient, name: str):
    token = csrf_token_from(client.get("/classes").get_data(as_text=True))
    return client.post("/classes", data={"csrf_token": token, "name": name})


def join(client: FlaskClient, code: str):
    token = csrf_token_from(client.get("/join").get_data(as_text=True))
    return client.post("/join", data={"csrf_token": token, "code": code})


def class_row(app: Flask, name: str) -> tuple[int, str]:
    with app.app_context():
        classroom = db.session.scalar(select(Classroom).where(Classroom.name == name))
        assert classroom is not None
        return classroom.id, classroom.join_code


def enrollment_count(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Enrollment)) or 0


def test_teacher_without_classes_is_told_to_create_one(teacher_client: FlaskClient) -> None:
    html = teacher_client.get("/classes").get_data(as_text=True)
    assert "No classes yet — create one below" in html
    assert '<label for="name">Class name</label>' in html


def test_teacher_creates_a_class_and_sees_its_code(app: Flask, teacher_client: FlaskClient):
    response = create_class(teacher_client, "  Arabic   2,  autumn ")
    class_id, code = class_row(app, "Arabic 2, autumn")  # whitespace tidied
    assert response.location == f"/classes/{class_id}"
    assert len(code) == JOIN_CODE_LENGTH and set(code) <= set(JOIN_CODE_ALPHABET)

    page = teacher_client.get(response.location).get_data(as_text=True)
    assert "<h1>Arabic 2, autumn</h1>" in page
    assert f'<code class="join-code">{code}</code>' in page
    assert f"Share the join code {code}." in page
    assert "No students yet — give them the join code above." in page

    listing = teacher_client.get("/classes").get_data(as_text=True)
    assert f'<a href="/classes/{class_id}">Arabic 2, autumn</a>' in listing
    assert "0 students" in listing


def test_class_name_is_required(app: Flask, teacher_client: FlaskClient) -> None:
    response = create_class(teacher_client, "   ")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="name-error">Give the class a name' in html
    assert 'aria-describedby="name-error"' in html
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Classroom)) == 0


def test_student_joins_with_code_and_teacher_sees_them(
    app: Flask, teacher_client: FlaskClient, make_user: Callable
) -> None:
    create_class(teacher_client, "News reading")
    class_id, code = class_row(app, "News reading")
    student = make_user("student", username="yusuf", display_name="Yusuf A.")
    client = app.test_client()
    login(client, student)

    # Typed casually: lower case with a dash in the middle.
    response = join(client, f"{code[:4].lower()}-{code[4:].lower()}")
    assert response.location == f"/classes/{class_id}"
    page = client.get(response.location).get_data(as_text=True)
    assert f"You joined “{isolate('News reading')}”." in page
    assert "<h1>News reading</h1>" in page
    assert code not in page  # students do not need (or see) the roster and code

    mine = client.get("/classes").get_data(as_text=True)
    assert f'<a href="/classes/{class_id}">News reading</a>' in mine
    assert "Teacher: teacher" in mine

    roster = teacher_client.get(f"/classes/{class_id}").get_data(as_text=True)
    assert "Students (1)" in roster
    assert 'Yusuf A. <span class="meta">(yusuf)</span>' in roster


def test_repeat_join_is_idempotent(
    app: Flask, teacher_client: FlaskClient, student_client: FlaskClient
) -> None:
    create_class(teacher_client, "Once only")
    _, code = class_row(app, "Once only")
    join(student_client, code)
    again = join(student_client, code)
    assert again.status_code == 302
    assert f"You are already in “{isolate('Once only')}”." in student_client.get(
        again.location
    ).get_data(as_text=True)
    assert enrollment_count(app) == 1


def test_wrong_code_is_explained_and_enrols_nobody(
    app: Flask, student_client: FlaskClient, teacher: UserInfo
) -> None:
    response = join(student_client, "zzzz zzzz")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "No class has the code “ZZZZZZZZ”. Check it with your teacher." in html
    assert 'value="zzzz zzzz"' in html
    assert enrollment_count(app) == 0

    empty = join(student_client, "   ")
    assert "Enter the join code your teacher gave you." in empty.get_data(as_text=True)


def test_join_link_prefills_the_code(student_client: FlaskClient) -> None:
    html = student_client.get("/join?code=K7P2QX9M").get_data(as_text=True)
    assert 'value="K7P2QX9M"' in html


def test_student_without_classes_is_shown_how_to_join(student_client: FlaskClient) -> None:
    html = student_client.get("/classes").get_data(as_text=True)
    assert "You are not in a class yet" in html
    assert '<a href="/join">join one with the code from your teacher</a>' in html


def test_teachers_see_only_their_own_classes(
    app: Flask, teacher_client: FlaskClient, make_user: Callable
) -> None:
    create_class(teacher_client, "Mine")
    class_id, code = class_row(app, "Mine")
    other = app.test_client()
    login(other, make_user("teacher", username="other_teacher"))
    assert other.get(f"/classes/{class_id}").status_code == 404
    listing = other.get("/classes").get_data(as_text=True)
    assert "Mine" not in listing and code not in listing


def test_students_outside_a_class_get_404(
    app: Flask, teacher_client: FlaskClient, student_client: FlaskClient
) -> None:
    create_class(teacher_client, "Private")
    class_id, _ = class_row(app, "Private")
    assert student_client.get(f"/classes/{class_id}").status_code == 404


def test_role_guards(
    app: Flask, teacher_client: FlaskClient, student_client: FlaskClient, client: FlaskClient
) -> None:
    # Students cannot create classes; teachers cannot join them.
    token = csrf_token_from(student_client.get("/classes").get_data(as_text=True))
    refused = student_client.post("/classes", data={"csrf_token": token, "name": "Mine now"})
    assert refused.status_code == 403
    assert teacher_client.get("/join").status_code == 403
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Classroom)) == 0
    # Anonymous visitors are sent to sign in and come back afterwards.
    for path in ("/classes", "/join", "/classes/1"):
        assert client.get(path).location == f"/signin?next={path}"


def test_normalize_join_code() -> None:
    assert normalize_join_code(" ab-cd efgh\t") == "ABCDEFGH"


def test_concurrent_double_join_leaves_one_enrolment(
    app: Flask, teacher: UserInfo, student: UserInfo, monkeypatch
) -> None:
    """Two requests that both pass the 'already enrolled?' check: the unique constraint
    stops the second insert and it reports 'already enrolled' instead of failing."""
    from learn.classes import service
    from learn.models import User

    with app.app_context():
        classroom = service.create_class(db.session.get(User, teacher.id), "Race")
        code = classroom.join_code
        pupil = db.session.get(User, student.id)
        monkeypatch.setattr(service, "_enrollment", lambda *_: None)  # both see "not yet"
        first = service.join_class(pupil, code)
        second = service.join_class(pupil, code)
        assert (first.created, second.created) == (True, False)
        assert second.classroom.name == "Race"
    assert enrollment_count(app) == 1


# --- managing a class ------------------------------------------------------------------


def post_on_class_page(client: FlaskClient, class_id: int, action: str, data=None):
    token = csrf_token_from(client.get(f"/classes/{class_id}").get_data(as_text=True))
    return client.post(f"/classes/{class_id}/{action}", data={"csrf_token": token, **(data or {})})


def test_teacher_renames_a_class(app: Flask, teacher_client: FlaskClient) -> None:
    create_class(teacher_client, "Arbic 2")
    class_id, _ = class_row(app, "Arbic 2")
    page = teacher_client.get(f"/classes/{class_id}").get_data(as_text=True)
    assert 'id="name" name="name" type="text" value="Arbic 2"' in page  # prefilled
    response = post_on_class_page(teacher_client, class_id, "rename", {"name": "Arabic 2"})
    page = teacher_client.get(response.location).get_data(as_text=True)
    assert f"Renamed the class to “{isolate('Arabic 2')}”." in page and "<h1>Arabic 2</h1>" in page

    blank = post_on_class_page(teacher_client, class_id, "rename", {"name": ""})
    assert blank.status_code == 422
    assert 'id="name-error">Give the class a name' in blank.get_data(as_text=True)
    assert class_row(app, "Arabic 2")[0] == class_id  # unchanged


def test_new_join_code_replaces_the_old_one(
    app: Flask, teacher_client: FlaskClient, student_client: FlaskClient
) -> None:
    create_class(teacher_client, "Leaky")
    class_id, old_code = class_row(app, "Leaky")
    join(student_client, old_code)
    response = post_on_class_page(teacher_client, class_id, "code")
    _, new_code = class_row(app, "Leaky")
    assert new_code != old_code
    page = teacher_client.get(response.location).get_data(as_text=True)
    assert f"The new join code is {new_code}; the old one no longer works." in page
    assert "Students (1)" in page  # nobody was removed

    late = app.test_client()
    from tests.web.conftest import create_user

    login(late, create_user(app, "student", "latecomer"))
    refused = join(late, old_code)
    assert refused.status_code == 422
    assert join(late, new_code).status_code == 302
    assert enrollment_count(app) == 2


def test_teacher_removes_a_student(
    app: Flask, teacher_client: FlaskClient, student_client: FlaskClient, student: UserInfo
) -> None:
    create_class(teacher_client, "Roster")
    class_id, code = class_row(app, "Roster")
    join(student_client, code)
    page = teacher_client.get(f"/classes/{class_id}").get_data(as_text=True)
    assert f'aria-label="Remove {student.username} from Roster"' in page

    action = f"students/{student.id}/remove"
    removed = post_on_class_page(teacher_client, class_id, action)
    page = teacher_client.get(removed.location).get_data(as_text=True)
    assert f"Removed {student.username} from the class." in page
    assert "Students (0)" in page
    assert enrollment_count(app) == 0
    assert student_client.get(f"/classes/{class_id}").status_code == 404

    again = post_on_class_page(teacher_client, class_id, action)
    assert "was not in this class" in teacher_client.get(again.location).get_data(as_text=True)


def test_only_the_owner_manages_a_class(
    app: Flask, teacher_client: FlaskClient, student_client: FlaskClient, make_user: Callable
) -> None:
    create_class(teacher_client, "Guarded")
    class_id, code = class_row(app, "Guarded")
    other = app.test_client()
    login(other, make_user("teacher", username="intruder"))
    token = csrf_token_from(other.get("/classes").get_data(as_text=True))
    for action in ("rename", "code"):
        response = other.post(
            f"/classes/{class_id}/{action}", data={"csrf_token": token, "name": "Taken"}
        )
        assert response.status_code == 404
    token = csrf_token_from(student_client.get("/classes").get_data(as_text=True))
    refused = student_client.post(f"/classes/{class_id}/code", data={"csrf_token": token})
    assert refused.status_code == 403
    assert class_row(app, "Guarded") == (class_id, code)


def test_teacher_resets_a_forgotten_student_password(
    app: Flask,
    teacher_client: FlaskClient,
    student_client: FlaskClient,
    student: UserInfo,
    make_user: Callable,
) -> None:
    create_class(teacher_client, "Forgetful")
    class_id, code = class_row(app, "Forgetful")
    join(student_client, code)

    action = f"students/{student.id}/password"
    response = post_on_class_page(teacher_client, class_id, action)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    match = re.search(r'<code class="join-code" id="new-password">([^<]+)</code>', html)
    assert match, html
    password = match.group(1)
    assert re.fullmatch(r"[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}", password)
    assert f"Give this password to <strong>{student.username}</strong> privately." in html

    with app.app_context():
        from learn.accounts.service import authenticate

        assert authenticate(student.username, password) is not None
        assert authenticate(student.username, student.password) is None
    assert student_client.get("/classes").status_code == 302  # old session ended

    # Only for students of one's own class.
    outsider = make_user("student", username="outsider")
    other_action = f"students/{outsider.id}/password"
    assert post_on_class_page(teacher_client, class_id, other_action).status_code == 404
    intruder = app.test_client()
    login(intruder, make_user("teacher", username="nosy"))
    token = csrf_token_from(intruder.get("/classes").get_data(as_text=True))
    refused = intruder.post(f"/classes/{class_id}/{action}", data={"csrf_token": token})
    assert refused.status_code == 404
    with app.app_context():
        from learn.accounts.service import authenticate

        assert authenticate(student.username, password) is not None  # unchanged by refusals
