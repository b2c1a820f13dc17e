"""The template filters every page shares (learn/web/filters.py)."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Flask, g

from learn.models import User
from learn.web.filters import local_time, percent


def test_percent_rounds_and_says_when_there_is_nothing() -> None:
    assert percent(2 / 3) == "67%"
    assert percent(0.0) == "0%" and percent(1.0) == "100%"
    assert percent(None) == "—"
    assert percent(None, "n/a") == "n/a"


def test_templates_of_every_feature_get_the_filter_and_the_rtl_test(app: Flask) -> None:
    with app.app_context():
        page = app.jinja_env.from_string(
            "{{ 0.5|percent }} {{ none|percent('n/a') }} {{ 'صحيفة' is rtl }} {{ 'Sahifa' is rtl }}"
        )
        assert page.render() == "50% n/a True False"


def test_local_time_is_on_the_viewers_clock_for_quizzes_and_study_alike(app: Flask) -> None:
    moment = datetime(2099, 3, 1, 14, 0, tzinfo=UTC)
    with app.test_request_context():
        g.user = User(username="reader", role="student", timezone="Asia/Amman")  # UTC+3
        assert local_time(moment) == "Sun 1 Mar 2099, 17:00 (Asia/Amman)"
        page = app.jinja_env.from_string("{{ due|local_time }} / {{ none|local_time }}")
        assert page.render(due=moment) == "Sun 1 Mar 2099, 17:00 (Asia/Amman) / no due date"
        g.user = User(username="lost", role="student", timezone="Nowhere/Atlantis")
        assert local_time(moment) == "Sun 1 Mar 2099, 14:00 (UTC)"
        g.user = None
        assert local_time(moment) == "Sun 1 Mar 2099, 14:00 (UTC)"
