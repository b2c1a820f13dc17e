"""Importing a Word file in a real browser: upload → check and correct the text → import →
the reading view; a scanned PDF refused with its message beside the file field. Screenshots,
axe and phone width on the form and the confirm page."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (  # noqa: F401  (fixtures used by name)
    PHONE,
    LiveServer,
    assert_no_horizontal_scroll,
    browser,
    check_accessibility,
    check_page,
    live_server,
    page,
    playwright_instance,
    screenshot,
)
from tests.web.article_files import text_pdf, word_file
from tests.web.test_articles_import import SHORT_TEXT

pytestmark = pytest.mark.browser

PASSWORD = "a-long-enough-password"
HEADLINE = "لقاء في القاهرة"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(scope="module")
def import_server(live_server: LiveServer) -> LiveServer:  # noqa: F811
    from learn.accounts.service import create_user

    with live_server.app.app_context():
        create_user("import.teacher", PASSWORD, "teacher", display_name="Ms Import")
    return live_server


def sign_in(page: Any, server: LiveServer) -> None:  # noqa: F811
    page.goto(server("/signin"))
    page.get_by_label("Username").fill("import.teacher")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("link", name="Import an article")).to_be_visible()


def check_posted_page(page: Any, name: str) -> None:  # noqa: F811
    """check_page for the answer to a form: the phone-width half narrows this page instead
    of opening its URL again (which would show the empty form, not this answer)."""
    check_page(page, name, phone=False)
    desktop = page.viewport_size
    page.set_viewport_size(PHONE)
    try:
        assert_no_horizontal_scroll(page, name)
        screenshot(page, f"{name}-phone")
        check_accessibility(page, f"{name} at phone width")
    finally:
        page.set_viewport_size(desktop)


def test_scanned_pdf_is_refused_beside_the_file_field(
    page: Any,  # noqa: F811
    import_server: LiveServer,
) -> None:
    sign_in(page, import_server)
    page.goto(import_server("/articles/new"))
    scan = {"name": "scan.pdf", "mimeType": "application/pdf", "buffer": text_pdf([[]])}
    page.get_by_label("…or upload a file").set_input_files(scan)
    page.get_by_role("button", name="Import and analyse").click()
    expect(page.get_by_role("alert")).to_contain_text("Please correct the problem below.")
    file_field = page.get_by_label("…or upload a file")
    expect(file_field).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#file-error")).to_contain_text("probably scanned pages")
    check_posted_page(page, "import-scanned-pdf")


def test_word_file_is_checked_corrected_and_imported(
    page: Any,  # noqa: F811
    import_server: LiveServer,
) -> None:
    sign_in(page, import_server)
    page.goto(import_server("/articles/new"))
    first, second = SHORT_TEXT.split("\n")
    upload = {
        "name": "cairo-meeting.docx",
        "mimeType": DOCX_TYPE,
        "buffer": word_file([first, second], heading=HEADLINE),
    }
    page.get_by_label("…or upload a file").set_input_files(upload)
    page.get_by_role("button", name="Import and analyse").click()

    expect(page.get_by_role("heading", name="Check the article's text")).to_be_visible()
    expect(page.get_by_text("cairo-meeting.docx")).to_be_visible()
    expect(page.get_by_label("Title")).to_have_value(HEADLINE)  # the file's heading
    text_box = page.get_by_label("Article text")
    expect(text_box).to_have_value(SHORT_TEXT)
    expect(text_box).to_have_attribute("dir", "rtl")
    check_posted_page(page, "import-confirm")

    # The teacher corrects a word before importing; the stored article has the correction.
    text_box.fill(SHORT_TEXT.replace("يوم الأحد", "يوم الاثنين"))
    page.get_by_label("Source").fill("Test desk")
    with page.expect_navigation(timeout=300_000):  # the first analysis may build the database
        page.get_by_role("button", name="Import and analyse").click()
    expect(page.locator(".flashes")).to_contain_text("questions await review")
    expect(page.get_by_role("heading", level=1)).to_have_text(HEADLINE)
    text = page.locator("#article-text")
    expect(text.get_by_role("button", name="الاثنين", exact=True)).to_be_visible()
    expect(text.get_by_role("button", name="الأحد", exact=True)).to_have_count(0)
