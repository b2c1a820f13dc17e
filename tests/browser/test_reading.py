"""The reading view in depth, and the pages nobody should get stuck on.

A student reads the seed article: on a phone, tapping a word must bring its details into view;
the vowels toggle works with the keyboard; a failing htmx request says so in the panel. Error
pages (404, 403, an expired form) keep the navigation and offer a way on.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from learn.articles.service import import_article, import_seeds
from tests.browser.conftest import (
    LiveServer,
    assert_htmx_showed_indicator,
    assert_no_horizontal_scroll,
    check_accessibility,
    check_page,
    screenshot,
)

pytestmark = pytest.mark.browser

PASSWORD = "reading-is-fun-2025"


@pytest.fixture(scope="module")
def reading_server(live_server: LiveServer) -> LiveServer:
    """A set-up install with the seed article analysed, a teacher and a student."""
    from learn.accounts.service import create_user

    with live_server.app.app_context():
        create_user("head.teacher", PASSWORD, "teacher")
        create_user("reader.student", PASSWORD, "student")
        (article,) = import_seeds(Path(live_server.app.config["SAHIFA_SEEDS_DIR"]))
        live_server.data["article_path"] = f"/articles/{article.id}"
        english = import_article(
            "Talks in Moscow", "Wire", None, "قال الوزير إن المحادثات ستستمر في موسكو.", None
        )
        live_server.data["english_path"] = f"/articles/{english.id}"
    return live_server


def sign_in(page: Any, server: LiveServer, username: str, next_path: str) -> None:
    page.goto(server(next_path))
    expect(page).to_have_url(re.compile(r"/signin\?next="))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(server(next_path))


def first_word(page: Any, surface: str) -> Any:
    sentence = page.locator("#article-text .sentence").first
    return sentence.get_by_role("button", name=surface, exact=True).first


def test_on_a_phone_tapping_a_word_brings_its_details_into_view(
    phone_page: Any, reading_server: LiveServer
) -> None:
    sign_in(phone_page, reading_server, "reader.student", reading_server.data["article_path"])
    word = first_word(phone_page, "وقع")
    word.tap()
    panel = phone_page.locator("#word-panel")
    expect(panel.locator(".word-gloss")).to_contain_text("sign")
    assert_htmx_showed_indicator(phone_page, "/words/")
    assert_no_horizontal_scroll(phone_page, "reading view with a word open")
    screenshot(phone_page, "reading-phone-word-tapped", full_page=False)
    # The reader sees what they asked for without hunting for it below the whole article.
    expect(panel.locator(".word-gloss")).to_be_in_viewport()
    close = phone_page.get_by_role("button", name="Close")
    expect(close).to_be_in_viewport()
    close.tap()
    expect(close).to_be_hidden()
    expect(word).to_be_focused()  # back where the reader was


def test_vowels_toggle_with_the_keyboard(page: Any, reading_server: LiveServer) -> None:
    sign_in(page, reading_server, "reader.student", reading_server.data["article_path"])
    toggle = page.get_by_role("button", name=re.compile(r"^Show vowels"))
    expect(toggle).to_have_attribute("aria-pressed", "false")
    # By id: the word's accessible name changes when its vowels show.
    word = page.locator("#" + (first_word(page, "وقع").get_attribute("id") or "?"))
    plain, vowelled = word.locator(".w-plain"), word.locator(".w-diac")
    expect(plain).to_be_visible()
    expect(vowelled).to_be_hidden()
    toggle.focus()
    page.keyboard.press("Space")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(vowelled).to_be_visible()
    expect(plain).to_be_hidden()
    assert vowelled.inner_text() != "وقع" and re.search("[\u064b-\u0652]", vowelled.inner_text())
    screenshot(page, "reading-vowels-on")
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    expect(plain).to_be_visible()


def test_a_failed_word_request_says_so_in_the_panel(page: Any, reading_server: LiveServer) -> None:
    sign_in(page, reading_server, "reader.student", reading_server.data["article_path"])
    page.route(
        re.compile(r"/words/\d+$"),
        lambda route: route.fulfill(status=500, body="boom", content_type="text/plain"),
    )
    first_word(page, "وقع").click()
    panel = page.locator("#word-panel")
    expect(panel).to_have_attribute("role", "alert")
    expect(panel).to_have_text("Something went wrong (500). Please try again.")
    # The loading indicator does not stay on after the failure.
    expect(page.locator("#word-loading")).to_have_css("opacity", "0")
    page.unroute(re.compile(r"/words/\d+$"))
    first_word(page, "الرئيس").click()
    expect(panel.locator(".word-context mark")).to_have_text("الرئيس")


def test_not_found_and_forbidden_pages_are_not_dead_ends(
    page: Any, reading_server: LiveServer
) -> None:
    sign_in(page, reading_server, "reader.student", reading_server.data["article_path"])
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My classes").click()
    # Followed from the class page (a Referer), the error page offers the way back.
    response = page.goto(reading_server("/articles/987654"), referer=reading_server("/classes"))
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    expect(page.get_by_role("link", name="Go back")).to_have_attribute(
        "href", re.compile(r"/classes$")
    )
    check_page(page, "error-404", phone=False)
    page.get_by_role("link", name="Read the articles").click()
    expect(page).to_have_url(reading_server("/"))

    # A student opening a teacher's page.
    response = page.goto(reading_server("/articles/new"))
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", name="Not allowed")).to_be_visible()
    check_page(page, "error-403", phone=False)


def test_an_expired_form_explains_itself(page: Any, reading_server: LiveServer) -> None:
    """CSRF is on: a form whose token no longer matches is refused with a helpful page."""
    sign_in(page, reading_server, "head.teacher", "/classes")
    page.get_by_label("Class name").fill("Evening class")
    page.locator("form input[name=csrf_token]").last.evaluate("el => el.value = 'stale'")
    page.get_by_role("button", name="Create class").click()
    expect(page.get_by_role("heading", name="Please try again", level=1)).to_be_visible()
    expect(page.get_by_text("nothing changed")).to_be_visible()
    check_page(page, "error-csrf", phone=False)
    # Nothing changed indeed; "Go back" leads to the form, which works with a fresh token.
    page.get_by_role("link", name="Go back").click()
    expect(page.get_by_text("No classes yet")).to_be_visible()
    page.get_by_label("Class name").fill("Evening class")
    page.get_by_role("button", name="Create class").click()
    expect(page.get_by_role("heading", name="Evening class", level=1)).to_be_visible()


def test_a_word_link_opened_on_its_own_is_a_whole_page_with_a_way_back(
    page: Any, reading_server: LiveServer
) -> None:
    """The word panel's URL (what a no-JavaScript reader or a shared link gets)."""
    article_path = reading_server.data["article_path"]
    sign_in(page, reading_server, "reader.student", article_path)
    position = (first_word(page, "وقع").get_attribute("id") or "w-?").removeprefix("w-")
    page.goto(reading_server(f"{article_path}/words/{position}"))
    expect(page.get_by_role("heading", name="Word", level=1)).to_be_visible()
    expect(page.locator(".word-gloss")).to_contain_text("sign")
    expect(page.locator(".word-context mark")).to_have_text("وقع")
    check_page(page, "reading-word-page")
    page.get_by_role("link", name=re.compile("^Back to")).click()
    expect(page).to_have_url(re.compile(re.escape(article_path) + r"#s-\d+$"))
    expect(page.locator("#article-text")).to_be_visible()


