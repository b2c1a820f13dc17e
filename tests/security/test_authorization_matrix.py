"""Who may call what: every route in `app.url_map` × every method × five visitors.

Visitors: anonymous, the enrolled student, a student of another class, the teacher who owns
the class/article/quiz, and another teacher. Each (endpoint, method) runs against a fresh
world of real rows (an article with approved questions, a quiz assigned to the class with
one enrolled student, that student's attempt, a study card, API tokens), so every URL
parameter names a real object. The owner goes last, so an allowed destructive call (remove
a student, reset a password, sign out) cannot change what the others see.

Outcomes:
  ALLOW  — the view ran: not 401/403/404, not sent to sign in, no 500 (400/409/422 for
           the empty body are fine: access was granted and the input refused);
  LOGIN  — pages redirect to /signin, the API answers 401;
  DENY   — 403, or 404 for objects the visitor may not know exist.

A route missing from RULES fails `test_every_route_has_a_rule`: a new route must say who
may use it.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from learn import create_app
from tests.conftest import _empty_all_tables, _test_config
from tests.quiz_fixtures import make_assigned_quiz, make_class
from tests.web.conftest import auth_header, create_user, issue_api_token, login

ALLOW, LOGIN, DENY = "allow", "login", "deny"
ROLES = ("anonymous", "other_student", "other_teacher", "student", "teacher")

# Shorthands: what each role gets.
PUBLIC = dict.fromkeys(ROLES, ALLOW)
SIGNED_IN = {**PUBLIC, "anonymous": LOGIN}
TEACHERS = {"anonymous": LOGIN, "other_student": DENY, "student": DENY,
            "other_teacher": ALLOW, "teacher": ALLOW}  # fmt: skip
STUDENTS = {"anonymous": LOGIN, "other_student": ALLOW, "student": ALLOW,
            "other_teacher": DENY, "teacher": DENY}  # fmt: skip
OWNER = {"anonymous": LOGIN, "other_student": DENY, "student": DENY,
         "other_teacher": DENY, "teacher": ALLOW}  # fmt: skip
# The enrolled student's own attempt or assignment.
ENROLLED = {"anonymous": LOGIN, "other_student": DENY, "student": ALLOW,
            "other_teacher": DENY, "teacher": DENY}  # fmt: skip
# The class: its teacher and its students.
CLASS_MEMBERS = {**OWNER, "student": ALLOW}

# (endpoint, method) → outcome per role. GET rules also cover HEAD.
RULES: dict[tuple[str, str], dict[str, str]] = {
    ("static", "GET"): PUBLIC,
    ("core.home", "GET"): PUBLIC,
    ("core.healthz", "GET"): PUBLIC,
    # accounts
    # Once any account exists, setup is closed: everyone is sent to sign in.
    ("accounts.setup", "GET"): dict.fromkeys(ROLES, LOGIN),
    ("accounts.setup", "POST"): dict.fromkeys(ROLES, LOGIN),
    ("accounts.sign_in_page", "GET"): PUBLIC,
    ("accounts.sign_in_submit", "POST"): PUBLIC,
    ("accounts.sign_out_submit", "POST"): dict.fromkeys(ROLES, LOGIN),  # ends at sign-in
    ("accounts.sign_up", "GET"): PUBLIC,
    ("accounts.sign_up", "POST"): PUBLIC,
    ("accounts.change_password", "GET"): SIGNED_IN,
    ("accounts.change_password", "POST"): SIGNED_IN,
    ("accounts.api_tokens", "GET"): SIGNED_IN,
    ("accounts.create_api_token", "POST"): SIGNED_IN,
    # Anyone's revoke of a token not theirs does nothing (test_revoking_..._does_nothing).
    ("accounts.revoke_api_token", "POST"): SIGNED_IN,
    ("accounts.new_account", "GET"): TEACHERS,
    ("accounts.new_account", "POST"): TEACHERS,
    # classes
    ("classes.index", "GET"): SIGNED_IN,  # students see the classes they joined
    ("classes.create", "POST"): TEACHERS,
    ("classes.detail", "GET"): CLASS_MEMBERS,
    ("classes.new_code", "POST"): OWNER,
    ("classes.rename", "POST"): OWNER,
    ("classes.reset_student_password", "POST"): OWNER,
    ("classes.revoke_student_tokens", "POST"): OWNER,
    ("classes.remove_student", "POST"): OWNER,
    ("classes.join", "GET"): STUDENTS,
    ("classes.join", "POST"): STUDENTS,
    # articles
    ("articles.index", "GET"): SIGNED_IN,
    ("articles.read", "GET"): SIGNED_IN,
    ("articles.word", "GET"): SIGNED_IN,
    ("articles.word_status", "POST"): SIGNED_IN,  # the reader's own card
    ("articles.correct", "POST"): TEACHERS,
    ("articles.new", "GET"): TEACHERS,
    ("articles.new", "POST"): TEACHERS,
    ("articles.confirm", "POST"): TEACHERS,
    # quizzes: authoring
    ("quizzes.index", "GET"): SIGNED_IN,
    ("quizzes.detail", "GET"): OWNER,
    ("quizzes.assign", "POST"): OWNER,
    ("quizzes.edit", "GET"): OWNER,
    ("quizzes.edit", "POST"): OWNER,
    ("quizzes.preview_quiz", "GET"): OWNER,
    ("quizzes.preview_quiz", "POST"): OWNER,
    ("quizzes.build", "GET"): TEACHERS,
    ("quizzes.build", "POST"): TEACHERS,
    ("quizzes.review", "GET"): TEACHERS,
    ("quizzes.new_question", "GET"): TEACHERS,
    ("quizzes.new_question", "POST"): TEACHERS,
    ("quizzes.question_row", "GET"): TEACHERS,
    ("quizzes.save_question", "POST"): TEACHERS,
    ("quizzes.edit_question", "GET"): TEACHERS,
    ("quizzes.set_status", "POST"): TEACHERS,
    ("quizzes.set_statuses", "POST"): TEACHERS,
    ("quizzes.pick_answer", "POST"): TEACHERS,
    # quizzes: taking
    ("quizzes.start", "POST"): ENROLLED,
    ("quizzes.attempt", "GET"): ENROLLED,
    ("quizzes.answer", "POST"): ENROLLED,
    ("quizzes.save_all", "POST"): ENROLLED,
    ("quizzes.submit", "POST"): ENROLLED,
    # results
    ("results.index", "GET"): TEACHERS,
    ("results.attempt", "GET"): OWNER,  # students see theirs at quizzes.attempt
    ("results.gradebook", "GET"): OWNER,
    ("results.gradebook_csv", "GET"): OWNER,
    ("results.gradebook_xlsx", "GET"): OWNER,
    ("results.vocabulary", "GET"): OWNER,
    ("results.quiz", "GET"): OWNER,
    ("results.quiz_csv", "GET"): OWNER,
    ("results.quiz_xlsx", "GET"): OWNER,
    ("results.quiz_print", "GET"): OWNER,
    ("results.regrade", "POST"): OWNER,
    # study (every signed-in learner has their own cards)
    ("study.dashboard", "GET"): SIGNED_IN,
    ("study.export_apkg", "GET"): SIGNED_IN,
    ("study.export_csv", "GET"): SIGNED_IN,
    ("study.review", "POST"): SIGNED_IN,
    ("study.study_session", "GET"): SIGNED_IN,
    ("study.settings", "GET"): SIGNED_IN,
    ("study.settings", "POST"): SIGNED_IN,
    ("study.add_word", "POST"): SIGNED_IN,
    ("study.words", "GET"): SIGNED_IN,
    ("study.set_status", "POST"): ENROLLED,  # the student's own card
    # API
    ("api.openapi_json", "GET"): PUBLIC,
    ("api.api_docs", "GET"): PUBLIC,  # the document in a browser, from local assets
    ("api.create_token", "POST"): PUBLIC,  # credentials in the body
    ("api.list_tokens", "GET"): SIGNED_IN,
    ("api.delete_token", "DELETE"): OWNER,
    ("api.me", "GET"): SIGNED_IN,
    ("api.my_assignments", "GET"): STUDENTS,
    ("api.my_progress", "GET"): SIGNED_IN,
    ("api.post_review", "POST"): SIGNED_IN,
    ("api.my_due_reviews", "GET"): SIGNED_IN,
    ("api.list_articles", "GET"): SIGNED_IN,
    ("api.create_article", "POST"): TEACHERS,
    ("api.get_article", "GET"): SIGNED_IN,
    ("api.get_article_questions", "GET"): TEACHERS,
    ("api.get_article_vocab", "GET"): SIGNED_IN,
    ("api.list_classes", "GET"): SIGNED_IN,
    ("api.create_class", "POST"): TEACHERS,
    ("api.get_class", "GET"): CLASS_MEMBERS,
    ("api.rename_class", "PATCH"): OWNER,
    ("api.replace_code", "POST"): OWNER,
    ("api.remove_student", "DELETE"): OWNER,
    ("api.join_class", "POST"): STUDENTS,
    ("api.create_quiz", "POST"): TEACHERS,
    ("api.assign_quiz", "POST"): OWNER,
    ("api.start_attempt", "POST"): ENROLLED,
    ("api.quiz_results", "GET"): OWNER,
    ("api.get_attempt", "GET"): ENROLLED,  # teachers read results instead
    ("api.put_answer", "PUT"): ENROLLED,
    ("api.submit_attempt", "POST"): ENROLLED,
}


# Bodies for endpoints whose access check needs an object named in the body (an empty body
# would be refused as "no such class" before any access check). PARAM: from the world.
PARAM = object()
BODIES: dict[str, dict[str, object]] = {
    "api.assign_quiz": {"class_id": PARAM},
    "quizzes.assign": {"class_id": PARAM},
    "quizzes.answer": {"question_id": PARAM, "answer": "إيران"},
}


def route_methods(app: Flask) -> Iterator[tuple[str, str, str]]:
    for rule in app.url_map.iter_rules():
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            yield rule.endpoint, method, rule.rule


def _routes() -> list[tuple[str, str, str]]:
    # A throwaway instance folder: the app must not write into the checkout's instance/.
    with tempfile.TemporaryDirectory() as instance:
        app = create_app(
            {"SECRET_KEY": "x" * 32, "SQLALCHEMY_DATABASE_URI": "sqlite://"}, instance_path=instance
        )
        return sorted(route_methods(app))


ROUTES = _routes()


def test_every_route_has_a_rule() -> None:
    missing = [f"{method} {path} ({endpoint})" for endpoint, method, path in ROUTES
               if (endpoint, method) not in RULES]  # fmt: skip
    assert missing == [], "routes with no rule in the authorization matrix"
    stale = sorted(set(RULES) - {(e, m) for e, m, _ in ROUTES})
    assert stale == [], "rules for routes that no longer exist"


# --- the world ------------------------------------------------------------------------------


@dataclass
class World:
    app: Flask
    params: dict[str, object]
    clients: dict[str, FlaskClient] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)


@pytest.fixture
def world(database_url: str, tmp_path: Path) -> Iterator[World]:
    config = _test_config(database_url, WTF_CSRF_ENABLED=False, SAHIFA_RATE_LIMITS="off")
    app = create_app(config, instance_path=str(tmp_path / "instance"))
    try:
        yield build_world(app)
    finally:
        _empty_all_tables(app)


def build_world(app: Flask) -> World:
    from learn.extensions import db
    from learn.models import ArticleToken, Assignment, User
    from learn.models.study import StudyCard
    from learn.quizzes.attempts import start_or_resume

    users = {
        role: create_user(app, role.removeprefix("other_"), f"{role}.{id(app)}")
        for role in ROLES
        if role != "anonymous"
    }
    quiz = make_assigned_quiz(app, users["teacher"].id, [users["student"].id])
    make_class(app, users["other_teacher"].id, [users["other_student"].id], code="OTHERX")
    with app.app_context():
        student = db.session.get(User, users["student"].id)
        assignment = db.session.get(Assignment, quiz.assignment_id)
        assert student is not None and assignment is not None
        attempt, _ = start_or_resume(student, assignment, datetime.now(UTC))
        card = StudyCard(user_id=student.id, lemma="مُعاهَدَة", gloss="treaty", pos="noun")
        db.session.add(card)
        # The reading view's first word, as the analysis would store it ("موسكو (أ ف ب) - ...").
        db.session.add(
            ArticleToken(
                article_id=quiz.data.article_id,
                position=0,
                sentence=0,
                index=0,
                start=0,
                end=5,
                surface="موسكو",
                lemma="مُوسْكُو",
                pos="noun_prop",
                gloss="Moscow",
            )
        )
        db.session.commit()
        attempt_id, card_id = attempt.id, card.id
    world = World(
        app,
        params={
            "article_id": quiz.data.article_id,
            "position": 0,
            "class_id": quiz.class_id,
            "student_id": users["student"].id,
            "quiz_id": quiz.quiz_id,
            "assignment_id": quiz.assignment_id,
            "attempt_id": attempt_id,
            "question_id": quiz.data.mcq_id,
            "card_id": card_id,
            "filename": "css/app.css",
        },
    )
    world.clients["anonymous"] = app.test_client()
    for role, user in users.items():
        world.tokens[role] = issue_api_token(app, user)
        client = app.test_client()
        login(client, user)
        world.clients[role] = client
    # Token URLs name the owning teacher's own token.
    with app.app_context():
        from learn.models import ApiToken

        world.params["token_id"] = (
            db.session.query(ApiToken.id).filter_by(user_id=users["teacher"].id).scalar()
        )
    return world


# --- calling and judging ----------------------------------------------------------------------


def call(world: World, role: str, endpoint: str, method: str, path: str) -> tuple[int, str]:
    client = world.clients[role]
    headers = {}
    if path.startswith("/api/v1") and role != "anonymous":
        headers = auth_header(world.tokens[role])
        client = world.app.test_client()  # bearer only: no session cookie
    fields = BODIES.get(endpoint, {})
    values = {
        name: world.params[name] if value is PARAM else value for name, value in fields.items()
    }
    body = {"json": values} if path.startswith("/api/v1") and method != "GET" else {"data": values}
    response = client.open(path, method=method, headers=headers, **body)
    return response.status_code, response.headers.get("Location", "")


def outcome(status: int, location: str, api: bool) -> str:
    if status >= 500:
        return f"error {status}"
    if status == 401 and api:
        return LOGIN
    if status == 302 and "/signin" in location:
        return LOGIN
    if status in (403, 404):
        return DENY
    # A page's 401 is the sign-in form refusing the (empty) credentials: the view ran.
    return ALLOW


@pytest.mark.parametrize(
    ("endpoint", "method", "rule"), ROUTES, ids=[f"{m} {r}" for _, m, r in ROUTES]
)
def test_route_answers_each_visitor_as_the_matrix_says(
    world: World, endpoint: str, method: str, rule: str
) -> None:
    expected = RULES.get((endpoint, method))
    if expected is None:
        pytest.fail(f"no rule for {method} {rule} ({endpoint}): add one to RULES")
    with world.app.test_request_context():
        from flask import url_for

        values = {name: world.params[name] for name in _arguments(world.app, endpoint)}
        path = url_for(endpoint, **values)
    mismatches = {}
    for role in ROLES:  # the owner last: see the module docstring
        status, location = call(world, role, endpoint, method, path)
        got = outcome(status, location, path.startswith("/api/v1"))
        if got != expected[role]:
            mismatches[role] = f"{got} ({status} {location}), expected {expected[role]}"
    assert mismatches == {}, f"{method} {path}"


def _arguments(app: Flask, endpoint: str) -> set[str]:
    return next(r.arguments for r in app.url_map.iter_rules() if r.endpoint == endpoint)


def test_revoking_another_users_token_does_nothing(world: World) -> None:
    token_id = world.params["token_id"]  # the teacher's
    for role in ("other_teacher", "student"):
        world.clients[role].post(f"/account/tokens/{token_id}/revoke")
    me = world.app.test_client().get("/api/v1/me", headers=auth_header(world.tokens["teacher"]))
    assert me.status_code == 200
    world.clients["teacher"].post(f"/account/tokens/{token_id}/revoke")
    me = world.app.test_client().get("/api/v1/me", headers=auth_header(world.tokens["teacher"]))
    assert me.status_code == 401
