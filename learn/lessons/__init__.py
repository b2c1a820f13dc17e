"""Lessons from analysed articles: ranked vocabulary, people & places, and questions.

The one entry point the web layer needs is :func:`build_lesson`; the parts are importable for
the CLI, tests and benchmarks. Nothing here imports Flask or SQLAlchemy.
"""

from __future__ import annotations

from learn.lessons.distractors import DistractorPool
from learn.lessons.names import clean_analysis
from learn.lessons.questions import QuestionConfig, generate_questions, problems
from learn.lessons.types import Lesson, NameEntry, Question, Span, VocabEntry
from learn.lessons.vocab import RankingConfig, build_people_places, build_vocab
from learn.nlp.types import AnalyzedText


def build_lesson(
    analyzed: AnalyzedText,
    pool: DistractorPool | None = None,
    ranking: RankingConfig | None = None,
    questions: QuestionConfig | None = None,
) -> Lesson:
    """Vocabulary, people & places and questions for one analysed article (deterministic)."""
    analyzed = clean_analysis(analyzed)
    vocab = build_vocab(analyzed, ranking)
    return Lesson(
        vocab=vocab,
        people_places=build_people_places(analyzed),
        questions=generate_questions(analyzed, vocab, pool, questions),
        meta={"generator": "sahifa-lessons/1"},
    )


__all__ = [
    "DistractorPool",
    "Lesson",
    "NameEntry",
    "Question",
    "QuestionConfig",
    "RankingConfig",
    "Span",
    "VocabEntry",
    "build_lesson",
    "build_people_places",
    "build_vocab",
    "generate_questions",
    "problems",
]