def word_by_id(page: Any, surface: str) -> Any:
    """The first word with this surface, located by id (its name changes with its status)."""
    return page.locator("#" + (first_word(page, surface).get_attribute("id") or "?"))


def boxes_overlap(page: Any, first: str, second: str) -> bool:
    return bool(
        page.evaluate(
            """([a, b]) => {
                const r = document.querySelector(a).getBoundingClientRect();
                const s = document.querySelector(b).getBoundingClientRect();
                return r.left < s.right && s.left < r.right && r.top < s.bottom && s.top < r.bottom;
            }""",
            [first, second],
        )
    )


def test_the_reader_marks_words_with_keys_and_sees_the_text_and_share_change(
    page: Any, reading_server: LiveServer
) -> None:
    sign_in(page, reading_server, "reader.student", reading_server.data["article_path"])
    share = page.locator("#known-share")
    expect(share).to_have_text(re.compile(r"^You know 0 of the \d+ words in this article \(0%\)$"))
    word = word_by_id(page, "الرئيس")
    word.click()
    status_line = page.locator("#word-panel .word-status-line")
    expect(status_line).to_have_text("Not on your study list yet.")
    page.keyboard.press("2")  # learning: on the study list
    expect(status_line).to_have_text("On your study list: learning, due now.")
    expect(page.get_by_role("button", name="2 Learning")).to_have_attribute("aria-pressed", "true")
    expect(word).to_have_class(re.compile(r"\bs-learning\b"))
    expect(word).to_have_class(re.compile(r"\bword-current\b"))  # still the chosen word
    expect(word).to_have_css("background-color", "rgb(207, 229, 225)")
    # Every occurrence of the word in the text shows the status.
    same = page.locator("#article-text button.word.s-learning")
    assert same.count() >= 2, "الرئيس occurs more than once in the seed"
    screenshot(page, "reading-word-marked-learning")

    page.keyboard.press("3")  # known: the article's known-word share goes up at once
    expect(status_line).to_have_text("You know this word.")
    one_known = re.compile(r"^You know 1 of the \d+ words in this article \(\d+%\)$")
    expect(share).to_have_text(one_known)
    expect(word).to_have_class(re.compile(r"\bs-known\b"))
    # Clicks work as well as keys; the panel of another word knows its own status.
    other = word_by_id(page, "وقع")
    other.click()
    expect(status_line).to_have_text("Not on your study list yet.")
    expect(page.locator("#word-panel .htmx-added")).to_have_count(0)  # htmx has wired it up
    page.get_by_role("button", name="1 New").click()
    expect(status_line).to_have_text(re.compile("^On your study list as a new word"))
    expect(other).to_have_class(re.compile(r"\bs-new\b"))
    word.click()
    expect(status_line).to_have_text("You know this word.")
    check_accessibility(page, "reading view with statuses")
    # After a reload the text still shows what the reader marked.
    ids = word.get_attribute("id"), other.get_attribute("id")
    page.reload()
    expect(page.locator(f"#{ids[0]}")).to_have_class(re.compile(r"\bs-known\b"))
    expect(page.locator(f"#{ids[1]}")).to_have_class(re.compile(r"\bs-new\b"))
    # Screen readers hear the status with the word.
    expect(page.locator(f"#{ids[0]}")).to_have_accessible_name("الرئيس (known)")


