"""Teacher pages: review an article's questions, write new ones, build and assign quizzes."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from learn.accounts.auth import signed_in_user, teacher_required
from learn.articles.service import list_articles
from learn.extensions import db
from learn.models import Question, Quiz
from learn.quizzes import forms, preview, questions, service
from learn.quizzes.blueprint import bp, now
from learn.quizzes.errors import Conflict, InvalidInput, QuizError
from learn.web.bidi import isolate
from learn.web.htmx import is_htmx
from learn.web.owned import own_quiz_or_404


def teacher_index() -> ResponseReturnValue:
    teacher = signed_in_user()
    return render_template(
        "quizzes/teacher_index.html",
        quizzes=service.teacher_quizzes(teacher),
        articles=list_articles(),
    )


# -- question review --------------------------------------------------------------------------


@bp.get("/articles/<int:article_id>/questions")
@teacher_required
def review(article_id: int) -> ResponseReturnValue:
    teacher = signed_in_user()
    article = questions.get_article(article_id)
    status = request.args.get("status") or None
    if status not in (None, "pending", "approved", "rejected"):
        status = None
    all_questions = questions.article_questions(teacher, article)
    shown = [q for q in all_questions if status is None or q.status == status]
    return render_template(
        "quizzes/review.html",
        article=article,
        questions=shown,
        counts=questions.status_counts(all_questions),
        related=questions.related_questions(all_questions),
        status=status,
    )


def _row(question: Question, status_code: int = 200) -> ResponseReturnValue:
    """One review row (htmx), with the other questions on its evidence sentence."""
    article = questions.get_article(question.article_id)
    related = questions.related_questions(questions.article_questions(signed_in_user(), article))
    page = render_template("quizzes/_question_row.html", question=question, related=related)
    return page, status_code


STATUS_DONE = {
    "approved": "Approved",
    "rejected": "Rejected",
    "pending": "Returned to pending",
}


@bp.post("/articles/<int:article_id>/questions/status")
@teacher_required
def set_statuses(article_id: int) -> ResponseReturnValue:
    """The review page's bulk action: one status for every ticked question, or none."""
    article = questions.get_article(article_id)
    status = request.form.get("status", "")
    try:
        changed = questions.set_statuses(
            signed_in_user(), article, request.form.getlist("question_id"), status
        )
    except InvalidInput as error:  # back on the review page, the message above the list
        flash(error.message, "error")
    else:
        plural = "question" if len(changed) == 1 else "questions"
        flash(f"{STATUS_DONE[status]}: {len(changed)} {plural}.", "success")
    shown = request.form.get("filter") or None
    if shown not in STATUS_DONE:
        shown = None
    return redirect(url_for("quizzes.review", article_id=article.id, status=shown))


def _edit_form(
    question: Question, values: dict[str, Any] | None = None, error: QuizError | None = None
) -> ResponseReturnValue:
    page = render_template(
        "quizzes/_question_edit.html", question=question, values=values, error=error
    )
    # htmx swaps only 2xx answers in, so the form with its errors comes back as 200 there.
    return page, 200 if is_htmx() or error is None else 422


@bp.post("/questions/<int:question_id>/status")
@teacher_required
def set_status(question_id: int) -> ResponseReturnValue:
    question = questions.get_question(signed_in_user(), question_id)
    try:
        questions.set_status(question, request.form.get("status", ""))
    except InvalidInput as error:
        if is_htmx():
            return _row(question)
        flash(error.message, "error")
    if is_htmx():
        return _row(question)
    return redirect(url_for("quizzes.review", article_id=question.article_id))


@bp.get("/questions/<int:question_id>")
@teacher_required
def question_row(question_id: int) -> ResponseReturnValue:
    """The row itself (htmx: "Cancel" on the inline editor swaps it back)."""
    return _row(questions.get_question(signed_in_user(), question_id))


@bp.get("/questions/<int:question_id>/edit")
@teacher_required
def edit_question(question_id: int) -> ResponseReturnValue:
    question = questions.get_question(signed_in_user(), question_id)
    if not is_htmx():  # without htmx, the editor is a page of its own
        return render_template("quizzes/question_edit_page.html", question=question)
    return _edit_form(question)


