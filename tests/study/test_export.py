"""CSV and Anki exports: open the files and read what is in them."""

from __future__ import annotations

import csv
import io
import sqlite3
import uuid
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from learn.extensions import db
from learn.models import User
from learn.study import export, service
from tests.study.conftest import SENTENCE, store_article, store_learner

WHEN = datetime(2026, 2, 1, 8, 30, tzinfo=UTC)


def _history() -> tuple[int, int]:
    learner = store_learner()
    article = store_article(
        [
            {
                "lemma": "رَئِيس",
                "gloss": "president",
                "examples": [{"text": SENTENCE, "start": 4, "end": 10}],
            },
            {"lemma": "حُكُومَة", "gloss": '=HYPERLINK("x")'},
            {"lemma": "شَيْء", "gloss": "thing"},
        ],
        title="عنوان المقال",
    )
    user = db.session.get(User, learner)
    service.submit_review(user, "رَئِيس", 3, str(uuid.uuid4()), when=WHEN, article_id=article)
    service.add_word(learner, "حُكُومَة", article)
    ignored = service.add_word(learner, "شَيْء", article)
    service.set_status(ignored, "ignored")
    other = store_learner()
    service.add_word(other, "رَئِيس", article)  # someone else's card: never exported here
    return learner, article


def test_csv_lists_the_learners_words_with_their_schedule(ctx) -> None:
    learner, _article = _history()
    rows = list(csv.DictReader(io.StringIO(export.words_csv(export.word_rows(learner)))))
    assert [r["lemma"] for r in rows] == ["حُكُومَة", "رَئِيس", "شَيْء"]
    president = rows[1]
    assert president["gloss"] == "president"
    assert president["status"] == "learning"
    assert president["last_review"] == "2026-02-01T08:30:00+00:00"
    assert president["due"] == "2026-02-01T08:40:00+00:00"  # Good on a new card: 10 min step
    assert president["reviews"] == "1" and president["lapses"] == "0"
    assert president["article"] == "عنوان المقال"
    assert president["example"] == SENTENCE
    # A never-reviewed word has no schedule yet; a formula-like cell is defused.
    assert rows[0]["due"] == "" and rows[0]["gloss"] == '\'=HYPERLINK("x")'
    assert rows[2]["status"] == "ignored"


def test_anki_package_holds_one_note_per_studied_word(ctx, tmp_path: Path) -> None:
    learner, _article = _history()
    deck = export.anki_deck(learner, "Sahifa::learner", export.word_rows(learner))
    data = export.apkg_bytes(deck, WHEN.timestamp())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert set(archive.namelist()) == {"collection.anki2", "media"}
        (tmp_path / "collection.anki2").write_bytes(archive.read("collection.anki2"))
    connection = sqlite3.connect(tmp_path / "collection.anki2")
    try:
        notes = connection.execute(
            "SELECT guid, mid, flds, tags FROM notes ORDER BY sfld"
        ).fetchall()
        decks_json, models_json = connection.execute("SELECT decks, models FROM col").fetchone()
        card_count = connection.execute("SELECT count(*) FROM cards").fetchone()[0]
    finally:
        connection.close()
    fields = [n[2].split("\x1f") for n in notes]
    assert [f[0] for f in fields] == ["حُكُومَة", "رَئِيس"]  # the ignored word is left out
    president = fields[1]
    assert president[1] == "president"
    assert president[2] == "قال <b>الرئيس</b> إن الحكومة ستعقد اجتماعا"
    assert president[3] == "عنوان المقال"
    assert fields[0][1] == "=HYPERLINK(&#34;x&#34;)"  # escaped as HTML for Anki
    assert {n[1] for n in notes} == {export.ANKI_MODEL_ID}
    assert card_count == 4  # two templates per note: Arabic → meaning, meaning → Arabic
    assert str(export.deck_id(learner)) in decks_json and "Sahifa::learner" in decks_json
    assert str(export.ANKI_MODEL_ID) in models_json
    # Stable ids: exporting again gives the same note guids, so Anki updates, not doubles.
    again = export.anki_deck(learner, "Sahifa::learner", export.word_rows(learner))
    assert sorted(n.guid for n in again.notes) == sorted(n[0] for n in notes)
