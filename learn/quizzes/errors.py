"""Errors the quiz services raise; pages and the JSON API turn them into responses.

Each carries an HTTP status and a message written for the person who made the request.
"""

from __future__ import annotations


class QuizError(Exception):
    status = 400
    code = "bad_request"

    def __init__(self, message: str, errors: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        # Field name → what is wrong with it, for forms that show errors next to fields.
        self.errors = errors or {}


class InvalidInput(QuizError):
    status = 422
    code = "invalid_input"


class NotFound(QuizError):
    """Also raised for things that exist but belong to someone else: no existence leak."""

    status = 404
    code = "not_found"


class Conflict(QuizError):
    """The request is well formed but the current state refuses it (closed, already answered)."""

    status = 409
    code = "conflict"
