"""Load test: simulated students against gunicorn, on PostgreSQL and on the SQLite default.

Each student signs in through the real form (CSRF token and all), opens the dashboard,
starts the assigned quiz, answers 10 questions one at a time (each answer POST redirects to
the feedback page, which is fetched too) and submits. Students start together and think
for a random 0..THINK seconds before each answer, like a class working through a quiz.

Reported per request type: count, p50/p95/p99 latency; plus throughput, errors, and a
count check on the database afterwards (one answer per attempt × question, every attempt
submitted with the right score): nothing lost. Where the machine's time went is measured
too, for the opening burst (until every student has opened the attempt page) and for the
whole run: CPU seconds of this load client, of gunicorn (master and workers) and of the
PostgreSQL backends serving this run's database, beside the whole machine's busy time.

The students' passwords are stored with the hash a real account gets
(`--password-hash production`, the default), so signing in costs what it costs in a
class; `--password-hash cheap` seeds a 1,000-round PBKDF2 hash instead and serves
bench/cheap_hash_app.py, which keeps it, as runs before 2026-12-03 did (their seeded
hash was cheap too): that leaves the password check out of the sign-in's cost.

Loopback only, bounded: a fresh PostgreSQL database / SQLite file per run, gunicorn on a
free 127.0.0.1 port, every request with a timeout, and the whole run capped.

    .venv/bin/python bench/load.py              # 300 students on PostgreSQL, then SQLite
    .venv/bin/python bench/load.py --students 50 --backends sqlite
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

import requests  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from tests.reliability.serving import (  # noqa: E402
    PASSWORD,
    Classroom,
    Server,
    Student,
    fresh_postgres_database,
    gunicorn,
    seed_classroom,
)

QUESTIONS = 10
CSRF = re.compile(r'<meta name="csrf-token" content="([^"]+)"')
RESULTS_DIR = PROJECT_ROOT / "bench" / "results"
REQUEST_TIMEOUT = 30
MAX_RUN_SECONDS = 480


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _process_cpu(pid: int, children: bool = False) -> float:
    """CPU seconds (user + system) of one process; with `children`, also of its children
    that have exited (gunicorn replaces workers now and then)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    ticks = int(fields[11]) + int(fields[12])  # utime, stime
    if children:
        ticks += int(fields[13]) + int(fields[14])  # cutime, cstime
    return ticks / CLOCK_TICKS


def _postgres_backends(database: str) -> list[int]:
    """The PostgreSQL server processes serving connections to `database`."""
    pids = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            text_ = cmdline.read_bytes().decode(errors="replace")
        except OSError:
            continue
        if text_.startswith("postgres:") and f" {database} " in text_:
            pids.append(int(cmdline.parent.name))
    return pids


