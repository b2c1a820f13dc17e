"""Running the analysis engine and the lesson builder for an article, and turning their output
into database rows.

The pure layers (`learn.nlp`, `learn.lessons`) know nothing of the database; this module is the
bridge: it reads the teachers' corrections and a distractor pool from the database, calls the
layers, and builds (but does not commit) the rows of tokens, vocabulary and questions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from learn.extensions import db
from learn.lessons import build_lesson
from learn.lessons.distractors import DistractorPool, GlossItem
from learn.lessons.types import Lesson, NameEntry
from learn.lessons.types import Question as LessonQuestion
from learn.lessons.types import VocabEntry as LessonVocab
from learn.models import Article, ArticleToken, Correction, Question, VocabEntry
from learn.nlp.engine import get_engine
from learn.nlp.lexicon import Correction as LexCorrection
from learn.nlp.types import Alternative, AnalyzedText, WordPart

# Distractors come from the newest articles only: a few hundred candidates are plenty, and the
# query stays cheap however many articles the app holds.
POOL_ARTICLES = 20
POOL_MAX_WORDS = 400
NAME_LISTS = {"PERSON": "persons", "ORGANIZATION": "organizations", "LOCATION": "locations"}


@dataclass(frozen=True)
class Analysis:
    """The engine's output for one text and the lesson built from it."""

    analyzed: AnalyzedText
    lesson: Lesson


def analyse_text(text: str, data_dir: str | Path, exclude_article: int | None = None) -> Analysis:
    """Analyse ``text`` with every stored correction, and build its lesson.

    Raises ``learn.nlp.text.TextError`` when the engine refuses the text. Reads the database
    (corrections, distractor pool) but writes nothing.
    """
    analyzed = get_engine(data_dir).analyze(text, corrections=stored_corrections())
    lesson = build_lesson(analyzed, pool=distractor_pool(exclude_article))
    return Analysis(analyzed, lesson)


def stored_corrections() -> list[LexCorrection]:
    """Teachers' corrections as the engine's overlay entries (oldest first: newer ones win)."""
    rows = db.session.scalars(select(Correction).order_by(Correction.id))
    return [
        LexCorrection(surface=c.surface, lemma=c.lemma, gloss=c.gloss, pos=c.pos, root=c.root)
        for c in rows
    ]


def distractor_pool(exclude_article: int | None = None) -> DistractorPool:
    """Names and words of the newest stored articles, as wrong answers for a new lesson."""
    newest = select(Article.id).order_by(Article.id.desc()).limit(POOL_ARTICLES)
    if exclude_article is not None:
        newest = newest.where(Article.id != exclude_article)
    rows = db.session.execute(
        select(
            VocabEntry.list_name,
            VocabEntry.lemma,
            VocabEntry.pos,
            VocabEntry.gloss,
            VocabEntry.domain,
            VocabEntry.root,
            VocabEntry.data,
        )
        .where(VocabEntry.article_id.in_(newest.scalar_subquery()))
        .order_by(VocabEntry.article_id.desc(), VocabEntry.rank)
    )
    pool = DistractorPool()
    seen: set[str] = set()
    for list_name, lemma, pos, gloss, domain, root, data in rows:
        if lemma in seen:
            continue
        seen.add(lemma)
        if list_name == "people_places":
            names = getattr(pool, NAME_LISTS.get(str((data or {}).get("type")), ""), None)
            if names is not None:
                names.append(lemma)
        elif gloss and len(pool.words) < POOL_MAX_WORDS:
            first_sense = gloss.split(";")[0].strip()
            pool.words.append(GlossItem(lemma, pos, first_sense, domain, root))
    return pool


# --------------------------------------------------------------------------- rows


