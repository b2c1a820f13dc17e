"""The learner's words as a CSV file and as an Anki deck (.apkg, built with genanki)."""

from __future__ import annotations

import csv
import io
import itertools
import json
import sqlite3
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import genanki
from markupsafe import escape
from sqlalchemy import select

from learn.extensions import db
from learn.models import Article, StudyCard
from learn.study.session import Example, example_for

CSV_COLUMNS = (
    "lemma",
    "gloss",
    "pos",
    "status",
    "due",
    "last_review",
    "stability",
    "difficulty",
    "reviews",
    "lapses",
    "article",
    "example",
)

# Fixed ids: Anki recognises a re-imported deck and note type as the same one, and a note
# by its guid (derived from the learner and lemma), so importing again updates, not doubles.
ANKI_MODEL_ID = 1_607_392_319
ANKI_DECK_ID_BASE = 2_059_400_000
ANKI_MODEL = genanki.Model(
    ANKI_MODEL_ID,
    "Sahifa word",
    fields=[{"name": "Arabic"}, {"name": "Meaning"}, {"name": "Example"}, {"name": "Source"}],
    templates=[
        {
            "name": "Arabic → meaning",
            "qfmt": '<div class="ar" dir="rtl" lang="ar">{{Arabic}}</div>',
            "afmt": '{{FrontSide}}<hr id="answer">{{Meaning}}'
            '<div class="ex" dir="rtl" lang="ar">{{Example}}</div>'
            '<div class="src">{{Source}}</div>',
        },
        {
            "name": "Meaning → Arabic",
            "qfmt": "{{Meaning}}",
            "afmt": '{{FrontSide}}<hr id="answer">'
            '<div class="ar" dir="rtl" lang="ar">{{Arabic}}</div>',
        },
    ],
    css=".card{font-family:sans-serif;font-size:22px;text-align:center}"
    ".ar,.ex{font-family:'Noto Naskh Arabic',serif}.ar{font-size:40px}"
    ".ex{font-size:24px;margin-top:1em}.src{color:#666;font-size:14px;margin-top:1em}",
)


@dataclass(frozen=True)
class WordRow:
    card: StudyCard
    article_title: str
    example: Example | None

    @property
    def example_text(self) -> str:
        return (
            "".join((self.example.before, self.example.word, self.example.after))
            if (self.example)
            else ""
        )


def word_rows(user_id: int) -> list[WordRow]:
    cards = db.session.scalars(
        select(StudyCard).where(StudyCard.user_id == user_id).order_by(StudyCard.lemma)
    ).all()
    article_ids = {c.article_id for c in cards if c.article_id is not None}
    titles: dict[int | None, str] = {
        i: title
        for i, title in db.session.execute(
            select(Article.id, Article.title).where(Article.id.in_(article_ids))
        )
    }
    return [
        WordRow(
            card,
            titles.get(card.article_id, "") if card.article_id else "",
            example_for(card.lemma, card.article_id),
        )
        for card in cards
    ]


def _iso(moment: datetime | None) -> str:
    return moment.isoformat(timespec="seconds") if moment else ""


def words_csv(rows: Sequence[WordRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        card = row.card
        writer.writerow(
            [
                _safe_cell(card.lemma),
                _safe_cell(card.gloss),
                card.pos,
                card.status,
                _iso(card.due) if card.last_review else "",
                _iso(card.last_review),
                "" if card.stability is None else f"{card.stability:.2f}",
                "" if card.difficulty is None else f"{card.difficulty:.2f}",
                card.reps,
                card.lapses,
                _safe_cell(row.article_title),
                _safe_cell(row.example_text),
            ]
        )
    return out.getvalue()


def _safe_cell(value: str) -> str:
    """Spreadsheets run cells starting with = + - @ as formulas: quote them as text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def deck_id(user_id: int) -> int:
    return ANKI_DECK_ID_BASE + user_id


def anki_deck(user_id: int, deck_name: str, rows: Sequence[WordRow]) -> genanki.Deck:
    deck = genanki.Deck(deck_id(user_id), deck_name)
    for row in rows:
        if row.card.status == "ignored":
            continue
        example = row.example
        highlighted = (
            f"{escape(example.before)}<b>{escape(example.word)}</b>{escape(example.after)}"
            if example
            else ""
        )
        deck.add_note(
            genanki.Note(
                model=ANKI_MODEL,
                fields=[
                    str(escape(row.card.lemma)),
                    str(escape(row.card.gloss)),
                    highlighted,
                    str(escape(row.article_title)),
                ],
                guid=genanki.guid_for("sahifa", user_id, row.card.lemma),
                tags=[f"sahifa::{row.card.status}"],
            )
        )
    return deck


def apkg_bytes(deck: genanki.Deck, timestamp: float) -> bytes:
    """The .apkg file in memory. genanki's own write_to_file leaves its temporary database
    behind, so the collection is written here into a folder that is always removed."""
    package = genanki.Package(deck)
    with tempfile.TemporaryDirectory() as folder:
        collection = Path(folder) / "collection.anki2"
        connection = sqlite3.connect(collection)
        try:
            # genanki numbers notes and cards from the timestamp in milliseconds.
            ids = itertools.count(int(timestamp * 1000))
            package.write_to_db(connection.cursor(), timestamp, ids)
            connection.commit()
        finally:
            connection.close()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.write(collection, "collection.anki2")
            archive.writestr("media", json.dumps({}))
        return buffer.getvalue()
