"""Requests htmx sends (a partial page is the answer, not a whole one)."""

from __future__ import annotations

from flask import request


def is_htmx() -> bool:
    return request.headers.get("HX-Request") == "true"
