"""Results service tests use the account factories of the page tests."""

from tests.web.conftest import make_user  # noqa: F401  (fixture re-exported)
