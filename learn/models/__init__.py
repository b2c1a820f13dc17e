"""All database models, importable from one place (Alembic reads this module's metadata)."""

from learn.models.articles import Article
from learn.models.base import Base

__all__ = ["Article", "Base"]
