"""The reading view, the word panel and teachers' corrections, with the real analysis engine."""

from __future__ import annotations

import html as html_lib
import re
import threading
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from learn.articles.corrections import correct_word
from learn.articles.service import import_article, import_seeds
from learn.extensions import db
from learn.models import Article, ArticleToken, Correction, StudyCard, User, VocabEntry
from tests.conftest import csrf_token_from
from tests.web.conftest import UserInfo, login
from tests.web.test_articles_import import SHORT_TEXT, nfc, row_counts

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
HX = {"HX-Request": "true"}
WORD_BUTTON = re.compile(r'<button class="(word[^"]*)" id="w-(\d+)"([^>]*)>(.*?)</button>')


def seed_article(app: Flask) -> tuple[int, int]:
    """The seed's id and the position of وقع in its first sentence."""
    with app.app_context():
        (article,) = import_seeds(SEEDS)
        signed = next(t for t in article.tokens if t.sentence == 0 and t.surface == "وقع")
        return article.id, signed.position


def token_analysis(article_id: int, position: int) -> tuple[str, str, str]:
    token = db.session.scalar(
        select(ArticleToken).where(
            ArticleToken.article_id == article_id, ArticleToken.position == position
        )
    )
    assert token is not None
    return token.lemma, token.gloss, token.source


def buttons(page: str) -> dict[int, str]:
    """Word buttons by position: their classes and content."""
    return {int(m.group(2)): f"{m.group(1)}|{m.group(4)}" for m in WORD_BUTTON.finditer(page)}


