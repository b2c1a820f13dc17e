"""The template filters every page shares (learn/web/filters.py)."""

from __future__ import annotations

from flask import Flask

from learn.web.filters import percent


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
