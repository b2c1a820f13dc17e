"""The quiz builder and editor, Moodle's quiz editor as the anchor: the builder starts with
the approved questions ticked; a quiz is edited in place until students have attempted it,
then an edit makes a new version and the attempted one stays as it was; the teacher
previews the quiz as a student, and nothing is recorded."""

from __future__ import annotations

import re
from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm.attributes import set_committed_value

from learn.extensions import db
from learn.models import Answer, Assignment, Attempt, Question, Quiz, StudyCard, StudyReview
from tests.quiz_fixtures import AssignedQuiz, approve_all, make_article, make_assigned_quiz
from tests.web.conftest import UserInfo, login
from tests.web.test_quiz_student import start
from tests.web.test_quiz_teacher import post


def quiz_state(app: Flask, quiz_id: int) -> tuple[str, list[int], int, int | None, str]:
    """(title, question ids in order, version, replaced_by_id, feedback)."""
    with app.app_context():
        quiz = db.session.get(Quiz, quiz_id)
        assert quiz is not None
        ids = [item.question_id for item in quiz.items]
        return quiz.title, ids, quiz.version, quiz.replaced_by_id, quiz.feedback


def quiz_count(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Quiz)) or 0


def ticked(html: str) -> list[str]:
    """The ids of the builder's ticked questions, in the order listed."""
    return re.findall(r'name="question_id" value="(\d+)" id="pick-\d+" checked', html)


def edit_form(quiz: AssignedQuiz, **changes: object) -> dict[str, object]:
    fields: dict[str, object] = {
        "title": "Treaty quiz",
        "question_id": [str(quiz.data.mcq_id), str(quiz.data.tf_id), str(quiz.data.short_id)],
        "feedback": "immediate",
    }
    return {**fields, **changes}


def test_builder_starts_with_every_approved_question_ticked(
    app: Flask, teacher_client: FlaskClient
) -> None:
    data = make_article(app)
    approve_all(app, data.article_id)
    review = teacher_client.get(f"/quizzes/articles/{data.article_id}/questions").get_data(
        as_text=True
    )
    assert "Build a quiz from 3 approved questions" in review
    html = teacher_client.get(f"/quizzes/articles/{data.article_id}/new").get_data(as_text=True)
    assert ticked(html) == [str(data.mcq_id), str(data.tf_id), str(data.short_id)]
    positions = re.findall(r'name="position_(\d+)" value="(\d+)"', html)
    assert positions == [(str(data.mcq_id), "1"), (str(data.tf_id), "2"), (str(data.short_id), "3")]


def test_a_quiz_without_attempts_is_edited_in_place(
    app: Flask, teacher: UserInfo, teacher_client: FlaskClient, student: UserInfo
) -> None:
    quiz = make_assigned_quiz(app, teacher.id, [student.id])
    page = teacher_client.get(f"/quizzes/{quiz.quiz_id}/edit").get_data(as_text=True)
    assert ticked(page) == [str(quiz.data.mcq_id), str(quiz.data.tf_id), str(quiz.data.short_id)]
    assert "the classes it is assigned to get your changes" in page
    assert ">Save changes</button>" in page
    fields = edit_form(
        quiz,
        title="Treaty quiz, shorter",
        question_id=[str(quiz.data.mcq_id), str(quiz.data.short_id)],
        feedback="end",
        **{f"position_{quiz.data.short_id}": "1", f"position_{quiz.data.mcq_id}": "2"},
    )
    saved = post(teacher_client, f"/quizzes/{quiz.quiz_id}/edit", fields)
    assert saved.status_code == 302 and saved.location.endswith(f"/quizzes/{quiz.quiz_id}")
    assert quiz_state(app, quiz.quiz_id) == (
        "Treaty quiz, shorter",
        [quiz.data.short_id, quiz.data.mcq_id],
        1,
        None,
        "end",
    )
    assert quiz_count(app) == 1
    detail = teacher_client.get(saved.location).get_data(as_text=True)
    assert "Quiz “" in detail and "saved." in detail and "2 questions" in detail
    # The student's next attempt is the edited quiz.
    student_client = app.test_client()
    login(student_client, student)
    attempt = student_client.get(start(student_client, quiz.assignment_id).location)
    assert "كم مدة المعاهدة؟" in attempt.get_data(as_text=True)
    with app.app_context():
        layout = db.session.scalars(select(Attempt.layout)).one()
        assert layout["questions"] == [quiz.data.short_id, quiz.data.mcq_id]


