"""Errors the quiz services raise, each an `AppError` (learn/errors.py) with its status and a
message written for the person who made the request; the one handler (learn/web/errors.py)
answers them, pages catch them only to show them beside a form's fields.
"""

from __future__ import annotations

from learn.errors import AppError


class QuizError(AppError):
    status = 400

    def __init__(self, message: str, errors: dict[str, str] | None = None) -> None:
        # Field name → what is wrong with it, for forms that show errors next to fields.
        super().__init__(message, errors)

    @property
    def errors(self) -> dict[str, str]:
        """The field errors under the name the quiz forms' templates use."""
        return self.fields


class InvalidInput(QuizError):
    status = 422


class NotFound(QuizError):
    """Also raised for things that exist but belong to someone else: no existence leak."""

    status = 404


class Conflict(QuizError):
    """The request is well formed but the current state refuses it (closed, already answered)."""

    status = 409
