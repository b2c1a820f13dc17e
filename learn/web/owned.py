"""The signed-in teacher's own class or quiz, or the 404 page (another teacher's is not
found either, so ids leak nothing). The class, quiz and results pages look them up here;
the rules are `class_for_teacher` and `get_teacher_quiz` (whose `NotFound` the one error
handler answers, learn/web/errors.py); the API answers 404 in JSON."""

from __future__ import annotations

from flask import abort

from learn.accounts.auth import signed_in_user
from learn.classes.service import class_for_teacher
from learn.models import Classroom, Quiz
from learn.quizzes.service import get_teacher_quiz


def own_class_or_404(class_id: int) -> Classroom:
    classroom = class_for_teacher(signed_in_user(), class_id)
    if classroom is None:
        abort(404)
    return classroom


def own_quiz_or_404(quiz_id: int) -> Quiz:
    return get_teacher_quiz(signed_in_user(), quiz_id)
