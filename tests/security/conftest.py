"""Security tests reuse the account fixtures of tests/web (make_user, teacher, student,
signed-in clients, api_token) and the live server and browser of tests/browser."""

from tests.browser.conftest import (  # noqa: F401 (fixtures are found by name)
    browser,
    live_server,
    page,
    playwright_instance,
)
from tests.web.conftest import (  # noqa: F401
    api_token,
    make_user,
    student,
    student_client,
    teacher,
    teacher_client,
)
