"""The text of an uploaded article file: plain text, a saved web page, a Word .docx file or a
PDF with a text layer. Pure: no Flask, no database.

Every problem raises :class:`ArticleInputError` about the ``file`` field with a message a
teacher can act on. What comes out is shown to the teacher for confirmation before anything is
analysed or stored (learn/articles/routes.py), so a reading that is only nearly right (a PDF's
line breaks, a web page's boilerplate) can be put right by hand.

The readers are imported inside the functions that use them: the web app should load lxml,
trafilatura's date parser and pypdf when a teacher first uploads such a file, not at every start.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import PurePath
from typing import TYPE_CHECKING

from learn.articles.validation import ArticleInputError, check_text, size_limit_hint

if TYPE_CHECKING:
    from pypdf import PdfReader

# A saved page, a Word or a PDF file carries markup, styles and fonts besides the text: such a
# file may be this many times larger than the article text allowed (SAHIFA_MAX_ARTICLE_BYTES).
FILE_TO_TEXT_RATIO = 8
# …and at least this large: a Word file's styles or a saved page's scripts weigh the same
# however short the article is (an empty .docx from python-docx unpacks to 36 KB).
FILE_MIN_LIMIT = 1024 * 1024
# What a .docx may unpack to, or a PDF stream decompress to, as a multiple of the file limit:
# more is a decompression bomb, or at least far beyond any news article.
EXPANSION_RATIO = 4
DOCX_MAX_MEMBERS = 1000
# Room left in a request for the form's other fields and the multipart framing.
FORM_OVERHEAD_BYTES = 16 * 1024
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u066e-\u06d3\u06fa-\u06fc]")


@dataclass(frozen=True)
class ExtractedArticle:
    """What a file gives: its text and, when the file says, its title, source and date."""

    text: str
    kind: str = ""  # "the web page", "the Word file", …: as the confirm page names it
    title: str = ""
    source: str = ""
    published: date | None = None


@dataclass(frozen=True)
class _Format:
    kind: str
    read: Callable[[bytes, int, int], ExtractedArticle]  # (data, max text, max expanded bytes)


def file_size_limit(filename: str, max_article_bytes: int, max_request_bytes: int | None) -> int:
    """The largest file of this name's kind that is read (a .txt is the text itself)."""
    if _suffix(filename) == ".txt":
        return max_article_bytes
    limit = _file_limit(max_article_bytes)
    if max_request_bytes is not None:
        limit = min(limit, max_request_bytes - FORM_OVERHEAD_BYTES)
    return max(limit, max_article_bytes)


def _file_limit(max_article_bytes: int) -> int:
    return max(FILE_TO_TEXT_RATIO * max_article_bytes, FILE_MIN_LIMIT)


def upload_hint(max_article_bytes: int, max_request_bytes: int | None) -> str:
    """The upload limits as the import form states them."""
    other = file_size_limit("a.html", max_article_bytes, max_request_bytes)
    return (
        f"A .txt file of at most {size_limit_hint(max_article_bytes)}; a web page, Word or PDF "
        f"file of at most {other:,} bytes, whose text must fit the same limit."
    )


def extract_article(filename: str, data: bytes, max_article_bytes: int) -> ExtractedArticle:
    """The article in an uploaded file, its text checked like pasted text (size, Arabic).

    ``data`` must already be within :func:`file_size_limit` (the form reads no more)."""
    fmt = _format_of(filename)
    expanded_limit = EXPANSION_RATIO * _file_limit(max_article_bytes)
    extracted = fmt.read(data, max_article_bytes, expanded_limit)
    try:
        text = check_text(extracted.text, max_article_bytes)
    except ArticleInputError as exc:
        raise _file_error(f"{exc} (The text read from {fmt.kind}.)") from None
    return replace(extracted, text=text, kind=fmt.kind)


def _format_of(filename: str) -> _Format:
    suffix = _suffix(filename)
    if suffix in _FORMATS:
        return _FORMATS[suffix]
    if suffix == ".doc":
        raise _file_error(
            "Word 97–2003 .doc files cannot be read: open it in Word or LibreOffice, save it "
            "as a Word document (.docx) and upload that."
        )
    raise _file_error(
        "Upload a .txt (UTF-8), .html (a saved web page), .docx (Word) or .pdf file; "
        f"“{PurePath(filename).name}” is none of these."
    )


def _suffix(filename: str) -> str:
    return PurePath(filename.lower()).suffix


def _file_error(message: str) -> ArticleInputError:
    return ArticleInputError(message, field="file")


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _expanded_too_far(kind: str, expanded_limit: int) -> ArticleInputError:
    return _file_error(
        f"{_capitalised(kind)} unpacks to more than {expanded_limit:,} bytes, far more than a "
        "news article needs (it may hold large pictures): save the text alone and upload that."
    )


