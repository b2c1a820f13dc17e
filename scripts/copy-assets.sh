#!/usr/bin/env bash
# Copies the built front-end files the app serves from node_modules into static/vendor.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=static/vendor
rm -rf "$dest"
mkdir -p "$dest/htmx" "$dest/fonts/noto-naskh-arabic/files"
cp node_modules/htmx.org/dist/htmx.min.js "$dest/htmx/"
cp node_modules/htmx.org/LICENSE "$dest/htmx/" 2>/dev/null || true
font=node_modules/@fontsource/noto-naskh-arabic
cp "$font"/{400,700}.css "$dest/fonts/noto-naskh-arabic/"
cp "$font"/LICENSE "$dest/fonts/noto-naskh-arabic/" 2>/dev/null || true
# The weight stylesheets name every subset (arabic, latin, latin-ext, math); copy their woff2 files.
cp "$font"/files/*-{400,700}-normal.woff2 "$dest/fonts/noto-naskh-arabic/files/"
# Swagger UI for the API's browsable document (/api/v1/docs): the bundle, its stylesheet
# and licence; our own static/js/api-docs.js starts it (no inline script, for the CSP).
mkdir -p "$dest/swagger-ui"
swagger=node_modules/swagger-ui-dist
cp "$swagger"/{swagger-ui-bundle.js,swagger-ui.css,LICENSE,NOTICE} "$dest/swagger-ui/"
