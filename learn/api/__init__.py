"""The JSON API at /api/v1, authenticated by bearer tokens (see docs/api.md).

How to add an API module (e.g. `learn/api/articles.py`):

1. Declare each body and answer once, as pydantic models (`Shape` subclasses; names are
   unique, they are the document's component names), and put the route on the shared
   blueprint, guarded, with spectree's decorator last::

       from learn.api.core import api_auth, bp
       from learn.api.shapes import Response, Shape, api_spec, declared_body

       @bp.post("/articles")
       @api_auth("teacher")        # or @api_auth(); sets g.api_user
       @api_spec.validate(json=NewArticle, resp=Response(HTTP_201=Article),
                          tags=["articles"], operation_id="createArticle")
       def create_article():
           # the docstring's first line is the summary, the rest the description
           body: NewArticle = declared_body()
           ...
           return Article.model_validate(row), 201

   spectree validates the body (and a `query=` model) before the view, serializes the
   answer through its model and generates the OpenAPI description from both
   (learn/api/shapes.py). A check of who may use a resource goes between `api_auth` and
   `api_spec.validate` (e.g. `teacher_owns_class`), so that strangers get a 404.

2. Raise `ApiError(status, message, fields)`, or let a service's own error (an
   `AppError`, learn/errors.py) through: the app's one error handler
   (learn/web/errors.py) answers each in the API's error shape
   `{"error": {"status", "message", "fields"}}`, so a view needs no try/except for it.

3. Add the module's name to `API_MODULES` below (one line). /api/v1/openapi.json is built
   from the routes (learn/api/openapi.py adds 400/413/422 for bodies and 401 for tokens);
   tests check that every /api/v1 route is in it, that it is valid OpenAPI, and that the
   server answers as it says (tests/api/test_schemathesis.py).
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

from learn.api.core import bp

API_MODULES = (
    "learn.api.openapi",
    "learn.api.tokens",
    "learn.api.me",
    "learn.api.classes",
    "learn.api.articles",
    "learn.api.study",
    "learn.api.quizzes",
    "learn.api.attempts",
    "learn.api.results",
)


def api_modules() -> list[ModuleType]:
    return [import_module(name) for name in API_MODULES]


# Importing the modules attaches their routes to `bp` before the app registers it.
api_modules()

__all__ = ["API_MODULES", "api_modules", "bp"]
