"""A real production stack for reliability tests and `bench/load.py`: a fresh PostgreSQL
database (or SQLite file), migrated to head, seeded with a class taking one quiz, served by
gunicorn with `gunicorn.conf.py`.

Seeding happens in this process through the models and services (cheap password hashes);
the server only ever sees HTTP.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import requests
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PROJECT_ROOT = Path(__file__).resolve().parents[2]
GUNICORN = PROJECT_ROOT / ".venv" / "bin" / "gunicorn"
POSTGRES_ADMIN_URL = os.environ.get(
    "SAHIFA_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
SECRET_KEY = "reliability-secret-key-not-for-production"
PASSWORD = "correct horse battery"
STARTUP_SECONDS = 60


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    """A new, empty PostgreSQL database; dropped (connections and all) afterwards."""
    name = f"sahifa_serving_{os.getpid()}_{secrets.token_hex(4)}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@dataclass(frozen=True)
class Student:
    id: int
    username: str
    token: str


@dataclass(frozen=True)
class Classroom:
    quiz_id: int
    assignment_id: int
    question_ids: list[int]
    answers: dict[int, str]  # question id → the correct choice
    wrong: dict[int, str]  # question id → a wrong choice
    students: list[Student]


def seed_classroom(
    database_url: str,
    instance: Path,
    students: int,
    questions: int,
    production_hashes: bool = False,
) -> Classroom:
    """Migrate, then one teacher, a class of `students`, a quiz of `questions` multiple-choice
    questions with immediate feedback, assigned to the class; API tokens for everyone.

    Accounts are made with a cheap password hash (fast to seed); `production_hashes` gives
    the students the hash the app makes for a real account instead (one hash, computed once
    and shared: the cost of checking it at sign-in is the same), so that signing in costs
    what it costs in production.
    """
    from flask_migrate import upgrade

    from learn import create_app
    from learn.accounts.service import create_user, production_password_hash
    from learn.accounts.tokens import issue_token
    from learn.extensions import db
    from learn.models import Article, Enrollment, Question
    from learn.models import Classroom as ClassRow
    from learn.quizzes import service

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SECRET_KEY": SECRET_KEY,
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        },
        instance_path=str(instance),
    )
    with app.app_context():
        upgrade(directory=str(PROJECT_ROOT / "migrations"))
        teacher = create_user("teacher", PASSWORD, "teacher")
        sentence = "وقعت روسيا وإيران معاهدة شراكة استراتيجية لمدة عشرين عاما."
        body = f"موسكو - {sentence}"
        article = Article(
            title="معاهدة", source="Test", text=body,
            text_sha256=hashlib.sha256(body.encode()).hexdigest(),
        )  # fmt: skip
        db.session.add(article)
        db.session.flush()
        start = body.index("إيران")
        rows = [
            Question(
                article_id=article.id,
                uid=f"q{n}",
                type="who",
                format="multiple_choice",
                prompt_ar=f"مع من وقعت روسيا المعاهدة؟ ({n})",
                prompt_en=f"With whom? ({n})",
                answer="إيران",
                choices=["تركيا", "إيران", "الصين", "مصر"],
                evidence_text=sentence,
                evidence_start=start,
                evidence_end=start + 5,
                status="approved",
            )
            for n in range(questions)
        ]
        db.session.add_all(rows)
        classroom = ClassRow(name="Load", teacher_id=teacher.id, join_code="LOAD1")
        db.session.add(classroom)
        db.session.flush()
        learners = [create_user(f"s{n:04d}", PASSWORD, "student") for n in range(students)]
        if production_hashes:
            stored = production_password_hash(PASSWORD)
            for learner in learners:
                learner.password_hash = stored
        db.session.add_all(Enrollment(class_id=classroom.id, student_id=s.id) for s in learners)
        db.session.commit()
        quiz, _ = service.create_quiz(
            teacher, article.id,
            {"title": "Load quiz", "question_ids": [q.id for q in rows], "feedback": "immediate"},
        )  # fmt: skip
        assignment, _ = service.assign_quiz(
            teacher, quiz, {"class_id": classroom.id, "max_attempts": 1}, datetime.now(UTC)
        )
        seeded = Classroom(
            quiz_id=quiz.id,
            assignment_id=assignment.id,
            question_ids=[q.id for q in rows],
            answers={q.id: "إيران" for q in rows},
            wrong={q.id: "مصر" for q in rows},
            students=[Student(s.id, s.username, issue_token(s, "load").secret) for s in learners],
        )
        db.engine.dispose()
    return seeded


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    url: str
    log: Path

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def wait_for_workers(self, count: int, timeout: float = STARTUP_SECONDS) -> list[int]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pids = self.worker_pids()
            if len(pids) == count:
                return pids
            time.sleep(0.1)
        raise TimeoutError(f"gunicorn did not reach {count} workers; log: {self.log}")

    def kill_one_worker(self) -> int:
        victim = self.worker_pids()[0]
        os.kill(victim, signal.SIGKILL)
        return victim


@contextmanager
def gunicorn(
    database_url: str,
    instance: Path,
    workers: int = 2,
    threads: int | None = 4,
    app: str = "app:app",
    **env: str,
) -> Iterator[Server]:
    """gunicorn with the committed gunicorn.conf.py on a free loopback port; stopped after.
    `threads` None keeps gunicorn.conf.py's number; `app` is the WSGI application to serve
    (bench/cheap_hash_app.py for one benchmark)."""
    port = free_port()
    log = instance / "gunicorn.log"
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        "FLASK_INSTANCE_PATH": str(instance),
        "SECRET_KEY": SECRET_KEY,
        "SAHIFA_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(workers),
        **({"SAHIFA_THREADS": str(threads)} if threads else {}),
        "SAHIFA_SECURE_COOKIES": "false",
        "SAHIFA_RATE_LIMITS": "off",  # every simulated student shares 127.0.0.1
        **env,
    }
    instance.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as output:
        process = subprocess.Popen(
            [str(GUNICORN), "-c", str(PROJECT_ROOT / "gunicorn.conf.py"), app],
            cwd=PROJECT_ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip
    server = Server(process, f"http://127.0.0.1:{port}", log)
    try:
        _wait_until_healthy(server)
        server.wait_for_workers(workers)
        yield server
    finally:
        process.send_signal(signal.SIGTERM)  # graceful: requests in flight finish
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_healthy(server: Server) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"gunicorn exited: {server.log.read_text()[-3000:]}")
        try:
            if requests.get(server.url + "/healthz", timeout=2).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"gunicorn not healthy; log: {server.log.read_text()[-3000:]}")


if __name__ == "__main__":  # pragma: no cover - manual smoke run
    sys.exit("import this module")
