"""`flask seeds import` (the articles shipped in seeds/) and `flask articles reanalyse`."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from learn.articles.service import (
    SeedError,
    get_article,
    import_seeds,
    list_articles,
    reanalyse_article,
)
from learn.articles.validation import ArticleInputError
from learn.models import Article


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


@click.group("articles", help="Imported articles.")
def articles_cli() -> None:
    pass


@articles_cli.command("reanalyse")
@click.argument("article_ids", nargs=-1, type=int)
@click.option("--all", "every", is_flag=True, help="Re-analyse every article.")
@with_appcontext
def reanalyse_command(article_ids: tuple[int, ...], every: bool) -> None:
    """Analyse articles again with the current engine and every teacher's correction.

    Tokens and vocabulary lists are replaced; questions are kept (reviewed ones unchanged)
    and newly generated ones are added, pending review.
    """
    if every == bool(article_ids):
        raise click.UsageError("Give article ids or --all (not both).")
    for article in list_articles() if every else [_article(i) for i in article_ids]:
        try:
            reanalyse_article(article)
        except ArticleInputError as exc:
            raise click.ClickException(f"article {article.id}: {exc}") from exc
        click.echo(f"re-analysed article {article.id}: {len(article.tokens)} tokens")


def _article(article_id: int) -> Article:
    article = get_article(article_id)
    if article is None:
        raise click.ClickException(f"no article {article_id}")
    return article
