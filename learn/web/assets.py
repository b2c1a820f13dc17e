"""Static files under fingerprinted names, cached by browsers for a year.

`url_for("static", filename="css/app.css")` gives `/static/css/app.<hash>.css`, the hash
being the first 12 hex digits of the file's SHA-256: a changed file gets a new name, so a
browser may keep every name it has seen for good (`Cache-Control: immutable`). Stylesheets
name the files they load (fonts) by their fingerprinted names too, and their own hash covers
those names, so a new font behind an unchanged stylesheet still reaches the browser.

No build step: names are computed from the files when first asked for. While developing
(debug, or TEMPLATES_AUTO_RELOAD) they are recomputed when a file changes (its size or
modification time), so an edited stylesheet shows at the next page load; in production a
deployment restarts the server, as templates need anyway, so a name is not checked against
the disk again (that cost a few dozen `stat` calls per page). A request for an outdated or
missing hash gets the current file with no long-lived caching (a page from before a
deployment still works).
"""

from __future__ import annotations

import hashlib
import mimetypes
import re
import threading
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from flask import Flask, Response, abort, current_app, request
from werkzeug.security import safe_join

DIGEST_LENGTH = 12
ONE_YEAR = 365 * 24 * 3600
IMMUTABLE = f"public, max-age={ONE_YEAR}, immutable"
# Unfingerprinted names may change content at any time: revalidate (ETag) on every use.
REVALIDATE = "no-cache"
FINGERPRINTED = re.compile(r"^(?P<stem>.+)\.(?P<digest>[0-9a-f]{12})(?P<suffix>\.[A-Za-z0-9]+)$")
# url(...) in a stylesheet, without a scheme or an absolute path: a file beside it.
CSS_URL = re.compile(r"""url\((?P<quote>['"]?)(?P<path>(?![a-z]+:|/|#)[^'")?#]+)(?P=quote)\)""")


@dataclass(frozen=True)
class Asset:
    body: bytes
    digest: str
    mimetype: str
    stamp: tuple[int, int]  # (size, mtime_ns) of the file it was read from
    # The files a stylesheet names, with their stamps when it was read: its body (and so its
    # digest) is stale once one of them changes.
    depends_on: tuple[tuple[str, tuple[int, int]], ...] = ()


class AssetStore:
    """The static folder's files with their digests, read once per change of the file."""

    def __init__(self, folder: str, watch: bool = True) -> None:
        self.folder = folder
        self.watch = watch  # look for changed files at every use
        self._cache: dict[str, Asset] = {}
        self._lock = threading.RLock()  # a stylesheet reads the files it names while held

    def _path(self, filename: str) -> Path | None:
        joined = safe_join(self.folder, filename)
        path = Path(joined) if joined is not None else None
        return path if path is not None and path.is_file() else None

    def _stamp(self, filename: str) -> tuple[int, int] | None:
        path = self._path(filename)
        if path is None:
            return None
        stat = path.stat()
        return (stat.st_size, stat.st_mtime_ns)

    def get(self, filename: str) -> Asset | None:
        cached = self._cache.get(filename)
        if cached is not None and not self.watch:
            return cached
        stamp = self._stamp(filename)
        if stamp is None:
            return None
        if cached is not None and self._fresh(cached, stamp):
            return cached
        with self._lock:
            asset = self._read(filename, stamp)
            self._cache[filename] = asset
        return asset

    def _fresh(self, asset: Asset, stamp: tuple[int, int]) -> bool:
        return asset.stamp == stamp and all(
            self._stamp(name) == seen for name, seen in asset.depends_on
        )

    def _read(self, filename: str, stamp: tuple[int, int]) -> Asset:
        path = self._path(filename)
        assert path is not None
        body = path.read_bytes()
        mimetype = mimetypes.guess_type(filename)[0] or "application/octet-stream"
        depends_on: tuple[tuple[str, tuple[int, int]], ...] = ()
        if mimetype == "text/css":
            body, depends_on = self._fingerprint_css_urls(filename, body)
        digest = hashlib.sha256(body).hexdigest()[:DIGEST_LENGTH]
        return Asset(body, digest, mimetype, stamp, depends_on)

    def _fingerprint_css_urls(
        self, filename: str, body: bytes
    ) -> tuple[bytes, tuple[tuple[str, tuple[int, int]], ...]]:
        folder = PurePosixPath(filename).parent
        named: list[tuple[str, tuple[int, int]]] = []

        def replace(match: re.Match[str]) -> str:
            relative = match.group("path")
            target = _normalise(str(PurePosixPath(folder, relative)))
            asset = self.get(target)
            if asset is None:  # a fallback format not shipped (e.g. .woff beside .woff2)
                return match.group(0)
            named.append((target, asset.stamp))
            quote = match.group("quote")
            return f"url({quote}{fingerprinted_name(relative, asset.digest)}{quote})"

        text = CSS_URL.sub(replace, body.decode("utf-8"))
        return text.encode("utf-8"), tuple(named)

    def url_name(self, filename: str) -> str:
        """The fingerprinted name of a static file (the plain name if there is no such file)."""
        asset = self.get(filename)
        return fingerprinted_name(filename, asset.digest) if asset else filename


def _normalise(path: str) -> str:
    parts: list[str] = []
    for part in PurePosixPath(path).parts:
        if part == "..":
            if parts:
                parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


def fingerprinted_name(filename: str, digest: str) -> str:
    """css/app.css + 3f2a… → css/app.3f2a….css"""
    path = PurePosixPath(filename)
    return str(path.with_name(f"{path.stem}.{digest}{path.suffix}"))


def split_fingerprint(filename: str) -> tuple[str, str | None]:
    """css/app.3f2a….css → (css/app.css, 3f2a…); a plain name → (name, None)."""
    match = FINGERPRINTED.match(filename)
    if match is None:
        return filename, None
    return f"{match['stem']}{match['suffix']}", match["digest"]


def store() -> AssetStore:
    assets: AssetStore = current_app.extensions["sahifa_assets"]
    return assets


def static_file(filename: str) -> Response:
    """Flask's `static` endpoint: the file under its plain or its fingerprinted name."""
    name, digest = split_fingerprint(filename)
    assets = store()
    asset = assets.get(name)
    if asset is None and digest is not None:  # a file whose own name looks fingerprinted
        name, digest, asset = filename, None, assets.get(filename)
    if asset is None:
        abort(404)
    response = Response(asset.body, mimetype=asset.mimetype)
    response.set_etag(asset.digest)
    response.headers["Cache-Control"] = IMMUTABLE if digest == asset.digest else REVALIDATE
    response.make_conditional(request)
    return response


def add_fingerprint(endpoint: str, values: dict[str, str]) -> None:
    """url_for("static", filename=…) builds the fingerprinted name."""
    if endpoint == "static" and "filename" in values:
        values["filename"] = store().url_name(values["filename"])


def init_app(app: Flask) -> None:
    assert app.static_folder is not None
    watch = bool(app.debug or app.config.get("TEMPLATES_AUTO_RELOAD"))
    app.extensions["sahifa_assets"] = AssetStore(app.static_folder, watch=watch)
    app.view_functions["static"] = static_file
    app.url_defaults(add_fingerprint)
