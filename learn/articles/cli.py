"""`flask seeds ...`: import the articles shipped in seeds/."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from learn.articles.service import SeedError, import_seeds


@click.group("seeds", help="Seed articles shipped with the app.")
def seeds_cli() -> None:
    pass


@seeds_cli.command("import")
@with_appcontext
def import_command() -> None:
    """Import every article in the seeds folder that is not in the database yet."""
    seeds_dir = Path(current_app.config["SAHIFA_SEEDS_DIR"])
    try:
        created = import_seeds(seeds_dir)
    except SeedError as exc:
        raise click.ClickException(str(exc)) from exc
    if created:
        for article in created:
            click.echo(f"imported seed article {article.id}: {article.title}")
    else:
        click.echo("seed articles already imported; nothing to do")
