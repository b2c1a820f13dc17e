"""Teachers' corrections of a word's lemma and gloss.

A correction is stored once per written form (`corrections.surface` is unique: correcting the
same word again replaces the earlier correction). It is applied at once to every token of the
article with that written form and to the word's vocabulary entry, and every later import
passes it to the analysis engine (`learn.articles.analysis.stored_corrections`), so the word is
analysed the corrected way in new articles too. Articles imported before are not changed:
their teachers may have reviewed them; `reanalyse_article` applies corrections to one on request.
"""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from learn.errors import FieldError
from learn.extensions import db
from learn.models import Article, ArticleToken, Correction, User, VocabEntry
from learn.models.base import utcnow

LEMMA_MAX = 100
GLOSS_MAX = 300
_ARABIC_LETTER = re.compile(r"[\u0621-\u063a\u0641-\u064a\u0671-\u06d3]")


class CorrectionError(FieldError):
    """The correction is not usable (422); ``str(error)`` says why, ``field`` which input."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(field, message)


def check_correction(lemma: str, gloss: str) -> tuple[str, str]:
    lemma = " ".join((lemma or "").split())
    gloss = "; ".join(s.strip() for s in (gloss or "").split(";") if s.strip())
    if not lemma:
        raise CorrectionError("Give the lemma (the dictionary form, in Arabic).", "lemma")
    if not _ARABIC_LETTER.search(lemma):
        raise CorrectionError("The lemma must be written in Arabic letters.", "lemma")
    if len(lemma) > LEMMA_MAX:
        raise CorrectionError(f"The lemma is too long (at most {LEMMA_MAX} characters).", "lemma")
    if not gloss:
        raise CorrectionError("Give the English meaning (the gloss).", "gloss")
    if len(gloss) > GLOSS_MAX:
        raise CorrectionError(f"The gloss is too long (at most {GLOSS_MAX} characters).", "gloss")
    return lemma, gloss


def correct_word(
    article: Article, token: ArticleToken, lemma: str, gloss: str, teacher: User
) -> Correction:
    """Store the correction of ``token``'s written form and apply it to ``article`` at once."""
    lemma, gloss = check_correction(lemma, gloss)
    old_lemma, pos = token.lemma, token.pos
    correction = _save_correction(article, token, lemma, gloss, teacher)
    for same in _tokens_written(article, token.surface):
        same.lemma, same.gloss, same.source = lemma, gloss, "correction"
        same.alternatives = []  # a teacher has decided: no longer a close call
    _correct_vocab_entry(article, old_lemma, pos, lemma, gloss)
    db.session.commit()
    return correction


def _save_correction(
    article: Article, token: ArticleToken, lemma: str, gloss: str, teacher: User
) -> Correction:
    """Insert or replace the one correction of this written form.

    INSERT … ON CONFLICT DO UPDATE: two teachers (or a double click) correcting the same word
    at once leave one row, the later correction's, and neither request fails.
    """
    values = {
        "article_id": article.id,
        "lemma": lemma,
        "gloss": gloss,
        "pos": token.pos or None,
        "root": token.root,
        "created_by_id": teacher.id,
        "created_at": utcnow(),
    }
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        insert(Correction)
        .values(surface=token.surface, **values)
        .on_conflict_do_update(index_elements=["surface"], set_=values)
        .returning(Correction.id)
    )
    correction_id = db.session.execute(statement).scalar_one()
    correction = db.session.get(Correction, correction_id, populate_existing=True)
    assert correction is not None  # just written in this transaction
    return correction


def _tokens_written(article: Article, surface: str) -> list[ArticleToken]:
    return list(
        db.session.scalars(
            select(ArticleToken).where(
                ArticleToken.article_id == article.id, ArticleToken.surface == surface
            )
        )
    )


def _correct_vocab_entry(
    article: Article, old_lemma: str, pos: str, lemma: str, gloss: str
) -> None:
    """Rename the word's vocabulary entry and give it the new gloss.

    When the new lemma already has its own entry, that entry gets the gloss and the old entry
    (which may cover other written forms) is left as it was.
    """
    entry = _vocab_entry(article, old_lemma, pos)
    if entry is None:
        return
    target = _vocab_entry(article, lemma, pos) if lemma != old_lemma else entry
    if target is None:
        target = entry
        target.lemma = lemma
    target.gloss = gloss
    target.data = {**(target.data or {}), "lemma": target.lemma, "gloss": gloss}


def _vocab_entry(article: Article, lemma: str, pos: str) -> VocabEntry | None:
    return db.session.scalar(
        select(VocabEntry).where(
            VocabEntry.article_id == article.id,
            VocabEntry.list_name == "vocab",
            VocabEntry.lemma == lemma,
            VocabEntry.pos == pos,
        )
    )
