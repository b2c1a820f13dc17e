"""Quiz pages. `/quizzes` is the teacher's quiz list or the student's dashboard.

The views live in two modules that register on the blueprint (`learn.quizzes.blueprint`):
`review_views` (teachers: question review, writing questions, building and assigning
quizzes) and `take_views` (students: dashboard, taking a quiz, results). Importing this
module registers them all; the app's blueprint list names it.
"""

from __future__ import annotations

from flask.typing import ResponseReturnValue

from learn.accounts.auth import login_required, signed_in_user
from learn.models import Question
from learn.quizzes import review_views, take_views
from learn.quizzes.blueprint import bp
from learn.quizzes.questions import OPTION_LETTERS, EvidenceParts, evidence_parts

__all__ = ["bp"]


@bp.app_template_global("question_evidence")
def question_evidence(question: Question) -> EvidenceParts | None:
    return evidence_parts(question)


@bp.app_template_global("option_letter")
def option_letter(index: int) -> str:
    """The letter of a question's option on paper: 0 → أ, 1 → ب, …"""
    return OPTION_LETTERS[index]


@bp.get("/")
@login_required
def index() -> ResponseReturnValue:
    if signed_in_user().is_teacher:
        return review_views.teacher_index()
    return take_views.dashboard()
