"""Schemathesis, an outside fuzzer, tests the API against its own OpenAPI document.

For every operation of the document it generates requests (valid ones, and invalid ones that
the document says must be refused), sends each with a teacher's and with a student's token
through the WSGI app, and runs every check it has on each answer: no 5xx, the status is
documented, the body conforms to the documented schema, the Content-Type and headers are the
documented ones, data the document allows is not refused with 400/422, data it forbids is
refused, a token is not ignored. A new endpoint that answers what its document does not say
fails here.

Ids in paths and bodies are drawn now and then from rows that exist (a teacher's class, an
article, an assigned quiz, a started attempt), so that answers other than 404 are checked
too. The document's id ranges make the fuzzer try ids at and past the INTEGER bounds, 2**63
among them.
"""

from __future__ import annotations

import tempfile
from typing import Any

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis import Case
from schemathesis.specs.openapi.checks import positive_data_acceptance

from learn import create_app
from learn.extensions import is_row_id
from tests.conftest import _test_config
from tests.quiz_fixtures import make_assigned_quiz
from tests.web.conftest import auth_header, create_user, issue_api_token

# Bounded so that the file stays within a few minutes on a loaded 2-core machine: each
# operation runs on SQLite and on PostgreSQL, each example with both tokens.
MAX_EXAMPLES = 50


# The document as the app serves it. Loaded at collection: schemathesis' lazy fixture loader
# does not run under pytest 9, while its parametrize over a loaded schema does.
def _served_document() -> dict[str, Any]:
    """openapi.json as an app serves it (spectree finds its routes in the app's URL map)."""
    app = create_app(_test_config("sqlite://"), instance_path=tempfile.mkdtemp())
    return app.test_client().get("/api/v1/openapi.json").get_json()


schema = schemathesis.openapi.from_dict(_served_document())
schema.config.generation.update(
    # A NUL or a lone surrogate anywhere in a body is a 400 (documented on every operation
    # with a body) that JSON Schema cannot express; tests/security/test_fuzz.py sends them.
    allow_x00=False,
    codec="utf-8",
    # Query parameters the document does not name are ignored, as HTTP APIs commonly do;
    # OpenAPI has no way to say so, so do not send them as "invalid" requests.
    allow_extra_parameters=False,
)

# Refusals that depend on stored data, which no schema can state: a valid request may meet
# them, and then the 422 must name one of these fields (anything else is a missing
# constraint in the document).
SEMANTIC_422 = {
    ("POST", "/quizzes"): {"question_ids"},  # not approved questions of that article
    ("POST", "/quizzes/{quiz_id}/assignments"): {"due_at"},  # in the past
    ("POST", "/articles"): {"text"},  # too many bytes of UTF-8
    ("POST", "/me/reviews"): {"lemma"},  # not in any article's vocabulary
    ("PUT", "/attempts/{attempt_id}/answers/{question_id}"): {"response"},  # not an option
}

# Ids of the rows the current test created; the hooks below draw from them.
EXISTING_IDS: list[int] = []


@pytest.fixture
def tokens(app: Flask) -> tuple[str, str]:
    """A teacher with a class, an assigned quiz (three approved questions) and an enrolled
    student; their tokens."""
    app.config["RATELIMIT_ENABLED"] = False
    app.extensions["sahifa_limiter"].enabled = False
    teacher = create_user(app, "teacher")
    student = create_user(app, "student")
    quiz = make_assigned_quiz(app, teacher.id, [student.id], feedback="end", max_attempts=3)
    data = quiz.data
    EXISTING_IDS[:] = sorted(
        {teacher.id, student.id, quiz.quiz_id, quiz.assignment_id, quiz.class_id}
        | {data.article_id, data.mcq_id, data.tf_id, data.short_id}
    )
    return issue_api_token(app, teacher), issue_api_token(app, student)


def _existing_or(value: Any) -> st.SearchStrategy[Any]:
    """An id the fuzzer chose, or one of a row that exists (other values stay as they are,
    so an invalid request stays invalid)."""
    if is_row_id(value) and EXISTING_IDS:
        return st.sampled_from([value, *EXISTING_IDS])
    return st.just(value)