def test_an_attempted_quiz_is_never_changed_an_edit_makes_version_2(
    app: Flask, teacher: UserInfo, teacher_client: FlaskClient, student: UserInfo
) -> None:
    quiz = make_assigned_quiz(app, teacher.id, [student.id])
    student_client = app.test_client()
    login(student_client, student)
    start(student_client, quiz.assignment_id)
    page = teacher_client.get(f"/quizzes/{quiz.quiz_id}").get_data(as_text=True)
    assert "Edit (makes a new version)" in page
    form = teacher_client.get(f"/quizzes/{quiz.quiz_id}/edit").get_data(as_text=True)
    assert "saving makes <strong>version 2</strong>" in form
    assert ">Save as version 2</button>" in form
    # Saving without a change makes no version.
    unchanged = post(teacher_client, f"/quizzes/{quiz.quiz_id}/edit", edit_form(quiz))
    assert unchanged.location.endswith(f"/quizzes/{quiz.quiz_id}") and quiz_count(app) == 1
    fields = edit_form(quiz, question_id=[str(quiz.data.tf_id), str(quiz.data.mcq_id)])
    fields |= {f"position_{quiz.data.tf_id}": "1", f"position_{quiz.data.mcq_id}": "2"}
    saved = post(teacher_client, f"/quizzes/{quiz.quiz_id}/edit", fields)
    assert saved.status_code == 302
    new_id = int(saved.location.rsplit("/", 1)[1])
    assert new_id != quiz.quiz_id
    assert quiz_state(app, new_id) == (
        "Treaty quiz",
        [quiz.data.tf_id, quiz.data.mcq_id],
        2,
        None,
        "immediate",
    )
    # Version 1 is as its students took it, and keeps its assignment and attempt.
    assert quiz_state(app, quiz.quiz_id) == (
        "Treaty quiz",
        [quiz.data.mcq_id, quiz.data.tf_id, quiz.data.short_id],
        1,
        new_id,
        "immediate",
    )
    with app.app_context():
        assignment = db.session.get(Assignment, quiz.assignment_id)
        assert assignment is not None and assignment.quiz_id == quiz.quiz_id
        assert db.session.scalars(select(Assignment.quiz_id)).all() == [quiz.quiz_id]
    new_page = teacher_client.get(saved.location).get_data(as_text=True)
    assert "Saved as version 2. Version 1 keeps its assignments, attempts and results" in new_page
    assert "Not assigned yet." in new_page and "(version 2)" in new_page
    old_page = teacher_client.get(f"/quizzes/{quiz.quiz_id}").get_data(as_text=True)
    assert "This is version 1: students took it as it is" in old_page
    assert f'href="/quizzes/{new_id}">The newest version is version 2</a>' in old_page
    assert f"/quizzes/{quiz.quiz_id}/edit" not in old_page
    # Editing the old version leads to the newest one; the list shows only the newest.
    old_edit = teacher_client.get(f"/quizzes/{quiz.quiz_id}/edit")
    assert old_edit.status_code == 302 and old_edit.location.endswith(f"/quizzes/{new_id}/edit")
    refused = post(teacher_client, f"/quizzes/{quiz.quiz_id}/edit", fields)
    assert refused.location.endswith(f"/quizzes/{new_id}/edit") and quiz_count(app) == 2
    listing = teacher_client.get("/quizzes/").get_data(as_text=True)
    assert (
        f'href="/quizzes/{new_id}"' in listing and f'href="/quizzes/{quiz.quiz_id}"' not in listing
    )
    assert "Treaty quiz (version 2)</a>" in listing
    # Version 1 still serves its class (its attempts can change), but no new class.
    from tests.quiz_fixtures import make_class

    new_class = make_class(app, teacher.id, [], code="NEWCLS")
    old_page = teacher_client.get(f"/quizzes/{quiz.quiz_id}").get_data(as_text=True)
    assert "Change an assignment" in old_page and "Arabic NEWCLS" not in old_page
    assert f'<option value="{quiz.class_id}"' in old_page
    new_page = teacher_client.get(saved.location).get_data(as_text=True)
    assert "Arabic NEWCLS" in new_page
    refused_class = post(
        teacher_client, f"/quizzes/{quiz.quiz_id}/assignments", {"class_id": str(new_class)}
    )
    assert refused_class.status_code == 409
    assert "a newer version exists; assign that one." in refused_class.get_data(as_text=True)
    extended = post(
        teacher_client,
        f"/quizzes/{quiz.quiz_id}/assignments",
        {"class_id": str(quiz.class_id), "max_attempts": "3"},
    )
    assert extended.status_code == 302
    with app.app_context():
        assert db.session.get(Assignment, quiz.assignment_id).max_attempts == 3  # type: ignore[union-attr]
        assert db.session.scalars(select(Assignment.quiz_id)).all() == [quiz.quiz_id]
    # Assigned to the same class, both versions are told apart wherever they sit together.
    assign = post(
        teacher_client, f"/quizzes/{new_id}/assignments", {"class_id": str(quiz.class_id)}
    )
    assert assign.status_code == 302
    dashboard = student_client.get("/quizzes/").get_data(as_text=True)
    assert '<th scope="row">Treaty quiz</th>' in dashboard
    assert '<th scope="row">Treaty quiz (version 2)</th>' in dashboard
    gradebook = teacher_client.get(f"/results/classes/{quiz.class_id}/gradebook.csv")
    header = gradebook.data.decode("utf-8-sig").splitlines()[0]
    assert "Treaty quiz: best" in header and "Treaty quiz (version 2): best" in header


