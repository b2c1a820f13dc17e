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

from learn.web.bidi import isolate
from tests.browser.conftest import (
    DESKTOP,
    PROJECT_ROOT,
    LiveServer,
    assert_htmx_showed_indicator,
    check_page,
    htmx_history,
    new_page,
    screenshot,
)

pytestmark = pytest.mark.browser
STORY = True  # steps run in file order; after a failure the rest are skipped

TEACHER = {"username": "teacher.amal", "display_name": "Amal Haddad", "password": "k4tib-wa-qalam"}
STUDENT = {"username": "student.omar", "display_name": "Omar", "password": "s4fha-jadida!"}
CLASS_NAME = "Arabic news 2"
SEED_TEXT = (PROJECT_ROOT / "seeds" / "russia-iran-treaty.ar.txt").read_text(encoding="utf-8")
SEED_TITLE = "روسيا وإيران توقعان معاهدة شراكة استراتيجية شاملة"
QUIZ_TITLE = "Treaty: who, what, how long"
QUIZ_SIZE = 3
ANALYSIS_TIMEOUT_MS = 300_000


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


def flash_messages(page: Any) -> Any:
    """The messages the base layout shows after a redirect (a status region)."""
    return page.get_by_role("status").filter(has=page.locator("ul.flashes"))


def without_marks(arabic: str) -> str:
    """Arabic without its short-vowel marks (harakat, shadda, sukun, dagger alef)."""
    return re.sub("[\u064b-\u0652\u0670]", "", arabic).strip()


def greeting(account: dict[str, str]) -> re.Pattern[str]:
    """The welcome message names the display name (isolated: it may be Arabic)."""
    return re.compile(f"Welcome, \u2068?{re.escape(account['display_name'])}\u2069?!")


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

    # Sent empty, the form names each field that needs filling in, beside it.
    teacher.get_by_role("button", name="Create teacher account").click()
    expect(teacher.get_by_role("alert")).to_contain_text("Please correct the problems below.")
    expect(teacher.locator("input[aria-invalid=true]")).to_have_count(3)
    expect(teacher.locator("#username-error")).to_have_text("Choose a username.")
    expect(teacher.locator("#password-error")).to_have_text("Choose a password.")
    expect(teacher.locator("#confirm-error")).to_have_text("Type the password again.")

    # A mistake next: the form says what is wrong, next to the field, and keeps the input.
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
    # The first teacher lands on the home page, greeted by their display name.
    expect(teacher).to_have_url(live_server("/"))
    expect(flash_messages(teacher)).to_contain_text(greeting(TEACHER))
    expect(teacher.get_by_role("link", name="Import an article")).to_be_visible()
    teacher.get_by_role("navigation", name="Main").get_by_role("link", name="Classes").click()
    expect(teacher.get_by_role("heading", name="Your classes", level=1)).to_be_visible()


def test_teacher_creates_a_class_and_gets_its_join_code(
    teacher: Any, live_server: LiveServer
) -> None:
    teacher.get_by_label("Class name").fill(CLASS_NAME)
    teacher.get_by_role("button", name="Create class").click()
    expect(teacher.get_by_role("heading", name=CLASS_NAME, level=1)).to_be_visible()
    code = teacher.locator("code.join-code").first.inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{8}", code), code
    expect(flash_messages(teacher)).to_contain_text(code)
    expect(teacher.get_by_text("No students yet")).to_be_visible()
    live_server.data["join_code"] = code
    live_server.data["class_url"] = teacher.url
    check_page(teacher, "02-class")


