"""The class page lists the class's quizzes (teacher and student), and a student's result
page offers the next step: review the words, try again while attempts remain, go back."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime

from flask import Flask
from flask.testing import FlaskClient

from tests.quiz_fixtures import make_assigned_quiz, set_due
from tests.web.conftest import UserInfo, login
from tests.web.test_quiz_student import post, start


def finish_attempt(client: FlaskClient, assignment_id: int, mcq_answer: str) -> str:
    """Start an attempt, answer its multiple-choice question, submit; the result page's URL."""
    started = start(client, assignment_id).location.split("?")[0]
    html = client.get(started).get_data(as_text=True)
    question_id = re.search(r'name="question_id" value="(\d+)"', html)
    assert question_id
    post(client, started + "/answer", {"question_id": question_id.group(1), "response": mcq_answer})
    post(client, started + "/submit")
    return started


def test_teacher_class_page_lists_assigned_quizzes_with_due_dates(
    app: Flask, teacher: UserInfo, teacher_client: FlaskClient, make_user: Callable[..., UserInfo]
) -> None:
    students = [make_user("student"), make_user("student")]
    quiz = make_assigned_quiz(app, teacher.id, [s.id for s in students], max_attempts=3)
    set_due(app, quiz.assignment_id, datetime(2099, 5, 4, 9, 30, tzinfo=UTC))
    client = app.test_client()
    login(client, students[0])
    finish_attempt(client, quiz.assignment_id, "إيران")
    html = teacher_client.get(f"/classes/{quiz.class_id}").get_data(as_text=True)
    section = html[html.index('id="quizzes-heading"') : html.index('id="students-heading"')]
    assert "Quizzes (1)" in section
    assert f'<a href="/quizzes/{quiz.quiz_id}">Treaty quiz</a>' in section
    assert '<td data-label="Due">Mon 4 May 2099, 09:30 (UTC)</td>' in section
    assert '<td data-label="Attempts allowed">3</td>' in section
    assert '<td data-label="Submitted">1 of 2 students</td>' in section
    assert f'href="/results/quizzes/{quiz.quiz_id}"' in section


def test_teacher_class_page_without_quizzes_says_how_to_assign(
    teacher_client: FlaskClient,
) -> None:
    from tests.web.test_classes import create_class

    created = create_class(teacher_client, "Empty class")
    html = teacher_client.get(created.location).get_data(as_text=True)
    assert "Quizzes (0)" in html and "No quiz is assigned to this class yet." in html
    assert '<a href="/quizzes/">Assign a quiz</a>' in html


def test_student_class_page_lists_the_class_quizzes_only(
    app: Flask, teacher: UserInfo, student: UserInfo, student_client: FlaskClient
) -> None:
    here = make_assigned_quiz(app, teacher.id, [student.id], max_attempts=2)
    elsewhere = make_assigned_quiz(app, teacher.id, [student.id], article_title="مقال آخر")
    html = student_client.get(f"/classes/{here.class_id}").get_data(as_text=True)
    section = html[html.index('id="quizzes-heading"') :]
    assert f'action="/quizzes/assignments/{here.assignment_id}/start"' in section
    assert f"/quizzes/assignments/{elsewhere.assignment_id}/start" not in section
    assert "Not started" in section and "2 of 2" in section
    assert '<td data-label="Class">' not in section  # the page is the class


def test_result_page_offers_a_retry_while_attempts_remain(
    app: Flask, teacher: UserInfo, student: UserInfo, student_client: FlaskClient
) -> None:
    quiz = make_assigned_quiz(app, teacher.id, [student.id], max_attempts=2)
    first = finish_attempt(student_client, quiz.assignment_id, "تركيا")
    html = student_client.get(first).get_data(as_text=True)
    steps = html[
        html.index('id="next-heading"') : html.index("</section>", html.index("next-heading"))
    ]
    assert f'href="/articles/{quiz.data.article_id}">Review the words in the article</a>' in steps
    assert 'href="/study/session">Study my words</a>' in steps
    assert f'action="/quizzes/assignments/{quiz.assignment_id}/start"' in steps
    assert "Try again" in steps and "1 of 2 attempts left" in steps
    assert 'href="/quizzes/">Back to my quizzes</a>' in steps
    # Taking the offer starts attempt 2; its result page then offers no retry.
    second = finish_attempt(student_client, quiz.assignment_id, "إيران")
    assert second != first
    html = student_client.get(second).get_data(as_text=True)
    steps = html[html.index('id="next-heading"') :]
    assert "Try again" not in steps and "/start" not in steps
    assert "You have used all 2 attempts allowed for this quiz." in steps
    assert 'href="/quizzes/">Back to my quizzes</a>' in steps
    # The first attempt's page, opened again, knows too.
    assert "Try again" not in student_client.get(first).get_data(as_text=True)


def test_result_page_after_the_due_date_offers_no_retry(
    app: Flask, teacher: UserInfo, student: UserInfo, student_client: FlaskClient
) -> None:
    quiz = make_assigned_quiz(app, teacher.id, [student.id], max_attempts=3)
    url = finish_attempt(student_client, quiz.assignment_id, "إيران")
    set_due(app, quiz.assignment_id, datetime(2020, 1, 1, tzinfo=UTC))
    steps = student_client.get(url).get_data(as_text=True).split('id="next-heading"')[1]
    assert "Try again" not in steps
    assert "The due date has passed" in steps
