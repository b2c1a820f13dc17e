"""Flask extensions, created unbound and initialised by the application factory."""

from typing import Any, TypeVar

from flask_compress import Compress
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import inspect

from learn.models.base import Base

db = SQLAlchemy(model_class=Base)
migrate = Migrate(render_as_batch=True)  # SQLite needs batch mode to alter tables
csrf = CSRFProtect()
compress = Compress()  # brotli/gzip responses; set up by learn.web.compression

Row = TypeVar("Row")
# Primary keys are INTEGER: 32 bits on PostgreSQL (SQLite's are 64). A larger number from a
# request names no row, and must not reach the database (it would raise, not find nothing).
MIN_ID, MAX_ID = 1, 2**31 - 1


def is_row_id(value: Any) -> bool:
    """Could `value` be a primary key (a whole number in the INTEGER range)?"""
    return isinstance(value, int) and not isinstance(value, bool) and MIN_ID <= value <= MAX_ID


def get_by_id(model: type[Row], value: Any) -> Row | None:
    """`db.session.get` for an id from a request: None for anything that cannot be an id."""
    return db.session.get(model, value) if is_row_id(value) else None


def row_id(row: object) -> int:
    """The primary key of a row the session holds, read from its identity: after a commit
    has expired the row, `row.id` would query the database again just to say it."""
    identity = inspect(row).identity
    assert identity is not None, "the row has not been flushed yet"
    return int(identity[0])