def test_teacher_imports_the_seed_article_by_pasting_it(
    teacher: Any, live_server: LiveServer
) -> None:
    teacher.get_by_role("navigation", name="Main").get_by_role("link", name="Articles").click()
    expect(teacher.get_by_role("heading", name="Articles", level=1)).to_be_visible()
    expect(teacher.get_by_text("No articles yet.")).to_be_visible()
    teacher.get_by_role("link", name="Import an article").click()
    expect(teacher.get_by_role("heading", name="Import an article")).to_be_visible()
    check_page(teacher, "03-import")

    teacher.get_by_label("Title").fill(SEED_TITLE)
    teacher.get_by_label("Source").fill("The Associated Press")
    teacher.get_by_label("Publication date").fill("2025-01-17")
    teacher.get_by_label("Article text").fill(SEED_TEXT)
    # The real engine analyses the article (and builds its data first if it is missing or
    # out of date): a long wait, on the navigation that the click starts.
    teacher.get_by_role("button", name="Import and analyse").click(timeout=ANALYSIS_TIMEOUT_MS)
    expect(teacher).to_have_url(re.compile(r"/articles/\d+$"))
    expect(flash_messages(teacher)).to_contain_text(
        re.compile(r"Imported “\u2068.+\u2069”: \d+ questions await review\.")
    )
    live_server.data["article_url"] = teacher.url
    live_server.data["article_id"] = int(teacher.url.rsplit("/", 1)[1])


def test_reading_view_shows_a_word_in_the_word_panel(teacher: Any, live_server: LiveServer) -> None:
    title = teacher.get_by_role("heading", name=SEED_TITLE, level=1)
    expect(title).to_have_attribute("dir", "rtl")
    text = teacher.locator("#article-text")
    expect(text).to_have_attribute("lang", "ar")
    assert text.evaluate("el => getComputedStyle(el).direction") == "rtl"
    expect(teacher.get_by_role("heading", name=re.compile(r"^Vocabulary"))).to_be_visible()
    panel = teacher.locator("#word-panel")
    expect(panel).to_contain_text("No word selected yet.")

    # The first sentence's verb: "وقع الرئيس الروسي ..." — Putin signed.
    first_sentence = text.locator(".sentence").first
    signed = first_sentence.get_by_role("button", name="وقع", exact=True)
    expect(signed).to_have_count(1)
    signed.click()
    expect(panel.locator(".word-gloss")).to_have_text(re.compile(r"\bsign\b"))
    lemma = panel.locator(".word-lemma")
    expect(lemma).to_have_text(re.compile("."))
    assert without_marks(lemma.inner_text()) == "وقع"  # وَقَّع, in whichever mark order
    signed_lemma = lemma.inner_text()
    expect(panel.locator(".word-pos")).to_contain_text("verb")
    expect(panel.locator(".word-context mark")).to_have_text("وقع")
    expect(signed).to_have_class(re.compile(r"\bword-current\b"))
    assert_htmx_showed_indicator(teacher, "/words/")
    check_page(teacher, "04-reading-word")

    # Keyboard: words are buttons, so Enter on a focused word opens it too.
    second = first_sentence.get_by_role("button", name="الرئيس", exact=True).first
    second.focus()
    teacher.keyboard.press("Enter")
    expect(lemma).not_to_have_text(signed_lemma)
    expect(panel.locator(".word-context mark")).to_have_text("الرئيس")
    screenshot(teacher, "04-reading-word-keyboard")


def test_teacher_reviews_and_approves_generated_questions(
    teacher: Any, live_server: LiveServer
) -> None:
    teacher.get_by_role("navigation", name="Main").get_by_role("link", name="Quizzes").click()
    expect(teacher.get_by_role("heading", name="Your quizzes")).to_be_visible()
    expect(teacher.get_by_text("No quizzes yet.")).to_be_visible()
    teacher.get_by_role("link", name=SEED_TITLE).click()
    expect(teacher.get_by_role("heading", name=re.compile("^Questions for"))).to_be_visible()
    cards = teacher.locator("li.question-card")
    expect(cards.first).to_be_visible()
    total = cards.count()
    assert total >= QUIZ_SIZE, f"only {total} questions were generated"
    # Every generated question shows its evidence sentence with the answer highlighted.
    expect(cards.first.locator("blockquote.evidence mark")).to_be_visible()
    check_page(teacher, "05-question-review")

    approved_prompts = []
    for index in range(QUIZ_SIZE):
        card = cards.nth(index)
        approved_prompts.append(card.locator(".prompt").inner_text().strip())
        card.get_by_role("button", name="Approve").click()
        expect(card.locator(".badge")).to_have_text("Approved")  # swapped in place by htmx
        expect(card.get_by_role("button", name="Approve")).to_have_count(0)
    expect(teacher.locator("li.question-card.status-approved")).to_have_count(QUIZ_SIZE)
    assert_htmx_showed_indicator(teacher, "/status")
    live_server.data["approved_prompts"] = approved_prompts
    screenshot(teacher, "05-question-review-approved")

    teacher.reload()  # the approvals were saved: the counts in the filter tabs agree
    teacher.get_by_role("link", name=f"Approved ({QUIZ_SIZE})").click()
    expect(cards).to_have_count(QUIZ_SIZE)
    expect(teacher.get_by_role("link", name=f"Pending ({total - QUIZ_SIZE})")).to_be_visible()


