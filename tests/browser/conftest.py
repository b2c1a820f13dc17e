"""Real-browser fixtures: the app served over HTTP, and Debian's Chromium driven by Playwright.

Each test module gets a fresh install: a new SQLite database migrated to head, the analysis
data in `NLP_TEST_DATA_DIR`, CSRF protection ON, served by werkzeug on 127.0.0.1 on a free
port in a background thread. Tests in one module share that server (and its data), so a
module can be an ordered story: set-up, import, review, assign, take, see results.

Helpers every browser test uses:
- `check_accessibility(page, name)`: axe-core, fails on any "serious"/"critical" violation.
- `screenshot(page, name)`: a full-page PNG in `test-artifacts/screenshots/`.
- `check_phone_width(page, name)`: the same URL, signed in as the same user, at 390×844;
  fails when the page scrolls sideways; screenshots it as `<name>-phone.png` and runs axe.

Chromium is Debian's (`make browser-deps`); Playwright's own browser download is not used.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import BaseWSGIServer, make_server

from learn import create_app
from tests.conftest import _test_config, migrate_to_head

PROJECT_ROOT = Path(__file__).resolve().parents[2]
AXE_JS = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOT_DIR = PROJECT_ROOT / "test-artifacts" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
BLOCKING_IMPACTS = ("serious", "critical")
# Playwright's auto-waiting `expect` gives up after this long (ms); the first analysis of an
# article by the real Arabic engine can take a while on a busy machine.
EXPECT_TIMEOUT_MS = 20_000


# --- stories: a module whose tests are ordered steps ----------------------------------------
# A module that sets `STORY = True` is one story told in file order; once a step fails, the
# later steps are skipped (they would only fail for the same reason, less clearly).


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    module = getattr(item, "module", None)
    if getattr(module, "STORY", False) and report.failed and report.when in ("setup", "call"):
        module._story_failed_at = item.name  # type: ignore[union-attr]
    return report


def pytest_runtest_setup(item: pytest.Item) -> None:
    failed_at = getattr(getattr(item, "module", None), "_story_failed_at", None)
    if failed_at:
        pytest.skip(f"an earlier step of this story failed: {failed_at}")


# --- the app as a real HTTP server ------------------------------------------------------------


@dataclass
class LiveServer:
    app: Flask
    url: str  # http://127.0.0.1:<port>, no trailing slash
    data: dict[str, Any] = field(default_factory=dict)  # what earlier steps of a story made

    def __call__(self, path: str = "/") -> str:
        return self.url + path


def browser_config(database_url: str) -> dict[str, object]:
    return _test_config(
        database_url,
        TESTING=False,  # behave like a real install: real error pages, CSRF enforced
        WTF_CSRF_ENABLED=True,
        WTF_CSRF_TIME_LIMIT=None,
    )


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A fresh install served over HTTP for one test module."""
    root = tmp_path_factory.mktemp("live")
    url = f"sqlite:///{root / 'browser.sqlite3'}"
    migrate_to_head(url, root / "migrate-instance")
    app = create_app(browser_config(url), instance_path=str(root / "instance"))
    server: BaseWSGIServer = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(app=app, url=f"http://127.0.0.1:{server.server_port}")
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        from learn.extensions import db

        with app.app_context():
            db.engine.dispose()


# --- the browser ------------------------------------------------------------------------------


# One Playwright and one Chromium per test process. Test modules outside this folder import
# these fixtures by name (`from tests.browser.conftest import browser, ...`), which makes pytest
# define them once more; a second sync Playwright in the same process would fail ("Sync API
# inside the asyncio loop"), so every definition shares the first one's objects, and only the
# first closes them.
_SHARED: dict[str, Any] = {}


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}: run `make browser-deps` to install it")
    if not AXE_JS.exists():
        pytest.skip(f"axe-core not found at {AXE_JS}: run `npm ci` (or `make setup`)")
    try:
        from playwright.sync_api import expect, sync_playwright
    except ImportError:
        pytest.skip("the playwright package is not installed: `make setup` installs the dev extra")
    if "playwright" in _SHARED:
        yield _SHARED["playwright"]
        return
    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    playwright = sync_playwright().start()
    _SHARED["playwright"] = playwright
    try:
        yield playwright
    finally:
        del _SHARED["playwright"]
        playwright.stop()


@pytest.fixture(scope="session")
def browser(playwright_instance: Any) -> Iterator[Any]:
    if "browser" in _SHARED:
        yield _SHARED["browser"]
        return
    browser = playwright_instance.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    _SHARED["browser"] = browser
    try:
        yield browser
    finally:
        del _SHARED["browser"]
        browser.close()