def _machine_busy() -> float:
    """Seconds every core of the machine spent not idle, summed (all users' jobs)."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = values[3] + values[4]  # idle, iowait
    return (sum(values[:8]) - idle) / CLOCK_TICKS


@dataclass
class CpuMeter:
    """CPU seconds spent by the load client, gunicorn, PostgreSQL and the whole machine."""

    server_pid: int
    database: str | None  # None on SQLite (it runs inside gunicorn)
    marks: dict[str, dict[str, float]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def mark(self, name: str) -> None:
        times = os.times()
        workers = [int(p) for p in _children(self.server_pid)]
        reading = {
            "wall": time.perf_counter(),
            "load client": times.user + times.system,
            "gunicorn": _process_cpu(self.server_pid, children=True)
            + sum(_process_cpu(pid) for pid in workers),
            "machine busy": _machine_busy(),
        }
        if self.database:
            reading["postgresql"] = sum(
                _process_cpu(pid) for pid in _postgres_backends(self.database)
            )
        with self.lock:
            self.marks.setdefault(name, reading)

    def between(self, first: str, last: str) -> dict[str, float]:
        start, end = self.marks[first], self.marks[last]
        return {key: round(end[key] - start[key], 2) for key in start}


def _children(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except FileNotFoundError:
        return []


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    burst_left: int = 0  # students who have not yet opened the attempt page
    burst_done: threading.Event = field(default_factory=threading.Event)

    def opened_attempt(self) -> None:
        with self.lock:
            self.burst_left -= 1
            if self.burst_left == 0:
                self.burst_done.set()

    def record(self, kind: str, seconds: float) -> None:
        with self.lock:
            self.latencies[kind].append(seconds * 1000)

    def error(self, message: str) -> None:
        with self.lock:
            self.errors.append(message)


def timed(
    stats: Stats, kind: str, session: requests.Session, method: str, url: str, **kw: object
) -> requests.Response:
    started = time.perf_counter()
    response = session.request(method, url, timeout=REQUEST_TIMEOUT, allow_redirects=False, **kw)
    stats.record(kind, time.perf_counter() - started)
    if response.status_code >= 400:
        raise RuntimeError(f"{kind}: HTTP {response.status_code}")
    return response


def csrf_from(response: requests.Response) -> str:
    match = CSRF.search(response.text)
    if not match:
        raise RuntimeError("no CSRF token on the page")
    return match.group(1)


def student_session(
    server: Server,
    room: Classroom,
    student: Student,
    stats: Stats,
    run: Run,
    seed: int,
) -> int | None:
    """One student's visit; returns how many answers were right (None with `--burst-only`:
    the visit ends at the attempt page)."""
    think = run.think
    rng = random.Random(seed)
    base = server.url
    with requests.Session() as session:
        page = timed(stats, "sign-in form", session, "GET", base + "/signin")
        token = csrf_from(page)
        data = {"csrf_token": token, "username": student.username, "password": PASSWORD}
        timed(stats, "sign in", session, "POST", base + "/signin", data=data)
        dashboard = timed(stats, "dashboard", session, "GET", base + "/quizzes/")
        token = csrf_from(dashboard)
        start_url = f"{base}/quizzes/assignments/{room.assignment_id}/start"
        started = timed(stats, "start quiz", session, "POST", start_url, data={"csrf_token": token})
        attempt_url = base + started.headers["Location"].split("?")[0].removeprefix(base)
        timed(stats, "attempt page", session, "GET", attempt_url)
        stats.opened_attempt()
        if run.burst_only:
            return None
        correct = 0
        for question_id in room.question_ids:
            time.sleep(rng.uniform(0, think))
            right = rng.random() < 0.7
            choice = room.answers[question_id] if right else room.wrong[question_id]
            correct += right
            form = {"csrf_token": token, "question_id": str(question_id), "response": choice}
            answered = timed(stats, "answer", session, "POST", attempt_url + "/answer", data=form)
            feedback_url = base + answered.headers["Location"].removeprefix(base)
            timed(stats, "feedback page", session, "GET", feedback_url)
        timed(stats, "submit", session, "POST", attempt_url + "/submit", data={"csrf_token": token})
        return correct


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
    return ordered[index]


@dataclass(frozen=True)
class Run:
    backend: str
    students: int
    think: float
    workers: int
    password_hash: str
    threads: int | None = None  # None: gunicorn.conf.py's
    burst_only: bool = False


def run_backend(run: Run) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix=f"sahifa-load-{run.backend}-") as tmp:
        root = Path(tmp)
        if run.backend == "postgresql":
            with fresh_postgres_database() as url:
                return run_against(url, root, run)
        url = f"sqlite:///{root / 'load.sqlite3'}"
        return run_against(url, root, run)


def run_against(url: str, root: Path, run: Run) -> dict[str, object]:
    backend, students, think, workers = run.backend, run.students, run.think, run.workers
    production = run.password_hash == "production"
    room = seed_classroom(url, root / "seed", students, QUESTIONS, production_hashes=production)
    stats = Stats(burst_left=students)
    expected: dict[int, int | None] = {}
    database = make_url(url).database if backend == "postgresql" else None
    app = "app:app" if production else "bench.cheap_hash_app:app"
    with gunicorn(url, root / "instance", workers=workers, threads=run.threads, app=app) as server:
        meter = CpuMeter(server.process.pid, database)
        threading.Thread(target=_mark_burst_end, args=(stats, meter), daemon=True).start()
        meter.mark("start")
        started = time.perf_counter()
        with ThreadPoolExecutor(students) as pool:
            futures = {
                pool.submit(student_session, server, room, s, stats, run, i): s
                for i, s in enumerate(room.students)
            }
            for future, student in futures.items():
                try:
                    expected[student.id] = future.result(
                        timeout=max(1.0, MAX_RUN_SECONDS - (time.perf_counter() - started))
                    )
                except Exception as exc:  # counted and reported, the run goes on
                    stats.error(f"{student.username}: {type(exc).__name__}: {exc}")
        wall = time.perf_counter() - started
        meter.mark("burst end")  # only if some student never got that far
        meter.mark("end")
    lost = None if run.burst_only else count_check(url, room, expected)
    requests_done = sum(len(v) for v in stats.latencies.values())
    report = {
        "backend": backend,
        "students": students,
        "questions": QUESTIONS,
        "think_seconds_max": think,
        "gunicorn_workers": workers,
        "gunicorn_threads": run.threads or "gunicorn.conf.py",
        "burst_only": run.burst_only,
        "password_hash": run.password_hash,
        "wall_seconds": round(wall, 1),
        "requests": requests_done,
        "throughput_rps": round(requests_done / wall, 1),
        "errors": len(stats.errors),
        "error_samples": sorted(set(stats.errors))[:5],
        "students_finished": len(expected),
        "lost_answers": lost,
        "load_average": os.getloadavg(),
        "cpu_seconds": {
            "opening burst": meter.between("start", "burst end"),
            "whole run": meter.between("start", "end"),
        },
        "latency_ms": {
            kind: {
                "count": len(values),
                "p50": round(statistics.median(values), 1),
                "p95": round(percentile(values, 0.95), 1),
                "p99": round(percentile(values, 0.99), 1),
            }
            for kind, values in sorted(stats.latencies.items())
        },
    }
    return report


def _mark_burst_end(stats: Stats, meter: CpuMeter) -> None:
    """Read the CPU counters the moment the last student has opened the attempt page."""
    if stats.burst_done.wait(MAX_RUN_SECONDS):
        meter.mark("burst end")


def count_check(url: str, room: Classroom, expected: dict[int, int | None]) -> int:
    """Answers missing from (or extra in) the database for the students who finished, plus
    attempts whose stored score disagrees with what was answered."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT a.student_id, a.score, count(n.id) AS answers, "
                    "sum(CASE WHEN n.is_correct THEN 1 ELSE 0 END) AS correct "
                    "FROM attempts a LEFT JOIN answers n ON n.attempt_id = a.id "
                    "GROUP BY a.id, a.student_id, a.score"
                )
            ).all()
    finally:
        engine.dispose()
    by_student = {row.student_id: row for row in rows}
    lost = 0
    for student_id, correct in expected.items():
        if correct is None:  # --burst-only: no answers
            continue
        row = by_student.get(student_id)
        if row is None:
            lost += QUESTIONS
            continue
        lost += abs(QUESTIONS - row.answers)
        if row.correct != correct or abs((row.score or 0) - correct / QUESTIONS) > 1e-9:
            lost += 1
    return lost


