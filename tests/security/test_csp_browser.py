"""Pages load in Chromium under the Content-Security-Policy with no violation: every script
and style comes from the app itself, with nothing inline (which the policy would block).

Violations are caught twice: Chromium's console messages ("Refused to ...") and the
`securitypolicyviolation` DOM event, recorded by an init script before any page script runs.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import LiveServer
from tests.results import seed as data

pytestmark = pytest.mark.browser

PASSWORD = "a-long-enough-password"
VIOLATIONS_JS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI}`);
});
"""
TEACHER_PAGES = [
    "/",
    "/classes",
    "/classes/{class_id}",
    "/articles",
    "/articles/{article_id}",
    "/articles/new",
    "/quizzes/",
    "/quizzes/{quiz_id}",
    "/quizzes/articles/{article_id}/questions",
    "/results/",
    "/results/classes/{class_id}",
    "/results/quizzes/{quiz_id}",
    "/results/quizzes/{quiz_id}/print",
    "/account/tokens",
    "/no-such-page",
]
STUDENT_PAGES = ["/", "/quizzes/", "/quizzes/attempts/{attempt_id}", "/study/", "/join"]


@pytest.fixture(scope="module")
def seeded_server(live_server: LiveServer) -> LiveServer:
    from learn.accounts.service import create_user

    app = live_server.app
    with app.app_context():
        teacher_id = create_user("csp.teacher", PASSWORD, "teacher").id
        student_id = create_user("csp.student", PASSWORD, "student").id
    seeded = data.seed(app, teacher_id, [student_id], [[1, 0, 1, 0]])
    live_server.data["ids"] = {
        "class_id": seeded.class_id,
        "article_id": seeded.article_id,
        "quiz_id": seeded.quiz_id,
        "attempt_id": seeded.attempt_ids[0],
    }
    return live_server


def watch_csp(page: Any) -> list[str]:
    console: list[str] = []
    page.add_init_script(VIOLATIONS_JS)
    page.on(
        "console",
        lambda message: (
            console.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    return console


def sign_in(page: Any, server: LiveServer, username: str) -> None:
    page.goto(server("/signin"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/signin" not in url)


def visit_all(page: Any, server: LiveServer, paths: list[str]) -> dict[str, list[str]]:
    """Each page's violations (console and DOM events), by path; only non-empty entries."""
    console = watch_csp(page)
    found: dict[str, list[str]] = {}
    for template in paths:
        path = template.format(**server.data["ids"])
        console.clear()
        page.goto(server(path))
        page.wait_for_load_state("networkidle")
        events = page.evaluate("window.__cspViolations")
        problems = [*console, *events, *page.problems.errors]
        page.problems.errors.clear()
        if problems:
            found[path] = problems
    return found


def test_anonymous_pages_have_no_csp_violations(page: Any, seeded_server: LiveServer) -> None:
    assert visit_all(page, seeded_server, ["/signin", "/signup", "/no-such-page"]) == {}


def test_teacher_pages_have_no_csp_violations(page: Any, seeded_server: LiveServer) -> None:
    sign_in(page, seeded_server, "csp.teacher")
    assert visit_all(page, seeded_server, TEACHER_PAGES) == {}


def test_student_pages_have_no_csp_violations(page: Any, seeded_server: LiveServer) -> None:
    sign_in(page, seeded_server, "csp.student")
    assert visit_all(page, seeded_server, STUDENT_PAGES) == {}


def test_an_inline_script_would_be_blocked(page: Any, seeded_server: LiveServer) -> None:
    # The watcher itself works: injecting inline script into a served page is reported.
    watch_csp(page)
    page.goto(seeded_server("/signin"))
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.__ran = 1'; document.body.appendChild(s); }"
    )
    assert page.evaluate("window.__ran") is None
    page.wait_for_function("window.__cspViolations.length > 0")
    assert any("script-src" in v for v in page.evaluate("window.__cspViolations"))
    # The shared page fixture fails on any CSP message; this one was provoked on purpose.
    page.problems.errors.clear()