def token_rows(analyzed: AnalyzedText) -> list[ArticleToken]:
    """Every token (words and punctuation) in text order; ``position`` numbers them."""
    return [
        ArticleToken(
            position=position,
            sentence=token.sentence,
            index=token.index,
            start=token.start,
            end=token.end,
            surface=token.surface,  # whole: text[start:end] (models/articles.py)
            diac=clip(token.diac, 150),
            lemma=clip(token.lemma, 100),
            pos=clip(token.pos, 20),
            gloss=clip(token.gloss, 300),
            root=token.root[:20] if token.root else None,
            entity=token.entity,
            source=clip(token.source, 20),
            parts=[_part_row(part) for part in token.parts],
            alternatives=[_alternative_row(alt) for alt in token.alternatives],
            root_note=token.root_note,
        )
        for position, token in enumerate(analyzed.tokens)
    ]


def _part_row(part: WordPart) -> dict[str, str]:
    return {"kind": part.kind, "form": clip(part.form, 100), "gloss": clip(part.gloss, 100)}


def _alternative_row(alt: Alternative) -> dict[str, str]:
    return {
        "lemma": clip(alt.lemma, 100),
        "pos": clip(alt.pos, 20),
        "gloss": clip(alt.gloss, 300),
        "diac": clip(alt.diac, 150),
    }


def vocab_rows(lesson: Lesson) -> list[VocabEntry]:
    """Both lists: the ranked vocabulary, then the people & places (ranked in lesson order)."""
    rows = [_vocab_row(entry) for entry in lesson.vocab]
    rows += [_name_row(rank, entry) for rank, entry in enumerate(lesson.people_places, 1)]
    return list(_unique_rows(rows))


def _vocab_row(entry: LessonVocab) -> VocabEntry:
    return VocabEntry(
        lemma=clip(entry.lemma, 100),
        pos=clip(entry.pos, 20),
        gloss=clip(entry.gloss, 300),
        root=entry.root[:20] if entry.root else None,
        count=entry.count,
        rank=entry.rank,
        zipf=entry.zipf,
        domain=clip(entry.domain, 40),
        list_name="vocab",
        data=entry.to_dict(),
    )


def _name_row(rank: int, entry: NameEntry) -> VocabEntry:
    return VocabEntry(
        lemma=clip(entry.name, 100),
        pos="noun_prop",
        gloss=clip(entry.gloss or "", 300),
        root=None,
        count=entry.count,
        rank=rank,
        zipf=None,
        domain="general",
        list_name="people_places",
        data=entry.to_dict(),
    )


def _unique_rows(rows: Iterable[VocabEntry]) -> Iterable[VocabEntry]:
    """The lesson layer merges entries by lemma; this guards the unique constraint anyway."""
    seen: set[tuple[str, str, str]] = set()
    for row in rows:
        key = (row.list_name, row.lemma, row.pos)
        if key not in seen:
            seen.add(key)
            yield row


QUESTION_FORMAT = {"true_false": "true_false"}  # every other generated type is multiple choice


def question_row(question: LessonQuestion) -> Question:
    """A generated question, pending a teacher's review. Evidence offsets are in the evidence
    sentence (``evidence_text``), as the lesson layer gives them."""
    return Question(
        uid=clip(question.id, 64),
        type=clip(question.type, 20),
        format=QUESTION_FORMAT.get(question.type, "multiple_choice"),
        prompt_ar=question.prompt_ar,
        prompt_en=question.prompt_en,
        answer=question.answer,
        choices=list(question.choices),
        accepted_answers=[],
        evidence_text=question.evidence.text,
        evidence_start=question.evidence.start,
        evidence_end=question.evidence.end,
        difficulty=question.difficulty,
        lemma=clip(question.lemma, 100) if question.lemma else None,
        status="pending",
        origin="generated",
        data=question.to_dict(),
    )


def question_rows(lesson: Lesson) -> list[Question]:
    seen: set[str] = set()
    rows = []
    for question in lesson.questions:
        if question.id not in seen:
            seen.add(question.id)
            rows.append(question_row(question))
    return rows


def clip(value: str, limit: int) -> str:
    """Fit a column: engines can produce long strings (a URL token, a many-sense gloss)."""
    return value if len(value) <= limit else value[:limit]
