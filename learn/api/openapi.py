"""GET /api/v1/openapi.json: the OpenAPI 3.1 document, assembled from what spectree
generates for the routes declared with shapes (learn/api/shapes.py) and the hand-written
`OPENAPI_PATHS` and `OPENAPI_SCHEMAS` of the modules not converted yet (see
learn/api/__init__.py); GET /api/v1/docs: the
same document in Swagger UI, served from static/vendor (installed from npm)."""

from __future__ import annotations

from typing import Any

from flask import current_app, jsonify, render_template
from flask.typing import ResponseReturnValue

from learn.api.core import (
    API_PREFIX,
    ERROR_HEADERS,
    NO_AUTH,
    bp,
    error_responses,
    json_content,
)
from learn.api.shapes import Error, UserSummary, component_schemas, spectree_paths

OPENAPI_PATHS: dict[str, Any] = {
    "/openapi.json": {
        "get": {
            "operationId": "getOpenApi",
            "summary": "This OpenAPI document",
            "tags": ["meta"],
            "security": NO_AUTH,
            "responses": {"200": {"description": "The OpenAPI 3.1 document.", **json_content({})}},
        }
    },
    "/docs": {
        "get": {
            "operationId": "getApiDocs",
            "summary": "This document in a browser (Swagger UI)",
            "tags": ["meta"],
            "security": NO_AUTH,
            "responses": {
                "200": {
                    "description": "An HTML page that shows openapi.json.",
                    "content": {"text/html": {"schema": {"type": "string"}}},
                }
            },
        }
    },
}
OPENAPI_SCHEMAS: dict[str, Any] = component_schemas(Error, UserSummary)


class OpenApiConflict(RuntimeError):
    """Two API modules describe the same path or schema name (differently)."""


def _merge(target: dict[str, Any], fragment: dict[str, Any], what: str, module: str) -> None:
    for key, value in fragment.items():
        if key in target and target[key] != value:
            raise OpenApiConflict(f"{module} describes {what} {key!r}, already described")
        target[key] = value


# Any operation that reads a body can meet these (json_body, the size limit), and any that
# needs a token can meet 401: one place adds them rather than every module remembering to.
BODY_ERRORS = (400, 413, 422)


def _add_common_errors(paths: dict[str, Any]) -> None:
    for operations in paths.values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            statuses = list(BODY_ERRORS) if "requestBody" in operation else []
            if operation.get("security") != NO_AUTH:
                statuses.append(401)
            for status, answer in error_responses(*statuses).items():
                responses.setdefault(status, answer)
            for code, headers in ERROR_HEADERS.items():
                if str(code) in responses:
                    responses[str(code)].setdefault("headers", headers)


def build_document(version: str) -> dict[str, Any]:
    from learn.api import api_modules

    paths: dict[str, Any] = {}
    schemas: dict[str, Any] = {}
    for module in api_modules():
        _merge(paths, getattr(module, "OPENAPI_PATHS", {}), "path", module.__name__)
        _merge(schemas, getattr(module, "OPENAPI_SCHEMAS", {}), "schema", module.__name__)
    declared_paths, declared_schemas = spectree_paths()
    _merge(paths, declared_paths, "path", "learn.api.shapes")
    _merge(schemas, declared_schemas, "schema", "learn.api.shapes")
    _add_common_errors(paths)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Sahifa API",
            "version": version,
            "description": "Read Arabic news lessons, manage classes and quizzes. "
            "Create a token with POST /tokens, then send `Authorization: Bearer <token>`.",
        },
        "servers": [{"url": API_PREFIX}],
        "security": [{"bearerAuth": []}],
        "paths": dict(sorted(paths.items())),
        "components": {
            "securitySchemes": {
                "bearerAuth": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A token from POST /tokens.",
                }
            },
            "schemas": dict(sorted(schemas.items())),
        },
    }


@bp.get("/openapi.json")
def openapi_json() -> ResponseReturnValue:
    return jsonify(build_document(current_app.config["SAHIFA_VERSION"]))


@bp.get("/docs")
def api_docs() -> ResponseReturnValue:
    return render_template("api/docs.html")
