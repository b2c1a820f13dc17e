"""The word panel's analysis in a real browser: a word in its parts, and the vowels toggle
saying whether it is on."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from learn.articles.service import import_seeds
from tests.browser.conftest import LiveServer, screenshot

pytestmark = pytest.mark.browser

PASSWORD = "parts-of-words-2025"
MARKS = re.compile("[\u064b-\u0652\u0670]")


@pytest.fixture(scope="module")
def seed_server(live_server: LiveServer) -> LiveServer:
    from learn.accounts.service import create_user

    with live_server.app.app_context():
        create_user("parts.student", PASSWORD, "student")
        (article,) = import_seeds(Path(live_server.app.config["SAHIFA_SEEDS_DIR"]))
        live_server.data["article_path"] = f"/articles/{article.id}"
    return live_server


def open_article(page: Any, server: LiveServer) -> None:
    path = server.data["article_path"]
    page.goto(server(path))
    page.get_by_label("Username").fill("parts.student")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(server(path))


def test_the_panel_breaks_a_word_into_its_parts(page: Any, seed_server: LiveServer) -> None:
    open_article(page, seed_server)
    page.locator("#article-text").get_by_role("button", name="ونظيره", exact=True).first.click()
    parts = page.locator("#word-panel .word-parts .word-part")
    expect(parts).to_have_count(3)
    expect(parts.nth(0)).to_contain_text("and")
    expect(parts.nth(1)).to_contain_text("counterpart")
    expect(parts.nth(2)).to_contain_text("his")
    assert MARKS.sub("", parts.nth(1).locator(".ar").inner_text()) == "نظير"
    # Read right to left: "and" stands right of the stem; "his" follows it (left of it, or
    # on the next line in a narrow panel).
    first, stem, last = (parts.nth(i).bounding_box() for i in range(3))
    assert first and stem and last and first["x"] > stem["x"]
    assert last["x"] < stem["x"] or last["y"] > stem["y"]
    screenshot(page, "word-panel-parts")


def test_the_vowels_toggle_shows_its_state(page: Any, seed_server: LiveServer) -> None:
    open_article(page, seed_server)
    toggle = page.locator("#toggle-diac")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    expect(toggle).to_have_text(re.compile(r"Show vowels .*: off$"))
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(toggle).to_have_text(re.compile(r": on$"))
    # Its accessible name stays the same; the state is in aria-pressed.
    expect(
        page.get_by_role("button", name=re.compile(r"^Show vowels"), pressed=True)
    ).to_be_visible()
    # With vowels on, the words of a line show vowels, not their bare letters.
    sentence = page.locator("#article-text .sentence").first
    shown = sentence.locator("button.word .w-diac")
    texts = [shown.nth(i).inner_text() for i in range(shown.count())]
    bare = [t for t in texts if not MARKS.search(t) and len(t) > 1]
    assert len(bare) <= len(texts) // 10, bare  # only words the analyser could not know
    screenshot(page, "reading-vowels-toggle-on")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "false")
    expect(toggle).to_have_text(re.compile(r": off$"))
