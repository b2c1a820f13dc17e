"""The one error handler (learn/web/errors.py): the same refusal answered as the site's
error page to a browser and as the API's JSON to the API (or to `Accept: application/json`),
with the same status, message, field errors and headers."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient

from learn.accounts.throttle import TooManyAttempts
from learn.articles.service import DuplicateArticleError
from learn.errors import AppError
from learn.extensions import db
from learn.models import Article, User
from learn.quizzes import attempts
from learn.quizzes.errors import InvalidInput
from tests.quiz_fixtures import make_article, make_assigned_quiz
from tests.web.conftest import UserInfo, auth_header, issue_api_token, login

JSON = {"Accept": "application/json"}


def test_a_service_404_is_the_error_page_in_a_browser_and_json_in_the_api(
    app: Flask, teacher: UserInfo, make_user
) -> None:
    owner, other = make_user("student"), make_user("student")
    quiz = make_assigned_quiz(app, teacher.id, [owner.id, other.id])
    with app.app_context():
        student = db.session.get(User, owner.id)
        assignment = attempts.get_student_assignment(student, quiz.assignment_id)
        attempt_id = attempts.start_or_resume(student, assignment, datetime.now(UTC))[0].id
    browser = app.test_client()
    login(browser, other)

    # The student's page: get_student_attempt raises NotFound, no view catches it.
    page = browser.get(f"/quizzes/attempts/{attempt_id}")
    assert page.status_code == 404
    assert page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert "<h1>Page not found</h1>" in html
    assert "<p>No such attempt.</p>" in html
    assert "Error 404" in html
    assert 'href="/"' in html  # the site's navigation: not a dead end

    # The same rule behind the API's route: the same error, in the API's shape.
    token = issue_api_token(app, other)
    api = app.test_client().get(f"/api/v1/attempts/{attempt_id}", headers=auth_header(token))
    assert api.status_code == 404
    assert api.json == {"error": {"status": 404, "message": "No such attempt."}}

    # A page asked for JSON first answers JSON too.
    asked = browser.get(f"/quizzes/attempts/{attempt_id}", headers=JSON)
    assert asked.status_code == 404
    assert asked.json == {"error": {"status": 404, "message": "No such attempt."}}


@pytest.fixture
def refusing(app: Flask, teacher: UserInfo) -> FlaskClient:
    """A page that raises the refusal its URL names, as a service would; before the app's
    first request, when routes can still be added."""
    article = make_article(app)

    def refusals() -> dict[str, AppError]:
        existing = db.session.get(Article, article.article_id)
        assert existing is not None
        return {
            "fields": InvalidInput(
                "The quiz cannot be saved.",
                {
                    "title": "Give the quiz a title.",
                    "question_ids": "Choose at least one approved question.",
                },
            ),
            "throttled": TooManyAttempts(90),
            "duplicate": DuplicateArticleError(existing),
        }

    def refuse(kind: str) -> str:
        raise refusals()[kind]

    app.add_url_rule("/test-refusals/<kind>", "test_refusal", refuse)
    client = app.test_client()
    login(client, teacher)
    client.article_id = article.article_id  # type: ignore[attr-defined]
    return client


def test_field_errors_are_listed_on_the_page_and_sent_as_fields_in_json(
    refusing: FlaskClient,
) -> None:
    page = refusing.get("/test-refusals/fields")
    assert page.status_code == 422
    html = page.get_data(as_text=True)
    assert "<h1>Please check what you sent</h1>" in html
    assert "<p>The quiz cannot be saved.</p>" in html
    assert "<li>Give the quiz a title.</li>" in html
    assert "<li>Choose at least one approved question.</li>" in html

    answer = refusing.get("/test-refusals/fields", headers=JSON)
    assert answer.status_code == 422
    assert answer.json == {
        "error": {
            "status": 422,
            "message": "The quiz cannot be saved.",
            "fields": {
                "title": "Give the quiz a title.",
                "question_ids": "Choose at least one approved question.",
            },
        }
    }


def test_a_refusals_headers_go_with_both_answers(refusing: FlaskClient) -> None:
    page = refusing.get("/test-refusals/throttled")
    assert page.status_code == 429
    assert page.headers["Retry-After"] == "90"
    html = page.get_data(as_text=True)
    assert "<h1>Too many attempts</h1>" in html
    assert "Too many failed sign-ins. Please wait 2 minutes." in html

    answer = refusing.get("/test-refusals/throttled", headers=JSON)
    assert answer.status_code == 429
    assert answer.headers["Retry-After"] == "90"
    assert answer.json == {
        "error": {"status": 429, "message": "Too many failed sign-ins. Please wait 2 minutes."}
    }


def test_a_duplicate_links_to_the_first_copy_page_or_api_resource(refusing: FlaskClient) -> None:
    article_id = refusing.article_id  # type: ignore[attr-defined]
    page = refusing.get("/test-refusals/duplicate")
    assert page.status_code == 409
    html = page.get_data(as_text=True)
    assert "<h1>Not possible now</h1>" in html
    assert f"This text has already been imported as article {article_id}" in html
    assert f'<a href="/articles/{article_id}">Open the article</a>' in html
    assert "Location" not in page.headers  # a 409 page is not a redirect

    answer = refusing.get("/test-refusals/duplicate", headers=JSON)
    assert answer.status_code == 409
    assert answer.headers["Location"] == f"/api/v1/articles/{article_id}"
    message = answer.json["error"]["message"]
    assert message.startswith(f"This text has already been imported as article {article_id}")
    assert answer.json["error"]["fields"] == {"text": message}


def test_http_errors_take_the_same_two_forms(teacher_client: FlaskClient) -> None:
    page = teacher_client.get("/no-such-page")
    assert page.status_code == 404
    assert "<h1>Page not found</h1>" in page.get_data(as_text=True)
    answer = teacher_client.get("/no-such-page", headers=JSON)
    assert answer.status_code == 404
    assert answer.json["error"]["status"] == 404

    wrong_method = teacher_client.delete("/classes", headers=JSON)
    assert wrong_method.status_code == 405
    assert wrong_method.json["error"]["status"] == 405
    assert set(wrong_method.headers["Allow"].split(", ")) >= {"GET", "POST"}
