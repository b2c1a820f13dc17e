"""The teacher's workflow in a real browser, on data made through the services (no article
analysis): the class page's quizzes, the student's next step after a result, question
review, the quiz builder, its preview and editor, and an attempted quiz's version 2.

Each test signs in itself; screenshots, axe and phone width through `check_page`."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (  # noqa: F401  (fixtures used by name)
    LiveServer,
    assert_htmx_showed_indicator,
    browser,
    check_accessibility,
    check_page,
    live_server,
    page,
    playwright_instance,
    screenshot,
)
from tests.quiz_fixtures import make_article, make_assigned_quiz, set_due

pytestmark = pytest.mark.browser
# The steps build on each other (the review approves what the builder uses; the student's
# attempt makes the edit a new version): a failed step skips the later ones.
STORY = True

PASSWORD = "a-long-enough-password"
TEACHER, STUDENT, OTHER_STUDENT = "workflow.teacher", "workflow.student", "workflow.other"


@pytest.fixture(scope="module")
def workflow_server(live_server: LiveServer) -> LiveServer:  # noqa: F811
    from learn.accounts.service import create_user

    app = live_server.app
    with app.app_context():
        teacher = create_user(TEACHER, PASSWORD, "teacher", display_name="Ms Teacher")
        students = [
            create_user(STUDENT, PASSWORD, "student", display_name="Sami"),
            create_user(OTHER_STUDENT, PASSWORD, "student", display_name="Huda"),
        ]
        teacher_id, student_ids = teacher.id, [s.id for s in students]
    quiz = make_assigned_quiz(app, teacher_id, student_ids, max_attempts=2)
    set_due(app, quiz.assignment_id, datetime(2099, 5, 4, 9, 30, tzinfo=UTC))
    live_server.data["quiz"] = quiz
    live_server.data["review"] = make_article(app, title="مقال للمراجعة")
    return live_server


def sign_in(page: Any, server: LiveServer, username: str) -> None:  # noqa: F811
    page.goto(server("/signin"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign in")).to_have_count(0)


def test_class_page_lists_its_quizzes(page: Any, workflow_server: LiveServer) -> None:  # noqa: F811
    quiz = workflow_server.data["quiz"]
    sign_in(page, workflow_server, TEACHER)
    page.goto(workflow_server(f"/classes/{quiz.class_id}"))
    table = page.get_by_role("table", name=f"Quizzes assigned to Arabic Q{quiz.data.article_id}")
    row = table.get_by_role("row", name="Treaty quiz")
    expect(row.get_by_role("cell").nth(0)).to_have_text("Mon 4 May 2099, 09:30 (UTC)")
    expect(row.get_by_role("cell").nth(2)).to_have_text("0 of 2 students")
    check_page(page, "teacher-class-quizzes")
    row.get_by_role("link", name="Treaty quiz", exact=True).click()
    expect(page.get_by_role("heading", name="Treaty quiz", level=1)).to_be_visible()


def test_student_result_page_offers_the_next_step(page: Any, workflow_server: LiveServer) -> None:  # noqa: F811
    quiz = workflow_server.data["quiz"]
    sign_in(page, workflow_server, STUDENT)
    page.goto(workflow_server(f"/classes/{quiz.class_id}"))
    expect(page.get_by_role("heading", name="Quizzes")).to_be_visible()
    screenshot(page, "student-class-quizzes")
    page.get_by_role("button", name="Start").click()
    page.get_by_role("radio", name="إيران").check()
    page.get_by_role("button", name="Check answer").click()
    page.get_by_role("radio", name="خطأ").check()
    page.get_by_role("button", name="Check answer").click()
    page.get_by_label("Your answer").fill("عشرين عاما")
    page.get_by_role("button", name="Check answer").click()
    page.get_by_role("button", name="Finish and see my score").click()
    expect(page.get_by_text("Your score:")).to_contain_text("67%")
    steps = page.get_by_role("region", name="What next?")
    expect(steps.get_by_role("link", name="Review the words in the article")).to_be_visible()
    expect(steps.get_by_role("link", name="Study my words")).to_be_visible()
    expect(steps.get_by_role("link", name="Back to my quizzes")).to_be_visible()
    expect(steps).to_contain_text("1 of 2 attempts left")
    check_page(page, "student-result-next-steps")
    steps.get_by_role("button", name="Try again").click()
    expect(page.get_by_role("heading", name="Question 1 of 3")).to_be_visible()
    page.go_back()
    page.reload()
    # The open second attempt is offered as such, not as a third.
    expect(page.get_by_role("region", name="What next?").get_by_role("button")).to_have_text(
        "Resume attempt 2"
    )


def test_review_page_bulk_action_giveaways_and_clicked_answer(
    page: Any,  # noqa: F811
    workflow_server: LiveServer,
) -> None:
    data = workflow_server.data["review"]
    sign_in(page, workflow_server, TEACHER)
    page.goto(workflow_server(f"/quizzes/articles/{data.article_id}/questions"))
    # The short answer's key (عشرين عاما) is stated by the true/false question: flagged.
    short = page.locator(f"#q-{data.short_id}")
    related = short.locator("details.related-questions")
    expect(related).to_have_attribute("open", "")
    expect(related.locator("summary")).to_contain_text("one gives an answer away")
    expect(related.get_by_text("Its wording contains this question's answer.")).to_be_visible()
    check_page(page, "review-related-questions")

    # Tick all, untick one, approve the rest in one action.
    page.get_by_role("button", name="Tick all shown").click()
    boxes = page.get_by_role("checkbox", name="Tick")
    expect(boxes).to_have_count(3)
    for index in range(3):
        expect(boxes.nth(index)).to_be_checked()
    page.get_by_role("checkbox", name="المعاهدة لمدة عشرين عاما.").uncheck()
    page.get_by_role("button", name="Approve ticked").click()
    expect(page.get_by_text("Approved: 2 questions.")).to_be_visible()
    expect(page.get_by_role("link", name="Approved (2)")).to_be_visible()
    expect(page.locator(f"#q-{data.tf_id} .badge")).to_have_text("Pending")
    expect(page.locator(f"#q-{data.mcq_id} .badge")).to_have_text("Approved")
    screenshot(page, "review-bulk-approved")

    # On the card itself, clicking an option makes it the answer (htmx, in place).
    tf = page.locator(f"#q-{data.tf_id}")
    tf.get_by_role("button", name="خطأ (make it the correct answer)").click()
    expect(page.locator(f"#q-{data.tf_id} .correct-choice")).to_contain_text("خطأ")
    expect(page.locator(f"#q-{data.tf_id}").get_by_role("button", name="صحيح")).to_be_visible()
    assert_htmx_showed_indicator(page, f"/questions/{data.tf_id}/answer")

    # In the editor, the correct choice is clicked, not typed.
    mcq = page.locator(f"#q-{data.mcq_id}")
    mcq.get_by_role("link", name="Edit").click()
    editor = page.locator(f"#q-{data.mcq_id}.editing")
    expect(editor.get_by_role("radio", name="Correct answer: choice 2")).to_be_checked()
    expect(editor.get_by_label("Correct answer", exact=True)).to_have_count(0)
    editor.get_by_role("radio", name="Correct answer: choice 3").check()
    screenshot(page, "review-mark-correct-choice")
    check_accessibility(page, "review-mark-correct-choice")
    editor.get_by_role("button", name="Save").click()
    expect(page.locator(f"#q-{data.mcq_id} .correct-choice")).to_contain_text("الصين")


def test_builder_edit_and_preview(page: Any, workflow_server: LiveServer) -> None:  # noqa: F811
    """After the review above (two questions approved): the builder starts with both
    ticked; the quiz is previewed as a student (nothing recorded), then edited in place."""
    from sqlalchemy import func, select

    from learn.extensions import db
    from learn.models import Answer, Attempt

    def recorded() -> tuple[int, int]:
        with workflow_server.app.app_context():
            return (
                db.session.scalar(select(func.count()).select_from(Attempt)) or 0,
                db.session.scalar(select(func.count()).select_from(Answer)) or 0,
            )

    data = workflow_server.data["review"]
    sign_in(page, workflow_server, TEACHER)
    page.goto(workflow_server(f"/quizzes/articles/{data.article_id}/questions"))
    page.get_by_role("link", name="Build a quiz from 2 approved questions").click()
    boxes = page.locator("input[name=question_id]")
    expect(boxes).to_have_count(2)
    expect(boxes.nth(0)).to_be_checked()
    expect(boxes.nth(1)).to_be_checked()
    page.get_by_label("Title").fill("Review quiz")
    page.get_by_role("button", name="Create quiz").click()
    expect(page.get_by_role("heading", name="Review quiz", level=1)).to_be_visible()

    before = recorded()
    page.get_by_role("link", name="Preview as a student").click()
    expect(page.get_by_role("note")).to_contain_text("nothing you answer here is recorded")
    page.get_by_role("radio", name="الصين").check()  # the key marked in the review above
    page.get_by_role("button", name="Check my answers").click()
    expect(page.get_by_role("status").filter(has_text="Preview score")).to_contain_text("1 of 2")
    expect(page.get_by_role("radio", name="الصين")).to_be_checked()
    expect(page.get_by_text("Correct!")).to_be_visible()
    expect(page.get_by_text("Not answered.")).to_be_visible()
    check_page(page, "quiz-preview")
    assert recorded() == before

    page.get_by_role("link", name="Back to the quiz").click()
    page.get_by_role("link", name="Edit", exact=True).click()
    expect(page.get_by_role("button", name="Save changes")).to_be_visible()
    page.get_by_label("Title").fill("Review quiz, reordered")
    orders = page.get_by_label("Order")
    orders.nth(0).fill("2")
    orders.nth(1).fill("1")
    check_page(page, "quiz-edit")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("saved.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Review quiz, reordered")
    expect(page.locator("ol.quiz-questions > li").first).to_contain_text("كم مدة المعاهدة؟")


def test_an_attempted_quiz_is_edited_into_version_2(page: Any, workflow_server: LiveServer) -> None:  # noqa: F811
    quiz = workflow_server.data["quiz"]  # the student attempted it above
    sign_in(page, workflow_server, TEACHER)
    page.goto(workflow_server(f"/quizzes/{quiz.quiz_id}"))
    page.get_by_role("link", name="Edit (makes a new version)").click()
    expect(page.get_by_role("note")).to_contain_text("saving makes version 2")
    page.get_by_role("checkbox", name="كم مدة المعاهدة؟").uncheck()
    page.get_by_role("button", name="Save as version 2").click()
    expect(page.get_by_text("Saved as version 2.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("(version 2)")
    expect(page.locator("ol.quiz-questions > li")).to_have_count(2)
    versions = page.get_by_role("navigation", name="Versions of this quiz")
    expect(versions.get_by_role("link")).to_have_text(["1 (assigned)", "2"])
    check_page(page, "quiz-version-2")
    versions.get_by_role("link", name="1 (assigned)").click()
    expect(page.get_by_role("note")).to_contain_text("This is version 1")
    expect(page.locator("ol.quiz-questions > li")).to_have_count(3)