def test_teacher_builds_a_quiz_and_assigns_it_to_the_class(
    teacher: Any, live_server: LiveServer
) -> None:
    teacher.get_by_role("link", name=f"Build a quiz from {QUIZ_SIZE} approved questions").click()
    expect(teacher.get_by_role("heading", name=re.compile("^New quiz on"))).to_be_visible()
    check_page(teacher, "06-quiz-build")
    teacher.get_by_label("Title").fill(QUIZ_TITLE)
    for prompt in live_server.data["approved_prompts"]:
        teacher.get_by_role("checkbox", name=prompt[:20]).check()
    teacher.get_by_label("One question at a time, with feedback after each").check()
    teacher.get_by_role("button", name="Create quiz").click()

    expect(teacher.get_by_role("heading", name=QUIZ_TITLE, level=1)).to_be_visible()
    expect(teacher.locator("ol.quiz-questions > li")).to_have_count(QUIZ_SIZE)
    expect(teacher.get_by_text("Not assigned yet.")).to_be_visible()
    teacher.get_by_label("Class", exact=True).select_option(label=CLASS_NAME)
    teacher.get_by_label(re.compile(r"^Due")).fill("2030-06-01T17:00")
    teacher.get_by_label("Attempts allowed").fill("2")
    teacher.get_by_role("button", name="Assign", exact=True).click()
    assigned = teacher.locator("section", has=teacher.get_by_role("heading", name="Assigned to"))
    expect(assigned).to_contain_text(CLASS_NAME)
    expect(assigned).to_contain_text("Sat 1 Jun 2030, 17:00")
    expect(assigned).to_contain_text("2 attempts allowed")
    live_server.data["quiz_url"] = teacher.url
    check_page(teacher, "07-quiz-assigned")


def test_teacher_signs_out(teacher: Any, live_server: LiveServer) -> None:
    sign_out(teacher)
    expect(teacher).to_have_url(re.compile(r"/signin$"))
    # Signed out means signed out: the class page now asks to sign in.
    teacher.goto(live_server.data["class_url"])
    expect(teacher).to_have_url(re.compile(r"/signin\?next="))
    expect(teacher.get_by_role("button", name="Sign in")).to_be_visible()
    check_page(teacher, "08-sign-in")


# --- the student ---------------------------------------------------------------------------------


def test_student_signs_up(student: Any, live_server: LiveServer) -> None:
    student.goto(live_server("/"))
    student.get_by_role("navigation", name="Main").get_by_role("link", name="Sign up").click()
    expect(student.get_by_role("heading", name="Create a student account")).to_be_visible()
    check_page(student, "09-sign-up")
    fill_account_form(student, STUDENT)
    student.get_by_role("button", name="Create account").click()
    expect(student.get_by_role("heading", name="Join a class")).to_be_visible()
    expect(flash_messages(student)).to_contain_text(greeting(STUDENT))


