"""Many students answer at once against real gunicorn (2 workers) and PostgreSQL, with
duplicate starts, retried answers and double submissions, while one worker is SIGKILLed
mid-run. Afterwards the database holds exactly one answer per attempt × question, one
attempt per student, and each score matches what that student answered."""

from __future__ import annotations

import json
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from sqlalchemy import create_engine, text

from tests.conftest import _postgres_unavailable_reason
from tests.reliability.serving import (
    Classroom,
    Server,
    Student,
    fresh_postgres_database,
    gunicorn,
    seed_classroom,
)

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

STUDENTS = 40
QUESTIONS = 6
THREADS = 16
RETRIES = 8  # a request cut by the killed worker is sent again (that is the point)


def api(session: requests.Session, server: Server, method: str, path: str, **kwargs) -> dict:
    """Send, retrying on a dropped connection or a 502-like failure; return the JSON body."""
    for attempt in range(RETRIES):
        try:
            response = session.request(method, server.url + "/api/v1" + path, timeout=30, **kwargs)
        except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError):
            # A worker killed mid-response drops the connection before or during the body;
            # the client retries, as a browser or app would.
            time.sleep(0.05 * (attempt + 1))
            continue
        assert response.status_code < 500, f"{method} {path}: {response.status_code}"
        assert response.status_code in (200, 201), f"{method} {path}: {response.text}"
        return response.json()
    raise AssertionError(f"{method} {path}: no answer after {RETRIES} tries")


def take_quiz(server: Server, classroom: Classroom, student: Student, rng: random.Random) -> int:
    """Returns how many questions this student answered correctly."""
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {student.token}"
    first = api(session, server, "POST", f"/quizzes/{classroom.quiz_id}/attempts")
    again = api(session, server, "POST", f"/quizzes/{classroom.quiz_id}/attempts")
    assert again["id"] == first["id"]  # a duplicate start resumes the same attempt
    attempt_id = first["id"]
    correct = 0
    for question_id in classroom.question_ids:
        right = rng.random() < 0.6
        choice = classroom.answers[question_id] if right else classroom.wrong[question_id]
        correct += right
        for _ in range(rng.choice((1, 2, 3))):  # duplicate submissions of the same answer
            stored = api(
                session, server, "PUT", f"/attempts/{attempt_id}/answers/{question_id}",
                json={"response": choice},
            )  # fmt: skip
            assert stored["response"] == choice
            assert stored["feedback"]["correct"] is right
    for _ in range(2):  # a double-clicked submit
        result = api(session, server, "POST", f"/attempts/{attempt_id}/submit")
        assert result["score"] == pytest.approx(correct / len(classroom.question_ids))
    return correct


@pytest.fixture
def postgres_url() -> str:
    reason = _postgres_unavailable_reason()
    if reason:
        pytest.skip(reason)
    with fresh_postgres_database() as url:
        yield url


def test_concurrent_students_survive_a_killed_worker(postgres_url: str, tmp_path: Path) -> None:
    classroom = seed_classroom(postgres_url, tmp_path / "seed", STUDENTS, QUESTIONS)
    with gunicorn(postgres_url, tmp_path / "instance", workers=2) as server:
        before = set(server.worker_pids())
        started = threading.Event()
        expected: dict[int, int] = {}

        def run(index: int, student: Student) -> None:
            started.set()
            expected[student.id] = take_quiz(server, classroom, student, random.Random(index))

        with ThreadPoolExecutor(THREADS) as pool:
            futures = [pool.submit(run, i, s) for i, s in enumerate(classroom.students)]
            started.wait(30)
            time.sleep(0.5)  # mid-run: requests are in flight
            victim = server.kill_one_worker()
            finished_at_kill = len(expected)
            for future in futures:
                future.result()
        after = set(server.wait_for_workers(2))
        assert finished_at_kill < STUDENTS  # the kill really happened mid-run
        assert victim not in after and after != before  # gunicorn replaced the worker
        assert f"Worker (pid:{victim}) was sent SIGKILL" in server.log.read_text()

    check_database(postgres_url, classroom, expected)


def check_database(url: str, classroom: Classroom, expected: dict[int, int]) -> None:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            attempts = connection.execute(
                text("SELECT student_id, id, score, submitted_at FROM attempts")
            ).all()
            answers = connection.execute(
                text(
                    "SELECT attempt_id, question_id, count(*), "
                    "sum(CASE WHEN is_correct THEN 1 ELSE 0 END) "
                    "FROM answers GROUP BY attempt_id, question_id"
                )
            ).all()
            total_answers = connection.execute(text("SELECT count(*) FROM answers")).scalar()
    finally:
        engine.dispose()
    assert len(expected) == STUDENTS
    assert sorted(row.student_id for row in attempts) == sorted(expected)  # one each
    assert total_answers == STUDENTS * QUESTIONS
    assert all(count == 1 for _, _, count, _ in answers)
    correct_by_attempt: dict[int, int] = {}
    for attempt_id, _, _, correct in answers:
        correct_by_attempt[attempt_id] = correct_by_attempt.get(attempt_id, 0) + correct
    for student_id, attempt_id, score, submitted_at in attempts:
        assert submitted_at is not None
        assert correct_by_attempt[attempt_id] == expected[student_id]
        assert score == pytest.approx(expected[student_id] / QUESTIONS)


def test_gunicorn_preloads_the_analysis_and_logs_json_with_request_ids(tmp_path: Path) -> None:
    from tests.conftest import NLP_TEST_DATA_DIR

    url = f"sqlite:///{tmp_path / 'preload.sqlite3'}"
    seed_classroom(url, tmp_path / "seed", students=1, questions=1)
    with gunicorn(
        url,
        tmp_path / "instance",
        workers=2,
        SAHIFA_PRELOAD_NLP="1",
        SAHIFA_DATA_DIR=str(NLP_TEST_DATA_DIR),
    ) as server:
        response = requests.get(server.url + "/healthz", headers={"X-Request-ID": "lb-42"})
        assert response.headers["X-Request-ID"] == "lb-42"
        assert "default-src 'self'" in response.headers["Content-Security-Policy"]
        log = server.log.read_text()
    assert "analysis database loaded in the master" in log
    assert log.index("analysis database loaded") < log.index("Booting worker")
    access = [
        json.loads(line)
        for line in log.splitlines()
        if line.startswith("{") and '"sahifa.access"' in line
    ]
    assert any(entry["request_id"] == "lb-42" and entry["status"] == 200 for entry in access)
