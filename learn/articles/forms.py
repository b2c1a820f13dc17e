"""Reading the import form: the text comes pasted or as an uploaded file, never both."""

from __future__ import annotations

from dataclasses import dataclass

from werkzeug.datastructures import FileStorage, ImmutableMultiDict

from learn.articles.validation import ArticleInputError, size_limit_hint


@dataclass(frozen=True)
class ImportSubmission:
    title: str
    source: str
    published: str
    text: str | bytes  # bytes when uploaded: decoding is the validator's job


def read_import_form(
    form: ImmutableMultiDict[str, str], files: ImmutableMultiDict[str, FileStorage], max_bytes: int
) -> ImportSubmission:
    """The submitted fields; raises :class:`ArticleInputError` when the text is missing or
    given twice. An upload is read up to one byte past the limit, so a huge file is refused
    by size without being held in memory."""
    pasted = form.get("text", "")
    upload = files.get("file")
    uploaded = upload.stream.read(max_bytes + 1) if upload and upload.filename else None
    if uploaded is not None and pasted.strip():
        raise ArticleInputError(
            "Paste the text or upload a file, not both: clear the text box to use the file."
        )
    if uploaded is not None and not (upload and (upload.filename or "").lower().endswith(".txt")):
        raise ArticleInputError("Upload a plain-text file ending in .txt (UTF-8).", field="file")
    if uploaded is not None and len(uploaded) > max_bytes:
        raise ArticleInputError(
            f"The file is too large: more than {max_bytes:,} bytes. The limit "
            f"(MAX_ARTICLE_BYTES) is {size_limit_hint(max_bytes)}; split it into several articles.",
            field="file",
        )
    return ImportSubmission(
        title=form.get("title", ""),
        source=form.get("source", ""),
        published=form.get("published", ""),
        text=uploaded if uploaded is not None else pasted,
    )
