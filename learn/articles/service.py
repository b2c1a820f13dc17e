"""Importing articles (checked, analysed, stored with their lesson in one transaction),
re-analysing them, and importing the seed articles shipped in `seeds/`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from learn.articles.reading import NOT_WORDS, READING_COLUMNS, ReadingToken
from learn.articles.validation import ArticleInput, ArticleInputError, check_article
from learn.extensions import db
from learn.models import Article, ArticleToken, Question, User, VocabEntry
from learn.models.base import utcnow
from learn.nlp.text import TextError
from learn.study.stats import known_shares

if TYPE_CHECKING:
    from learn.articles.analysis import Analysis


class SeedError(ValueError):
    """A seed's metadata file is malformed; the message names the file."""


class DuplicateArticleError(ArticleInputError):
    """The same text was imported before (409); ``existing`` is that article, which the
    answer links to (the API's ``Location`` header)."""

    status = 409

    def __init__(self, existing: Article) -> None:
        super().__init__(
            f"This text has already been imported as article {existing.id}, "
            f"“{existing.title}”. Open that article instead."
        )
        self.existing = existing
        self.points_to = ("article", existing.id)


@dataclass(frozen=True)
class SeedArticle:
    name: str  # the metadata file's stem, unique within seeds/
    title: str
    source: str
    language: str
    published: date | None
    text: str


def text_fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- import


def import_article(
    title: str,
    source: str,
    published: date | str | None,
    text: str | bytes,
    created_by: User | None,
    seed_name: str | None = None,
) -> Article:
    """Check, analyse and store an article with its tokens, vocabulary and questions.

    Raises :class:`ArticleInputError` (nothing stored) for bad input and
    :class:`DuplicateArticleError` when the text was imported before. The article and its
    whole lesson are committed together, or not at all.
    """
    checked = check_article(title, source, published, text, current_app.config["MAX_ARTICLE_BYTES"])
    fingerprint = text_fingerprint(checked.text)
    _refuse_duplicate(fingerprint)
    analysis = _analyse(checked.text)
    from learn.articles.analysis import question_rows

    article = _new_article(checked, fingerprint, created_by, seed_name)
    _attach_analysis(article, analysis)
    article.questions = question_rows(analysis.lesson)
    db.session.add(article)
    try:
        db.session.commit()
    except IntegrityError:
        # Another request stored the same text (or seed) between our check and our commit.
        db.session.rollback()
        _refuse_duplicate(fingerprint)
        raise
    return article


def refuse_duplicate_text(text: str) -> None:
    """Raise :class:`DuplicateArticleError` when this (checked) text was imported before:
    the import form says so before the teacher confirms a file's text."""
    _refuse_duplicate(text_fingerprint(text))


def _refuse_duplicate(fingerprint: str) -> None:
    existing = db.session.scalar(select(Article).where(Article.text_sha256 == fingerprint))
    if existing is not None:
        raise DuplicateArticleError(existing)


# The bridge to the analysis engine and lesson builder (learn.articles.analysis) is imported
# inside the functions that use it: the web app should load those layers and their word
# lists when it first analyses a text, not at every start.


def _analyse(text: str, article_id: int | None = None) -> Analysis:
    from learn.articles.analysis import analyse_text

    try:
        return analyse_text(text, current_app.config["SAHIFA_DATA_DIR"], article_id)
    except TextError as exc:
        raise ArticleInputError(f"The text cannot be analysed: {exc}.") from None


def _new_article(
    checked: ArticleInput, fingerprint: str, created_by: User | None, seed_name: str | None
) -> Article:
    return Article(
        title=checked.title,
        source=checked.source,
        published=checked.published,
        text=checked.text,
        text_sha256=fingerprint,
        seed_name=seed_name,
        created_by_id=created_by.id if created_by else None,
    )


def _attach_analysis(article: Article, analysis: Analysis) -> None:
    from learn.articles.analysis import token_rows, vocab_rows

    article.tokens = token_rows(analysis.analyzed)
    article.vocabulary = vocab_rows(analysis.lesson)
    article.analysed_at = utcnow()


def reanalyse_article(article: Article) -> Article:
    """Analyse the article again (e.g. after the engine or many corrections changed).

    Tokens and both vocabulary lists are replaced. Questions are kept as they are (a teacher
    may have reviewed or edited them, quizzes may use them); generated questions whose id is
    new are added, pending review. Idempotent: with nothing changed in between, a second run
    leaves the same tokens, lists and questions (the token and list rows are rewritten).
    """
    from learn.articles.analysis import question_rows

    analysis = _analyse(article.text, article.id)
    article.tokens.clear()
    article.vocabulary.clear()
    db.session.flush()  # delete the old rows before inserting rows with the same unique keys
    _attach_analysis(article, analysis)
    known = set(db.session.scalars(select(Question.uid).where(Question.article_id == article.id)))
    for row in question_rows(analysis.lesson):
        if row.uid not in known:
            article.questions.append(row)
    db.session.commit()
    return article


# --------------------------------------------------------------------------- seeds


