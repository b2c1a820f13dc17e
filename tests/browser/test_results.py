"""Results pages in a real browser: gradebook, quiz statistics, attempt, class words and the
printable quiz; screenshots, axe, phone width, and sorting with the keyboard."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (  # noqa: F401  (fixtures used by name)
    LiveServer,
    browser,
    check_accessibility,
    check_page,
    live_server,
    page,
    playwright_instance,
    screenshot,
)
from tests.results import seed as data

pytestmark = pytest.mark.browser

PASSWORD = "a-long-enough-password"
MATRIX = [[1, 1, 1, 1], [1, 1, 0, 1], [1, 0, 1, 0], [1, 1, 0, 0], [1, 0, 0, 0]]


@pytest.fixture(scope="module")
def results_server(live_server: LiveServer) -> LiveServer:  # noqa: F811
    from learn.accounts.service import create_user
    from learn.results.service import record_lookup

    app = live_server.app
    with app.app_context():
        teacher = create_user("results.teacher", PASSWORD, "teacher")
        students = [
            create_user(f"student.{n.lower()}", PASSWORD, "student", display_name=f"Student {n}")
            for n in "ABCDE"
        ]
        teacher_id, student_ids = teacher.id, [s.id for s in students]
    seeded = data.seed(
        app, teacher_id, student_ids, MATRIX, due_at=data.START + timedelta(minutes=3)
    )
    with app.app_context():
        record_lookup(student_ids[0], seeded.article_id, "مُعاهَدَة")
    live_server.data["seeded"] = seeded
    return live_server


def sign_in(page: Any, server: LiveServer) -> None:  # noqa: F811
    page.goto(server("/signin"))
    page.get_by_label("Username").fill("results.teacher")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Results")
    ).to_be_visible()


def test_gradebook_sorts_with_the_keyboard(page: Any, results_server: LiveServer) -> None:  # noqa: F811
    seeded = results_server.data["seeded"]
    sign_in(page, results_server)
    page.get_by_role("link", name="Results").click()
    page.get_by_role("link", name="Arabic 1", exact=True).click()
    expect(page.get_by_role("heading", name="Gradebook: Arabic 1")).to_be_visible()
    check_page(page, "results-gradebook")
    page.get_by_role("link", name="Average").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(
        results_server(f"/results/classes/{seeded.class_id}?sort=average&dir=desc")
    )
    first = page.locator("table.gradebook tbody tr").first.locator("th")
    expect(first).to_have_text("Student A")
    expect(page.locator("th[aria-sort='descending']")).to_contain_text("Average")
    expect(page.get_by_role("img", name="Class progress: mean best score per quiz")).to_be_visible()


def test_quiz_statistics_page(page: Any, results_server: LiveServer) -> None:  # noqa: F811
    seeded = results_server.data["seeded"]
    sign_in(page, results_server)
    page.goto(results_server(f"/results/quizzes/{seeded.quiz_id}"))
    expect(page.get_by_role("heading", name="Statistics: Treaty words")).to_be_visible()
    expect(page.locator(".results-doubtful")).to_have_count(2)
    expect(page.get_by_role("img", name="Score distribution: Treaty words")).to_be_visible()
    check_page(page, "results-quiz")
    page.get_by_role("button", name="Regrade all attempts").click()
    expect(page.get_by_text("No attempt changed")).to_be_visible()


def test_attempt_vocabulary_and_print_pages(page: Any, results_server: LiveServer) -> None:  # noqa: F811
    seeded = results_server.data["seeded"]
    sign_in(page, results_server)
    page.goto(results_server(f"/results/attempts/{seeded.attempt_ids[2]}"))
    expect(page.locator("td[data-label='Result']")).to_have_text(
        ["Correct", "Wrong", "Correct", "Wrong"]
    )
    check_page(page, "results-attempt")
    page.goto(results_server(f"/results/classes/{seeded.class_id}/vocabulary"))
    expect(page.get_by_role("heading", name="Most looked up while reading")).to_be_visible()
    check_page(page, "results-vocabulary")
    page.goto(results_server(f"/results/quizzes/{seeded.quiz_id}/print"))
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.get_by_role("heading", name="Answer key")).to_be_visible()
    first_options = page.locator(".results-print-choices").first.locator("li")
    expect(first_options).to_have_text(["أ) كتاب", "ب) قلم", "ج) باب", "د) بيت"])
    sheet = page.locator(".results-print")
    expect(sheet).to_have_css("direction", "rtl")
    # Right to left: the box is the right-most thing of its line, then the letter, then the
    # option; the question number is on the right of the prompt.
    box = first_options.first.locator(".results-print-box").bounding_box()
    letter = first_options.first.locator(".results-print-letter").bounding_box()
    option = first_options.first.locator(".ar").bounding_box()
    assert box and letter and option
    assert box["x"] > letter["x"] > option["x"], (box, letter, option)
    prompt = page.locator(".results-print-prompt").first.bounding_box()
    assert prompt and prompt["x"] + prompt["width"] > box["x"] + box["width"] - 40
    screenshot(page, "results-print")
    check_accessibility(page, "results-print")


def test_exports_download_as_spreadsheet_files(page: Any, results_server: LiveServer) -> None:  # noqa: F811
    """The downloads a teacher gets: CSV with a UTF-8 BOM (Excel then reads the Arabic
    right) and an .xlsx workbook whose cells hold the same rows."""
    from openpyxl import load_workbook

    seeded = results_server.data["seeded"]
    sign_in(page, results_server)
    page.goto(results_server(f"/results/quizzes/{seeded.quiz_id}"))
    with page.expect_download() as csv_download:
        page.get_by_role("link", name="Download answers (CSV)").click()
    raw = Path(csv_download.value.path()).read_bytes()
    assert csv_download.value.suggested_filename == f"quiz-{seeded.quiz_id}-answers.csv"
    assert raw.startswith(b"\xef\xbb\xbf") and "سؤال رقم 1" in raw.decode("utf-8-sig")
    with page.expect_download() as xlsx_download:
        page.get_by_role("link", name="Download answers for Excel (.xlsx)").click()
    assert xlsx_download.value.suggested_filename.endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(Path(xlsx_download.value.path()).read_bytes())).active
    assert sheet is not None
    prompts = {row[10] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert prompts == {f"سؤال رقم {n}" for n in range(1, 5)}
    page.goto(results_server(f"/results/classes/{seeded.class_id}"))
    with page.expect_download() as book_download:
        page.get_by_role("link", name="Download for Excel (.xlsx)").click()
    book = load_workbook(io.BytesIO(Path(book_download.value.path()).read_bytes())).active
    assert book is not None and book["E1"].value == "Treaty words: best"
    expect(page.get_by_role("link", name="Download CSV")).to_be_visible()
    screenshot(page, "results-gradebook-downloads")