class PageProblems:
    """JavaScript errors, Content-Security-Policy violations and missing static files seen
    while a page was open."""

    def __init__(self, page: Any) -> None:
        self.errors: list[str] = []
        page.on("pageerror", lambda exc: self.errors.append(f"JS error: {exc}"))
        page.on("response", self._response)
        page.on("console", self._console)

    def _console(self, message: Any) -> None:
        # The app breaking its own Content-Security-Policy (an inline script or style).
        if message.type == "error" and "Content Security Policy" in message.text:
            where = message.location or {}
            self.errors.append(
                f"CSP violation at {where.get('url')}:{where.get('lineNumber')}: {message.text}"
            )

    def _response(self, response: Any) -> None:
        if "/static/" in response.url and response.status >= 400:
            self.errors.append(f"{response.status} for {response.url}")


# Records, for every htmx request, which loading indicators were showing when it was sent
# (htmx adds the `htmx-request` class before firing `htmx:beforeSend`; app.css makes
# `.htmx-indicator` visible under it). Read back with `htmx_requests(page)`.
HTMX_WATCH_JS = """
window.__htmxRequests = [];
document.addEventListener('htmx:beforeSend', (event) => {
  const showing = [...document.querySelectorAll(
      '.htmx-request .htmx-indicator, .htmx-indicator.htmx-request')]
    .filter((el) => el.getClientRects().length > 0)
    .map((el) => (el.textContent || el.getAttribute('aria-label') || el.className).trim());
  const request = {
    verb: event.detail.requestConfig.verb, path: event.detail.requestConfig.path,
    indicators: showing,
  };
  window.__htmxRequests.push(request);
  if (window.__sahifaHtmxSent) window.__sahifaHtmxSent(request);
});
"""


def new_page(browser: Any, viewport: dict[str, int], **context_options: Any) -> tuple[Any, Any]:
    context = browser.new_context(
        viewport=viewport, locale="en-GB", timezone_id="UTC", **context_options
    )
    context.set_default_timeout(EXPECT_TIMEOUT_MS)
    context.add_init_script(HTMX_WATCH_JS)
    htmx_log: list[dict[str, Any]] = []  # every htmx request of this context, across pages

    def record(request: dict[str, Any]) -> None:
        htmx_log.append(request)

    context.expose_function("__sahifaHtmxSent", record)
    page = context.new_page()
    page.problems = PageProblems(page)  # type: ignore[attr-defined]
    page.htmx_log = htmx_log  # type: ignore[attr-defined]
    return context, page


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A desktop-sized page in its own context (its own cookies)."""
    context, page = new_page(browser, DESKTOP)
    yield page
    problems = page.problems.errors
    context.close()
    assert not problems, "problems while the page was open:\n" + "\n".join(problems)


@pytest.fixture
def phone_page(browser: Any) -> Iterator[Any]:
    """A phone-sized (390×844) page in its own context."""
    context, page = new_page(browser, PHONE, is_mobile=True, has_touch=True)
    yield page
    problems = page.problems.errors
    context.close()
    assert not problems, "problems while the page was open:\n" + "\n".join(problems)


# --- helpers ------------------------------------------------------------------------------------


def screenshot(page: Any, name: str, *, full_page: bool = True) -> Path:
    """Save a PNG as test-artifacts/screenshots/<name>.png: the full page, or (for what is
    fixed to the screen, like an open panel on a phone) just the viewport."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}.png"
    # caret="initial": hiding the caret makes Playwright leave empty style="" attributes on
    # inputs, which htmx later copies while settling a swap, which the app's CSP blocks.
    page.screenshot(path=str(path), full_page=full_page, animations="disabled", caret="initial")
    return path


AXE_URL_PATH = "/__browser-tests__/axe.min.js"


def load_axe(page: Any) -> None:
    """Put axe-core in the page. The app's Content-Security-Policy allows only same-origin
    scripts, so axe is served from a same-origin URL that the browser context intercepts
    (the app never sees it) instead of being injected inline."""
    if page.evaluate("() => typeof window.axe !== 'undefined'"):
        return
    context = page.context
    if not getattr(context, "_axe_routed", False):
        context.route(
            "**" + AXE_URL_PATH,
            lambda route: route.fulfill(path=str(AXE_JS), content_type="text/javascript"),
        )
        context._axe_routed = True
    page.add_script_tag(url=AXE_URL_PATH)


