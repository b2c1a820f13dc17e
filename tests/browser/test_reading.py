"""The reading view in depth, and the pages nobody should get stuck on.

A student reads the seed article: on a phone, tapping a word must bring its details into view;
the vowels toggle works with the keyboard; a failing htmx request says so in the panel. Error
pages (404, 403, an expired form) keep the navigation and offer a way on.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from learn.articles.service import import_seeds
from tests.browser.conftest import (
    LiveServer,
    assert_htmx_showed_indicator,
    assert_no_horizontal_scroll,
    check_page,
    screenshot,
)

pytestmark = pytest.mark.browser

PASSWORD = "reading-is-fun-2025"


@pytest.fixture(scope="module")
def reading_server(live_server: LiveServer) -> LiveServer:
    """A set-up install with the seed article analysed, a teacher and a student."""
    from learn.accounts.service import create_user

    with live_server.app.app_context():
        create_user("head.teacher", PASSWORD, "teacher")
        create_user("reader.student", PASSWORD, "student")
        (article,) = import_seeds(Path(live_server.app.config["SAHIFA_SEEDS_DIR"]))
        live_server.data["article_path"] = f"/articles/{article.id}"
    return live_server


def sign_in(page: Any, server: LiveServer, username: str, next_path: str) -> None:
    page.goto(server(next_path))
    expect(page).to_have_url(re.compile(r"/signin\?next="))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(server(next_path))


def first_word(page: Any, surface: str) -> Any:
    sentence = page.locator("#article-text .sentence").first
    return sentence.get_by_role("button", name=surface, exact=True).first


def test_on_a_phone_tapping_a_word_brings_its_details_into_view(
    phone_page: Any, reading_server: LiveServer
) -> None:
    sign_in(phone_page, reading_server, "reader.student", reading_server.data["article_path"])
    word = first_word(phone_page, "وقع")
    word.tap()
    panel = phone_page.locator("#word-panel")
    expect(panel.locator(".word-gloss")).to_contain_text("sign")
    assert_htmx_showed_indicator(phone_page, "/words/")
    assert_no_horizontal_scroll(phone_page, "reading view with a word open")
    screenshot(phone_page, "reading-phone-word-tapped", full_page=False)
    # The reader sees what they asked for without hunting for it below the whole article.
    expect(panel.locator(".word-gloss")).to_be_in_viewport()
    close = phone_page.get_by_role("button", name="Close")
    expect(close).to_be_in_viewport()
    close.tap()
    expect(close).to_be_hidden()
    expect(word).to_be_focused()  # back where the reader was


def test_vowels_toggle_with_the_keyboard(page: Any, reading_server: LiveServer) -> None:
    sign_in(page, reading_server, "reader.student", reading_server.data["article_path"])
    toggle = page.get_by_role("button", name=re.compile(r"^Show vowels"))
    expect(toggle).to_have_attribute("aria-pressed", "false")
    # By id: the word's accessible name changes when its vowels show.
    word = page.locator("#" + (first_word(page, "وقع").get_attribute("id") or "?"))
    plain, vowelled = word.locator(".w-plain"), word.locator(".w-diac")
    expect(plain).to_be_visible()
    expect(vowelled).to_be_hidden()
    toggle.focus()
    page.keyboard.press("Space")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(vowelled).to_be_visible()
    expect(plain).to_be_hidden()
    assert vowelled.inner_text() != "وقع" and re.search("[\u064b-\u0652]", vowelled.inner_text())
    screenshot(page, "reading-vowels-on")
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    expect(plain).to_be_visible()


def test_a_failed_word_request_says_so_in_the_panel(page: Any, reading_server: LiveServer) -> None:
    sign_in(page, reading_server, "reader.student", reading_server.data["article_path"])
    page.route(
        re.compile(r"/words/\d+$"),
        lambda route: route.fulfill(status=500, body="boom", content_type="text/plain"),
    )
    first_word(page, "وقع").click()
    panel = page.locator("#word-panel")
    expect(panel).to_have_attribute("role", "alert")
    expect(panel).to_have_text("Something went wrong (500). Please try again.")
    # The loading indicator does not stay on after the failure.
    expect(page.locator("#word-loading")).to_have_css("opacity", "0")
    page.unroute(re.compile(r"/words/\d+$"))
    first_word(page, "الرئيس").click()
    expect(panel.locator(".word-context mark")).to_have_text("الرئيس")


def test_not_found_and_forbidden_pages_are_not_dead_ends(
    page: Any, reading_server: LiveServer
) -> None:
    sign_in(page, reading_server, "reader.student", reading_server.data["article_path"])
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My classes").click()
    # Followed from the class page (a Referer), the error page offers the way back.
    response = page.goto(reading_server("/articles/987654"), referer=reading_server("/classes"))
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    expect(page.get_by_role("link", name="Go back")).to_have_attribute(
        "href", re.compile(r"/classes$")
    )
    check_page(page, "error-404", phone=False)
    page.get_by_role("link", name="Read the articles").click()
    expect(page).to_have_url(reading_server("/"))

    # A student opening a teacher's page.
    response = page.goto(reading_server("/articles/new"))
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", name="Not allowed")).to_be_visible()
    check_page(page, "error-403", phone=False)


def test_an_expired_form_explains_itself(page: Any, reading_server: LiveServer) -> None:
    """CSRF is on: a form whose token no longer matches is refused with a helpful page."""
    sign_in(page, reading_server, "head.teacher", "/classes")
    page.get_by_label("Class name").fill("Evening class")
    page.locator("form input[name=csrf_token]").last.evaluate("el => el.value = 'stale'")
    page.get_by_role("button", name="Create class").click()
    expect(page.get_by_role("heading", name="Please try again", level=1)).to_be_visible()
    expect(page.get_by_text("nothing changed")).to_be_visible()
    check_page(page, "error-csrf", phone=False)
    # Nothing changed indeed; "Go back" leads to the form, which works with a fresh token.
    page.get_by_role("link", name="Go back").click()
    expect(page.get_by_text("No classes yet")).to_be_visible()
    page.get_by_label("Class name").fill("Evening class")
    page.get_by_role("button", name="Create class").click()
    expect(page.get_by_role("heading", name="Evening class", level=1)).to_be_visible()


def test_a_word_link_opened_on_its_own_is_a_whole_page_with_a_way_back(
    page: Any, reading_server: LiveServer
) -> None:
    """The word panel's URL (what a no-JavaScript reader or a shared link gets)."""
    article_path = reading_server.data["article_path"]
    sign_in(page, reading_server, "reader.student", article_path)
    position = first_word(page, "وقع").get_attribute("data-position")
    page.goto(reading_server(f"{article_path}/words/{position}"))
    expect(page.get_by_role("heading", name="Word", level=1)).to_be_visible()
    expect(page.locator(".word-gloss")).to_contain_text("sign")
    expect(page.locator(".word-context mark")).to_have_text("وقع")
    check_page(page, "reading-word-page")
    page.get_by_role("link", name=re.compile("^Back to")).click()
    expect(page).to_have_url(re.compile(re.escape(article_path) + r"#s-\d+$"))
    expect(page.locator("#article-text")).to_be_visible()