def read_seed(meta_path: Path) -> SeedArticle:
    """Read one `<name>.json` metadata file and the text file it names."""
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        text_path = meta_path.parent / meta["text_file"]
        text = text_path.read_text(encoding="utf-8").strip()
        published = date.fromisoformat(meta["published"]) if meta.get("published") else None
        return SeedArticle(
            name=meta_path.stem,
            title=meta["title"],
            source=meta.get("source", ""),
            language=meta.get("language", "ar"),
            published=published,
            text=text,
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SeedError(f"{meta_path}: {exc}") from exc


def list_seeds(seeds_dir: Path) -> list[SeedArticle]:
    return [read_seed(path) for path in sorted(seeds_dir.glob("*.json"))]


def import_seeds(seeds_dir: Path) -> list[Article]:
    """Import (and analyse) every seed not imported yet; returns the newly created articles.

    Idempotent: a seed is recognised by its name and by its text, so running this on every
    start imports nothing the second time. A seed stored without analysis (by an older
    version) is analysed now.
    """
    created = []
    for seed in list_seeds(seeds_dir):
        known = db.session.scalar(
            select(Article).where(
                (Article.seed_name == seed.name)
                | (Article.text_sha256 == text_fingerprint(seed.text))
            )
        )
        if known is not None:
            if known.analysed_at is None:
                reanalyse_article(known)
            continue
        try:
            article = import_article(
                seed.title, seed.source, seed.published, seed.text, None, seed_name=seed.name
            )
        except DuplicateArticleError:
            continue  # another process imported it a moment ago
        except ArticleInputError as exc:
            raise SeedError(f"{seeds_dir / seed.name}.json: {exc}") from exc
        created.append(article)
    return created


# --------------------------------------------------------------------------- reading


def list_articles() -> list[Article]:
    return list(db.session.scalars(select(Article).order_by(Article.created_at.desc(), Article.id)))


def get_article(article_id: int) -> Article | None:
    return db.session.get(Article, article_id)


def article_tokens(article: Article) -> list[ArticleToken]:
    return list(
        db.session.scalars(
            select(ArticleToken)
            .where(ArticleToken.article_id == article.id)
            .order_by(ArticleToken.position)
        )
    )


def reading_tokens(article: Article) -> list[ReadingToken]:
    """The article's tokens in order, only the columns the reading view shows (plain rows:
    building ORM objects for every token was a quarter of the page's time)."""
    rows = db.session.execute(
        select(*READING_COLUMNS)
        .where(ArticleToken.article_id == article.id)
        .order_by(ArticleToken.position)
    )
    return [ReadingToken(*row) for row in rows]


def lemma_tokens(article: Article, lemma: str) -> list[ReadingToken]:
    """Every token of the article with this lemma (to restyle them when the reader marks it)."""
    rows = db.session.execute(
        select(*READING_COLUMNS)
        .where(ArticleToken.article_id == article.id, ArticleToken.lemma == lemma)
        .order_by(ArticleToken.position)
    )
    return [ReadingToken(*row) for row in rows if row.pos not in NOT_WORDS]


def get_token(article: Article, position: int) -> ArticleToken | None:
    return db.session.scalar(
        select(ArticleToken).where(
            ArticleToken.article_id == article.id, ArticleToken.position == position
        )
    )


def vocabulary_list(article: Article, list_name: str) -> list[VocabEntry]:
    return list(
        db.session.scalars(
            select(VocabEntry)
            .where(VocabEntry.article_id == article.id, VocabEntry.list_name == list_name)
            .order_by(VocabEntry.rank, VocabEntry.id)
        )
    )


class VocabRow(NamedTuple):
    """What the reading view's vocabulary list shows of an entry (no JSON `data` to decode:
    decoding 300 entries' examples was a fifth of the page's time)."""

    lemma: str
    gloss: str
    pos: str
    occurrences: int


def vocabulary_rows(article: Article) -> list[VocabRow]:
    rows = db.session.execute(
        select(VocabEntry.lemma, VocabEntry.gloss, VocabEntry.pos, VocabEntry.count)
        .where(VocabEntry.article_id == article.id, VocabEntry.list_name == "vocab")
        .order_by(VocabEntry.rank, VocabEntry.id)
    )
    return [VocabRow(*row) for row in rows]


def pending_question_count(article: Article) -> int:
    return (
        db.session.scalar(
            select(func.count())
            .select_from(Question)
            .where(Question.article_id == article.id, Question.status == "pending")
        )
        or 0
    )


def sentence_tokens(article: Article, sentence: int) -> list[ArticleToken]:
    return list(
        db.session.scalars(
            select(ArticleToken)
            .where(ArticleToken.article_id == article.id, ArticleToken.sentence == sentence)
            .order_by(ArticleToken.position)
        )
    )


def known_shares_for(user: User | None, articles: list[Article]) -> dict[int, float | None]:
    """For each article, the share of its vocabulary the signed-in learner already knows
    (None for an article without vocabulary)."""
    if user is None:
        return {}
    return known_shares(user.id, [article.id for article in articles])
