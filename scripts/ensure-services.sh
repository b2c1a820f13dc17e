#!/usr/bin/env bash
# Starts the local PostgreSQL server used by the test suite when it is installed but down.
# Without PostgreSQL the suite still runs on SQLite and pytest prints a skip line.
set -u
if command -v pg_isready >/dev/null 2>&1; then
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    echo "PostgreSQL is down; starting it"
    if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
      for version in $(ls /etc/postgresql); do
        pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
      done
    fi
    for _ in $(seq 1 20); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.5; done
  fi
  pg_isready -h 127.0.0.1 -p 5432 || echo "PostgreSQL unavailable: its tests will be skipped"
else
  echo "PostgreSQL is not installed: its tests will be skipped"
fi
exit 0
