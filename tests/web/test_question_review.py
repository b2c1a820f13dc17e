"""The review page as Moodle's question bank works: several questions approved or rejected
at once, the correct choice marked by clicking it, and the other questions built on the
same evidence sentence shown with each question (and which one gives another away)."""

from __future__ import annotations

import re
from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from learn.extensions import db
from learn.models import Question
from tests.quiz_fixtures import make_article
from tests.web.conftest import UserInfo, login
from tests.web.test_quiz_teacher import HTMX, post, question


def statuses(app: Flask, *ids: int) -> list[str]:
    return [question(app, i).status for i in ids]


def review_page(client: FlaskClient, article_id: int, query: str = "") -> str:
    response = client.get(f"/quizzes/articles/{article_id}/questions{query}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def bulk(client: FlaskClient, article_id: int, status: str, ids: list[object], **extra: str):
    url = f"/quizzes/articles/{article_id}/questions/status"
    return post(client, url, {"status": status, "question_id": ids, **extra})


def test_ticked_questions_are_approved_and_rejected_at_once(
    app: Flask, teacher_client: FlaskClient
) -> None:
    data = make_article(app)
    html = review_page(teacher_client, data.article_id)
    # One bulk form; each row's checkbox belongs to it.
    assert html.count('form="bulk-status" name="question_id"') == 3
    assert f'action="/quizzes/articles/{data.article_id}/questions/status"' in html
    done = bulk(teacher_client, data.article_id, "approved", [data.mcq_id, data.short_id])
    assert done.status_code == 302
    assert done.location.endswith(f"/quizzes/articles/{data.article_id}/questions")
    assert statuses(app, data.mcq_id, data.tf_id, data.short_id) == [
        "approved",
        "pending",
        "approved",
    ]
    page = teacher_client.get(done.location).get_data(as_text=True)
    assert "Approved: 2 questions." in page and "Approved (2)" in page
    # From a filtered view the teacher comes back to it.
    rejected = bulk(
        teacher_client, data.article_id, "rejected", [data.tf_id, data.mcq_id], filter="pending"
    )
    assert rejected.location.endswith("/questions?status=pending")
    assert statuses(app, data.mcq_id, data.tf_id) == ["rejected", "rejected"]
    assert "Rejected: 2 questions." in teacher_client.get(rejected.location).get_data(as_text=True)
    back = bulk(teacher_client, data.article_id, "pending", [data.tf_id])
    assert "Returned to pending: 1 question." in teacher_client.get(back.location).get_data(
        as_text=True
    )


def test_bulk_change_is_all_or_nothing(
    app: Flask, teacher_client: FlaskClient, make_user: Callable[..., UserInfo]
) -> None:
    data = make_article(app)
    elsewhere = make_article(app, title="مقال آخر")
    other = make_user("teacher")
    other_client = app.test_client()
    login(other_client, other)
    post(
        other_client,
        f"/quizzes/articles/{data.article_id}/questions/new",
        {
            "format": "short_answer",
            "prompt_ar": "سؤال خاص؟",
            "answer": "جواب",
            "form_token": "c" * 24,
        },
    )
    with app.app_context():
        private_id = db.session.scalar(select(Question.id).where(Question.origin == "teacher"))
        assert private_id is not None
    cases = [
        ([data.mcq_id, private_id], "not questions of this article that you can change"),
        ([data.mcq_id, elsewhere.mcq_id], "not questions of this article that you can change"),
        ([data.mcq_id, "x"], "Question ids are numbers"),
        ([data.mcq_id, 2**40], "No such question"),
        ([], "Tick at least one question first"),
    ]
    for ids, message in cases:
        response = bulk(teacher_client, data.article_id, "approved", ids)
        assert response.status_code == 302
        page = teacher_client.get(response.location).get_data(as_text=True)
        assert message in page and "nothing was changed" in page.lower(), ids
    unknown = bulk(teacher_client, data.article_id, "deleted", [data.mcq_id])
    assert "Unknown status" in teacher_client.get(unknown.location).get_data(as_text=True)
    assert statuses(app, data.mcq_id, elsewhere.mcq_id) == ["pending", "pending"]
    assert question(app, private_id).status == "approved"
    # Without the CSRF token the form is refused outright.
    refused = teacher_client.post(
        f"/quizzes/articles/{data.article_id}/questions/status",
        data={"status": "approved", "question_id": [data.mcq_id]},
    )
    assert refused.status_code == 400
    assert statuses(app, data.mcq_id) == ["pending"]


def test_students_cannot_use_the_bulk_action(app: Flask, student_client: FlaskClient) -> None:
    data = make_article(app)
    response = post(
        student_client,
        f"/quizzes/articles/{data.article_id}/questions/status",
        {"status": "approved", "question_id": [data.mcq_id]},
    )
    assert response.status_code == 403
    assert statuses(app, data.mcq_id) == ["pending"]


def test_the_correct_choice_is_marked_not_typed(app: Flask, teacher_client: FlaskClient) -> None:
    data = make_article(app)
    editor = teacher_client.get(f"/quizzes/questions/{data.mcq_id}/edit", headers=HTMX)
    html = editor.get_data(as_text=True)
    assert 'name="answer"' not in html  # no second typing of the answer
    radios = re.findall(
        r'<input type="radio" name="correct" value="(\d)" id="[^"]+" ?(checked)?>', html
    )
    # The stored choices are تركيا، إيران، الصين، مصر: إيران (the second) is marked.
    assert radios[:4] == [("0", ""), ("1", "checked"), ("2", ""), ("3", "")]
    assert 'Correct <span class="visually-hidden">answer: choice 2</span>' in html
    url = f"/quizzes/questions/{data.mcq_id}"
    fields = {"format": "multiple_choice", "prompt_ar": "مع من وقعت روسيا المعاهدة؟"}
    choices = ["تركيا", "إيران", "", "روسيا"]
    saved = post(teacher_client, url, {**fields, "choice": choices, "correct": "3"}, htmx=True)
    assert saved.status_code == 200
    edited = question(app, data.mcq_id)
    assert (edited.answer, edited.choices) == ("روسيا", ["تركيا", "إيران", "روسيا"])
    # Marking a blank choice, or none, is a clear message and changes nothing.
    for marked in ({"correct": "2"}, {"correct": "9"}, {}):
        bad = post(
            teacher_client,
            url,
            {**fields, "choice": choices, **marked, "format": "multiple_choice"},
            htmx=True,
        )
        assert "Mark the correct choice." in bad.get_data(as_text=True), marked
    assert question(app, data.mcq_id).answer == "روسيا"


def test_writing_a_multiple_choice_question_marks_its_answer(
    app: Flask, teacher_client: FlaskClient
) -> None:
    data = make_article(app)
    url = f"/quizzes/articles/{data.article_id}/questions/new"
    form = teacher_client.get(url).get_data(as_text=True)
    assert 'name="correct" value="0"' in form and 'name="answer"' not in form
    token = form.split('name="form_token" value="')[1].split('"')[0]
    made = post(
        teacher_client,
        url,
        {
            "format": "multiple_choice",
            "prompt_ar": "أين وقعت المعاهدة؟",
            "choice": ["طهران", "موسكو", "باريس"],
            "correct": "1",
            "form_token": token,
        },
    )
    assert made.status_code == 302
    with app.app_context():
        written = db.session.scalars(select(Question).where(Question.origin == "teacher")).one()
        assert (written.answer, written.choices) == ("موسكو", ["طهران", "موسكو", "باريس"])


def test_each_question_shows_the_others_on_its_sentence_and_giveaways(
    app: Flask, teacher_client: FlaskClient
) -> None:
    data = make_article(app)
    html = review_page(teacher_client, data.article_id)

    def row(question_id: int) -> str:
        start = html.index(f'id="q-{question_id}"')
        return html[start : html.index('class="question-actions"', start)]

    # All three are built on the same sentence: each lists the two others.
    for question_id in (data.mcq_id, data.tf_id, data.short_id):
        assert "2 other questions on this sentence" in row(question_id)
    # The true/false statement "المعاهدة لمدة عشرين عاما." states the short answer's key.
    short = row(data.short_id)
    assert '<details class="related-questions" open>' in short
    assert "one gives an answer away" in short
    tf_item = short[short.index(f"#q-{data.tf_id}") :]
    assert tf_item.index("Its wording contains this question's answer.") < tf_item.index("</li>")
    tf = row(data.tf_id)
    assert "This question's wording contains its answer." in tf
    mcq = row(data.mcq_id)
    assert '<details class="related-questions">' in mcq and "giveaway" not in mcq
    # The filtered view still names the siblings (they link to the whole list).
    pending = review_page(teacher_client, data.article_id, "?status=pending")
    assert f'href="/quizzes/articles/{data.article_id}/questions#q-{data.tf_id}"' in pending


def test_a_row_swapped_in_by_htmx_keeps_its_siblings(
    app: Flask, teacher_client: FlaskClient
) -> None:
    data = make_article(app)
    response = post(
        teacher_client,
        f"/quizzes/questions/{data.short_id}/status",
        {"status": "approved"},
        htmx=True,
    )
    html = response.get_data(as_text=True)
    assert html.lstrip().startswith(
        f'<li class="question-card status-approved" id="q-{data.short_id}"'
    )
    assert "2 other questions on this sentence" in html and "one gives an answer away" in html
    assert f'form="bulk-status" name="question_id" value="{data.short_id}"' in html


def test_clicking_an_option_on_the_card_makes_it_the_answer(
    app: Flask, teacher_client: FlaskClient
) -> None:
    data = make_article(app)
    html = review_page(teacher_client, data.article_id)
    card = html[html.index(f'id="q-{data.mcq_id}"') :]
    card = card[: card.index("</ul>")]
    # The stored choices تركيا، إيران، الصين، مصر: the key إيران is marked, the others are
    # buttons that make themselves the key.
    assert '<li lang="ar" dir="rtl" class="ar correct-choice">إيران' in card
    assert card.count(f'action="/quizzes/questions/{data.mcq_id}/answer"') == 3
    url = f"/quizzes/questions/{data.mcq_id}/answer"
    response = post(teacher_client, url, {"choice": "2"}, htmx=True)
    assert response.status_code == 200
    row = response.get_data(as_text=True)
    assert '<li lang="ar" dir="rtl" class="ar correct-choice">الصين' in row and "<html" not in row
    edited = question(app, data.mcq_id)
    assert (edited.answer, edited.choices) == ("الصين", ["تركيا", "إيران", "الصين", "مصر"])
    # True/false: the statement's verdict is picked the same way.
    post(teacher_client, f"/quizzes/questions/{data.tf_id}/answer", {"choice": "1"}, htmx=True)
    assert question(app, data.tf_id).answer == "خطأ"
    # Bad picks change nothing, with a message (no htmx) or the row as it was (htmx).
    for bad in ("9", "-1", "x", ""):
        refused = post(teacher_client, url, {"choice": bad})
        assert refused.status_code == 302
        assert "Pick one of the question" in teacher_client.get(refused.location).get_data(
            as_text=True
        )
    assert post(teacher_client, url, {"choice": "9"}, htmx=True).status_code == 422
    short = post(teacher_client, f"/quizzes/questions/{data.short_id}/answer", {"choice": "0"})
    assert "Only a choice question" in teacher_client.get(short.location).get_data(as_text=True)
    assert question(app, data.mcq_id).answer == "الصين"


def test_clicking_an_option_of_a_frozen_question_makes_a_new_version(
    app: Flask, teacher: UserInfo, student: UserInfo, teacher_client: FlaskClient
) -> None:
    from tests.quiz_fixtures import make_assigned_quiz

    quiz = make_assigned_quiz(app, teacher.id, [student.id])
    response = post(
        teacher_client, f"/quizzes/questions/{quiz.data.mcq_id}/answer", {"choice": "0"}
    )
    assert response.status_code == 302
    assert question(app, quiz.data.mcq_id).answer == "إيران"  # what the students were given
    with app.app_context():
        newer = db.session.scalars(
            select(Question).where(Question.uid == "gen-who-1", Question.version == 2)
        ).one()
        assert newer.answer == "تركيا"
    assert "The correct answer is now" in teacher_client.get(response.location).get_data(
        as_text=True
    )