def test_reading_view_shows_every_word_as_a_button_in_sentence_blocks(
    app: Flask, student_client: FlaskClient
) -> None:
    article_id, signed_at = seed_article(app)
    response = student_client.get(f"/articles/{article_id}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'id="article-text" class="article-text ar" lang="ar" dir="rtl"' in page
    with app.app_context():
        article = db.session.get(Article, article_id)
        assert article is not None
        words = [t for t in article.tokens if t.pos not in ("punc", "digit")]
        sentences = max(t.sentence for t in article.tokens) + 1
    found = buttons(page)
    assert set(found) >= {t.position for t in words if t.pos not in ("foreign", "latin")}
    assert page.count('<p class="sentence"') == sentences
    # The buttons carry what the text shows (the written and the vocalized form, for the
    # vowels toggle); the panel's request is declared once on the article text.
    assert nfc(found[signed_at]) == nfc(
        'word|<span class="w-plain">وقع</span><span class="w-diac">وَقَّعَ</span>'
    )
    assert (
        f'data-word-url="/articles/{article_id}/words/" hx-target="#word-panel"'
        ' hx-indicator="#word-loading"'
    ) in page
    # Punctuation stays in the text, with the article's own spacing: "(أ ف ب)", kept on one
    # line with the word it is written against.
    assert '<span class="together">(<button class="word" id="w-' in page
    # Per-word analysis comes with the panel, not in every button: the seed page stays small.
    assert "data-gloss" not in page and "data-lemma" not in page
    assert len(response.data) <= 150_000, len(response.data)
    # Students are not sent to the question review (it is for teachers).
    assert "Review the questions" not in page
    # Both lists beside the text.
    assert 'id="vocab-heading"' in page and re.search(
        r'<ol class="vocab-list">\s*<li><span lang="ar">', page
    )
    assert "People &amp; places" in page and "Iran" in page


def test_word_panel_shows_lemma_gloss_root_pos_and_sentence(
    app: Flask, student_client: FlaskClient
) -> None:
    article_id, signed_at = seed_article(app)
    response = student_client.get(f"/articles/{article_id}/words/{signed_at}", headers=HX)
    assert response.status_code == 200
    panel = response.get_data(as_text=True)
    assert "<html" not in panel  # a fragment for htmx
    assert re.search(r'class="word-gloss">sign[;<]', panel)
    assert re.search(r'class="word-pos">verb<', panel)
    assert "و ق ع" in panel  # the root, letter by letter
    assert "<mark>وقع</mark>" in panel
    assert "الرئيس الروسي فلاديمير بوتين" in panel  # the sentence around the word
    assert "Correct this word" not in panel  # students do not correct
    # The reader's status of the word: not on their study list yet, four choices.
    assert "Not on your study list yet." in panel
    assert re.findall(r'name="status" value="(\w+)"', panel) == [
        "new",
        "learning",
        "known",
        "ignored",
    ]
    assert 'aria-pressed="true"' not in panel
    # Opened directly (no htmx) the same panel comes as a whole page with a way back.
    page = student_client.get(f"/articles/{article_id}/words/{signed_at}").get_data(as_text=True)
    assert "<html" in page and f'href="/articles/{article_id}#s-0"' in page


def test_missing_articles_and_words_are_404(app: Flask, student_client: FlaskClient) -> None:
    article_id, _ = seed_article(app)
    with app.app_context():
        comma = db.session.scalar(
            select(ArticleToken.position).where(
                ArticleToken.article_id == article_id, ArticleToken.pos == "punc"
            )
        )
    assert student_client.get(f"/articles/{article_id + 1}").status_code == 404
    assert student_client.get(f"/articles/{article_id}/words/99999").status_code == 404
    assert student_client.get(f"/articles/{article_id}/words/{comma}").status_code == 404


def test_article_text_is_escaped(app: Flask, student_client: FlaskClient) -> None:
    with app.app_context():
        article = import_article(
            '<script>alert("t")</script>', "<b>x</b>", None, "قال <img src=x> الوزير.", None
        )
        article_id = article.id
    page = student_client.get(f"/articles/{article_id}").get_data(as_text=True)
    assert "<script>alert" not in page and "<img src=x>" not in page and "<b>x</b>" not in page
    assert "&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt;" in page  # the title
    assert '<span class="together">&lt;img</span>' in page


def correct(
    client: FlaskClient, article_id: int, position: int, lemma: str, gloss: str
) -> tuple[int, str]:
    page = client.get(f"/articles/{article_id}").get_data(as_text=True)
    response = client.post(
        f"/articles/{article_id}/words/{position}/correction",
        data={"csrf_token": csrf_token_from(page), "lemma": lemma, "gloss": gloss},
        headers=HX,
    )
    return response.status_code, response.get_data(as_text=True)


def test_teacher_correction_applies_at_once_and_to_later_imports(
    app: Flask, teacher_client: FlaskClient
) -> None:
    # The engine reads وبحث ("and discussed") as the noun بَحْث: a teacher makes it the verb.
    with app.app_context():
        article = import_article("لقاء", "", None, SHORT_TEXT, None)
        article_id = article.id
        discussed = next(t for t in article.tokens if t.surface == "وبحث")
        position, old_lemma = discussed.position, discussed.lemma
        pending = len(article.questions)
        assert nfc(old_lemma) != nfc("بَحَثَ") and discussed.gloss != "discuss"
    panel = teacher_client.get(f"/articles/{article_id}/words/{position}", headers=HX)
    assert "Correct this word" in panel.get_data(as_text=True)
    page = teacher_client.get(f"/articles/{article_id}").get_data(as_text=True)
    assert f'href="/quizzes/articles/{article_id}/questions">Review the questions' in page
    assert f"{pending} awaiting review" in page

    status, panel_html = correct(teacher_client, article_id, position, "بَحَثَ", "discuss")
    assert status == 200
    assert 'class="word-gloss">discuss<' in panel_html
    assert "Corrected by a teacher." in panel_html
    # The word's buttons in the text are swapped in out of band with the new data.
    oob = f'<button class="word word-corrected" id="w-{position}" hx-swap-oob="true">'
    assert oob in panel_html
    # A reader opening the word now sees the correction.
    again = teacher_client.get(f"/articles/{article_id}/words/{position}", headers=HX)
    assert 'class="word-gloss">discuss<' in again.get_data(as_text=True)

    with app.app_context():
        token = db.session.get(ArticleToken, discussed.id)
        assert token is not None
        assert (token.lemma, token.gloss, token.source) == ("بَحَثَ", "discuss", "correction")
        entries = db.session.scalars(
            select(VocabEntry.lemma).where(VocabEntry.article_id == article_id)
        ).all()
        assert "بَحَثَ" in entries and old_lemma not in entries  # the vocabulary entry renamed
        # A later import analyses the word the corrected way.
        later = import_article("لقاء آخر", "", None, "وبحث الرئيس الأزمة مع الوزراء.", None)
        again_token = next(t for t in later.tokens if t.surface == "وبحث")
        assert (again_token.lemma, again_token.gloss) == ("بَحَثَ", "discuss")
        assert again_token.source == "correction"


def test_correcting_the_same_word_again_replaces_the_correction(
    app: Flask, teacher_client: FlaskClient
) -> None:
    article_id, signed_at = seed_article(app)
    assert correct(teacher_client, article_id, signed_at, "وَقَّعَ", "sign (a treaty)")[0] == 200
    assert correct(teacher_client, article_id, signed_at, "وَقَّعَ", "sign (a treaty)")[0] == 200
    assert correct(teacher_client, article_id, signed_at, "وَقَّعَ", "sign; conclude")[0] == 200
    with app.app_context():
        rows = db.session.scalars(select(Correction)).all()
        assert [(c.surface, c.gloss) for c in rows] == [("وقع", "sign; conclude")]


def test_bad_correction_keeps_input_and_changes_nothing(
    app: Flask, teacher_client: FlaskClient
) -> None:
    article_id, signed_at = seed_article(app)
    with app.app_context():
        before = row_counts()
        analysed = token_analysis(article_id, signed_at)
    status, panel = correct(teacher_client, article_id, signed_at, "sign", "to sign")
    assert status == 422
    assert "must be written in Arabic letters" in panel
    assert 'value="to sign"' in panel and 'aria-invalid="true"' in panel
    status, panel = correct(teacher_client, article_id, signed_at, "وَقَّعَ", "  ")
    assert status == 422 and "Give the English meaning" in html_lib.unescape(panel)
    with app.app_context():
        assert row_counts() == before
        assert token_analysis(article_id, signed_at) == analysed


def test_students_and_anonymous_cannot_correct(app: Flask, student_client: FlaskClient) -> None:
    article_id, signed_at = seed_article(app)
    status, _ = correct(student_client, article_id, signed_at, "وَقَّعَ", "fall")
    assert status == 403
    visitor = app.test_client()
    token = csrf_token_from(visitor.get("/").get_data(as_text=True))
    anonymous = visitor.post(
        f"/articles/{article_id}/words/{signed_at}/correction",
        data={"csrf_token": token, "lemma": "وَقَّعَ", "gloss": "fall"},
    )
    assert anonymous.status_code == 302 and "/signin" in anonymous.headers["Location"]
    with app.app_context():
        assert db.session.scalar(select(Correction)) is None


def test_concurrent_corrections_of_one_word_leave_one_consistent_row(
    app: Flask, teacher: UserInfo
) -> None:
    article_id, signed_at = seed_article(app)
    start = threading.Barrier(2)
    failures: list[BaseException] = []

    def submit(gloss: str) -> None:
        with app.app_context():
            article = db.session.get(Article, article_id)
            user = db.session.get(User, teacher.id)
            assert article is not None and user is not None
            token = next(t for t in article.tokens if t.position == signed_at)
            start.wait()
            try:
                correct_word(article, token, "وَقَّعَ", gloss, user)
            except BaseException as exc:  # reported below: the test must see every failure
                failures.append(exc)

    threads = [threading.Thread(target=submit, args=(g,)) for g in ("sign", "conclude")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    with app.app_context():
        (row,) = db.session.scalars(select(Correction)).all()
        assert row.surface == "وقع" and row.gloss in ("sign", "conclude")
        assert token_analysis(article_id, signed_at)[1] == row.gloss


def set_status(client: FlaskClient, article_id: int, position: int, status: str) -> tuple[int, str]:
    page = client.get(f"/articles/{article_id}").get_data(as_text=True)
    response = client.post(
        f"/articles/{article_id}/words/{position}/status",
        data={"csrf_token": csrf_token_from(page), "status": status},
        headers=HX,
    )
    return response.status_code, response.get_data(as_text=True)


def student_cards(app: Flask, user_id: int) -> list[tuple[str, str, str, int | None]]:
    with app.app_context():
        cards = db.session.scalars(select(StudyCard).where(StudyCard.user_id == user_id))
        return [(nfc(c.lemma), c.status, c.pos, c.article_id) for c in cards]


def test_the_reader_marks_a_word_in_the_panel_and_the_text_shows_it(
    app: Flask, student_client: FlaskClient, student: UserInfo, make_user
) -> None:
    article_id, signed_at = seed_article(app)
    with app.app_context():
        lemma = token_analysis(article_id, signed_at)[0]
        same = list(
            db.session.scalars(
                select(ArticleToken.position).where(
                    ArticleToken.article_id == article_id, ArticleToken.lemma == lemma
                )
            )
        )
    before = student_client.get(f"/articles/{article_id}").get_data(as_text=True)
    assert re.search(r"You know 0 of the \d+ words in this article \(0%\)", before)
    assert "s-learning" not in before

    status, fragment = set_status(student_client, article_id, signed_at, "learning")
    assert status == 200
    assert "On your study list: learning, due now." in fragment
    assert re.search(r'value="learning" id="status-learning"[^>]*aria-pressed="true"', fragment)
    # Every button of the word in the text comes along, restyled, out of band.
    restyled = re.findall(r'class="word s-learning" id="w-(\d+)" hx-swap-oob="true"', fragment)
    assert sorted(map(int, restyled)) == sorted(same) and signed_at in same
    assert '<p id="known-share" class="known-share" hx-swap-oob="true">' in fragment
    # A double click changes nothing more; the panel now knows the word is on the list.
    assert set_status(student_client, article_id, signed_at, "learning")[0] == 200
    assert student_cards(app, student.id) == [(nfc("وَقَّع"), "learning", "verb", article_id)]
    panel = student_client.get(f"/articles/{article_id}/words/{signed_at}", headers=HX)
    assert "On your study list: learning" in panel.get_data(as_text=True)
    page = student_client.get(f"/articles/{article_id}").get_data(as_text=True)
    assert f'<button class="word s-learning" id="w-{signed_at}">' in page
    assert '<span class="visually-hidden"> (learning)</span>' in page

    # Known: the article's known-word share goes up at once.
    with app.app_context():
        total = len(
            set(
                db.session.scalars(
                    select(VocabEntry.lemma).where(
                        VocabEntry.article_id == article_id, VocabEntry.list_name == "vocab"
                    )
                )
            )
        )
    status, fragment = set_status(student_client, article_id, signed_at, "known")
    assert status == 200 and "You know this word." in fragment
    assert f"You know 1 of the {total} words in this article ({round(100 / total)}%)" in fragment
    assert student_cards(app, student.id)[0][1] == "known"
    # Ignored words look like any other word again.
    set_status(student_client, article_id, signed_at, "ignored")
    page = student_client.get(f"/articles/{article_id}").get_data(as_text=True)
    assert f'<button class="word" id="w-{signed_at}">' in page

    # Someone else's view of the text is their own.
    other = make_user("student")
    other_client = app.test_client()
    login(other_client, other)
    theirs = other_client.get(f"/articles/{article_id}").get_data(as_text=True)
    assert f'<button class="word" id="w-{signed_at}">' in theirs
    assert student_cards(app, other.id) == []


def test_a_bad_status_changes_nothing_and_anonymous_readers_are_sent_to_sign_in(
    app: Flask, student_client: FlaskClient, student: UserInfo
) -> None:
    article_id, signed_at = seed_article(app)
    status, fragment = set_status(student_client, article_id, signed_at, "famous")
    assert status == 422
    assert "The status must be new, learning, known or ignored." in fragment
    assert student_cards(app, student.id) == []
    visitor = app.test_client()
    token = csrf_token_from(visitor.get("/").get_data(as_text=True))
    anonymous = visitor.post(
        f"/articles/{article_id}/words/{signed_at}/status",
        data={"csrf_token": token, "status": "known"},
    )
    assert anonymous.status_code == 302 and "/signin" in anonymous.headers["Location"]
    # Without htmx (no JavaScript) the form posts and comes back to the word's page.
    page = student_client.get(f"/articles/{article_id}").get_data(as_text=True)
    plain = student_client.post(
        f"/articles/{article_id}/words/{signed_at}/status",
        data={"csrf_token": csrf_token_from(page), "status": "new"},
    )
    assert plain.status_code == 302
    assert plain.headers["Location"].endswith(f"/articles/{article_id}/words/{signed_at}")
    assert student_cards(app, student.id) == [(nfc("وَقَّع"), "new", "verb", article_id)]