@bp.post("/questions/<int:question_id>")
@teacher_required
def save_question(question_id: int) -> ResponseReturnValue:
    question = questions.get_question(signed_in_user(), question_id)
    values = forms.question_fields(request.form)
    try:
        # A question frozen by an assigned quiz comes back as its new version.
        question = questions.update_question(question, values)
    except Conflict as error:
        db.session.refresh(question)
        if is_htmx():  # the row as the other teacher left it
            return _row(questions.current_version(question), 409)
        flash(error.message, "error")
        return redirect(url_for("quizzes.review", article_id=question.article_id))
    except InvalidInput as error:
        if not is_htmx():
            page = render_template(
                "quizzes/question_edit_page.html", question=question, values=values, error=error
            )
            return page, 422
        return _edit_form(question, values, error)
    if is_htmx():
        return _row(question)
    flash("Question saved.", "success")
    return redirect(url_for("quizzes.review", article_id=question.article_id))


@bp.post("/questions/<int:question_id>/answer")
@teacher_required
def pick_answer(question_id: int) -> ResponseReturnValue:
    """The review card's options are buttons: clicking one makes it the correct answer."""
    question = questions.get_question(signed_in_user(), question_id)
    try:
        question = questions.set_answer(question, request.form.get("choice", ""))
    except Conflict as error:
        db.session.refresh(question)
        if is_htmx():
            return _row(questions.current_version(question), 409)
        flash(error.message, "error")
    except InvalidInput as error:
        if is_htmx():
            return _row(question, 422)
        flash(error.message, "error")
    else:
        if not is_htmx():
            flash(f"The correct answer is now “{isolate(question.answer)}”.", "success")
    if is_htmx():
        return _row(question)
    return redirect(url_for("quizzes.review", article_id=question.article_id) + f"#q-{question.id}")


@bp.route("/articles/<int:article_id>/questions/new", methods=["GET", "POST"])
@teacher_required
def new_question(article_id: int) -> ResponseReturnValue:
    teacher = signed_in_user()
    article = questions.get_article(article_id)
    values: dict[str, Any] = {"format": request.args.get("format", "multiple_choice")}
    token = questions.new_form_token()
    error = None
    if request.method == "POST":
        values = forms.question_fields(request.form)
        token = request.form.get("form_token", "")
        try:
            question, created = questions.create_question(teacher, article, values, token)
        except InvalidInput as exc:
            error = exc
        else:
            if created:
                flash("Your question was added and approved.", "success")
            return redirect(url_for("quizzes.review", article_id=article.id) + f"#q-{question.id}")
    page = render_template(
        "quizzes/question_new.html", article=article, values=values, token=token, error=error
    )
    return page, 422 if error else 200


# -- quizzes ----------------------------------------------------------------------------------


@bp.route("/articles/<int:article_id>/new", methods=["GET", "POST"])
@teacher_required
def build(article_id: int) -> ResponseReturnValue:
    teacher = signed_in_user()
    article = questions.get_article(article_id)
    approved = service.approved_questions(teacher, article)
    # "Build a quiz from N approved questions" starts with those N ticked, in their order.
    values: dict[str, Any] = {
        "shuffle_options": True,
        "feedback": "immediate",
        "question_ids": [str(q.id) for q in approved],
    }
    error = None
    if request.method == "POST":
        values = forms.quiz_fields(request.form)
        try:
            quiz, _created = service.create_quiz(teacher, article.id, values)
        except QuizError as exc:
            error = exc
        else:
            flash(f"Quiz “{isolate(quiz.title)}” is ready. Assign it to a class.", "success")
            return redirect(url_for("quizzes.detail", quiz_id=quiz.id))
    return _builder(article, approved, values, error)


def _builder(
    article: Any,
    listed: list[Question],
    values: dict[str, Any],
    error: QuizError | None,
    quiz: Quiz | None = None,
) -> ResponseReturnValue:
    """The quiz builder, new (`quiz` None) or editing: ticked questions first, in order."""
    positions = {str(q): i for i, q in enumerate(values.get("question_ids", []), start=1)}
    ticked = sorted(
        (q for q in listed if str(q.id) in positions), key=lambda q: positions[str(q.id)]
    )
    page = render_template(
        "quizzes/build.html",
        article=article,
        questions=ticked + [q for q in listed if str(q.id) not in positions],
        values=values,
        positions=positions,
        error=error,
        quiz=quiz,
        attempted=quiz is not None and service.has_attempts(quiz),
    )
    return page, error.status if error else 200


