"""Account pages: first-run setup, sign-in/out, student sign-up, password change, and
teachers creating accounts.

Who may create which account: on a fresh install (no users at all) every page leads to
`/setup`, which creates the first *teacher*. After that, students register themselves at
`/signup`; teacher accounts are made only by a signed-in teacher (`/accounts/new`) or by
the CLI (`flask --app app users create --role teacher NAME`). There are no default
credentials anywhere.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue

from learn.accounts import service, tokens
from learn.accounts.auth import (
    current_user,
    login_required,
    safe_next,
    sign_in,
    sign_out,
    teacher_required,
)
from learn.accounts.devices import device_for, remember
from learn.accounts.service import AccountError
from learn.accounts.throttle import TooManyAttempts, authenticate_throttled
from learn.models import ROLES
from learn.web.bidi import isolate

bp = Blueprint("accounts", __name__)

# Pages that must work before the first account exists (the API answers 401 on its own).
SETUP_EXEMPT_ENDPOINTS = frozenset({"accounts.setup", "static", "core.healthz"})


@bp.before_app_request
def send_fresh_install_to_setup() -> ResponseReturnValue | None:
    """Until the first account exists, every page leads to creating the first teacher."""
    if current_user() is not None or current_app.extensions.get("sahifa.has_users"):
        return None
    if request.endpoint is None or request.endpoint in SETUP_EXEMPT_ENDPOINTS:
        return None
    if request.path.startswith("/api/"):
        return None
    if service.any_user_exists():
        # Accounts are never all deleted, so this app need not ask the database again.
        current_app.extensions["sahifa.has_users"] = True
        return None
    return redirect(url_for("accounts.setup"))


def form_text(name: str) -> str:
    return request.form.get(name, "")


# What each form requires, and what a field left empty is told; checked before the services,
# so that every empty field gets its message at once.
NEW_ACCOUNT_FIELDS = {
    "username": "Choose a username.",
    "password": "Choose a password.",
    "confirm": "Type the password again.",
}
SIGN_IN_FIELDS = {"username": "Enter your username.", "password": "Enter your password."}
PASSWORD_CHANGE_FIELDS = {
    "current_password": "Enter your current password.",
    "password": "Choose a new password.",
    "confirm": "Type the new password again.",
}


def empty_fields(required: dict[str, str]) -> dict[str, str]:
    """The required fields left empty (or blank), each with its message."""
    return {name: message for name, message in required.items() if not form_text(name).strip()}


def render_form(
    template: str,
    error: AccountError | dict[str, str] | None = None,
    status: int = 200,
    headers: dict[str, str] | None = None,
    **context: object,
) -> ResponseReturnValue:
    """The form page; with errors (one, or a message per field), status 422 unless a more
    precise one is given."""
    errors = {error.field: error.message} if isinstance(error, AccountError) else error or {}
    page = render_template(template, errors=errors, form=request.form, **context)
    return page, 422 if errors and status == 200 else status, headers or {}


@bp.route("/setup", methods=["GET", "POST"])
def setup() -> ResponseReturnValue:
    if service.any_user_exists():
        return already_set_up()
    if request.method == "GET":
        return render_form("accounts/setup.html")
    if missing := empty_fields(NEW_ACCOUNT_FIELDS):
        return render_form("accounts/setup.html", missing)
    try:
        user = service.create_first_teacher(
            form_text("username"),
            form_text("password"),
            form_text("confirm"),
            display_name=form_text("display_name"),
        )
    except AccountError as error:
        return render_form("accounts/setup.html", error)
    except service.AlreadySetUp:
        return already_set_up()
    sign_in(user)
    flash(
        f"Welcome, {isolate(user.name)}! Your teacher account is ready: import an article, "
        "or create a class for your students.",
        "success",
    )
    return remember(redirect(url_for("core.home")), user)


def already_set_up() -> ResponseReturnValue:
    flash("Sahifa is already set up. Sign in to continue.", "success")
    return redirect(url_for("accounts.sign_in_page"))


@bp.get("/signin")
def sign_in_page() -> ResponseReturnValue:
    if current_user() is not None:
        return redirect(safe_next(request.args.get("next")) or url_for("core.home"))
    return render_form("accounts/sign_in.html", next=safe_next(request.args.get("next")))


@bp.post("/signin")
def sign_in_submit() -> ResponseReturnValue:
    next_path = safe_next(form_text("next"))
    username = form_text("username")
    if missing := empty_fields(SIGN_IN_FIELDS):
        return render_form("accounts/sign_in.html", missing, next=next_path)
    try:
        user = authenticate_throttled(username, form_text("password"), device_for(username))
    except TooManyAttempts as refused:
        error = AccountError("password", refused.message)
        wait = {"Retry-After": str(refused.retry_after_seconds)}
        return render_form("accounts/sign_in.html", error, 429, wait, next=next_path)
    if user is None:
        error = AccountError("password", "Wrong username or password.")
        return render_form("accounts/sign_in.html", error, status=401, next=next_path)
    sign_in(user)
    return remember(redirect(next_path or url_for("core.home")), user)


@bp.post("/signout")
def sign_out_submit() -> ResponseReturnValue:
    sign_out()
    flash("You are signed out.", "success")
    return redirect(url_for("accounts.sign_in_page"))


@bp.route("/signup", methods=["GET", "POST"])
def sign_up() -> ResponseReturnValue:
    """Students register themselves; teachers are created by a teacher or the CLI."""
    if current_user() is not None:
        return redirect(url_for("core.home"))
    if request.method == "GET":
        return render_form("accounts/sign_up.html")
    if missing := empty_fields(NEW_ACCOUNT_FIELDS):
        return render_form("accounts/sign_up.html", missing)
    try:
        user = service.create_user(
            form_text("username"),
            form_text("password"),
            "student",
            confirm=form_text("confirm"),
            display_name=form_text("display_name"),
        )
    except AccountError as error:
        return render_form("accounts/sign_up.html", error)
    sign_in(user)
    flash(f"Welcome, {isolate(user.name)}! Join your teacher's class with its code.", "success")
    return remember(redirect(url_for("classes.join")), user)


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password() -> ResponseReturnValue:
    user = current_user()
    assert user is not None  # login_required
    token_count = tokens.live_token_count(user)
    if request.method == "GET":
        return render_form("accounts/password.html", token_count=token_count)
    if missing := empty_fields(PASSWORD_CHANGE_FIELDS):
        return render_form("accounts/password.html", missing, token_count=token_count)
    try:
        service.change_password(
            user, form_text("current_password"), form_text("password"), form_text("confirm")
        )
    except AccountError as error:
        return render_form("accounts/password.html", error, token_count=token_count)
    sign_in(user)  # this session goes on with the new epoch; every other one has ended
    message = "Your password is changed. Other devices signed in as you are signed out."
    if request.form.get("revoke_tokens"):
        revoked = tokens.revoke_all(user)
        message += f" {revoked} API token{'s' if revoked != 1 else ''} revoked."
    flash(message, "success")
    return redirect(url_for("core.home"))


@bp.route("/accounts/new", methods=["GET", "POST"])
@teacher_required
def new_account() -> ResponseReturnValue:
    """A teacher creates an account for a colleague (teacher) or a student."""
    if request.method == "GET":
        return render_form("accounts/new_account.html", roles=ROLES)
    if missing := empty_fields(NEW_ACCOUNT_FIELDS):
        return render_form("accounts/new_account.html", missing, roles=ROLES)
    try:
        user = service.create_user(
            form_text("username"),
            form_text("password"),
            form_text("role"),
            confirm=form_text("confirm"),
            display_name=form_text("display_name"),
        )
    except AccountError as error:
        return render_form("accounts/new_account.html", error, roles=ROLES)
    flash(f"Created the {user.role} account “{user.username}”.", "success")
    return redirect(url_for("accounts.new_account"))


@bp.get("/account/tokens")
@login_required
def api_tokens() -> ResponseReturnValue:
    return render_tokens_page()


@bp.post("/account/tokens")
@login_required
def create_api_token() -> ResponseReturnValue:
    user = current_user()
    assert user is not None  # login_required
    issued = tokens.issue_token(user, form_text("name"))
    # The secret is in this answer only: keep it out of caches and history.
    return render_tokens_page(new_secret=issued.secret), 201, {"Cache-Control": "no-store"}


@bp.post("/account/tokens/<int:token_id>/revoke")
@login_required
def revoke_api_token(token_id: int) -> ResponseReturnValue:
    user = current_user()
    assert user is not None  # login_required
    if tokens.revoke_token(user, token_id):
        flash("The token is revoked; programs using it can no longer sign in.", "success")
    else:
        flash("That token was already revoked.", "success")
    return redirect(url_for("accounts.api_tokens"))


def render_tokens_page(new_secret: str | None = None) -> str:
    user = current_user()
    assert user is not None
    return render_template(
        "accounts/tokens.html",
        tokens=tokens.tokens_of(user),
        new_secret=new_secret,
        max_name_length=tokens.MAX_TOKEN_NAME_LENGTH,
    )
