"""The study session in a real browser: keyboard only (Space, then 1–4), htmx swaps, axe."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from learn.extensions import db
from learn.models import StudyReview
from learn.study import service
from tests.browser.conftest import (  # noqa: F401  (fixtures used by name)
    LiveServer,
    assert_htmx_showed_indicator,
    browser,
    check_accessibility,
    check_page,
    htmx_requests,
    live_server,
    page,
    playwright_instance,
    screenshot,
)
from tests.study.conftest import SENTENCE, store_article

pytestmark = pytest.mark.browser

PASSWORD = "a-long-enough-password"


@pytest.fixture(scope="module")
def study_server(live_server: LiveServer) -> LiveServer:  # noqa: F811
    from learn.accounts.service import create_user

    with live_server.app.app_context():
        create_user("first.teacher", PASSWORD, "teacher")
        learner = create_user("keyboard.learner", PASSWORD, "student")
        article = store_article(
            [
                {
                    "lemma": "رَئِيس",
                    "gloss": "president",
                    "examples": [{"text": SENTENCE, "start": 4, "end": 10}],
                },
                {"lemma": "حُكُومَة", "gloss": "government"},
            ],
            title="عنوان المقال",
        )
        service.add_word(learner.id, "رَئِيس", article)
        live_server.data["learner_id"] = learner.id
    return live_server


def sign_in(page: Any, server: LiveServer) -> None:  # noqa: F811
    page.goto(server("/signin"))
    page.get_by_label("Username").fill("keyboard.learner")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign in")).to_have_count(0)


def test_a_card_is_revealed_and_rated_with_the_keyboard(
    study_server: LiveServer,
    page: Any,  # noqa: F811
) -> None:
    sign_in(page, study_server)
    page.goto(study_server("/study/session"))
    card = page.locator("#study-card")
    expect(card.locator(".study-front .study-word")).to_have_text("رَئِيس")
    good = card.get_by_role("button", name="3 Good")
    expect(good).to_be_hidden()
    check_accessibility(page, "study session")

    page.keyboard.press("Space")
    expect(good).to_be_visible()
    expect(good).to_be_focused()
    expect(card.locator(".study-meaning").last).to_contain_text("president")
    screenshot(page, "study-session-answer")
    page.keyboard.press("3")

    # The next card (the article's other word, new) is swapped in without a page load.
    expect(card.locator(".study-kind")).to_contain_text("New word")
    expect(card.locator(".study-front .study-word")).to_have_text("حُكُومَة")
    assert_htmx_showed_indicator(page, "/study/review")
    with study_server.app.app_context():
        reviews = db.session.scalar(
            select(func.count(StudyReview.id)).where(
                StudyReview.user_id == study_server.data["learner_id"]
            )
        )
    assert reviews == 1
    page.keyboard.press("1")  # rating keys do nothing before the answer is shown
    sent = [r for r in htmx_requests(page) if "/study/review" in r["path"]]
    assert len(sent) == 1
    expect(card.locator(".study-answer")).not_to_have_attribute("open", "")


def test_dashboard_passes_the_page_checks(
    study_server: LiveServer,
    page: Any,  # noqa: F811
) -> None:
    sign_in(page, study_server)
    page.goto(study_server("/study/"))
    expect(page.get_by_role("img", name="Reviews per day, last 30 days")).to_be_visible()
    expect(page.locator("#fig-learning")).to_have_text("1")
    check_page(page, "study-dashboard")
