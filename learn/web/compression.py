"""Compressed responses (brotli, else gzip) through flask-compress — except an HTML page
that answers a query string.

Every page carries the session's CSRF token. A compressed page that also reflects text the
requester chose (the join page fills in `?code=` from its link, the sign-in page `?next=`)
would let someone who can watch the encrypted traffic and make the browser send such links
guess the token from the responses' sizes (BREACH). Query strings are the only way a
cross-site request gets text into a page (a cross-site POST fails the CSRF check), so pages
answering one go uncompressed; the rest — the reading view among them — are compressed.
"""

from __future__ import annotations

from flask import Flask, Response, request

from learn.extensions import compress


def init_app(app: Flask) -> None:
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    app.config.setdefault("COMPRESS_ALGORITHM_STREAMING", ["br", "deflate"])
    app.config["COMPRESS_REGISTER"] = False  # compress_unless_reflecting decides
    compress.init_app(app)
    app.after_request(compress_unless_reflecting)


def compress_unless_reflecting(response: Response) -> Response:
    if request.query_string and response.mimetype == "text/html":
        response.vary.add("Accept-Encoding")
        return response
    return compress.after_request(response)
