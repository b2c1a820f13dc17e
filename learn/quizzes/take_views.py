"""Student pages: the dashboard of assigned quizzes, taking a quiz, and its results.

Plain forms and redirects (post/redirect/get), so reloading a page never resends an answer;
the answer services are idempotent anyway.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from learn.accounts.auth import signed_in_user, student_required
from learn.extensions import row_id
from learn.models import Attempt
from learn.quizzes import attempts
from learn.quizzes.blueprint import bp, now
from learn.quizzes.errors import Conflict, InvalidInput


def dashboard() -> ResponseReturnValue:
    student = signed_in_user()
    return render_template(
        "quizzes/dashboard.html", rows=attempts.student_assignments(student, now())
    )


def _to_attempt(attempt_id: int, answered: int | None = None) -> ResponseReturnValue:
    # By id, not from the attempt: after the answer's commit its attributes would be read
    # from the database again just to build this URL.
    return redirect(url_for("quizzes.attempt", attempt_id=attempt_id, answered=answered))


@bp.post("/assignments/<int:assignment_id>/start")
@student_required
def start(assignment_id: int) -> ResponseReturnValue:
    """Start a new attempt, or resume the open one: both land on the attempt page."""
    student = signed_in_user()
    assignment = attempts.get_student_assignment(student, assignment_id)
    try:
        attempt, _created = attempts.start_or_resume(student, assignment, now())
    except Conflict as error:  # closed, or no attempts left: the quiz list says so
        flash(error.message, "error")
        return redirect(url_for("quizzes.index"))
    return _to_attempt(row_id(attempt))


@bp.get("/attempts/<int:attempt_id>")
@student_required
def attempt(attempt_id: int) -> ResponseReturnValue:
    student = signed_in_user()
    current = attempts.get_student_attempt(student, attempt_id)
    attempts.close_if_expired(current, now())
    quiz = current.assignment.quiz
    if current.submitted_at is not None:
        rows = attempts.results(current)
        correct = sum(1 for _question, _answer, feedback in rows if feedback and feedback.correct)
        return render_template(
            "quizzes/results.html",
            attempt=current,
            quiz=quiz,
            rows=rows,
            correct=correct,
            # The next step it offers: another attempt while attempts remain.
            status=attempts.assignment_status(student, current.assignment, now()),
        )
    common: dict[str, object] = {
        "attempt": current,
        "quiz": quiz,
        "deadline": attempts.deadline(current),
    }
    if quiz.feedback == "end":
        return render_template(
            "quizzes/take_all.html",
            questions=attempts.attempt_questions(current),
            answers=attempts.answers_by_question(current),
            options_for=attempts.options_for,
            **common,
        )
    return _one_at_a_time(current, common)


def _one_at_a_time(current: Attempt, common: dict[str, object]) -> ResponseReturnValue:
    """The next unanswered question, after the feedback on the one just answered if any."""
    questions = attempts.attempt_questions(current)
    answers = attempts.answers_by_question(current)
    shown = None
    shown_id = request.args.get("answered", type=int)
    if shown_id is not None and shown_id in answers:
        question = next((q for q in questions if q.id == shown_id), None)
        if question is not None:
            shown = (question, attempts.feedback_for(question, answers[shown_id]))
    upcoming = attempts.next_unanswered(questions, answers)
    return render_template(
        "quizzes/take_one.html",
        shown=shown,
        question=upcoming,
        options=attempts.options_for(current, upcoming) if upcoming else [],
        number=len(answers) + 1,
        total=len(questions),
        **common,
    )


@bp.post("/attempts/<int:attempt_id>/answer")
@student_required
def answer(attempt_id: int) -> ResponseReturnValue:
    """One-at-a-time mode: store the answer, then show its feedback and the next question."""
    current = attempts.get_student_attempt(signed_in_user(), attempt_id)
    question_id = request.form.get("question_id", type=int)
    try:
        attempts.record_answer(current, question_id or 0, request.form.get("response"), now())
    except (InvalidInput, Conflict) as error:  # the question again, the message above it
        flash(error.message, "error")
        return _to_attempt(attempt_id)
    return _to_attempt(attempt_id, answered=question_id)


@bp.post("/attempts/<int:attempt_id>/answers")
@student_required
def save_all(attempt_id: int) -> ResponseReturnValue:
    """All-at-once mode: store every answered question; submit if the student asked to."""
    current = attempts.get_student_attempt(signed_in_user(), attempt_id)
    problems = []
    for question in attempts.attempt_questions(current):
        response = request.form.get(f"response_{question.id}", "").strip()
        if not response:
            continue
        try:
            attempts.record_answer(current, question.id, response, now())
        except InvalidInput as error:  # the others are still saved; each problem is listed
            problems.append(f"Question {question.id}: {error.message}")
        except Conflict as error:
            flash(error.message, "error")
            return _to_attempt(attempt_id)
    for problem in problems:
        flash(problem, "error")
    if request.form.get("action") == "submit" and not problems:
        attempts.submit(current, now())
    elif not problems:
        flash("Your answers are saved. You can come back and finish later.", "success")
    return _to_attempt(attempt_id)


@bp.post("/attempts/<int:attempt_id>/submit")
@student_required
def submit(attempt_id: int) -> ResponseReturnValue:
    current = attempts.get_student_attempt(signed_in_user(), attempt_id)
    attempts.submit(current, now())
    return _to_attempt(attempt_id)
