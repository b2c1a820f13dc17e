"""The one error type for a refused request: what went wrong, said for the person who asked.

Services raise a subclass of `AppError` (`QuizError`, `ClassError`, `StudyInputError`,
`ArticleInputError`, `AccountError`, `TooManyAttempts`, …) and carry on knowing nothing of
HTTP beyond a status number. One handler (learn/web/errors.py) answers every one of them:
JSON in the API's error shape for API requests, the site's error page otherwise. A view
catches one only to show it beside the form field it is about, with the user's input.

Pure Python: no Flask, so the domain modules that raise these stay importable anywhere.
"""

from __future__ import annotations

from collections.abc import Mapping


class AppError(Exception):
    """A refusal: `status` (an HTTP status), `message` (one sentence for the person),
    `fields` (form or JSON field → what is wrong with it), `headers` for the answer
    (`Retry-After`), and `points_to`, the stored thing the refusal names as (kind, id),
    e.g. ("article", 3) for a duplicate's first copy; the handler turns it into a link
    (the API's `Location` header). Nothing was changed when one is raised."""

    status: int = 400

    def __init__(
        self,
        message: str,
        fields: Mapping[str, str] | None = None,
        *,
        status: int | None = None,
        headers: Mapping[str, str] | None = None,
        points_to: tuple[str, int] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status
        self.fields = dict(fields or {})
        self.headers = dict(headers or {})
        self.points_to = points_to

    def __str__(self) -> str:
        return self.message


class FieldError(AppError):
    """Bad input in one field (422): `field` names it, and it is the refusal's only field."""

    status = 422

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message, {field: message} if field else None)
        self.field = field
