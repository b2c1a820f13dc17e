"""API tests use the same account fixtures as the page tests (see tests/web/conftest.py):
`make_user`, `teacher`, `student`, `api_token(user)`, plus `auth_header(token)`."""

from tests.web.conftest import (  # noqa: F401  (re-exported fixtures)
    UserInfo,
    api_token,
    auth_header,
    make_user,
    student,
    teacher,
)