def test_editing_refuses_bad_input_and_taken_titles_changing_nothing(
    app: Flask, teacher: UserInfo, teacher_client: FlaskClient, student: UserInfo
) -> None:
    quiz = make_assigned_quiz(app, teacher.id, [student.id])
    url = f"/quizzes/{quiz.quiz_id}/edit"
    before = quiz_state(app, quiz.quiz_id)
    empty = post(teacher_client, url, edit_form(quiz, title=" ", question_id=[]))
    assert empty.status_code == 422
    html = empty.get_data(as_text=True)
    assert "Give the quiz a title." in html and "Choose at least one approved question." in html
    with app.app_context():
        other_article = make_article(app, title="مقال غريب")
    foreign = post(teacher_client, url, edit_form(quiz, question_id=[str(other_article.mcq_id)]))
    assert foreign.status_code == 422
    assert "Only this quiz&#39;s questions and approved questions" in foreign.get_data(
        as_text=True
    ) or "Only this quiz's questions and approved questions" in foreign.get_data(as_text=True)
    # Another quiz of the same article already has the title: 409, nothing changed.
    post(
        teacher_client,
        f"/quizzes/articles/{quiz.data.article_id}/new",
        {"title": "Second quiz", "question_id": [str(quiz.data.mcq_id)], "feedback": "end"},
    )
    taken = post(teacher_client, url, edit_form(quiz, title="Second quiz"))
    assert taken.status_code == 409
    assert "You already have a quiz called “Second quiz”" in taken.get_data(as_text=True)
    assert quiz_state(app, quiz.quiz_id) == before
    # Another teacher cannot open or save it.
    other = app.test_client()
    from tests.web.conftest import create_user

    login(other, create_user(app, "teacher"))
    assert other.get(url).status_code == 404
    assert post(other, url, edit_form(quiz, title="Mine now")).status_code == 404
    assert quiz_state(app, quiz.quiz_id) == before


def test_a_new_version_uses_the_newest_question_versions(
    app: Flask, teacher: UserInfo, teacher_client: FlaskClient, student: UserInfo
) -> None:
    """The quiz side of question versions: an assigned quiz froze its questions; an edit
    made question version 2; the quiz editor lists version 2, and so quiz version 2 uses it
    while quiz version 1 keeps question version 1."""
    from learn.quizzes import questions

    quiz = make_assigned_quiz(app, teacher.id, [student.id])
    student_client = app.test_client()
    login(student_client, student)
    start(student_client, quiz.assignment_id)
    with app.app_context():
        old = db.session.get(Question, quiz.data.mcq_id)
        assert old is not None
        newer = questions.update_question(
            old,
            {
                "prompt_ar": "مع أي بلد وقعت روسيا؟",
                "answer": "إيران",
                "choices": ["إيران", "تركيا", "الهند"],
            },
        )
        newer_id = newer.id
    form = teacher_client.get(f"/quizzes/{quiz.quiz_id}/edit").get_data(as_text=True)
    assert ticked(form)[0] == str(newer_id) and "مع أي بلد وقعت روسيا؟" in form
    fields = edit_form(
        quiz, question_id=[str(newer_id), str(quiz.data.tf_id), str(quiz.data.short_id)]
    )
    saved = post(teacher_client, f"/quizzes/{quiz.quiz_id}/edit", fields)
    new_id = int(saved.location.rsplit("/", 1)[1])
    assert quiz_state(app, new_id)[1:3] == ([newer_id, quiz.data.tf_id, quiz.data.short_id], 2)
    assert quiz_state(app, quiz.quiz_id)[1][0] == quiz.data.mcq_id


