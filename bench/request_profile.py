"""Where a student's requests spend their time: SQL statements, CPU, and a profile.

The same visit as bench/load.py (sign-in form, sign in, dashboard, start, attempt page,
10 answers each followed by its feedback page, submit) for `--students` students one after
another, in this process through Flask's test client, on a fresh database seeded like the
load test's (`tests/reliability/serving.py`), with the app configured as in production
(CSRF on; the production password hash, or with `--password-hash cheap` the 1,000-round
PBKDF2 hash of bench/cheap_hash_app.py). Prints per request
type the median of SQL statements (counted with a SQLAlchemy event hook), of wall time and
of this process's CPU time; with `--profile`, a second pass under cProfile sums each
function's own time into where it belongs (password hashing, SQLAlchemy, the database
driver, templates, ...) per request type. The profiler slows everything down about
twofold, so its milliseconds compare with each other, not with the first table's.

    .venv/bin/python bench/request_profile.py                        # SQLite, 20 students
    .venv/bin/python bench/request_profile.py --backend postgresql --profile
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import json
import os
import pstats
import re
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from flask import Flask  # noqa: E402
from flask.testing import FlaskClient  # noqa: E402
from sqlalchemy import event  # noqa: E402
from werkzeug.test import TestResponse  # noqa: E402

from tests.reliability.serving import (  # noqa: E402
    PASSWORD,
    SECRET_KEY,
    Classroom,
    fresh_postgres_database,
    seed_classroom,
)

QUESTIONS = 10
CHEAP_HASH = "pbkdf2:sha256:1000"
CSRF = re.compile(r'<meta name="csrf-token" content="([^"]+)"')
RESULTS_DIR = PROJECT_ROOT / "bench" / "results"
KINDS = (
    "sign-in form",
    "sign in",
    "dashboard",
    "start quiz",
    "attempt page",
    "answer",
    "feedback page",
    "submit",
)
# Where a function's own time goes: the first (fragment of its file path or name) that
# matches names the part. Built-ins are matched by name ("scrypt", "argon2", "poll").
PARTS = (
    ("argon2", "password hash"),
    ("scrypt", "password hash"),
    ("pbkdf2", "password hash"),
    ("/sqlalchemy/", "SQLAlchemy"),
    ("/psycopg", "database driver (and waiting for PostgreSQL)"),
    ("sqlite3", "database driver (and waiting for PostgreSQL)"),
    ("poll", "database driver (and waiting for PostgreSQL)"),
    ("/jinja2/", "templates"),
    ("/templates/", "templates"),
    ("/markupsafe/", "templates"),
    ("/flask_wtf/", "CSRF, signed session cookie"),
    ("/itsdangerous/", "CSRF, signed session cookie"),
    ("hmac", "CSRF, signed session cookie"),
    ("/flask_compress/", "compression"),
    ("zlib", "compression"),
    ("brotli", "compression"),
    ("/werkzeug/", "werkzeug (and the test client)"),
    ("/flask/", "flask"),
    ("/flask_", "flask extensions"),
    ("/learn/", "app code (learn/)"),
)


@dataclass
class Measures:
    statements: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    wall_ms: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    cpu_ms: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    profiles: dict[str, cProfile.Profile] = field(default_factory=dict)


@contextmanager
def statement_counter(app: Flask) -> Iterator[list[int]]:
    """A one-item list holding how many SQL statements have been sent so far."""
    from learn.extensions import db

    sent = [0]

    def count(*_args: object) -> None:
        sent[0] += 1

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", count)


def page_text(response: TestResponse) -> str:
    body = response.get_data()
    if response.headers.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return body.decode()


def visit(
    client: FlaskClient, room: Classroom, username: str, request: Callable[..., TestResponse]
) -> None:
    """One student's visit, as bench/load.py makes it (every answer right)."""
    form = request("sign-in form", client.get, "/signin")
    token = CSRF.search(page_text(form)).group(1)  # type: ignore[union-attr]
    signin = {"csrf_token": token, "username": username, "password": PASSWORD}
    request("sign in", client.post, "/signin", data=signin)
    dashboard = request("dashboard", client.get, "/quizzes/")
    token = CSRF.search(page_text(dashboard)).group(1)  # type: ignore[union-attr]
    start = f"/quizzes/assignments/{room.assignment_id}/start"
    started = request("start quiz", client.post, start, data={"csrf_token": token})
    attempt = started.headers["Location"]
    request("attempt page", client.get, attempt)
    for question_id in room.question_ids:
        answer = {
            "csrf_token": token,
            "question_id": question_id,
            "response": room.answers[question_id],
        }
        answered = request("answer", client.post, attempt + "/answer", data=answer)
        request("feedback page", client.get, answered.headers["Location"])
    request("submit", client.post, attempt + "/submit", data={"csrf_token": token})


