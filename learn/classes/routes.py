"""Class pages: a teacher's classes and class page, a student's classes, joining by code."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from learn.accounts.auth import login_required, signed_in_user, student_required, teacher_required
from learn.accounts.service import reset_to_temporary_password
from learn.accounts.tokens import live_token_count, revoke_all
from learn.classes import service
from learn.classes.service import ClassError
from learn.extensions import db
from learn.models import Classroom, User
from learn.quizzes.attempts import student_assignments
from learn.quizzes.service import class_assignments
from learn.web.bidi import isolate
from learn.web.owned import own_class_or_404

bp = Blueprint("classes", __name__)


def render_index(user: User, error: ClassError | None = None) -> ResponseReturnValue:
    if user.is_teacher:
        classes = service.classes_taught_by(user)
    else:
        classes = service.classes_of_student(user)
    errors = {error.field: error.message} if error else {}
    page = render_template("classes/index.html", classes=classes, errors=errors, form=request.form)
    return page, 422 if error else 200


@bp.get("/classes")
@login_required
def index() -> ResponseReturnValue:
    return render_index(signed_in_user())


@bp.post("/classes")
@teacher_required
def create() -> ResponseReturnValue:
    teacher = signed_in_user()
    try:
        classroom = service.create_class(teacher, request.form.get("name", ""))
    except ClassError as error:
        return render_index(teacher, error)
    flash(
        f"Created “{isolate(classroom.name)}”. Share the join code {classroom.join_code}.",
        "success",
    )
    return redirect(url_for("classes.detail", class_id=classroom.id))


@bp.get("/classes/<int:class_id>")
@login_required
def detail(class_id: int) -> ResponseReturnValue:
    """Teachers see their own class with code and roster; enrolled students see the class."""
    user = signed_in_user()
    classroom = service.class_for_member(user, class_id)
    if classroom is None:
        abort(404)
    if user.is_teacher:
        return render_detail(classroom)
    rows = [
        r
        for r in student_assignments(user, datetime.now(UTC))
        if r.assignment.class_id == classroom.id
    ]
    return render_template(
        "classes/detail.html", classroom=classroom, students=[], errors={}, quiz_rows=rows
    )


@bp.route("/join", methods=["GET", "POST"])
@student_required
def join() -> ResponseReturnValue:
    if request.method == "GET":
        code = request.args.get("code", "")
        return render_template("classes/join.html", errors={}, form={"code": code})
    try:
        result = service.join_class(signed_in_user(), request.form.get("code", ""))
    except ClassError as error:
        errors = {error.field: error.message}
        return render_template("classes/join.html", errors=errors, form=request.form), 422
    if result.created:
        flash(f"You joined “{isolate(result.classroom.name)}”.", "success")
    else:
        flash(f"You are already in “{isolate(result.classroom.name)}”.", "success")
    return redirect(url_for("classes.detail", class_id=result.classroom.id))


def render_detail(classroom: Classroom, error: ClassError | None = None) -> ResponseReturnValue:
    errors = {error.field: error.message} if error else {}
    page = render_template(
        "classes/detail.html",
        classroom=classroom,
        students=service.enrolled_students(classroom),
        class_quizzes=class_assignments(classroom),
        errors=errors,
        form=request.form,
    )
    return page, 422 if error else 200


@bp.post("/classes/<int:class_id>/rename")
@teacher_required
def rename(class_id: int) -> ResponseReturnValue:
    classroom = own_class_or_404(class_id)
    try:
        service.rename_class(classroom, request.form.get("name", ""))
    except ClassError as error:
        db.session.rollback()
        return render_detail(classroom, error)
    flash(f"Renamed the class to “{isolate(classroom.name)}”.", "success")
    return redirect(url_for("classes.detail", class_id=class_id))


@bp.post("/classes/<int:class_id>/code")
@teacher_required
def new_code(class_id: int) -> ResponseReturnValue:
    classroom = own_class_or_404(class_id)
    code = service.replace_join_code(classroom)
    flash(f"The new join code is {code}; the old one no longer works.", "success")
    return redirect(url_for("classes.detail", class_id=class_id))


@bp.post("/classes/<int:class_id>/students/<int:student_id>/remove")
@teacher_required
def remove_student(class_id: int, student_id: int) -> ResponseReturnValue:
    classroom = own_class_or_404(class_id)
    student = db.session.get(User, student_id)
    if service.remove_student(classroom, student_id) and student is not None:
        flash(f"Removed {student.name} from the class.", "success")
    else:
        flash("That student was not in this class (any more).", "success")
    return redirect(url_for("classes.detail", class_id=class_id))


@bp.post("/classes/<int:class_id>/students/<int:student_id>/password")
@teacher_required
def reset_student_password(class_id: int, student_id: int) -> ResponseReturnValue:
    """For a student who forgot their password: a new one, shown to the teacher once."""
    classroom = own_class_or_404(class_id)
    student = service.enrolled_student(classroom, student_id)
    if student is None:
        abort(404)
    password = reset_to_temporary_password(student)  # ends every session of the student
    page = render_template(
        "classes/password_reset.html",
        classroom=classroom,
        student=student,
        password=password,
        token_count=live_token_count(student),
    )
    # The password is in this page only: keep it out of caches and the back-button history.
    return page, 200, {"Cache-Control": "no-store"}


@bp.post("/classes/<int:class_id>/students/<int:student_id>/tokens/revoke")
@teacher_required
def revoke_student_tokens(class_id: int, student_id: int) -> ResponseReturnValue:
    """Offered after a password reset: programs signed in with the old password stop too."""
    classroom = own_class_or_404(class_id)
    student = service.enrolled_student(classroom, student_id)
    if student is None:
        abort(404)
    revoked = revoke_all(student)
    name = isolate(student.name)
    plural = "token" if revoked == 1 else "tokens"
    flash(f"Revoked {revoked} API {plural} of {name}.", "success")
    return redirect(url_for("classes.detail", class_id=class_id))
