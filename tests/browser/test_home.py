"""The home page in a real browser: Arabic shown right-to-left, keyboard skip link, axe, phone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from learn.articles.service import import_seeds
from tests.browser.conftest import (
    LiveServer,
    assert_no_horizontal_scroll,
    check_accessibility,
    check_page,
    screenshot,
)

pytestmark = pytest.mark.browser

SEED_TITLE = "روسيا وإيران توقعان معاهدة"


@pytest.fixture(scope="module")
def seeded(live_server: LiveServer) -> LiveServer:
    """An install past its first-run set-up, with the seed article imported (as `make run`)."""
    from learn.accounts.service import create_user

    with live_server.app.app_context():
        create_user("first.teacher", "a-long-enough-password", "teacher")
        import_seeds(Path(live_server.app.config["SAHIFA_SEEDS_DIR"]))
    return live_server


def arabic_font_loaded(page: Any) -> bool:
    """The vendored Arabic web font was downloaded and is in use (not a system fallback)."""
    return bool(
        page.evaluate(
            """async () => {
                await document.fonts.ready;
                return [...document.fonts].some(
                    f => f.family.includes('Noto Naskh Arabic') && f.status === 'loaded');
            }"""
        )
    )


def test_home_shows_the_seed_article_right_to_left(page: Any, seeded: LiveServer) -> None:
    page.goto(seeded("/"))
    title = page.get_by_role("heading", name=SEED_TITLE)
    expect(title).to_be_visible()
    expect(title).to_have_attribute("lang", "ar")
    expect(title).to_have_attribute("dir", "rtl")
    # The browser really lays it out right-to-left, in the Arabic font.
    assert title.evaluate("el => getComputedStyle(el).direction") == "rtl"
    font = title.evaluate("el => getComputedStyle(el).fontFamily")
    assert "Noto Naskh Arabic" in font
    assert arabic_font_loaded(page), "the Noto Naskh Arabic web font was not loaded"
    check_page(page, "home")


def test_skip_link_moves_keyboard_focus_to_main(page: Any, seeded: LiveServer) -> None:
    page.goto(seeded("/"))
    skip = page.get_by_role("link", name="Skip to main content")
    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()  # hidden off-screen until focused, then shown
    screenshot(page, "home-skip-link-focused")
    page.keyboard.press("Enter")
    expect(page).to_have_url(seeded("/#main"))
    expect(page.locator("main")).to_be_focused()


def test_home_at_phone_width(phone_page: Any, seeded: LiveServer) -> None:
    phone_page.goto(seeded("/"))
    expect(phone_page.get_by_role("heading", name=SEED_TITLE)).to_be_visible()
    assert_no_horizontal_scroll(phone_page, "home")
    check_accessibility(phone_page, "home at phone width")
