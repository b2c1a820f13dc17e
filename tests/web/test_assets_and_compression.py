"""What a page costs on the wire: compressed HTML, static files under fingerprinted names that
browsers keep for a year, and a reading view whose HTML stays small."""

from __future__ import annotations

import gzip
import os
import re
from pathlib import Path

import brotli
import pytest
from flask import Flask
from flask.testing import FlaskClient

from learn.articles.service import import_seeds
from learn.web.assets import IMMUTABLE, AssetStore, split_fingerprint

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
STATIC_LINK = re.compile(r'(?:href|src)="(/static/[^"]+)"')


@pytest.fixture
def seed_id(app: Flask) -> int:
    with app.app_context():
        (article,) = import_seeds(SEEDS)
        return article.id


def seed_page(client: FlaskClient, article_id: int, encoding: str) -> tuple[bytes, dict[str, str]]:
    response = client.get(f"/articles/{article_id}", headers={"Accept-Encoding": encoding})
    assert response.status_code == 200
    return response.data, dict(response.headers)


def test_the_seed_reading_view_travels_compressed_in_under_30_kb(
    student_client: FlaskClient, seed_id: int
) -> None:
    plain, plain_headers = seed_page(student_client, seed_id, "identity")
    assert "Content-Encoding" not in plain_headers
    assert len(plain) <= 150_000, f"the seed's reading view is {len(plain)} bytes of HTML"

    packed, headers = seed_page(student_client, seed_id, "gzip, deflate, br")
    assert headers["Content-Encoding"] == "br" and "Accept-Encoding" in headers["Vary"]
    assert len(packed) <= 30_000, f"{len(packed)} bytes with brotli"
    # The same page, byte for byte, once unpacked (only the CSRF token differs per request).
    token = re.compile(rb"[A-Za-z0-9_.-]{40,}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{20,}")
    assert token.sub(b"T", brotli.decompress(packed)) == token.sub(b"T", plain)

    zipped, headers = seed_page(student_client, seed_id, "gzip")
    assert headers["Content-Encoding"] == "gzip" and len(zipped) <= 30_000
    assert b"article-text" in gzip.decompress(zipped)


def test_static_files_have_fingerprinted_names_and_long_lived_caching(
    app: Flask, student_client: FlaskClient
) -> None:
    page = student_client.get("/").get_data(as_text=True)
    links = STATIC_LINK.findall(page)
    assert {split_fingerprint(link)[0] for link in links} >= {
        "/static/css/app.css",
        "/static/js/app.js",
        "/static/vendor/htmx/htmx.min.js",
        "/static/vendor/fonts/noto-naskh-arabic/400.css",
    }
    for link in links:
        assert split_fingerprint(link)[1], f"{link} has no fingerprint"
        response = student_client.get(link)
        assert response.status_code == 200, link
        assert response.headers["Cache-Control"] == IMMUTABLE
    own = Path(app.static_folder or "") / "css" / "app.css"
    css_link = next(link for link in links if link.startswith("/static/css/app."))
    assert student_client.get(css_link).data == own.read_bytes()

    # The font stylesheet names its fonts by their fingerprinted names, which load too.
    font_css_link = next(link for link in links if "/400." in link)
    font_css = student_client.get(font_css_link).get_data(as_text=True)
    fonts = re.findall(r"url\((files/[^)]+\.woff2)\)", font_css)
    assert fonts and all(split_fingerprint(font)[1] for font in fonts)
    font = student_client.get(font_css_link.rsplit("/", 1)[0] + "/" + fonts[0])
    assert font.status_code == 200 and font.mimetype == "font/woff2"
    assert font.headers["Cache-Control"] == IMMUTABLE


def test_plain_stale_and_missing_static_names(student_client: FlaskClient) -> None:
    plain = student_client.get("/static/css/app.css")
    assert plain.status_code == 200 and plain.headers["Cache-Control"] == "no-cache"
    etag = plain.headers["ETag"]
    assert (
        student_client.get("/static/css/app.css", headers={"If-None-Match": etag}).status_code
        == 304
    )
    # A name from before a change (an old page in a browser): today's file, not kept long.
    stale = student_client.get("/static/css/app.0123456789ab.css")
    assert stale.status_code == 200 and stale.headers["Cache-Control"] == "no-cache"
    assert stale.data == plain.data
    assert student_client.get("/static/css/missing.css").status_code == 404
    assert student_client.get("/static/../learn/config.py").status_code == 404
    assert student_client.get("/static/%2e%2e/learn/config.py").status_code == 404


def test_a_changed_file_gets_a_new_name_and_so_does_the_stylesheet_naming_it(
    tmp_path: Path,
) -> None:
    (tmp_path / "fonts").mkdir()
    font = tmp_path / "fonts" / "face.woff2"
    font.write_bytes(b"font version 1")
    sheet = tmp_path / "fonts" / "face.css"
    sheet.write_text("@font-face { src: url(./face.woff2) format('woff2'), url(./face.woff); }")
    store = AssetStore(str(tmp_path))

    first_sheet, first_font = store.url_name("fonts/face.css"), store.url_name("fonts/face.woff2")
    asset = store.get("fonts/face.css")
    assert asset is not None
    body = asset.body.decode()
    assert f"url({Path(first_font).name})" in body
    assert "url(./face.woff)" in body  # a format that is not there stays as written

    font.write_bytes(b"font version 2, longer")
    os.utime(font, ns=(font.stat().st_atime_ns, font.stat().st_mtime_ns + 1_000_000))
    assert store.url_name("fonts/face.woff2") != first_font
    assert store.url_name("fonts/face.css") != first_sheet  # it names the new font
    assert store.url_name("fonts/missing.css") == "fonts/missing.css"


def test_in_production_a_name_is_worked_out_once_not_at_every_page(
    tmp_path: Path, student_client: FlaskClient
) -> None:
    """Outside debugging the files change only with a deployment, which restarts the server."""
    (tmp_path / "app.css").write_text("body { color: black; }")
    store = AssetStore(str(tmp_path), watch=False)
    first = store.url_name("app.css")
    (tmp_path / "app.css").write_text("body { color: white; } /* edited */")
    assert store.url_name("app.css") == first
    assert AssetStore(str(tmp_path)).url_name("app.css") != first  # a new process sees it
    assert student_client.application.extensions["sahifa_assets"].watch is False


def test_a_page_answering_a_query_string_is_not_compressed(
    student_client: FlaskClient,
) -> None:
    """It may reflect the query (the join page, /join, fills in ?code=) next to the CSRF token."""
    plain = student_client.get("/join", headers={"Accept-Encoding": "br"})
    assert plain.status_code == 200 and plain.headers["Content-Encoding"] == "br"
    reflected = student_client.get("/join?code=GUESS1", headers={"Accept-Encoding": "br, gzip"})
    assert reflected.status_code == 200 and "Content-Encoding" not in reflected.headers
    assert 'value="GUESS1"' in reflected.get_data(as_text=True)
    assert "Accept-Encoding" in reflected.headers["Vary"]
