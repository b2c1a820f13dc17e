"""Study pages: the session (htmx), adding words, the dashboard, settings, exports, access."""

from __future__ import annotations

import io
import re
import uuid
import zipfile

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from learn.extensions import db
from learn.models import StudyCard, StudyReview, User
from learn.study import service
from tests.conftest import csrf_token_from
from tests.study.conftest import SENTENCE, store_article
from tests.web.conftest import UserInfo, login

HTMX = {"HX-Request": "true"}
WORDS = [
    {
        "lemma": "رَئِيس",
        "gloss": "president",
        "examples": [{"text": SENTENCE, "start": 4, "end": 10}],
    },
    {"lemma": "حُكُومَة", "gloss": "government"},
]


@pytest.fixture
def article(app: Flask) -> int:
    with app.app_context():
        return store_article(WORDS, title="عنوان")


def csrf(client: FlaskClient) -> str:
    return csrf_token_from(client.get("/study/").get_data(as_text=True))


def add(client: FlaskClient, lemma: str, article_id: int | str, htmx: bool = True):
    headers = HTMX if htmx else {}
    return client.post(
        "/study/words",
        data={"lemma": lemma, "article_id": article_id, "csrf_token": csrf(client)},
        headers=headers,
    )


def count(app: Flask, model: type, user_id: int) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(model.id)).where(model.user_id == user_id))


@pytest.mark.parametrize(
    "path", ["/study/", "/study/session", "/study/words", "/study/settings", "/study/export.csv"]
)
def test_anonymous_visitors_are_sent_to_sign_in(client: FlaskClient, student, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 302
    assert "/signin" in response.headers["Location"]


def test_anonymous_add_word_is_refused(app: Flask, client: FlaskClient, student, article) -> None:
    token = csrf_token_from(client.get("/signin").get_data(as_text=True))
    response = client.post("/study/words", data={"lemma": "رَئِيس", "csrf_token": token})
    assert response.status_code == 302 and "/signin" in response.headers["Location"]
    with app.app_context():
        assert db.session.scalar(select(func.count(StudyCard.id))) == 0


def test_session_shows_a_card_and_rating_records_one_review(
    app: Flask, student_client: FlaskClient, student: UserInfo, article: int
) -> None:
    assert add(student_client, "رَئِيس", article).status_code == 200
    page = student_client.get("/study/session").get_data(as_text=True)
    assert "رَئِيس" in page and "What does this mean?" in page
    assert re.search(r'src="/static/js/study\.[0-9a-f]{12}\.js"', page)
    for rating, name in ((1, "Again"), (2, "Hard"), (3, "Good"), (4, "Easy")):
        assert re.search(rf'data-rating="{rating}">\s*<kbd>{rating}</kbd> {name}', page)
    intervals = re.findall(r'<span class="study-interval">([^<]+)</span>', page)
    assert intervals == ["1 min", "6 min", "10 min", "8 d"]  # fsrs v6 defaults on a new card
    review_id = re.search(r'name="review_id" value="([^"]+)"', page).group(1)
    form = {
        "lemma": "رَئِيس",
        "rating": "3",
        "review_id": review_id,
        "csrf_token": csrf(student_client),
    }

    first = student_client.post("/study/review", data=form, headers=HTMX)
    retry = student_client.post("/study/review", data=form, headers=HTMX)

    assert first.status_code == 200 and retry.status_code == 200
    assert count(app, StudyReview, student.id) == 1
    # The next card is in the swapped-in fragment (no full page).
    fragment = first.get_data(as_text=True)
    assert "<html" not in fragment and "study-counts" in fragment


def test_a_bad_rating_gets_a_clear_message(
    app: Flask, student_client: FlaskClient, student: UserInfo, article: int
) -> None:
    add(student_client, "رَئِيس", article)
    form = {
        "lemma": "رَئِيس",
        "rating": "9",
        "review_id": str(uuid.uuid4()),
        "csrf_token": csrf(student_client),
    }
    response = student_client.post("/study/review", data=form, headers=HTMX)
    assert response.status_code == 422
    assert "The rating must be 1 (Again)" in response.get_data(as_text=True)
    assert count(app, StudyReview, student.id) == 0


def test_adding_words_from_the_reading_view(
    app: Flask, student_client: FlaskClient, student: UserInfo, article: int
) -> None:
    response = add(student_client, "رَئِيس", article)
    assert "Added" in response.get_data(as_text=True)
    again = add(student_client, "رَئِيس", article, htmx=False)
    assert again.status_code == 302
    assert count(app, StudyCard, student.id) == 1
    with app.app_context():
        card = service.find_card(student.id, "رَئِيس")
        assert card is not None and card.status == "learning" and card.article_id == article
    unknown = add(student_client, "مَجْهُول", article)
    assert unknown.status_code == 422
    assert "not in any article" in unknown.get_data(as_text=True)
    assert count(app, StudyCard, student.id) == 1


def test_a_learner_cannot_touch_another_learners_card(
    app: Flask, make_user, student_client: FlaskClient, article: int
) -> None:
    other = make_user("student")
    with app.app_context():
        card = service.add_word(other.id, "رَئِيس", article)
        card_id = card.id
    response = student_client.post(
        f"/study/words/{card_id}/status",
        data={"status": "ignored", "csrf_token": csrf(student_client)},
    )
    assert response.status_code == 404
    with app.app_context():
        assert db.session.get(StudyCard, card_id).status == "learning"
    words = student_client.get("/study/words").get_data(as_text=True)
    assert "رَئِيس" not in words
    assert "رَئِيس" not in student_client.get("/study/export.csv").get_data(as_text=True)


def test_changing_a_words_status(
    app: Flask, student_client: FlaskClient, student: UserInfo, article: int
) -> None:
    add(student_client, "رَئِيس", article)
    with app.app_context():
        card_id = service.find_card(student.id, "رَئِيس").id
    url = f"/study/words/{card_id}/status"
    bad = student_client.post(url, data={"status": "gone", "csrf_token": csrf(student_client)})
    assert bad.status_code == 303
    ok = student_client.post(url, data={"status": "known", "csrf_token": csrf(student_client)})
    assert ok.status_code == 303
    with app.app_context():
        assert db.session.get(StudyCard, card_id).status == "known"


def test_settings_page_validates_and_saves(
    app: Flask, student_client: FlaskClient, student: UserInfo
) -> None:
    page = student_client.get("/study/settings").get_data(as_text=True)
    assert 'value="90"' in page and 'value="10"' in page
    token = csrf_token_from(page)
    bad = student_client.post(
        "/study/settings", data={"desired_retention": "40", "new_per_day": "5", "csrf_token": token}
    )
    assert bad.status_code == 422
    assert "between 70% and 97%" in bad.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, student.id).desired_retention == pytest.approx(0.9)
    good = student_client.post(
        "/study/settings", data={"desired_retention": "85", "new_per_day": "5", "csrf_token": token}
    )
    assert good.status_code == 302
    with app.app_context():
        assert db.session.get(User, student.id).desired_retention == pytest.approx(0.85)
        assert service.settings_for(student.id).new_per_day == 5


