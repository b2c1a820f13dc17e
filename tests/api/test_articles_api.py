"""/api/v1/articles: import, list, read with token offsets, vocabulary, questions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from learn.articles.service import import_seeds
from tests.web.conftest import UserInfo, auth_header, issue_api_token
from tests.web.test_articles_import import SHORT_TEXT, first_sense, nfc, row_counts

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture
def teacher_headers(app: Flask, teacher: UserInfo) -> dict[str, str]:
    return auth_header(issue_api_token(app, teacher))


@pytest.fixture
def student_headers(app: Flask, student: UserInfo) -> dict[str, str]:
    return auth_header(issue_api_token(app, student))


def seed_id(app: Flask) -> int:
    with app.app_context():
        (article,) = import_seeds(SEEDS)
        return article.id


def counts(app: Flask) -> dict[str, int]:
    with app.app_context():
        return row_counts()


def create(client: FlaskClient, headers: dict[str, str], **body: Any) -> Any:
    return client.post("/api/v1/articles", json=body, headers=headers)


def test_teacher_creates_an_article_and_reads_it_back(
    app: Flask, client: FlaskClient, teacher_headers: dict[str, str]
) -> None:
    response = create(
        client,
        teacher_headers,
        title="لقاء في القاهرة",
        text=SHORT_TEXT,
        source="Test desk",
        published="2025-02-02",
    )
    assert response.status_code == 201
    created = response.json
    assert created["title"] == "لقاء في القاهرة" and created["published"] == "2025-02-02"
    assert created["counts"]["questions"] > 0 and created["counts"]["vocab"] > 0
    assert response.headers["Location"].endswith(f"/api/v1/articles/{created['id']}")

    listed = client.get("/api/v1/articles", headers=teacher_headers).json["articles"]
    assert [a["id"] for a in listed] == [created["id"]]

    article = client.get(f"/api/v1/articles/{created['id']}", headers=teacher_headers).json
    assert article["text"] == SHORT_TEXT
    assert [s["index"] for s in article["sentences"]] == [0, 1]
    for sentence in article["sentences"]:
        assert SHORT_TEXT[sentence["start"] : sentence["end"]] == sentence["text"]
        for token in sentence["tokens"]:
            assert SHORT_TEXT[token["start"] : token["end"]] == token["surface"]
    cairo = article["sentences"][0]["tokens"][0]
    assert (cairo["surface"], cairo["gloss"], cairo["entity"]) == ("القاهرة", "Cairo", "LOCATION")


def test_seed_vocab_and_questions(
    app: Flask, client: FlaskClient, teacher_headers: dict[str, str]
) -> None:
    article_id = seed_id(app)
    first = client.get(f"/api/v1/articles/{article_id}", headers=teacher_headers).json
    signed = next(t for t in first["sentences"][0]["tokens"] if t["surface"] == "وقع")
    assert nfc(signed["lemma"]) == nfc("وَقَّع") and first_sense(signed["gloss"]) == "sign"

    lists = client.get(f"/api/v1/articles/{article_id}/vocab", headers=teacher_headers).json
    assert [v["rank"] for v in lists["vocab"]] == sorted(v["rank"] for v in lists["vocab"])
    treaty = next(v for v in lists["vocab"] if v["gloss"].startswith("treaty"))
    assert treaty["forms"] and treaty["examples"][0]["text"]
    putin = next(p for p in lists["people_places"] if p["gloss"] == "Vladimir Putin")
    assert putin["type"] == "PERSON"

    questions = client.get(f"/api/v1/articles/{article_id}/questions", headers=teacher_headers)
    assert questions.status_code == 200
    items = questions.json["questions"]
    assert len(items) >= 10 and {q["status"] for q in items} == {"pending"}
    how_long = next(q for q in items if q["type"] == "how_long")
    assert how_long["answer"] in how_long["choices"]
    evidence = how_long["evidence"]
    assert "العشرين عاما" in evidence["text"][evidence["start"] : evidence["end"]]
    approved = client.get(
        f"/api/v1/articles/{article_id}/questions?status=approved", headers=teacher_headers
    )
    assert approved.json["questions"] == []
    bad = client.get(
        f"/api/v1/articles/{article_id}/questions?status=maybe", headers=teacher_headers
    )
    assert bad.status_code == 422 and "status" in bad.json["error"]["fields"]


@pytest.mark.parametrize(
    ("body", "status", "field", "message"),
    [
        ({"title": "عنوان", "text": ""}, 422, "text", "The article text is empty."),
        ({"title": "عنوان", "text": "English only."}, 422, "text", "no Arabic letters"),
        ({"title": "عنوان", "text": "خبر " * 40}, 422, "text", "(MAX_ARTICLE_BYTES) is 100"),
        ({"title": "", "text": SHORT_TEXT}, 422, "title", "Give the article a title."),
        ({"text": SHORT_TEXT}, 422, "title", "“title” is required."),
        ({"title": "عنوان", "text": 5}, 422, "text", "must be a string"),
        ({"title": "ع", "text": "خبر", "published": "soon"}, 422, "published", "2025-01-17"),
    ],
)
def test_bad_bodies_are_refused_and_store_nothing(
    app: Flask,
    client: FlaskClient,
    teacher_headers: dict[str, str],
    body: dict[str, Any],
    status: int,
    field: str,
    message: str,
) -> None:
    app.config["MAX_ARTICLE_BYTES"] = 100
    before = counts(app)
    response = create(client, teacher_headers, **body)
    assert response.status_code == status
    assert message in response.json["error"]["fields"][field]
    assert counts(app) == before


def test_duplicate_text_is_409_pointing_at_the_existing_article(
    app: Flask, client: FlaskClient, teacher_headers: dict[str, str]
) -> None:
    article_id = seed_id(app)
    text = (SEEDS / "russia-iran-treaty.ar.txt").read_text(encoding="utf-8")
    before = counts(app)
    response = create(client, teacher_headers, title="again", text=text)
    assert response.status_code == 409
    assert f"article {article_id}" in response.json["error"]["message"]
    assert response.headers["Location"].endswith(f"/api/v1/articles/{article_id}")
    assert counts(app) == before


def test_who_may_do_what(app: Flask, client: FlaskClient, student_headers: dict[str, str]) -> None:
    article_id = seed_id(app)
    before = counts(app)
    refused = create(client, student_headers, title="x", text=SHORT_TEXT)
    assert refused.status_code == 403
    assert counts(app) == before
    # Students read articles and their vocabulary, but not the questions with their answers.
    assert client.get("/api/v1/articles", headers=student_headers).status_code == 200
    assert client.get(f"/api/v1/articles/{article_id}", headers=student_headers).status_code == 200
    vocab = client.get(f"/api/v1/articles/{article_id}/vocab", headers=student_headers)
    assert vocab.status_code == 200
    questions = client.get(f"/api/v1/articles/{article_id}/questions", headers=student_headers)
    assert questions.status_code == 403
    # No token: 401 everywhere.
    for path in ("/api/v1/articles", f"/api/v1/articles/{article_id}"):
        assert client.get(path).status_code == 401
    assert client.post("/api/v1/articles", json={"title": "x", "text": "خبر"}).status_code == 401
    missing = client.get(f"/api/v1/articles/{article_id + 1}", headers=student_headers)
    assert missing.status_code == 404 and missing.json["error"]["message"] == "No such article."


def test_openapi_describes_the_article_paths(client: FlaskClient) -> None:
    document = client.get("/api/v1/openapi.json").json
    for path in (
        "/articles",
        "/articles/{article_id}",
        "/articles/{article_id}/vocab",
        "/articles/{article_id}/questions",
    ):
        assert path in document["paths"], path
    assert "post" in document["paths"]["/articles"]
    assert "ArticleToken" in document["components"]["schemas"]


def test_the_api_and_the_reading_view_group_words_into_the_same_sentences(
    app: Flask, client: FlaskClient, student: UserInfo, student_headers: dict[str, str]
) -> None:
    import re

    from tests.web.conftest import login

    article_id = seed_id(app)
    article = client.get(f"/api/v1/articles/{article_id}", headers=student_headers).json
    from_api = [
        [t["position"] for t in sentence["tokens"] if t["pos"] not in ("punc", "digit")]
        for sentence in article["sentences"]
    ]
    reader = app.test_client()
    login(reader, student)
    page = reader.get(f"/articles/{article_id}").get_data(as_text=True)
    blocks = page.split('<p class="sentence"')[1:]
    from_page = [[int(p) for p in re.findall(r'<button class="word[^"]*" id="w-(\d+)"', b)]
                 for b in blocks]  # fmt: skip
    assert len(from_api) == len(from_page) > 5
    # Every word button is in the sentence the API puts its token in.
    for api_words, page_words in zip(from_api, from_page, strict=True):
        assert set(page_words) <= set(api_words)
    assert sum(map(len, from_page)) > 500  # the seed's words are there to compare
