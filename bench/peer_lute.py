"""The reading page against the peer: Lute v3 and Sahifa side by side, on the seed article.

Installs `lute3` from PyPI into a scratch virtualenv (bench/.lute-venv, git-ignored; reused
when present), loads Lute's own Arabic language definition and the seed article as two books
(Lute's default 250-word pages, and the whole article as one page), starts both apps on
loopback — Lute with its own server (waitress, `python -m lute.main`), Sahifa with gunicorn
(gunicorn.conf.py) on a fresh SQLite database with the seed imported — and times, alternating
A B A B in one run so that both see the same machine load:

* Lute's reading text of the whole article and of its first 250-word page
  (`/read/refresh_page/<book>/1`, the fragment Lute's reading page loads with the words in
  it; it records nothing, like Sahifa's reading view);
* Sahifa's reading view of the whole article (`/articles/<id>`, the full page) and its word
  panel (`/articles/<id>/words/<position>` as htmx asks for it), as a signed-in student.

Requests are sent one at a time over a kept-alive connection with a browser's
`Accept-Encoding` (Lute answers uncompressed). Prints medians, p95 and bytes (as sent and
uncompressed) and the ratios, and writes bench/results/peer_lute.json.

    .venv/bin/python bench/peer_lute.py              # 200 rounds after 20 warm-up rounds
    .venv/bin/python bench/peer_lute.py --rounds 50
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

import requests  # noqa: E402

from tests.reliability.serving import PASSWORD, SECRET_KEY, free_port, gunicorn  # noqa: E402

BENCH_DIR = PROJECT_ROOT / "bench"
LUTE_VENV = BENCH_DIR / ".lute-venv"
LUTE_REQUIREMENT = "lute3>=3.10,<4"
RESULTS = BENCH_DIR / "results" / "peer_lute.json"
SEED_TEXT = PROJECT_ROOT / "seeds" / "russia-iran-treaty.ar.txt"
SEED_TITLE = "روسيا وإيران توقعان معاهدة شراكة استراتيجية شاملة"
BROWSER_ENCODINGS = "gzip, deflate, br"
REQUEST_TIMEOUT = 30
STARTUP_SECONDS = 120
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
SERVERS = "Lute: waitress (python -m lute.main); Sahifa: gunicorn 2 workers x 4 threads, SQLite"

# Run with Lute's interpreter: its language definition for Arabic, and the seed as two books.
LUTE_SETUP = textwrap.dedent(
    """
    import json, sys
    from lute.app_factory import create_app
    from lute.book.model import Book, Repository
    from lute.db import db
    from lute.language.service import Service as LanguageService

    config, text_file, title = sys.argv[1:4]
    app = create_app(config)
    with app.app_context():
        language = LanguageService(db.session).get_language_def("Arabic").language
        db.session.add(language)
        db.session.commit()
        repo = Repository(db.session)
        ids = {}
        for name, threshold in (("page", 250), ("whole", 1_000_000)):
            book = Book()
            book.language_id = language.id
            book.title = f"{title} ({name})"
            book.text = open(text_file, encoding="utf-8").read()
            book.threshold_page_tokens = threshold
            ids[name] = repo.add(book)
            repo.commit()
        print(json.dumps({key: book.id for key, book in ids.items()}))
    """
)


@dataclass
class Target:
    name: str
    url: str
    headers: dict[str, str] = field(default_factory=dict)
    times: list[float] = field(default_factory=list)
    sent_bytes: int = 0  # as it travels (compressed when the server compresses)
    html_bytes: int = 0  # uncompressed
    encoding: str = "identity"

    def median(self) -> float:
        return statistics.median(self.times) * 1000

    def p95(self) -> float:
        return statistics.quantiles(self.times, n=20)[18] * 1000


# --------------------------------------------------------------------------- Lute


def lute_python() -> Path:
    """Lute's interpreter in the scratch virtualenv, installing lute3 when missing."""
    python = LUTE_VENV / "bin" / "python"
    if python.exists():
        probe = subprocess.run([str(python), "-c", "import lute.main"], capture_output=True)
        if probe.returncode == 0:
            return python
    print(f"installing {LUTE_REQUIREMENT} into {LUTE_VENV.relative_to(PROJECT_ROOT)}", flush=True)
    uv = PROJECT_ROOT / ".venv" / "bin" / "uv"
    if uv.exists():
        subprocess.run([str(uv), "venv", "-q", "--clear", str(LUTE_VENV)], check=True)
        install = [str(uv), "pip", "install", "-q", "--python", str(python), LUTE_REQUIREMENT]
    else:
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(LUTE_VENV)], check=True)
        install = [str(python), "-m", "pip", "install", "-q", LUTE_REQUIREMENT]
    subprocess.run(install, check=True)
    return python


