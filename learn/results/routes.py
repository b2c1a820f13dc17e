"""Results pages for teachers (gradebooks, quiz statistics, exports) and the attempt
drill-down, which a student may also open for their own attempts.

The views only check who is asking and render; the work is in `service`, `stats`,
`charts` and `export`.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request, url_for
from flask.typing import ResponseReturnValue

from learn.accounts.auth import login_required, signed_in_user, teacher_required
from learn.classes.service import teacher_classes
from learn.models import Attempt
from learn.quizzes.service import adopt_newer_versions, newer_versions
from learn.results import charts, export, service, stats
from learn.web.downloads import csv_download, xlsx_download
from learn.web.owned import own_class_or_404, own_quiz_or_404

bp = Blueprint("results", __name__, url_prefix="/results")


@bp.app_template_filter("stat")
def format_stat(value: float | None, digits: int = 2) -> str:
    """A statistic, or "n/a" when the data leave it undefined."""
    return "n/a" if value is None else f"{value:.{digits}f}"


@bp.app_template_filter("duration")
def format_duration(value: Any) -> str:
    return service.format_duration(value)


# -- index ------------------------------------------------------------------------------------


@bp.get("/")
@teacher_required
def index() -> ResponseReturnValue:
    teacher = signed_in_user()
    return render_template(
        "results/index.html",
        classes=teacher_classes(teacher),
        quizzes=service.teacher_quizzes(teacher),
    )


# -- gradebook --------------------------------------------------------------------------------


def _sort_args(book: service.Gradebook) -> tuple[str, bool]:
    key = request.args.get("sort", "name")
    if key not in service.sort_keys(book.assignments):
        key = "name"
    return key, request.args.get("dir") == "desc"


@bp.get("/classes/<int:class_id>")
@teacher_required
def gradebook(class_id: int) -> ResponseReturnValue:
    book = service.gradebook(own_class_or_404(class_id))
    key, descending = _sort_args(book)
    progress = service.class_progress(book)
    return render_template(
        "results/gradebook.html",
        book=book,
        rows=service.sort_rows(book.rows, key, descending, book.assignments),
        sort=key,
        descending=descending,
        progress=progress,
        progress_chart=charts.progress_chart(
            "progress",
            "Class progress: mean best score per quiz",
            [(p.label, p.mean) for p in progress],
        ),
    )


@bp.get("/classes/<int:class_id>/gradebook.csv")
@teacher_required
def gradebook_csv(class_id: int) -> ResponseReturnValue:
    book = service.gradebook(own_class_or_404(class_id))
    return csv_download(
        export.to_csv(export.gradebook_rows(book)), f"gradebook-class-{class_id}.csv"
    )


@bp.get("/classes/<int:class_id>/gradebook.xlsx")
@teacher_required
def gradebook_xlsx(class_id: int) -> ResponseReturnValue:
    book = service.gradebook(own_class_or_404(class_id))
    data = export.to_xlsx(export.gradebook_rows(book), "Gradebook")
    return xlsx_download(data, f"gradebook-class-{class_id}.xlsx")


@bp.get("/classes/<int:class_id>/vocabulary")
@teacher_required
def vocabulary(class_id: int) -> ResponseReturnValue:
    classroom = own_class_or_404(class_id)
    return render_template(
        "results/vocabulary.html",
        classroom=classroom,
        insight=service.vocabulary_insight(classroom),
    )


# -- quiz statistics --------------------------------------------------------------------------


def _scope() -> str:
    return "all" if request.args.get("attempts") == "all" else "first"


@bp.get("/quizzes/<int:quiz_id>")
@teacher_required
def quiz(quiz_id: int) -> ResponseReturnValue:
    report = service.quiz_report(own_quiz_or_404(quiz_id), _scope())
    return _quiz_page(report)


def _quiz_page(
    report: service.QuizReport, changes: list[service.RegradeChange] | None = None
) -> ResponseReturnValue:
    return render_template(
        "results/quiz.html",
        report=report,
        flag_labels=stats.FLAG_LABELS,
        bins=[charts.bin_label(i, len(report.histogram)) for i in range(len(report.histogram))],
        histogram_chart=charts.histogram_chart(
            "histogram", f"Score distribution: {report.quiz.display_title}", report.histogram
        ),
        changes=changes,
        newer_versions=newer_versions(report.quiz),
    )


@bp.post("/quizzes/<int:quiz_id>/regrade")
@teacher_required
def regrade(quiz_id: int) -> ResponseReturnValue:
    quiz = own_quiz_or_404(quiz_id)
    # Questions edited since the quiz was assigned are frozen in it: regrading is the
    # owner's deliberate act of moving the quiz to their newest versions, then grading.
    adopt_newer_versions(signed_in_user(), quiz)
    changes = service.regrade_quiz(quiz.id)
    return _quiz_page(service.quiz_report(quiz, _scope()), changes)


@bp.get("/quizzes/<int:quiz_id>/answers.csv")
@teacher_required
def quiz_csv(quiz_id: int) -> ResponseReturnValue:
    quiz = own_quiz_or_404(quiz_id)
    return csv_download(export.to_csv(export.quiz_rows(quiz)), f"quiz-{quiz.id}-answers.csv")


@bp.get("/quizzes/<int:quiz_id>/answers.xlsx")
@teacher_required
def quiz_xlsx(quiz_id: int) -> ResponseReturnValue:
    quiz = own_quiz_or_404(quiz_id)
    data = export.to_xlsx(export.quiz_rows(quiz), "Answers")
    return xlsx_download(data, f"quiz-{quiz.id}-answers.xlsx")


@bp.get("/quizzes/<int:quiz_id>/print")
@teacher_required
def quiz_print(quiz_id: int) -> ResponseReturnValue:
    quiz = own_quiz_or_404(quiz_id)
    return render_template("results/print.html", quiz=quiz, questions=service.quiz_questions(quiz))


# -- one attempt ------------------------------------------------------------------------------


@bp.get("/attempts/<int:attempt_id>")
@login_required
def attempt(attempt_id: int) -> ResponseReturnValue:
    user = signed_in_user()
    found: Attempt = service.visible_attempt(user, attempt_id)
    back = (
        url_for("results.gradebook", class_id=found.assignment.class_id)
        if user.is_teacher
        else url_for("quizzes.index")
    )
    return render_template(
        "results/attempt.html", attempt=found, rows=service.attempt_rows(found), back=back
    )
