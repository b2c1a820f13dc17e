"""What each role RECEIVES, on the pages and the API alike (the authorization matrix checks
only allow/deny): another teacher's own questions and their answers, another student's
answers and scores, another teacher's quiz results."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from learn.extensions import db
from learn.models import Article, User
from tests.quiz_fixtures import make_assigned_quiz
from tests.web.conftest import UserInfo, auth_header, login

SECRET_ANSWER = "الجواب السري للمعلمة"
SECRET_PROMPT = "سؤال خاص كتبته المعلمة"


@pytest.fixture
def two_teachers(make_user: Callable[..., UserInfo]) -> tuple[UserInfo, UserInfo]:
    return make_user("teacher"), make_user("teacher")


def write_own_question(app: Flask, author: UserInfo, article_id: int) -> int:
    from learn.quizzes.questions import create_question

    with app.app_context():
        teacher = db.session.get(User, author.id)
        article = db.session.get(Article, article_id)
        assert teacher is not None and article is not None
        question, _ = create_question(
            teacher,
            article,
            {
                "format": "short_answer",
                "prompt_ar": SECRET_PROMPT,
                "answer": SECRET_ANSWER,
                "accepted_answers": ["جواب آخر سري"],
            },
            "ownquestion01",
        )
        return question.id


def api_question_ids(client: FlaskClient, token: str, article_id: int) -> set[int]:
    response = client.get(f"/api/v1/articles/{article_id}/questions", headers=auth_header(token))
    assert response.status_code == 200
    return {q["id"] for q in response.get_json()["questions"]}


def test_other_teachers_own_questions_stay_hidden_on_api_and_web(
    app: Flask,
    two_teachers: tuple[UserInfo, UserInfo],
    student: UserInfo,
    api_token: Callable[[UserInfo], str],
) -> None:
    author, other = two_teachers
    quiz = make_assigned_quiz(app, author.id, [student.id])
    own_id = write_own_question(app, author, quiz.data.article_id)
    article_id = quiz.data.article_id
    client = app.test_client()
    generated = {quiz.data.mcq_id, quiz.data.tf_id, quiz.data.short_id}

    # API: the other teacher gets the generated questions only, and no trace of the secret.
    other_token = api_token(other)
    raw = client.get(
        f"/api/v1/articles/{article_id}/questions", headers=auth_header(other_token)
    ).get_data(as_text=True)
    assert SECRET_ANSWER not in raw and SECRET_PROMPT not in raw
    assert api_question_ids(client, other_token, article_id) == generated
    assert api_question_ids(client, api_token(author), article_id) == generated | {own_id}

    # Web: the same sets, from the same rule.
    other_web = app.test_client()
    login(other_web, other)
    page = other_web.get(f"/quizzes/articles/{article_id}/questions").get_data(as_text=True)
    assert SECRET_PROMPT not in page and SECRET_ANSWER not in page
    assert f'id="q-{own_id}"' not in page
    assert other_web.get(f"/quizzes/questions/{own_id}/edit").status_code == 404
    author_web = app.test_client()
    login(author_web, author)
    page = author_web.get(f"/quizzes/articles/{article_id}/questions").get_data(as_text=True)
    assert SECRET_PROMPT in page


def test_status_filter_uses_the_same_rule(
    app: Flask, two_teachers: tuple[UserInfo, UserInfo], api_token: Callable[[UserInfo], str]
) -> None:
    author, other = two_teachers
    quiz = make_assigned_quiz(app, author.id, [])
    write_own_question(app, author, quiz.data.article_id)  # approved at once
    response = app.test_client().get(
        f"/api/v1/articles/{quiz.data.article_id}/questions?status=approved",
        headers=auth_header(api_token(other)),
    )
    assert SECRET_ANSWER not in response.get_data(as_text=True)
    assert len(response.get_json()["questions"]) == 3


def test_students_receive_only_their_own_answers(
    app: Flask,
    teacher: UserInfo,
    make_user: Callable[..., UserInfo],
    api_token: Callable[[UserInfo], str],
) -> None:
    first, second = make_user("student"), make_user("student")
    quiz = make_assigned_quiz(app, teacher.id, [first.id, second.id], feedback="end")
    client = app.test_client()
    first_token, second_token = api_token(first), api_token(second)
    started = client.post(
        f"/api/v1/quizzes/{quiz.quiz_id}/attempts", headers=auth_header(first_token), json={}
    ).get_json()
    answer = "جواب الطالب الأول الخاص"
    put = client.put(
        f"/api/v1/attempts/{started['id']}/answers/{quiz.data.short_id}",
        headers=auth_header(first_token),
        json={"response": answer},
    )
    assert put.status_code == 201
    # The second student: their own attempt has no answers, the first one's is not found.
    other = client.post(
        f"/api/v1/quizzes/{quiz.quiz_id}/attempts", headers=auth_header(second_token), json={}
    ).get_json()
    assert other["id"] != started["id"]
    assert all(q["response"] is None for q in other["questions"])
    peek = client.get(f"/api/v1/attempts/{started['id']}", headers=auth_header(second_token))
    assert peek.status_code == 404 and answer not in peek.get_data(as_text=True)
    web = app.test_client()
    login(web, second)
    for path in (f"/quizzes/attempts/{started['id']}",):
        page = web.get(path)
        assert page.status_code == 404 and answer not in page.get_data(as_text=True)


def test_other_teacher_receives_no_results_of_a_quiz(
    app: Flask,
    two_teachers: tuple[UserInfo, UserInfo],
    student: UserInfo,
    api_token: Callable[[UserInfo], str],
) -> None:
    owner, other = two_teachers
    quiz = make_assigned_quiz(app, owner.id, [student.id])
    client = app.test_client()
    response = client.get(
        f"/api/v1/quizzes/{quiz.quiz_id}/results", headers=auth_header(api_token(other))
    )
    assert response.status_code == 404
    assert student.username not in response.get_data(as_text=True)
    web = app.test_client()
    login(web, other)
    page = web.get(f"/quizzes/{quiz.quiz_id}")
    assert page.status_code == 404 and student.username not in page.get_data(as_text=True)