# --------------------------------------------------------------------------- plain text


def _read_txt(data: bytes, max_article_bytes: int, expanded_limit: int) -> ExtractedArticle:
    try:
        text = check_text(data, max_article_bytes)  # binary data, UTF-8, size
    except ArticleInputError as exc:
        raise _file_error(str(exc)) from None
    return ExtractedArticle(text=text)


# --------------------------------------------------------------------------- web pages


def _read_html(data: bytes, max_article_bytes: int, expanded_limit: int) -> ExtractedArticle:
    import trafilatura

    if b"\x00" in data[:1024]:
        raise _file_error("The file is not a web page (it contains binary data).")
    # trafilatura decodes the bytes by the page's declared charset (or a guess), drops the
    # navigation, adverts and comments, and reads the title, site name and date from the
    # page's metadata; it fetches nothing when given the page itself.
    document = trafilatura.bare_extraction(
        data, with_metadata=True, include_comments=False, include_tables=False
    )
    text = getattr(document, "text", None) or ""
    if not text.strip():
        raise _file_error(
            "No article text was found in the web page. Save the article's own page (in the "
            "browser: Save page as… → Web page, HTML only) or paste its text instead."
        )
    title = _one_line(getattr(document, "title", None))
    # The headline usually opens the extracted text as well; it belongs in the title field.
    first, _, rest = text.strip().partition("\n")
    if title and _one_line(first) == title and rest.strip():
        text = rest
    return ExtractedArticle(
        text=text,
        title=title,
        source=_one_line(getattr(document, "sitename", None)),
        published=_iso_date(getattr(document, "date", None)),
    )


