"""Study pages: dashboard, session (htmx), word list, settings, exports, "add to my list".

Every page is for a signed-in learner and shows only their own cards.
"""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from werkzeug.routing import BuildError

from learn.accounts.auth import login_required, signed_in_user
from learn.extensions import db
from learn.models import StudyCard, User
from learn.study import charts, export, service, session, stats
from learn.study.scheduling import RATING_NAMES
from learn.study.service import StudyInputError
from learn.study.timezones import timezone_groups
from learn.web.downloads import csv_download
from learn.web.htmx import is_htmx

bp = Blueprint("study", __name__, url_prefix="/study")

# The reading view's endpoint, whichever name it has (it is another feature's blueprint).
ARTICLE_ENDPOINTS = ("articles.read", "articles.show", "articles.detail", "articles.view")


def now() -> datetime:
    return datetime.now(UTC)


@bp.app_template_global()
def study_article_url(article_id: int | None) -> str | None:
    if article_id is None:
        return None
    for endpoint in ARTICLE_ENDPOINTS:
        if endpoint in current_app.view_functions:
            try:
                return url_for(endpoint, article_id=article_id)
            except BuildError:
                continue
    return None


# --------------------------------------------------------------------------- dashboard


@bp.get("/")
@login_required
def dashboard() -> ResponseReturnValue:
    figures = stats.dashboard(signed_in_user(), now())
    return render_template(
        "study/dashboard.html",
        figures=figures,
        forecast_chart=charts.bar_chart(
            "chart-forecast", "Cards due in the next 7 days", figures.forecast, "cards"
        ),
        reviews_chart=charts.bar_chart(
            "chart-reviews", "Reviews per day, last 30 days", figures.reviews_per_day, "reviews"
        ),
        known_chart=charts.line_chart(
            "chart-known", "Known words, last 30 days", figures.known_over_time, "words"
        ),
    )


# --------------------------------------------------------------------------- session


@bp.get("/session")
@login_required
def study_session() -> ResponseReturnValue:
    return render_template("study/session.html", state=session.next_item(signed_in_user(), now()))


@bp.post("/review")
@login_required
def review() -> ResponseReturnValue:
    user = signed_in_user()
    form = request.form
    try:
        service.submit_review(
            user,
            form.get("lemma"),
            form.get("rating"),
            form.get("review_id"),
            article_id=form.get("article_id"),
            origin="core" if form.get("origin") == "core" else "article",
        )
    except StudyInputError as error:
        if is_htmx():  # the card again, with the message (app.js swaps 422 answers in)
            state = session.next_item(user, now())
            return render_template("study/_card.html", state=state, error=str(error)), 422
        flash(str(error), "error")
        return redirect(url_for("study.study_session"))
    if is_htmx():
        return render_template("study/_card.html", state=session.next_item(user, now()))
    return redirect(url_for("study.study_session"))


# --------------------------------------------------------------------------- words


@bp.post("/words")
@login_required
def add_word() -> ResponseReturnValue:
    """The reading view's "add to my study list" button (form: lemma, article_id, pos)."""
    form = request.form
    try:
        card = service.add_word(
            signed_in_user().id, form.get("lemma"), form.get("article_id"), form.get("pos")
        )
    except StudyInputError as error:  # said beside the button, or on the page it was on
        if is_htmx():
            return render_template("study/_error.html", message=str(error)), 422
        flash(str(error), "error")
        return redirect(_back_or(url_for("study.words")))
    if is_htmx():
        return render_template("study/_added.html", card=card)
    flash(f"Added {card.lemma} to your study list.", "success")
    return redirect(_back_or(url_for("study.words")))


def _back_or(fallback: str) -> str:
    """The page the form was sent from, if it is on this site."""
    referrer = request.referrer or ""
    parts = urlsplit(referrer)
    if referrer and parts.netloc == request.host and parts.scheme in ("http", "https"):
        return referrer
    return fallback


@bp.get("/words")
@login_required
def words() -> ResponseReturnValue:
    return render_template(
        "study/words.html",
        cards=service.user_cards(signed_in_user().id),
        statuses=service.SETTABLE_STATUSES,
    )


@bp.post("/words/<int:card_id>/status")
@login_required
def set_status(card_id: int) -> ResponseReturnValue:
    card = db.session.get(StudyCard, card_id)
    if card is None or card.user_id != signed_in_user().id:
        abort(404)  # someone else's card is as good as missing
    try:
        service.set_status(card, request.form.get("status", ""))
    except StudyInputError as error:  # the word list again, the message above it
        flash(str(error), "error")
        return redirect(url_for("study.words")), 303
    flash(f"{card.lemma} is now {card.status}.", "success")
    return redirect(url_for("study.words")), 303


# --------------------------------------------------------------------------- settings


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings() -> ResponseReturnValue:
    user = signed_in_user()
    if request.method == "POST":
        form = request.form
        try:
            service.update_settings(
                user,
                form.get("desired_retention"),
                form.get("new_per_day"),
                timezone=form.get("timezone", user.timezone),
                quiz_words=form.get("quiz_words") == "on",
            )
        except StudyInputError as error:
            db.session.rollback()
            return _settings_page(user, error, form), 422
        flash("Study settings saved.", "success")
        return redirect(url_for("study.settings"))
    return _settings_page(user, None, None)


def _settings_page(user: User, error: StudyInputError | None, form: object) -> str:
    zones = timezone_groups()
    if not any(user.timezone in names for _region, names in zones):  # e.g. "US/Eastern"
        zones = (("Your current zone", (user.timezone,)), *zones)
    return render_template(
        "study/settings.html",
        settings=service.settings_for(user.id),
        error=str(error) if error else None,
        error_field=error.field if error else None,
        form=form,
        zones=zones,
    )


# --------------------------------------------------------------------------- exports


@bp.get("/export.csv")
@login_required
def export_csv() -> ResponseReturnValue:
    body = export.words_csv(export.word_rows(signed_in_user().id))
    return csv_download(body, "sahifa-words.csv")


@bp.get("/export.apkg")
@login_required
def export_apkg() -> ResponseReturnValue:
    user = signed_in_user()
    deck = export.anki_deck(user.id, f"Sahifa::{user.username}", export.word_rows(user.id))
    return Response(
        export.apkg_bytes(deck, now().timestamp()),
        mimetype="application/octet-stream",
        headers={"Content-Disposition": 'attachment; filename="sahifa-words.apkg"'},
    )


@bp.app_template_global()
def study_words_from_attempt(attempt_id: int) -> list[StudyCard]:
    """For a quiz's result page: the words this attempt put on the learner's study list."""
    return service.cards_from_attempt(attempt_id)


@bp.app_template_global()
def rating_names() -> dict[int, str]:
    return RATING_NAMES
