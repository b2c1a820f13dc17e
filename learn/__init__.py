"""Sahifa: learn to read Arabic news.

`create_app` is the application factory; `learn.nlp` and `learn.lessons` are the pure
Arabic-language layers and import nothing from Flask.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from flask import Flask

PROJECT_ROOT = Path(__file__).resolve().parent.parent

try:
    __version__ = version("sahifa")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"


def create_app(
    overrides: Mapping[str, Any] | None = None, instance_path: str | None = None
) -> Flask:
    """Build the app: configuration, extensions, blueprints and CLI commands.

    The instance folder (SQLite database, secret key, analysis data) is `instance_path`,
    else $FLASK_INSTANCE_PATH, else `instance/` in the project.
    """
    from learn.config import load_config

    app = Flask(
        "learn",
        instance_path=instance_path
        or os.environ.get("FLASK_INSTANCE_PATH")
        or str(PROJECT_ROOT / "instance"),
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    app.config.from_mapping(load_config(app.instance_path))
    if overrides:
        app.config.from_mapping(overrides)
    app.config["SAHIFA_VERSION"] = __version__
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    _init_extensions(app)
    _init_routing(app)
    _register_blueprints(app)
    _register_commands(app)
    _init_serving(app)
    return app


def _init_serving(app: Flask) -> None:
    # After the blueprints: the rate limits wrap their views.
    from learn import logging as request_logging
    from learn import security
    from learn.web import assets, compression, errors

    errors.init_app(app)  # the one place error answers are registered
    security.init_app(app)
    request_logging.init_app(app)
    assets.init_app(app)
    # Brotli for browsers (all current ones), gzip for the rest; the reading view of the
    # seed article travels in about a tenth of its size (docs/benchmarks.md).
    compression.init_app(app)


def _init_routing(app: Flask) -> None:
    from learn import security

    security.init_routing(app)  # before the blueprints' rules are added


def _init_extensions(app: Flask) -> None:
    from learn.extensions import csrf, db, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"))
    csrf.init_app(app)


# One blueprint per feature: each module exposes `bp`. Add a feature here.
BLUEPRINT_MODULES = (
    "learn.core.routes",
    "learn.accounts.routes",
    "learn.classes.routes",
    "learn.articles.routes",
    "learn.api",  # the /api/v1 blueprint; API modules are listed in learn/api/__init__.py
    "learn.quizzes.routes",
    "learn.study.routes",
    "learn.results.routes",
)

# Flask CLI groups: (module, attribute) pairs.
COMMANDS = (
    ("learn.articles.cli", "seeds_cli"),
    ("learn.articles.cli", "articles_cli"),
    ("learn.accounts.cli", "users_cli"),
    ("learn.cli", "nlp_cli"),
    ("learn.cli.start", "start_command"),
)


def _register_blueprints(app: Flask) -> None:
    from learn.accounts import auth
    from learn.web import filters

    auth.init_app(app)
    filters.init_app(app)
    for module_name in BLUEPRINT_MODULES:
        app.register_blueprint(import_module(module_name).bp)


def _register_commands(app: Flask) -> None:
    for module_name, attribute in COMMANDS:
        app.cli.add_command(getattr(import_module(module_name), attribute))
