"""Study fixtures: learners and articles with vocabulary, stored directly (no analysis run),
so the tests control every lemma, count and example sentence."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask

from learn.extensions import db
from learn.models import Article, User, VocabEntry

_numbers = itertools.count(1)

SENTENCE = "قال الرئيس إن الحكومة ستعقد اجتماعا"


def store_learner(
    username: str | None = None, timezone: str = "UTC", retention: float = 0.9
) -> int:
    user = User(
        username=username or f"learner{next(_numbers)}",
        password_hash="-",
        role="student",
        timezone=timezone,
        desired_retention=retention,
    )
    user.username_key = user.username.lower()
    db.session.add(user)
    db.session.commit()
    return user.id


def store_article(words: list[dict[str, Any]], title: str | None = None) -> int:
    """An article whose vocabulary list is `words` (lemma, gloss, and optional pos, count,
    domain, rank, list_name, examples)."""
    number = next(_numbers)
    article = Article(
        title=title or f"مقال {number}",
        text=f"{SENTENCE} {number}",
        text_sha256=f"{number:064d}",
    )
    for rank, word in enumerate(words, start=1):
        article.vocabulary.append(
            VocabEntry(
                lemma=word["lemma"],
                pos=word.get("pos", "noun"),
                gloss=word.get("gloss", "gloss"),
                count=word.get("count", 1),
                rank=word.get("rank", rank),
                domain=word.get("domain", "general"),
                list_name=word.get("list_name", "vocab"),
                data={"examples": word.get("examples", [])},
            )
        )
    db.session.add(article)
    db.session.commit()
    return article.id


@pytest.fixture
def ctx(app: Flask):
    with app.app_context():
        yield app


@pytest.fixture
def learner(ctx: Flask) -> Callable[..., int]:
    return store_learner
