"""`flask start`: everything `make run` needs, in one process.

Upgrading the database, importing the seeds and serving in one process loads the app once,
which keeps `make run` on a set-up checkout quick (see docs/benchmarks.md).
"""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_migrate import upgrade
from werkzeug.serving import run_simple

from learn.articles.service import SeedError, import_seeds


@click.command("start")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@with_appcontext
def start_command(host: str, port: int) -> None:
    """Apply pending migrations, import new seed articles, and serve with Flask's server."""
    upgrade()
    try:
        created = import_seeds(Path(current_app.config["SAHIFA_SEEDS_DIR"]))
    except SeedError as exc:
        raise click.ClickException(str(exc)) from exc
    for article in created:
        click.echo(f"imported seed article {article.id}: {article.title}")
    click.echo(f"Sahifa is serving on http://{host}:{port}")
    # Flask refuses app.run() inside its own CLI; Werkzeug's server is what it would run.
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    run_simple(host, port, app, threaded=True)