@schema.hook
def flatmap_path_parameters(context: Any, path_parameters: dict[str, Any] | None) -> Any:
    if not path_parameters:
        return st.just(path_parameters)
    return st.fixed_dictionaries({k: _existing_or(v) for k, v in path_parameters.items()})


@schema.hook
def flatmap_body(context: Any, body: Any) -> Any:
    if not isinstance(body, dict):
        return st.just(body)
    return st.fixed_dictionaries(
        {k: _existing_or(v) if k.endswith("_id") else st.just(v) for k, v in body.items()}
    )


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_answers_as_documented(case: Case, app: Flask, tokens: tuple[str, str]) -> None:
    # Probes that checks send of their own (the same request without a token) go through
    # the schema's transport: point it at this test's app.
    case.operation.schema.app = app
    semantic = SEMANTIC_422.get((case.method.upper(), case.path))
    for token in tokens:
        # Compression is tested elsewhere; the WSGI transport would not undo it.
        headers = {**auth_header(token), "Accept-Encoding": "identity"}
        if semantic is None:
            case.call_and_validate(app=app, headers=headers)
            continue
        response = case.call_and_validate(
            app=app, headers=headers, excluded_checks=[positive_data_acceptance]
        )
        check_semantic_refusal(case, response, semantic)


def check_semantic_refusal(case: Case, response: Any, fields: set[str]) -> None:
    """positive_data_acceptance, but a 422 naming only data-dependent fields is allowed."""
    if case.meta is None or not case.meta.generation.mode.is_positive:
        return
    if response.status_code == 400:
        pytest.fail(f"valid data refused with 400: {response.text}")
    if response.status_code == 422:
        named = set(response.json()["error"].get("fields", {}))
        assert named and named <= fields, f"valid data refused: {response.text}"


# Ids past every integer type a database has: 2**63 overflows PostgreSQL's BIGINT and
# SQLite's INTEGER, 2**64 any 64-bit integer. Each must be a documented 4xx, not a 500.
HUGE_IDS = (2**31, 2**63, 2**64)
BODY_IDS = {
    ("POST", "/quizzes"): lambda n: {"article_id": n, "title": "Quiz", "question_ids": [n]},
    ("POST", "/quizzes/{quiz_id}/assignments"): lambda n: {"class_id": n},
    ("POST", "/quizzes/{quiz_id}/attempts"): lambda n: {"assignment_id": n},
}


def _operations_with_ids() -> list[Any]:
    found = []
    for result in schema.get_all_operations():
        operation = result.ok()
        path_ids = [p.name for p in operation.path_parameters]
        if path_ids or (operation.method.upper(), operation.path) in BODY_IDS:
            found.append(pytest.param(operation, id=operation.label))
    return found


@pytest.mark.parametrize("operation", _operations_with_ids())
def test_huge_ids_answer_a_documented_4xx(
    operation: Any, app: Flask, tokens: tuple[str, str]
) -> None:
    operation.schema.app = app
    make_body = BODY_IDS.get((operation.method.upper(), operation.path))
    for huge in HUGE_IDS:
        for token in tokens:
            path_parameters = {p.name: EXISTING_IDS[0] for p in operation.path_parameters}
            cases = (
                [{"body": make_body(huge), "path_parameters": path_parameters}] if make_body else []
            )
            if path_parameters:
                body = make_body(EXISTING_IDS[0]) if make_body else _some_body(operation)
                cases.append(
                    {"body": body, "path_parameters": dict.fromkeys(path_parameters, huge)}
                )
            for parts in cases:
                case = operation.Case(media_type="application/json", **parts)
                headers = {**auth_header(token), "Accept-Encoding": "identity"}
                response = case.call_and_validate(app=app, headers=headers)
                assert 400 <= response.status_code < 500, (huge, parts, response.text)


def _some_body(operation: Any) -> Any:
    """A body the operation's schema accepts (its own example), or none."""
    body = operation.body[0].definition if operation.body else None
    if body is None:
        return None
    example = {"response": "إيران", "name": "Arabic 2", "code": "K7P2QX9M"}
    properties = body.get("schema", {}).get("properties", {})
    return {k: v for k, v in example.items() if k in properties}
