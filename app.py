"""Entry point for `flask --app app` and WSGI servers."""

from learn import create_app

app = create_app()