def print_report(report: dict[str, object]) -> None:
    print(
        f"-- {report['backend']}: {report['students']} students, {report['requests']} requests"
        f" in {report['wall_seconds']} s ({report['throughput_rps']} req/s),"
        f" errors {report['errors']}, lost answers {report['lost_answers']},"
        f" password hash {report['password_hash']},"
        f" {report['gunicorn_workers']} workers x {report['gunicorn_threads']} threads,"
        f" load average {tuple(round(x, 2) for x in report['load_average'])}"  # type: ignore[attr-defined]
    )
    cpu = report["cpu_seconds"]
    assert isinstance(cpu, dict)
    for phase, seconds in cpu.items():
        shares = ", ".join(f"{name} {value:.2f}" for name, value in seconds.items())
        print(f"   CPU seconds, {phase}: {shares}")
    latency = report["latency_ms"]
    assert isinstance(latency, dict)
    for kind, figures in latency.items():
        print(
            f"   {kind:14} n={figures['count']:5}  p50 {figures['p50']:7.1f} ms"
            f"  p95 {figures['p95']:7.1f} ms  p99 {figures['p99']:7.1f} ms"
        )
    for sample in report["error_samples"]:  # type: ignore[attr-defined]
        print(f"   error: {sample}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, nargs="*", default=None)
    parser.add_argument("--backends", nargs="*", default=["postgresql", "sqlite"])
    # 30: a class reading Arabic questions (~15 s each); 4 saturates a 2-core machine.
    parser.add_argument("--think", type=float, default=30.0, help="max seconds before answers")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--threads", type=int, default=None, help="per worker (default: gunicorn.conf.py's)"
    )
    parser.add_argument(
        "--burst-only",
        action="store_true",
        help="students stop at the attempt page: the opening burst alone, in seconds, for"
        " trying server settings (no answers, so nothing to count afterwards)",
    )
    parser.add_argument(
        "--password-hash",
        choices=["production", "cheap"],
        default="production",
        help="students' stored hash: the app's own (default) or a 1,000-round PBKDF2",
    )
    args = parser.parse_args()
    if any(n <= 0 or n > 500 for n in args.students or []):
        parser.error("--students must be between 1 and 500")
    reports = []
    for backend in args.backends:
        counts = args.students or [300]
        for students in counts:
            run = Run(
                backend, students, args.think, args.workers, args.password_hash,
                args.threads, args.burst_only,
            )  # fmt: skip
            report = run_backend(run)
            print_report(report)
            reports.append(report)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    name = "load-" + "-".join(args.backends) + ".json"
    (RESULTS_DIR / name).write_text(json.dumps(reports, indent=2) + "\n")
    # Errors fail the run on PostgreSQL (the production database); SQLite's are its limit.
    bad = [
        r for r in reports if r["backend"] == "postgresql" and (r["errors"] or r["lost_answers"])
    ]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
