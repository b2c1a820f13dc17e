#!/usr/bin/env bash
# While nothing has been released, the schema lives in one initial migration regenerated
# from the models. After the first release, add new migrations with `flask db migrate`.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rm -f migrations/versions/0001_initial_schema.py
FLASK_INSTANCE_PATH="$tmp" .venv/bin/flask --app app db migrate -m "initial schema" --rev-id 0001