def lute_version(python: Path) -> str:
    code = "import importlib.metadata as m; print(m.version('lute3'))"
    return subprocess.run([str(python), "-c", code], capture_output=True, text=True).stdout.strip()


@contextmanager
def lute_server(python: Path, work: Path) -> Iterator[tuple[str, dict[str, int]]]:
    """Lute on a free loopback port with the seed as two books; stopped afterwards."""
    data = work / "lute-data"
    data.mkdir()
    config = work / "lute-config.yml"
    config.write_text(
        f"ENV: prod\nDBNAME: lute.db\nDATAPATH: {data}\nBACKUP_PATH: {data / 'backups'}\n"
    )
    setup = subprocess.run(
        [str(python), "-c", LUTE_SETUP, str(config), str(SEED_TEXT), SEED_TITLE],
        capture_output=True, text=True, check=True, cwd=work,
    )  # fmt: skip
    books = json.loads(setup.stdout.strip().splitlines()[-1])
    port = free_port()
    log = (work / "lute.log").open("wb")
    process = subprocess.Popen(
        [str(python), "-m", "lute.main", "--local", "--port", str(port), "--config", str(config)],
        cwd=work, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url + "/", process, work / "lute.log")
        yield url, books
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def wait_for(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer; log: {log}")


# --------------------------------------------------------------------------- Sahifa


def seed_sahifa(database_url: str, instance: Path, data_dir: str) -> tuple[int, int]:
    """Migrate, import the seed (real analysis), one student. Returns (article id, the
    position of the first word of the article's vocabulary list)."""
    from flask_migrate import upgrade
    from sqlalchemy import select

    from learn import create_app
    from learn.accounts.service import create_user
    from learn.articles.service import import_seeds
    from learn.extensions import db
    from learn.models import ArticleToken, VocabEntry

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SECRET_KEY": SECRET_KEY,
            "SAHIFA_DATA_DIR": data_dir,
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        },
        instance_path=str(instance),
    )
    with app.app_context():
        upgrade(directory=str(PROJECT_ROOT / "migrations"))
        (article,) = import_seeds(PROJECT_ROOT / "seeds")
        create_user("reader", PASSWORD, "student")
        top = db.session.scalars(
            select(VocabEntry.lemma)
            .where(VocabEntry.article_id == article.id, VocabEntry.list_name == "vocab")
            .order_by(VocabEntry.rank)
        ).first()
        position = db.session.scalar(
            select(ArticleToken.position)
            .where(ArticleToken.article_id == article.id, ArticleToken.lemma == top)
            .order_by(ArticleToken.position)
        )
        article_id = article.id
        db.engine.dispose()
    assert position is not None
    return article_id, position


def signed_in(base: str) -> requests.Session:
    session = requests.Session()
    form = session.get(base + "/signin", timeout=REQUEST_TIMEOUT).text
    token = CSRF.search(form)
    assert token, "no CSRF token on the sign-in form"
    answer = session.post(
        base + "/signin",
        data={"csrf_token": token.group(1), "username": "reader", "password": PASSWORD},
        timeout=REQUEST_TIMEOUT,
        allow_redirects=False,
    )
    assert answer.status_code == 302, f"sign-in failed: {answer.status_code}"
    return session


# --------------------------------------------------------------------------- timing


def fetch(session: requests.Session, target: Target) -> float:
    start = time.perf_counter()
    response = session.get(target.url, headers=target.headers, timeout=REQUEST_TIMEOUT)
    elapsed = time.perf_counter() - start
    if response.status_code != 200:
        raise RuntimeError(f"{target.name}: {target.url} answered {response.status_code}")
    return elapsed


def measure_bytes(session: requests.Session, target: Target) -> None:
    """Bytes on the wire (the raw, possibly compressed body) and uncompressed."""
    with session.get(target.url, headers=target.headers, stream=True, timeout=30) as response:
        raw = response.raw.read(decode_content=False)
        target.encoding = response.headers.get("Content-Encoding", "identity")
    target.sent_bytes = len(raw)
    plain_headers = {**target.headers, "Accept-Encoding": "identity"}
    target.html_bytes = len(session.get(target.url, headers=plain_headers, timeout=30).content)


def run_alternating(pairs: list[tuple[requests.Session, Target]], rounds: int, warmup: int) -> None:
    """Each round requests every target once, in the listed order (A B A B ...)."""
    for round_number in range(warmup + rounds):
        for session, target in pairs:
            elapsed = fetch(session, target)
            if round_number >= warmup:
                target.times.append(elapsed)


