"""File downloads the pages offer: CSV that spreadsheet programs open as UTF-8, and .xlsx.

Excel reads a CSV file without a byte-order mark in the computer's legacy code page, which
turns Arabic names, prompts and answers into mojibake; with the UTF-8 BOM (U+FEFF first) it
reads UTF-8, and LibreOffice and Python's `utf-8-sig` codec skip the mark.
"""

from __future__ import annotations

from flask import Response

BOM = "\ufeff"
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _attachment(filename: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{filename}"'}


def csv_download(text: str, filename: str) -> Response:
    return Response(BOM + text, mimetype="text/csv", headers=_attachment(filename))


def xlsx_download(data: bytes, filename: str) -> Response:
    return Response(data, mimetype=XLSX_MIMETYPE, headers=_attachment(filename))
