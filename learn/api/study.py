"""The learner's own progress and reviews: /me/progress, /me/reviews/due, POST /me/reviews.

POST /me/reviews is idempotent by the client's `review_id` (a UUID): sending the same review
again (a retry after a timeout) returns the first result with 200 and changes nothing.

Shapes declared once with pydantic and spectree (learn/api/shapes.py).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Literal

from flask import request
from flask.typing import ResponseReturnValue
from pydantic import ConfigDict, Field

from learn.api.core import api_auth, api_user, bp, not_space_class
from learn.api.shapes import WHOLE, Response, Shape, UtcDateTime, api_spec, declared_body
from learn.models import StudyCard
from learn.study import service, stats

DUE_LIMIT_MAX = 500
UUID_PATTERN = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
Fraction = Annotated[float, Field(ge=0, le=1)]

# --- shapes -------------------------------------------------------------------------------


class Card(Shape):
    lemma: Annotated[str, Field(description="Vocalized Arabic lemma.")]
    gloss: str
    pos: str
    status: Literal["new", "learning", "known", "ignored"]
    due: UtcDateTime
    last_review: UtcDateTime | None
    reviews: int
    lapses: int
    article_id: int | None

    @classmethod
    def of(cls, card: StudyCard) -> Card:
        return cls.model_validate(
            {
                **{name: getattr(card, name) for name in cls.model_fields if name != "reviews"},
                "reviews": card.reps,
            }
        )


class DueCards(Shape):
    count: int
    cards: list[Card]


class DueQuery(Shape):
    # A query string holds text: "25" is the number 25 here.
    model_config = ConfigDict(**Shape.model_config | {"strict": False})

    limit: Annotated[
        int,
        Field(
            ge=1,
            le=DUE_LIMIT_MAX,
            json_schema_extra={
                "x-message": f"“limit” must be a whole number from 1 to {DUE_LIMIT_MAX}."
            },
        ),
    ] = 100


class Retention(Shape):
    passed: int
    total: int
    ratio: Fraction | None
    days: int


class DueOnDay(Shape):
    date: date
    due: int


class ArticleShare(Shape):
    article_id: int
    title: str
    known_share: Fraction | None


class StudyProgress(Shape):
    timezone: str
    today: Annotated[date, Field(description="In the learner's zone.")]
    desired_retention: float
    new_per_day: int
    counts: Annotated[
        dict[str, int], Field(description="Cards per status, and `due`: due by the end of today.")
    ]
    streak: Annotated[int, Field(description="Consecutive local days with reviews.")]
    true_retention: Retention
    forecast: list[DueOnDay]
    articles: list[ArticleShare]


class ReviewInput(Shape):
    lemma: Annotated[
        str,
        Field(
            max_length=100,
            pattern=not_space_class(),
            description="Vocalized Arabic lemma, as the article lists it.",
            json_schema_extra={"x-message": "Give the word's lemma (at most 100 characters)."},
        ),
    ]
    rating: Annotated[int, Field(ge=1, le=4, description="1 Again, 2 Hard, 3 Good, 4 Easy."), WHOLE]
    review_id: Annotated[
        str,
        Field(
            pattern=UUID_PATTERN,
            description="Chosen by the client; a retry with the same id counts once.",
            json_schema_extra={"format": "uuid", "x-message": "The review id must be a UUID."},
        ),
    ]


class ReviewResult(Shape):
    review_id: Annotated[str, Field(json_schema_extra={"format": "uuid"})]
    duplicate: bool
    rating: int
    reviewed_at: UtcDateTime
    next_due: UtcDateTime
    card: Card


# --- routes -------------------------------------------------------------------------------


@bp.get("/me/progress")
@api_auth()
@api_spec.validate(
    resp=Response(HTTP_200=StudyProgress), tags=["study"], operation_id="getMyProgress"
)
def my_progress() -> ResponseReturnValue:
    """The learner's study progress (counts, streak, retention, forecast)"""
    user = api_user()
    figures = stats.dashboard(user, datetime.now(UTC))
    retention = figures.retention
    return StudyProgress(  # type: ignore[return-value]
        timezone=user.timezone,
        today=figures.today,
        desired_retention=user.desired_retention,
        new_per_day=service.settings_for(user.id).new_per_day,
        counts=figures.counts,
        streak=figures.streak,
        true_retention=Retention(
            passed=retention.passed,
            total=retention.total,
            ratio=retention.ratio,
            days=stats.RETENTION_DAYS,
        ),
        forecast=[DueOnDay(date=day, due=n) for day, n in figures.forecast],
        articles=[
            ArticleShare(article_id=a.id, title=a.title, known_share=share)
            for a, share in figures.articles
        ],
    )


@bp.get("/me/reviews/due")
@api_auth()
@api_spec.validate(
    query=DueQuery,
    resp=Response(HTTP_200=(DueCards, "Due cards.")),
    tags=["study"],
    operation_id="listMyDueReviews",
)
def my_due_reviews() -> ResponseReturnValue:
    """The learner's cards due now, most overdue first"""
    limit = request.context.query.limit  # type: ignore[attr-defined]
    cards = service.due_cards(api_user().id, datetime.now(UTC), limit=limit)
    return DueCards(count=len(cards), cards=[Card.of(c) for c in cards])  # type: ignore[return-value]


@bp.post("/me/reviews")
@api_auth()
@api_spec.validate(
    json=ReviewInput,
    resp=Response(
        HTTP_201=(ReviewResult, "Recorded."),
        HTTP_200=(ReviewResult, "This review_id was recorded before; nothing changed."),
    ),
    tags=["study"],
    operation_id="createMyReview",
)
def post_review() -> ResponseReturnValue:
    """Rate a word (idempotent by review_id); returns the card's next due time"""
    body: ReviewInput = declared_body()
    outcome = service.submit_review(
        api_user(), body.lemma, body.rating, body.review_id, source="api"
    )
    review = outcome.review
    result = ReviewResult(
        review_id=review.review_uid,
        duplicate=outcome.duplicate,
        rating=review.rating,
        reviewed_at=review.reviewed_at,
        next_due=review.due_after,
        card=Card.of(outcome.card),
    )
    return result, 200 if outcome.duplicate else 201  # type: ignore[return-value]