def test_on_a_desktop_the_panel_closes_and_never_covers_the_word_lists(
    page: Any, reading_server: LiveServer
) -> None:
    sign_in(page, reading_server, "reader.student", reading_server.data["article_path"])
    panel_box = page.locator("#word-panel-box")
    close = page.get_by_role("button", name="Close")
    expect(close).to_be_hidden()  # nothing to close yet
    words = page.locator("#article-text button.word")
    words.nth(300).click()  # far down the article: the page has scrolled
    expect(page.locator("#word-panel .word-facts")).to_be_visible()
    expect(panel_box).to_be_in_viewport()
    # The side column scrolls by itself: the panel sits above the lists, never over them.
    for _ in range(3):
        assert not boxes_overlap(page, "#word-panel-box", "#vocab-heading + *")
        assert not boxes_overlap(page, "#word-panel-box", "[aria-labelledby=names-heading]")
        page.locator(".reader-side").evaluate("side => side.scrollBy(0, 400)")
    page.locator("[aria-labelledby=names-heading]").scroll_into_view_if_needed()
    expect(page.locator("[aria-labelledby=names-heading]")).to_be_in_viewport()
    assert not boxes_overlap(page, "#word-panel-box", "[aria-labelledby=names-heading]")
    screenshot(page, "reading-desktop-lists-beside-panel", full_page=False)

    # Close with the button: the panel goes, focus returns to the word.
    expect(close).to_be_visible()
    close.click()
    expect(panel_box).to_be_hidden()
    expect(words.nth(300)).to_be_focused()
    # ... and with Esc.
    words.nth(10).click()
    expect(panel_box).to_be_visible()
    page.keyboard.press("Escape")
    expect(panel_box).to_be_hidden()
    expect(words.nth(10)).to_be_focused()
    screenshot(page, "reading-desktop-panel-closed", full_page=False)


def test_on_a_phone_the_sheet_never_hides_the_tapped_word(
    phone_page: Any, reading_server: LiveServer
) -> None:
    sign_in(phone_page, reading_server, "reader.student", reading_server.data["article_path"])
    sheet = phone_page.locator("#word-panel-box")
    # Words low on the screen, one after the other, and one at the very end of the article.
    for index in (-1, 40, 120):
        words = phone_page.locator("#article-text button.word")
        word = words.nth(index) if index >= 0 else words.last
        word.scroll_into_view_if_needed()
        # Put the word near the bottom edge, where the sheet opens.
        word.evaluate("w => scrollBy(0, w.getBoundingClientRect().bottom - innerHeight + 20)")
        word.tap()
        expect(phone_page.locator("#word-panel .word-facts")).to_be_visible()
        phone_page.wait_for_function(
            """(id) => {
                const w = document.getElementById(id).getBoundingClientRect();
                const s = document.getElementById("word-panel-box").getBoundingClientRect();
                return w.top >= 0 && w.bottom <= s.top;
            }""",
            arg=word.get_attribute("id"),
        )
        expect(sheet).to_be_in_viewport()
    screenshot(phone_page, "reading-phone-word-above-sheet", full_page=False)
    assert_no_horizontal_scroll(phone_page, "reading view with the sheet open")
    phone_page.keyboard.press("Escape")
    expect(sheet).to_be_hidden()


