"""A teacher previews a quiz as a student sees it, and may answer it: nothing is recorded.

The questions come in the quiz's order with options laid out as an attempt would lay them
out (`attempts.make_layout`, shuffled if the quiz shuffles); the layout's random seed
travels in the form, so the answered page shows the options in the order they were seen.
Answers are graded in memory by the same rule as a student's (`grading.grade`) and never
written: no attempt, no answer, no study review.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Mapping
from dataclasses import dataclass

from learn.models import Question, Quiz
from learn.quizzes.attempts import Feedback, feedback_for_response, make_layout, quiz_with_questions
from learn.quizzes.grading import CHOICE_FORMATS

MAX_SEED = 2**31


@dataclass(frozen=True)
class PreviewRow:
    question: Question
    options: list[str]
    response: str  # "" when not answered
    feedback: Feedback | None  # None until the preview is checked, or when not answered


def new_seed() -> int:
    return secrets.randbelow(MAX_SEED)


def parse_seed(value: str | None) -> int:
    """The seed sent back by the preview form; a bad one just gives a new layout."""
    try:
        seed = int(value or "")
    except ValueError:
        return new_seed()
    return seed if 0 <= seed < MAX_SEED else new_seed()


def preview_rows(
    quiz: Quiz, seed: int, responses: Mapping[str, str] | None = None
) -> list[PreviewRow]:
    """Every question with its options; graded when `responses` (form fields
    `response_<question id>`) are given."""
    loaded = quiz_with_questions(quiz)
    layout = make_layout(loaded, random.Random(seed))
    rows = []
    for item in loaded.items:
        question = item.question
        options = list(layout["options"].get(str(question.id), question.choices))
        response = str((responses or {}).get(f"response_{question.id}", "")).strip()
        if question.format in CHOICE_FORMATS and response not in options:
            response = ""  # not one of the options shown: as if unanswered
        feedback = feedback_for_response(question, response) if responses and response else None
        rows.append(PreviewRow(question, options, response, feedback))
    return rows
