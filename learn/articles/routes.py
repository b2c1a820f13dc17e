"""Article pages: list, import (teachers), reading view, word panel, corrections (teachers).

Handlers only parse, authorise, call the services and render; see `service.py`,
`corrections.py` and `reading.py` for the logic.
"""

from __future__ import annotations

from collections.abc import Mapping
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
from learn.articles.extract import SUPPORTED_SUFFIXES, extract_article, upload_hint
from learn.articles.forms import read_import_form
from learn.articles.reading import (
    full_vowels,
    is_word,
    pos_name,
    root_explanation,
    sentence_context,
    sentence_html,
    sentence_views,
    word_button,
)
from learn.articles.service import DuplicateArticleError
from learn.articles.validation import ArticleInputError, size_limit_hint
from learn.models import Article, ArticleToken, User
from learn.results.service import record_lookup
from learn.study import service as study
from learn.study.service import StudyInputError
from learn.study.stats import known_counts
from learn.web.bidi import isolate
from learn.web.htmx import is_htmx

bp = Blueprint("articles", __name__)

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
    """Step one: pasted text is imported at once; an uploaded file's text is read and shown
    on the confirm page, and nothing is stored until the teacher confirms it there."""
    if request.method == "GET":
        return _import_page({})
    max_bytes = current_app.config["MAX_ARTICLE_BYTES"]
    try:
        submission = read_import_form(
            request.form, request.files, max_bytes, current_app.config.get("MAX_CONTENT_LENGTH")
        )
        if submission.upload is None:
            return _import_and_open(
                submission.title, submission.source, submission.published, submission.text
            )
        extracted = extract_article(submission.upload.filename, submission.upload.data, max_bytes)
        service.refuse_duplicate_text(extracted.text)
    except DuplicateArticleError as exc:
        return _import_page({}, duplicate=exc, status=409)
    except ArticleInputError as exc:
        return _import_page(exc.errors, status=422)
    # What the teacher typed wins over what the file says about itself.
    fields = {
        "title": submission.title.strip() or extracted.title,
        "source": submission.source.strip() or extracted.source,
        "published": submission.published.strip()
        or (extracted.published.isoformat() if extracted.published else ""),
        "text": extracted.text,
    }
    return _confirm_page({}, fields, read_from=(extracted.kind, submission.upload.filename))


@bp.post("/articles/new/confirm")
@teacher_required
def confirm() -> ResponseReturnValue:
    """Step two: import the text as the teacher confirmed (and perhaps corrected) it.

    The fields are read and checked afresh, exactly as pasted ones: the page sent nothing
    else, so nothing else from the browser is trusted."""
    form = request.form
    try:
        return _import_and_open(
            form.get("title", ""),
            form.get("source", ""),
            form.get("published", ""),
            form.get("text", ""),
        )
    except DuplicateArticleError as exc:
        return _confirm_page({}, form, duplicate=exc, status=409)
    except ArticleInputError as exc:
        return _confirm_page(exc.errors, form, status=422)


def _import_and_open(title: str, source: str, published: str, text: str) -> ResponseReturnValue:
    article = service.import_article(title, source, published, text, created_by=current_user())
    flash(
        f"Imported “{isolate(article.title)}”: {len(article.questions)} questions await review.",
        "success",
    )
    return redirect(url_for("articles.read", article_id=article.id))


def _import_page(
    errors: dict[str, str], duplicate: DuplicateArticleError | None = None, status: int = 200
) -> ResponseReturnValue:
    config = current_app.config
    return (
        render_template(
            "articles/new.html",
            errors=errors,
            form=request.form,
            duplicate=duplicate,
            size_hint=size_limit_hint(config["MAX_ARTICLE_BYTES"]),
            upload_hint=upload_hint(config["MAX_ARTICLE_BYTES"], config.get("MAX_CONTENT_LENGTH")),
            accept=",".join(SUPPORTED_SUFFIXES),
        ),
        status,
    )


