"""Where passwords are hashed and checked: a few threads of each app process, at a lower CPU
priority than the threads serving pages.

A class signs in at once, and each sign-in costs one Argon2id check: tens of milliseconds
of CPU by design, against a few for the pages the same students ask for next (the quiz
dashboard, starting the quiz). On the same threads at the same priority, every page waits
behind the checks queued before it. Here the checks run on threads of their own with nice
10 (Linux keeps a nice value per thread), so the scheduler gives the cores to the pages
first and the checks take the rest: the machine does the same work, no check is weakened,
and a signed-in student's next page does not wait for the whole class's passwords. The
request's own thread waits for its check's result without holding the GIL.

docs/benchmarks.md ("Load") has the measurements; docs/security.md the hash itself.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

Result = TypeVar("Result")

# 10 of 19 steps down: such a thread gets about a tenth of a core that a page also wants,
# and every idle moment of it.
NICENESS = 10
THREAD_NAME = "password-hash"


def lower_this_threads_priority() -> None:
    """Give the calling thread (only it, on Linux) NICENESS; elsewhere nothing changes,
    since there the call would name a process, not a thread."""
    if not sys.platform.startswith("linux"):
        return
    # A sandbox may forbid it: the checks then run at the normal priority.
    with contextlib.suppress(OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICENESS)


class HashThreads:
    """One thread per core in each process (a gunicorn worker forked from the master starts
    its own: threads do not survive a fork), so the checks alone can fill the machine."""

    def __init__(self, size: int | None = None) -> None:
        self.size = size or os.cpu_count() or 1
        self._lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None
        self._pid = 0

    def _executor(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._pool is None or self._pid != os.getpid():
                self._pool = ThreadPoolExecutor(
                    self.size, THREAD_NAME, initializer=lower_this_threads_priority
                )
                self._pid = os.getpid()
            return self._pool

    def run(self, work: Callable[..., Result], *args: object) -> Result:
        """`work(*args)` on a hashing thread; its result, or its exception, here."""
        return self._executor().submit(work, *args).result()


HASH_THREADS = HashThreads()