def test_dashboard_shows_figures_charts_and_article_share(
    app: Flask, student_client: FlaskClient, student: UserInfo, article: int
) -> None:
    add(student_client, "رَئِيس", article)
    with app.app_context():
        service.set_status(service.find_card(student.id, "رَئِيس"), "known")
    page = student_client.get("/study/").get_data(as_text=True)
    assert re.search(r'id="fig-known">1<', page)
    assert re.search(r'id="fig-learning">0<', page)
    assert page.count('role="img"') == 3
    assert "you know 50% of the words in this article" in page
    assert "/study/export.apkg" in page


def test_exports_download(student_client: FlaskClient, article: int) -> None:
    add(student_client, "رَئِيس", article)
    csv_response = student_client.get("/study/export.csv")
    assert csv_response.mimetype == "text/csv"
    assert "attachment" in csv_response.headers["Content-Disposition"]
    assert csv_response.data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads UTF-8
    assert "رَئِيس,president" in csv_response.data.decode("utf-8-sig")
    apkg = student_client.get("/study/export.apkg")
    assert apkg.status_code == 200
    with zipfile.ZipFile(io.BytesIO(apkg.data)) as archive:
        assert "collection.anki2" in archive.namelist()


def test_teachers_can_study_their_own_words_too(
    app: Flask, teacher: UserInfo, article: int
) -> None:
    client = app.test_client()
    login(client, teacher)
    assert add(client, "حُكُومَة", article).status_code == 200
    assert "حُكُومَة" in client.get("/study/words").get_data(as_text=True)


def test_settings_choose_a_time_zone_and_whether_quizzes_add_words(
    app: Flask, student_client: FlaskClient, student: UserInfo
) -> None:
    page = student_client.get("/study/settings").get_data(as_text=True)
    assert "<option selected>UTC</option>" in page
    assert '<optgroup label="Europe">' in page and "<option>Asia/Tokyo</option>" in page
    assert re.search(r'id="quiz_words" name="quiz_words" checked', page)
    token = csrf_token_from(page)
    fields = {"desired_retention": "90", "new_per_day": "10", "csrf_token": token}

    bad = student_client.post("/study/settings", data={**fields, "timezone": "Mars/Olympus"})
    assert bad.status_code == 422
    html = bad.get_data(as_text=True)
    assert "Choose a time zone from the list." in html
    assert re.search(r'<select id="timezone" name="timezone"[^>]*aria-invalid="true"', html)
    with app.app_context():
        assert db.session.get(User, student.id).timezone == "UTC"  # nothing changed

    good = student_client.post("/study/settings", data={**fields, "timezone": "Asia/Tokyo"})
    assert good.status_code == 302  # the quiz_words box was left unticked
    with app.app_context():
        assert db.session.get(User, student.id).timezone == "Asia/Tokyo"
        assert service.settings_for(student.id).quiz_words is False
    page = student_client.get("/study/settings").get_data(as_text=True)
    assert "<option selected>Asia/Tokyo</option>" in page
    assert not re.search(r'id="quiz_words" name="quiz_words" checked', page)
    again = {**fields, "timezone": "Asia/Tokyo", "quiz_words": "on"}
    assert student_client.post("/study/settings", data=again).status_code == 302
    with app.app_context():
        assert service.settings_for(student.id).quiz_words is True
