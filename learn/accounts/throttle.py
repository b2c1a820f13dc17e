"""Slowing down password guessing without locking out the account's owner.

This follows OWASP's "Slow Down Online Guessing Attacks with Device Cookies":

- A browser that has signed in as an account carries a *device cookie* for it
  (`learn.accounts.devices`). A sign-in for that username from that browser is trusted:
  failures made elsewhere — for the account, or from the same school address — never delay
  it. Its own failures count against the cookie alone: after MAX_DEVICE_FAILURES within
  WINDOW the cookie is no longer trusted, and that browser is treated like any other.
- Every other attempt (a new browser, a program asking for an API token) meets growing
  delays instead of a hard lock: after FREE_ACCOUNT_FAILURES failures for one account within
  WINDOW, each further attempt must wait 1 s, 2 s, 4 s … (at most MAX_ACCOUNT_DELAY) after
  the last failure; per client address the same after FREE_ADDRESS_FAILURES, which is
  generous because a whole class signs in from one school address (at most
  MAX_ADDRESS_DELAY). A refused attempt does not check the password, so guessing cannot go
  on while refused.

The counts live in the app process's memory: enough for the single-process classroom
install, and a restart forgets them. A multi-process deployment gets delays per process
(still a brake on guessing: Flask-Limiter in learn/security.py counts across processes
with Redis).
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
from learn.errors import AppError
from learn.models import User
from learn.models.base import utcnow

FREE_ACCOUNT_FAILURES = 5
FREE_ADDRESS_FAILURES = 100
MAX_DEVICE_FAILURES = 5
MAX_ACCOUNT_DELAY = timedelta(minutes=5)
MAX_ADDRESS_DELAY = timedelta(minutes=1)
WINDOW = timedelta(minutes=15)
# Keys of random usernames must not grow memory without bound: prune past this many.
PRUNE_ABOVE = 10_000


class TooManyAttempts(AppError):
    """Sign-ins refused for a while (429, with Retry-After)."""

    status = 429

    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__(
            f"Too many failed sign-ins. Please wait {wait_words(retry_after_seconds)}.",
            headers={"Retry-After": str(retry_after_seconds)},
        )
        self.retry_after_seconds = retry_after_seconds


def wait_words(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


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

    def count(self, key: str) -> int:
        with self._lock:
            return len(self._recent(key, self.clock()))

    def delay(self, key: str, free: int, longest: timedelta) -> int:
        """Seconds `key` must still wait: none for its first `free` failures in the window,
        then 1 s after the last failure, doubling with each further one up to `longest`."""
        with self._lock:
            now = self.clock()
            times = self._recent(key, now)
            if len(times) < free:
                return 0
            wait = min(timedelta(seconds=2 ** (len(times) - free)), longest)
            return max(0, math.ceil((times[-1] + wait - now).total_seconds()))

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


def device_is_trusted(device: str | None) -> bool:
    """A device cookie's nonce that has not used up its own failures."""
    return device is not None and failure_log().count("device:" + device) < MAX_DEVICE_FAILURES


def authenticate_throttled(username: str, password: str, device: str | None = None) -> User | None:
    """`service.authenticate`, refusing (TooManyAttempts) while a delay runs.

    `device` is the nonce of this browser's device cookie for `username` (None without
    one): a trusted device is judged by its own failures only. A success clears the
    account's failures.
    """
    log = failure_log()
    if device_is_trusted(device):
        keys = ["device:" + str(device)]
    else:
        user_key = "user:" + service.username_key(username)
        address_key = "addr:" + (request.remote_addr or "?")
        keys = [user_key, address_key]
        wait = max(
            log.delay(user_key, FREE_ACCOUNT_FAILURES, MAX_ACCOUNT_DELAY),
            log.delay(address_key, FREE_ADDRESS_FAILURES, MAX_ADDRESS_DELAY),
        )
        if wait:
            raise TooManyAttempts(wait)
    user = service.authenticate(username, password)
    if user is None:
        for key in keys:
            log.record(key)
    else:
        log.forget("user:" + service.username_key(username))
    return user