def _one_line(value: object) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _iso_date(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


# --------------------------------------------------------------------------- Word files


def _read_docx(data: bytes, max_article_bytes: int, expanded_limit: int) -> ExtractedArticle:
    import docx

    _check_zip(data, expanded_limit)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # lxml and python-docx raise many kinds on damaged parts
        raise _file_error(f"The Word file cannot be read ({_reason(exc)}).") from None
    paragraphs = [(p.style.name if p.style else "", p.text.strip()) for p in document.paragraphs]
    paragraphs = [(style, text) for style, text in paragraphs if text]
    title = _one_line(document.core_properties.title)
    # A first paragraph styled as the document's title is the headline, not article text.
    if paragraphs and paragraphs[0][0] in ("Title", "Heading 1") and len(paragraphs) > 1:
        title = title or _one_line(paragraphs[0][1])
        paragraphs = paragraphs[1:]
    if not paragraphs:
        raise _file_error("The Word file contains no text.")
    return ExtractedArticle(text="\n".join(text for _, text in paragraphs), title=title)


def _check_zip(data: bytes, expanded_limit: int) -> None:
    """Refuse a .docx that is not a zip archive, or whose parts unpack past the limit.

    The sizes a zip declares bound what Python's zipfile returns (it stops at the declared
    size and fails the CRC check), so checking them is enough against a zip bomb."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _file_error(
            "The file is not a Word document (.docx): it may be damaged, or an older .doc or "
            "another kind of file renamed. Open it in Word or LibreOffice and save it as .docx."
        ) from None
    if len(members) > DOCX_MAX_MEMBERS or sum(m.file_size for m in members) > expanded_limit:
        raise _expanded_too_far("the Word file", expanded_limit)


def _reason(exc: Exception) -> str:
    reason = " ".join(str(exc).split())[:200]
    return reason or type(exc).__name__


# --------------------------------------------------------------------------- PDF files


def _read_pdf(data: bytes, max_article_bytes: int, expanded_limit: int) -> ExtractedArticle:
    import pypdf
    from pypdf.errors import LimitReachedError

    limits = {
        name: expanded_limit
        for name in (
            "zlib_maximum_output_length",
            "lzw_maximum_output_length",
            "run_length_maximum_output_length",
            "brotli_maximum_output_length",
            "array_based_stream_maximum_output_length",
            "maximum_declared_stream_length",
        )
    }
    with pypdf.apply_configuration(None, **limits):
        try:
            reader = pypdf.PdfReader(io.BytesIO(data))
            _unlock(reader)
            lines = _pdf_lines(reader, max_article_bytes)
            title = _pdf_title(reader)
        except ArticleInputError:
            raise
        except LimitReachedError:
            raise _expanded_too_far("the PDF file", expanded_limit) from None
        except Exception as exc:  # pypdf raises many kinds on damaged files
            raise _file_error(
                f"The PDF file cannot be read; it may be damaged ({_reason(exc)})."
            ) from None
    if not any(line.strip() for line in lines):
        raise _file_error(
            "The PDF has no text to read: it is probably scanned pages (pictures of text). "
            "Sahifa cannot read text in pictures; find the article as a web page or a Word file, "
            "or run the PDF through text recognition (OCR) first."
        )
    return ExtractedArticle(text=_paragraphs(lines), title=title)


def _unlock(reader: PdfReader) -> None:
    """Open a PDF that restricts only printing or copying (empty user password)."""
    if not reader.is_encrypted:
        return
    try:
        unlocked = bool(reader.decrypt(""))
    except Exception:  # an unsupported cipher raises: locked all the same
        unlocked = False
    if not unlocked:
        raise _file_error(
            "The PDF is protected by a password: open it, save or print it as a PDF without "
            "protection, and upload that."
        )


def _pdf_lines(reader: PdfReader, max_article_bytes: int) -> list[str]:
    """Every page's lines in reading order, stopping once the text is past the limit."""
    lines: list[str] = []
    size = 0
    for page in reader.pages:
        # Layout mode puts each line's characters in their order on the page (left to right),
        # whatever order the file drew them in; right-to-left lines are then turned round
        # here. pypdf's plain mode guesses the direction of each character and splits numbers
        # and punctuation away from the Arabic around them.
        page_text = page.extract_text(extraction_mode="layout", layout_mode_space_vertically=False)
        for raw in page_text.splitlines():
            line = _logical_line(" ".join(raw.split()))
            lines.append(line)
            size += len(line.encode("utf-8")) + 1
        lines.append("")  # a page ends a paragraph
        if size > max_article_bytes:
            raise _file_error(
                f"The PDF's text is too large: more than {max_article_bytes:,} bytes. The limit "
                f"(MAX_ARTICLE_BYTES) is {size_limit_hint(max_article_bytes)}; upload the pages "
                "of one article only."
            )
    return lines


# Characters a right-to-left line keeps in left-to-right order: digits (Western and
# Arabic-Indic), Latin letters, and the punctuation inside numbers and Latin words.
_LTR_CHAR = r"0-9A-Za-z\u00c0-\u024f\u0660-\u0669\u06f0-\u06f9"
_LTR_RUN = re.compile(
    rf"[{_LTR_CHAR}](?:[{_LTR_CHAR}.,:/%'’\-]*[{_LTR_CHAR}])?"
    rf"(?: +[{_LTR_CHAR}](?:[{_LTR_CHAR}.,:/%'’\-]*[{_LTR_CHAR}])?)*"
)
# A right-to-left line shows each bracket mirrored: the glyph drawn for "(" is ")".
_MIRRORED = str.maketrans("()[]{}<>«»", ")(][}{><»«")
# Arabic presentation forms (the shaped letters some PDF fonts map to) and their letters.
_PRESENTATION_FORM = re.compile(r"[\ufb50-\ufdff\ufe70-\ufefe]")


def _logical_line(visual: str) -> str:
    """A line as the page shows it (left to right) in the order it is read.

    A line with Arabic letters is an Arabic line: read from the right, except for runs of
    digits and Latin words, which keep their order; brackets are mirrored back. Shaped letters
    (presentation forms) become plain letters. Lines without Arabic are left as they are."""
    if not _ARABIC_LETTER.search(visual) and not _PRESENTATION_FORM.search(visual):
        return visual
    logical = visual[::-1].translate(_MIRRORED)
    logical = _LTR_RUN.sub(lambda m: m.group()[::-1], logical)
    return _PRESENTATION_FORM.sub(lambda m: unicodedata.normalize("NFKC", m.group()), logical)


_PARAGRAPH_END = re.compile(r"[.!?؟:»”\"]$")


def _paragraphs(lines: list[str]) -> str:
    """Lines joined into paragraphs: a PDF breaks lines where the page ends, not where the
    sentence does (Sahifa reads a line break as the end of a paragraph). A line ending a
    sentence, a blank line or a page break ends a paragraph."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if line:
            current.append(line)
        if current and (not line or _PARAGRAPH_END.search(line)):
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n".join(paragraphs)


_FILE_NAME_TITLE = re.compile(r"\.(docx?|pdf|odt|rtf|txt|html?)$|^Microsoft Word - ", re.I)


def _pdf_title(reader: PdfReader) -> str:
    """The PDF's own title, unless it is only the name of the file it was made from."""
    metadata = reader.metadata
    title = _one_line(metadata.title if metadata else None)
    return "" if _FILE_NAME_TITLE.search(title) else title


_FORMATS: dict[str, _Format] = {
    ".txt": _Format("the text file", _read_txt),
    ".html": _Format("the web page", _read_html),
    ".htm": _Format("the web page", _read_html),
    ".docx": _Format("the Word file", _read_docx),
    ".pdf": _Format("the PDF file", _read_pdf),
}
SUPPORTED_SUFFIXES = tuple(_FORMATS)