def report(targets: dict[str, Target], meta: dict[str, object]) -> dict[str, object]:
    print(f"\nLute {meta['lute_version']} vs Sahifa {meta['sahifa_version']}, seed article "
          f"({meta['seed_words']} words), {meta['rounds']} rounds alternating, "
          f"load average {meta['load_before']} -> {meta['load_after']}")  # fmt: skip
    print(f"{'request':<34} {'median ms':>9} {'p95 ms':>8} {'sent bytes':>11} {'HTML bytes':>11}")
    for t in targets.values():
        sent = f"{t.sent_bytes} {t.encoding}"
        print(f"{t.name:<34} {t.median():>9.1f} {t.p95():>8.1f} {sent:>11} {t.html_bytes:>11}")
    view, panel = targets["sahifa_view"], targets["sahifa_panel"]
    whole, page = targets["lute_whole"], targets["lute_page"]
    ratios = {
        "view_median_over_lute_whole": view.median() / whole.median(),
        "view_median_over_lute_page": view.median() / page.median(),
        "panel_median_over_lute_page": panel.median() / page.median(),
        "view_sent_bytes_over_lute_whole": view.sent_bytes / whole.sent_bytes,
    }
    print("\nratios (Sahifa / Lute, medians of the same run):")
    for name, value in ratios.items():
        print(f"  {name:<36} {value:.3f}  (1/{1 / value:.1f})")
    targets_met = {
        "view median <= 1/5 of Lute's whole-article text": ratios["view_median_over_lute_whole"]
        <= 0.2,
        "view p95 <= 60 ms": view.p95() <= 60,
        "seed page HTML <= 150 KB": view.html_bytes <= 150_000,
        "seed page sent <= 30 KB": view.sent_bytes <= 30_000,
    }
    for name, met in targets_met.items():
        print(f"  {'met' if met else 'NOT MET':<8} {name}")
    return {
        **meta,
        "requests": {
            t.name: {
                "url": t.url,
                "median_ms": round(t.median(), 2),
                "p95_ms": round(t.p95(), 2),
                "sent_bytes": t.sent_bytes,
                "encoding": t.encoding,
                "html_bytes": t.html_bytes,
            }
            for t in targets.values()
        },
        "ratios": {k: round(v, 4) for k, v in ratios.items()},
        "targets_met": targets_met,
    }


def load_average() -> float:
    return round(os.getloadavg()[0], 2)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    args = parser.parse_args()
    python = lute_python()
    data_dir = os.environ.get("SAHIFA_DATA_DIR") or str(PROJECT_ROOT / "instance" / "nlp")
    work = Path(tempfile.mkdtemp(prefix="sahifa-peer-lute-"))
    try:
        instance = work / "sahifa"
        database_url = f"sqlite:///{instance / 'bench.sqlite3'}"
        instance.mkdir()
        article_id, position = seed_sahifa(database_url, instance, data_dir)
        with (
            lute_server(python, work) as (lute_url, books),
            gunicorn(database_url, instance, SAHIFA_DATA_DIR=data_dir) as sahifa,
        ):
            lute = requests.Session()
            sahifa_session = signed_in(sahifa.url)
            browser = {"Accept-Encoding": BROWSER_ENCODINGS}
            targets = {
                "lute_whole": Target(
                    "Lute text, whole article",
                    f"{lute_url}/read/refresh_page/{books['whole']}/1", dict(browser),
                ),
                "sahifa_view": Target(
                    "Sahifa reading view (whole page)",
                    f"{sahifa.url}/articles/{article_id}", dict(browser),
                ),
                "lute_page": Target(
                    "Lute text, first 250-word page",
                    f"{lute_url}/read/refresh_page/{books['page']}/1", dict(browser),
                ),
                "sahifa_panel": Target(
                    "Sahifa word panel (htmx)",
                    f"{sahifa.url}/articles/{article_id}/words/{position}",
                    {**browser, "HX-Request": "true"},
                ),
            }  # fmt: skip
            sessions = {"lute": lute, "sahifa": sahifa_session}
            pairs = [(sessions[name.split("_")[0]], target) for name, target in targets.items()]
            for session, target in pairs:
                measure_bytes(session, target)
            load_before = load_average()
            run_alternating(pairs, args.rounds, args.warmup)
            meta: dict[str, object] = {
                "lute_version": lute_version(python),
                "sahifa_version": requests.get(sahifa.url + "/healthz", timeout=5).json()[
                    "version"
                ],
                "seed_words": len(SEED_TEXT.read_text(encoding="utf-8").split()),
                "rounds": args.rounds,
                "warmup": args.warmup,
                "load_before": load_before,
                "load_after": load_average(),
                "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                "servers": SERVERS,
            }
        result = report(targets, meta)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print(f"\nwritten {RESULTS.relative_to(PROJECT_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
