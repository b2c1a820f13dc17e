"""Security tests reuse the account fixtures of tests/web (make_user, teacher, student,
signed-in clients, api_token)."""

from tests.web.conftest import (  # noqa: F401 (fixtures are found by name)
    api_token,
    make_user,
    student,
    student_client,
    teacher,
    teacher_client,
)
