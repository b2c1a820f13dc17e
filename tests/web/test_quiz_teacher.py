"""Teacher quiz pages: reviewing generated questions, writing questions, building and
assigning quizzes, and who may do any of it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from werkzeug.test import TestResponse

from learn.extensions import db
from learn.models import Assignment, Question, Quiz
from tests.conftest import csrf_token_from
from tests.quiz_fixtures import approve_all, make_article, make_class, set_timezone
from tests.web.conftest import UserInfo, login

HTMX = {"HX-Request": "true"}


def post(
    client: FlaskClient, url: str, data: dict[str, object], htmx: bool = False
) -> TestResponse:
    token = csrf_token_from(client.get("/quizzes/").get_data(as_text=True))
    return client.post(url, data={"csrf_token": token, **data}, headers=HTMX if htmx else {})


def question(app: Flask, question_id: int) -> Question:
    with app.app_context():
        found = db.session.get(Question, question_id)
        assert found is not None
        db.session.expunge(found)
        return found


def count(app: Flask, model: type) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model)) or 0


# -- review -----------------------------------------------------------------------------------


def test_review_page_shows_questions_with_highlighted_evidence(
    app: Flask, teacher_client: FlaskClient
) -> None:
    data = make_article(app)
    html = teacher_client.get(f"/quizzes/articles/{data.article_id}/questions").get_data(
        as_text=True
    )
    assert "مع من وقعت روسيا المعاهدة؟" in html
    assert "وقعت روسيا و<mark>إيران</mark> معاهدة" in html  # the answer's span, marked
    assert "لمدة <mark>عشرين عاما</mark>." in html
    assert "Pending (3)" in html
    assert "also accepted: <span" in html and "20 عاما" in html


def test_approve_and_reject_swap_the_row_in_place(app: Flask, teacher_client: FlaskClient) -> None:
    data = make_article(app)
    url = f"/quizzes/questions/{data.mcq_id}/status"
    response = post(teacher_client, url, {"status": "approved"}, htmx=True)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert html.lstrip().startswith(
        f'<li class="question-card status-approved" id="q-{data.mcq_id}"'
    )
    assert "<html" not in html  # a fragment, not a page
    assert question(app, data.mcq_id).status == "approved"
    # Approving twice is harmless.
    assert post(teacher_client, url, {"status": "approved"}, htmx=True).status_code == 200
    post(teacher_client, f"/quizzes/questions/{data.tf_id}/status", {"status": "rejected"})
    assert question(app, data.tf_id).status == "rejected"
    bad = post(teacher_client, url, {"status": "deleted"})
    assert bad.status_code == 302
    assert question(app, data.mcq_id).status == "approved"


def test_inline_edit_validates_and_changes_nothing_on_bad_input(
    app: Flask, teacher_client: FlaskClient
) -> None:
    data = make_article(app)
    editor = teacher_client.get(f"/quizzes/questions/{data.mcq_id}/edit", headers=HTMX)
    assert 'name="choice" lang="ar" dir="auto" value="إيران"' in editor.get_data(as_text=True)
    url = f"/quizzes/questions/{data.mcq_id}"
    fields = {"format": "multiple_choice", "prompt_ar": "سؤال جديد؟", "answer": "روسيا"}
    wrong = post(teacher_client, url, {**fields, "choice": ["إيران", "تركيا"]}, htmx=True)
    assert wrong.status_code == 200  # htmx swaps the form back in, with the message
    assert "The correct answer must be one of the choices." in wrong.get_data(as_text=True)
    duplicate = post(teacher_client, url, {**fields, "choice": ["روسيا", "روسيا "]}, htmx=True)
    assert "Each choice must be different." in duplicate.get_data(as_text=True)
    unchanged = question(app, data.mcq_id)
    assert unchanged.prompt_ar == "مع من وقعت روسيا المعاهدة؟"
    assert unchanged.answer == "إيران"

    saved = post(teacher_client, url, {**fields, "choice": ["روسيا", "تركيا", ""]}, htmx=True)
    assert 'class="question-card status-pending"' in saved.get_data(as_text=True)
    edited = question(app, data.mcq_id)
    assert (edited.prompt_ar, edited.answer, edited.choices) == (
        "سؤال جديد؟",
        "روسيا",
        ["روسيا", "تركيا"],
    )
    # The highlight follows the new answer within the evidence sentence.
    assert edited.evidence_text[edited.evidence_start : edited.evidence_end] == "روسيا"


def test_edit_without_htmx_is_a_page_with_a_422_on_errors(
    app: Flask, teacher_client: FlaskClient
) -> None:
    data = make_article(app)
    page = teacher_client.get(f"/quizzes/questions/{data.short_id}/edit")
    assert "<html" in page.get_data(as_text=True)
    bad = post(
        teacher_client,
        f"/quizzes/questions/{data.short_id}",
        {"format": "short_answer", "prompt_ar": "", "prompt_en": "", "answer": ""},
    )
    assert bad.status_code == 422
    assert "Give the correct answer." in bad.get_data(as_text=True)
    good = post(
        teacher_client,
        f"/quizzes/questions/{data.short_id}",
        {
            "prompt_ar": "كم مدة المعاهدة؟",
            "answer": "عشرين عاما",
            "accepted_answers": "٢٠ عاما\n\n20 سنة",
        },
    )
    assert good.status_code == 302
    assert question(app, data.short_id).accepted_answers == ["٢٠ عاما", "20 سنة"]


def test_teacher_writes_questions_and_a_resent_form_adds_one(
    app: Flask, teacher_client: FlaskClient
) -> None:
    data = make_article(app)
    url = f"/quizzes/articles/{data.article_id}/questions/new"
    form = teacher_client.get(url + "?format=true_false").get_data(as_text=True)
    token = form.split('name="form_token" value="')[1].split('"')[0]
    fields = {
        "format": "true_false",
        "prompt_ar": "وقع بوتين المعاهدة في طهران.",
        "answer": "خطأ",
        "form_token": token,
    }
    first = post(teacher_client, url, fields)
    second = post(teacher_client, url, fields)  # a double click
    assert first.status_code == second.status_code == 302
    with app.app_context():
        written = db.session.scalars(select(Question).where(Question.origin == "teacher")).all()
        assert len(written) == 1
        assert (written[0].status, written[0].choices) == ("approved", ["صحيح", "خطأ"])
    bad = post(teacher_client, url, {**fields, "answer": "ربما", "form_token": "a" * 24})
    assert bad.status_code == 422
    assert "A true/false answer is صحيح (true) or خطأ (false)." in bad.get_data(as_text=True)
    assert count(app, Question) == 4


def test_other_teachers_own_questions_are_hidden(
    app: Flask, make_user: Callable[..., UserInfo], teacher_client: FlaskClient
) -> None:
    data = make_article(app)
    other = make_user("teacher")
    other_client = app.test_client()
    login(other_client, other)
    url = f"/quizzes/articles/{data.article_id}/questions/new"
    post(
        other_client,
        url,
        {
            "format": "short_answer",
            "prompt_ar": "سؤال خاص؟",
            "answer": "جواب",
            "form_token": "b" * 24,
        },
    )
    with app.app_context():
        private_id = db.session.scalar(select(Question.id).where(Question.origin == "teacher"))
    page = teacher_client.get(f"/quizzes/articles/{data.article_id}/questions")
    assert "سؤال خاص؟" not in page.get_data(as_text=True)
    assert teacher_client.get(f"/quizzes/questions/{private_id}/edit").status_code == 404
    changed = post(
        teacher_client, f"/quizzes/questions/{private_id}/status", {"status": "rejected"}
    )
    assert changed.status_code == 404
    assert question(app, private_id).status == "approved"


# -- building and assigning -------------------------------------------------------------------


def test_build_quiz_from_approved_questions_in_the_chosen_order(
    app: Flask, teacher_client: FlaskClient
) -> None:
    data = make_article(app)
    url = f"/quizzes/articles/{data.article_id}/new"
    fields = {
        "title": "Treaty quiz",
        "question_id": [str(data.mcq_id), str(data.short_id)],
        "feedback": "end",
        "time_limit_minutes": "15",
    }
    pending = post(teacher_client, url, fields)
    assert pending.status_code == 422
    assert "Only approved questions of this article can go in the quiz" in pending.get_data(
        as_text=True
    )
    assert count(app, Quiz) == 0

    approve_all(app, data.article_id)
    fields |= {f"position_{data.mcq_id}": "2", f"position_{data.short_id}": "1"}
    created = post(teacher_client, url, fields)
    assert created.status_code == 302
    again = post(teacher_client, url, fields)  # the same form sent twice
    assert again.status_code == 302 and again.location == created.location
    with app.app_context():
        quiz = db.session.scalars(select(Quiz)).one()
        assert [item.question_id for item in quiz.items] == [data.short_id, data.mcq_id]
        assert (quiz.feedback, quiz.time_limit_minutes, quiz.shuffle_options) == ("end", 15, False)
    different = post(teacher_client, url, {**fields, "feedback": "immediate"})
    assert different.status_code == 409
    assert "You already have a quiz called “Treaty quiz”" in different.get_data(as_text=True)
    detail = teacher_client.get(created.location).get_data(as_text=True)
    assert "all at once, feedback at the end" in detail and "15 minute time limit" in detail


def test_build_rejects_bad_settings(app: Flask, teacher_client: FlaskClient) -> None:
    data = make_article(app)
    approve_all(app, data.article_id)
    response = post(
        teacher_client,
        f"/quizzes/articles/{data.article_id}/new",
        {"title": " ", "time_limit_minutes": "0", "feedback": "immediate"},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Give the quiz a title." in html
    assert "Choose at least one approved question." in html
    assert "The time limit is a whole number of minutes, 1 to 600." in html
    assert count(app, Quiz) == 0


def _quiz(app: Flask, client: FlaskClient, article_id: int, ids: list[int]) -> int:
    approve_all(app, article_id)
    post(
        client,
        f"/quizzes/articles/{article_id}/new",
        {"title": "Q", "question_id": [str(i) for i in ids], "feedback": "immediate"},
    )
    with app.app_context():
        return db.session.scalars(select(Quiz.id)).one()


def test_assign_to_own_class_converts_local_due_time_to_utc(
    app: Flask, teacher: UserInfo, teacher_client: FlaskClient, student: UserInfo
) -> None:
    data = make_article(app)
    quiz_id = _quiz(app, teacher_client, data.article_id, [data.mcq_id])
    class_id = make_class(app, teacher.id, [student.id])
    set_timezone(app, teacher.id, "Asia/Amman")  # UTC+3 all year
    url = f"/quizzes/{quiz_id}/assignments"
    fields = {"class_id": str(class_id), "due_at": "2099-03-01T17:00", "max_attempts": "2"}
    assert post(teacher_client, url, fields).status_code == 302
    assert post(teacher_client, url, fields | {"max_attempts": "3"}).status_code == 302
    with app.app_context():
        assignment = db.session.scalars(select(Assignment)).one()  # assigned once, updated
        assert assignment.due_at == datetime(2099, 3, 1, 14, 0, tzinfo=UTC)
        assert assignment.max_attempts == 3
    detail = teacher_client.get(f"/quizzes/{quiz_id}").get_data(as_text=True)
    assert "Due Sun 1 Mar 2099, 17:00 (Asia/Amman)" in detail


def test_assign_refuses_other_teachers_class_and_bad_values(
    app: Flask, make_user: Callable[..., UserInfo], teacher_client: FlaskClient
) -> None:
    data = make_article(app)
    quiz_id = _quiz(app, teacher_client, data.article_id, [data.mcq_id])
    other_class = make_class(app, make_user("teacher").id, [], code="OTHER1")
    url = f"/quizzes/{quiz_id}/assignments"
    foreign = post(teacher_client, url, {"class_id": str(other_class), "max_attempts": "1"})
    assert foreign.status_code == 404
    own_class = make_class(app, _teacher_id(app, quiz_id), [], code="MINE1")
    past = post(teacher_client, url, {"class_id": str(own_class), "due_at": "2001-01-01T10:00"})
    assert past.status_code == 422
    assert "The due date is in the past." in past.get_data(as_text=True)
    zero = post(teacher_client, url, {"class_id": str(own_class), "max_attempts": "0"})
    assert "Allowed attempts is a whole number from 1 to 20." in zero.get_data(as_text=True)
    assert count(app, Assignment) == 0


def _teacher_id(app: Flask, quiz_id: int) -> int:
    with app.app_context():
        quiz = db.session.get(Quiz, quiz_id)
        assert quiz is not None
        return quiz.teacher_id


def test_who_may_use_the_teacher_pages(
    app: Flask,
    make_user: Callable[..., UserInfo],
    teacher_client: FlaskClient,
    student_client: FlaskClient,
) -> None:
    data = make_article(app)
    quiz_id = _quiz(app, teacher_client, data.article_id, [data.mcq_id])
    other = app.test_client()
    login(other, make_user("teacher"))
    assert other.get(f"/quizzes/{quiz_id}").status_code == 404
    assert post(other, f"/quizzes/{quiz_id}/assignments", {"class_id": "1"}).status_code == 404
    assert student_client.get(f"/quizzes/articles/{data.article_id}/questions").status_code == 403
    assert (
        post(
            student_client, f"/quizzes/questions/{data.mcq_id}/status", {"status": "rejected"}
        ).status_code
        == 403
    )
    anonymous = app.test_client().get(f"/quizzes/{quiz_id}")
    assert anonymous.status_code == 302 and "/signin" in anonymous.location
    assert question(app, data.mcq_id).status == "approved"


def test_quiz_page_shows_each_students_best_score(
    app: Flask,
    teacher: UserInfo,
    teacher_client: FlaskClient,
    make_user: Callable[..., UserInfo],
) -> None:
    from learn.models import Assignment as AssignmentModel
    from learn.models import User
    from learn.quizzes import attempts
    from tests.quiz_fixtures import make_assigned_quiz

    keen, idle = make_user("student", "keen"), make_user("student", "idle")
    quiz = make_assigned_quiz(app, teacher.id, [keen.id, idle.id], feedback="end")
    with app.app_context():
        student = db.session.get(User, keen.id)
        assignment = db.session.get(AssignmentModel, quiz.assignment_id)
        assert student is not None and assignment is not None
        now = datetime.now(UTC)
        attempt, _ = attempts.start_or_resume(student, assignment, now)
        attempts.record_answer(attempt, quiz.data.mcq_id, "إيران", now)
        attempts.record_answer(attempt, quiz.data.tf_id, "صحيح", now)
        attempts.submit(attempt, now)
    html = teacher_client.get(f"/quizzes/{quiz.quiz_id}").get_data(as_text=True)
    keen_row = html.split('<th scope="row">keen</th>')[1].split("</tr>")[0]
    idle_row = html.split('<th scope="row">idle</th>')[1].split("</tr>")[0]
    assert "<td>1</td>" in keen_row and "<td>67%</td>" in keen_row
    assert "<td>0</td>" in idle_row and "<td>—</td>" in idle_row


def test_written_question_evidence_comes_from_the_article_and_is_highlighted(
    app: Flask, teacher_client: FlaskClient
) -> None:
    from tests.quiz_fixtures import SENTENCE

    data = make_article(app)
    url = f"/quizzes/articles/{data.article_id}/questions/new"
    fields = {
        "format": "short_answer",
        "prompt_ar": "من وقع المعاهدة مع إيران؟",
        "answer": "روسيا",
        "evidence_text": "جملة ليست في المقال.",
        "form_token": "c" * 24,
    }
    invented = post(teacher_client, url, fields)
    assert invented.status_code == 422
    assert "The evidence must be copied from the article." in invented.get_data(as_text=True)
    assert count(app, Question) == 3
    assert post(teacher_client, url, {**fields, "evidence_text": SENTENCE}).status_code == 302
    page = teacher_client.get(f"/quizzes/articles/{data.article_id}/questions?status=approved")
    assert "وقعت <mark>روسيا</mark> وإيران" in page.get_data(as_text=True)