def test_student_joins_the_class_with_its_code(student: Any, live_server: LiveServer) -> None:
    code = live_server.data["join_code"]
    student.get_by_label("Join code").fill("ZZZZ9999" if code != "ZZZZ9999" else "YYYY8888")
    student.get_by_role("button", name="Join class").click()
    expect(student.get_by_role("alert")).to_be_visible()
    expect(student.get_by_label("Join code")).to_have_attribute("aria-invalid", "true")
    check_page(student, "10-join-error", phone=False)

    student.get_by_label("Join code").fill(code.lower())  # codes are typed in any case
    student.get_by_role("button", name="Join class").click()
    expect(student.get_by_role("heading", name=CLASS_NAME, level=1)).to_be_visible()
    expect(student.get_by_text(f"You joined “{isolate(CLASS_NAME)}”.")).to_be_visible()
    expect(student.get_by_text(f"Teacher: {TEACHER['display_name']}")).to_be_visible()
    check_page(student, "11-student-class")


def test_student_dashboard_lists_the_assigned_quiz(student: Any, live_server: LiveServer) -> None:
    student.get_by_role("navigation", name="Main").get_by_role("link", name="My quizzes").click()
    expect(student.get_by_role("heading", name="My quizzes", level=1)).to_be_visible()
    row = student.get_by_role("row", name=re.compile(re.escape(QUIZ_TITLE)))
    expect(row).to_have_count(1)
    expect(row).to_contain_text(CLASS_NAME)
    expect(row).to_contain_text("Sat 1 Jun 2030, 17:00")
    expect(row).to_contain_text("Not started")
    expect(row).to_contain_text("2 of 2")
    check_page(student, "12-student-dashboard")


def correct_answer(live_server: LiveServer, prompt: str) -> tuple[str, str, list[str]]:
    """The stored format, answer and choices of the question shown with this prompt."""
    from sqlalchemy import select

    from learn.extensions import db
    from learn.models import Question

    with live_server.app.app_context():
        questions = db.session.scalars(select(Question).where(Question.prompt_ar == prompt)).all()
        assert len(questions) == 1, f"{len(questions)} questions with the prompt {prompt!r}"
        question = questions[0]
        return question.format, question.answer, list(question.choices or [])


def test_student_takes_the_quiz_with_immediate_feedback(
    student: Any, live_server: LiveServer
) -> None:
    row = student.get_by_role("row", name=re.compile(re.escape(QUIZ_TITLE)))
    row.get_by_role("button", name="Start").click()
    expect(student.get_by_role("heading", name=QUIZ_TITLE, level=1)).to_be_visible()
    # Right, wrong, right: two of three.
    for index, answer_right in enumerate([True, False, True]):
        question = student.locator("section.question-panel")
        expect(question.get_by_role("heading")).to_have_text(f"Question {index + 1} of {QUIZ_SIZE}")
        prompt = question.locator(".prompt").inner_text().strip()
        assert prompt in live_server.data["approved_prompts"]
        kind, answer, choices = correct_answer(live_server, prompt)
        if kind == "short_answer":
            given = answer if answer_right else "لا أعرف"
            question.get_by_label("Your answer").fill(given)
        else:
            given = answer if answer_right else next(c for c in choices if c != answer)
            question.get_by_role("radio", name=given, exact=True).check()
        if index == 0:
            check_page(student, "13-quiz-question")
        question.get_by_role("button", name="Check answer").click()

        last = student.locator(
            "section", has=student.get_by_role("heading", name="Your last answer")
        )
        feedback = last.locator(".feedback")
        expect(last.locator(".prompt")).to_have_text(prompt)
        expect(feedback).to_contain_text(f"Your answer: {given}")
        if answer_right:
            expect(feedback.locator(".feedback-verdict")).to_have_text("Correct!")
            expect(feedback).to_have_class(re.compile(r"\bfeedback-correct\b"))
        else:
            expect(feedback.locator(".feedback-verdict")).to_have_text("Not quite.")
            expect(feedback).to_have_class(re.compile(r"\bfeedback-wrong\b"))
            expect(feedback).to_contain_text(f"The answer is: {answer}")
        # The evidence sentence from the article, with the answer highlighted.
        evidence = feedback.locator("blockquote.evidence")
        expect(evidence).to_contain_text("In the article")
        expect(evidence.locator("mark")).to_be_visible()
        assert evidence.locator("[lang=ar]").get_attribute("dir") == "rtl"
        if not answer_right:
            check_page(student, "14-quiz-feedback-wrong")
        elif index == 0:
            screenshot(student, "14-quiz-feedback-correct")

    expect(student.get_by_text("You have answered every question.")).to_be_visible()
    student.get_by_role("button", name="Finish and see my score").click()
    expect(student.get_by_role("heading", name=f"{QUIZ_TITLE}: results")).to_be_visible()
    expect(student.locator(".score")).to_contain_text("Your score: 67%")
    expect(student.locator(".score")).to_contain_text("(2 of 3 correct)")
    verdicts = student.locator("ol.all-questions .feedback-verdict")
    expect(verdicts).to_have_text(["Correct!", "Not quite.", "Correct!"])
    check_page(student, "15-quiz-results")

    student.get_by_role("link", name="My quizzes").first.click()
    row = student.get_by_role("row", name=re.compile(re.escape(QUIZ_TITLE)))
    expect(row).to_contain_text("Done")
    expect(row).to_contain_text("67%")
    expect(row).to_contain_text("1 of 2")
    expect(row.get_by_role("button", name="Try again")).to_be_visible()
    screenshot(student, "16-student-dashboard-done")


