"""`flask --app app users create --role teacher|student USERNAME`, `users set-password
USERNAME` (e.g. a forgotten password), `users list`.

The password comes from a hidden prompt (typed twice) or from `--password-file PATH`
(its first line), never from the command line where `ps` and shell history would show it.
"""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from learn.accounts import service, tokens
from learn.accounts.service import AccountError
from learn.models import ROLES

users_cli = AppGroup("users", help="Manage user accounts.")


def read_password_file(path: Path) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or not lines[0]:
        raise click.ClickException(f"{path}: the first line must hold the password")
    return lines[0]


def password_from(password_file: Path | None) -> tuple[str, str | None]:
    """(password, confirmation): from the file's first line, else typed twice, hidden."""
    if password_file is not None:
        return read_password_file(password_file), None
    password = click.prompt("Password", hide_input=True)
    return password, click.prompt("Repeat the password", hide_input=True)


PASSWORD_FILE_OPTION = click.option(
    "--password-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Read the password from the first line of this file instead of prompting.",
)


@users_cli.command("create")
@click.option(
    "--role",
    required=True,
    type=click.Choice(ROLES),
    help="teacher (creates classes and quizzes) or student.",
)
@PASSWORD_FILE_OPTION
@click.option("--display-name", default="", help="Name shown to others (optional).")
@click.argument("username")
def create_user_command(
    role: str, password_file: Path | None, display_name: str, username: str
) -> None:
    """Create an account; the password is prompted for unless --password-file is given."""
    password, confirm = password_from(password_file)
    try:
        user = service.create_user(
            username, password, role, confirm=confirm, display_name=display_name
        )
    except AccountError as error:
        raise click.ClickException(error.message) from None
    click.echo(f"Created {user.role} account “{user.username}”.")


@users_cli.command("set-password")
@PASSWORD_FILE_OPTION
@click.option("--revoke-tokens", is_flag=True, help="Also revoke every API token of the user.")
@click.argument("username")
def set_password_command(password_file: Path | None, revoke_tokens: bool, username: str) -> None:
    """Set a new password for USERNAME (e.g. a teacher who forgot theirs).

    Every browser session of that user ends; their API tokens keep working unless
    --revoke-tokens is given.
    """
    user = service.find_user(username)
    if user is None:
        raise click.ClickException(f"No account is called “{username}”.")
    password, confirm = password_from(password_file)
    try:
        service.set_password(user, password, confirm)
    except AccountError as error:
        raise click.ClickException(error.message) from None
    click.echo(f"Changed the password of “{user.username}”. Their sessions have ended.")
    if revoke_tokens:
        click.echo(f"Revoked {tokens.revoke_all(user)} API token(s).")


@users_cli.command("list")
def list_command() -> None:
    """List the accounts: username, role, display name."""
    users = service.list_users()
    if not users:
        click.echo("No accounts yet: open the app to set up the first teacher.")
    for user in users:
        click.echo(f"{user.username}\t{user.role}\t{user.display_name}")
