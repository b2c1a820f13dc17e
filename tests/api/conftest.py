"""API tests use the same account fixtures as the page tests (see tests/web/conftest.py):
`make_user`, `teacher`, `student`, `teacher_client`, `student_client`, `api_token(user)`;
and the plain helper `auth_header(token)`; and the live server and browser of
tests/browser (for the docs page)."""

from tests.browser.conftest import (  # noqa: F401  (fixtures are found by name)
    browser,
    live_server,
    page,
    playwright_instance,
)
from tests.web.conftest import (  # noqa: F401  (fixtures re-exported for tests/api)
    UserInfo,
    api_token,
    auth_header,
    make_user,
    student,
    student_client,
    teacher,
    teacher_client,
)
