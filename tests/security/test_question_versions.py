"""A live quiz's prompt and key never change behind its owner's back (issue 13, item 2):
a question used by an assigned quiz is frozen, another teacher's edit (or the owner's) makes
a new version, rejecting it changes nothing for the quiz, and moving the quiz to the new
version with a regrade is the owner's deliberate act."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from learn.extensions import db
from learn.models import Answer, Question, Quiz, QuizQuestion, User
from tests.quiz_fixtures import approve_all, make_article, make_assigned_quiz
from tests.web.conftest import UserInfo, auth_header, login

NEW_PROMPT = "مع أي دولة وقعت روسيا؟ (نسخة معدلة)"
NEW_KEY = "تركيا"  # a wrong answer, put in by another teacher
CHOICES = ["تركيا", "إيران", "الصين", "مصر"]


def web_client(app: Flask, user: UserInfo) -> FlaskClient:
    app.config["WTF_CSRF_ENABLED"] = False
    client = app.test_client()
    login(client, user)
    return client


def edit_mcq(client: FlaskClient, question_id: int, prompt: str, answer: str) -> int:
    response = client.post(
        f"/quizzes/questions/{question_id}",
        data={"prompt_ar": prompt, "prompt_en": "", "answer": answer, "choice": CHOICES},
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    return response.status_code


def start_attempt(app: Flask, token: str, quiz_id: int) -> dict:
    response = app.test_client().post(
        f"/api/v1/quizzes/{quiz_id}/attempts", headers=auth_header(token), json={}
    )
    assert response.status_code in (200, 201)
    return response.get_json()


@pytest.fixture
def teachers(make_user: Callable[..., UserInfo]) -> tuple[UserInfo, UserInfo]:
    return make_user("teacher"), make_user("teacher")


def test_another_teachers_edit_never_reaches_a_live_quiz(
    app: Flask,
    teachers: tuple[UserInfo, UserInfo],
    student: UserInfo,
    api_token: Callable[[UserInfo], str],
) -> None:
    owner, other = teachers
    quiz = make_assigned_quiz(app, owner.id, [student.id])
    edit_mcq(web_client(app, other), quiz.data.mcq_id, NEW_PROMPT, NEW_KEY)

    # The student sees the prompt the owner chose and is graded against the owner's key.
    token = api_token(student)
    attempt = start_attempt(app, token, quiz.quiz_id)
    mcq = next(q for q in attempt["questions"] if q["id"] == quiz.data.mcq_id)
    assert mcq["prompt_ar"] != NEW_PROMPT
    answer = app.test_client().put(
        f"/api/v1/attempts/{attempt['id']}/answers/{quiz.data.mcq_id}",
        headers=auth_header(token),
        json={"response": "إيران"},
    )
    assert answer.get_json()["feedback"]["correct"] is True

    # The other teacher, and the review page, see the new version (a new id).
    listed = app.test_client().get(
        f"/api/v1/articles/{quiz.data.article_id}/questions", headers=auth_header(api_token(other))
    )
    versions = {q["uid"]: q for q in listed.get_json()["questions"]}
    edited = versions["gen-who-1"]
    assert edited["prompt_ar"] == NEW_PROMPT and edited["version"] == 2
    assert edited["id"] != quiz.data.mcq_id
    # The owner is told, on the quiz page, and keeps the old version until they act.
    page = web_client(app, owner).get(f"/quizzes/{quiz.quiz_id}").get_data(as_text=True)
    assert "edited since it was assigned" in page and "version 1" in page
    with app.app_context():
        items = db.session.query(QuizQuestion).filter_by(quiz_id=quiz.quiz_id).all()
        assert quiz.data.mcq_id in {item.question_id for item in items}


def test_rejecting_a_question_leaves_a_live_quiz_alone(
    app: Flask,
    teachers: tuple[UserInfo, UserInfo],
    student: UserInfo,
    api_token: Callable[[UserInfo], str],
) -> None:
    owner, other = teachers
    quiz = make_assigned_quiz(app, owner.id, [student.id])
    rejected = web_client(app, other).post(
        f"/quizzes/questions/{quiz.data.mcq_id}/status", data={"status": "rejected"}
    )
    assert rejected.status_code == 302
    attempt = start_attempt(app, api_token(student), quiz.quiz_id)
    assert quiz.data.mcq_id in {q["id"] for q in attempt["questions"]}
    assert len(attempt["questions"]) == 3


def test_a_quiz_not_yet_assigned_follows_the_edit(app: Flask, teacher: UserInfo) -> None:
    from learn.quizzes import service

    data = make_article(app)
    approve_all(app, data.article_id)
    with app.app_context():
        account = db.session.get(User, teacher.id)
        assert account is not None
        draft, _ = service.create_quiz(
            account, data.article_id, {"title": "Draft", "question_ids": [data.mcq_id]}
        )
        draft_id = draft.id
    edit_mcq(web_client(app, teacher), data.mcq_id, NEW_PROMPT, "إيران")
    with app.app_context():
        item = db.session.query(QuizQuestion).filter_by(quiz_id=draft_id).one()
        assert item.question_id == data.mcq_id  # not frozen: edited in place
        question = db.session.get(Question, data.mcq_id)
        assert question is not None and question.prompt_ar == NEW_PROMPT
        assert question.version == 1


def test_the_owner_regrades_deliberately_with_the_new_version(
    app: Flask, teacher: UserInfo, student: UserInfo, api_token: Callable[[UserInfo], str]
) -> None:
    quiz = make_assigned_quiz(app, teacher.id, [student.id], feedback="end")
    token = api_token(student)
    attempt = start_attempt(app, token, quiz.quiz_id)
    client = app.test_client()
    for question_id, response in ((quiz.data.mcq_id, "تركيا"), (quiz.data.tf_id, "صحيح")):
        client.put(
            f"/api/v1/attempts/{attempt['id']}/answers/{question_id}",
            headers=auth_header(token),
            json={"response": response},
        )
    submitted = client.post(f"/api/v1/attempts/{attempt['id']}/submit", headers=auth_header(token))
    assert submitted.get_json()["score"] == pytest.approx(1 / 3)
    owner = web_client(app, teacher)
    edit_mcq(owner, quiz.data.mcq_id, NEW_PROMPT, "تركيا")  # the owner fixes the key
    # Nothing changes until the owner regrades.
    again = client.get(f"/api/v1/attempts/{attempt['id']}", headers=auth_header(token))
    assert again.get_json()["score"] == pytest.approx(1 / 3)
    regraded = owner.post(f"/results/quizzes/{quiz.quiz_id}/regrade")
    assert regraded.status_code == 200
    after = client.get(f"/api/v1/attempts/{attempt['id']}", headers=auth_header(token)).get_json()
    assert after["score"] == pytest.approx(2 / 3)
    mcq = next(q for q in after["questions"] if q["prompt_ar"] == NEW_PROMPT)
    assert mcq["response"] == "تركيا" and mcq["feedback"]["correct"] is True
    assert sorted(mcq["options"]) == sorted(CHOICES)
    with app.app_context():
        quiz_row = db.session.get(Quiz, quiz.quiz_id)
        assert quiz_row is not None
        assert mcq["id"] in [item.question_id for item in quiz_row.items]
        assert db.session.query(Answer).filter_by(question_id=quiz.data.mcq_id).count() == 0


def test_another_teacher_cannot_regrade_or_move_the_quiz(
    app: Flask, teachers: tuple[UserInfo, UserInfo], student: UserInfo
) -> None:
    owner, other = teachers
    quiz = make_assigned_quiz(app, owner.id, [student.id])
    intruder = web_client(app, other)
    edit_mcq(intruder, quiz.data.mcq_id, NEW_PROMPT, NEW_KEY)
    assert intruder.post(f"/results/quizzes/{quiz.quiz_id}/regrade").status_code == 404
    with app.app_context():
        quiz_row = db.session.get(Quiz, quiz.quiz_id)
        assert quiz_row is not None
        assert quiz.data.mcq_id in [item.question_id for item in quiz_row.items]


def test_two_edits_of_the_same_version_cannot_both_win(
    app: Flask, teachers: tuple[UserInfo, UserInfo], student: UserInfo
) -> None:
    from learn.quizzes.errors import Conflict
    from learn.quizzes.questions import update_question

    owner, other = teachers
    quiz = make_assigned_quiz(app, owner.id, [student.id])
    edit_mcq(web_client(app, other), quiz.data.mcq_id, NEW_PROMPT, NEW_KEY)
    with app.app_context():
        # The second editor loaded version 1 before the first one's edit was committed.
        stale = db.session.get(Question, quiz.data.mcq_id)
        assert stale is not None
        with pytest.raises(Conflict):
            update_question(stale, {"prompt_ar": "another", "answer": "مصر", "choices": CHOICES})
        versions = db.session.query(Question).filter_by(uid="gen-who-1").count()
        assert versions == 2
    # An old version is no longer editable at all.
    response = web_client(app, owner).get(f"/quizzes/questions/{quiz.data.mcq_id}/edit")
    assert response.status_code == 404
