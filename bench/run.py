"""`make bench`: run every benchmark script in bench/ and print their reports.

Each script is run in its own process (so start-up and memory figures are its own) and
writes its JSON results under bench/results/. Copy the figures you quote into
docs/benchmarks.md together with this command.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
# Run order: the analysis engine first, since later benchmarks reuse its built database.
SCRIPTS = (
    "nlp_bench.py",
    "lessons_bench.py",
    "names_bench.py",
    "peer_lute.py",
    "password_hash.py",
    "request_profile.py",
    "load.py",
)


def main() -> int:
    failures = 0
    for name in SCRIPTS:
        script = BENCH_DIR / name
        if not script.exists():
            print(f"-- {name}: not present, skipped")
            continue
        print(f"== {name}", flush=True)
        result = subprocess.run([sys.executable, str(script)], check=False)
        if result.returncode != 0:
            print(f"-- {name} failed with exit code {result.returncode}")
            failures += 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
