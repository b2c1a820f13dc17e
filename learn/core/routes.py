"""Home page and health check."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, render_template
from flask.typing import ResponseReturnValue
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from learn.accounts.auth import current_user
from learn.articles.service import known_shares_for, list_articles
from learn.extensions import csrf, db

bp = Blueprint("core", __name__)


@bp.get("/")
def home() -> ResponseReturnValue:
    articles = list_articles()
    return render_template(
        "core/home.html", articles=articles, known=known_shares_for(current_user(), articles)
    )


@bp.get("/healthz")
@csrf.exempt
def healthz() -> ResponseReturnValue:
    """For load balancers and monitors: 200 when the database answers, 503 when not."""
    try:
        db.session.execute(text("SELECT 1"))
        database_ok = True
    except SQLAlchemyError:
        db.session.rollback()
        database_ok = False
    body = {
        "status": "ok" if database_ok else "unavailable",
        "database": "ok" if database_ok else "unreachable",
        "version": current_app.config["SAHIFA_VERSION"],
    }
    return jsonify(body), 200 if database_ok else 503