def test_two_editors_cannot_both_make_version_2(
    app: Flask, teacher: UserInfo, student: UserInfo
) -> None:
    from learn.models import User
    from learn.quizzes import service
    from learn.quizzes.errors import Conflict

    quiz = make_assigned_quiz(app, teacher.id, [student.id])
    student_client = app.test_client()
    login(student_client, student)
    start(student_client, quiz.assignment_id)
    with app.app_context():
        owner = db.session.get(User, teacher.id)
        quiz_row = db.session.get(Quiz, quiz.quiz_id)
        assert owner is not None and quiz_row is not None
        service.edit_quiz(owner, quiz_row, edit_form_data(quiz, "First"))
        # A second editor's copy, read before the first saved: it still looks current.
        set_committed_value(quiz_row, "replaced_by_id", None)
        try:
            service.edit_quiz(owner, quiz_row, edit_form_data(quiz, "Second"))
        except Conflict as error:
            assert "Someone else saved a new version" in error.message
        else:
            raise AssertionError("a second version 2 was saved")
    assert quiz_count(app) == 2


def edit_form_data(quiz: AssignedQuiz, title: str) -> dict[str, object]:
    return {
        "title": title,
        "question_ids": [quiz.data.tf_id],
        "feedback": "immediate",
    }


def counts(app: Flask) -> list[int]:
    with app.app_context():
        return [
            db.session.scalar(select(func.count()).select_from(model)) or 0
            for model in (Attempt, Answer, StudyReview, StudyCard, Quiz, Question)
        ]


def test_preview_shows_the_quiz_as_a_student_and_records_nothing(
    app: Flask, teacher: UserInfo, teacher_client: FlaskClient, student: UserInfo
) -> None:
    quiz = make_assigned_quiz(app, teacher.id, [student.id], shuffle_options=True)
    before = counts(app)
    page = teacher_client.get(f"/quizzes/{quiz.quiz_id}/preview").get_data(as_text=True)
    assert (
        "This is what your students see." in page and "nothing you answer here is recorded" in page
    )
    assert "one question at a time, with feedback after each" in page
    assert page.index("مع من وقعت روسيا المعاهدة؟") < page.index("كم مدة المعاهدة؟")
    seed = re.search(r'name="seed" value="(\d+)"', page)
    assert seed
    shown = re.findall(rf'name="response_{quiz.data.mcq_id}" value="([^"]+)"', page)
    assert sorted(shown) == sorted(["تركيا", "إيران", "الصين", "مصر"])
    checked = post(
        teacher_client,
        f"/quizzes/{quiz.quiz_id}/preview",
        {
            "seed": seed.group(1),
            f"response_{quiz.data.mcq_id}": "تركيا",
            f"response_{quiz.data.short_id}": "٢٠ عاماً",
        },
    )
    assert checked.status_code == 200
    html = checked.get_data(as_text=True)
    assert "Preview score: <strong>1 of 3</strong> correct (not recorded)." in html
    assert "Not quite." in html and "Correct!" in html and "Not answered." in html
    assert "وقعت روسيا و<mark>إيران</mark> معاهدة" in html
    # The options come back in the order they were shown, the answer still chosen.
    assert re.findall(rf'name="response_{quiz.data.mcq_id}" value="([^"]+)"', html) == shown
    assert 'value="تركيا" checked' in html
    assert counts(app) == before
    # An option that was never shown counts as unanswered, not as an error.
    odd = post(
        teacher_client,
        f"/quizzes/{quiz.quiz_id}/preview",
        {"seed": "x", f"response_{quiz.data.mcq_id}": "موسكو"},
    )
    assert "Preview score: <strong>0 of 3</strong>" in odd.get_data(as_text=True)
    assert counts(app) == before


def test_only_the_owner_previews(
    app: Flask,
    teacher: UserInfo,
    student: UserInfo,
    student_client: FlaskClient,
    make_user: Callable[..., UserInfo],
) -> None:
    quiz = make_assigned_quiz(app, teacher.id, [student.id])
    other = app.test_client()
    login(other, make_user("teacher"))
    assert other.get(f"/quizzes/{quiz.quiz_id}/preview").status_code == 404
    assert student_client.get(f"/quizzes/{quiz.quiz_id}/preview").status_code == 403
