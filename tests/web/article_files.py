"""Article files built in code for the import tests: a saved web page, a Word .docx and PDFs.

The PDF is written by hand (a few objects, a font that is only a ToUnicode map, no glyphs):
enough for a PDF reader to find the text, which is all the import reads. A line is drawn as it
appears on the page, left to right, the way a PDF writer lays out right-to-left text: a line
given as a list of segments puts its first segment at the right edge and each next one to the
left of it; an Arabic segment's letters are drawn in reverse with brackets mirrored (the glyph
shown for "(" in right-to-left text is ")"), a segment without Arabic (a number, Latin words)
keeps its order. A line given as one string is cut into segments at its numbers and runs of
Latin words.
"""

from __future__ import annotations

import io
import re
import zipfile

PAGE_WIDTH, PAGE_HEIGHT, FONT_SIZE = 612, 792, 12
GLYPH_WIDTH = FONT_SIZE // 2  # the font's default width, 500/1000 em
_ARABIC = re.compile(r"[\u0621-\u064a\u0671-\u06d3\ufb50-\ufeff]")  # letters, not digits
_MIRROR = str.maketrans("()[]{}«»", ")(][}{»«")
_LEFT_TO_RIGHT_RUN = re.compile(r"([0-9A-Za-z\u0660-\u0669]+(?:[ .,:][0-9A-Za-z\u0660-\u0669]+)*)")


def web_page(title: str, paragraphs: list[str], site: str = "", published: str = "") -> bytes:
    """A news page as a browser saves it: navigation, the article, a footer; UTF-8."""
    meta = f'<meta property="og:site_name" content="{site}">' if site else ""
    if published:
        meta += f'<meta property="article:published_time" content="{published}T08:00:00Z">'
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">'
        f"<title>{title} | {site or 'أخبار'}</title>{meta}</head><body>"
        "<nav><a href='/'>الرئيسية</a> <a href='/world'>العالم</a> <a href='/sport'>رياضة</a></nav>"
        f"<main><article><h1>{title}</h1>{body}</article></main>"
        "<footer><p>جميع الحقوق محفوظة</p></footer></body></html>"
    ).encode()


def word_file(paragraphs: list[str], heading: str = "", core_title: str = "") -> bytes:
    import docx

    document = docx.Document()
    if core_title:
        document.core_properties.title = core_title
    if heading:
        document.add_heading(heading, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def zip_bomb_docx(unpacked_bytes: int) -> bytes:
    """A small .docx whose document part unpacks to ``unpacked_bytes`` of blanks."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b" " * unpacked_bytes)
    return out.getvalue()


Line = str | list[str]


def line_text(line: Line) -> str:
    """The line as it is read."""
    return line if isinstance(line, str) else "".join(line)


def _visual(line: Line) -> str:
    """The line as it is drawn, left to right."""
    segments = _LEFT_TO_RIGHT_RUN.split(line) if isinstance(line, str) else line
    if not any(_ARABIC.search(segment) for segment in segments):
        return "".join(segments)  # a left-to-right line
    drawn = [
        segment[::-1].translate(_MIRROR)
        if _ARABIC.search(segment) or not segment.strip("., ")
        else segment
        for segment in segments
    ]
    return "".join(reversed(drawn))


def _utf16_string(text: str) -> str:
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def text_pdf(pages: list[list[Line]], title: str = "") -> bytes:
    """A PDF with one list of lines per page; an empty list is a page with only a drawing on
    it, as a scanned page has only its picture."""
    chars = sorted({c for page in pages for line in page for c in line_text(line)})
    code = {c: i + 1 for i, c in enumerate(chars)}
    cmap = "\n".join(
        [
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            "/CMapName /Test-UCS def /CMapType 2 def",
            "1 begincodespacerange <0000> <FFFF> endcodespacerange",
            f"{len(chars)} beginbfchar",
            *(f"<{code[c]:04X}> <{ord(c):04X}>" for c in chars),
            "endbfchar endcmap CMapName currentdict /CMap defineresource pop end end",
        ]
    )

    def draw(page: list[Line]) -> str:
        if not page:
            return "0.5 g 72 72 468 648 re f"  # a grey box where a scan would be
        ops = ["BT", f"/F1 {FONT_SIZE} Tf"]
        for number, line in enumerate(page):
            visual = _visual(line)
            y = PAGE_HEIGHT - 72 - number * (FONT_SIZE + 4)
            x = PAGE_WIDTH - 72 - len(visual) * GLYPH_WIDTH  # set flush with the right margin
            glyphs = "".join(f"{code[c]:04X}" for c in visual)
            ops.append(f"1 0 0 1 {x} {y} Tm <{glyphs}> Tj")
        return "\n".join([*ops, "ET"])

    first_page = 6
    objects = {
        1: "<< /Type /Catalog /Pages 2 0 R >>",
        2: "<< /Type /Pages /Kids [{}] /Count {} >>".format(
            " ".join(f"{first_page + 2 * i} 0 R" for i in range(len(pages))), len(pages)
        ),
        3: "<< /Type /Font /Subtype /Type0 /BaseFont /Test /Encoding /Identity-H "
        "/DescendantFonts [4 0 R] /ToUnicode 5 0 R >>",
        4: "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Test /CIDSystemInfo "
        "<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 >>",
        5: cmap,
    }
    streams = {5}
    for i, page in enumerate(pages):
        number = first_page + 2 * i
        objects[number] = (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {number + 1} 0 R >>"
        )
        objects[number + 1] = draw(page)
        streams.add(number + 1)
    info = first_page + 2 * len(pages)
    objects[info] = f"<< /Title {_utf16_string(title)} >>" if title else "<< >>"

    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        body = objects[number].encode("ascii")
        if number in streams:
            body = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(body), body)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (info + 1)
    out += b"".join(b"%010d 00000 n \n" % offsets[n] for n in range(1, info + 1))
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        info + 1,
        info,
        xref,
    )
    return bytes(out)
