"""Storing articles, and importing the seed articles shipped in `seeds/`."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select

from learn.extensions import db
from learn.models import Article


class SeedError(ValueError):
    """A seed's metadata file is malformed; the message names the file."""


@dataclass(frozen=True)
class SeedArticle:
    name: str  # the metadata file's stem, unique within seeds/
    title: str
    source: str
    language: str
    published: date | None
    text: str


def text_fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_seed(meta_path: Path) -> SeedArticle:
    """Read one `<name>.json` metadata file and the text file it names."""
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        text_path = meta_path.parent / meta["text_file"]
        text = text_path.read_text(encoding="utf-8").strip()
        published = date.fromisoformat(meta["published"]) if meta.get("published") else None
        return SeedArticle(
            name=meta_path.stem,
            title=meta["title"],
            source=meta.get("source", ""),
            language=meta.get("language", "ar"),
            published=published,
            text=text,
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SeedError(f"{meta_path}: {exc}") from exc


def list_seeds(seeds_dir: Path) -> list[SeedArticle]:
    return [read_seed(path) for path in sorted(seeds_dir.glob("*.json"))]


def import_seeds(seeds_dir: Path) -> list[Article]:
    """Import every seed not imported yet; returns the newly created articles.

    Idempotent: a seed is recognised by its name and by its text, so running this on
    every start imports nothing the second time.
    """
    created = []
    for seed in list_seeds(seeds_dir):
        fingerprint = text_fingerprint(seed.text)
        known = db.session.scalar(
            select(Article.id).where(
                (Article.seed_name == seed.name) | (Article.text_sha256 == fingerprint)
            )
        )
        if known is not None:
            continue
        article = Article(
            title=seed.title,
            source=seed.source,
            language=seed.language,
            published=seed.published,
            text=seed.text,
            text_sha256=fingerprint,
            seed_name=seed.name,
        )
        db.session.add(article)
        created.append(article)
    db.session.commit()
    return created


def list_articles() -> list[Article]:
    return list(db.session.scalars(select(Article).order_by(Article.created_at.desc(), Article.id)))