def axe_violations(page: Any) -> list[dict[str, Any]]:
    load_axe(page)
    result = page.evaluate(
        """async () => {
            const results = await axe.run(document, {resultTypes: ['violations']});
            return results.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: '
                    + (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 200)),
            }));
        }"""
    )
    return list(result)


def check_accessibility(page: Any, name: str) -> None:
    """Fail on any axe-core violation with impact "serious" or "critical", listing them."""
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING_IMPACTS]
    if blocking:
        lines = [f"{name} ({page.url}): {len(blocking)} serious/critical axe violation(s):"]
        for violation in blocking:
            lines.append(f"- [{violation['impact']}] {violation['id']}: {violation['help']}")
            lines.extend(f"    {node}" for node in violation["nodes"])
        pytest.fail("\n".join(lines), pytrace=False)


def horizontal_overflow(page: Any) -> dict[str, Any]:
    """The document's width against the viewport's, and the elements poking out to the right."""
    return dict(
        page.evaluate(
            """() => {
                const width = window.innerWidth;
                const culprits = [];
                for (const el of document.body.querySelectorAll('*')) {
                    const box = el.getBoundingClientRect();
                    if (box.width && box.right > width + 1) {
                        const cls = el.className && typeof el.className === 'string'
                            ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
                        const right = Math.round(box.right);
                        culprits.push(`${el.tagName.toLowerCase()}${cls} right=${right}`);
                    }
                    if (culprits.length >= 8) break;
                }
                return {scrollWidth: document.documentElement.scrollWidth,
                        innerWidth: width, culprits};
            }"""
        )
    )


def assert_no_horizontal_scroll(page: Any, name: str) -> None:
    overflow = horizontal_overflow(page)
    assert overflow["scrollWidth"] <= overflow["innerWidth"], (
        f"{name} scrolls sideways at {overflow['innerWidth']}px wide "
        f"(content is {overflow['scrollWidth']}px): {overflow['culprits']}"
    )


def check_phone_width(page: Any, name: str, url: str | None = None) -> None:
    """Open this page's URL (or `url`) at phone width, as the same signed-in user.

    Fails when the page scrolls sideways or has serious/critical axe violations; saves
    `<name>-phone.png`.
    """
    from playwright.sync_api import expect

    state = page.context.storage_state()
    context, phone = new_page(
        page.context.browser, PHONE, is_mobile=True, has_touch=True, storage_state=state
    )
    try:
        phone.goto(url or page.url)
        expect(phone.locator("main")).to_be_visible()
        assert_no_horizontal_scroll(phone, name)
        screenshot(phone, f"{name}-phone")
        check_accessibility(phone, f"{name} at phone width")
        assert not phone.problems.errors, "\n".join(phone.problems.errors)
    finally:
        context.close()


def htmx_requests(page: Any) -> list[dict[str, Any]]:
    """The htmx requests the current document sent since it loaded, with the loading
    indicators shown for each: [{"verb": "get", "path": "/articles/1/words/7",
    "indicators": ["Loading…"]}, ...]."""
    return list(page.evaluate("() => window.__htmxRequests || []"))


def htmx_history(page: Any) -> list[dict[str, Any]]:
    """Every htmx request of this page's browser context, across navigations (same shape)."""
    return list(page.htmx_log)


def assert_htmx_showed_indicator(page: Any, path_part: str) -> None:
    """htmx requests whose path contains `path_part` were sent (from the current document),
    each while a loading indicator was showing."""
    sent = [r for r in htmx_requests(page) if path_part in r["path"]]
    assert sent, f"no htmx request to a path containing {path_part!r}: {htmx_requests(page)}"
    bare = [r for r in sent if not r["indicators"]]
    assert not bare, f"htmx request(s) sent without a visible loading indicator: {bare}"


def check_page(page: Any, name: str, *, phone: bool = True) -> None:
    """The checks every main page gets: screenshot, axe, a way back, and phone width."""
    screenshot(page, name)
    check_accessibility(page, name)
    assert_has_navigation(page, name)
    if phone:
        check_phone_width(page, name)


def assert_has_navigation(page: Any, name: str) -> None:
    """No dead ends: the page has a link home in the header's main navigation."""
    from playwright.sync_api import expect

    nav = page.get_by_role("navigation", name="Main")
    expect(nav).to_be_visible()
    links = nav.get_by_role("link")
    assert links.count() >= 1, f"{name}: the main navigation has no links"
    assert nav.locator("a[href='/']").count() >= 1, f"{name}: no link back to the home page"
