"""Checking an article before anything is analysed or stored.

Every check raises :class:`ArticleInputError` with a message fit for a teacher and the name of
the field it is about, so the import form can show it next to that field and the API can return
it as a JSON error. Nothing is written to the database until every check has passed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from learn.errors import AppError

TITLE_MAX = 300  # Article.title column
SOURCE_MAX = 200  # Article.source column
ARABIC_LETTER = re.compile(r"[\u0621-\u063a\u0641-\u064a\u066e-\u06d3\u06fa-\u06fc]")
# C0 control characters other than tab, newline, form feed and carriage return, and DEL:
# plain text never contains them, binary files (images, PDFs, Word files) nearly always do.
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
T = TypeVar("T")


class ArticleInputError(AppError):
    """The article cannot be imported (422); ``str(error)`` is the message for the teacher.

    ``errors`` (the refusal's ``fields``) maps every field found wrong to its message (a
    form shows each beside its field); ``field`` and the message are the first of them."""

    status = 422

    def __init__(self, message: str, field: str = "text", errors: dict[str, str] | None = None):
        super().__init__(message, errors or {field: message})
        self.field = field

    @property
    def errors(self) -> dict[str, str]:
        return self.fields


@dataclass(frozen=True)
class ArticleInput:
    """A checked article: text decoded, line endings normalised, surrounding blanks removed."""

    title: str
    source: str
    published: date | None
    text: str


def size_limit_hint(max_bytes: int) -> str:
    """The limit as the import form and the error messages state it."""
    return f"{max_bytes:,} bytes of UTF-8 text (about {max_bytes // 2:,} Arabic letters)"


def check_article(
    title: str,
    source: str,
    published: date | str | None,
    text: str | bytes,
    max_bytes: int,
) -> ArticleInput:
    """Validate every field; raise :class:`ArticleInputError` naming each field found wrong."""
    errors: dict[str, str] = {}

    def checked(check: Callable[[], T]) -> T | None:
        try:
            return check()
        except ArticleInputError as exc:
            errors[exc.field] = str(exc)
            return None

    article = ArticleInput(
        title=checked(lambda: _check_title(title)) or "",
        source=checked(lambda: _check_source(source)) or "",
        published=checked(lambda: _check_published(published)),
        text=checked(lambda: check_text(text, max_bytes)) or "",
    )
    if errors:
        field, message = next(iter(errors.items()))
        raise ArticleInputError(message, field, errors)
    return article


def check_text(data: str | bytes, max_bytes: int) -> str:
    """The article text, decoded and normalised; size is checked before decoding."""
    size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise ArticleInputError(
            f"The article is too large: {size:,} bytes. The limit (MAX_ARTICLE_BYTES) is "
            f"{size_limit_hint(max_bytes)}; split it into several articles."
        )
    if isinstance(data, bytes):
        if _BINARY_BYTES.search(data):
            raise ArticleInputError(
                "The file is not plain text (it contains binary data, as images, PDF and Word "
                "files do). Save the article as a UTF-8 .txt file and upload that."
            )
        text = _decode_utf8(data)
    else:
        text = data
    if CONTROL_CHARS.search(text):
        raise ArticleInputError(
            "The text contains control characters that plain text never has; "
            "paste the article as plain text."
        )
    # Browsers send textarea lines ending in CRLF: normalise so that the same article pasted
    # or uploaded or sent through the API has one fingerprint.
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise ArticleInputError("The article text is empty.")
    if not ARABIC_LETTER.search(text):
        raise ArticleInputError(
            "The text contains no Arabic letters; Sahifa makes lessons from Arabic articles."
        )
    return text


def _decode_utf8(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")  # a leading byte-order mark is allowed and dropped
    except UnicodeDecodeError as exc:
        raise ArticleInputError(
            f"The file is not UTF-8 text (invalid byte at position {exc.start}). Open it in a "
            "text editor and save it with the UTF-8 encoding, then upload it again."
        ) from None


def _check_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ArticleInputError("Give the article a title.", field="title")
    if len(title) > TITLE_MAX:
        raise ArticleInputError(
            f"The title is too long ({len(title)} characters; at most {TITLE_MAX}).", field="title"
        )
    return title


def _check_source(source: str) -> str:
    source = " ".join((source or "").split())
    if len(source) > SOURCE_MAX:
        raise ArticleInputError(
            f"The source is too long ({len(source)} characters; at most {SOURCE_MAX}).",
            field="source",
        )
    return source


def _check_published(published: date | str | None) -> date | None:
    if published is None or isinstance(published, date):
        return published
    if not isinstance(published, str):
        raise ArticleInputError(
            "The publication date must be a date like 2025-01-17.", field="published"
        )
    if not published.strip():
        return None
    try:
        return date.fromisoformat(published.strip())
    except ValueError:
        raise ArticleInputError(
            f"The publication date {published!r} is not a date like 2025-01-17.",
            field="published",
        ) from None