def measure(app: Flask, room: Classroom, students: slice, profile: bool) -> Measures:
    measures = Measures()
    with statement_counter(app) as sent:

        def request(kind: str, send: Callable[..., TestResponse], path: str, **kw: object):
            before, wall, cpu = sent[0], time.perf_counter(), time.process_time()
            profiler = measures.profiles.setdefault(kind, cProfile.Profile()) if profile else None
            if profiler:
                profiler.enable()
            response = send(path, headers={"Accept-Encoding": "gzip"}, **kw)
            if profiler:
                profiler.disable()
            measures.cpu_ms[kind].append((time.process_time() - cpu) * 1000)
            measures.wall_ms[kind].append((time.perf_counter() - wall) * 1000)
            measures.statements[kind].append(sent[0] - before)
            if response.status_code >= 400:
                raise RuntimeError(f"{kind}: HTTP {response.status_code}")
            return response

        for student in room.students[students]:
            visit(app.test_client(), room, student.username, request)
    return measures


def part_of(function: tuple[str, int, str]) -> str:
    path, _line, name = function
    for fragment, part in PARTS:
        if fragment in path or fragment in name:
            return part
    return "other (Python's standard library, ...)"


def profile_parts(profiler: cProfile.Profile, requests: int) -> dict[str, float]:
    """Milliseconds per request of each part's own time, largest first."""
    totals: Counter[str] = Counter()
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    for function, (_calls, _primitive, own, _cumulative, _callers) in stats.items():
        totals[part_of(function)] += own
    return {part: round(seconds / requests * 1000, 2) for part, seconds in totals.most_common()}


def make_app(url: str, instance: Path, password_hash: str) -> Flask:
    from learn import create_app

    config: dict[str, object] = {
        "SQLALCHEMY_DATABASE_URI": url,
        "SECRET_KEY": SECRET_KEY,
        "SAHIFA_RATE_LIMITS": "off",  # every simulated student is the same client
        "SAHIFA_SECURE_COOKIES": "false",
    }
    if password_hash == "cheap":  # as bench/cheap_hash_app.py: keep the seeded cheap hash
        config["PASSWORD_HASH_METHOD"] = CHEAP_HASH
    return create_app(config, instance_path=str(instance))


def run(url: str, root: Path, args: argparse.Namespace) -> dict[str, object]:
    production = args.password_hash == "production"
    total = args.students * (2 if args.profile else 1)
    room = seed_classroom(url, root / "seed", total, QUESTIONS, production_hashes=production)
    app = make_app(url, root / "instance", args.password_hash)
    plain = measure(app, room, slice(0, args.students), profile=False)
    report: dict[str, object] = {
        "backend": args.backend,
        "students": args.students,
        "password_hash": args.password_hash,
        "load_average": os.getloadavg(),
        "per_request": {
            kind: {
                "count": len(plain.cpu_ms[kind]),
                "statements": statistics.median(plain.statements[kind]),
                "wall_ms": round(statistics.median(plain.wall_ms[kind]), 2),
                "cpu_ms": round(statistics.median(plain.cpu_ms[kind]), 2),
            }
            for kind in KINDS
        },
    }
    if args.profile:
        profiled = measure(app, room, slice(args.students, total), profile=True)
        report["profile_ms_per_request"] = {
            kind: profile_parts(profiled.profiles[kind], len(profiled.cpu_ms[kind]))
            for kind in KINDS
        }
    return report


def print_report(report: dict[str, object]) -> None:
    load = tuple(round(x, 2) for x in report["load_average"])  # type: ignore[attr-defined]
    print(
        f"-- {report['backend']}: {report['students']} students one after another,"
        f" password hash {report['password_hash']}, load average {load}"
    )
    print(f"   {'request':14} {'n':>5} {'statements':>10} {'wall ms':>8} {'CPU ms':>7}")
    for kind, row in report["per_request"].items():  # type: ignore[attr-defined]
        print(
            f"   {kind:14} {row['count']:5} {row['statements']:10g}"
            f" {row['wall_ms']:8.2f} {row['cpu_ms']:7.2f}"
        )
    for kind, parts in report.get("profile_ms_per_request", {}).items():  # type: ignore[attr-defined]
        shares = ", ".join(f"{part} {ms:.2f}" for part, ms in parts.items() if ms >= 0.05)
        print(f"   profile, ms per {kind}: {shares}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--students", type=int, default=20)
    parser.add_argument("--profile", action="store_true", help="also profile with cProfile")
    parser.add_argument("--password-hash", choices=["production", "cheap"], default="production")
    args = parser.parse_args()
    if not 1 <= args.students <= 500:
        parser.error("--students must be between 1 and 500")
    with tempfile.TemporaryDirectory(prefix="sahifa-profile-") as tmp:
        root = Path(tmp)
        if args.backend == "postgresql":
            with fresh_postgres_database() as url:
                report = run(url, root, args)
        else:
            report = run(f"sqlite:///{root / 'profile.sqlite3'}", root, args)
    print_report(report)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    name = f"request-profile-{args.backend}.json"
    (RESULTS_DIR / name).write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