def test_teacher_signs_in_and_sees_the_students_score(
    teacher: Any, live_server: LiveServer
) -> None:
    teacher.goto(live_server.data["quiz_url"])
    expect(teacher).to_have_url(re.compile(r"/signin\?next="))
    teacher.get_by_label("Username").fill(TEACHER["username"])
    teacher.get_by_label("Password").fill(TEACHER["password"])
    teacher.get_by_role("button", name="Sign in").click()
    expect(teacher).to_have_url(live_server.data["quiz_url"])  # back where they were going
    expect(teacher.get_by_role("heading", name=QUIZ_TITLE, level=1)).to_be_visible()
    results = teacher.get_by_role("table", name=f"Results in {CLASS_NAME}")
    row = results.get_by_role("row", name=re.compile(STUDENT["display_name"]))
    expect(row).to_have_count(1)
    expect(row.get_by_role("cell")).to_have_text(["1", "67%"])
    check_page(teacher, "17-teacher-results")

    # The class gradebook has the same score.
    teacher.get_by_role("navigation", name="Main").get_by_role("link", name="Results").click()
    teacher.get_by_role("link", name=CLASS_NAME, exact=True).click()
    expect(teacher.get_by_role("heading", name=f"Gradebook: {CLASS_NAME}")).to_be_visible()
    gradebook = teacher.get_by_role("table", name="Scores of each student on each quiz")
    row = gradebook.get_by_role("row", name=re.compile(STUDENT["display_name"]))
    expect(row).to_have_count(1)
    expect(row).to_contain_text("67%")
    expect(row).to_contain_text("1/1")
    expect(row).to_contain_text("1 attempt")
    check_page(teacher, "18-gradebook")

    # The class page lists the student who joined.
    teacher.goto(live_server.data["class_url"])
    expect(teacher.locator(".roster")).to_contain_text(STUDENT["display_name"])
    expect(teacher.get_by_role("heading", name="Students (1)")).to_be_visible()
    screenshot(teacher, "19-class-roster")


def test_every_htmx_request_of_the_story_showed_a_loading_indicator(
    teacher: Any, student: Any
) -> None:
    sent = htmx_history(teacher) + htmx_history(student)
    paths = {re.sub(r"\d+", "N", request["path"]) for request in sent}
    # The story used htmx for the word panel and for approving questions in place.
    assert {"/articles/N/words/N", "/quizzes/questions/N/status"} <= paths, paths
    bare = [request for request in sent if not request["indicators"]]
    assert not bare, f"htmx requests sent without a visible loading indicator: {bare}"
