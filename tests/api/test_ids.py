"""Ids in URLs: a number no primary key can hold matches no route, so it is a 404 for every
method (werkzeug decides 404 or 405 before converting, so the range is in the regex)."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from learn.extensions import MAX_ID
from learn.security import digits_up_to
from tests.web.conftest import UserInfo, auth_header, issue_api_token


@pytest.mark.parametrize("limit", [9, 10, 99, 205, 1000, 2999])
def test_digits_up_to_matches_exactly_zero_to_the_limit(limit: int) -> None:
    pattern = re.compile(digits_up_to(limit))
    assert [n for n in range(5000) if pattern.fullmatch(str(n))] == list(range(limit + 1))
    assert not pattern.fullmatch("01")


def test_the_row_id_regex_stops_at_max_id() -> None:
    pattern = re.compile(digits_up_to(MAX_ID))
    assert all(pattern.fullmatch(str(n)) for n in (1, 999_999_999, MAX_ID - 1, MAX_ID))
    assert not any(pattern.fullmatch(str(n)) for n in (MAX_ID + 1, 2**32, 2**63, 2**64))


@pytest.mark.parametrize("huge", [MAX_ID + 1, 2**63])
@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/classes/{}"), ("PATCH", "/classes/{}"), ("DELETE", "/tokens/{}")],
)
def test_ids_past_the_integer_range_answer_404_for_every_method(
    app: Flask, client: FlaskClient, teacher: UserInfo, method: str, path: str, huge: int
) -> None:
    headers = auth_header(issue_api_token(app, teacher))
    response = client.open(
        "/api/v1" + path.format(huge), method=method, json={"name": "x"}, headers=headers
    )
    assert response.status_code == 404
    assert response.json["error"]["status"] == 404
