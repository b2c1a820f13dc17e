"""Reading the import form: the text comes pasted or as an uploaded file, never both."""

from __future__ import annotations

from dataclasses import dataclass

from werkzeug.datastructures import FileStorage, ImmutableMultiDict

from learn.articles.extract import file_size_limit
from learn.articles.validation import ArticleInputError, size_limit_hint


@dataclass(frozen=True)
class Upload:
    filename: str
    data: bytes


@dataclass(frozen=True)
class ImportSubmission:
    title: str
    source: str
    published: str
    text: str  # pasted; empty when a file is uploaded
    upload: Upload | None


def read_import_form(
    form: ImmutableMultiDict[str, str],
    files: ImmutableMultiDict[str, FileStorage],
    max_article_bytes: int,
    max_request_bytes: int | None,
) -> ImportSubmission:
    """The submitted fields; raises :class:`ArticleInputError` when the text is given twice or
    the file is too large. An upload is read up to one byte past its limit, so a huge file is
    refused by size without being held in memory."""
    pasted = form.get("text", "")
    upload = files.get("file")
    filename = (upload.filename or "") if upload else ""
    if upload is None or not filename:
        return ImportSubmission(*_metadata(form), text=pasted, upload=None)
    if pasted.strip():
        raise ArticleInputError(
            "Paste the text or upload a file, not both: clear the text box to use the file."
        )
    limit = file_size_limit(filename, max_article_bytes, max_request_bytes)
    data = upload.stream.read(limit + 1)
    if len(data) > limit:
        allowed = (
            size_limit_hint(limit)
            if limit == max_article_bytes
            else f"{limit:,} bytes for a web page, Word or PDF file"
        )
        raise ArticleInputError(
            f"The file is too large: more than {limit:,} bytes. The limit (MAX_ARTICLE_BYTES) "
            f"is {allowed}; split the article, or save only its text and upload that.",
            field="file",
        )
    return ImportSubmission(*_metadata(form), text="", upload=Upload(filename, data))


def _metadata(form: ImmutableMultiDict[str, str]) -> tuple[str, str, str]:
    return form.get("title", ""), form.get("source", ""), form.get("published", "")
