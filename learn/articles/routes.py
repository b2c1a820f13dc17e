"""Article pages: list, import (teachers), reading view, word panel, corrections (teachers).

Handlers only parse, authorise, call the services and render; see `service.py`,
`corrections.py` and `reading.py` for the logic.
"""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue

from learn.accounts.auth import current_user, login_required, teacher_required
from learn.articles import service
from learn.articles.corrections import CorrectionError, correct_word
from learn.articles.forms import read_import_form
from learn.articles.reading import is_word, pos_name, sentence_context, sentence_views
from learn.articles.service import DuplicateArticleError
from learn.articles.validation import ArticleInputError, size_limit_hint
from learn.core.bidi import isolate
from learn.models import Article, ArticleToken, User
from learn.results.service import record_lookup

bp = Blueprint("articles", __name__)

# The study feature adds words to a learner's list through this endpoint (POST with `lemma`,
# `pos`, `article_id`); the word panel offers the button only when the endpoint exists.
STUDY_ADD_ENDPOINT = "study.add_word"
# The quizzes feature's review page for an article's questions (teachers).
REVIEW_ENDPOINT = "quizzes.review"


@bp.get("/articles")
@login_required
def index() -> ResponseReturnValue:
    articles = service.list_articles()
    return render_template(
        "articles/index.html",
        articles=articles,
        known=service.known_shares_for(current_user(), articles),
    )


@bp.route("/articles/new", methods=["GET", "POST"])
@teacher_required
def new() -> ResponseReturnValue:
    if request.method == "GET":
        return _import_page({})
    max_bytes = current_app.config["MAX_ARTICLE_BYTES"]
    try:
        submission = read_import_form(request.form, request.files, max_bytes)
        article = service.import_article(
            submission.title,
            submission.source,
            submission.published,
            submission.text,
            created_by=current_user(),
        )
    except DuplicateArticleError as exc:
        return _import_page({exc.field: str(exc)}, existing=exc.existing, status=409)
    except ArticleInputError as exc:
        return _import_page({exc.field: str(exc)}, status=422)
    flash(
        f"Imported “{isolate(article.title)}”: {len(article.questions)} questions await review.",
        "success",
    )
    return redirect(url_for("articles.read", article_id=article.id))


def _import_page(
    errors: dict[str, str], existing: Article | None = None, status: int = 200
) -> ResponseReturnValue:
    return (
        render_template(
            "articles/new.html",
            errors=errors,
            form=request.form,
            existing=existing,
            size_hint=size_limit_hint(current_app.config["MAX_ARTICLE_BYTES"]),
        ),
        status,
    )


@bp.get("/articles/<int:article_id>")
@login_required
def read(article_id: int) -> ResponseReturnValue:
    article = _article_or_404(article_id)
    user = current_user()
    is_teacher = user is not None and user.is_teacher
    review_url = _endpoint_url(REVIEW_ENDPOINT, article_id=article.id) if is_teacher else None
    return render_template(
        "articles/read.html",
        article=article,
        sentences=sentence_views(article, service.article_tokens(article)),
        vocab=service.vocabulary_list(article, "vocab"),
        people_places=service.vocabulary_list(article, "people_places"),
        pos_name=pos_name,
        review_url=review_url,
        pending=service.pending_question_count(article) if review_url else 0,
    )


@bp.get("/articles/<int:article_id>/words/<int:position>")
@login_required
def word(article_id: int, position: int) -> ResponseReturnValue:
    article, token = _word_or_404(article_id, position)
    user = current_user()
    if user is not None and not user.is_teacher and is_word(token):
        # What students look up tells their teacher which words the class struggles with.
        record_lookup(user.id, article.id, token.lemma)
    return _word_panel(article, token, errors={}, form={})


@bp.post("/articles/<int:article_id>/words/<int:position>/correction")
@teacher_required
def correct(article_id: int, position: int) -> ResponseReturnValue:
    article, token = _word_or_404(article_id, position)
    teacher = current_user()
    assert isinstance(teacher, User)  # teacher_required let us in
    try:
        correct_word(
            article, token, request.form.get("lemma", ""), request.form.get("gloss", ""), teacher
        )
    except CorrectionError as exc:
        return _word_panel(article, token, {exc.field: str(exc)}, request.form, status=422)
    if not _is_htmx():
        flash("Correction saved.", "success")
        return redirect(url_for("articles.word", article_id=article.id, position=position))
    changed = [t for t in service.article_tokens(article) if t.surface == token.surface]
    return _word_panel(article, token, {}, {}, corrected=changed)


def _word_panel(
    article: Article,
    token: ArticleToken,
    errors: dict[str, str],
    form: object,
    status: int = 200,
    corrected: list[ArticleToken] | None = None,
) -> ResponseReturnValue:
    """The panel alone for htmx; a whole page when the link is opened directly."""
    template = "articles/_word.html" if _is_htmx() else "articles/word.html"
    study_url = (
        url_for(STUDY_ADD_ENDPOINT) if STUDY_ADD_ENDPOINT in current_app.view_functions else None
    )
    context = sentence_context(article, service.sentence_tokens(article, token.sentence), token)
    body = render_template(
        template,
        article=article,
        token=token,
        context=context,
        pos_name=pos_name,
        errors=errors,
        form=form,
        study_url=study_url,
        corrected=corrected or [],
    )
    return body, status


def _endpoint_url(endpoint: str, **values: Any) -> str | None:
    """The URL of another feature's endpoint, or None while that feature is not installed
    (so the page offers no link that leads nowhere)."""
    if endpoint not in current_app.view_functions:
        return None
    return url_for(endpoint, **values)


def _article_or_404(article_id: int) -> Article:
    article = service.get_article(article_id)
    if article is None:
        abort(404)
    return article


def _word_or_404(article_id: int, position: int) -> tuple[Article, ArticleToken]:
    article = _article_or_404(article_id)
    token = service.get_token(article, position)
    if token is None or not is_word(token):
        abort(404)
    return article, token


def _is_htmx() -> bool:
    return request.headers.get("HX-Request") == "true"
