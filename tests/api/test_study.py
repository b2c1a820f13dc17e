"""Study API: /me/progress, /me/reviews/due, POST /me/reviews (idempotent by review_id)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient
from fsrs import Card, Rating, Scheduler
from sqlalchemy import func, select

from learn.extensions import db
from learn.models import StudyReview
from learn.study import service
from tests.study.conftest import store_article
from tests.web.conftest import auth_header


@pytest.fixture
def article(app: Flask) -> int:
    with app.app_context():
        return store_article(
            [{"lemma": "رَئِيس", "gloss": "president"}, {"lemma": "حُكُومَة", "gloss": "government"}]
        )


def parse(moment: str) -> datetime:
    return datetime.fromisoformat(moment.replace("Z", "+00:00"))


def reviews_of(app: Flask, user_id: int) -> int:
    with app.app_context():
        return db.session.scalar(
            select(func.count(StudyReview.id)).where(StudyReview.user_id == user_id)
        )


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/me/progress"),
        ("get", "/api/v1/me/reviews/due"),
        ("post", "/api/v1/me/reviews"),
    ],
)
def test_without_a_token_the_answer_is_401(client: FlaskClient, method: str, path: str) -> None:
    response = getattr(client, method)(path, json={})
    assert response.status_code == 401
    assert response.json["error"]["status"] == 401


def test_a_review_retried_with_the_same_id_counts_once(
    app: Flask, client: FlaskClient, student, api_token, article: int
) -> None:
    headers = auth_header(api_token(student))
    body = {"lemma": "رَئِيس", "rating": 3, "review_id": str(uuid.uuid4())}
    before = datetime.now(UTC)

    first = client.post("/api/v1/me/reviews", json=body, headers=headers)
    retry = client.post("/api/v1/me/reviews", json=body, headers=headers)

    assert first.status_code == 201 and retry.status_code == 200
    assert (first.json["duplicate"], retry.json["duplicate"]) == (False, True)
    assert retry.json["next_due"] == first.json["next_due"]
    assert reviews_of(app, student.id) == 1
    # Good on a new card: the first learning step of FSRS, computed by fsrs itself.
    reviewed_at = parse(first.json["reviewed_at"])
    assert reviewed_at >= before.replace(microsecond=0)
    expected, _ = Scheduler(enable_fuzzing=False).review_card(
        Card(card_id=1), Rating.Good, review_datetime=reviewed_at
    )
    assert parse(first.json["next_due"]) == expected.due
    assert first.json["card"]["status"] == "learning" and first.json["card"]["reviews"] == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (
            {"lemma": "رَئِيس", "rating": 0, "review_id": "0d7e6c1e-6f7b-4a59-9d36-1f0b1f5f9a01"},
            "rating",
        ),
        (
            {"lemma": "رَئِيس", "rating": "3", "review_id": "0d7e6c1e-6f7b-4a59-9d36-1f0b1f5f9a01"},
            "rating",
        ),
        ({"lemma": "رَئِيس", "rating": 3, "review_id": "nope"}, "review_id"),
        ({"lemma": "رَئِيس", "rating": 3}, "review_id"),
        (
            {"lemma": "غَيْر", "rating": 3, "review_id": "0d7e6c1e-6f7b-4a59-9d36-1f0b1f5f9a01"},
            "lemma",
        ),
    ],
)
def test_bad_reviews_are_422_naming_the_field(
    app: Flask, client: FlaskClient, student, api_token, article: int, body, field: str
) -> None:
    response = client.post("/api/v1/me/reviews", json=body, headers=auth_header(api_token(student)))
    assert response.status_code == 422
    assert field in response.json["error"]["fields"]
    assert reviews_of(app, student.id) == 0


def test_due_reviews_are_only_the_learners_own(
    app: Flask, client: FlaskClient, make_user, api_token, article: int
) -> None:
    alice, bob = make_user("student"), make_user("student")
    with app.app_context():
        service.add_word(alice.id, "رَئِيس", article)
        service.add_word(bob.id, "حُكُومَة", article)
    response = client.get("/api/v1/me/reviews/due", headers=auth_header(api_token(alice)))
    assert response.status_code == 200
    assert [c["lemma"] for c in response.json["cards"]] == ["رَئِيس"]
    assert response.json["count"] == 1
    bad = client.get("/api/v1/me/reviews/due?limit=0", headers=auth_header(api_token(alice)))
    assert bad.status_code == 422


def test_progress_reports_counts_and_known_share(
    app: Flask, client: FlaskClient, student, api_token, article: int
) -> None:
    with app.app_context():
        service.add_word(student.id, "رَئِيس", article)
        service.add_word(student.id, "حُكُومَة", article)
        service.set_status(service.find_card(student.id, "رَئِيس"), "known")
    response = client.get("/api/v1/me/progress", headers=auth_header(api_token(student)))
    assert response.status_code == 200
    data = response.json
    assert data["counts"]["known"] == 1 and data["counts"]["learning"] == 1
    assert data["counts"]["due"] == 1
    assert data["streak"] == 0 and data["true_retention"]["ratio"] is None
    assert len(data["forecast"]) == 7
    assert data["articles"] == [
        {"article_id": article, "title": data["articles"][0]["title"], "known_share": 0.5}
    ]


def test_openapi_describes_the_study_paths(client: FlaskClient) -> None:
    document = client.get("/api/v1/openapi.json").json
    assert "get" in document["paths"]["/me/progress"]
    assert "get" in document["paths"]["/me/reviews/due"]
    assert "post" in document["paths"]["/me/reviews"]
    assert "ReviewInput" in document["components"]["schemas"]
