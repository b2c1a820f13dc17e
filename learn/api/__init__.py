"""The JSON API at /api/v1, authenticated by bearer tokens (see docs/api.md).

Two ways of declaring a route exist while the API moves to the first: request and response
shapes declared once as pydantic models with spectree (learn/api/shapes.py: tokens, me,
classes, study, results, quizzes, attempts), and the hand-written way below (the articles
module only). New routes use shapes.

How to add an API module (e.g. `learn/api/articles.py`):

1. Define routes on the shared blueprint and guard each one::

       from learn.api.core import api_auth, api_user, bp, json_body

       @bp.get("/articles")
       @api_auth()                # or @api_auth("teacher"); sets g.api_user
       def list_articles(): ...

   Declare a body once, as a JSON Schema constant, read it with `json_body(SCHEMA)` (a 422
   per field that breaks it) and show the same constant in the document with
   `request_body(SCHEMA)` (learn/api/validation.py). Raise `ApiError(status, message)` /
   `validation_error(field, message)` for errors; every error under /api/v1 is answered as
   JSON `{"error": {"status", "message"}}`.

2. Describe the routes in the module with OpenAPI 3.1 fragments (paths are relative to
   /api/v1, path parameters as `{name}` like the Flask rule's `<int:name>`)::

       OPENAPI_PATHS = {"/articles": {"get": {...}}}
       OPENAPI_SCHEMAS = {"Article": {...}}        # optional, under components/schemas

   `learn.api.core` has helpers: `error_responses(404)`, `json_content(...)`,
   `request_body(...)`, `schema_ref("Article")`, `id_parameter("class_id")`, `ID_SCHEMA`,
   `NOT_BLANK`, `NO_AUTH` (for public operations). 400/413/422 (with a body) and 401 (with
   a token) are added to every operation by learn/api/openapi.py.

3. Add the module's name to `API_MODULES` below (one line). The document served at
   /api/v1/openapi.json is assembled from every module listed; a test checks that every
   /api/v1 route appears in it and that the document is valid OpenAPI.
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

from learn.api.core import bp

API_MODULES = (
    "learn.api.errors",
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