@bp.route("/<int:quiz_id>/edit", methods=["GET", "POST"])
@teacher_required
def edit(quiz_id: int) -> ResponseReturnValue:
    """Edit a quiz's title, questions, order and settings (a new version once attempted)."""
    teacher = signed_in_user()
    quiz = own_quiz_or_404(quiz_id)
    if quiz.replaced_by_id is not None:
        flash(f"That was version {quiz.version}; this is the newest version.", "error")
        newest = service.quiz_versions(quiz)[-1]
        return redirect(url_for("quizzes.edit", quiz_id=newest.id))
    in_quiz, others = service.editable_questions(teacher, quiz)
    error = None
    if request.method == "POST":
        values = forms.quiz_fields(request.form)
        try:
            saved, new_version = service.edit_quiz(teacher, quiz, values)
        except QuizError as exc:
            error = exc
        else:
            if new_version:
                flash(
                    f"Saved as version {saved.version}. Version {quiz.version} keeps its "
                    "assignments, attempts and results; assign this version to the classes "
                    "that should take it.",
                    "success",
                )
            else:
                flash(f"Quiz “{isolate(saved.title)}” saved.", "success")
            return redirect(url_for("quizzes.detail", quiz_id=saved.id))
    else:
        values = {
            "title": quiz.title,
            "shuffle_options": quiz.shuffle_options,
            "feedback": quiz.feedback,
            "time_limit_minutes": quiz.time_limit_minutes,
            "question_ids": [str(q.id) for q in in_quiz],
        }
    return _builder(quiz.article, in_quiz + others, values, error, quiz)


def _render_detail(quiz: Quiz, error: QuizError | None = None) -> ResponseReturnValue:
    teacher = signed_in_user()
    page = render_template(
        "quizzes/detail.html",
        quiz=quiz,
        classes=service.assignable_classes(teacher, quiz),
        assignment_results=service.assignment_results,
        newer_versions=service.newer_versions(quiz),
        versions=service.quiz_versions(quiz),
        attempted=service.has_attempts(quiz),
        values=forms.assignment_fields(request.form) if error else {"max_attempts": "1"},
        error=error,
    )
    return page, error.status if error else 200


@bp.get("/<int:quiz_id>")
@teacher_required
def detail(quiz_id: int) -> ResponseReturnValue:
    return _render_detail(own_quiz_or_404(quiz_id))


@bp.post("/<int:quiz_id>/assignments")
@teacher_required
def assign(quiz_id: int) -> ResponseReturnValue:
    teacher = signed_in_user()
    quiz = own_quiz_or_404(quiz_id)
    try:
        assignment, created = service.assign_quiz(
            teacher, quiz, forms.assignment_fields(request.form), now()
        )
    except QuizError as error:
        return _render_detail(quiz, error)
    verb = "Assigned" if created else "Updated the assignment of"
    flash(f"{verb} “{isolate(quiz.title)}” to {isolate(assignment.classroom.name)}.", "success")
    return redirect(url_for("quizzes.detail", quiz_id=quiz.id))


@bp.route("/<int:quiz_id>/preview", methods=["GET", "POST"])
@teacher_required
def preview_quiz(quiz_id: int) -> ResponseReturnValue:
    """The quiz as a student sees it; answering it shows the feedback and records nothing."""
    quiz = own_quiz_or_404(quiz_id)
    checked = request.method == "POST"
    seed = preview.parse_seed(request.form.get("seed")) if checked else preview.new_seed()
    rows = preview.preview_rows(quiz, seed, request.form if checked else None)
    return render_template(
        "quizzes/preview.html",
        quiz=quiz,
        rows=rows,
        seed=seed,
        checked=checked,
        correct=sum(1 for row in rows if row.feedback and row.feedback.correct),
    )
