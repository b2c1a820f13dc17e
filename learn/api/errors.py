"""The services' own errors, answered in the API's one error shape by one handler each on
the API blueprint, so no view needs a try/except to translate them:

- quiz and attempt errors (`QuizError`: 404, 409, 422 with their fields),
- class input (`ClassError`: 422 naming the field; `UnknownJoinCode`: 404),
- study input (`StudyInputError`: 422), article input (`ArticleInputError`: 422, and
  `DuplicateArticleError`: 409 with a Location header naming the stored article),
- too many wrong passwords (`TooManyAttempts`: 429 with Retry-After).

The web pages catch the same errors where they show them beside a form field.
"""

from __future__ import annotations

from flask import url_for
from flask.typing import ResponseReturnValue

from learn.accounts.throttle import TooManyAttempts
from learn.api.core import ApiError, answer_api_error, bp, validation_error
from learn.articles.service import DuplicateArticleError
from learn.articles.validation import ArticleInputError
from learn.classes.service import ClassError, UnknownJoinCode
from learn.quizzes.errors import QuizError
from learn.study.service import StudyInputError


@bp.errorhandler(QuizError)
def _quiz_error(error: QuizError) -> ResponseReturnValue:
    return answer_api_error(ApiError(error.status, error.message, error.errors))


@bp.errorhandler(UnknownJoinCode)
def _unknown_code(error: UnknownJoinCode) -> ResponseReturnValue:
    return answer_api_error(ApiError(404, error.message))


@bp.errorhandler(ClassError)
def _class_error(error: ClassError) -> ResponseReturnValue:
    return answer_api_error(validation_error(error.field, error.message))


@bp.errorhandler(StudyInputError)
def _study_error(error: StudyInputError) -> ResponseReturnValue:
    fields = {error.field: str(error)} if error.field else None
    return answer_api_error(ApiError(422, str(error), fields))


@bp.errorhandler(DuplicateArticleError)
def _duplicate_article(error: DuplicateArticleError) -> ResponseReturnValue:
    location = url_for("api.get_article", article_id=error.existing.id)
    refusal = ApiError(409, str(error), {"text": str(error)}, headers={"Location": location})
    return answer_api_error(refusal)


@bp.errorhandler(ArticleInputError)
def _article_error(error: ArticleInputError) -> ResponseReturnValue:
    return answer_api_error(validation_error(error.field, str(error)))


@bp.errorhandler(TooManyAttempts)
def _too_many(error: TooManyAttempts) -> ResponseReturnValue:
    headers = {"Retry-After": str(error.retry_after_seconds)}
    return answer_api_error(ApiError(429, error.message, headers=headers))
