"""Slowing down password guessing: after too many failed sign-ins for one username (or from
one address) within a window, further attempts are refused until the window moves on.

The counts live in the app process's memory: enough for the single-process classroom
install, and a restart forgets them. A multi-process deployment gets a limit per process
(still a brake on guessing); a shared store would be the next step if that matters.
"""

from __future__ import annotations

import math
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask import current_app, request

from learn.accounts import service
from learn.models import User
from learn.models.base import utcnow

MAX_FAILURES_PER_USERNAME = 5
MAX_FAILURES_PER_ADDRESS = 30
WINDOW = timedelta(minutes=15)
# Keys of random usernames must not grow memory without bound: prune past this many.
PRUNE_ABOVE = 10_000


class TooManyAttempts(Exception):
    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__(f"retry after {retry_after_seconds} s")
        self.retry_after_seconds = retry_after_seconds

    @property
    def message(self) -> str:
        minutes = max(1, math.ceil(self.retry_after_seconds / 60))
        unit = "minute" if minutes == 1 else "minutes"
        return f"Too many failed sign-ins. Try again in {minutes} {unit}."


@dataclass
class FailureLog:
    window: timedelta = WINDOW
    clock: Callable[[], datetime] = utcnow
    _failures: dict[str, deque[datetime]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _recent(self, key: str, now: datetime) -> deque[datetime]:
        times = self._failures.get(key, deque())
        while times and now - times[0] >= self.window:
            times.popleft()
        return times

    def retry_after(self, key: str, limit: int) -> int:
        """Seconds until `key` may try again; 0 when it may now."""
        with self._lock:
            now = self.clock()
            times = self._recent(key, now)
            if len(times) < limit:
                return 0
            return max(1, math.ceil((times[-limit] + self.window - now).total_seconds()))

    def record(self, key: str) -> None:
        with self._lock:
            now = self.clock()
            if len(self._failures) > PRUNE_ABOVE:
                for stale in [k for k in self._failures if not self._recent(k, now)]:
                    del self._failures[stale]
            times = self._recent(key, now)
            times.append(now)
            self._failures[key] = times

    def forget(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)


def failure_log() -> FailureLog:
    log = current_app.extensions.get("sahifa.signin_failures")
    if log is None:
        log = current_app.extensions.setdefault("sahifa.signin_failures", FailureLog())
    return log


def _limits() -> tuple[int, int]:
    config = current_app.config
    return (
        int(config.get("SIGNIN_MAX_FAILURES_PER_USERNAME", MAX_FAILURES_PER_USERNAME)),
        int(config.get("SIGNIN_MAX_FAILURES_PER_ADDRESS", MAX_FAILURES_PER_ADDRESS)),
    )


def authenticate_throttled(username: str, password: str) -> User | None:
    """`service.authenticate`, refusing (TooManyAttempts) while a limit is reached.

    A refused attempt does not even check the password, so guessing cannot go on while
    refused; a success clears the username's failures.
    """
    log = failure_log()
    per_user, per_address = _limits()
    user_key = "user:" + service.username_key(username)
    address_key = "addr:" + (request.remote_addr or "?")
    wait = max(log.retry_after(user_key, per_user), log.retry_after(address_key, per_address))
    if wait:
        raise TooManyAttempts(wait)
    user = service.authenticate(username, password)
    if user is None:
        log.record(user_key)
        log.record(address_key)
    else:
        log.forget(user_key)
    return user
