"""The quiz pages' blueprint, in a module of its own: `routes`, `review_views` and
`take_views` all register on it, and none of them needs to import another for it."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Blueprint

bp = Blueprint("quizzes", __name__, url_prefix="/quizzes")


def now() -> datetime:
    return datetime.now(UTC)
