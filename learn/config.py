"""Configuration from the environment, validated at start-up.

Every setting has a safe default for a single-machine classroom install; a bad value
stops the app at start with a message that names the variable.
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

SECRET_KEY_FILE = "secret_key"
SUPPORTED_DATABASES = ("sqlite", "postgresql")
DEFAULT_MAX_ARTICLE_BYTES = 200_000


class ConfigError(RuntimeError):
    """A configuration value is missing or malformed; the message names the variable."""


def load_config(instance_path: str, environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Build the Flask config mapping from environment variables."""
    env = os.environ if environ is None else environ
    instance = Path(instance_path)
    return {
        "SQLALCHEMY_DATABASE_URI": database_url(env, instance),
        "SECRET_KEY": secret_key(env, instance),
        "SAHIFA_DATA_DIR": data_dir(env, instance),
        "SAHIFA_SEEDS_DIR": seeds_dir(env),
        "MAX_ARTICLE_BYTES": positive_int(
            env, "SAHIFA_MAX_ARTICLE_BYTES", DEFAULT_MAX_ARTICLE_BYTES
        ),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    }


def database_url(env: Mapping[str, str], instance: Path) -> str:
    raw = env.get("DATABASE_URL", "").strip()
    if not raw:
        return f"sqlite:///{instance / 'sahifa.sqlite3'}"
    try:
        url = make_url(raw)
    except ArgumentError as exc:
        raise ConfigError(f"DATABASE_URL is not a valid database URL: {raw!r}") from exc
    backend = url.get_backend_name()
    if backend not in SUPPORTED_DATABASES:
        raise ConfigError(
            f"DATABASE_URL names an unsupported database {backend!r}; "
            f"use one of: {', '.join(SUPPORTED_DATABASES)}"
        )
    if backend == "postgresql" and url.drivername == "postgresql":
        # SQLAlchemy's default PostgreSQL driver is psycopg2; we install psycopg 3.
        url = url.set(drivername="postgresql+psycopg")
    return url.render_as_string(hide_password=False)


def secret_key(env: Mapping[str, str], instance: Path) -> str:
    """The session-signing key: from SECRET_KEY, else generated once and kept private."""
    configured = env.get("SECRET_KEY")
    if configured is not None:
        if len(configured) < 16:
            raise ConfigError("SECRET_KEY must be at least 16 characters long")
        return configured
    key_file = instance / SECRET_KEY_FILE
    if not key_file.exists():
        instance.mkdir(parents=True, exist_ok=True)
        # O_EXCL: two processes starting at once must not overwrite each other's key.
        try:
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_hex(32))
    key_file.chmod(stat.S_IRUSR | stat.S_IWUSR)
    key = key_file.read_text().strip()
    if len(key) < 16:
        raise ConfigError(f"SECRET_KEY: the key file {key_file} is empty or too short; delete it")
    return key


def data_dir(env: Mapping[str, str], instance: Path) -> str:
    """Where the analysis engine keeps its built morphology database."""
    raw = env.get("SAHIFA_DATA_DIR", "").strip()
    path = Path(raw) if raw else instance / "nlp"
    if path.exists() and not path.is_dir():
        raise ConfigError(f"SAHIFA_DATA_DIR is not a directory: {path}")
    return str(path)


def seeds_dir(env: Mapping[str, str]) -> str:
    raw = env.get("SAHIFA_SEEDS_DIR", "").strip()
    path = Path(raw) if raw else Path(__file__).resolve().parent.parent / "seeds"
    if raw and not path.is_dir():
        raise ConfigError(f"SAHIFA_SEEDS_DIR is not a directory: {path}")
    return str(path)


def positive_int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from None
    if value <= 0:
        raise ConfigError(f"{name} must be positive, got {value}")
    return value
