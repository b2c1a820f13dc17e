"""The OpenAPI document is valid OpenAPI 3.1 and describes every /api/v1 route."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openapi_spec_validator import validate

from learn.api.openapi import OpenApiConflict, _merge

HTTP_METHODS = {"get", "post", "put", "patch", "delete"}


def openapi_path(rule: str) -> str:
    """/api/v1/classes/<int:class_id> → /classes/{class_id}"""
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.removeprefix("/api/v1"))


def test_document_is_valid_openapi_31(client: FlaskClient) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json
    assert document["openapi"] == "3.1.0"
    assert document["servers"] == [{"url": "/api/v1"}]
    validate(document)  # raises with the first problem it finds


def test_every_api_route_is_documented(app: Flask, client: FlaskClient) -> None:
    documented = client.get("/api/v1/openapi.json").json["paths"]
    missing = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/"):
            continue
        path = openapi_path(rule.rule)
        for method in (rule.methods or set()) & {m.upper() for m in HTTP_METHODS}:
            if method.lower() not in documented.get(path, {}):
                missing.append(f"{method} {path}")
    assert missing == []
    # And nothing is documented that does not exist.
    routes = {openapi_path(r.rule) for r in app.url_map.iter_rules()}
    assert set(documented) <= routes


def test_document_names_our_core_operations(client: FlaskClient) -> None:
    paths = client.get("/api/v1/openapi.json").json["paths"]
    assert paths["/tokens"]["post"]["security"] == []  # creating a token needs no token
    assert "401" in paths["/classes"]["get"]["responses"]
    assert paths["/classes/join"]["post"]["requestBody"]["required"] is True


def test_two_modules_describing_one_path_differently_is_an_error() -> None:
    paths = {"/classes": {"get": {"summary": "one"}}}
    with pytest.raises(
        OpenApiConflict, match=re.escape("learn.api.other describes path '/classes'")
    ):
        _merge(paths, {"/classes": {"get": {"summary": "two"}}}, "path", "learn.api.other")
    # The same schema from both mechanisms (the Error shape, say) is one schema.
    schemas = {"Error": {"type": "object"}}
    _merge(schemas, {"Error": {"type": "object"}}, "schema", "learn.api.shapes")
    assert schemas == {"Error": {"type": "object"}}


def test_openapi_path_conversion() -> None:
    assert openapi_path("/api/v1/classes/<int:class_id>") == "/classes/{class_id}"
    assert openapi_path("/api/v1/tokens") == "/tokens"
