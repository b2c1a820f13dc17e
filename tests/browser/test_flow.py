"""The whole classroom story in a real browser, one step per test, on one fresh install.

A teacher sets up the fresh install, creates a class, imports and reads the seed article,
approves generated questions, builds a quiz and assigns it; a student signs up, joins the
class with its code, takes the quiz with immediate feedback; the teacher sees the score.
Every main page is screenshotted, checked with axe and checked at phone width.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, LiveServer, check_page, new_page

pytestmark = pytest.mark.browser
STORY = True  # steps run in file order; after a failure the rest are skipped

TEACHER = {"username": "teacher.amal", "display_name": "Amal Haddad", "password": "k4tib-wa-qalam"}
STUDENT = {"username": "student.omar", "display_name": "Omar", "password": "s4fha-jadida!"}
CLASS_NAME = "Arabic news 2"


@pytest.fixture(scope="module")
def teacher(browser: Any) -> Iterator[Any]:
    """The teacher's browser tab; its cookies last for the whole story."""
    context, page = new_page(browser, DESKTOP)
    yield page
    context.close()


@pytest.fixture(scope="module")
def student(browser: Any) -> Iterator[Any]:
    context, page = new_page(browser, DESKTOP)
    yield page
    context.close()


@pytest.fixture(autouse=True)
def no_page_problems(request: pytest.FixtureRequest) -> Iterator[None]:
    """Each step fails if a page it used raised a JS error or missed a static file."""
    yield
    for name in ("teacher", "student"):
        if name in request.fixturenames:
            problems = request.getfixturevalue(name).problems.errors
            found, problems[:] = list(problems), []
            assert not found, f"{name}'s page: " + "\n".join(found)


def fill_account_form(page: Any, account: dict[str, str]) -> None:
    page.get_by_label("Username").fill(account["username"])
    page.get_by_label("Display name (optional)").fill(account["display_name"])
    page.get_by_label("Password", exact=True).fill(account["password"])
    page.get_by_label("Repeat the password").fill(account["password"])


def sign_out(page: Any) -> None:
    page.locator("summary", has_text=re.compile("teacher|student")).click()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You are signed out.")).to_be_visible()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()


# --- the teacher ---------------------------------------------------------------------------------


def test_fresh_install_leads_to_setting_up_the_first_teacher(
    teacher: Any, live_server: LiveServer
) -> None:
    teacher.goto(live_server("/"))
    expect(teacher).to_have_url(live_server("/setup"))
    expect(teacher.get_by_role("heading", name="Set up Sahifa")).to_be_visible()
    check_page(teacher, "01-setup")

    # A mistake first: the form says what is wrong, next to the field, and keeps the input.
    fill_account_form(teacher, TEACHER)
    teacher.get_by_label("Repeat the password").fill("something-else-entirely")
    teacher.get_by_role("button", name="Create teacher account").click()
    expect(teacher.get_by_role("alert")).to_contain_text("Please correct the problem")
    expect(teacher.get_by_label("Username")).to_have_value(TEACHER["username"])
    invalid = teacher.locator("input[aria-invalid=true]")
    expect(invalid).to_have_count(1)
    screenshot_name = "01-setup-error"
    check_page(teacher, screenshot_name, phone=False)

    fill_account_form(teacher, TEACHER)
    teacher.get_by_role("button", name="Create teacher account").click()
    expect(teacher).to_have_url(live_server("/classes"))
    expect(teacher.get_by_text(f"Welcome, {TEACHER['username']}!")).to_be_visible()
    expect(teacher.get_by_role("heading", name="Your classes", level=1)).to_be_visible()


def test_teacher_creates_a_class_and_gets_its_join_code(
    teacher: Any, live_server: LiveServer
) -> None:
    teacher.get_by_label("Class name").fill(CLASS_NAME)
    teacher.get_by_role("button", name="Create class").click()
    expect(teacher.get_by_role("heading", name=CLASS_NAME, level=1)).to_be_visible()
    code = teacher.locator("code.join-code").first.inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{8}", code), code
    expect(teacher.get_by_role("status")).to_contain_text(code)
    expect(teacher.get_by_text("No students yet")).to_be_visible()
    live_server.data["join_code"] = code
    live_server.data["class_url"] = teacher.url
    check_page(teacher, "02-class")


def test_teacher_signs_out(teacher: Any, live_server: LiveServer) -> None:
    sign_out(teacher)
    expect(teacher).to_have_url(re.compile(r"/signin$"))
    # Signed out means signed out: the class page now asks to sign in.
    teacher.goto(live_server.data["class_url"])
    expect(teacher).to_have_url(re.compile(r"/signin\?next="))
    expect(teacher.get_by_role("button", name="Sign in")).to_be_visible()
    check_page(teacher, "04-sign-in")


# --- the student ---------------------------------------------------------------------------------


def test_student_signs_up(student: Any, live_server: LiveServer) -> None:
    student.goto(live_server("/"))
    student.get_by_role("navigation", name="Main").get_by_role("link", name="Sign up").click()
    expect(student.get_by_role("heading", name="Create a student account")).to_be_visible()
    check_page(student, "05-sign-up")
    fill_account_form(student, STUDENT)
    student.get_by_role("button", name="Create account").click()
    expect(student.get_by_role("heading", name="Join a class")).to_be_visible()
    expect(student.get_by_text(f"Welcome, {STUDENT['username']}!")).to_be_visible()


def test_student_joins_the_class_with_its_code(student: Any, live_server: LiveServer) -> None:
    code = live_server.data["join_code"]
    student.get_by_label("Join code").fill("ZZZZ9999" if code != "ZZZZ9999" else "YYYY8888")
    student.get_by_role("button", name="Join class").click()
    expect(student.get_by_role("alert")).to_be_visible()
    expect(student.get_by_label("Join code")).to_have_attribute("aria-invalid", "true")
    check_page(student, "06-join-error", phone=False)

    student.get_by_label("Join code").fill(code.lower())  # codes are typed in any case
    student.get_by_role("button", name="Join class").click()
    expect(student.get_by_role("heading", name=CLASS_NAME, level=1)).to_be_visible()
    expect(student.get_by_text(f"You joined “{CLASS_NAME}”.")).to_be_visible()
    expect(student.get_by_text(f"Teacher: {TEACHER['display_name']}")).to_be_visible()
    check_page(student, "07-student-class")
