"""The API's browsable document: /api/v1/docs shows every operation of openapi.json in
Swagger UI, served from the app's own static files, under the Content-Security-Policy."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import LiveServer, screenshot
from tests.security.test_csp_browser import watch_csp

pytestmark = pytest.mark.browser


def test_the_docs_page_lists_every_operation_from_local_assets(
    page: Any, live_server: LiveServer
) -> None:
    console = watch_csp(page)
    outside: list[str] = []
    page.on(
        "request",
        lambda request: (
            None if request.url.startswith(live_server("/")) else outside.append(request.url)
        ),
    )
    page.goto(live_server("/api/v1/docs"))
    page.wait_for_selector(".opblock-summary-path")
    document = page.evaluate("fetch('/api/v1/openapi.json').then(r => r.json())")
    shown = set(page.locator(".opblock-summary-path").all_inner_texts())
    described = {path.replace("\u200b", "") for path in shown}
    assert described == set(document["paths"])
    assert page.get_by_text("Sahifa API", exact=False).first.is_visible()
    screenshot(page, "api-docs")
    assert outside == []  # no CDN, no online validator
    assert console == [] and page.evaluate("window.__cspViolations") == []