def test_words_written_together_stay_on_one_line_at_any_width(
    page: Any, reading_server: LiveServer
) -> None:
    """An opening quotation mark (or a bracket, a comma) never ends a line apart from its word."""
    sign_in(page, reading_server, "reader.student", reading_server.data["article_path"])
    groups = page.locator("#article-text .together")
    assert groups.count() > 40
    quotes = page.evaluate(
        """() => [...document.querySelectorAll('#article-text .together')]
            .filter((g) => /[“”«»"]/.test(g.textContent)).length"""
    )
    assert quotes >= 4, "the seed article quotes several statements"
    for width in (1280, 1000, 834, 600, 390, 360):
        page.set_viewport_size({"width": width, "height": 900})
        split = page.evaluate(
            """() => [...document.querySelectorAll('#article-text .together')]
                .filter((g) => new Set([...g.getClientRects()].map((r) => r.top | 0)).size > 1)
                .map((g) => g.textContent)"""
        )
        assert split == [], f"at {width}px these broke across lines: {split}"
    page.set_viewport_size({"width": 1280, "height": 900})


def platform_fonts(page: Any, selector: str) -> list[str]:
    """The fonts Chromium actually drew the element's text with (DevTools protocol)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    cdp.detach()
    return [font["familyName"] for font in fonts]


def drawn_fonts(page: Any, selector: str) -> list[str]:
    """``platform_fonts`` once the element has been laid out and its web fonts have loaded:
    a node added by script, or a font subset fetched on first use, has no drawn runs yet."""
    page.evaluate(f"() => document.querySelector({selector!r}).getBoundingClientRect()")
    page.wait_for_function("() => document.fonts.status === 'loaded'")
    fonts = platform_fonts(page, selector)
    for _ in range(50):  # a condition to wait for, not a time limit on the page
        if fonts:
            break
        page.wait_for_timeout(100)
        fonts = platform_fonts(page, selector)
    return fonts


def test_latin_and_digits_in_arabic_match_it_and_an_english_title_reads_left_to_right(
    page: Any, reading_server: LiveServer
) -> None:
    sign_in(page, reading_server, "reader.student", reading_server.data["article_path"])
    # The seed's years are written in Western digits inside the Arabic text.
    year = page.locator("#article-text .sentence", has_text="2022").first
    expect(year).to_be_visible()
    page.evaluate(
        """() => {
            const p = [...document.querySelectorAll('#article-text .sentence')]
                .find((s) => s.textContent.includes('2022'));
            p.id = 'with-digits';
        }"""
    )
    assert drawn_fonts(page, "#with-digits") == ["Noto Naskh Arabic"]
    # Latin letters in Arabic (a name, an agency) are drawn by the same face, bold included.
    page.locator("h1").evaluate("h => h.id = 'article-title'")
    assert drawn_fonts(page, "#article-title") == ["Noto Naskh Arabic"]
    page.evaluate(
        """() => {
            const span = document.createElement('span');
            span.id = 'latin-inside';
            span.textContent = 'Reuters AP 2025';
            document.getElementById('with-digits').append(' ', span);
        }"""
    )
    assert drawn_fonts(page, "#latin-inside") == ["Noto Naskh Arabic"]

    page.goto(reading_server(reading_server.data["english_path"]))
    title = page.get_by_role("heading", level=1)
    expect(title).to_have_text("Talks in Moscow")
    expect(title).to_have_attribute("dir", "ltr")
    expect(title).to_have_css("direction", "ltr")
    expect(title).to_have_css("text-align", "start")  # start of a left-to-right line
    assert "Noto Naskh" not in title.evaluate("h => getComputedStyle(h).fontFamily")
    page.goto(reading_server("/articles"))
    card_title = page.get_by_role("heading", name="Talks in Moscow")
    expect(card_title).to_have_attribute("dir", "ltr")
    arabic_title = page.get_by_role("heading", name=re.compile("روسيا"))
    expect(arabic_title).to_have_attribute("dir", "rtl")
    screenshot(page, "articles-english-and-arabic-titles")
