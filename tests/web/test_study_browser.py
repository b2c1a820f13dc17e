"""The study session in a real browser: keyboard only (Space, then 1–4), htmx swaps, axe."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from learn.extensions import db
from learn.models import Attempt, StudyReview
from learn.quizzes import attempts
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
from tests.study.conftest import SENTENCE, store_article, store_attempt_with_answers

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
        live_server.data["article_id"] = article
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
    # Added while reading and never studied: a new word, not a "Review".
    expect(card.locator(".study-kind")).to_have_text("New word · added while reading")
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


def due_counts(tab: Any) -> tuple[str, ...]:
    counts = tab.locator("#due-counts")
    expect(counts).to_be_visible()
    return tuple(counts.locator(f"#due-{n}").inner_text() for n in ("reviews", "new", "later"))


def test_the_session_and_the_dashboard_show_the_same_due_counts(
    study_server: LiveServer,
    page: Any,  # noqa: F811
) -> None:
    sign_in(page, study_server)
    page.goto(study_server("/study/"))
    on_dashboard = due_counts(page)
    expect(page.locator("#fig-due")).to_have_text(str(int(on_dashboard[0]) + int(on_dashboard[1])))
    page.get_by_role("link", name="Study now").first.click()
    expect(page.get_by_role("heading", name="Study", level=1)).to_be_visible()
    assert due_counts(page) == on_dashboard
    screenshot(page, "study-session-counts")


def test_my_words_and_settings_fit_a_phone_and_pass_axe(
    study_server: LiveServer,
    page: Any,  # noqa: F811
) -> None:
    sign_in(page, study_server)
    page.goto(study_server("/study/words"))
    table = page.get_by_role("table", name="Your study cards, with their status and next review")
    expect(table.get_by_role("rowheader", name="رَئِيس")).to_be_visible()
    expect(table).to_contain_text("reading")
    check_page(page, "study-words")
    page.goto(study_server("/study/settings"))
    zone = page.get_by_label("Time zone")
    expect(zone).to_have_value("UTC")
    zone.select_option("Asia/Tokyo")
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("Study settings saved.")).to_be_visible()
    expect(page.get_by_label("Time zone")).to_have_value("Asia/Tokyo")
    check_page(page, "study-settings")


def test_the_quiz_result_page_announces_the_words_it_added_and_says_how_to_stop(
    study_server: LiveServer,
    page: Any,  # noqa: F811
) -> None:
    learner_id, article_id = study_server.data["learner_id"], study_server.data["article_id"]
    with study_server.app.app_context():
        attempt_id = store_attempt_with_answers(learner_id, article_id)
        attempt = db.session.get(Attempt, attempt_id)
        assert attempt is not None
        attempts.submit(attempt, datetime.now(UTC))
    sign_in(page, study_server)
    page.goto(study_server(f"/quizzes/attempts/{attempt_id}"))
    notice = page.get_by_role("region", name="1 new word on your study list")
    expect(notice).to_be_visible()
    expect(notice.locator("li")).to_have_text(["حُكُومَة — government"])  # رئيس was there
    check_page(page, "quiz-result-study-words")

    notice.get_by_role("link", name="Stop adding quiz words to my study list").click()
    box = page.get_by_label("Add the words of quiz vocabulary questions to my study list")
    expect(box).to_be_checked()
    box.uncheck()
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("Study settings saved.")).to_be_visible()
    expect(box).not_to_be_checked()
    with study_server.app.app_context():
        assert service.settings_for(learner_id).quiz_words is False
