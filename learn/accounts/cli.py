"""`flask --app app users create --role teacher|student USERNAME`.

The password comes from a hidden prompt (typed twice) or from `--password-file PATH`
(its first line), never from the command line where `ps` and shell history would show it.
"""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from learn.accounts import service
from learn.accounts.service import AccountError
from learn.models import ROLES

users_cli = AppGroup("users", help="Manage user accounts.")


def read_password_file(path: Path) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or not lines[0]:
        raise click.ClickException(f"{path}: the first line must hold the password")
    return lines[0]


@users_cli.command("create")
@click.option(
    "--role",
    required=True,
    type=click.Choice(ROLES),
    help="teacher (creates classes and quizzes) or student.",
)
@click.option(
    "--password-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Read the password from the first line of this file instead of prompting.",
)
@click.option("--display-name", default="", help="Name shown to others (optional).")
@click.argument("username")
def create_user_command(
    role: str, password_file: Path | None, display_name: str, username: str
) -> None:
    """Create an account; the password is prompted for unless --password-file is given."""
    if password_file is not None:
        password = read_password_file(password_file)
        confirm = None
    else:
        password = click.prompt("Password", hide_input=True)
        confirm = click.prompt("Repeat the password", hide_input=True)
    try:
        user = service.create_user(
            username, password, role, confirm=confirm, display_name=display_name
        )
    except AccountError as error:
        raise click.ClickException(error.message) from None
    click.echo(f"Created {user.role} account “{user.username}”.")