def _confirm_page(
    errors: dict[str, str],
    form: Mapping[str, str],
    read_from: tuple[str, str] | None = None,
    duplicate: DuplicateArticleError | None = None,
    status: int = 200,
) -> ResponseReturnValue:
    return (
        render_template(
            "articles/confirm.html",
            errors=errors,
            form=form,
            read_from=read_from,
            duplicate=duplicate,
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
        sentences=sentence_views(article, service.reading_tokens(article)),
        sentence_html=sentence_html,
        word_url=_word_url(article),
        statuses=study.word_statuses(user.id) if user else {},
        known=known_counts(user.id, [article.id])[article.id] if user else None,
        vocab=service.vocabulary_rows(article),
        people_places=service.vocabulary_list(article, "people_places"),
        pos_name=pos_name,
        review_url=review_url,
        pending=service.pending_question_count(article) if review_url else 0,
    )


def _word_url(article: Article) -> str:
    """The article's word-panel URL without the position: word buttons append theirs."""
    return url_for("articles.word", article_id=article.id, position=0).removesuffix("0")


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
    if not is_htmx():
        flash("Correction saved.", "success")
        return redirect(url_for("articles.word", article_id=article.id, position=position))
    changed = [t for t in service.article_tokens(article) if t.surface == token.surface]
    return _word_panel(article, token, {}, {}, corrected=changed)


@bp.post("/articles/<int:article_id>/words/<int:position>/status")
@login_required
def word_status(article_id: int, position: int) -> ResponseReturnValue:
    """The reader marks the word new, learning, known or ignored (the panel's 1–4)."""
    article, token = _word_or_404(article_id, position)
    user = current_user()
    assert isinstance(user, User)  # login_required let us in
    try:
        card = study.mark_word(
            user.id, token.lemma, request.form.get("status"), article.id, token.pos
        )
    except StudyInputError as exc:
        if not is_htmx():
            flash(str(exc), "error")
            return redirect(url_for("articles.word", article_id=article.id, position=position))
        return _status_fragment(article, token, user, error=str(exc)), 422
    if not is_htmx():
        flash(f"“{isolate(card.lemma)}” is now {card.status}.", "success")
        return redirect(url_for("articles.word", article_id=article.id, position=position))
    return _status_fragment(article, token, user, changed=True)


def _status_fragment(
    article: Article, token: ArticleToken, user: User, error: str = "", changed: bool = False
) -> str:
    """The panel's status part; after a change, the same word's buttons across the text and
    the article's known-word share are swapped in out of band."""
    statuses = study.word_statuses(user.id)
    same = service.lemma_tokens(article, token.lemma) if changed else []
    return render_template(
        "articles/_word_status.html",
        article=article,
        token=token,
        card=study.find_card(user.id, token.lemma),
        status_error=error,
        oob_buttons=[word_button(t, statuses.get(t.lemma), oob=True) for t in same],
        known=known_counts(user.id, [article.id])[article.id] if changed else None,
        oob_share=changed,
    )


def _word_panel(
    article: Article,
    token: ArticleToken,
    errors: dict[str, str],
    form: object,
    status: int = 200,
    corrected: list[ArticleToken] | None = None,
) -> ResponseReturnValue:
    """The panel alone for htmx; a whole page when the link is opened directly."""
    template = "articles/_word.html" if is_htmx() else "articles/word.html"
    user = current_user()
    statuses = study.word_statuses(user.id) if user else {}
    context = sentence_context(article, service.sentence_tokens(article, token.sentence), token)
    body = render_template(
        template,
        article=article,
        token=token,
        context=context,
        pos_name=pos_name,
        root_explanation=root_explanation,
        full_vowels=full_vowels,
        errors=errors,
        form=form,
        card=study.find_card(user.id, token.lemma) if user and token.lemma else None,
        corrected=[word_button(t, statuses.get(t.lemma), oob=True) for t in corrected or []],
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
