"""The learner's own progress and reviews: /me/progress, /me/reviews/due, POST /me/reviews.

POST /me/reviews is idempotent by the client's `review_id` (a UUID): sending the same review
again (a retry after a timeout) returns the first result with 200 and changes nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import request
from flask.typing import ResponseReturnValue

from learn.api.core import (
    NOT_BLANK,
    ApiError,
    api_auth,
    api_user,
    bp,
    error_responses,
    iso,
    json_body,
    json_content,
    request_body,
    schema_ref,
    validation_error,
)
from learn.models import StudyCard
from learn.study import service, stats
from learn.study.service import StudyInputError

DUE_LIMIT_MAX = 500


def card_json(card: StudyCard) -> dict[str, Any]:
    return {
        "lemma": card.lemma,
        "gloss": card.gloss,
        "pos": card.pos,
        "status": card.status,
        "due": iso(card.due),
        "last_review": iso(card.last_review),
        "reviews": card.reps,
        "lapses": card.lapses,
        "article_id": card.article_id,
    }


REVIEW_BODY: dict[str, Any] = {
    "type": "object",
    "required": ["lemma", "rating", "review_id"],
    "properties": {
        "lemma": {
            **NOT_BLANK,
            "maxLength": 100,
            "x-message": "Give the word's lemma (at most 100 characters).",
            "description": "Vocalized Arabic lemma, as the article lists it.",
        },
        "rating": {
            "type": "integer",
            "minimum": 1,
            "maximum": 4,
            "description": "1 Again, 2 Hard, 3 Good, 4 Easy.",
        },
        "review_id": {
            "type": "string",
            "format": "uuid",
            "description": "Chosen by the client; a retry with the same id counts once.",
        },
    },
}


@bp.get("/me/progress")
@api_auth()
def my_progress() -> ResponseReturnValue:
    user = api_user()
    figures = stats.dashboard(user, datetime.now(UTC))
    return {
        "timezone": user.timezone,
        "today": figures.today.isoformat(),
        "desired_retention": user.desired_retention,
        "new_per_day": service.settings_for(user.id).new_per_day,
        "counts": figures.counts,
        "streak": figures.streak,
        "true_retention": {
            "passed": figures.retention.passed,
            "total": figures.retention.total,
            "ratio": figures.retention.ratio,
            "days": stats.RETENTION_DAYS,
        },
        "forecast": [{"date": d.isoformat(), "due": n} for d, n in figures.forecast],
        "articles": [
            {"article_id": a.id, "title": a.title, "known_share": share}
            for a, share in figures.articles
        ],
    }


@bp.get("/me/reviews/due")
@api_auth()
def my_due_reviews() -> ResponseReturnValue:
    user = api_user()
    limit = _limit_param()
    cards = service.due_cards(user.id, datetime.now(UTC), limit=limit)
    return {"count": len(cards), "cards": [card_json(c) for c in cards]}


def _limit_param() -> int:
    raw = request.args.get("limit", "100")
    if not raw.isdigit() or not 1 <= int(raw) <= DUE_LIMIT_MAX:
        raise validation_error(
            "limit", f"“limit” must be a whole number from 1 to {DUE_LIMIT_MAX}."
        )
    return int(raw)


@bp.post("/me/reviews")
@api_auth()
def post_review() -> ResponseReturnValue:
    user = api_user()
    body = json_body(REVIEW_BODY)
    lemma, rating, review_id = body["lemma"], body["rating"], body["review_id"]
    try:
        outcome = service.submit_review(user, lemma, rating, review_id, source="api")
    except StudyInputError as error:
        raise ApiError(
            422, str(error), {error.field: str(error)} if error.field else None
        ) from None
    review = outcome.review
    result = {
        "review_id": review.review_uid,
        "duplicate": outcome.duplicate,
        "rating": review.rating,
        "reviewed_at": iso(review.reviewed_at),
        "next_due": iso(review.due_after),
        "card": card_json(outcome.card),
    }
    return result, 200 if outcome.duplicate else 201


OPENAPI_SCHEMAS: dict[str, Any] = {
    "StudyCard": {
        "type": "object",
        "required": ["lemma", "gloss", "pos", "status", "due", "reviews", "lapses"],
        "properties": {
            "lemma": {"type": "string", "description": "Vocalized Arabic lemma."},
            "gloss": {"type": "string"},
            "pos": {"type": "string"},
            "status": {"type": "string", "enum": ["new", "learning", "known", "ignored"]},
            "due": {"type": "string", "format": "date-time"},
            "last_review": {"type": ["string", "null"], "format": "date-time"},
            "reviews": {"type": "integer"},
            "lapses": {"type": "integer"},
            "article_id": {"type": ["integer", "null"]},
        },
    },
    "StudyProgress": {
        "type": "object",
        "required": ["timezone", "today", "counts", "streak", "true_retention", "forecast"],
        "properties": {
            "timezone": {"type": "string"},
            "today": {"type": "string", "format": "date", "description": "In the learner's zone."},
            "desired_retention": {"type": "number"},
            "new_per_day": {"type": "integer"},
            "counts": {
                "type": "object",
                "description": "Cards per status, and `due`: due by the end of today.",
                "additionalProperties": {"type": "integer"},
            },
            "streak": {"type": "integer", "description": "Consecutive local days with reviews."},
            "true_retention": {
                "type": "object",
                "properties": {
                    "passed": {"type": "integer"},
                    "total": {"type": "integer"},
                    "ratio": {"type": ["number", "null"]},
                    "days": {"type": "integer"},
                },
            },
            "forecast": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "date": {"type": "string", "format": "date"},
                        "due": {"type": "integer"},
                    },
                },
            },
            "articles": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "article_id": {"type": "integer"},
                        "title": {"type": "string"},
                        "known_share": {"type": ["number", "null"]},
                    },
                },
            },
        },
    },
    "ReviewInput": REVIEW_BODY,
    "ReviewResult": {
        "type": "object",
        "required": ["review_id", "duplicate", "rating", "reviewed_at", "next_due", "card"],
        "properties": {
            "review_id": {"type": "string", "format": "uuid"},
            "duplicate": {"type": "boolean"},
            "rating": {"type": "integer"},
            "reviewed_at": {"type": "string", "format": "date-time"},
            "next_due": {"type": "string", "format": "date-time"},
            "card": schema_ref("StudyCard"),
        },
    },
}

OPENAPI_PATHS: dict[str, Any] = {
    "/me/progress": {
        "get": {
            "operationId": "getMyProgress",
            "summary": "The learner's study progress (counts, streak, retention, forecast)",
            "tags": ["study"],
            "responses": {
                "200": {
                    "description": "Progress figures.",
                    **json_content(schema_ref("StudyProgress")),
                },
                **error_responses(401),
            },
        }
    },
    "/me/reviews/due": {
        "get": {
            "operationId": "listMyDueReviews",
            "summary": "The learner's cards due now, most overdue first",
            "tags": ["study"],
            "parameters": [
                {
                    "name": "limit",
                    "in": "query",
                    "required": False,
                    "schema": {
                        "type": "integer",
                        "minimum": 1,
                        "maximum": DUE_LIMIT_MAX,
                        "default": 100,
                    },
                }
            ],
            "responses": {
                "200": {
                    "description": "Due cards.",
                    **json_content(
                        {
                            "type": "object",
                            "required": ["count", "cards"],
                            "properties": {
                                "count": {"type": "integer"},
                                "cards": {"type": "array", "items": schema_ref("StudyCard")},
                            },
                        }
                    ),
                },
                **error_responses(401, 422),
            },
        }
    },
    "/me/reviews": {
        "post": {
            "operationId": "createMyReview",
            "summary": "Rate a word (idempotent by review_id); returns the card's next due time",
            "tags": ["study"],
            "requestBody": request_body(schema_ref("ReviewInput")),
            "responses": {
                "201": {"description": "Recorded.", **json_content(schema_ref("ReviewResult"))},
                "200": {
                    "description": "This review_id was recorded before; nothing changed.",
                    **json_content(schema_ref("ReviewResult")),
                },
                **error_responses(400, 401, 422),
            },
        }
    },
}
