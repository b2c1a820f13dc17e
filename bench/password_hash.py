"""What checking one password costs, for the hash Sahifa uses and the ones it was chosen
from (docs/security.md, "Password storage").

Each candidate hashes a password once, then the check (what every sign-in runs) is timed
`--rounds` times: the median of this process's CPU time and of wall time. The settings are
OWASP's (Password Storage Cheat Sheet): its Argon2id minimum and the settings it calls
equivalent, its scrypt minimum, its PBKDF2-HMAC-SHA256 count; beside werkzeug's scrypt
default, which Sahifa used before.

    .venv/bin/python bench/password_hash.py
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from argon2 import PasswordHasher
from werkzeug.security import check_password_hash, generate_password_hash

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from learn.accounts.service import ARGON2, password_matches  # noqa: E402

RESULTS_DIR = PROJECT_ROOT / "bench" / "results"
PASSWORD = "correct horse battery"


def argon2id(time_cost: int, memory_mib: int) -> Callable[[], bool]:
    hasher = PasswordHasher(time_cost=time_cost, memory_cost=memory_mib * 1024, parallelism=1)
    stored = hasher.hash(PASSWORD)
    return lambda: hasher.verify(stored, PASSWORD)


def werkzeug(method: str) -> Callable[[], bool]:
    stored = generate_password_hash(PASSWORD, method=method)
    return lambda: check_password_hash(stored, PASSWORD)


def sahifa() -> Callable[[], bool]:
    stored = ARGON2.hash(PASSWORD)
    return lambda: password_matches(stored, PASSWORD)


CANDIDATES: dict[str, Callable[[], Callable[[], bool]]] = {
    "Sahifa: Argon2id m=19 MiB t=2 p=1 (OWASP minimum)": sahifa,
    "Argon2id m=46 MiB t=1 (OWASP, equivalent)": lambda: argon2id(1, 46),
    "Argon2id m=12 MiB t=3 (OWASP, equivalent)": lambda: argon2id(3, 12),
    "Argon2id m=9 MiB t=4 (OWASP, equivalent)": lambda: argon2id(4, 9),
    "Argon2id m=7 MiB t=5 (OWASP, equivalent)": lambda: argon2id(5, 7),
    "scrypt N=2^15 r=8 p=1 (werkzeug default, Sahifa before)": lambda: werkzeug("scrypt"),
    "scrypt N=2^17 r=8 p=1 (OWASP minimum)": lambda: werkzeug("scrypt:131072:8:1"),
    "PBKDF2-HMAC-SHA256 600,000 (OWASP)": lambda: werkzeug("pbkdf2:sha256:600000"),
}


def timed(check: Callable[[], bool], rounds: int) -> dict[str, float]:
    cpu, wall = [], []
    for _ in range(rounds):
        started_cpu, started_wall = time.process_time(), time.perf_counter()
        assert check()
        cpu.append(time.process_time() - started_cpu)
        wall.append(time.perf_counter() - started_wall)
    return {
        "cpu_ms": round(statistics.median(cpu) * 1000, 1),
        "wall_ms": round(statistics.median(wall) * 1000, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    load = tuple(round(x, 2) for x in os.getloadavg())
    rows = {name: timed(make(), args.rounds) for name, make in CANDIDATES.items()}
    print(f"-- one password check, median of {args.rounds}; load average {load}")
    for name, row in rows.items():
        print(f"   {name:58} CPU {row['cpu_ms']:6.1f} ms   wall {row['wall_ms']:6.1f} ms")
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    report = {"rounds": args.rounds, "load_average": load, "checks": rows}
    (RESULTS_DIR / "password-hash.json").write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
