"""All database models, importable from one place (Alembic reads this module's metadata)."""

from learn.models.accounts import ROLES, ApiToken, User
from learn.models.articles import (
    QUESTION_FORMATS,
    QUESTION_STATUSES,
    Article,
    ArticleToken,
    Correction,
    Question,
    VocabEntry,
)
from learn.models.base import Base
from learn.models.classes import Classroom, Enrollment
from learn.models.quizzes import Answer, Assignment, Attempt, Quiz, QuizQuestion
from learn.models.results import WordLookup
from learn.models.study import STUDY_STATUSES, StudyCard, StudyReview, StudySettings

__all__ = [
    "QUESTION_FORMATS",
    "QUESTION_STATUSES",
    "ROLES",
    "STUDY_STATUSES",
    "Answer",
    "ApiToken",
    "Article",
    "ArticleToken",
    "Assignment",
    "Attempt",
    "Base",
    "Classroom",
    "Correction",
    "Enrollment",
    "Question",
    "Quiz",
    "QuizQuestion",
    "StudyCard",
    "StudyReview",
    "StudySettings",
    "User",
    "VocabEntry",
    "WordLookup",
]
